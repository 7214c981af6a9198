//! The terminal: screens, keys and the event loop (ratatui + crossterm).
//!
//! `app.rs` holds the state and changes it in one place (`App::step`),
//! `input.rs` turns keys into commands, `view.rs` draws, `theme.rs` holds
//! the colours. This file owns the real terminal and the blocking loop.

pub mod app;
pub mod input;
pub mod theme;
pub mod view;

use std::process::ExitCode;

use crate::cli::{RecoverArgs, RunArgs};
use crate::i18n::Lang;

/// Runs the quiz app (`union-quiz` and `union-quiz run`).
pub fn run(_args: RunArgs, _lang: Lang) -> ExitCode {
    eprintln!("union-quiz: the quiz screen is not built yet (issue 3)");
    ExitCode::from(2)
}

/// Runs `union-quiz recover`.
pub fn recover(_args: &RecoverArgs, _lang: Lang) -> ExitCode {
    eprintln!("union-quiz recover: not built yet (issue 4)");
    ExitCode::from(2)
}
