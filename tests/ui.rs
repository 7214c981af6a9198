//! The quiz screens on a `TestBackend`: every screen at 80x24 in Vietnamese
//! and English, keys and clicks, small terminals, and a whole session driven
//! by scripted keys with a fake clock that writes a row to a results file.

mod engine_support;
mod resilience_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine_support::{bank, question, ten, vietnamese};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use resilience_support::Harness as Driver;
use union_quiz::bank::{Bank, Review};
use union_quiz::engine::QuestionLock;
use union_quiz::i18n::Lang;
use union_quiz::roster::{Roster, Unit};
use union_quiz::text::width;
use union_quiz::ui::app::{Command, Field, Screen};
use union_quiz::ui::input::command_for;
use union_quiz::ui::view;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn roster() -> Roster {
    let unit = |name: &str, code: &str| Unit {
        name: name.to_owned(),
        code: Some(code.to_owned()),
        members: Some(40),
    };
    Roster {
        units: vec![
            unit("Công đoàn Sở Tư pháp", "STP"),
            unit("Công đoàn Kho bạc Nhà nước tỉnh", "KBNN"),
            unit("Công đoàn Văn phòng UBND tỉnh", "VP"),
            unit("Công đoàn Sở Nội vụ", "SNV"),
        ],
    }
}

/// The shared harness on a results file in a temporary folder of its own,
/// with the clock starting now.
struct Harness {
    driver: Driver,
    dir: tempfile::TempDir,
}

impl Harness {
    fn new(banks: Vec<Bank>, roster: Option<Roster>, lang: Lang) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let results = dir.path().join("results").join("results.csv");
        let driver = Driver::with_roster(banks, roster, &results, lang, Instant::now());
        Harness { driver, dir }
    }

    fn results(&self) -> PathBuf {
        self.dir.path().join("results").join("results.csv")
    }
}

// Keys, clock and screens are the shared harness's; only the folder is
// this file's own.
impl std::ops::Deref for Harness {
    type Target = Driver;

    fn deref(&self) -> &Driver {
        &self.driver
    }
}

impl std::ops::DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut Driver {
        &mut self.driver
    }
}

fn both(name: &str, build: impl Fn(Lang) -> String) {
    for (lang, suffix) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let screen = build(lang);
        insta::assert_snapshot!(format!("{name}_{suffix}"), screen);
    }
}

/// The display letter of bank choice `c` on the current question.
fn display_letter(h: &Harness, c: usize) -> char {
    let a = h.app.attempt().expect("attempt");
    let d = a.drawn(a.current()).expect("drawn");
    let pos = d.order.iter().position(|x| x == c).expect("choice");
    union_quiz::bank::letter(pos).to_ascii_lowercase()
}

fn two_banks() -> Vec<Bank> {
    let mut b = ten();
    b.title = "Luật Công đoàn 2012 — ôn tập".to_owned();
    b.time_limit = Some(secs(600));
    b.pick = Some(5);
    vec![vietnamese(), b]
}

#[test]
fn screen_choose_bank() {
    both("choose_bank", |lang| {
        let mut h = Harness::new(two_banks(), Some(roster()), lang);
        assert_eq!(h.app.screen(), Screen::ChooseBank);
        h.key(KeyCode::Down);
        assert_eq!(h.app.bank(), 1);
        h.key(KeyCode::Up);
        h.screen()
    });
}

#[test]
fn one_bank_skips_the_bank_list() {
    let h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    assert_eq!(h.app.screen(), Screen::Identity);
}

/// The names of the units the unit filter offers now.
fn unit_names(h: &Harness) -> Vec<String> {
    h.app
        .unit_matches()
        .iter()
        .map(|u| u.name.clone())
        .collect()
}

#[test]
fn screen_identity_with_roster_filter() {
    both("identity_roster", |lang| {
        let mut h = Harness::new(vec![vietnamese()], Some(roster()), lang);
        h.typed("Trần Văn Bình")
            .key(KeyCode::Enter)
            .key(KeyCode::Enter);
        assert_eq!(h.app.form().field, Field::Unit);
        h.typed("kho bac");
        assert_eq!(unit_names(&h), vec!["Công đoàn Kho bạc Nhà nước tỉnh"]);
        h.screen()
    });
}

#[test]
fn screen_identity_empty_name_is_refused() {
    both("identity_name_required", |lang| {
        let mut h = Harness::new(vec![vietnamese()], None, lang);
        h.typed("   ").key(KeyCode::Enter);
        assert_eq!(h.app.form().field, Field::Name);
        assert_eq!(h.app.form().error, Some(Field::Name));
        h.screen()
    });
}

#[test]
fn unit_filter_ignores_diacritics_and_case_and_matches_codes() {
    let mut h = Harness::new(vec![vietnamese()], Some(roster()), Lang::Vi);
    h.typed("Hoa").key(KeyCode::Enter).key(KeyCode::Enter);
    h.typed("SỞ");
    assert_eq!(
        unit_names(&h),
        vec!["Công đoàn Sở Tư pháp", "Công đoàn Sở Nội vụ"]
    );
    h.key(KeyCode::Down).key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Instructions);
    assert_eq!(h.app.form().unit, "Công đoàn Sở Nội vụ");
    // By code.
    let mut h = Harness::new(vec![vietnamese()], Some(roster()), Lang::Vi);
    h.typed("Hoa")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .typed("kbnn");
    assert_eq!(h.app.unit_matches().len(), 1);
    // No match: Enter stays, with a message.
    h.typed("zzz").key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Identity);
    assert_eq!(h.app.form().error, Some(Field::Unit));
}

#[test]
fn typed_and_pasted_text_is_cleaned_composed_and_capped() {
    let mut h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    // Decomposed "Việt" typed mark by mark, as some input methods send it.
    h.typed("Vie\u{0302}\u{0323}t");
    assert_eq!(h.app.form().name, "Việt");
    h.cmd(Command::Paste(" Hoa\u{1b}[31m\nBình\u{7}".to_owned()));
    assert_eq!(h.app.form().name, "Việt Hoa[31m Bình");
    h.cmd(Command::Paste("x".repeat(500)));
    assert_eq!(
        h.app.form().name.chars().count(),
        union_quiz::session::member::NAME_MAX
    );
    h.key(KeyCode::Backspace);
    assert_eq!(
        h.app.form().name.chars().count(),
        union_quiz::session::member::NAME_MAX - 1
    );
    // Names are trimmed when the form is done.
    let mut h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    h.typed("  Lê Văn Tám  ")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .typed("Công đoàn Sở Tư pháp")
        .key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Instructions);
    assert_eq!(h.app.form().name, "Lê Văn Tám");
}

#[test]
fn free_text_unit_without_roster_is_required() {
    let mut h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    h.typed("Hoa")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Identity);
    assert_eq!(h.app.form().error, Some(Field::Unit));
}

