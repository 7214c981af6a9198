//! The terminal: screens, keys and the event loop (ratatui + crossterm).
//!
//! `app.rs` holds the state and changes it in one place (`App::step`),
//! `input.rs` turns keys into commands, `view.rs` draws, `theme.rs` holds
//! the colours. This file owns the real terminal and the blocking loop.

pub mod app;
pub mod input;
pub mod recover;
pub mod signals;
pub mod theme;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

use crate::bank;
use crate::cli::{RecoverArgs, RunArgs};
use crate::engine::Overrides;
use crate::i18n::Lang;
use crate::i18n::ui as tr;
use crate::roster::{self, Roster};

use app::{App, Command, SeedSource, Settings};
use theme::Theme;

/// How long the loop sleeps when nothing on screen depends on the time
/// (it wakes earlier on any input).
const IDLE_WAIT: Duration = Duration::from_secs(3600);

/// A little past the second, so the loop wakes after the countdown has
/// changed rather than just before it.
const WAKE_SLACK: Duration = Duration::from_millis(5);

/// What wakes the event loop: a terminal event, the end of the terminal,
/// or a signal.
enum Input {
    /// A key, a click, a paste, a resize.
    Event(Event),
    /// The terminal cannot be read any more.
    Failed(io::Error),
    /// SIGHUP or SIGTERM.
    Signal(i32),
}

/// Why the event loop ended.
enum Ended {
    /// The member (or the trainer, in kiosk mode) quit.
    Quit,
    /// SIGHUP or SIGTERM.
    Signal(i32),
}

