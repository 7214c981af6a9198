//! A member's attempt from the first key to the written row, as a plain
//! type any front-end drives: the terminal app (`ui`), `union-quiz recover`,
//! and a room server that runs many sessions in one process.
//!
//! The life of an attempt:
//! 1. [`Session::start`] draws the questions and starts the clock, or
//!    [`Session::resume`] claims an unfinished attempt from the autosave
//!    folder ([`Room::resumable`] lists them) and goes on from its save.
//! 2. The front-end changes the attempt through [`Session::attempt_mut`]
//!    (the engine's rules) and then calls [`Session::settle`]: that scores
//!    and writes the row once the attempt is finished, and otherwise saves
//!    the attempt if it changed ([`save::Saver`] is the one place that
//!    saves).
//! 3. Once the row is in the results file the autosave is removed; if it
//!    could not be written the autosave keeps the finished attempt for a
//!    retry, a resume or `recover`.
//! 4. [`Session::end`] (quit, signal, hang-up) saves the time used and lets
//!    go of the attempt so it can be resumed.
//!
//! Time is passed in (`now`), and so are the wall clock of the results
//! file ([`WallClock`]), the randomness of draws and attempt ids, the
//! results file and the autosave folder ([`Room`]). Nothing here touches a
//! terminal.

pub mod member;
pub mod recover;
pub mod save;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rand::{Rng, RngExt};

use crate::autosave::{AutosaveError, Autosaves, Claim};
use crate::bank::{Bank, Diagnostic};
use crate::engine::{
    Attempt, AttemptPlan, Member, Outcome, Overrides, Refusal, ResumeError, Snapshot, TickEvent,
};
use crate::results::{self, ResultRow, ResultsError};
use crate::roster::Roster;
use crate::text::{clean_line, fold, natural_cmp};

use member::clean_member;
use save::Saver;

/// The wall clock, for the `finished_at` column of a row.
pub trait WallClock: Send + Sync + std::fmt::Debug {
    /// The time now, with its offset.
    fn now(&self) -> jiff::ZonedDateTime;
}

/// The system's clock in the system's time zone.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl WallClock for SystemClock {
    fn now(&self) -> jiff::ZonedDateTime {
        jiff::ZonedDateTime::now()
    }
}

/// A time as the results file writes it: RFC 3339 with the offset.
pub fn row_time(t: &jiff::ZonedDateTime) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Where the seed of each attempt's draw comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedSource {
    /// `--seed N`: every attempt draws the same quiz.
    Fixed(u64),
    /// A fresh random seed per attempt.
    Random,
}

/// What every session on one results file shares: the banks, the roster,
/// the results file and its autosave folder, and the options of the draw.
/// Held in an [`Arc`], so a server's sessions share one copy of the banks.
///
/// The banks may come after the room is made ([`Room::pending`], then
/// [`Room::set_banks`] from a loading thread), so a terminal draws its
/// first screen without waiting for them; until then [`Room::banks`] is
/// empty and [`Room::is_loaded`] false.
#[derive(Debug)]
pub struct Room {
    banks: OnceLock<Shelf>,
    /// Bank files found before they are read, for the start screen.
    expected: usize,
    roster: Option<Roster>,
    results: PathBuf,
    autosaves: Autosaves,
    overrides: Overrides,
    seed: SeedSource,
    app_version: String,
    clock: Box<dyn WallClock>,
}

/// The banks once loaded, with what was wrong with the others.
#[derive(Debug)]
struct Shelf {
    /// Sorted by title.
    banks: Vec<Bank>,
    /// Every diagnostic of the loading (warnings of good banks too).
    diagnostics: Vec<Diagnostic>,
    /// Bank files left out for their errors.
    skipped: usize,
}

impl Room {
    /// A room on `results` with its banks; the banks are sorted by title,
    /// numbers in their natural order ("Bộ đề 2" before "Bộ đề 10").
    pub fn new(
        banks: Vec<Bank>,
        roster: Option<Roster>,
        results: PathBuf,
        overrides: Overrides,
        seed: SeedSource,
        app_version: String,
    ) -> Room {
        let room = Room::pending(banks.len(), roster, results, overrides, seed, app_version);
        room.set_banks(banks, Vec::new());
        room
    }

