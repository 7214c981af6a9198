//! The first screen does not wait for the banks (issue 15): a room whose
//! banks are still being read draws its first screen at once, says
//! "Đang tải…" where a bank is needed, and goes on when the banks arrive.
//! The loader is a fake held by a gate (a channel), never a timer.

mod engine_support;
mod resilience_support;

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use resilience_support::{buffer_text, plain_bank, settings};
use union_quiz::bank;
use union_quiz::engine::Overrides;
use union_quiz::i18n::Lang;
use union_quiz::session::{self, Room, SeedSource};
use union_quiz::ui::app::{App, Screen};
use union_quiz::ui::runner::{Ended, Input, Runner};

/// A room on a results file in `dir` whose `expected` bank files are not
/// read yet.
fn pending_room(dir: &Path, expected: usize) -> Arc<Room> {
    Arc::new(Room::pending(
        expected,
        None,
        dir.join("results").join("results.csv"),
        Overrides::default(),
        SeedSource::Fixed(7),
        "0.1.0".to_owned(),
    ))
}

struct Screen80 {
    runner: Runner<TestBackend>,
    now: Instant,
}

impl Screen80 {
    fn new(room: &Arc<Room>) -> Screen80 {
        let now = Instant::now();
        let app = App::new(Arc::clone(room), settings(Lang::Vi));
        let runner = Runner::new(app, TestBackend::new(80, 24), now).expect("first draw");
        Screen80 { runner, now }
    }

    fn text(&self) -> String {
        buffer_text(self.runner.terminal().backend().buffer())
    }

    fn feed(&mut self, input: Input) -> Option<Ended> {
        self.now += Duration::from_millis(100);
        self.runner.feed(input, self.now).expect("draw")
    }

    fn key(&mut self, code: KeyCode) -> Option<Ended> {
        self.feed(Input::Event(Event::Key(KeyEvent::from(code))))
    }

    fn typed(&mut self, s: &str) {
        for c in s.chars() {
            assert!(self.key(KeyCode::Char(c)).is_none());
        }
    }

    fn screen(&self) -> Screen {
        self.runner.app().screen()
    }
}

fn write_bank(dir: &Path, name: &str, src: &str) {
    std::fs::write(dir.join(name), src).expect("write bank");
}

const GOOD: &str = "title: Bộ đề tốt\nid: tot\nquestions:\n  - text: Một cộng một?\n    choices: [Hai, Ba]\n    answer: A\n";
const BROKEN: &str =
    "title: Hỏng\nquestions:\n  - text: Câu?\n    choices: [A, B]\n    answer: E\n";

#[test]
fn the_identity_form_is_drawn_before_the_only_bank_is_read_and_the_quiz_follows() {
    let dir = tempfile::tempdir().expect("dir");
    let room = pending_room(dir.path(), 1);
    let mut s = Screen80::new(&room);
    // Drawn with no bank at all: the form, and the line that waits.
    let first = s.text();
    assert!(first.contains("Họ và tên"), "{first}");
    assert!(first.contains("Đang tải bộ đề…"), "{first}");
    // The member fills in the form while the bank is read.
    s.typed("Nguyễn Văn An");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    s.typed("Công đoàn Sở Tư pháp");
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::Instructions);
    let waiting = s.text();
    assert!(waiting.contains("Đang tải bộ đề…"), "{waiting}");
    // Enter cannot start a quiz whose questions are not there yet: the
    // member waits on the line, and the quiz starts once they are.
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::Instructions);
    assert!(s.runner.app().attempt().is_none());

    room.set_banks(vec![plain_bank()], Vec::new());
    assert!(s.feed(Input::BanksLoaded).is_none());
    assert_eq!(s.screen(), Screen::Question);
    let question = s.text();
    assert!(question.contains("Câu 1/3"), "{question}");
    // Through to the written row.
    s.key(KeyCode::Char('b'));
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('y'));
    assert_eq!(s.screen(), Screen::Result);
    let rows = union_quiz::results::read_file(&dir.path().join("results").join("results.csv"))
        .expect("results file");
    assert_eq!(rows.rows.len(), 1);
    assert_eq!(rows.rows[0].member_name, "Nguyễn Văn An");
    assert_eq!(rows.rows[0].answered, 1);
}

