//! `union-quiz preview`: the screen at 80x24 in both languages (insta
//! snapshots), the keys, and reloading on save, driven without sleeping
//! (the watch is given each look's time).

mod engine_support;
mod resilience_support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use union_quiz::bank;
use union_quiz::engine::{AttemptPlan, Overrides};
use union_quiz::i18n::Lang;
use union_quiz::preview::state::{Control, Preview, Step, control};
use union_quiz::preview::{open, poll};
use union_quiz::watch::POLL;

const MOT_CUA: &str = "tests/fixtures/banks/good/mot-cua.yaml";
const ON_TAP: &str = "tests/fixtures/preview/on-tap.yaml";

fn screen(p: &Preview) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(p, f.area()))
        .expect("draw");
    resilience_support::buffer_text(terminal.backend().buffer())
}

fn both(name: &str, build: impl Fn(Lang) -> Preview) {
    for (lang, suffix) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        insta::assert_snapshot!(format!("{name}_{suffix}"), screen(&build(lang)));
    }
}

fn of(path: &str, lang: Lang) -> Preview {
    Preview::open(&[PathBuf::from(path)], lang, 1)
}

fn key(code: KeyCode) -> Control {
    control(KeyEvent::new(code, KeyModifiers::NONE), false)
}

#[test]
fn screen_one_answer_question() {
    both("preview_one_answer", |lang| of(MOT_CUA, lang));
}

#[test]
fn screen_several_answers_question() {
    both("preview_several_answers", |lang| {
        let mut p = of(MOT_CUA, lang);
        p.step(key(KeyCode::End));
        assert_eq!(p.question, 2);
        p
    });
}

#[test]
fn screen_practice_bank() {
    both("preview_practice", |lang| {
        let mut p = of(ON_TAP, lang);
        p.step(key(KeyCode::Right));
        p
    });
}

#[test]
fn screen_broken_save_keeps_the_last_good_version_under_a_banner() {
    both("preview_broken_save", |lang| {
        let mut p = of(MOT_CUA, lang);
        let good = std::fs::read_to_string(MOT_CUA).expect("fixture");
        let broken = good
            .replace("    answer: B\n", "    answer: E\n")
            .replace("pick: 2", "pick: 0");
        let loaded = bank::load_bytes(Path::new(MOT_CUA), broken.as_bytes());
        p.files[0].apply(loaded.map(|bank| bank::Located {
            bank,
            lines: Vec::new(),
        }));
        assert!(p.files[0].good.is_some() && p.files[0].broken.is_some());
        p
    });
}

#[test]
fn screen_shuffled_and_help() {
    both("preview_shuffled", |lang| {
        let mut p = of(MOT_CUA, lang);
        p.step(key(KeyCode::Char('s')));
        p
    });
    both("preview_help", |lang| {
        let mut p = of(MOT_CUA, lang);
        p.step(key(KeyCode::Char('?')));
        p
    });
}

#[test]
fn screen_goto_prompt_and_not_found() {
    let mut p = of(MOT_CUA, Lang::Vi);
    p.step(key(KeyCode::Char('g')));
    for c in "nd9".chars() {
        p.step(control(
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            true,
        ));
    }
    let s = screen(&p);
    assert!(
        s.contains("Đến câu (số hoặc mã): nd9_   Enter đến · Esc thôi"),
        "{s}"
    );
    p.step(control(
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
        true,
    ));
    let s = screen(&p);
    assert!(s.contains("Không có câu \"nd9\" trong bộ đề này."), "{s}");
    assert_eq!(p.question, 0);
}

