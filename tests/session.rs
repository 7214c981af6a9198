//! The session core and the app's real event loop, with no terminal: a
//! member's attempt driven through `Session` alone, the loop of `run` on a
//! `TestBackend` with scripted inputs and a fake clock through a whole
//! timed quiz, and two members in one process on one results file.

mod engine_support;
mod resilience_support;

use std::cell::Cell;
use std::collections::VecDeque;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use resilience_support::{plain_bank, results_in, saved, settings};
use union_quiz::engine::{Member, Overrides};
use union_quiz::i18n::Lang;
use union_quiz::results::{self, ResultRow};
use union_quiz::session::{Room, SeedSource, Session, WallClock};
use union_quiz::ui::app::{App, Screen};
use union_quiz::ui::runner::{self, Clock, Ended, HangUp, Input, Inputs, Runner};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// A wall clock stopped at 09:00 in Vietnam, for `finished_at`.
#[derive(Debug)]
struct Stopped;

impl WallClock for Stopped {
    fn now(&self) -> jiff::ZonedDateTime {
        "2026-11-30T09:00:00+07:00[+07:00]"
            .parse()
            .expect("a valid time")
    }
}

fn room(results: &Path) -> Arc<Room> {
    Arc::new(
        Room::new(
            vec![plain_bank()],
            None,
            results.to_owned(),
            Overrides::default(),
            SeedSource::Fixed(7),
            "0.1.0".to_owned(),
        )
        .with_clock(Stopped),
    )
}

fn rows(results: &Path) -> Vec<ResultRow> {
    results::read_file(results).expect("results").rows
}

fn member(name: &str) -> Member {
    Member {
        name: name.to_owned(),
        code: None,
        unit: "Công đoàn Sở Tư pháp".to_owned(),
    }
}

#[test]
fn a_session_saves_every_change_and_resumes_and_writes_its_row() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let room = room(&results);
    let t0 = Instant::now();
    let mut rng = StdRng::seed_from_u64(1);
    let mut s =
        Session::start(Arc::clone(&room), 0, member("Lê Văn Cường"), &mut rng, t0).expect("bank 0");
    // B on q1 (the plain bank shows choices in the bank's order).
    s.attempt_mut().choose(1, t0 + secs(3)).expect("chosen");
    s.settle(t0 + secs(3));
    let (snap, in_use) = saved(&results).remove(0);
    assert_eq!(snap.answers[0], vec![1]);
    assert!(in_use, "the session holds its attempt");
    // The member leaves: saved with the time used, and let go.
    s.end(t0 + secs(8));
    let offered = room.resumable();
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].used, secs(8));
    // Resumed in another session: the answer is there, the clock goes on.
    let t1 = t0 + secs(100);
    let mut s = Session::resume(Arc::clone(&room), &offered[0].id, t1).expect("resumed");
    assert_eq!(s.attempt().chosen(0), vec![1]);
    assert!(room.resumable().is_empty(), "held by the resumed session");
    s.submit(t1 + secs(2)).expect("submitted");
    let f = s.finished().expect("finished");
    assert!(f.saved.is_ok());
    let row = rows(&results).remove(0);
    assert_eq!(row.member_name, "Lê Văn Cường");
    assert_eq!(row.duration_s, 10);
    assert_eq!(row.finished_at, "2026-11-30T09:00:00+07:00");
    assert!(saved(&results).is_empty(), "the autosave is removed");
}

#[test]
fn an_unchanged_attempt_is_not_saved_again_until_its_time_is_due() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let mut rng = StdRng::seed_from_u64(2);
    let mut s = Session::start(room(&results), 0, member("An"), &mut rng, t0).expect("bank");
    assert_eq!(s.next_save(t0), Some(union_quiz::session::save::SAVE_EVERY));
    let file = results
        .parent()
        .expect("folder")
        .join("results.autosave")
        .join(format!("{}.json", s.attempt().attempt_id()));
    assert!(file.exists(), "saved at the start");
    std::fs::remove_file(&file).expect("removed");
    // Nothing changed: no save (the file stays gone) until 15 s have passed.
    s.settle(t0 + secs(5));
    assert!(!file.exists());
    s.settle(t0 + secs(15));
    assert!(file.exists(), "saved again when its time was due");
}

/// A clock the script moves.
#[derive(Clone)]
struct FakeClock(Rc<Cell<Instant>>);

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.0.get()
    }
}

/// What the scripted member does next.
enum Step {
    /// An input, at once.
    Input(Input),
    /// Nothing for this long: every wait of the loop in that time times
    /// out, and the clock moves by it.
    Idle(Duration),
}