#[test]
fn screen_instructions() {
    both("instructions", |lang| {
        let mut h = Harness::new(vec![vietnamese()], Some(roster()), lang);
        h.typed("Nguyễn Thị Hoa")
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
            .typed("kho bac")
            .key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Instructions);
        assert!(h.app.attempt().is_none(), "the clock has not started");
        h.screen()
    });
}

fn fixed_vietnamese() -> Bank {
    let mut b = vietnamese();
    b.shuffle_questions = false;
    b.shuffle_choices = false;
    b
}

#[test]
fn screen_question_one_answer() {
    both("question_one", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        assert_eq!(h.app.screen(), Screen::Question);
        h.at(83).key(KeyCode::Char('b'));
        h.screen()
    });
}

#[test]
fn screen_question_several_answers_flagged() {
    both("question_several", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Char('b'))
            .key(KeyCode::F(2))
            .key(KeyCode::Right)
            .key(KeyCode::Char('1'))
            .key(KeyCode::Down)
            .key(KeyCode::Down)
            .key(KeyCode::Char(' '));
        let a = h.app.attempt().expect("attempt");
        assert_eq!(a.chosen(1), vec![0, 2]);
        assert_eq!(a.flagged(), vec![0]);
        h.at(1150).screen()
    });
}

#[test]
fn countdown_turns_to_warning_in_the_last_minutes() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    h.at(1079);
    let a = h.app.attempt().expect("attempt");
    assert!(!a.time_warning(h.now));
    assert!(h.screen().contains("Còn lại 02:01"));
    h.at(1081);
    assert!(h.app.attempt().expect("a").time_warning(h.now));
    assert!(h.screen().contains("Còn lại 01:59"));
    // The loop sleeps until the next second, never polls fast.
    h.now = h.t0 + Duration::from_millis(1_081_250);
    assert_eq!(h.app.next_wake(h.now), Some(Duration::from_millis(750)));
}

#[test]
fn screen_question_practice_feedback() {
    both("question_practice", |lang| {
        let mut b = fixed_vietnamese();
        b.review = Review::EachQuestion;
        let mut q = b.questions[0].clone();
        q.explanation = Some("Điều 39: hiệu lực từ 21/6/2018.".to_owned());
        b.questions[0] = q;
        let mut h = Harness::new(vec![b], None, lang);
        h.start_quiz();
        // One answer: choosing it is the answer, shown right or wrong at once.
        h.key(KeyCode::Char('a'));
        let a = h.app.attempt().expect("a");
        assert_eq!(a.current(), 0, "stays to show");
        assert_eq!(a.lock(0), QuestionLock::Checked);
        let screen = h.screen();
        // Locked: another letter changes nothing.
        h.key(KeyCode::Char('b'));
        assert_eq!(h.app.attempt().expect("a").chosen(0), vec![0]);
        h.key(KeyCode::Enter);
        assert_eq!(h.app.attempt().expect("a").current(), 1);
        screen
    });
}

#[test]
fn long_question_text_scrolls() {
    let mut b = fixed_vietnamese();
    b.questions[0].text = (1..=40)
        .map(|k| format!("Dòng {k} của một câu hỏi rất dài."))
        .collect::<Vec<_>>()
        .join("\n");
    let mut h = Harness::new(vec![b], None, Lang::Vi);
    h.start_quiz();
    let top = h.screen();
    assert!(top.contains("Dòng 1 của"));
    assert!(top.contains("▼ Còn nữa"));
    for _ in 0..100 {
        h.key_mod(KeyCode::Down, KeyModifiers::SHIFT);
    }
    let bottom = h.screen();
    assert!(!bottom.contains("Dòng 1 của"));
    assert!(bottom.contains("D. 15/5/2015"), "{bottom}");
    // Scrolling is bounded: one step up moves at once.
    h.key_mod(KeyCode::Up, KeyModifiers::SHIFT);
    assert_ne!(h.screen(), bottom);
    // Moving the cursor keeps the highlighted choice visible.
    let mut h2 = Harness::new(vec![h.app.banks()[0].clone()], None, Lang::Vi);
    h2.start_quiz();
    h2.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Down);
    assert!(
        h2.screen().contains("▶ ( ) D. 15/5/2015"),
        "{}",
        h2.screen()
    );
}

#[test]
fn a_click_on_a_choice_chooses_it() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    let screen = h.screen();
    let row = screen
        .lines()
        .position(|l| l.contains("C. 01/7/2018"))
        .expect("choice C drawn");
    h.cmd(Command::Click(20, u16::try_from(row).expect("row")));
    assert_eq!(h.app.attempt().expect("a").chosen(0), vec![2]);
    // A click elsewhere chooses nothing.
    h.cmd(Command::Click(20, 1));
    assert_eq!(h.app.attempt().expect("a").chosen(0), vec![2]);
}

#[test]
fn enter_on_the_last_answered_question_opens_submit() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.attempt().expect("a").current(),
        0,
        "unanswered: stays"
    );
    h.key(KeyCode::Char('b')).key(KeyCode::Enter);
    assert_eq!(h.app.attempt().expect("a").current(), 1);
    h.key(KeyCode::PageDown)
        .key(KeyCode::Char('a'))
        .key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Submit);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen(), Screen::Question);
    h.key(KeyCode::PageUp).key(KeyCode::Left);
    assert_eq!(h.app.attempt().expect("a").current(), 0);
}

#[test]
fn screen_submit_lists_unanswered_and_flagged_and_jumps_back() {
    both("submit", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Char('b'))
            .key(KeyCode::F(2))
            .key(KeyCode::Esc);
        assert_eq!(h.app.screen(), Screen::Submit);
        let screen = h.at(300).screen();
        // Jump back to question 2 (unanswered).
        h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Question);
        assert_eq!(h.app.attempt().expect("a").current(), 1);
        screen
    });
}

#[test]
fn screen_time_up_then_result() {
    both("time_up", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Char('b'));
        h.at(1200).cmd(Command::Tick);
        assert_eq!(h.app.screen(), Screen::TimeUp);
        // Nothing can change after the deadline.
        let before = h.app.attempt().expect("a").chosen(0);
        h.key(KeyCode::Char('c'));
        assert_eq!(h.app.attempt().expect("a").chosen(0), before);
        let rows = union_quiz::results::read_file(&h.results()).expect("results");
        assert_eq!(rows.rows.len(), 1);
        assert!(rows.rows[0].timed_out);
        h.screen()
    });
}

#[test]
fn a_key_after_the_deadline_shows_time_up_not_a_change() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    h.at(1300).key(KeyCode::Char('b'));
    assert_eq!(h.app.screen(), Screen::TimeUp);
    assert!(h.app.attempt().expect("a").chosen(0).is_empty());
}

