//! Shared by the issue-4 tests and the screen tests (`ui.rs`): an app
//! driven by keys with a fake clock, on a results file in a temporary
//! folder (the tmux harness is in `tmux_support`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use union_quiz::autosave::Autosaves;
use union_quiz::bank::Bank;
use union_quiz::engine::{Overrides, Snapshot};
use union_quiz::i18n::Lang;
use union_quiz::roster::Roster;
use union_quiz::session::{Room, SeedSource};
use union_quiz::ui::app::{App, Command, Settings};
use union_quiz::ui::input::command_for;
use union_quiz::ui::view;

use crate::engine_support::vietnamese;

/// The realistic three-question bank (20 minutes), in the bank's own order
/// so display letters are bank letters: q1 right B, q2 right A+B, q3 right A.
pub fn plain_bank() -> Bank {
    let mut b = vietnamese();
    b.shuffle_questions = false;
    b.shuffle_choices = false;
    b
}

/// The screens' settings in `lang`, without colours.
pub fn settings(lang: Lang) -> Settings {
    Settings {
        lang,
        color: false,
        once: false,
    }
}

/// A room on the results file `results`, with seed 7 and version 0.1.0.
pub fn room(banks: Vec<Bank>, roster: Option<Roster>, results: &Path) -> Arc<Room> {
    Arc::new(Room::new(
        banks,
        roster,
        results.to_owned(),
        Overrides::default(),
        SeedSource::Fixed(7),
        "0.1.0".to_owned(),
    ))
}

/// An app in `lang` on a room of `banks` on the results file `results`.
pub fn app(banks: Vec<Bank>, roster: Option<Roster>, lang: Lang, results: &Path) -> App {
    App::new(room(banks, roster, results), settings(lang))
}

/// An app with a fake clock: `at(s)` sets the time to `t0 + s` seconds.
pub struct Harness {
    pub app: App,
    pub t0: Instant,
    pub now: Instant,
}

impl Harness {
    /// The app's process is killed: no shutdown, its descriptors (the
    /// attempt's lock among them) just close. Returns once the lock is free,
    /// as it is at once when a real process dies. In a test binary that
    /// also starts programs, a child between its fork and its exec holds a
    /// copy of every descriptor for a moment, and with it the lock; a
    /// second app started in that moment would rightly see the attempt as
    /// open elsewhere. Fails after 10 s: then something else holds it.
    pub fn kill(self, results: &Path) {
        let id = self.app.attempt().map(|a| a.attempt_id().to_owned());
        drop(self);
        let Some(id) = id else { return };
        let deadline = Instant::now() + Duration::from_secs(10);
        let held = || {
            Autosaves::for_results(results)
                .list::<Snapshot>()
                .iter()
                .any(|f| f.id == id && f.in_use)
        };
        while held() {
            assert!(
                Instant::now() < deadline,
                "attempt {id} still held after 10 s"
            );
            std::thread::yield_now();
        }
    }

    /// A new app on `results`, with the clock at `t0`.
    pub fn new(banks: Vec<Bank>, results: &Path, lang: Lang, t0: Instant) -> Harness {
        Harness::with_roster(banks, None, results, lang, t0)
    }

    /// A new app with a roster of units (or none) on `results`, with the
    /// clock at `t0`.
    pub fn with_roster(
        banks: Vec<Bank>,
        roster: Option<Roster>,
        results: &Path,
        lang: Lang,
        t0: Instant,
    ) -> Harness {
        Harness {
            app: app(banks, roster, lang, results),
            t0,
            now: t0,
        }
    }

    pub fn at(&mut self, s: u64) -> &mut Self {
        self.now = self.t0 + Duration::from_secs(s);
        self
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_mod(code, KeyModifiers::NONE)
    }

    pub fn key_mod(&mut self, code: KeyCode, m: KeyModifiers) -> &mut Self {
        if let Some(c) = command_for(KeyEvent::new(code, m), &self.app) {
            self.app.step(c, self.now);
        }
        self
    }

    pub fn typed(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    pub fn cmd(&mut self, c: Command) -> &mut Self {
        self.app.step(c, self.now);
        self
    }

    /// Name, no code, a free-text unit, then Enter past the instructions.
    pub fn start_quiz_as(&mut self, name: &str) -> &mut Self {
        self.typed(name)
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
            .typed("Công đoàn Sở Tư pháp")
            .key(KeyCode::Enter)
            .key(KeyCode::Enter)
    }

    /// Through the identity and instructions screens into the first
    /// question, as Nguyễn Thị Hoa (KB-017) of the Kho bạc from the roster,
    /// or of the Sở Tư pháp typed in full when there is no roster.
    pub fn start_quiz(&mut self) -> &mut Self {
        self.typed("Nguyễn Thị Hoa")
            .key(KeyCode::Enter)
            .typed("KB-017")
            .key(KeyCode::Enter);
        if self.app.roster().is_some() {
            self.typed("kho bac");
        } else {
            self.typed("Công đoàn Sở Tư pháp");
        }
        self.key(KeyCode::Enter).key(KeyCode::Enter)
    }

    /// Answers q1 with B and q2 with A and C (display = bank letters).
    pub fn answer_two(&mut self) -> &mut Self {
        self.typed("b").key(KeyCode::Enter).typed("ac")
    }

    /// Opens the submit screen and confirms.
    pub fn submit(&mut self) -> &mut Self {
        self.key(KeyCode::Esc).typed("y")
    }

    /// The screen at 80x24, one string per row, trailing spaces trimmed.
    pub fn screen(&self) -> String {
        self.screen_sized(80, 24)
    }

    /// The screen at `w`×`h`.
    pub fn screen_sized(&self, w: u16, h: u16) -> String {
        screen_of(&self.app, self.now, w, h)
    }
}

/// Draws `app` at `now` on a `w`×`h` test terminal.
pub fn screen_of(app: &App, now: Instant, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| view::render_app(app, f.area(), f.buffer_mut(), now))
        .expect("draw");
    buffer_text(terminal.backend().buffer())
}

/// A drawn buffer as text: one string per row, trailing spaces trimmed.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The autosaves beside `results`, as snapshots.
pub fn saved(results: &Path) -> Vec<(Snapshot, bool)> {
    Autosaves::for_results(results)
        .list::<Snapshot>()
        .into_iter()
        .map(|f| (f.saved.expect("readable autosave"), f.in_use))
        .collect()
}

/// The only autosave beside `results`.
pub fn only_saved(results: &Path) -> Snapshot {
    let mut all = saved(results);
    assert_eq!(all.len(), 1, "one autosave expected");
    all.remove(0).0
}

/// Whether a string holds anything that could drive a terminal: C0/C1
/// controls (ESC, CSI U+009B …), DEL, bidi overrides.
pub fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c != '\n' && union_quiz::text::is_forbidden_control(c))
}

/// The shell line that runs the built binary on `bank` with `results`.
pub fn app_command(dir: &Path, bank: &Path, results: &Path, extra: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    format!(
        "cd '{}' && LANG=C.UTF-8 '{bin}' run '{}' --results '{}' --seed 5 {extra}; sleep 60",
        dir.display(),
        bank.display(),
        results.display()
    )
}

/// Results path under a fresh temporary folder.
pub fn results_in(dir: &Path) -> PathBuf {
    dir.join("results").join("results.csv")
}