/// Scripted inputs for the real loop: inputs at once, idle time as
/// timeouts that move the fake clock; at the end of the script, a hang-up.
struct Script {
    clock: FakeClock,
    steps: VecDeque<Step>,
    wakes: usize,
}

impl Script {
    fn new(clock: &FakeClock) -> Script {
        Script {
            clock: clock.clone(),
            steps: VecDeque::new(),
            wakes: 0,
        }
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.steps
            .push_back(Step::Input(Input::Event(Event::Key(KeyEvent::new(
                code,
                KeyModifiers::NONE,
            )))));
        self
    }

    fn typed(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Name, no code, a unit typed freely, then past the instructions:
    /// the clock starts.
    fn start_as(&mut self, name: &str, unit: &str) -> &mut Self {
        self.typed(name)
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
            .typed(unit)
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
    }

    fn idle(&mut self, d: Duration) -> &mut Self {
        self.steps.push_back(Step::Idle(d));
        self
    }
}

impl Inputs for Script {
    fn next(&mut self, timeout: Duration) -> Option<Input> {
        match self.steps.front_mut() {
            None => Some(Input::HangUp(HangUp::Closed)),
            Some(Step::Idle(left)) => {
                let waited = timeout.min(*left);
                *left -= waited;
                if left.is_zero() {
                    self.steps.pop_front();
                }
                let c = &self.clock.0;
                c.set(c.get() + waited);
                self.wakes += 1;
                None
            }
            Some(Step::Input(_)) => match self.steps.pop_front() {
                Some(Step::Input(input)) => Some(input),
                _ => None,
            },
        }
    }
}

/// The test terminal's screen as text.
fn screen(runner: &Runner<TestBackend>) -> String {
    let buf = runner.terminal().backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// A fake clock at `t0`, and an app in `lang` on an 80×24 test terminal.
fn runner_at(t0: Instant, results: &Path, lang: Lang) -> (FakeClock, Runner<TestBackend>) {
    let clock = FakeClock(Rc::new(Cell::new(t0)));
    let app = App::new(room(results), settings(lang));
    let runner = Runner::new(app, TestBackend::new(80, 24), t0).expect("runner");
    (clock, runner)
}

#[test]
fn the_real_loop_runs_a_timed_quiz_to_its_automatic_submit() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let (clock, mut runner) = runner_at(t0, &results, Lang::Vi);
    let mut script = Script::new(&clock);
    script
        .start_as("Phạm Thị Dung", "Công đoàn Sở Tư pháp")
        .idle(secs(4))
        .typed("b")
        .key(KeyCode::Enter)
        .typed("ab")
        // The member stops there; the 20 minutes run out.
        .idle(secs(20 * 60));
    // Then the server shuts down, to stop the loop here.
    script
        .steps
        .push_back(Step::Input(Input::HangUp(HangUp::Shutdown)));
    let ended = runner::run_loop(&mut runner, &mut script, &clock).expect("loop");
    assert!(matches!(ended, Ended::HangUp(HangUp::Shutdown)));
    assert_eq!(runner.app().screen(), Screen::TimeUp);
    let shown = screen(&runner);
    assert!(shown.contains("Hết giờ"), "{shown}");
    // One wake-up per countdown second (and the saves), never a busy loop.
    assert!(
        (1200..=1202).contains(&script.wakes),
        "{} wake-ups for 20 minutes",
        script.wakes
    );
    let row = rows(&results).remove(0);
    assert_eq!(row.member_name, "Phạm Thị Dung");
    assert!(row.timed_out);
    assert_eq!(row.duration_s, 20 * 60);
    assert_eq!(row.answered, 2);
    assert_eq!(row.answers, "nd61-hieu-luc:B;nq30c-6:AB;mot-cua:-");
    assert_eq!(row.finished_at, "2026-11-30T09:00:00+07:00");
    assert!(saved(&results).is_empty(), "no autosave is left");
}

#[test]
fn a_hang_up_ends_the_loop_and_saves_the_attempt_with_its_time() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let (clock, mut runner) = runner_at(t0, &results, Lang::En);
    let mut script = Script::new(&clock);
    script
        .start_as("Hoa", "Sở Nội vụ")
        .idle(secs(30))
        .typed("c");
    // The script ends: the front-end hangs up mid-quiz.
    let ended = runner::run_loop(&mut runner, &mut script, &clock).expect("loop");
    assert!(matches!(ended, Ended::HangUp(HangUp::Closed)));
    let (snap, in_use) = saved(&results).remove(0);
    assert_eq!(snap.answers[0], vec![2]);
    assert_eq!(snap.used_ms, 30_000);
    assert!(!in_use, "let go, to be resumed");
    assert!(
        runner.next_wake(clock.now()).is_none(),
        "an ended runner sleeps"
    );
}

