//! Unfinished attempts as the trainer's `union-quiz recover` sees them, and
//! writing their rows as they stand. The steps (claim, resume, score,
//! append, remove) are the [`Session`]'s own.
//!
//! A recovered row is marked in the `app_version` column, the only one of
//! the fixed 20 whose meaning allows it: `0.1.0+recovered` (SemVer build
//! metadata, so tools that read the version still can). Its `finished_at`
//! is the time of the last autosave (when the member was last seen at
//! work), and `timed_out` is true only if the saved time used had reached
//! the limit.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::member::clean_member;
use super::{ResumeProblem, Room, Session, row_time};
use crate::autosave::AutosaveError;
use crate::engine::Snapshot;
use crate::text::clean_line;

/// What `recover` found about one autosave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoverState {
    /// Not submitted yet.
    Unfinished,
    /// Submitted, but its row was never written.
    FinishedNotSaved,
    /// Held by a running app.
    InUse,
    /// The file cannot be read.
    Unreadable,
}

/// What `recover --submit` did with one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoverDone {
    /// Its row was appended, marked recovered, and the autosave removed.
    Submitted,
    /// Its id was already in the results file: only the autosave was removed.
    AlreadyInResults,
    /// Held by a running app: left alone.
    InUse,
    /// Its bank (this id) is not among the banks given.
    BankMissing(String),
    /// Its bank changed since the attempt began.
    BankChanged,
    /// Something else went wrong (unreadable file, results not writable).
    Failed(String),
}

/// One autosave as `recover` lists it.
#[derive(Debug, Clone)]
pub struct Unfinished {
    /// The attempt's id.
    pub id: String,
    /// The autosave file.
    pub path: PathBuf,
    /// Its state.
    pub state: RecoverState,
    /// The saved attempt (member text cleaned), when readable.
    pub snapshot: Option<Snapshot>,
    /// Why it cannot be read.
    pub error: Option<String>,
}

/// The `app_version` of a recovered row: `0.1.0+recovered`.
pub fn recovered_version(version: &str) -> String {
    format!("{version}+recovered")
}

/// Lists the autosaves of the room's results file.
pub fn list(room: &Room) -> Vec<Unfinished> {
    room.autosaves()
        .list::<Snapshot>()
        .into_iter()
        .map(|f| {
            let (snapshot, error) = match f.saved {
                Ok(mut s) => {
                    clean_member(&mut s.member);
                    (Some(s), None)
                }
                Err(e) => (None, Some(clean_line(&e))),
            };
            let state = if f.in_use {
                RecoverState::InUse
            } else if snapshot.is_none() {
                RecoverState::Unreadable
            } else if snapshot.as_ref().is_some_and(|s| s.finish.is_some()) {
                RecoverState::FinishedNotSaved
            } else {
                RecoverState::Unfinished
            };
            Unfinished {
                id: f.id,
                path: f.path,
                state,
                snapshot,
                error,
            }
        })
        .collect()
}

/// The time of the last save, RFC 3339 with the local offset.
fn saved_at(path: &Path) -> String {
    let ts = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    row_time(&ts.to_zoned_datetime(jiff::tz::TimeZone::system()))
}

/// Writes the row of every autosave not held by a running session, as it
/// stands, marked recovered, and removes each autosave once its row is in
/// the results file. An attempt whose id is already in the results file
/// (its row was written but the autosave not removed) is not written twice.
pub fn submit_all(room: &Arc<Room>, now: Instant) -> Vec<(String, RecoverDone)> {
    let written = room.written_ids();
    room.autosaves()
        .list::<Snapshot>()
        .into_iter()
        .map(|f| {
            let done = submit_one(room, &f.id, &f.path, &written, now);
            (f.id, done)
        })
        .collect()
}

fn submit_one(
    room: &Arc<Room>,
    id: &str,
    path: &Path,
    written: &std::collections::HashSet<String>,
    now: Instant,
) -> RecoverDone {
    let (claim, snapshot) = match room.claim(id) {
        Ok(c) => c,
        Err(AutosaveError::InUse { .. }) => return RecoverDone::InUse,
        Err(e) => return RecoverDone::Failed(e.to_string()),
    };
    if written.contains(&snapshot.attempt_id) {
        return match room.autosaves().remove(claim) {
            Ok(()) => RecoverDone::AlreadyInResults,
            Err(e) => RecoverDone::Failed(e.to_string()),
        };
    }
    let mut session = match Session::from_claimed(Arc::clone(room), claim, snapshot, now) {
        Ok(s) => s,
        Err(ResumeProblem::BankMissing(id)) => return RecoverDone::BankMissing(id),
        Err(ResumeProblem::BankChanged) => return RecoverDone::BankChanged,
        Err(e) => return RecoverDone::Failed(e.to_string()),
    };
    if !session.attempt.is_finished() {
        // At the saved time used: timed out only if that reached the limit.
        let _ = session.attempt.submit(now);
    }
    let version = recovered_version(room.app_version());
    session.write_row(saved_at(path), &version, now);
    match session.finished() {
        Some(f) => match &f.saved {
            Ok(()) => match session.save_problem() {
                None => RecoverDone::Submitted,
                Some(e) => RecoverDone::Failed(e.to_string()),
            },
            Err(e) => RecoverDone::Failed(e.to_string()),
        },
        None => RecoverDone::Failed("the attempt could not be scored".to_owned()),
    }
}
