//! `union-quiz recover`: the trainer's view of unfinished attempts in the
//! autosave folder, and `--submit` to write their rows as they stand (the
//! steps are the session's: [`crate::session::recover`]).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;

use crate::bank;
use crate::engine::Overrides;
use crate::i18n::Lang;
use crate::i18n::ui as tr;
use crate::session::recover::{self, RecoverDone, Unfinished};
use crate::session::{Room, SeedSource};
use crate::text::{clean_line, width};

use super::chrome::mm_ss;

/// Options of `union-quiz recover`.
#[derive(Debug, Clone, Args)]
pub struct RecoverArgs {
    /// The results file whose autosaves to look at.
    #[arg(long, value_name = "FILE", default_value = "results/results.csv")]
    pub results: PathBuf,
    /// Submit every unfinished attempt as it stands.
    #[arg(long)]
    pub submit: bool,
    /// The banks the attempts were taken on (a file or folder), needed to
    /// score them.
    #[arg(long, value_name = "PATH", default_value = "quizzes")]
    pub banks: PathBuf,
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

/// Runs `union-quiz recover`. Its output may go to a pipe that closes
/// early (`union-quiz recover | head -1`): writing then stops quietly,
/// where `println!` would panic.
pub fn run(args: &RecoverArgs, lang: Lang) -> ExitCode {
    let mut out = io::stdout().lock();
    match report(args, lang, &mut out) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn report(args: &RecoverArgs, lang: Lang, out: &mut impl Write) -> io::Result<ExitCode> {
    // Loaded only to score attempts with `--submit`; listing needs none.
    let banks = if args.submit {
        bank::load_all(&args.banks).0
    } else {
        Vec::new()
    };
    let room = Arc::new(Room::new(
        banks,
        None,
        args.results.clone(),
        Overrides::default(),
        SeedSource::Random,
        env!("CARGO_PKG_VERSION").to_owned(),
    ));
    let dir = room.autosaves().dir().to_owned();
    let found = recover::list(&room);
    if found.is_empty() {
        writeln!(out, "{}", tr::recover_none(lang, &dir))?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", tr::recover_heading(lang, found.len(), &dir))?;
    for line in table(&found, lang) {
        writeln!(out, "{line}")?;
    }
    if !args.submit {
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out)?;
    let mut ok = true;
    for (id, done) in recover::submit_all(&room, Instant::now()) {
        ok &= matches!(done, RecoverDone::Submitted | RecoverDone::AlreadyInResults);
        writeln!(out, "{}", tr::recover_done(lang, &id, &done))?;
    }
    out.flush()?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