fn finished(lang: Lang, review: Review) -> Harness {
    let mut b = fixed_vietnamese();
    b.review = review;
    let mut h = Harness::new(vec![b], None, lang);
    h.start_quiz();
    h.key(KeyCode::Char('b'))
        .key(KeyCode::Enter)
        .key(KeyCode::Char('a'))
        .key(KeyCode::Char('d'))
        .key(KeyCode::Right)
        .at(754)
        .key(KeyCode::Esc)
        .key(KeyCode::Char('y'));
    assert_eq!(h.app.screen(), Screen::Result);
    h
}

#[test]
fn screen_result_with_review() {
    both("result_review", |lang| {
        finished(lang, Review::AfterSubmit).screen()
    });
    both("result_review_scrolled", |lang| {
        let mut h = finished(lang, Review::AfterSubmit);
        for _ in 0..12 {
            h.key(KeyCode::Down);
        }
        h.screen()
    });
}

#[test]
fn screen_result_score_only() {
    both("result_none", |lang| {
        let h = finished(lang, Review::None);
        let s = h.screen();
        assert!(
            !s.contains("21/6/2018"),
            "no answers shown with review: none"
        );
        s
    });
}

#[test]
fn enter_on_the_result_clears_the_previous_member() {
    let mut h = finished(Lang::Vi, Review::AfterSubmit);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Identity);
    assert!(h.app.attempt().is_none());
    assert!(h.app.finished().is_none());
    assert!(h.app.form().name.is_empty());
    let s = h.screen();
    assert!(!s.contains("Hoa"), "{s}");
}

#[test]
fn screen_help_overlay_on_any_screen() {
    both("help", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Char('?'));
        assert!(h.app.help());
        let s = h.screen();
        h.key(KeyCode::Char('x'));
        assert!(!h.app.help());
        assert!(
            h.app.attempt().expect("a").chosen(0).is_empty(),
            "closing key is not an answer"
        );
        s
    });
    let mut h = Harness::new(two_banks(), None, Lang::Vi);
    h.key(KeyCode::Char('?'));
    assert!(h.app.help());
    h.key(KeyCode::F(1));
    assert!(!h.app.help());
}

#[test]
fn screen_too_small() {
    both("too_small", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        h.screen_sized(79, 23)
    });
}

#[test]
fn keys_do_nothing_while_the_window_is_too_small() {
    // On the name screen, `?` would open a help box nobody sees, which
    // would then eat the next key.
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.cmd(Command::Resize(79, 24));
    h.key(KeyCode::Char('?')).typed("An");
    assert!(!h.app.help());
    assert_eq!(h.app.form().name, "");
    h.cmd(Command::Resize(80, 24)).typed("An");
    assert_eq!(h.app.form().name, "An");
    h.key(KeyCode::Backspace).key(KeyCode::Backspace);

    // In the quiz, `c` must not answer C unseen, nor Esc open the submit
    // screen; the clock runs on, as on paper.
    h.start_quiz();
    h.cmd(Command::Resize(80, 23));
    h.typed("c").key(KeyCode::Esc).key(KeyCode::Right);
    h.cmd(Command::Click(5, 12));
    assert_eq!(h.app.screen(), Screen::Question);
    let a = h.app.attempt().expect("attempt");
    assert_eq!(a.current(), 0);
    assert_eq!(a.answered_count(), 0);
    h.at(61);
    assert!(h.screen_sized(80, 23).contains("quá nhỏ"));
    h.cmd(Command::Resize(80, 24));
    assert!(h.screen().contains("Câu 1/3"));
    h.typed("c");
    assert_eq!(h.app.attempt().expect("attempt").answered_count(), 1);

    // Leaving still works while small.
    h.cmd(Command::Resize(10, 5));
    h.key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quit);
}

#[test]
fn tiny_terminals_never_panic() {
    let mut h = Harness::new(two_banks(), Some(roster()), Lang::Vi);
    for (w, hgt) in [
        (0, 0),
        (1, 1),
        (0, 24),
        (80, 0),
        (79, 23),
        (80, 23),
        (79, 24),
        (2, 50),
    ] {
        h.cmd(Command::Resize(w, hgt));
        let _ = h.screen_sized(w, hgt);
        h.cmd(Command::Click(0, 0));
    }
    h.cmd(Command::Resize(80, 24));
    h.key(KeyCode::Enter);
    h.start_quiz();
    for (w, hgt) in [(0, 0), (1, 1), (79, 23)] {
        h.cmd(Command::Resize(w, hgt));
        let _ = h.screen_sized(w, hgt);
        h.cmd(Command::Click(5, 5)).key(KeyCode::Down);
    }
    h.cmd(Command::Resize(80, 24));
    assert!(h.screen().contains("Câu 1/3"));
}

#[test]
fn ctrl_c_quits_from_any_screen() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    h.key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quit);
}

#[test]
fn key_releases_are_ignored() {
    let h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    let mut release = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(command_for(release, &h.app), None);
}

#[test]
fn results_file_that_cannot_be_written_is_shown_before_the_first_member() {
    let dir = tempfile::tempdir().expect("dir");
    // A results "folder" that is a file: the results file cannot be created.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "x").expect("write");
    let app = resilience_support::app(
        vec![vietnamese()],
        None,
        Lang::Vi,
        &blocker.join("results.csv"),
    );
    assert!(app.results_problem.is_some());
    let mut h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    h.app = app;
    let screen = h.screen();
    assert!(screen.contains("Không ghi được tệp kết quả"), "{screen}");
}

// Windows does not remove a folder while a file in it is open (the
// attempt's lock); other tests make the row fail there.
#[cfg(unix)]
#[test]
fn a_row_that_cannot_be_written_is_reported_on_the_result_screen() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    // The results folder becomes a file after the start check.
    std::fs::remove_dir_all(h.dir.path().join("results")).expect("remove");
    std::fs::write(h.dir.path().join("results"), "x").expect("block");
    h.key(KeyCode::Char('b'))
        .key(KeyCode::Esc)
        .key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Result);
    assert!(h.screen().contains("CHƯA LƯU ĐƯỢC KẾT QUẢ"));
}