    /// A room whose `expected` bank files are still being read: give them
    /// with [`Room::set_banks`].
    pub fn pending(
        expected: usize,
        roster: Option<Roster>,
        results: PathBuf,
        overrides: Overrides,
        seed: SeedSource,
        app_version: String,
    ) -> Room {
        let autosaves = Autosaves::for_results(&results);
        Room {
            banks: OnceLock::new(),
            expected,
            roster,
            results,
            autosaves,
            overrides,
            seed,
            app_version,
            clock: Box::new(SystemClock),
        }
    }

    /// The banks, once read, and every diagnostic of their loading (as
    /// [`crate::bank::load_all`] gives them). Only the first call counts:
    /// the banks of a room never change once sessions may hold their
    /// indices.
    pub fn set_banks(&self, mut banks: Vec<Bank>, diagnostics: Vec<Diagnostic>) {
        banks.sort_by(|a, b| {
            natural_cmp(&fold(&a.title), &fold(&b.title))
                .then_with(|| natural_cmp(&a.path.to_string_lossy(), &b.path.to_string_lossy()))
        });
        let skipped = skipped_banks(&banks, &diagnostics);
        let _ = self.banks.set(Shelf {
            banks,
            diagnostics,
            skipped,
        });
    }

    /// The same room with another wall clock (tests).
    pub fn with_clock(mut self, clock: impl WallClock + 'static) -> Room {
        self.clock = Box::new(clock);
        self
    }

    /// The banks, sorted by title; none while they are being read.
    pub fn banks(&self) -> &[Bank] {
        self.banks.get().map_or(&[], |s| &s.banks)
    }

    /// Whether the banks have been read (see [`Room::pending`]).
    pub fn is_loaded(&self) -> bool {
        self.banks.get().is_some()
    }

    /// How many banks the start screen offers: the banks once read, the
    /// bank files found before.
    pub fn bank_count(&self) -> usize {
        self.banks.get().map_or(self.expected, |s| s.banks.len())
    }

    /// Every diagnostic of the banks' loading, once read.
    pub fn bank_diagnostics(&self) -> &[Diagnostic] {
        self.banks.get().map_or(&[], |s| &s.diagnostics)
    }

    /// Bank files left out for their errors, once read.
    pub fn skipped_banks(&self) -> usize {
        self.banks.get().map_or(0, |s| s.skipped)
    }

    /// The roster of units, when there is one.
    pub fn roster(&self) -> Option<&Roster> {
        self.roster.as_ref()
    }

    /// The results file.
    pub fn results(&self) -> &Path {
        &self.results
    }

    /// The autosave folder beside the results file.
    pub fn autosaves(&self) -> &Autosaves {
        &self.autosaves
    }

    /// `--pick` and `--time-limit`.
    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// Written in each row.
    pub fn app_version(&self) -> &str {
        &self.app_version
    }

    /// The wall clock now, as the results file writes it.
    pub fn wall_time(&self) -> String {
        row_time(&self.clock.now())
    }

    /// Whether the results file can be written, checked before the first
    /// member starts so the trainer sees a problem at once.
    pub fn check_results(&self) -> Result<(), ResultsError> {
        results::check_writable(&self.results)
    }

    /// The attempt ids already in the results file (none when it cannot be
    /// read).
    pub fn written_ids(&self) -> HashSet<String> {
        results::read_file(&self.results)
            .map(|r| r.rows.into_iter().map(|row| row.attempt_id).collect())
            .unwrap_or_default()
    }

