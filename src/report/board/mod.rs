//! `union-quiz board`: a read-only leaderboard for the projector, re-read
//! whenever the results file changes.
//!
//! The board shows one bank at a time, counted as `--attempt first`: the top
//! members, the top units and the histogram of percents. By default it
//! follows the bank of the most recently finished attempt (the quiz the room
//! is taking now); `--bank ID` or a key (←/→, Tab) chooses a bank, and the
//! choice then stays when rows of other banks arrive. The footer says which
//! bank is shown and how to switch.
//!
//! The screen is drawn from a pure [`BoardModel`]; keys become a [`Control`]
//! that [`Board::step`] applies; [`Board::refresh`] is the only part that
//! touches the file, so tests call these directly instead of waiting.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::args::BoardArgs;
use super::stats::{self, AttemptPick, BINS};
use crate::i18n::Lang;
use crate::i18n::report as tr;
use crate::results::ResultRow;
use crate::roster::Roster;

mod view;

/// How long the board sleeps waiting for a key before it looks at the file
/// again: a new row shows within this (well under the 1 s asked for).
pub const POLL: Duration = Duration::from_millis(500);

/// The smallest terminal the board draws on; smaller shows a message.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// How many members and units the model keeps (more than fit on 80×24; a
/// taller terminal shows more).
const TOP: usize = 40;

/// One member on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardMember {
    /// Competition rank in the bank.
    pub rank: u32,
    /// The name, as typed.
    pub name: String,
    /// The unit, as typed.
    pub unit: String,
    /// Percent.
    pub percent: f64,
    /// Seconds used.
    pub time_used_s: u64,
}

/// One unit on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardUnit {
    /// Rank by mean percent, ties by pass rate; `None` for a roster unit
    /// with no participant yet (listed last).
    pub rank: Option<u32>,
    /// The unit's name.
    pub unit: String,
    /// Members with a counted attempt.
    pub participants: u32,
    /// Mean percent; `None` without a participant.
    pub mean_percent: Option<f64>,
    /// Participants ÷ the roster's head count, in percent; `None` without a
    /// roster or a head count.
    pub participation: Option<f64>,
}

/// Which bank the board shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BankChoice {
    /// The bank of the most recently finished attempt (the default).
    #[default]
    Newest,
    /// This bank id, chosen with `--bank` or a key; kept when rows of other
    /// banks arrive.
    Chosen(String),
}

/// Everything the board shows; built from rows, drawn by `impl Widget`.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardModel {
    /// The language of the screen.
    pub lang: Lang,
    /// The id of the bank shown; `None` before the first row (when no bank
    /// was chosen).
    pub bank_id: Option<String>,
    /// The title of the bank shown (its id while it has no row).
    pub bank_title: Option<String>,
    /// The ids of every bank in the file, in the order of their first row:
    /// the order ←/→ go through.
    pub banks: Vec<String>,
    /// Whether the bank shown follows the newest attempt (no choice made).
    pub following: bool,
    /// Members counted in the bank.
    pub attempts: usize,
    /// Of those, how many passed.
    pub passed: usize,
    /// Rows of the file that could not be read.
    pub bad: usize,
    /// The top members, by rank.
    pub members: Vec<BoardMember>,
    /// The top units, by rank.
    pub units: Vec<BoardUnit>,
    /// Members per 10-point bin of percent.
    pub bins: [u32; BINS],
    /// With a roster: units with a participant, and units in the roster.
    pub roster_units: Option<(usize, usize)>,
}

impl BoardModel {
    /// The board before any row.
    pub fn empty(lang: Lang) -> BoardModel {
        BoardModel {
            lang,
            bank_id: None,
            bank_title: None,
            banks: Vec::new(),
            following: true,
            attempts: 0,
            passed: 0,
            bad: 0,
            members: Vec::new(),
            units: Vec::new(),
            bins: [0; BINS],
            roster_units: None,
        }
    }

    /// The board for these (distinct) rows, following the newest attempt,
    /// `bad` of the file's rows having been skipped.
    pub fn from_rows(rows: &[ResultRow], bad: usize, lang: Lang) -> BoardModel {
        BoardModel::for_choice(rows, bad, lang, &BankChoice::Newest)
    }

    /// The board for these (distinct) rows, showing the bank `choice` says.
    pub fn for_choice(
        rows: &[ResultRow],
        bad: usize,
        lang: Lang,
        choice: &BankChoice,
    ) -> BoardModel {
        BoardModel::with_roster(rows, bad, lang, choice, None)
    }

