//! The one place where a member's attempt is saved while it runs.
//!
//! A [`Saver`] holds the claim on one attempt's autosave and decides when to
//! write it: at once after every change of the attempt (an answer, a flag,
//! a move to another question, the clock locking a question or ending the
//! quiz), and every [`SAVE_EVERY`] while nothing changes so that the time
//! used is kept too. Whether the attempt changed is read from its
//! [`Attempt::revision`], so a key that changes nothing (a cursor move, a
//! clock tick) costs no copy of the attempt.
//!
//! A change is written as a small [`Change`] appended to the attempt's
//! journal: the questions that were current since the last one (only they
//! can have changed), with their answers, flag, lock and time, and the
//! attempt's position and time used. Its size grows with the change, not
//! with the bank. The whole attempt is written at the start, when the
//! journal outgrows the whole save (so the journal never costs more than
//! twice its changes), and when the session ends. Appends are synced by
//! the process's shared [`crate::autosave::Syncer`] within half a second.
//!
//! Everything that writes, reads back or removes an autosave for a session
//! goes through here; a journal or shared fsyncs would replace this file's
//! insides and nothing else.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::autosave::{AutosaveError, Autosaves, Claim, Journaled};
use crate::engine::{Attempt, QuestionLock, Snapshot, SnapshotFinish};

/// The journal never grows past this before a whole save, however small
/// the whole save.
const JOURNAL_MIN: u64 = 64 * 1024;

/// One change of an attempt, as a journal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The questions that may have changed.
    #[serde(rename = "q", default)]
    pub questions: Vec<QuestionChange>,
    /// The current question.
    #[serde(rename = "c")]
    pub current: usize,
    /// Time used.
    #[serde(rename = "u")]
    pub used_ms: u64,
    /// Set when the attempt was finished but its row not yet written.
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<SnapshotFinish>,
}

/// One question's state in a [`Change`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionChange {
    /// The question (attempt order).
    pub i: usize,
    /// Chosen bank choice indices.
    pub a: Vec<usize>,
    /// Flagged.
    #[serde(default)]
    pub f: bool,
    /// Locked.
    #[serde(default)]
    pub l: QuestionLock,
    /// Time it was current, in ms.
    pub u: u64,
}

impl Journaled for Snapshot {
    type Record = Change;