#[test]
fn keys_move_between_questions_and_go_to_a_number_or_an_id() {
    let mut p = of(MOT_CUA, Lang::Vi);
    p.step(key(KeyCode::Left));
    assert_eq!(p.question, 0, "stays on the first");
    p.step(key(KeyCode::PageDown));
    assert_eq!(p.question, 1);
    p.step(key(KeyCode::Right));
    p.step(key(KeyCode::Right));
    assert_eq!(p.question, 2, "stays on the last");
    p.step(key(KeyCode::PageUp));
    assert_eq!(p.question, 1);
    p.step(key(KeyCode::Home));
    assert_eq!(p.question, 0);
    let go = |p: &mut Preview, what: &str| {
        assert_eq!(p.step(key(KeyCode::Char('g'))), Step::Continue);
        for c in what.chars() {
            p.step(control(
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                p.goto.is_some(),
            ));
        }
        p.step(control(
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            true,
        ));
    };
    go(&mut p, "3");
    assert_eq!(p.question, 2);
    go(&mut p, "nd61-hieu-luc");
    assert_eq!(p.question, 0);
    // "4" is not a number of this bank, nor an id.
    go(&mut p, "4");
    assert_eq!(p.question, 0);
    assert!(p.notice.is_some());
    // Esc closes the prompt, then quits.
    p.step(key(KeyCode::Char('g')));
    assert_eq!(
        p.step(control(
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            true
        )),
        Step::Continue
    );
    assert!(p.goto.is_none());
    assert_eq!(p.step(key(KeyCode::Esc)), Step::Quit);
    assert_eq!(
        of(MOT_CUA, Lang::Vi).step(control(
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            false
        )),
        Step::Quit
    );
}

#[test]
fn s_shows_the_choices_in_the_order_the_engine_draws_them() {
    let mut p = of(MOT_CUA, Lang::Vi);
    assert_eq!(p.order(), [0, 1, 2, 3]);
    p.step(key(KeyCode::Char('s')));
    let located = p.located().expect("bank").clone();
    let all = Overrides {
        pick: Some(3),
        time_limit: None,
    };
    let plan = AttemptPlan::draw(&located.bank, 1, &all);
    let drawn = |i: usize| {
        plan.questions
            .iter()
            .find(|d| d.index == i)
            .expect("drawn")
            .order
            .to_vec()
    };
    assert_eq!(p.order(), drawn(0));
    assert_ne!(
        p.order(),
        [0, 1, 2, 3],
        "seed 1 shuffles the first question"
    );
    // The third question keeps its order (shuffle_choices: false).
    p.step(key(KeyCode::End));
    assert_eq!(p.order(), [0, 1, 2, 3]);
    assert!(screen(&p).contains("giữ nguyên thứ tự lựa chọn"));
    p.step(key(KeyCode::Char('s')));
    assert!(!p.shuffled);
}

#[test]
fn tab_switches_banks_of_a_folder_and_rosters_are_left_out() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::copy(MOT_CUA, dir.path().join("a.yaml")).expect("copy");
    std::fs::copy(ON_TAP, dir.path().join("b.yaml")).expect("copy");
    std::fs::write(
        dir.path().join("roster.yaml"),
        "units:\n  - name: Công đoàn Sở Tư pháp\n",
    )
    .expect("write");
    let (mut p, _) = open(&dir.path().to_path_buf(), Lang::Vi, 1, Instant::now());
    assert_eq!(p.files.len(), 2);
    p.step(key(KeyCode::End));
    p.step(key(KeyCode::Tab));
    assert_eq!((p.bank, p.question), (1, 0));
    assert!(screen(&p).contains("Bộ đề 2/2"));
    p.step(key(KeyCode::Tab));
    assert_eq!(p.bank, 0);
    p.step(key(KeyCode::BackTab));
    assert_eq!(p.bank, 1);
}

/// The watch sees a save after two looks; each look is given its time.
struct Clock {
    now: Instant,
}

impl Clock {
    fn looks(&mut self, p: &mut Preview, w: &mut union_quiz::watch::Watch, path: &PathBuf) -> bool {
        let mut changed = false;
        for _ in 0..2 {
            self.now += POLL;
            changed |= poll(p, w, path, self.now);
        }
        changed
    }
}

