//! The terminal front-end of a member's session (ratatui + crossterm).
//!
//! - `app.rs` holds what the screens share and changes it in one place
//!   (`App::step`); the member's attempt itself is a [`crate::session`].
//! - `screens/` has one module per screen: its state, its keys, its body.
//! - `input.rs` turns keys and clicks into commands; `view.rs` lays out the
//!   page, scrolls the body and finds what a click hits; `chrome.rs` draws
//!   the header, footer and help; `theme.rs` holds the colours.
//! - `runner.rs` drives an app on any ratatui `Backend` from a stream of
//!   inputs (the local terminal, a test backend, a network channel).
//! - `terminal.rs` owns the local terminal; `signals.rs` turns signals into
//!   inputs; `recover.rs` is the `recover` command.

pub mod app;
pub mod chrome;
pub mod input;
pub mod recover;
pub mod runner;
pub mod screens;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod tty;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use crate::bank;
use crate::engine::Overrides;
use crate::i18n::Lang;
use crate::i18n::ui as tr;
use crate::roster::{self, Roster};
use crate::session::{self, Left, Room, SeedSource};

use app::{App, Settings};
use runner::{Ended, HangUp};
use theme::Theme;

/// The options `run` and `serve` share: where the rows go, the units, and
/// the overrides of the banks' set-up.
#[derive(Debug, Clone, Args, Default)]
pub struct QuizArgs {
    /// The results file (folders are created); the autosaves, and for
    /// `serve` the host key, are kept beside it.
    #[arg(long, value_name = "FILE", default_value = "results/results.csv")]
    pub results: PathBuf,
    /// The roster of units; default `roster.yaml` in the banks folder.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Override the bank's time limit (90s, 20m, 1h30m).
    #[arg(long, value_name = "DUR")]
    pub time_limit: Option<String>,
    /// Override the number of questions drawn (at least 1).
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub pick: Option<usize>,
}

/// Options of `union-quiz run`.
#[derive(Debug, Clone, Args, Default)]
pub struct RunArgs {
    /// A bank file or a folder of banks.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Where rows go, the units, and the overrides of the banks' set-up.
    #[command(flatten)]
    pub quiz: QuizArgs,
    /// Seed for reproducible draws.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Exit after one member instead of returning to the start.
    #[arg(long)]
    pub once: bool,
    /// Kiosk mode: only the trainer's exit and PIN end the app.
    #[arg(long)]
    pub kiosk: bool,
}