    fn apply(&mut self, change: Change) {
        for q in change.questions {
            if let Some(a) = self.answers.get_mut(q.i) {
                *a = q.a;
            }
            if let Some(f) = self.flags.get_mut(q.i) {
                *f = q.f;
            }
            if let Some(l) = self.locks.get_mut(q.i) {
                *l = q.l;
            }
            if let Some(u) = self.question_used_ms.get_mut(q.i) {
                *u = q.u;
            }
        }
        if change.current < self.questions.len() {
            self.current = change.current;
        }
        self.used_ms = change.used_ms;
        if change.finish.is_some() {
            self.finish = change.finish;
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// How often the time used is saved while nothing else changes: a killed
/// process loses at most this much of the member's clock.
pub const SAVE_EVERY: Duration = Duration::from_secs(15);

/// Saves one attempt in its autosave folder.
#[derive(Debug)]
pub struct Saver {
    autosaves: Autosaves,
    /// Held while this session works on the attempt, so no other session
    /// (in this process or another) offers it for resuming.
    claim: Option<Claim>,
    /// The revision of the attempt at the last successful save.
    saved_revision: Option<u64>,
    /// When the last save was tried, whether it worked or not.
    last_try: Option<Instant>,
    /// Why the attempt could not be saved, while it cannot.
    problem: Option<AutosaveError>,
    /// Set once the row is written and the autosave removed: nothing is
    /// saved any more.
    done: bool,
    /// Questions current since the last save: only they can have changed.
    touched: Vec<usize>,
    /// Bytes of the last whole save, and of the journal since.
    whole_bytes: u64,
    journal_bytes: u64,
}

impl Saver {
    /// A saver for a new attempt: the claim is taken at the first save.
    pub fn new(autosaves: Autosaves) -> Saver {
        Saver {
            autosaves,
            claim: None,
            saved_revision: None,
            last_try: None,
            problem: None,
            done: false,
            touched: Vec::new(),
            whole_bytes: 0,
            journal_bytes: 0,
        }
    }

    /// A saver for a resumed attempt, whose claim is already held.
    pub fn claimed(autosaves: Autosaves, claim: Claim) -> Saver {
        Saver {
            claim: Some(claim),
            ..Saver::new(autosaves)
        }
    }

    /// Saves the attempt if it changed since the last save, or if its time
    /// used is due ([`SAVE_EVERY`]); a finished attempt only when it changed
    /// (its row could not be written, so the autosave keeps it).
    pub fn after_change(&mut self, attempt: &Attempt, now: Instant) {
        let current = attempt.current();
        if !self.touched.contains(&current) {
            self.touched.push(current);
        }
        let changed = self.saved_revision != Some(attempt.revision());
        let period = !attempt.is_finished()
            && self
                .last_try
                .is_none_or(|at| now.saturating_duration_since(at) >= SAVE_EVERY);
        if !(changed || period) {
            return;
        }
        // The first save, a save after a failure, and a finished attempt
        // are whole; the journal needs a whole save to start from.
        if self.saved_revision.is_none() || self.problem.is_some() || attempt.is_finished() {
            self.write(attempt, now);
        } else {
            // Only the time used is due: written, but not worth an fsync
            // (and a wake-up of the sync thread) of its own.
            self.append(attempt, now, changed);
        }
    }

    /// Appends the change to the journal; a whole save instead once the
    /// journal is larger than one.
    fn append(&mut self, attempt: &Attempt, now: Instant, sync: bool) {
        if self.done {
            return;
        }
        if self.journal_bytes > self.whole_bytes.max(JOURNAL_MIN) {
            self.write(attempt, now);
            return;
        }
        let Some(claim) = self.claim.as_mut() else {
            self.write(attempt, now);
            return;
        };
        self.last_try = Some(now);
        let change = Change {
            questions: self
                .touched
                .iter()
                .filter(|&&i| i < attempt.len())
                .map(|&i| QuestionChange {
                    i,
                    a: attempt.chosen(i),
                    f: attempt.is_flagged(i),
                    l: attempt.lock(i),
                    u: millis(attempt.question_used_of(i, now)),
                })
                .collect(),
            current: attempt.current(),
            used_ms: millis(attempt.used(now)),
            finish: None,
        };
        match self.autosaves.append(claim, &change, sync) {
            Ok(n) => {
                self.journal_bytes += n;
                self.saved_revision = Some(attempt.revision());
                self.touched.clear();
                self.touched.push(attempt.current());
            }
            // The folder or the whole save is gone, or the journal cannot
            // be written: a whole save, which makes them again or says why.
            Err(_) => self.write(attempt, now),
        }
    }

    /// Saves the attempt now, whole, whatever changed (quit, signal,
    /// hang-up), so the time used is current and on the disk.
    pub fn flush(&mut self, attempt: &Attempt, now: Instant) {
        self.write(attempt, now);
    }

    fn write(&mut self, attempt: &Attempt, now: Instant) {
        if self.done {
            return;
        }
        self.last_try = Some(now);
        if self.claim.is_none() {
            match self.autosaves.claim(attempt.attempt_id()) {
                Ok(c) => self.claim = Some(c),
                Err(e) => {
                    self.problem = Some(e);
                    return;
                }
            }
        }
        let Some(claim) = self.claim.as_mut() else {
            return;
        };
        match self.autosaves.save(claim, &attempt.snapshot_view(now)) {
            Ok(n) => {
                self.saved_revision = Some(attempt.revision());
                self.problem = None;
                self.whole_bytes = n;
                self.journal_bytes = 0;
                self.touched.clear();
                self.touched.push(attempt.current());
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// How long until the time used is due to be saved again, while the
    /// attempt runs; `None` once it is finished.
    pub fn next_due(&self, attempt: &Attempt, now: Instant) -> Option<Duration> {
        if attempt.is_finished() || self.done {
            return None;
        }
        // From the last try, not the last success: a failing save is tried
        // again at the next change or period, never in a tight loop.
        let Some(at) = self.last_try else {
            return Some(Duration::ZERO);
        };
        Some(SAVE_EVERY.saturating_sub(now.saturating_duration_since(at)))
    }

    /// The row is in the results file: the autosave is removed. A failure
    /// is kept as the problem (a stale autosave is skipped by `recover`,
    /// which finds its attempt id in the results file).
    pub fn remove(&mut self) {
        self.done = true;
        self.saved_revision = None;
        if let Some(claim) = self.claim.take()
            && let Err(e) = self.autosaves.remove(claim)
        {
            self.problem = Some(e);
        }
    }

    /// Lets go of the attempt, so that it can be resumed elsewhere.
    pub fn release(&mut self) {
        self.claim = None;
    }

    /// Whether this session holds the attempt's autosave.
    pub fn holds(&self) -> bool {
        self.claim.is_some()
    }

    /// Why the attempt could not be saved, while it cannot.
    pub fn problem(&self) -> Option<&AutosaveError> {
        self.problem.as_ref()
    }

    /// Why the last save failed, taken (the session is ending).
    pub fn take_problem(&mut self) -> Option<AutosaveError> {
        self.problem.take()
    }
}