    /// The board for these rows and bank, with the roster's units: those
    /// with no participant yet listed last, and participation rates.
    pub fn with_roster(
        rows: &[ResultRow],
        bad: usize,
        lang: Lang,
        choice: &BankChoice,
        roster: Option<&Roster>,
    ) -> BoardModel {
        let mut model = BoardModel::empty(lang);
        model.bad = bad;
        model.banks = bank_ids(rows);
        let bank = match choice {
            BankChoice::Newest => match latest(rows.iter()) {
                Some(row) => row.bank_id.clone(),
                None => return model,
            },
            BankChoice::Chosen(id) => id.clone(),
        };
        model.following = *choice == BankChoice::Newest;
        // The title of the bank's newest row; the id until one arrives.
        let title = latest(rows.iter().filter(|r| r.bank_id == bank)).map(|r| &r.bank_title);
        model.bank_title = Some(title.unwrap_or(&bank).clone());
        model.bank_id = Some(bank.clone());
        let counted: Vec<stats::Counted<'_>> = stats::counted_attempts(rows, AttemptPick::First)
            .into_iter()
            .filter(|c| c.row.bank_id == bank)
            .collect();
        model.attempts = counted.len();
        model.passed = counted.iter().filter(|c| c.row.passed).count();
        model.bins = stats::histogram(counted.iter().map(|c| c.row.percent));
        model.members = stats::member_lines(&counted)
            .into_iter()
            .take(TOP)
            .map(|l| BoardMember {
                rank: l.rank,
                name: l.name,
                unit: l.unit,
                percent: l.percent,
                time_used_s: l.time_used_s,
            })
            .collect();
        let units = stats::unit_lines(&counted, roster);
        if let Some(roster) = roster {
            let present = units.iter().filter(|u| u.participants > 0).count();
            model.roster_units = Some((present, roster.units.len()));
        }
        // With a roster every unit is kept, so that those with no
        // participant yet are there at the bottom to scroll to on a tall
        // screen; the province has 87.
        let keep = if roster.is_some() { usize::MAX } else { TOP };
        model.units = units
            .into_iter()
            .take(keep)
            .map(|l| BoardUnit {
                rank: l.rank,
                unit: l.unit,
                participants: l.participants,
                mean_percent: l.mean_percent,
                participation: l.participation,
            })
            .collect();
        model
    }
}

/// The bank ids of `rows`, each once, in the order of their first row.
fn bank_ids(rows: &[ResultRow]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for r in rows {
        if !ids.contains(&r.bank_id) {
            ids.push(r.bank_id.clone());
        }
    }
    ids
}

/// The most recently finished row (by `finished_at`; the last in the file
/// when times do not parse).
fn latest<'a>(rows: impl Iterator<Item = &'a ResultRow>) -> Option<&'a ResultRow> {
    rows.enumerate()
        .max_by(|(i, a), (j, b)| {
            let ta = a.finished_at.parse::<jiff::Timestamp>().ok();
            let tb = b.finished_at.parse::<jiff::Timestamp>().ok();
            ta.cmp(&tb).then(i.cmp(j))
        })
        .map(|(_, r)| r)
}

/// "Công đoàn Kho bạc" → "Kho bạc": on a narrow panel the common prefix
/// only hides the part that tells units apart. Runs of spaces are folded.
fn short_unit(unit: &str) -> String {
    let words: Vec<&str> = unit.split_whitespace().collect();
    let prefix = words.len() > 2
        && words
            .iter()
            .take(2)
            .map(|w| w.to_lowercase())
            .eq(["công", "đoàn"].map(str::to_owned));
    let rest = if prefix {
        words.get(2..).unwrap_or(&[])
    } else {
        &words[..]
    };
    rest.join(" ")
}

/// What the board last saw of the file: it is re-read when this changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

/// What a key asks of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// End the board (q, Esc, Ctrl-C).
    Quit,
    /// Show the next bank of the file (→, Tab).
    NextBank,
    /// Show the previous bank (←, Shift-Tab).
    PreviousBank,
    /// Nothing (any other key, and key releases).
    Nothing,
}

/// The control a key event means; only presses count (Windows sends
/// releases too).
pub fn control(key: KeyEvent) -> Control {
    if key.kind != KeyEventKind::Press {
        return Control::Nothing;
    }
    match key.code {
        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Control::Quit,
        KeyCode::Char('q' | 'Q') | KeyCode::Esc => Control::Quit,
        KeyCode::Right | KeyCode::Tab => Control::NextBank,
        KeyCode::Left | KeyCode::BackTab => Control::PreviousBank,
        _ => Control::Nothing,
    }
}

/// The board's state: the file it watches, the rows last read from it, the
/// bank chosen, and the model of what it shows.
#[derive(Debug, Clone)]
pub struct Board {
    path: PathBuf,
    lang: Lang,
    stamp: Option<Stamp>,
    rows: Vec<ResultRow>,
    bad: usize,
    choice: BankChoice,
    roster: Option<Roster>,
    /// What the screen shows.
    pub model: BoardModel,
}

impl Board {
    /// A board on `path` following the newest attempt, empty until the
    /// first [`Board::refresh`].
    pub fn new(path: &Path, lang: Lang) -> Board {
        Board::with_choice(path, lang, BankChoice::Newest)
    }