#[test]
fn a_save_reloads_on_the_same_question_by_id_else_by_number() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("mot-cua.yaml");
    let good = std::fs::read_to_string(MOT_CUA).expect("fixture");
    std::fs::write(&file, &good).expect("write");
    let mut clock = Clock {
        now: Instant::now(),
    };
    let (mut p, mut w) = open(&file, Lang::Vi, 1, clock.now);
    assert!(!clock.looks(&mut p, &mut w, &file), "nothing saved yet");
    p.step(key(KeyCode::End));
    assert_eq!(p.question, 2);

    // A question added before it: it is now the fourth, found by its id.
    let added = good.replace(
        "  - id: nd61-thay-the",
        "  - text: Câu mới?\n    choices: [Có, Không]\n    answer: A\n  - id: nd61-thay-the",
    );
    std::fs::write(&file, &added).expect("write");
    assert!(clock.looks(&mut p, &mut w, &file));
    assert_eq!(p.question, 3);
    assert_eq!(p.located().expect("bank").bank.questions.len(), 4);
    assert_eq!(p.located().expect("bank").lines[3], 39);

    // Its id changed: the same number.
    std::fs::write(
        &file,
        added.replace("id: nd61-thay-the", "id: nd61-thay-the-2"),
    )
    .expect("write");
    assert!(clock.looks(&mut p, &mut w, &file));
    assert_eq!(p.question, 3);

    // A broken save: the last good version stays, under the diagnostics.
    std::fs::write(
        &file,
        added.replace("    answer: [A, B]\n", "    answer: [A, F]\n"),
    )
    .expect("write");
    assert!(clock.looks(&mut p, &mut w, &file));
    let s = screen(&p);
    assert!(s.contains("⚠ Bản vừa lưu có lỗi"), "{s}");
    // The path (long on Windows) decides where the line wraps.
    assert!(s.contains("lỗi: đáp án \"F\" không có"), "{s}");
    assert_eq!(
        p.located().expect("bank").bank.questions[3].id,
        "nd61-thay-the-2"
    );

    // Fixed: the banner goes, the new version shows.
    std::fs::write(&file, added.replace("- 21/6/2018", "- 22/6/2018")).expect("write");
    assert!(clock.looks(&mut p, &mut w, &file));
    assert!(p.files[0].broken.is_none());
    p.step(key(KeyCode::Home));
    let s = screen(&p);
    assert!(!s.contains('⚠'), "{s}");
    assert!(s.contains("B. 22/6/2018"), "{s}");
}

#[test]
fn a_bank_broken_from_the_start_shows_only_the_banner_until_fixed() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("moi.yaml");
    std::fs::write(&file, "title: Mới\nquestions: []\n").expect("write");
    let mut clock = Clock {
        now: Instant::now(),
    };
    let (mut p, mut w) = open(&file, Lang::En, 1, clock.now);
    let s = screen(&p);
    assert!(
        s.contains("⚠ The bank has errors and cannot be shown yet"),
        "{s}"
    );
    assert!(s.contains("\"questions\" is empty"), "{s}");
    // Keys do nothing harmful on an empty preview.
    for c in [
        KeyCode::Right,
        KeyCode::End,
        KeyCode::Char('s'),
        KeyCode::Down,
    ] {
        p.step(key(c));
    }
    std::fs::write(
        &file,
        "title: Mới\nquestions:\n  - text: Câu một?\n    choices: [Có, Không]\n    answer: B\n",
    )
    .expect("write");
    assert!(clock.looks(&mut p, &mut w, &file));
    let s = screen(&p);
    assert!(!s.contains('⚠'), "{s}");
    assert!(s.contains("Right answer: B"), "{s}");
}

#[test]
fn new_banks_in_the_folder_appear_and_removed_ones_go() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path().to_path_buf();
    std::fs::copy(MOT_CUA, root.join("a.yaml")).expect("copy");
    let mut clock = Clock {
        now: Instant::now(),
    };
    let (mut p, mut w) = open(&root, Lang::Vi, 1, clock.now);
    assert_eq!(p.files.len(), 1);
    std::fs::copy(ON_TAP, root.join("b.yaml")).expect("copy");
    assert!(clock.looks(&mut p, &mut w, &root));
    assert_eq!(p.files.len(), 2);
    assert_eq!(p.bank, 0, "still on the bank shown");
    std::fs::remove_file(root.join("b.yaml")).expect("remove");
    assert!(clock.looks(&mut p, &mut w, &root));
    assert_eq!(p.files.len(), 1);
}

#[test]
fn the_subcommand_refuses_a_missing_path_and_a_pipe() {
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    let o = std::process::Command::new(bin)
        .args(["preview", "khong-co.yaml"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "union-quiz preview: không có tệp hay thư mục khong-co.yaml\n"
    );
    let o = std::process::Command::new(bin)
        .args(["preview", "--lang", "en", MOT_CUA])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "union-quiz preview: cannot use the terminal: stdout is not a terminal\n"
    );
    let empty = tempfile::tempdir().expect("dir");
    let o = std::process::Command::new(bin)
        .arg("preview")
        .arg(empty.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "union-quiz preview: không có tệp bộ đề .yaml nào ở {}\n",
            empty.path().display()
        )
    );
}