/// Feeds one key to a runner at `now`.
fn press(r: &mut Runner<TestBackend>, code: KeyCode, now: Instant) {
    let key = Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    assert!(r.feed(key, now).expect("drawn").is_none());
}

fn type_in(r: &mut Runner<TestBackend>, s: &str, now: Instant) {
    for c in s.chars() {
        press(r, KeyCode::Char(c), now);
    }
}

#[test]
fn two_members_in_one_process_share_the_room_and_both_rows_are_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let shared = room(&results);
    let t0 = Instant::now();
    let new = |lang| {
        Runner::new(
            App::new(Arc::clone(&shared), settings(lang)),
            TestBackend::new(80, 24),
            t0,
        )
        .expect("runner")
    };
    let (mut a, mut b) = (new(Lang::Vi), new(Lang::En));
    // The banks are shared, not copied.
    assert!(std::ptr::eq(a.app().banks(), b.app().banks()));
    let at = |s| t0 + secs(s);
    // Identities, key by key in turn.
    let (name_a, name_b) = ("Nguyễn Thị Hoa", "Trần Văn Bình");
    let (mut ka, mut kb) = (name_a.chars(), name_b.chars());
    loop {
        let (ca, cb) = (ka.next(), kb.next());
        if ca.is_none() && cb.is_none() {
            break;
        }
        if let Some(c) = ca {
            press(&mut a, KeyCode::Char(c), at(1));
        }
        if let Some(c) = cb {
            press(&mut b, KeyCode::Char(c), at(1));
        }
    }
    for r in [&mut a, &mut b] {
        press(r, KeyCode::Enter, at(2));
        press(r, KeyCode::Enter, at(2));
        type_in(r, "Công đoàn Sở Tư pháp", at(2));
        press(r, KeyCode::Enter, at(3));
        press(r, KeyCode::Enter, at(3));
    }
    // Answers, interleaved: A answers B / A+B / A; B answers C / B / B.
    type_in(&mut a, "b", at(10));
    type_in(&mut b, "c", at(11));
    press(&mut a, KeyCode::Enter, at(12));
    press(&mut b, KeyCode::Enter, at(12));
    type_in(&mut b, "b", at(13));
    type_in(&mut a, "a", at(14));
    type_in(&mut a, "b", at(14));
    press(&mut b, KeyCode::Enter, at(15));
    press(&mut a, KeyCode::Enter, at(15));
    type_in(&mut a, "a", at(16));
    type_in(&mut b, "b", at(17));
    // Each holds its own attempt; neither is offered to the other.
    assert_eq!(saved(&results).len(), 2);
    assert!(shared.resumable().is_empty());
    // Both submit, B first.
    press(&mut b, KeyCode::Esc, at(20));
    press(&mut a, KeyCode::Esc, at(21));
    type_in(&mut b, "y", at(22));
    type_in(&mut a, "y", at(23));
    assert_eq!(a.app().screen(), Screen::Result);
    assert_eq!(b.app().screen(), Screen::Result);
    let rows = rows(&results);
    assert_eq!(rows.len(), 2, "both rows, no torn line");
    let (rb, ra) = (&rows[0], &rows[1]);
    assert_eq!(ra.member_name, name_a);
    assert_eq!(ra.answers, "nd61-hieu-luc:B;nq30c-6:AB;mot-cua:A");
    assert!(ra.passed);
    assert_eq!(ra.duration_s, 20);
    assert_eq!(rb.member_name, name_b);
    assert_eq!(rb.answers, "nd61-hieu-luc:C;nq30c-6:B;mot-cua:B");
    assert!(!rb.passed);
    assert_eq!(rb.duration_s, 19);
    assert_ne!(ra.attempt_id, rb.attempt_id);
    assert!(saved(&results).is_empty());
}

#[test]
fn a_runner_is_send_so_a_server_can_run_each_member_on_a_thread() {
    fn send<T: Send>() {}
    send::<Runner<TestBackend>>();
    send::<App>();
    send::<Session>();
    send::<Arc<Room>>();
}

