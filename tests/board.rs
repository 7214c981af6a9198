//! `union-quiz board`: the screen at 80×24 in both languages, small
//! terminals, and re-reading the results file when a row is appended.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use union_quiz::i18n::Lang;
use union_quiz::report::board::{Board, BoardModel};
use union_quiz::results::{self, ResultRow};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/results")
        .join(name)
}

fn model(lang: Lang) -> BoardModel {
    let mut board = Board::new(&fixture("small.csv"), lang);
    assert!(board.refresh());
    board.model
}

fn draw(model: &BoardModel, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(model, f.area()))
        .expect("draws");
    terminal
}

#[test]
fn board_at_80x24_in_vietnamese() {
    let m = model(Lang::Vi);
    // First attempts of cchc-mini: 6 members, 4 passed (see tests/report.rs).
    assert_eq!((m.attempts, m.passed, m.bad), (6, 4, 0));
    assert_eq!(m.bins, [0, 0, 2, 0, 0, 1, 0, 2, 0, 1]);
    insta::assert_snapshot!(draw(&m, 80, 24).backend());
}

#[test]
fn board_at_80x24_in_english() {
    insta::assert_snapshot!(draw(&model(Lang::En), 80, 24).backend());
}

#[test]
fn board_waits_for_the_first_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut board = Board::new(&dir.path().join("results.csv"), Lang::Vi);
    assert!(!board.refresh(), "nothing to read yet");
    assert_eq!(board.model, BoardModel::empty(Lang::Vi));
    insta::assert_snapshot!(draw(&board.model, 80, 24).backend());
}

#[test]
fn small_terminals_never_panic_and_ask_for_more_room() {
    let m = model(Lang::Vi);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (0, 24),
        (80, 0),
        (10, 3),
        (79, 24),
        (80, 23),
        (200, 60),
    ] {
        draw(&m, w, h);
    }
    let t = draw(&m, 79, 23);
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("Cửa sổ quá nhỏ"), "{text}");
}

fn row(id: &str, name: &str, percent: f64, duration_s: u64) -> ResultRow {
    ResultRow {
        attempt_id: id.into(),
        finished_at: "2026-11-20T11:05:00+07:00".into(),
        member_name: name.into(),
        member_code: String::new(),
        unit: "Công đoàn Sở Y tế".into(),
        bank_id: "cchc-mini".into(),
        bank_title: "Cải cách hành chính — bài kiểm tra ngắn".into(),
        bank_sha256: String::new(),
        score: percent / 25.0,
        max_score: 4.0,
        percent,
        passed: percent >= 50.0,
        answered: 4,
        questions: 4,
        duration_s,
        time_limit_s: Some(600),
        timed_out: false,
        seed: 9,
        answers: "q1:B;q2:A;q3:D;q4:AC".into(),
        app_version: "0.1.0".into(),
    }
}

#[test]
fn an_appended_row_shows_on_the_next_refresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results.csv");
    std::fs::copy(fixture("small.csv"), &path).expect("copies");
    let mut board = Board::new(&path, Lang::Vi);
    assert!(board.refresh());
    let before = board.model.clone();
    assert!(!board.refresh(), "unchanged file: no re-read");

    results::append_row(&path, &row("a9", "Vũ Thị Giang", 100.0, 240)).expect("appends");
    assert!(board.refresh(), "the new row is seen on the next wake");
    let after = &board.model;
    assert_ne!(after, &before);
    assert_eq!(after.attempts, 7);
    // 100 % in 240 s beats An's 100 % in 300 s.
    let top: Vec<(u32, &str)> = after
        .members
        .iter()
        .take(2)
        .map(|m| (m.rank, m.name.as_str()))
        .collect();
    assert_eq!(top, vec![(1, "Vũ Thị Giang"), (2, "Nguyễn Văn An")]);
    assert_eq!(after.bins[9], 2);
    assert!(after.units.iter().any(|u| u.unit == "Công đoàn Sở Y tế"));
}