/// Runs the quiz app (`union-quiz` and `union-quiz run`).
pub fn run(args: RunArgs, lang: Lang) -> ExitCode {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("quizzes"));
    let (banks, diagnostics) = bank::load_all(&path);
    let skipped = skipped_banks(&banks, &diagnostics);
    if diagnostics.iter().any(|d| d.is_error()) {
        // Said before the terminal is taken, so the trainer sees it when
        // the app ends (and in the console of a room's computer).
        for d in &diagnostics {
            eprintln!("{}", d.render(lang));
        }
        if banks.is_empty() {
            eprintln!("{}", tr::bank_errors(lang, &path));
            return ExitCode::from(1);
        }
        // One broken bank must not stop every quiz: the others run.
        eprintln!("{}", tr::banks_skipped(lang, skipped));
    }
    if banks.is_empty() {
        eprintln!("{}", tr::no_banks(lang, &path));
        return ExitCode::from(1);
    }
    let roster = match load_roster(&args, &path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.render(lang));
            return ExitCode::from(1);
        }
    };
    let time_limit = match &args.time_limit {
        None => None,
        Some(s) => match bank::parse_duration(s) {
            Some(d) => Some(d),
            None => {
                eprintln!("{}", tr::bad_time_limit(lang, s));
                return ExitCode::from(2);
            }
        },
    };
    let settings = Settings {
        lang,
        color: Theme::color_from_env(),
        overrides: Overrides {
            pick: args.pick,
            time_limit,
        },
        seed: args.seed.map_or(SeedSource::Random, SeedSource::Fixed),
        once: args.once,
        results: args.results.clone(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    let mut app = App::new(banks, roster, settings);
    app.skipped_banks = skipped;
    if args.kiosk {
        app = app.into_kiosk();
    }
    // The screens are drawn on stdout: without a terminal there, say so
    // rather than draw into a pipe (or take over the terminal of whoever
    // ran a script).
    if !io::stdout().is_terminal() {
        eprintln!(
            "{}",
            tr::no_terminal(
                lang,
                lang.pick("đầu ra không phải là terminal", "stdout is not a terminal")
            )
        );
        return ExitCode::from(1);
    }
    let (tx, rx) = mpsc::channel();
    // Before the terminal is taken: a failure here is said on stderr.
    let to_loop = tx.clone();
    if let Err(e) = signals::install(move |sig| {
        let _ = to_loop.send(Input::Signal(sig));
    }) {
        eprintln!("{}", tr::no_terminal(lang, &e.to_string()));
        return ExitCode::from(1);
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprintln!("{}", tr::no_terminal(lang, &e.to_string()));
            return ExitCode::from(1);
        }
    };
    let extras = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    install_panic_hook();
    let result = extras
        .and_then(|()| spawn_reader(tx))
        .and_then(|()| event_loop(&mut terminal, &mut app, &rx));
    // Whatever ended the loop (quit, signal, a terminal gone with its SSH
    // connection), the attempt in progress is saved with its time used.
    app.shutdown(Instant::now());
    restore();
    match result {
        Ok(Ended::Quit) => ExitCode::SUCCESS,
        Ok(Ended::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
        Err(e) => {
            eprintln!("{}", tr::no_terminal(lang, &e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// How many bank files were left out for their errors: the files with an
/// error diagnostic that gave no loaded bank.
fn skipped_banks(banks: &[bank::Bank], diagnostics: &[bank::Diagnostic]) -> usize {
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

/// `--roster`, or `roster.yaml` beside the banks when present.
fn load_roster(args: &RunArgs, banks: &Path) -> Result<Option<Roster>, bank::BankError> {
    let path = match &args.roster {
        Some(p) => p.clone(),
        None => {
            let dir = if banks.is_dir() {
                banks
            } else {
                banks.parent().unwrap_or(Path::new("."))
            };
            let p = dir.join("roster.yaml");
            if !p.is_file() {
                return Ok(None);
            }
            p
        }
    };
    roster::load(&path).map(Some)
}

/// Leaves the terminal as it was: mouse and paste modes off, then raw mode
/// and the alternate screen.
fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// `ratatui::init` restores raw mode and the screen on a panic; this also
/// turns mouse capture and bracketed paste off, which it does not know of.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

/// Reads terminal events on a thread of its own and sends them to the
/// loop. The loop then waits on one channel for keys and signals alike; and
/// when the terminal hangs up, crossterm's read may spin on end-of-file
/// without returning, which would otherwise keep the loop from ever seeing
/// the SIGHUP that comes with it.
fn spawn_reader(tx: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("terminal-events".to_owned())
        .spawn(move || {
            loop {
                let input = match event::read() {
                    Ok(ev) => Input::Event(ev),
                    Err(e) => Input::Failed(e),
                };
                let failed = matches!(input, Input::Failed(_));
                if tx.send(input).is_err() || failed {
                    return;
                }
            }
        })
        .map(drop)
}

/// Draw, then block until the next input, signal or visible change of the
/// countdown (or the periodic save of the time used); never a fixed fast
/// poll, so an idle member costs nothing.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Input>,
) -> io::Result<Ended> {
    let size = terminal.size()?;
    app.step(Command::Resize(size.width, size.height), Instant::now());
    while !app.quit {
        terminal.draw(|frame| {
            let area = frame.area();
            frame.render_widget(&*app, area);
            if let Some(pos) = view::cursor_position(app, area) {
                frame.set_cursor_position(pos);
            }
        })?;
        let now = Instant::now();
        let wait = [
            app.next_wake(now).map(|d| d + WAKE_SLACK),
            app.next_autosave(now),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(IDLE_WAIT);
        let command = match rx.recv_timeout(wait) {
            Ok(Input::Event(Event::Key(key))) => input::command_for(key, app),
            Ok(Input::Event(Event::Mouse(mouse))) => input::command_for_mouse(mouse),
            Ok(Input::Event(Event::Paste(text))) => Some(Command::Paste(text)),
            Ok(Input::Event(Event::Resize(w, h))) => Some(Command::Resize(w, h)),
            Ok(Input::Event(_)) => None,
            Ok(Input::Signal(sig)) => return Ok(Ended::Signal(sig)),
            Ok(Input::Failed(e)) => return Err(e),
            Err(mpsc::RecvTimeoutError::Timeout) => Some(Command::Tick),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("terminal events stopped"));
            }
        };
        if let Some(command) = command {
            app.step(command, Instant::now());
        }
    }
    Ok(Ended::Quit)
}

/// Runs `union-quiz recover`.
pub fn recover(args: &RecoverArgs, lang: Lang) -> ExitCode {
    recover::run(args, lang)
}