#[test]
fn whole_session_writes_a_results_row() {
    let mut b = vietnamese();
    b.shuffle_questions = true;
    let mut h = Harness::new(vec![b], Some(roster()), Lang::Vi);
    h.typed("Nguyễn Thị Hoa")
        .key(KeyCode::Enter)
        .typed("KB-017")
        .key(KeyCode::Enter)
        .typed("kho bac")
        .key(KeyCode::Enter)
        .at(0)
        .key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Question);
    // Answer by bank letters whatever the shuffled display: nd61 → B,
    // nq30c-6 → A and C, mot-cua left unanswered.
    for step in 0..3 {
        h.at(10 + step * 20);
        let index = {
            let a = h.app.attempt().expect("a");
            a.drawn(a.current()).expect("d").index
        };
        match index {
            0 => {
                let k = display_letter(&h, 1);
                h.key(KeyCode::Char(k));
            }
            1 => {
                let k1 = display_letter(&h, 0);
                let k2 = display_letter(&h, 2);
                h.key(KeyCode::Char(k1)).key(KeyCode::Char(k2));
            }
            _ => {}
        }
        h.key(KeyCode::Right);
    }
    h.at(95).key(KeyCode::Esc);
    assert_eq!(h.app.screen(), Screen::Submit);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Result);

    let read = union_quiz::results::read_file(&h.results()).expect("read");
    assert!(read.bad.is_empty());
    assert_eq!(read.rows.len(), 1);
    let row = &read.rows[0];
    let a = h.app.attempt().expect("a");
    let order: Vec<&str> = a
        .plan()
        .questions
        .iter()
        .map(|d| h.app.banks()[0].questions[d.index].id.as_str())
        .collect();
    let expected: Vec<String> = order
        .iter()
        .map(|id| match *id {
            "nd61-hieu-luc" => "nd61-hieu-luc:B".to_owned(),
            "nq30c-6" => "nq30c-6:AC".to_owned(),
            other => format!("{other}:-"),
        })
        .collect();
    assert_eq!(row.answers, expected.join(";"));
    assert_eq!(row.member_name, "Nguyễn Thị Hoa");
    assert_eq!(row.member_code, "KB-017");
    assert_eq!(row.unit, "Công đoàn Kho bạc Nhà nước tỉnh");
    assert_eq!(row.bank_id, "cchc-2018-chung");
    // nd61 right; nq30c-6 wants A and B, so A and C scores nothing.
    assert_eq!(row.score, 1.0);
    assert_eq!(row.max_score, 3.0);
    assert!(
        (row.percent - 33.3).abs() < 1e-9,
        "one decimal: {}",
        row.percent
    );
    assert!(!row.passed);
    assert_eq!(row.answered, 2);
    assert_eq!(row.questions, 3);
    assert_eq!(row.duration_s, 95);
    assert_eq!(row.time_limit_s, Some(1200));
    assert!(!row.timed_out);
    assert_eq!(row.seed, 7);
    assert_eq!(row.attempt_id.len(), 16);
    assert!(row.attempt_id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(row.app_version, "0.1.0");
    // RFC 3339 with an offset, no time zone name.
    assert!(
        row.finished_at.parse::<jiff::Timestamp>().is_ok(),
        "{}",
        row.finished_at
    );
    assert!(!row.finished_at.contains('['), "{}", row.finished_at);
    // The raw line: percent with one decimal, booleans as words.
    let raw = std::fs::read_to_string(h.results()).expect("raw");
    assert!(raw.starts_with('\u{feff}'));
    assert!(
        raw.contains(",1,3,33.3,false,2,3,95,1200,false,7,"),
        "{raw}"
    );
    // The next member starts from a clean screen; a second row is appended.
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Identity);
}

#[test]
fn once_quits_after_the_result() {
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.app.settings.once = true;
    h.start_quiz();
    h.key(KeyCode::Esc).key(KeyCode::Char('y'));
    assert_eq!(h.app.screen(), Screen::Result);
    h.key(KeyCode::Enter);
    assert!(h.app.quit);
}

#[test]
fn per_question_limit_moves_the_screen_on() {
    let mut b = fixed_vietnamese();
    b.question_time_limit = Some(secs(30));
    let mut h = Harness::new(vec![b], None, Lang::Vi);
    h.start_quiz();
    h.at(31).cmd(Command::Tick);
    assert_eq!(h.app.attempt().expect("a").current(), 1);
    let s = h.screen();
    assert!(
        s.contains("Hết giờ cho câu 1; đã chuyển sang câu 2."),
        "{s}"
    );
    assert!(s.contains("Câu này còn 00:29"), "{s}");
}

/// 45 yes/no questions in the bank's order: more than the question strip
/// and the submit list can show at once.
fn big_bank() -> Bank {
    let qs = (1..=45)
        .map(|k| {
            question(
                &format!("q{k}"),
                &format!("Câu hỏi số {k}?"),
                &["Có", "Không"],
                &[0],
            )
        })
        .collect();
    let mut b = bank("big", qs);
    b.shuffle_questions = false;
    b
}

#[test]
fn many_questions_fit_the_strip() {
    let mut h = Harness::new(vec![big_bank()], None, Lang::Vi);
    h.start_quiz();
    for _ in 0..40 {
        h.key(KeyCode::Right);
    }
    let s = h.screen();
    assert!(s.contains("[41  ]"), "{s}");
    assert!(s.contains("Câu 41/45"));
}

#[test]
fn the_strip_says_how_many_questions_follow_when_they_do_not_fit() {
    // 29 questions at 80 columns: two rows of 12, and "+5" for the rest.
    let mut b = big_bank();
    b.questions.truncate(29);
    let mut h = Harness::new(vec![b], None, Lang::Vi);
    h.start_quiz();
    let s = h.screen();
    let strip: Vec<&str> = s.lines().skip(2).take(2).collect();
    assert!(strip[1].ends_with("24    +5"), "{s}");
    insta::assert_snapshot!("strip_more_questions", s);
    // On the last row of questions nothing follows: no mark.
    for _ in 0..28 {
        h.key(KeyCode::Right);
    }
    let s = h.screen();
    assert!(s.contains("[29  ]"), "{s}");
    assert!(!s.contains('+'), "{s}");
}

#[test]
fn a_long_submit_list_scrolls_with_the_highlighted_entry() {
    let mut h = Harness::new(vec![big_bank()], None, Lang::Vi);
    h.start_quiz();
    h.key(KeyCode::Esc);
    for _ in 0..30 {
        h.key(KeyCode::Down);
    }
    let s = h.screen();
    assert!(s.contains("▶ Quay lại câu 30 (chưa trả lời)"), "{s}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.attempt().expect("a").current(), 29);
}

#[test]
fn no_color_draws_without_colours() {
    use ratatui::style::Color;
    let colours = |color: bool| -> usize {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
        h.app.theme = union_quiz::ui::theme::Theme::new(color);
        h.start_quiz();
        h.key(KeyCode::Char('b'));
        buffer(&h)
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
            .count()
    };
    assert!(colours(true) > 0);
    assert_eq!(colours(false), 0);
}

#[test]
fn esc_on_the_identity_screen_clears_first_then_goes_back_or_quits() {
    let mut h = Harness::new(two_banks(), None, Lang::Vi);
    h.key(KeyCode::Enter).typed("Hoa").key(KeyCode::Esc);
    assert_eq!(h.app.screen(), Screen::Identity);
    assert!(h.app.form().name.is_empty());
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen(), Screen::ChooseBank);
    h.key(KeyCode::Esc);
    assert!(h.app.quit);
    let mut h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    h.typed("Hoa").key(KeyCode::Esc);
    assert!(!h.app.quit);
    h.key(KeyCode::Esc);
    assert!(
        h.app.quit,
        "one bank: the identity screen is the start screen"
    );
}

