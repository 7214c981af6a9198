//! The terminal: screens, keys and the event loop (ratatui + crossterm).

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
