//! `union-quiz check`: validates banks and rosters and prints diagnostics.

use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::i18n::Lang;

/// Runs `union-quiz check`; exit 0 without errors, 1 with any, 2 on misuse.
pub fn run(_args: &CheckArgs, _lang: Lang) -> ExitCode {
    eprintln!("union-quiz check: not built yet (issue 2)");
    ExitCode::from(2)
}