/// A count that must be 1 or more (`--pick 0` would make an empty quiz);
/// `run` and `serve` parse their counts with it.
pub(crate) fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs the quiz app (`union-quiz` and `union-quiz run`).
///
/// On a terminal, the first screen is drawn at once and the banks are read
/// on a thread of their own: the bank list, or the identity form of the
/// only bank, says "đang tải…" until they are, and a member who gets to the
/// instructions first waits there. What was wrong with a bank is said on
/// stderr when the app gives the terminal back (where the alternate screen
/// let it be seen before too); with no bank left, the app ends at once,
/// exit 1. Without a terminal nobody waits for a first screen: the banks
/// are read first and their problems said before anything else.
pub fn run(args: RunArgs, lang: Lang) -> ExitCode {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("quizzes"));
    // Said as such, not as a folder whose banks have errors.
    if !path.exists() {
        eprintln!("{}", tr::no_such_path(lang, &path));
        return ExitCode::from(2);
    }
    let on_terminal = io::stdout().is_terminal();
    // Only the names of the files: reading them is the slow part.
    let expected = bank::yaml_files(&path)
        .map(|files| files.iter().filter(|f| !bank::is_roster_file(f)).count())
        .unwrap_or(0);
    let background = on_terminal && expected > 0;
    let loaded = if background {
        None
    } else {
        let (banks, diagnostics) = bank::load_all(&path);
        if let Err(code) = say_bank_problems(&banks, &diagnostics, &path, lang) {
            return code;
        }
        Some((banks, diagnostics))
    };
    let roster = match load_roster(&args, &path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.render(lang));
            return ExitCode::from(1);
        }
    };
    let time_limit = match time_limit(args.quiz.time_limit.as_deref(), lang) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let room = Arc::new(Room::pending(
        expected,
        roster,
        args.quiz.results.clone(),
        Overrides {
            pick: args.quiz.pick,
            time_limit,
        },
        args.seed.map_or(SeedSource::Random, SeedSource::Fixed),
        env!("CARGO_PKG_VERSION").to_owned(),
    ));
    if let Some((banks, diagnostics)) = loaded {
        room.set_banks(banks, diagnostics);
    }
    // The screens are drawn on stdout: without a terminal there, say so
    // rather than draw into a pipe (or take over the terminal of whoever
    // ran a script).
    if !on_terminal {
        eprintln!("{}", tr::no_terminal(lang, tr::stdout_not_terminal(lang)));
        return ExitCode::from(1);
    }
    let settings = Settings {
        lang,
        color: Theme::color_from_env(),
        once: args.once,
    };
    let mut app = App::new(Arc::clone(&room), settings);
    if args.kiosk {
        app = app.into_kiosk();
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let ended = if background {
        let to_loop = tx.clone();
        let from = path.clone();
        let front = move || terminal::run(app, tx, rx);
        match session::load_banks_beside(
            &room,
            || bank::load_all(&from),
            move || {
                let _ = to_loop.send(runner::Input::BanksLoaded);
            },
            front,
        ) {
            Ok(ended) => ended,
            Err(e) => Err(terminal::TerminalError(e)),
        }
    } else {
        terminal::run(app, tx, rx)
    };
    // The banks read while the app ran: their problems, now that the
    // terminal is back.
    if background && room.is_loaded() {
        let said = say_bank_problems(room.banks(), room.bank_diagnostics(), &path, lang);
        if let Err(code) = said {
            return code;
        }
    }
    match ended {
        // Said once the terminal is the shell's again: a member who left
        // mid-quiz (Ctrl+C, Esc then quit) knows the attempt waits.
        Ok(Ended::Quit(Some(Left::Kept))) => {
            println!("{}", tr::attempt_kept(lang));
            ExitCode::SUCCESS
        }
        Ok(Ended::Quit(Some(Left::Unsaved(e)))) => {
            eprintln!(
                "{}",
                tr::attempt_unsaved(lang, &tr::autosave_detail(&e, lang))
            );
            ExitCode::from(1)
        }
        Ok(Ended::Quit(_)) => ExitCode::SUCCESS,
        Ok(Ended::HangUp(HangUp::Signal(sig))) => {
            ExitCode::from(u8::try_from(128 + sig).unwrap_or(1))
        }
        Ok(Ended::HangUp(_)) => ExitCode::SUCCESS,
        Ok(Ended::Failed(e)) => {
            eprintln!("{}", tr::no_terminal(lang, &e.to_string()));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}", tr::no_terminal(lang, &e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// Says on stderr what was wrong with the banks of `path`: each error's
/// diagnostic (file, line, column) and what it means for the quiz. `Err`
/// (exit 1) when no bank can be used.
fn say_bank_problems(
    banks: &[bank::Bank],
    diagnostics: &[bank::Diagnostic],
    path: &Path,
    lang: Lang,
) -> Result<(), ExitCode> {
    if diagnostics.iter().any(|d| d.is_error()) {
        for d in diagnostics {
            eprintln!("{}", d.render(lang));
        }
        if banks.is_empty() {
            eprintln!("{}", tr::bank_errors(lang, path));
            return Err(ExitCode::from(1));
        }
        // One broken bank must not stop every quiz: the others run.
        let skipped = session::skipped_banks(banks, diagnostics);
        eprintln!("{}", tr::banks_skipped(lang, skipped));
    }
    if banks.is_empty() {
        eprintln!("{}", tr::no_banks(lang, path));
        return Err(ExitCode::from(1));
    }
    Ok(())
}

/// `--roster`, or `roster.yaml` beside the banks when present.
/// `--time-limit` (90s, 20m, 1h30m) as a duration; a value that is none
/// is said on stderr and is a usage error (exit 2). Shared by `run` and
/// `serve`.
pub fn time_limit(arg: Option<&str>, lang: Lang) -> Result<Option<std::time::Duration>, ExitCode> {
    match arg {
        None => Ok(None),
        Some(s) => match bank::parse_duration(s) {
            Some(d) => Ok(Some(d)),
            None => {
                eprintln!("{}", tr::bad_time_limit(lang, s));
                Err(ExitCode::from(2))
            }
        },
    }
}

fn load_roster(args: &RunArgs, banks: &Path) -> Result<Option<Roster>, bank::BankError> {
    roster::load_for(args.quiz.roster.as_deref(), banks)
}