    /// The unfinished attempts a member may resume: not held by another
    /// session, readable, and not already in the results file.
    pub fn resumable(&self) -> Vec<Resumable> {
        let found: Vec<_> = self
            .autosaves
            .list::<Snapshot>()
            .into_iter()
            .filter(|f| !f.in_use)
            .collect();
        // A submitted attempt whose row is written after all (its autosave
        // could not be removed) is not offered again; `recover` clears it.
        let written = if found
            .iter()
            .any(|f| f.saved.as_ref().is_ok_and(|s| s.finish.is_some()))
        {
            self.written_ids()
        } else {
            HashSet::new()
        };
        found
            .into_iter()
            .filter_map(|f| {
                let mut snapshot = f.saved.ok()?;
                if snapshot.finish.is_some() && written.contains(&snapshot.attempt_id) {
                    return None;
                }
                clean_member(&mut snapshot.member);
                let bank_title = self
                    .banks()
                    .iter()
                    .find(|b| b.id == snapshot.bank_id)
                    .map_or_else(|| snapshot.bank_id.clone(), |b| b.title.clone());
                let used = Duration::from_millis(snapshot.used_ms);
                let left = snapshot
                    .time_limit_ms
                    .map(|l| Duration::from_millis(l).saturating_sub(used));
                Some(Resumable {
                    id: f.id,
                    bank_title: clean_line(&bank_title),
                    answered: snapshot.answers.iter().filter(|a| !a.is_empty()).count(),
                    questions: snapshot.questions.len(),
                    used,
                    left,
                    snapshot,
                })
            })
            .collect()
    }

    /// Claims an attempt of the autosave folder and reads it (again, now
    /// that it is ours: another session may have saved it since it was
    /// listed), its member's text cleaned.
    pub fn claim(&self, id: &str) -> Result<(Claim, Snapshot), AutosaveError> {
        let claim = self.autosaves.claim(id)?;
        let mut snapshot = self.autosaves.load::<Snapshot>(&claim)?;
        clean_member(&mut snapshot.member);
        Ok((claim, snapshot))
    }
}

/// Runs `front` (a front-end's loop) on a thread of its own while this
/// thread reads the room's banks with `load` (as [`crate::bank::load_all`]
/// gives them); the room keeps them, then `loaded` is called (the
/// front-end's wake-up, to redraw). Returns what `front` returns, once
/// both are done; an error when no thread can be started.
///
/// The banks are read here rather than on the new thread because of the
/// allocator: glibc gives a new thread an arena of its own, which grows a
/// page at a time with an `mprotect` each, and reading a 1,000-question
/// bank there took twice as long (1,100 calls). A loader that panics
/// leaves the room with no bank rather than loading for ever; a front-end
/// that panics goes on panicking here.
pub fn load_banks_beside<T: Send + 'static>(
    room: &Room,
    load: impl FnOnce() -> (Vec<Bank>, Vec<Diagnostic>),
    loaded: impl FnOnce(),
    front: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<T> {
    let handle = std::thread::Builder::new()
        .name("front-end".to_owned())
        .spawn(front)?;
    let (banks, diagnostics) =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(load)).unwrap_or_default();
    room.set_banks(banks, diagnostics);
    loaded();
    match handle.join() {
        Ok(out) => Ok(out),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// How many bank files were left out for their errors: the files with an
/// error diagnostic that gave no loaded bank.
pub fn skipped_banks(banks: &[Bank], diagnostics: &[Diagnostic]) -> usize {
    let mut paths: Vec<&Path> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_path())
        .filter(|p| !banks.iter().any(|b| b.path == *p))
        .collect();
    paths.sort();
    paths.dedup();
    paths.len()
}

/// An unfinished attempt offered for resuming.
#[derive(Debug, Clone)]
pub struct Resumable {
    /// The attempt's id (its autosave file's name).
    pub id: String,
    /// The saved attempt; its member's text already cleaned.
    pub snapshot: Snapshot,
    /// The bank's title when the bank is loaded, else its id.
    pub bank_title: String,
    /// Questions answered.
    pub answered: usize,
    /// Questions in the attempt.
    pub questions: usize,
    /// Time used as of the last save.
    pub used: Duration,
    /// Time left as of the last save; `None` when untimed.
    pub left: Option<Duration>,
}

/// Why an attempt could not be resumed.
#[derive(Debug, thiserror::Error)]
pub enum ResumeProblem {
    /// Its bank (this id) is not among the room's banks.
    #[error("bank {0} is not loaded")]
    BankMissing(String),
    /// Another session holds it now.
    #[error("the attempt is open in another window")]
    InUse,
    /// Its bank changed since the attempt began.
    #[error("the bank changed since the attempt began")]
    BankChanged,
    /// Its autosave cannot be claimed or read.
    #[error(transparent)]
    Autosave(AutosaveError),
    /// The saved attempt does not fit its bank.
    #[error(transparent)]
    Resume(ResumeError),
}