/// An idle timed question, on the terminal backend the app draws with:
/// one wake-up a second (the periodic save of the time used rides on the
/// countdown's), and only the countdown's changed cells sent, with no
/// resets or cursor sequences around them (issue 15: at most 40 B/s).
#[test]
fn an_idle_countdown_wakes_once_a_second_and_sends_only_its_changed_cells() {
    use union_quiz::ui::tty::Tty;
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let app = App::new(room(&results), settings(Lang::Vi));
    let mut r = Runner::new(app, Tty::with_size(Vec::new(), 100, 30), t0).expect("runner");
    let key = |r: &mut Runner<Tty<Vec<u8>>>, code| {
        let k = Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        assert!(r.feed(k, t0).expect("drawn").is_none());
    };
    for c in "Hoa".chars() {
        key(&mut r, KeyCode::Char(c));
    }
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Enter);
    for c in "Sở Nội vụ".chars() {
        key(&mut r, KeyCode::Char(c));
    }
    key(&mut r, KeyCode::Enter);
    key(&mut r, KeyCode::Enter);
    assert_eq!(r.app().screen(), Screen::Question);
    let out =
        |r: &mut Runner<Tty<Vec<u8>>>| std::mem::take(r.terminal_mut().backend_mut().writer_mut());
    let first = String::from_utf8(out(&mut r)).expect("utf-8");
    assert_eq!(
        first.matches("20:00").count(),
        1,
        "the time left is shown once"
    );
    let mut now = t0;
    let (mut wakes, mut bytes) = (0, 0);
    let mut frames = Vec::new();
    while now < t0 + secs(60) {
        now = r.next_wake(now).expect("the countdown wakes the loop");
        assert!(r.wake(now).expect("drawn").is_none());
        let sent = out(&mut r);
        bytes += sent.len();
        wakes += 1;
        frames.push(String::from_utf8(sent).expect("utf-8"));
    }
    assert_eq!(wakes, 60, "one wake-up a second, the saves included");
    // 19:59 then 19:58: the one digit that changed, after a move to it
    // (and the gauge's edge, when it moves: its move, a reset from bold,
    // and one block character); no cursor sequence, no end-of-frame reset.
    assert!(
        frames[1].starts_with("\u{1b}[2;56H") && frames[1].len() <= 40,
        "{:?}",
        frames[1]
    );
    assert!(frames[1].contains('8'), "{:?}", frames[1]);
    assert!(
        !frames.iter().any(|f| f.contains("\u{1b}[?25")),
        "{frames:?}"
    );
    assert!(frames.iter().all(|f| f.len() <= 40), "{frames:?}");
    assert!(bytes <= 40 * 60, "{bytes} bytes in a minute: {frames:?}");
    eprintln!("idle countdown: {wakes} wake-ups, {bytes} bytes to the terminal in 60 s");
    // The time used went to the autosave meanwhile (every 15 s).
    let (snap, _) = saved(&results).remove(0);
    assert!(snap.used_ms >= 45_000, "{}", snap.used_ms);
}

/// A terminal that notes, at every frame it is sent, how long the
/// attempt's journal is then.
struct Probe {
    journal: std::path::PathBuf,
    frame: Vec<u8>,
    frames: Vec<(String, u64)>,
}

impl std::io::Write for Probe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let len = std::fs::metadata(&self.journal).map_or(0, |m| m.len());
        let frame = String::from_utf8_lossy(&std::mem::take(&mut self.frame)).into_owned();
        self.frames.push((frame, len));
        Ok(())
    }
}

/// Issue 15: the screen answers a key before the disk is touched. The
/// frame that shows the answer is sent while the journal is as it was;
/// the change is in the journal when the key is done.
#[test]
fn a_key_is_on_screen_before_its_save_is_written() {
    use union_quiz::ui::tty::Tty;
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let t0 = Instant::now();
    let app = App::new(room(&results), settings(Lang::En));
    let probe = Probe {
        journal: std::path::PathBuf::new(),
        frame: Vec::new(),
        frames: Vec::new(),
    };
    let mut r = Runner::new(app, Tty::with_size(probe, 100, 30), t0).expect("runner");
    let key = |r: &mut Runner<Tty<Probe>>, code, at| {
        let k = Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        assert!(r.feed(k, at).expect("drawn").is_none());
    };
    for code in "Hoa\n\nSở Nội vụ\n\n".chars().map(|c| match c {
        '\n' => KeyCode::Enter,
        c => KeyCode::Char(c),
    }) {
        key(&mut r, code, t0);
    }
    let id = r
        .app()
        .attempt()
        .expect("an attempt")
        .attempt_id()
        .to_owned();
    let journal = results
        .with_file_name("results.autosave")
        .join(format!("{id}.journal"));
    let probe = r.terminal_mut().backend_mut().writer_mut();
    probe.journal = journal.clone();
    probe.frames.clear();
    // The first change after the start goes to the journal.
    key(&mut r, KeyCode::Char('b'), t0 + secs(2));
    let frames = &r.terminal().backend().writer().frames;
    let (frame, len) = frames.first().expect("a frame");
    assert!(frame.contains('•'), "the answer is drawn: {frame:?}");
    assert_eq!(*len, 0, "the journal was not written yet");
    let after = std::fs::metadata(&journal).expect("journal").len();
    assert!(after > 0, "the change was saved when the key was done");
    assert_eq!(saved(&results).remove(0).0.answers[0], vec![1]);
}