/// The buffer of the screen at 80x24, for tests that look at styles.
fn buffer(h: &Harness) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| view::render_app(&h.app, f.area(), f.buffer_mut(), h.now))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The style of the first cell of `needle` on the screen.
fn style_of(buf: &ratatui::buffer::Buffer, needle: &str) -> Option<ratatui::style::Style> {
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut starts = Vec::new();
        for x in 0..buf.area.width {
            starts.push((line.len(), x));
            line.push_str(buf[(x, y)].symbol());
        }
        if let Some(at) = line.find(needle) {
            let x = starts.iter().find(|(b, _)| *b == at).map(|(_, x)| *x)?;
            return Some(buf[(x, y)].style());
        }
    }
    None
}

#[test]
fn per_question_countdown_shows_without_an_overall_limit() {
    let mut b = fixed_vietnamese();
    b.time_limit = None;
    b.question_time_limit = Some(secs(10));
    let mut h = Harness::new(vec![b], None, Lang::Vi);
    h.app.theme = union_quiz::ui::theme::Theme::new(true);
    h.start_quiz();
    h.at(5).cmd(Command::Tick);
    let s = h.screen();
    assert!(s.contains("Câu này còn 00:05"), "{s}");
    assert!(!s.contains("Không giới hạn thời gian"), "{s}");
    let calm = style_of(&buffer(&h), "Câu này còn").expect("label");
    assert_ne!(calm.fg, Some(ratatui::style::Color::LightRed));
    // The last 10 % of the question's limit: the warning colour.
    h.at(9).cmd(Command::Tick);
    let a = h.app.attempt().expect("attempt");
    assert!(a.question_time_warning(h.now));
    let warn = style_of(&buffer(&h), "Câu này còn 00:01").expect("label");
    assert_eq!(warn.fg, Some(ratatui::style::Color::LightRed));
    // Out of time, back on it: its clock has stopped, the bank is not untimed.
    h.at(11).cmd(Command::Tick).key(KeyCode::Left);
    assert_eq!(h.app.attempt().expect("attempt").current(), 0);
    let s = h.screen();
    assert!(s.contains("Câu này đã xong, không còn tính giờ"), "{s}");
    assert!(!s.contains("Không giới hạn thời gian"), "{s}");
}

#[test]
fn a_bank_timed_per_question_says_so_on_the_bank_list_and_resume_screen() {
    let per_question = || {
        let mut b = ten();
        b.title = "Cải cách hành chính — từng câu".to_owned();
        b.time_limit = None;
        b.question_time_limit = Some(secs(60));
        b
    };
    both("choose_bank_per_question", |lang| {
        let h = Harness::new(vec![vietnamese(), per_question()], None, lang);
        let s = h.screen();
        let want = match lang {
            Lang::Vi => "10 câu · 1 phút mỗi câu",
            Lang::En => "10 questions · 1 min per question",
        };
        assert!(s.contains(want), "{s}");
        s
    });
    // Left while running, then offered again: its per-question limit, not
    // "untimed".
    for (lang, want) in [
        (Lang::Vi, "1 phút mỗi câu · đã trả lời 1/10 câu"),
        (Lang::En, "1 min per question"),
    ] {
        let mut h = Harness::new(vec![per_question()], None, lang);
        h.start_quiz().typed("a").at(5).cmd(Command::Tick);
        let results = h.results();
        let t = h.now;
        h.app.shutdown(t);
        let again = Driver::new(vec![per_question()], &results, lang, t);
        assert_eq!(again.app.screen(), Screen::Resume);
        let s = again.screen();
        assert!(s.contains(want), "{s}");
        assert!(
            !s.contains("Không giới hạn") && !s.contains("No time limit"),
            "{s}"
        );
    }
}

#[test]
fn practice_several_answers_are_checked_by_enter() {
    both("question_practice_several", |lang| {
        let mut b = fixed_vietnamese();
        b.review = Review::EachQuestion;
        let mut h = Harness::new(vec![b], None, lang);
        h.start_quiz();
        h.key(KeyCode::Right);
        // Several answers: toggling does not check.
        h.key(KeyCode::Char('a')).key(KeyCode::Char('c'));
        let a = h.app.attempt().expect("a");
        assert_eq!(a.current(), 1);
        assert_eq!(a.lock(1), QuestionLock::Open);
        assert_eq!(a.chosen(1), vec![0, 2]);
        let before = h.screen();
        let hint = lang.pick("Chọn xong, bấm Enter để xem đáp án", "press Enter to see");
        assert!(before.contains(hint), "{before}");
        // The footer says what Enter does here, too.
        let (check_key, next_key) = (
            lang.pick("Enter kiểm tra", "Enter check"),
            lang.pick("Enter câu tiếp", "Enter next"),
        );
        assert!(
            before.contains(check_key) && !before.contains(next_key),
            "{before}"
        );
        h.key(KeyCode::Enter);
        let a = h.app.attempt().expect("a");
        assert_eq!(a.lock(1), QuestionLock::Checked);
        assert_eq!(a.current(), 1, "stays to show");
        let after = h.screen();
        assert!(!after.contains(hint), "{after}");
        assert!(
            after.contains(next_key) && !after.contains(check_key),
            "{after}"
        );
        h.key(KeyCode::Enter);
        assert_eq!(h.app.attempt().expect("a").current(), 2);
        format!("{before}\n{after}")
    });
}

#[test]
fn enter_on_an_empty_unit_field_picks_no_unit() {
    both("identity_unit_required", |lang| {
        let mut h = Harness::new(vec![vietnamese()], Some(roster()), lang);
        h.typed("Trần Văn Bình")
            .key(KeyCode::Enter)
            .key(KeyCode::Enter);
        assert_eq!(h.app.form().field, Field::Unit);
        h.key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Identity, "no unit chosen");
        assert_eq!(h.app.form().error, Some(Field::Unit));
        let screen = h.screen();
        let message = lang.pick("Vui lòng chọn công đoàn cơ sở.", "Please choose");
        assert!(screen.contains(message), "{screen}");
        assert!(!screen.contains("▶ Công đoàn Sở Tư pháp"), "{screen}");
        // ↓ highlights the first unit; Enter then takes it.
        h.key(KeyCode::Down);
        assert_eq!(h.app.form().error, None);
        assert!(h.screen().contains("▶ Công đoàn Sở Tư pháp"));
        h.key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Instructions);
        assert_eq!(h.app.form().unit, "Công đoàn Sở Tư pháp");
        screen
    });
    // Typing then erasing the filter needs a choice again.
    let mut h = Harness::new(vec![vietnamese()], Some(roster()), Lang::Vi);
    h.typed("Hoa").key(KeyCode::Enter).key(KeyCode::Enter);
    h.key(KeyCode::Down).typed("k").key(KeyCode::Backspace);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen(), Screen::Identity);
    // ↓ twice: the second unit.
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
    assert_eq!(h.app.form().unit, "Công đoàn Kho bạc Nhà nước tỉnh");
}