#[test]
fn the_first_screen_is_drawn_while_a_slow_loader_is_held_by_a_gate() {
    let dir = tempfile::tempdir().expect("dir");
    let room = pending_room(dir.path(), 1);
    // The loader is held until the front-end, on its own thread, has
    // drawn its first screen and opens the gate; `BanksLoaded` reaches the
    // front-end the way the terminal's loop gets it, on a channel.
    let (open, gate) = mpsc::channel::<()>();
    let (wake, woken) = mpsc::channel::<Input>();
    let front_room = Arc::clone(&room);
    let front = move || {
        let mut s = Screen80::new(&front_room);
        let first = s.text();
        let was_loaded = front_room.is_loaded();
        open.send(()).expect("open the gate");
        let input = woken
            .recv_timeout(Duration::from_secs(30))
            .expect("the banks were read");
        s.feed(input);
        (first, was_loaded, s.text())
    };
    let (first, was_loaded, ready) = session::load_banks_beside(
        &room,
        move || {
            gate.recv().expect("gate");
            (vec![plain_bank()], Vec::new())
        },
        move || {
            let _ = wake.send(Input::BanksLoaded);
        },
        front,
    )
    .expect("a thread for the front-end");
    assert!(!was_loaded);
    assert!(first.contains("Họ và tên"), "{first}");
    assert!(first.contains("Đang tải bộ đề…"), "{first}");
    assert!(room.is_loaded());
    assert!(ready.contains(&plain_bank().title), "{ready}");
    assert!(!ready.contains("Đang tải"), "{ready}");
}

#[test]
fn a_loader_that_panics_leaves_no_bank_rather_than_a_wait_for_ever() {
    let dir = tempfile::tempdir().expect("dir");
    let room = pending_room(dir.path(), 1);
    let (wake, woken) = mpsc::channel::<Input>();
    let front_room = Arc::clone(&room);
    let ended = session::load_banks_beside(
        &room,
        || panic!("a loader bug"),
        move || {
            let _ = wake.send(Input::BanksLoaded);
        },
        move || {
            let mut s = Screen80::new(&front_room);
            let input = woken
                .recv_timeout(Duration::from_secs(30))
                .expect("the loader finished");
            let ended = s.feed(input);
            (
                matches!(ended, Some(Ended::Quit(_))),
                s.runner.app().no_banks,
            )
        },
    )
    .expect("a thread for the front-end");
    assert_eq!(ended, (true, true));
}

#[test]
fn a_bank_that_fails_in_the_background_ends_the_app_with_its_located_diagnostic() {
    let dir = tempfile::tempdir().expect("dir");
    let banks = dir.path().join("quizzes");
    std::fs::create_dir(&banks).expect("mkdir");
    write_bank(&banks, "bad.yaml", BROKEN);
    let room = pending_room(dir.path(), 1);
    let mut s = Screen80::new(&room);
    assert!(s.text().contains("Họ và tên"));
    let (banks_found, diagnostics) = bank::load_all(&banks);
    room.set_banks(banks_found, diagnostics);
    // No bank to take a quiz on: the app ends (kiosk or not) so the
    // front-end says why on the trainer's terminal.
    assert!(matches!(s.feed(Input::BanksLoaded), Some(Ended::Quit(_))));
    assert!(s.runner.app().no_banks);
    let said: Vec<String> = room
        .bank_diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render(Lang::Vi))
        .collect();
    assert!(said.iter().any(|d| d.contains("bad.yaml:5:")), "{said:?}");
}