#[test]
fn a_results_file_that_appears_later_is_picked_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results").join("results.csv");
    let mut board = Board::new(&path, Lang::En);
    assert!(!board.refresh());
    results::append_row(&path, &row("b1", "Ngô Văn Hùng", 75.0, 300)).expect("appends");
    assert!(board.refresh());
    assert_eq!(board.model.attempts, 1);
    assert_eq!(
        board.model.bank_title.as_deref(),
        Some("Cải cách hành chính — bài kiểm tra ngắn")
    );
}

#[test]
fn bad_rows_are_counted_on_the_board() {
    let mut board = Board::new(&fixture("bad.csv"), Lang::Vi);
    assert!(board.refresh());
    assert_eq!((board.model.attempts, board.model.bad), (2, 2));
}

/// The screen as lines of text.
fn screen(model: &BoardModel, width: u16, height: u16) -> Vec<String> {
    let t = draw(model, width, height);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_owned()))
                .collect()
        })
        .collect()
}

/// A row of a second bank, finished after every row of small.csv.
fn other_bank_row(id: &str, name: &str, minute: u32) -> ResultRow {
    let mut r = row(id, name, 50.0, 400);
    r.bank_id = "luat-cong-doan".into();
    r.bank_title = "Luật Công đoàn 2012".into();
    r.finished_at = format!("2026-11-20T13:{minute:02}:00+07:00");
    r
}

#[test]
fn another_banks_row_does_not_hide_the_first_for_good() {
    use union_quiz::report::board::{BankChoice, Control};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results.csv");
    std::fs::copy(fixture("small.csv"), &path).expect("copies");
    let mut board = Board::new(&path, Lang::Vi);
    assert!(board.refresh());
    assert_eq!(board.model.bank_id.as_deref(), Some("cchc-mini"));
    // One bank: nothing to switch to, and the choice stays "newest".
    assert!(!board.step(Control::NextBank));
    assert_eq!(board.choice(), &BankChoice::Newest);

    // A row of another bank: the board follows it, as before.
    results::append_row(&path, &other_bank_row("l1", "Mai Văn Hòa", 0)).expect("appends");
    assert!(board.refresh());
    assert_eq!(board.model.bank_id.as_deref(), Some("luat-cong-doan"));
    assert_eq!(board.model.banks, ["cchc-mini", "luat-cong-doan"]);
    assert_eq!(board.model.attempts, 1);
    assert!(board.model.following);

    // ← brings the first bank back, with its six attempts.
    assert!(board.step(Control::PreviousBank));
    assert_eq!(board.model.bank_id.as_deref(), Some("cchc-mini"));
    assert_eq!((board.model.attempts, board.model.passed), (6, 4));
    assert!(!board.model.following);
    // The choice is kept when the other bank gets more rows.
    results::append_row(&path, &other_bank_row("l2", "Lý Thị Yến", 1)).expect("appends");
    assert!(board.refresh());
    assert_eq!(board.model.bank_id.as_deref(), Some("cchc-mini"));
    assert_eq!(board.model.attempts, 6);
    // → and Tab go round the banks.
    assert!(board.step(Control::NextBank));
    assert_eq!(board.model.bank_id.as_deref(), Some("luat-cong-doan"));
    assert_eq!(board.model.attempts, 2);
    assert!(board.step(Control::NextBank));
    assert_eq!(board.model.bank_id.as_deref(), Some("cchc-mini"));
}