/// The finished attempt: its score, and whether its row is written.
#[derive(Debug)]
pub struct Finished {
    /// The scored attempt.
    pub outcome: Outcome,
    /// Whether the row is in the results file, or why not.
    pub saved: Result<(), ResultsError>,
    /// The row, kept to retry writing it.
    pub row: ResultRow,
}

/// One member's attempt, from its start (or resume) to its row.
#[derive(Debug)]
pub struct Session {
    room: Arc<Room>,
    bank: usize,
    attempt: Attempt,
    saver: Saver,
    finished: Option<Finished>,
}

impl Session {
    /// Draws an attempt at bank `bank` of the room for `member` and starts
    /// its clock at `now`. `rng` gives the attempt id (and the seed, unless
    /// the room's is fixed). `None` when there is no such bank.
    pub fn start(
        room: Arc<Room>,
        bank: usize,
        member: Member,
        rng: &mut impl Rng,
        now: Instant,
    ) -> Option<Session> {
        let b = room.banks().get(bank)?;
        let seed = match room.seed {
            SeedSource::Fixed(s) => s,
            SeedSource::Random => rng.random(),
        };
        let attempt_id = format!("{:016x}", rng.random::<u64>());
        let plan = AttemptPlan::draw(b, seed, &room.overrides);
        let attempt = Attempt::start(b, plan, member, attempt_id, now);
        let saver = Saver::new(room.autosaves.clone());
        let mut session = Session {
            room,
            bank,
            attempt,
            saver,
            finished: None,
        };
        session.settle(now);
        Some(session)
    }

    /// Resumes the unfinished attempt `id` of the autosave folder at `now`.
    /// One that was finished but whose row was never written is finished
    /// here: its row is written at once.
    pub fn resume(room: Arc<Room>, id: &str, now: Instant) -> Result<Session, ResumeProblem> {
        let (claim, snapshot) = room.claim(id).map_err(|e| match e {
            AutosaveError::InUse { .. } => ResumeProblem::InUse,
            e => ResumeProblem::Autosave(e),
        })?;
        let mut session = Session::from_claimed(room, claim, snapshot, now)?;
        session.settle(now);
        Ok(session)
    }

    /// An attempt rebuilt from its claimed autosave.
    fn from_claimed(
        room: Arc<Room>,
        claim: Claim,
        snapshot: Snapshot,
        now: Instant,
    ) -> Result<Session, ResumeProblem> {
        let Some(bank) = room.banks().iter().position(|b| b.id == snapshot.bank_id) else {
            return Err(ResumeProblem::BankMissing(snapshot.bank_id));
        };
        let b = &room.banks()[bank];
        let attempt = match Attempt::resume(b, snapshot, now) {
            Ok(a) => a,
            Err(ResumeError::BankChanged) => return Err(ResumeProblem::BankChanged),
            Err(e) => return Err(ResumeProblem::Resume(e)),
        };
        let saver = Saver::claimed(room.autosaves.clone(), claim);
        Ok(Session {
            room,
            bank,
            attempt,
            saver,
            finished: None,
        })
    }

    /// The room this session belongs to.
    pub fn room(&self) -> &Arc<Room> {
        &self.room
    }

    /// The bank of the attempt.
    pub fn bank(&self) -> &Bank {
        // `bank` was checked when the session began, and the room's banks
        // never change.
        &self.room.banks()[self.bank]
    }

    /// The index of the attempt's bank among the room's banks.
    pub fn bank_index(&self) -> usize {
        self.bank
    }

    /// The attempt.
    pub fn attempt(&self) -> &Attempt {
        &self.attempt
    }

    /// The attempt, to change it by the engine's rules; call
    /// [`Session::settle`] after.
    pub fn attempt_mut(&mut self) -> &mut Attempt {
        &mut self.attempt
    }

    /// Applies the clock at `now` (see [`Attempt::tick`]), then settles.
    pub fn tick(&mut self, now: Instant) -> Vec<TickEvent> {
        let events = self.attempt.tick(now);
        self.settle(now);
        events
    }