#[test]
fn the_bank_list_waits_for_the_banks_and_counts_the_broken_one() {
    let dir = tempfile::tempdir().expect("dir");
    let banks = dir.path().join("quizzes");
    std::fs::create_dir(&banks).expect("mkdir");
    write_bank(&banks, "a.yaml", GOOD);
    write_bank(&banks, "bad.yaml", BROKEN);
    let room = pending_room(dir.path(), 2);
    let mut s = Screen80::new(&room);
    assert_eq!(s.screen(), Screen::ChooseBank);
    let first = s.text();
    assert!(first.contains("Đang tải các bộ đề…"), "{first}");
    // Nothing to choose yet.
    s.key(KeyCode::Down);
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::ChooseBank);

    let (found, diagnostics) = bank::load_all(&banks);
    assert_eq!(found.len(), 1);
    room.set_banks(found, diagnostics);
    assert!(s.feed(Input::BanksLoaded).is_none());
    // One bank left: its form, as for a folder of one bank, with the
    // trainer's note that a bank was left out.
    assert_eq!(s.screen(), Screen::Identity);
    let ready = s.text();
    assert!(ready.contains("Bộ đề tốt"), "{ready}");
    assert!(!ready.contains("Đang tải"), "{ready}");
    assert!(ready.contains("1 bộ đề có lỗi"), "{ready}");
}

#[test]
fn the_bank_list_shows_the_banks_once_read() {
    let dir = tempfile::tempdir().expect("dir");
    let room = pending_room(dir.path(), 2);
    let mut s = Screen80::new(&room);
    assert!(s.text().contains("Đang tải các bộ đề…"));
    let mut second = plain_bank();
    second.id = "hai".to_owned();
    second.title = "Bộ đề thứ hai".to_owned();
    room.set_banks(vec![plain_bank(), second], Vec::new());
    assert!(s.feed(Input::BanksLoaded).is_none());
    assert_eq!(s.screen(), Screen::ChooseBank);
    let ready = s.text();
    assert!(ready.contains("Bộ đề thứ hai"), "{ready}");
    assert!(!ready.contains("Đang tải"), "{ready}");
    s.key(KeyCode::Down);
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::Identity);
    assert_eq!(s.runner.app().bank(), 1);
}

#[test]
fn the_instructions_show_the_bank_once_read_when_no_enter_was_pressed() {
    let dir = tempfile::tempdir().expect("dir");
    let room = pending_room(dir.path(), 1);
    let mut s = Screen80::new(&room);
    s.typed("Nguyễn Văn An");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    s.typed("Sở Tư pháp");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("Đang tải bộ đề…"));
    // Enter, then Esc back to the form and in again: the Enter is
    // forgotten once the member has left the screen.
    s.key(KeyCode::Enter);
    s.key(KeyCode::Esc);
    assert_eq!(s.screen(), Screen::Identity);
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::Instructions);
    room.set_banks(vec![plain_bank()], Vec::new());
    s.feed(Input::BanksLoaded);
    // Read, not started: the member starts the clock.
    assert_eq!(s.screen(), Screen::Instructions);
    let ready = s.text();
    assert!(ready.contains("Số câu hỏi: 3"), "{ready}");
    assert!(!ready.contains("Đang tải"), "{ready}");
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::Question);
}

#[test]
fn an_unfinished_attempt_is_offered_while_the_banks_load_and_resumed_once_read() {
    let dir = tempfile::tempdir().expect("dir");
    let results = dir.path().join("results").join("results.csv");
    // An attempt left unfinished by an earlier run, with one answer.
    let mut before =
        resilience_support::Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    before.start_quiz_as("Trần Thị Bình").typed("b");
    drop(before);

    let room = pending_room(dir.path(), 1);
    let mut s = Screen80::new(&room);
    assert_eq!(s.screen(), Screen::Resume);
    let first = s.text();
    assert!(first.contains("Trần Thị Bình"), "{first}");
    assert!(first.contains("Đang tải bộ đề…"), "{first}");
    // Enter waits for the bank (the attempt is checked against it).
    s.key(KeyCode::Enter);
    assert_eq!(s.screen(), Screen::Resume);
    room.set_banks(vec![plain_bank()], Vec::new());
    s.feed(Input::BanksLoaded);
    assert_eq!(s.screen(), Screen::Question);
    let attempt = s.runner.app().attempt().expect("resumed");
    assert_eq!(attempt.chosen(0), vec![1]);
}