#[test]
fn partial_credit_uses_a_decimal_comma_and_its_own_label() {
    for lang in [Lang::Vi, Lang::En] {
        let mut b = fixed_vietnamese();
        b.scoring = union_quiz::bank::Scoring::Partial;
        let mut h = Harness::new(vec![b.clone()], None, lang);
        h.start_quiz();
        // Question 2 has A and B right: A alone earns half its point.
        h.key(KeyCode::Char('b'))
            .key(KeyCode::Enter)
            .key(KeyCode::Char('a'))
            .key(KeyCode::Enter)
            .key(KeyCode::Esc)
            .key(KeyCode::Char('y'));
        assert_eq!(h.app.screen(), Screen::Result);
        h.cmd(Command::Down).cmd(Command::Down);
        let all: String = (0..30)
            .map(|_| {
                let s = h.screen();
                h.cmd(Command::Down);
                s
            })
            .collect();
        match lang {
            Lang::Vi => {
                assert!(all.contains("Điểm: 1,5/3 (50,0%)"), "{all}");
                assert!(all.contains("Câu 2 — Đúng một phần (0,5/1 điểm)"), "{all}");
                assert!(!all.contains("0.5"), "{all}");
            }
            Lang::En => {
                assert!(all.contains("Score: 1.5/3 (50.0%)"), "{all}");
                assert!(
                    all.contains("Question 2 — Partly right (0.5/1 point)"),
                    "{all}"
                );
            }
        }
        // Practice says so too, as soon as it is checked.
        b.review = Review::EachQuestion;
        let mut h = Harness::new(vec![b.clone()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Right)
            .key(KeyCode::Char('a'))
            .key(KeyCode::Enter);
        let s = h.screen();
        let want = lang.pick(
            "Đúng một phần. Đáp án đúng: A, B (0,5/1 điểm)",
            "Partly right. Right answer: A, B (0.5/1 point)",
        );
        assert!(s.contains(want), "{s}");
        // One right and one wrong choice earn nothing: said too, with the
        // engine's score.
        let mut h = Harness::new(vec![b], None, lang);
        h.start_quiz();
        h.key(KeyCode::Right)
            .key(KeyCode::Char('a'))
            .key(KeyCode::Char('c'))
            .key(KeyCode::Enter);
        let s = h.screen();
        let a = h.app.attempt().expect("a");
        let bank = h.app.current_bank().expect("bank");
        assert_eq!(a.points(bank, 1), Some((0.0, 1.0)));
        let want = lang.pick(
            "Chưa đúng. Đáp án đúng: A, B (0/1 điểm)",
            "Not right. Right answer: A, B (0/1 point)",
        );
        assert!(s.contains(want), "{s}");
    }
}

#[test]
fn enter_on_an_unanswered_question_says_how_to_go_on() {
    both("question_enter_unanswered", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Enter);
        assert_eq!(h.app.attempt().expect("a").current(), 0);
        let screen = h.screen();
        let hint = lang.pick(
            "Chưa chọn đáp án. Bấm → để bỏ qua câu này.",
            "No answer chosen yet. Press → to skip this question.",
        );
        assert!(screen.contains(hint), "{screen}");
        // Choosing an answer takes the hint away.
        h.key(KeyCode::Char('a'));
        assert!(!h.screen().contains(hint));
        screen
    });
}

#[test]
fn untimed_instructions_and_the_real_letter_range() {
    both("instructions_untimed", |lang| {
        let mut b = fixed_vietnamese();
        b.time_limit = None;
        let mut h = Harness::new(vec![b], None, lang);
        h.typed("Nguyễn Thị Hoa")
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
            .typed("Công đoàn Sở Tư pháp")
            .key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Instructions);
        let s = h.screen();
        let (limit, start, clock) = match lang {
            Lang::Vi => (
                "Thời gian làm bài: không giới hạn",
                "bấm Enter để bắt đầu.",
                "tính giờ",
            ),
            Lang::En => ("Time limit: no limit", "press Enter to start.", "clock"),
        };
        assert!(s.contains(limit), "{s}");
        assert!(s.contains(start), "{s}");
        assert!(!s.contains(clock), "{s}");
        s
    });
    let mut h = Harness::new(vec![fixed_vietnamese()], None, Lang::Vi);
    h.start_quiz();
    assert!(h.screen().contains("A–D chọn ·"));
    // The third question has three choices.
    h.key(KeyCode::Right).key(KeyCode::Right);
    assert!(h.screen().contains("A–C chọn ·"), "{}", h.screen());
}

#[test]
fn practice_lists_several_right_letters_with_commas() {
    let mut b = fixed_vietnamese();
    b.review = Review::EachQuestion;
    let mut h = Harness::new(vec![b], None, Lang::Vi);
    h.start_quiz();
    h.key(KeyCode::Right)
        .key(KeyCode::Char('a'))
        .key(KeyCode::Enter);
    let s = h.screen();
    assert!(s.contains("Đáp án đúng: A, B"), "{s}");
}

#[test]
fn scroll_marks_name_the_key_that_scrolls_and_show_text_above() {
    both("result_scrolled", |lang| {
        let mut h = finished(lang, Review::AfterSubmit);
        let top = h.screen();
        let (down, above) = match lang {
            Lang::Vi => ("▼ Còn nữa — bấm ↓ để xem tiếp", "▲ Còn ở trên"),
            Lang::En => ("▼ More below — press ↓", "▲ More above"),
        };
        assert!(top.contains(down), "{top}");
        assert!(!top.contains(above), "{top}");
        h.key(KeyCode::Down).key(KeyCode::Down);
        let s = h.screen();
        let body_top = s.lines().nth(2).unwrap_or_default();
        assert_eq!(body_top.trim(), above, "{s}");
        s
    });
    // On a question ↓ moves between choices: the mark says Shift+↓.
    let mut b = fixed_vietnamese();
    b.questions[0].text = (1..=40)
        .map(|k| format!("Dòng {k}."))
        .collect::<Vec<_>>()
        .join("\n");
    let mut h = Harness::new(vec![b], None, Lang::Vi);
    h.start_quiz();
    assert!(h.screen().contains("▼ Còn nữa — lăn chuột hoặc Shift+↓"));
    h.key_mod(KeyCode::Down, KeyModifiers::SHIFT);
    assert!(h.screen().contains("▲ Còn ở trên"));
    // The highlighted choice is never under the mark.
    h.key(KeyCode::Down);
    let s = h.screen();
    assert!(s.contains("▶ ( ) B."), "{s}");
}