#[test]
fn board_bank_pins_a_bank_from_the_start() {
    use union_quiz::report::board::{BankChoice, Control};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results.csv");
    std::fs::copy(fixture("small.csv"), &path).expect("copies");
    results::append_row(&path, &other_bank_row("l1", "Mai Văn Hòa", 0)).expect("appends");
    let pinned = BankChoice::Chosen("cchc-mini".into());
    let mut board = Board::with_choice(&path, Lang::Vi, pinned.clone());
    assert!(board.refresh());
    assert_eq!(board.model.bank_id.as_deref(), Some("cchc-mini"));
    assert_eq!(board.model.attempts, 6);
    results::append_row(&path, &other_bank_row("l2", "Lý Thị Yến", 1)).expect("appends");
    assert!(board.refresh());
    assert_eq!(board.choice(), &pinned);
    assert_eq!(board.model.bank_id.as_deref(), Some("cchc-mini"));

    // A bank with no row yet waits for it, named by its id.
    let mut later = Board::with_choice(&path, Lang::Vi, BankChoice::Chosen("sau".into()));
    assert!(later.refresh());
    assert_eq!(later.model.bank_title.as_deref(), Some("sau"));
    assert_eq!(later.model.attempts, 0);
    let lines = screen(&later.model, 80, 24);
    assert!(
        lines[23].starts_with("Bộ đề —/2: sau (đã chọn)"),
        "{lines:#?}"
    );
    // From there → goes to the file's first bank.
    assert!(later.step(Control::NextBank));
    assert_eq!(later.model.bank_id.as_deref(), Some("cchc-mini"));
}

#[test]
fn keys_switch_banks_and_quit() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    use union_quiz::report::board::{Control, control};
    let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(control(press(KeyCode::Right)), Control::NextBank);
    assert_eq!(control(press(KeyCode::Tab)), Control::NextBank);
    assert_eq!(control(press(KeyCode::Left)), Control::PreviousBank);
    assert_eq!(control(press(KeyCode::BackTab)), Control::PreviousBank);
    assert_eq!(control(press(KeyCode::Char('q'))), Control::Quit);
    assert_eq!(control(press(KeyCode::Esc)), Control::Quit);
    assert_eq!(
        control(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Control::Quit
    );
    assert_eq!(control(press(KeyCode::Char('c'))), Control::Nothing);
    let mut release = press(KeyCode::Right);
    release.kind = KeyEventKind::Release;
    assert_eq!(control(release), Control::Nothing);
}

#[test]
fn the_footer_says_which_bank_and_how_to_switch() {
    use union_quiz::report::board::Control;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("results.csv");
    std::fs::copy(fixture("small.csv"), &path).expect("copies");
    results::append_row(&path, &other_bank_row("l1", "Mai Văn Hòa", 0)).expect("appends");
    let mut board = Board::new(&path, Lang::Vi);
    assert!(board.refresh());
    let lines = screen(&board.model, 80, 24);
    assert!(
        lines[23].starts_with("Bộ đề 2/2: luat-cong-doan (theo bài mới nhất)"),
        "{}",
        lines[23]
    );
    assert!(
        lines[23].ends_with("←/→ Tab: đổi bộ đề · q: thoát"),
        "{}",
        lines[23]
    );
    board.step(Control::PreviousBank);
    insta::assert_snapshot!(
        "board_two_banks_chosen_vi",
        draw(&board.model, 80, 24).backend()
    );
    let mut en = Board::new(&path, Lang::En);
    assert!(en.refresh());
    insta::assert_snapshot!(
        "board_two_banks_following_en",
        draw(&en.model, 80, 24).backend()
    );
}

