//! `union-quiz recover`: the trainer's view of unfinished attempts in the
//! autosave folder, and `--submit` to write their rows as they stand.
//!
//! A recovered row is marked in the `app_version` column, the only one of
//! the fixed 20 whose meaning allows it: `0.1.0+recovered` (SemVer build
//! metadata, so tools that read the version still can). Its `finished_at`
//! is the time of the last autosave (when the member was last seen at
//! work), and `timed_out` is true only if the saved time used had reached
//! the limit.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::autosave::{AutosaveError, Autosaves};
use crate::bank::{self, Bank};
use crate::cli::RecoverArgs;
use crate::engine::{Attempt, ResumeError, Snapshot};
use crate::i18n::Lang;
use crate::i18n::ui as tr;
use crate::results;
use crate::text::{clean_line, width};

use super::app::clean_member;
use super::view::mm_ss;

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

/// Lists the autosaves beside `results_file`.
pub fn list(results_file: &Path) -> Vec<Unfinished> {
    Autosaves::for_results(results_file)
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
    ts.to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Writes the row of every autosave not held by a running app, as it
/// stands, marked recovered, and removes each autosave once its row is in
/// the results file. An attempt whose id is already in the results file
/// (its row was written but the autosave not removed) is not written twice.
pub fn submit_all(
    results_file: &Path,
    banks: &[Bank],
    app_version: &str,
) -> Vec<(String, RecoverDone)> {
    let autosaves = Autosaves::for_results(results_file);
    let written: HashSet<String> = results::read_file(results_file)
        .map(|r| r.rows.into_iter().map(|row| row.attempt_id).collect())
        .unwrap_or_default();
    autosaves
        .list::<Snapshot>()
        .into_iter()
        .map(|f| {
            let done = submit_one(
                &autosaves,
                &f.id,
                &f.path,
                results_file,
                banks,
                &written,
                app_version,
            );
            (f.id, done)
        })
        .collect()
}

fn submit_one(
    autosaves: &Autosaves,
    id: &str,
    path: &Path,
    results_file: &Path,
    banks: &[Bank],
    written: &HashSet<String>,
    app_version: &str,
) -> RecoverDone {
    let claim = match autosaves.claim(id) {
        Ok(c) => c,
        Err(AutosaveError::InUse { .. }) => return RecoverDone::InUse,
        Err(e) => return RecoverDone::Failed(e.to_string()),
    };
    let mut snapshot = match autosaves.load::<Snapshot>(&claim) {
        Ok(s) => s,
        Err(e) => return RecoverDone::Failed(e.to_string()),
    };
    clean_member(&mut snapshot.member);
    if written.contains(&snapshot.attempt_id) {
        return match autosaves.remove(claim) {
            Ok(()) => RecoverDone::AlreadyInResults,
            Err(e) => RecoverDone::Failed(e.to_string()),
        };
    }
    let Some(bank) = banks.iter().find(|b| b.id == snapshot.bank_id) else {
        return RecoverDone::BankMissing(snapshot.bank_id);
    };
    let now = Instant::now();
    let mut attempt = match Attempt::resume(bank, snapshot, now) {
        Ok(a) => a,
        Err(ResumeError::BankChanged) => return RecoverDone::BankChanged,
        Err(e) => return RecoverDone::Failed(e.to_string()),
    };
    if !attempt.is_finished() {
        // At the saved time used: timed out only if that reached the limit.
        let _ = attempt.submit(now);
    }
    let Some(outcome) = attempt.outcome(bank) else {
        return RecoverDone::Failed("the attempt could not be scored".to_owned());
    };
    let row = attempt.result_row(
        bank,
        &outcome,
        saved_at(path),
        &recovered_version(app_version),
    );
    if let Err(e) = results::append_row(results_file, &row) {
        return RecoverDone::Failed(e.to_string());
    }
    match autosaves.remove(claim) {
        Ok(()) => RecoverDone::Submitted,
        Err(e) => RecoverDone::Failed(e.to_string()),
    }
}

/// Pads `s` with spaces to `w` terminal cells.
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// The lines `recover` prints for the autosaves found: a table aligned by
/// display width.
pub fn table(found: &[Unfinished], lang: Lang) -> Vec<String> {
    let head = tr::recover_columns(lang);
    let mut rows: Vec<[String; 6]> = vec![head.map(str::to_owned)];
    for f in found {
        let state = tr::recover_state(lang, f.state).to_owned();
        let row = match &f.snapshot {
            Some(s) => [
                s.member.name.clone(),
                s.member.unit.clone(),
                clean_line(&s.bank_id),
                format!(
                    "{}/{}",
                    s.answers.iter().filter(|a| !a.is_empty()).count(),
                    s.questions.len()
                ),
                mm_ss(Duration::from_millis(s.used_ms).as_secs()),
                state,
            ],
            None => [
                f.id.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("{state}: {}", f.error.as_deref().unwrap_or("")),
            ],
        };
        rows.push(row);
    }
    let mut widths = [0usize; 6];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(width(cell));
        }
    }
    rows.iter()
        .map(|row| {
            row.iter()
                .zip(widths)
                .map(|(cell, w)| pad(cell, w))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// Runs `union-quiz recover`.
pub fn run(args: &RecoverArgs, lang: Lang) -> ExitCode {
    let autosaves = Autosaves::for_results(&args.results);
    let found = list(&args.results);
    if found.is_empty() {
        println!("{}", tr::recover_none(lang, autosaves.dir()));
        return ExitCode::SUCCESS;
    }
    println!(
        "{}",
        tr::recover_heading(lang, found.len(), autosaves.dir())
    );
    for line in table(&found, lang) {
        println!("{line}");
    }
    if !args.submit {
        return ExitCode::SUCCESS;
    }
    let (banks, _) = bank::load_all(&args.banks);
    println!();
    let mut ok = true;
    for (id, done) in submit_all(&args.results, &banks, env!("CARGO_PKG_VERSION")) {
        ok &= matches!(done, RecoverDone::Submitted | RecoverDone::AlreadyInResults);
        println!("{}", tr::recover_done(lang, &id, &done));
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