#[test]
fn banks_are_listed_in_natural_order_and_the_last_fits() {
    both("choose_bank_many", |lang| {
        // The folder order of plain text: b1, b10, b11, b12, b2 …
        let mut names: Vec<String> = (1..=12).map(|k| format!("b{k}")).collect();
        names.sort();
        let banks: Vec<Bank> = names
            .iter()
            .map(|id| {
                let mut b = ten();
                b.id = id.clone();
                b.title = format!("Bộ đề {}", id.trim_start_matches('b'));
                b.path = PathBuf::from(format!("quizzes/{id}.yaml"));
                b
            })
            .collect();
        let mut h = Harness::new(banks, None, lang);
        let titles: Vec<&str> = h.app.banks().iter().map(|b| b.title.as_str()).collect();
        let want: Vec<String> = (1..=12).map(|k| format!("Bộ đề {k}")).collect();
        assert_eq!(titles, want);
        for _ in 0..11 {
            h.key(KeyCode::Down);
        }
        assert_eq!(h.app.bank(), 11);
        let s = h.screen();
        let rows: Vec<&str> = s.lines().collect();
        let last = rows
            .iter()
            .position(|r| r.contains("▶ Bộ đề 12"))
            .expect("selected shown");
        let detail = rows.get(last + 1).copied().unwrap_or_default();
        assert!(detail.contains("10"), "detail line under it: {s}");
        assert!(!s.contains("▼"), "{s}");
        s
    });
}

#[test]
fn natural_order_compares_numbers_as_numbers() {
    use std::cmp::Ordering;
    use union_quiz::text::natural_cmp;
    assert_eq!(natural_cmp("b2", "b10"), Ordering::Less);
    assert_eq!(natural_cmp("b10", "b2"), Ordering::Greater);
    assert_eq!(natural_cmp("b02", "b2"), Ordering::Greater);
    assert_eq!(natural_cmp("de 9 a", "de 9 b"), Ordering::Less);
    assert_eq!(natural_cmp("x", "x1"), Ordering::Less);
    assert_eq!(natural_cmp("", ""), Ordering::Equal);
}

#[test]
fn help_shows_the_keys_of_each_screen() {
    both("help_identity", |lang| {
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.key(KeyCode::Char('?'));
        let s = h.screen();
        assert!(s.contains("Tab / Shift+Tab"), "{s}");
        assert!(!s.contains("F2"), "{s}");
        s
    });
    let pick = |lang: Lang, vi: &'static str, en: &'static str| lang.pick(vi, en).to_owned();
    for lang in [Lang::Vi, Lang::En] {
        let question_help = pick(
            lang,
            "đánh dấu câu để xem lại",
            "flag the question to come back to",
        );
        // Bank list.
        let mut h = Harness::new(two_banks(), None, lang);
        h.key(KeyCode::Char('?'));
        let s = h.screen();
        assert!(
            s.contains(&pick(lang, "chọn bài thi", "choose a quiz")),
            "{s}"
        );
        assert!(!s.contains(&question_help), "{s}");
        h.key(KeyCode::Char('?'));
        // Instructions.
        h.key(KeyCode::Enter)
            .typed("Hoa")
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
            .typed("Sở")
            .key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Instructions);
        h.key(KeyCode::Char('?'));
        let s = h.screen();
        assert!(
            s.contains(&pick(lang, "bắt đầu làm bài", "start the quiz")),
            "{s}"
        );
        assert!(!s.contains(&question_help), "{s}");
        h.key(KeyCode::Char('?')).key(KeyCode::Enter);
        // Question.
        h.key(KeyCode::Char('?'));
        assert!(h.screen().contains(&question_help));
        h.key(KeyCode::Char('?'));
        // Submit.
        h.key(KeyCode::Esc).key(KeyCode::Char('?'));
        let s = h.screen();
        assert!(s.contains(&pick(lang, "nộp bài ngay", "submit now")), "{s}");
        assert!(!s.contains(&question_help), "{s}");
        h.key(KeyCode::Char('?')).key(KeyCode::Char('y'));
        // Result.
        assert_eq!(h.app.screen(), Screen::Result);
        h.key(KeyCode::Char('?'));
        let s = h.screen();
        assert!(s.contains(&pick(lang, "thử lưu lại", "try saving")), "{s}");
        assert!(!s.contains(&question_help), "{s}");
    }
}

#[test]
fn identity_footer_says_what_esc_and_arrows_do_there() {
    let footer = |h: &Harness| {
        let s = h.screen();
        let rows: Vec<&str> = s.lines().collect();
        rows[rows.len().saturating_sub(2)..].join(" ")
    };
    // One bank: Esc on an empty form quits; once typed, it clears.
    let mut h = Harness::new(vec![vietnamese()], Some(roster()), Lang::Vi);
    assert!(footer(&h).contains("Esc thoát"), "{}", footer(&h));
    h.typed("Hoa");
    assert!(footer(&h).contains("Esc xóa hết"), "{}", footer(&h));
    assert!(footer(&h).contains("Tab/↑/↓ chuyển ô"), "{}", footer(&h));
    // The unit field with a roster: ↑/↓ move in the list.
    h.key(KeyCode::Enter).key(KeyCode::Enter);
    let f = footer(&h);
    assert!(f.contains("↑/↓ chọn công đoàn"), "{f}");
    assert!(!f.contains("Tab/↑/↓"), "{f}");
    // Several banks: Esc on an empty form goes back to the list.
    let h = Harness::new(two_banks(), None, Lang::En);
    let mut h = h;
    h.key(KeyCode::Enter);
    assert!(footer(&h).contains("Esc back"), "{}", footer(&h));
}

