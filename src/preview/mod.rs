//! `union-quiz preview [PATH]`: the trainer's view of a bank while editing
//! it. Each question as a member sees it, with the key, the explanation and
//! the source, the bank's settings and its topics; the file is watched, and
//! each save shows within a second (a broken save under a banner with
//! `check`'s diagnostics, over the last good version).
//!
//! - `state.rs`: the banks, the question shown, keys → [`state::Control`]
//!   → [`state::Preview::step`];
//! - `view.rs`: drawing, with the member's question layout;
//! - this file: the options, and the loop that waits for a key or the next
//!   look at the files ([`crate::watch`]).

pub mod state;
pub mod view;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use ratatui::crossterm::event::{self, Event};

use crate::bank::check::DEFAULT_PATH;
use crate::i18n::Lang;
use crate::i18n::preview as tr;
use crate::ui::theme::Theme;
use crate::watch::{self, Watch};
use state::{Preview, Step, bank_files, control};

/// Options of `union-quiz preview`.
#[derive(Debug, Clone, Args)]
pub struct PreviewArgs {
    /// A bank file or a folder of banks (default `quizzes/`).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The seed of the shuffled view (`s`): the choices in the order
    /// `run --seed N` would give them.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
}

/// The files a preview of `path` shows, and their first look.
pub fn open(path: &PathBuf, lang: Lang, seed: u64, now: Instant) -> (Preview, Watch) {
    let seen = watch::look(std::slice::from_ref(path), true);
    let files = bank_files(seen.iter().filter(|(_, s)| s.is_some()).map(|(p, _)| p));
    (Preview::open(&files, lang, seed), Watch::new(seen, now))
}

/// One look at the files at `now`: the preview reloads what was saved.
/// Returns whether anything changed.
pub fn poll(preview: &mut Preview, w: &mut Watch, path: &PathBuf, now: Instant) -> bool {
    let seen = watch::look(std::slice::from_ref(path), w.wants_content(now));
    let present = bank_files(seen.iter().filter(|(_, s)| s.is_some()).map(|(p, _)| p));
    let changed = bank_files(&w.observe(seen, now));
    if changed.is_empty() {
        return false;
    }
    preview.reload(&changed, &present);
    true
}

/// Runs `union-quiz preview`.
pub fn run(args: &PreviewArgs, lang: Lang) -> ExitCode {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_PATH));
    if !path.exists() {
        eprintln!("{}", tr::no_such_path(lang, &path));
        return ExitCode::from(2);
    }
    let (mut preview, mut w) = open(&path, lang, args.seed, Instant::now());
    if preview.files.is_empty() {
        eprintln!("{}", tr::no_banks(lang, &path));
        return ExitCode::from(1);
    }
    preview.theme = Theme::new(Theme::color_from_env());
    if !io::IsTerminal::is_terminal(&io::stdout()) {
        eprintln!(
            "{}",
            tr::terminal_error(lang, crate::i18n::ui::stdout_not_terminal(lang))
        );
        return ExitCode::from(1);
    }
    let looked =
        crate::ui::terminal::with_plain_terminal(|t| event_loop(t, &mut preview, &mut w, &path));
    match looked {
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

/// Draws when something changed, waits for a key until the next look at
/// the files, looks, and again, until the trainer quits.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    preview: &mut Preview,
    w: &mut Watch,
    path: &PathBuf,
) -> io::Result<()> {
    let mut dirty = true;
    let mut next_look = Instant::now() + watch::POLL;
    loop {
        if dirty {
            let size = terminal.size()?;
            preview.size = (size.width, size.height);
            terminal.draw(|f| f.render_widget(&*preview, f.area()))?;
            dirty = false;
        }
        let wait = next_look.saturating_duration_since(Instant::now());
        if event::poll(wait)? {
            match event::read()? {
                Event::Key(k) => {
                    let c = control(k, preview.goto.is_some());
                    if preview.step(c) == Step::Quit {
                        return Ok(());
                    }
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        let now = Instant::now();
        if now >= next_look {
            dirty |= poll(preview, w, path, now);
            next_look = now + watch::POLL;
        }
    }
}
