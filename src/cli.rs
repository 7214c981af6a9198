//! The command line: `union-quiz [run|check|recover|report|board|import|export]`.
//!
//! With no subcommand, `union-quiz` means `union-quiz run quizzes/`, so that
//! `cargo run --release` opens the quiz on the shipped banks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::CheckArgs;
use crate::i18n::Lang;
use crate::ui::RunArgs;
use crate::ui::recover::RecoverArgs;

/// Timed quizzes on question banks written in YAML.
#[derive(Debug, Parser)]
#[command(
    name = "union-quiz",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Language of the interface and of messages.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,
    /// What to do; `run quizzes/` when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `run`, accepted without the subcommand too.
    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take a quiz (the default).
    Run(RunArgs),
    /// Check question banks and rosters and report every problem.
    Check(CheckArgs),
    /// List unfinished attempts, and submit them as they stand.
    Recover(RecoverArgs),
    /// Rank members and units, and see which questions work.
    Report(ReportArgs),
    /// A live, read-only leaderboard for the projector.
    Board(BoardArgs),
    /// Make a bank from a Word, Excel, CSV, Aiken or GIFT file.
    Import(crate::import::ImportArgs),
    /// Write a bank as GIFT, Aiken, Moodle XML, or a printable xlsx/docx.
    Export(crate::export::ExportArgs),
}

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
    /// Summary and histogram per bank.
    Bank,
}

/// Which attempt of a member counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttemptPick {
    /// The first, as in a real test (default).
    First,
    /// The best score.
    Best,
    /// The most recent.
    Last,
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
}

/// Parses the command line `args` (program name first) and runs the
/// command.
pub fn main(args: Vec<std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap exits 0 for --help and --version, 2 for usage errors.
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let lang = cli.lang;
    match cli.command {
        None => crate::ui::run(cli.run, lang),
        Some(Command::Run(args)) => crate::ui::run(args, lang),
        Some(Command::Check(args)) => crate::check::run(&args, lang),
        Some(Command::Recover(args)) => crate::ui::recover::run(&args, lang),
        Some(Command::Report(args)) => crate::report::run(&args, lang),
        Some(Command::Board(args)) => crate::report::board(&args, lang),
        Some(Command::Import(args)) => crate::import::run(&args, lang),
        Some(Command::Export(args)) => crate::export::run(&args, lang),
    }
}