#[test]
fn a_time_out_on_the_last_question_says_where_it_went_or_offers_to_submit() {
    // Questions 1 and 3 answered, 2 not: the time-out of 3 goes round to
    // the first open question, and says which.
    let mut b = fixed_vietnamese();
    b.time_limit = None;
    b.question_time_limit = Some(secs(30));
    let mut h = Harness::new(vec![b.clone()], None, Lang::Vi);
    h.start_quiz();
    h.key(KeyCode::Char('a'))
        .key(KeyCode::Enter)
        .key(KeyCode::Right)
        .key(KeyCode::Char('a'));
    h.at(31).cmd(Command::Tick);
    assert_eq!(h.app.screen(), Screen::Question);
    assert_eq!(h.app.attempt().expect("a").current(), 0);
    let s = h.screen();
    assert!(
        s.contains("Hết giờ cho câu 3; đã chuyển sang câu 1."),
        "{s}"
    );
    // Every question answered: the submit screen, saying why.
    both("submit_after_question_time_out", |lang| {
        let mut h = Harness::new(vec![b.clone()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Char('a'))
            .key(KeyCode::Enter)
            .key(KeyCode::Char('a'))
            .key(KeyCode::Enter)
            .key(KeyCode::Char('a'));
        assert_eq!(h.app.attempt().expect("a").current(), 2);
        h.at(31).cmd(Command::Tick);
        assert_eq!(h.app.screen(), Screen::Submit);
        let s = h.screen();
        let want = lang.pick("Hết giờ cho câu 3.", "Time ran out for question 3.");
        assert!(s.contains(want), "{s}");
        s
    });
}

#[test]
fn a_question_out_of_time_is_listed_as_such_on_the_submit_screen() {
    // 1 and 2 answered, 3 left blank until its time ran out: nothing is
    // left to answer, and 3 cannot be gone back to.
    let mut b = fixed_vietnamese();
    b.time_limit = None;
    b.question_time_limit = Some(secs(30));
    both("submit_after_unanswered_question_time_out", |lang| {
        let mut h = Harness::new(vec![b.clone()], None, lang);
        h.start_quiz();
        h.key(KeyCode::Char('a'))
            .key(KeyCode::Enter)
            .key(KeyCode::Char('a'))
            .key(KeyCode::Enter);
        assert_eq!(h.app.attempt().expect("a").current(), 2);
        h.at(31).cmd(Command::Tick);
        assert_eq!(h.app.screen(), Screen::Submit);
        assert!(h.app.submit_entries().is_empty());
        let s = h.screen();
        let header = s.lines().next().unwrap_or_default();
        assert!(
            header.ends_with(lang.pick("Câu 3/3", "Question 3/3")),
            "{s}"
        );
        assert!(
            !s.contains(lang.pick("Quay lại câu 3", "Back to question 3")),
            "{s}"
        );
        assert!(
            !s.contains(lang.pick("chưa trả lời.", "not answered.")),
            "{s}"
        );
        assert!(
            s.contains(lang.pick("Câu 3: đã hết giờ", "Question 3: out of time")),
            "{s}"
        );
        // Enter submits: there is no entry to go back to.
        h.key(KeyCode::Down).key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Result);
        s
    });
    // A question out of time among others still open: only the open ones
    // count as left to answer and can be gone back to.
    let mut h = Harness::new(vec![b.clone()], None, Lang::Vi);
    h.start_quiz();
    h.at(31).cmd(Command::Tick).key(KeyCode::Esc);
    assert_eq!(h.app.screen(), Screen::Submit);
    assert_eq!(
        h.app.submit_entries(),
        vec![(1, true, false), (2, true, false)]
    );
    let s = h.screen();
    assert!(s.contains("Còn 2 câu chưa trả lời."), "{s}");
    assert!(s.contains("Câu 1: đã hết giờ (chưa trả lời)"), "{s}");
    assert!(!s.contains("Quay lại câu 1"), "{s}");
    assert!(s.contains("Quay lại câu 2 (chưa trả lời)"), "{s}");
}

#[test]
fn a_long_name_scrolls_in_its_field_and_the_cap_is_said() {
    both("identity_long_name", |lang| {
        let mut h = Harness::new(vec![vietnamese()], None, lang);
        // 72 characters: wider than the room after the label.
        let long = "Nguyễn Thị Phương Thảo Hoàng Minh Châu Lê Văn Tám Trần Bình Trọng XUÔI";
        h.typed(long);
        let s = h.screen();
        assert!(
            s.contains("Trọng XUÔI"),
            "the end of the text is shown: {s} {:?}",
            h.app.form().name
        );
        assert!(s.lines().all(|l| width(l) <= 80));
        let at = view::cursor_position(&h.app, ratatui::layout::Rect::new(0, 0, 80, 24))
            .expect("cursor shown");
        let row: Vec<&str> = s.lines().collect();
        let line = row.get(usize::from(at.1)).copied().unwrap_or_default();
        assert!(line.contains("XUÔI"), "cursor on the name row: {line}");
        assert_eq!(
            usize::from(at.0),
            width(line),
            "cursor right after the text"
        );
        assert!(!s.contains(lang.pick("tối đa 80", "at most 80")), "{s}");
        // Past the cap: the text stops, and the screen says why.
        h.typed(" thêm nữa cho quá tám mươi ký tự");
        assert_eq!(h.app.form().name.chars().count(), 80);
        let s = h.screen();
        let cap = lang.pick("Tên tối đa 80 ký tự.", "A name has at most 80 characters.");
        assert!(s.contains(cap), "{s}");
        assert!(view::cursor_position(&h.app, ratatui::layout::Rect::new(0, 0, 80, 24)).is_some());
        // Erasing a letter takes the message away.
        h.key(KeyCode::Backspace);
        assert!(!h.screen().contains(cap));
        s
    });
}

#[test]
fn system_errors_are_worded_in_the_members_language_with_the_path() {
    for lang in [Lang::Vi, Lang::En] {
        let dir = tempfile::tempdir().expect("dir");
        // A results folder that cannot be created: its parent is a file.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "x").expect("write");
        let results = blocker.join("sub").join("results.csv");
        let app = resilience_support::app(vec![vietnamese()], None, lang, &results);
        let problem = app.results_problem.clone().expect("problem");
        assert!(
            problem.contains(&blocker.display().to_string()),
            "{problem}"
        );
        assert!(!problem.contains("os error"), "{problem}");
        assert!(
            !problem.contains("Not a directory") && !problem.contains("File exists"),
            "{problem}"
        );
        // A row that cannot be written, as the tester saw it: a folder
        // that cannot be created (no such file or directory).
        let nope = Path::new("/proc/nope/results.csv");
        if !Path::new("/proc/self").exists() {
            continue;
        }
        let mut h = Harness::new(vec![fixed_vietnamese()], None, lang);
        h.driver = Driver::new(vec![fixed_vietnamese()], nope, lang, Instant::now());
        h.start_quiz();
        h.key(KeyCode::Char('b'))
            .key(KeyCode::Esc)
            .key(KeyCode::Enter);
        assert_eq!(h.app.screen(), Screen::Result);
        let detail = h
            .app
            .finished()
            .and_then(|f| f.saved.as_ref().err())
            .map(|e| union_quiz::i18n::ui::results_detail(e, lang))
            .expect("not saved");
        assert!(detail.contains("/proc/nope"), "{detail}");
        assert!(!detail.contains("os error"), "{detail}");
        let want = lang.pick(
            "không tìm thấy tệp hoặc thư mục",
            "file or folder not found",
        );
        assert!(detail.contains(want), "{detail}");
        if lang == Lang::Vi {
            let s = h.screen();
            assert!(s.contains("không tìm thấy tệp hoặc thư mục"), "{s}");
        }
    }
}

#[test]
fn banks_left_out_for_errors_are_noted_on_the_start_screen() {
    both("choose_bank_skipped", |lang| {
        let mut h = Harness::new(two_banks(), None, lang);
        h.app.skipped_banks = 1;
        let s = h.screen();
        let note = lang.pick(
            "1 bộ đề có lỗi nên không hiển thị — chạy union-quiz check",
            "1 bank(s) with errors not shown — run union-quiz check",
        );
        assert!(s.contains(note), "{s}");
        s
    });
    // One bank: the identity form is the start screen, and says it there.
    let mut h = Harness::new(vec![vietnamese()], None, Lang::Vi);
    h.app.skipped_banks = 2;
    assert!(h.screen().contains("2 bộ đề có lỗi nên không hiển thị"));
    // The name is still typed in its field.
    h.typed("Hoa");
    assert!(view::cursor_position(&h.app, ratatui::layout::Rect::new(0, 0, 80, 24)).is_some());
}