    /// Submits the attempt as it stands (see [`Attempt::submit`]), then
    /// settles.
    pub fn submit(&mut self, now: Instant) -> Result<(), Refusal> {
        let r = self.attempt.submit(now);
        self.settle(now);
        r
    }

    /// After any change: a finished attempt is scored and its row written
    /// (once); otherwise the attempt is saved if it changed or its time is
    /// due.
    pub fn settle(&mut self, now: Instant) {
        if self.attempt.is_finished() && self.finished.is_none() {
            let at = self.room.wall_time();
            let version = self.room.app_version.clone();
            self.write_row(at, &version, now);
            return;
        }
        if !self.row_written() {
            self.saver.after_change(&self.attempt, now);
        }
    }

    /// Scores the finished attempt and appends its row, stamped
    /// `finished_at` and `app_version`; then removes the autosave, or, when
    /// the row could not be written, saves the attempt as finished.
    fn write_row(&mut self, finished_at: String, app_version: &str, now: Instant) {
        let Some(outcome) = self.attempt.outcome(self.bank()) else {
            return;
        };
        let row = self
            .attempt
            .result_row(self.bank(), &outcome, finished_at, app_version);
        let saved = results::append_row(&self.room.results, &row);
        let ok = saved.is_ok();
        self.finished = Some(Finished {
            outcome,
            saved,
            row,
        });
        if ok {
            self.saver.remove();
        } else {
            // The autosave now says "finished": `recover --submit` or a
            // resume writes the same answers later.
            self.saver.flush(&self.attempt, now);
        }
    }

    /// Tries again to write a row that could not be written.
    pub fn retry_row(&mut self) {
        let Some(finished) = self.finished.as_mut() else {
            return;
        };
        if finished.saved.is_ok() {
            return;
        }
        finished.saved = results::append_row(&self.room.results, &finished.row);
        if finished.saved.is_ok() {
            self.saver.remove();
        }
    }

    /// The finished attempt, once it is scored.
    pub fn finished(&self) -> Option<&Finished> {
        self.finished.as_ref()
    }

    /// Whether the finished attempt's row is in the results file.
    pub fn row_written(&self) -> bool {
        self.finished.as_ref().is_some_and(|f| f.saved.is_ok())
    }

    /// Whether the finished attempt's row is kept only in this process's
    /// memory (neither the results file nor the autosave could be written):
    /// then the member must not leave the result screen.
    pub fn only_in_memory(&self) -> bool {
        self.finished.as_ref().is_some_and(|f| f.saved.is_err())
            && (!self.saver.holds() || self.saver.problem().is_some())
    }

    /// Why the attempt could not be saved, while it cannot.
    pub fn save_problem(&self) -> Option<&AutosaveError> {
        self.saver.problem()
    }

    /// How long until the time used is due to be saved again; the front-end
    /// wakes for it, so a killed process loses at most [`save::SAVE_EVERY`]
    /// of the clock.
    pub fn next_save(&self, now: Instant) -> Option<Duration> {
        if self.row_written() {
            return None;
        }
        self.saver.next_due(&self.attempt, now)
    }

    /// Saves the attempt now, with the time used up to `now`.
    pub fn flush(&mut self, now: Instant) {
        if !self.row_written() {
            self.saver.flush(&self.attempt, now);
        }
    }

    /// The session ends (quit, signal, hang-up, next member): the attempt
    /// in progress is saved with its time and let go, so it can be resumed.
    /// A row that could not be written stays in its autosave. Says what it
    /// leaves, for the front-end to tell the member.
    pub fn end(mut self, now: Instant) -> Left {
        self.flush(now);
        let left = if self.row_written() {
            Left::Done
        } else {
            match self.saver.take_problem() {
                Some(e) => Left::Unsaved(e),
                None => Left::Kept,
            }
        };
        self.saver.release();
        left
    }
}

/// What an ended session leaves behind ([`Session::end`]).
#[derive(Debug)]
pub enum Left {
    /// Its row is written: nothing to come back to.
    Done,
    /// The unfinished attempt is saved, to be resumed.
    Kept,
    /// The unfinished attempt's last save failed, for this reason.
    Unsaved(AutosaveError),
}