    /// A board on `path` showing the bank `choice` says.
    pub fn with_choice(path: &Path, lang: Lang, choice: BankChoice) -> Board {
        let mut board = Board {
            path: path.to_owned(),
            lang,
            stamp: None,
            rows: Vec::new(),
            bad: 0,
            choice,
            roster: None,
            model: BoardModel::empty(lang),
        };
        board.rebuild();
        board
    }

    /// The board with the roster's units (see [`BoardModel::with_roster`]).
    pub fn roster(mut self, roster: Option<Roster>) -> Board {
        self.roster = roster;
        self.rebuild();
        self
    }

    /// The bank shown, as chosen.
    pub fn choice(&self) -> &BankChoice {
        &self.choice
    }

    fn rebuild(&mut self) {
        self.model = BoardModel::with_roster(
            &self.rows,
            self.bad,
            self.lang,
            &self.choice,
            self.roster.as_ref(),
        );
    }

    /// Applies a key's control; returns whether the screen changed.
    /// Switching to another bank makes it the chosen one, kept when rows of
    /// other banks arrive; with one bank in the file there is nothing to
    /// switch to.
    pub fn step(&mut self, control: Control) -> bool {
        let step: isize = match control {
            Control::NextBank => 1,
            Control::PreviousBank => -1,
            Control::Quit | Control::Nothing => return false,
        };
        let banks = &self.model.banks;
        let current = self
            .model
            .bank_id
            .as_ref()
            .and_then(|id| banks.iter().position(|b| b == id));
        let next = match current {
            Some(_) if banks.len() < 2 => return false,
            Some(i) => {
                let n = banks.len().cast_signed();
                let i = i.cast_signed();
                (i + step).rem_euclid(n).cast_unsigned()
            }
            // A chosen bank with no row yet: → goes to the first, ← the last.
            None if step > 0 => 0,
            None => banks.len().saturating_sub(1),
        };
        let Some(id) = banks.get(next).cloned() else {
            return false;
        };
        self.choice = BankChoice::Chosen(id);
        self.rebuild();
        true
    }

    /// Re-reads the file if its size or modification time changed; returns
    /// whether the model was rebuilt. A missing or unreadable file shows the
    /// waiting board (the session may not have started).
    pub fn refresh(&mut self) -> bool {
        let stamp = std::fs::metadata(&self.path).ok().map(|m| Stamp {
            modified: m.modified().ok(),
            len: m.len(),
        });
        if stamp == self.stamp {
            return false;
        }
        self.stamp = stamp;
        (self.rows, self.bad) = match crate::results::read_file(&self.path) {
            Ok(read) => {
                let loaded = super::loaded_from(read.rows, read.bad);
                (loaded.rows, loaded.bad.len())
            }
            Err(_) => (Vec::new(), 0),
        };
        self.rebuild();
        true
    }
}

/// Runs `union-quiz board`.
pub fn board(args: &BoardArgs, lang: Lang) -> ExitCode {
    let choice = args
        .bank
        .clone()
        .map_or(BankChoice::Newest, BankChoice::Chosen);
    // A roster given must load; the default one is a convenience.
    let roster = match &args.roster {
        Some(path) => match super::sources::load_roster(path, lang) {
            Ok(r) => Some(r),
            Err(e) => {
                eprintln!("{}", tr::roster_error(lang, &e));
                return ExitCode::FAILURE;
            }
        },
        None => {
            let path = Path::new(super::DEFAULT_QUIZZES).join("roster.yaml");
            path.exists()
                .then(|| super::sources::load_roster(&path, lang).ok())
                .flatten()
        }
    };
    let mut board = Board::with_choice(&args.results, lang, choice).roster(roster);
    board.refresh();
    match crate::ui::terminal::with_plain_terminal(|t| event_loop(t, &mut board)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}",
                tr::terminal_error(lang, &crate::i18n::io_error_message(&e, lang))
            );
            ExitCode::FAILURE
        }
    }
}

/// Draws when something changed, waits up to [`POLL`] for a key, looks at
/// the file, and again; q, Esc or Ctrl-C ends it, ←/→ and Tab switch banks.
fn event_loop(terminal: &mut ratatui::DefaultTerminal, board: &mut Board) -> io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| f.render_widget(&board.model, f.area()))?;
            dirty = false;
        }
        if event::poll(POLL)? {
            match event::read()? {
                Event::Key(k) => match control(k) {
                    Control::Quit => return Ok(()),
                    c => dirty |= board.step(c),
                },
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        dirty |= board.refresh();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_prefix_is_dropped_only_when_something_is_left() {
        assert_eq!(
            short_unit("Công đoàn Kho bạc Nhà nước tỉnh"),
            "Kho bạc Nhà nước tỉnh"
        );
        assert_eq!(short_unit("CÔNG ĐOÀN  Sở Y tế"), "Sở Y tế");
        assert_eq!(short_unit("công đoàn  Sở Tư pháp"), "Sở Tư pháp");
        assert_eq!(short_unit("Công đoàn "), "Công đoàn");
        assert_eq!(short_unit("Sở Tư pháp"), "Sở Tư pháp");
        assert_eq!(short_unit(""), "");
    }
}
