//! `union-quiz check`: its options, and the diagnostics of
//! [`crate::bank::check`] printed for the trainer or for tools; with
//! `--watch`, printed again after each save.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};

use crate::bank::check::{DEFAULT_PATH, NoSuchPath, check_paths};
use crate::i18n::Lang;
use crate::i18n::check as msg;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CheckFormat {
    /// `PATH:LINE:COL: lỗi: message` lines and a summary.
    #[default]
    Text,
    /// The same diagnostics as JSON, for tools.
    Json,
}

/// Options of `union-quiz check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Bank files, roster files or folders (default `quizzes/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Check again, and print anew, each time a bank or the roster is
    /// saved (Ctrl+C stops).
    #[arg(long, conflicts_with = "format")]
    pub watch: bool,
}

/// Runs `union-quiz check`; exit 0 without errors, 1 with any, 2 on misuse.
pub fn run(args: &CheckArgs, lang: Lang) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_PATH)]
    } else {
        args.paths.clone()
    };
    if args.watch {
        if let Some(missing) = paths.iter().find(|p| !p.exists()) {
            eprintln!("{}", msg::no_such_path(missing, lang));
            return ExitCode::from(2);
        }
        let mut stdout = std::io::stdout().lock();
        watch(&paths, lang, &mut stdout, &mut RealTicker);
        return ExitCode::SUCCESS;
    }
    let report = match check_paths(&paths) {
        Ok(r) => r,
        Err(NoSuchPath(p)) => {
            eprintln!("{}", msg::no_such_path(Path::new(&p), lang));
            return ExitCode::from(2);
        }
    };
    let out = match args.format {
        CheckFormat::Text => report.render_text(lang),
        CheckFormat::Json => report.render_json(lang),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`check | head`) is not worth a panic.
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `check --watch` needs of the world besides the files: the time and
/// a way to wait (tests pass a fake that edits files instead of sleeping).
pub trait Ticker {
    /// The time now, for the watch's logic.
    fn now(&self) -> Instant;
    /// The time of day to print over a check ("09:41:03").
    fn clock(&self) -> String;
    /// Waits `d` before the next look; `false` ends the watch.
    fn wait(&mut self, d: Duration) -> bool;
    /// Clears the screen before each check, when `out` is one.
    fn clear(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The real clock, sleeping between looks, until Ctrl+C ends the process.
struct RealTicker;

impl Ticker for RealTicker {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn clock(&self) -> String {
        jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
    }

    fn wait(&mut self, d: Duration) -> bool {
        std::thread::sleep(d);
        true
    }

    fn clear(&self, out: &mut dyn Write) -> std::io::Result<()> {
        use ratatui::crossterm::{QueueableCommand, cursor::MoveTo, terminal};
        if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            return Ok(());
        }
        // The screen and its scrollback, then home: each check reads alone,
        // as if run for the first time. Through crossterm, so an old
        // Windows console without escape codes is cleared too.
        out.queue(terminal::Clear(terminal::ClearType::All))?
            .queue(terminal::Clear(terminal::ClearType::Purge))?
            .queue(MoveTo(0, 0))?;
        Ok(())
    }
}

/// Checks `paths` and prints the report to `out`, then again each time a
/// file among them is saved, added or removed, until `ticker` says stop:
/// the screen cleared, the time of the check, the diagnostics and the
/// summary. Output errors end the watch (the console was closed).
pub fn watch(paths: &[PathBuf], lang: Lang, out: &mut impl Write, ticker: &mut dyn Ticker) {
    let mut w = crate::watch::Watch::new(crate::watch::look(paths, true), ticker.now());
    if print_check(paths, lang, out, ticker).is_err() {
        return;
    }
    while ticker.wait(crate::watch::POLL) {
        let now = ticker.now();
        let seen = crate::watch::look(paths, w.wants_content(now));
        if !w.observe(seen, now).is_empty() && print_check(paths, lang, out, ticker).is_err() {
            return;
        }
    }
}

fn print_check(
    paths: &[PathBuf],
    lang: Lang,
    out: &mut impl Write,
    ticker: &dyn Ticker,
) -> std::io::Result<()> {
    ticker.clear(out)?;
    let body = match check_paths(paths) {
        Ok(report) => report.render_text(lang),
        // A folder renamed or removed while watched: say so and go on.
        Err(NoSuchPath(p)) => format!("{}\n", msg::no_such_path(&p, lang)),
    };
    writeln!(out, "{}\n", msg::watch_heading(&ticker.clock(), lang))?;
    out.write_all(body.as_bytes())?;
    out.flush()
}
