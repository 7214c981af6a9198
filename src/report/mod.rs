//! `union-quiz report` and `union-quiz board`: rankings of members and units,
//! question statistics, and a live leaderboard.

use std::process::ExitCode;

use crate::cli::{BoardArgs, ReportArgs};
use crate::i18n::Lang;

/// Runs `union-quiz report`.
pub fn run(_args: &ReportArgs, _lang: Lang) -> ExitCode {
    eprintln!("union-quiz report: not built yet (issue 5)");
    ExitCode::from(2)
}

/// Runs `union-quiz board`.
pub fn board(_args: &BoardArgs, _lang: Lang) -> ExitCode {
    eprintln!("union-quiz board: not built yet (issue 5)");
    ExitCode::from(2)
}
