//! The options of `union-quiz report` and `union-quiz board`: the
//! subcommands own them, `cli.rs` only parses and dispatches.
//!
//! The figures ([`super::stats`]) take plain values; clap learns about the
//! one domain type they share, [`AttemptPick`], here.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, ValueEnum};

pub use super::stats::AttemptPick;

/// Options of `union-quiz report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Results files or folders (default `results/results.csv`).
    #[arg(value_name = "RESULTS")]
    pub results: Vec<PathBuf>,
    /// The view.
    #[arg(long, value_enum, default_value_t = ReportBy::Member)]
    pub by: ReportBy,
    /// Which attempt counts when a member took a bank several times.
    #[arg(long, value_enum, default_value_t = AttemptPick::First)]
    pub attempt: AttemptPick,
    /// The bank file, for `--by question` (default: found in `quizzes/`).
    #[arg(long, value_name = "PATH")]
    pub bank: Option<PathBuf>,
    /// The roster, for participation rates (default `quizzes/roster.yaml`).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// With `--by question` as a table: each question's choices, how many
    /// chose each, and the mean percent of those who did.
    #[arg(long)]
    pub detail: bool,
    /// Write every view to an Excel workbook, one sheet per view.
    #[arg(long, value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
}

/// Views of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportBy {
    /// One line per member and bank.
    Member,
    /// One line per grassroots union.
    Unit,
    /// Statistics for each question of a bank.
    Question,
    /// Summary, reliability and histogram per bank.
    Bank,
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned by display width (default).
    Table,
    /// CSV, UTF-8 with a byte order mark (BOM) so that Excel shows Vietnamese.
    Csv,
    /// JSON.
    Json,
}

/// Options of `union-quiz board`.
#[derive(Debug, Clone, Args)]
pub struct BoardArgs {
    /// The results file to watch.
    #[arg(value_name = "RESULTS", default_value = "results/results.csv")]
    pub results: PathBuf,
    /// Show this bank (its id) instead of following the newest attempt;
    /// ←/→ or Tab switch between the banks of the file.
    #[arg(long, value_name = "ID")]
    pub bank: Option<String>,
    /// The roster, to list units with no participant yet and participation
    /// rates (default `quizzes/roster.yaml` when it exists).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
}

impl ValueEnum for AttemptPick {
    fn value_variants<'a>() -> &'a [Self] {
        &[AttemptPick::First, AttemptPick::Best, AttemptPick::Last]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            AttemptPick::First => {
                PossibleValue::new("first").help("The first, as in a real test (default)")
            }
            AttemptPick::Best => PossibleValue::new("best").help("The best score"),
            AttemptPick::Last => PossibleValue::new("last").help("The most recent"),
        })
    }
}