#[test]
fn long_names_and_units_are_cut_with_an_ellipsis_names_first() {
    let mut a = row("c1", "Nguyễn Thị Thanh Hương", 90.0, 300);
    a.unit = "Công đoàn Cục Thuế tỉnh Quảng Nam".into();
    let mut b = row("c2", "Tôn Nữ Hoàng Phương Thảo", 60.0, 400);
    b.unit = "Công đoàn Kho bạc Nhà nước tỉnh".into();
    let m = BoardModel::from_rows(&[a, b], 0, Lang::Vi);
    let lines = screen(&m, 80, 24);
    // At 80 columns names get two thirds of the room left by the figures,
    // units the rest; both are cut at a word, with "…", never silently.
    assert!(
        lines[3].starts_with("│   1 Nguyễn Thị Thanh…   Cục Thuế… 90,0   5:00│"),
        "{lines:#?}"
    );
    assert!(
        lines[4].starts_with("│   2 Tôn Nữ Hoàng…       Kho bạc…  60,0   6:40│"),
        "{lines:#?}"
    );
    // The units panel cuts them too.
    assert!(
        lines[3].ends_with("│   1 Cục Thuế…          1 90,0│"),
        "{lines:#?}"
    );
    assert!(
        lines[4].ends_with("│   2 Kho bạc Nhà…       1 60,0│"),
        "{lines:#?}"
    );
    // A wider projector shows them whole.
    let wide = screen(&m, 120, 24);
    assert!(
        wide[3].contains("Nguyễn Thị Thanh Hương") && wide[3].contains("Cục Thuế tỉnh Quảng Nam"),
        "{wide:#?}"
    );
    assert!(wide[4].contains("Tôn Nữ Hoàng Phương Thảo"), "{wide:#?}");
}

#[test]
fn the_histogram_uses_the_width_and_labels_the_last_bin_whole() {
    let m = model(Lang::Vi);
    let bar_run = |lines: &[String]| {
        lines
            .iter()
            .map(|l| {
                l.split(|c| c != '█')
                    .map(|run| run.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    };
    let narrow = screen(&m, 80, 24);
    let axis = &narrow[21];
    assert!(
        axis.trim_end_matches('│')
            .trim_end()
            .ends_with("80    90–100"),
        "{axis}"
    );
    assert_eq!(bar_run(&narrow[15..21]), 6);
    // 200 columns: ten bars of (198 − 9 × 2) / 10 = 18 cells.
    let wide = screen(&m, 200, 24);
    assert_eq!(bar_run(&wide[15..21]), 18);
    assert!(wide[21].contains("90–100"), "{}", wide[21]);
}

#[test]
fn with_the_roster_absent_units_come_last_with_participation() {
    use union_quiz::report::board::BankChoice;
    let roster_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/roster.yaml");
    let roster = union_quiz::roster::load(&roster_path).expect("roster loads");
    let mut board = Board::with_choice(&fixture("small.csv"), Lang::Vi, BankChoice::Newest)
        .roster(Some(roster));
    assert!(board.refresh());
    let m = &board.model;
    // Kho bạc 2 of 45 = 4.4 %, Tư pháp 2 of 20 = 10 %, Nội vụ no head
    // count; Y tế has no participant yet: last, unranked, 0 of 30.
    type Unit<'a> = (Option<u32>, &'a str, Option<f64>, Option<f64>);
    let units: Vec<Unit<'_>> = m
        .units
        .iter()
        .map(|u| (u.rank, u.unit.as_str(), u.mean_percent, u.participation))
        .collect();
    assert_eq!(units.len(), 4);
    assert_eq!(
        units[1],
        (Some(2), "Công đoàn Sở Tư pháp", Some(62.5), Some(10.0))
    );
    assert_eq!(units[2], (Some(3), "Công đoàn Sở Nội vụ", Some(25.0), None));
    assert_eq!(units[3], (None, "Công đoàn Sở Y tế", None, Some(0.0)));
    assert_eq!(m.roster_units, Some((3, 4)));
    let lines = screen(m, 80, 24);
    assert!(
        lines[0].ends_with("bài kiểm…  6 bài · 4 đạt · 3/4 CĐCS dự thi"),
        "{}",
        lines[0]
    );
    assert!(
        lines[2].contains("Hạng CĐCS") && lines[2].contains("TB % Dự thi %"),
        "{}",
        lines[2]
    );
    assert!(
        lines[6].ends_with("│   — Sở Y tế        —      0,0│"),
        "{lines:#?}"
    );
    insta::assert_snapshot!("board_with_roster_vi", draw(m, 80, 24).backend());
}
