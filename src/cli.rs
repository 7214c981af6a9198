//! The command line: `union-quiz [run|check|preview|recover|report|board|import|export]`.
//!
//! With no subcommand, `union-quiz` means `union-quiz run quizzes/`, so that
//! `cargo run --release` opens the quiz on the shipped banks.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::check::CheckArgs;
use crate::i18n::Lang;
use crate::preview::PreviewArgs;
use crate::ui::RunArgs;
use crate::ui::recover::RecoverArgs;

/// Timed quizzes on question banks written in YAML.
#[derive(Debug, Parser)]
#[command(name = "union-quiz", version, about)]
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
    /// See each question as a member will, with its key, while editing
    /// the bank (the screen follows each save).
    Preview(PreviewArgs),
    /// List unfinished attempts, and submit them as they stand.
    Recover(RecoverArgs),
    /// Rank members and units, and see which questions work.
    Report(crate::report::ReportArgs),
    /// A live, read-only leaderboard for the projector.
    Board(crate::report::BoardArgs),
    /// Make a bank from a Word, Excel, CSV, Aiken or GIFT file.
    Import(crate::import::ImportArgs),
    /// Write a bank as GIFT, Aiken, Moodle XML, or a printable xlsx/docx.
    Export(crate::export::ExportArgs),
    /// Open a training room: members join over SSH from the local network.
    Serve(crate::serve::ServeArgs),
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
        Some(Command::Preview(args)) => crate::preview::run(&args, lang),
        Some(Command::Recover(args)) => crate::ui::recover::run(&args, lang),
        Some(Command::Report(args)) => crate::report::run(&args, lang),
        Some(Command::Board(args)) => crate::report::board(&args, lang),
        Some(Command::Import(args)) => crate::import::run(&args, lang),
        Some(Command::Export(args)) => crate::export::run(&args, lang),
        Some(Command::Serve(args)) => crate::serve::run(&args, lang),
    }
}
