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
//! Everything that writes, reads back or removes an autosave for a session
//! goes through here; a journal or shared fsyncs would replace this file's
//! insides and nothing else.

use std::time::{Duration, Instant};

use crate::autosave::{AutosaveError, Autosaves, Claim};
use crate::engine::{Attempt, Snapshot};

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
        let changed = self.saved_revision != Some(attempt.revision());
        let period = !attempt.is_finished()
            && self
                .last_try
                .is_none_or(|at| now.saturating_duration_since(at) >= SAVE_EVERY);
        if changed || period {
            self.write(attempt, now);
        }
    }

    /// Saves the attempt now, whatever changed (quit, signal, hang-up), so
    /// the time used is current.
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
        let snapshot: Snapshot = attempt.snapshot(now);
        match self.autosaves.save(claim, &snapshot) {
            Ok(()) => {
                self.saved_revision = Some(attempt.revision());
                self.problem = None;
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
}
