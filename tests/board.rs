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
