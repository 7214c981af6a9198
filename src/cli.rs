//! The command line: `union-quiz [run|check|preview|recover|report|board|import|export|serve]`.
//!
//! With no subcommand, `union-quiz` means `union-quiz run quizzes/`, so that
//! `cargo run --release` opens the quiz on the shipped banks.
//!
//! Two executables share this command line. `union-quiz`, the one every
//! member's PC runs, holds only the quiz ([`quiz_main`]); the trainer's
//! commands (`check`, `report`, `serve`, …) are handed to
//! `union-quiz-tools` beside it ([`main`]), which holds everything. A
//! member's quiz then maps a third of the code it did (alone, that took its
//! peak memory at 1,000 questions from 8.9 to 6.3 MB: most of it was the
//! binary's own pages), and the member's PCs need only the small file.

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

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

/// The subcommands `union-quiz` hands to `union-quiz-tools`: every one but
/// `run`, and clap's `help`.
pub const TOOLS: [&str; 9] = [
    "check", "preview", "recover", "report", "board", "import", "export", "serve", "help",
];

/// The member's quiz alone: `union-quiz [run] [PATH] [options]`. Its help
/// is seen only where `union-quiz-tools` is missing, and ends on a line
/// saying so (`i18n::platform::tools_elsewhere`).
#[derive(Debug, Parser)]
#[command(name = "union-quiz", version, about)]
struct QuizCli {
    /// Language of the interface and of messages.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi)]
    lang: Lang,
    /// `run`, which may be left out.
    #[command(subcommand)]
    command: Option<QuizCommand>,
    /// Options of `run`, accepted without the subcommand too.
    #[command(flatten)]
    run: RunArgs,
}

/// The one subcommand of [`QuizCli`].
#[derive(Debug, Subcommand)]
enum QuizCommand {
    /// Take a quiz (the default).
    Run(RunArgs),
}

/// The first word of a command line after any `--lang`, and where it is.
fn first_word(args: &[OsString]) -> Option<(usize, &OsString)> {
    let mut i = 1;
    while let Some(a) = args.get(i) {
        if a == "--lang" {
            i += 2;
        } else if a.to_string_lossy().starts_with("--lang=") {
            i += 1;
        } else {
            return Some((i, a));
        }
    }
    None
}

/// Where a command line goes: whether it names a trainer's command
/// ([`TOOLS`], after any `--lang`), or asks for help or the version, which
/// only the whole command line can give.
pub fn is_for_tools(args: &[OsString]) -> bool {
    let asks_help = args
        .iter()
        .skip(1)
        .any(|a| a == "-h" || a == "--help" || a == "-V" || a == "--version");
    asks_help || named_tool(args).is_some()
}

/// The trainer's command a command line names: its first word, or for
/// `help check`, the command help is asked about.
fn named_tool(args: &[OsString]) -> Option<&'static str> {
    let tool = |a: &OsString| TOOLS.iter().find(|t| a == **t).copied();
    let (i, first) = first_word(args)?;
    match tool(first)? {
        "help" => Some(args.get(i + 1).and_then(tool).unwrap_or("help")),
        named => Some(named),
    }
}

/// `union-quiz`: runs the member's quiz, or hands the command line to
/// `union-quiz-tools` (see [`is_for_tools`]). Where `union-quiz-tools` is
/// missing, the help and version of the quiz itself (`--help`, `help`,
/// `help run`, `--version`) are still said, as on a member's PC given only
/// `union-quiz`.
pub fn quiz_main(args: Vec<OsString>) -> ExitCode {
    let lang = crate::platform::lang_of(&args);
    if is_for_tools(&args) {
        let tool = named_tool(&args);
        match crate::platform::hand_over(&args, tool) {
            Ok(code) => return code,
            Err(_) if matches!(tool, None | Some("help")) => {}
            Err(missing) => {
                eprintln!("{}", missing.message(lang));
                return ExitCode::from(2);
            }
        }
    }
    let command = QuizCli::command().after_help(crate::i18n::platform::tools_elsewhere(lang));
    let cli = match command
        .try_get_matches_from(args)
        .and_then(|m| QuizCli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let args = match cli.command {
        None => cli.run,
        Some(QuizCommand::Run(args)) => args,
    };
    if let Some(like) = mistyped_command(&args) {
        let word = args.path.as_deref().map(Path::display);
        let word = word.map(|w| w.to_string()).unwrap_or_default();
        eprintln!(
            "{}",
            crate::i18n::ui::no_such_command(cli.lang, &word, like)
        );
        return ExitCode::from(2);
    }
    crate::ui::run(args, cli.lang)
}

/// The command a bank path reads like, when the path does not exist and
/// is one plain word close to a command's name (`union-quiz chek`): said
/// as a mistyped command rather than as a missing bank folder.
fn mistyped_command(args: &RunArgs) -> Option<&'static str> {
    let path = args.path.as_deref()?;
    let word = path.to_str()?.to_lowercase();
    let plain = word.chars().all(|c| c.is_alphanumeric() || c == '-');
    if !plain || path.exists() {
        return None;
    }
    TOOLS
        .iter()
        .chain(&["run"])
        .filter(|&&t| t != "help")
        .map(|&t| (strsim::osa_distance(&word, t), t))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, t)| t)
}

/// Prints clap's help, version or usage error, and gives its exit status.
fn clap_exit(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    // clap exits 0 for --help and --version, 2 for usage errors.
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// `union-quiz-tools`: parses the whole command line `args` (program name
/// first) and runs the command. The program is named `union-quiz` in help
/// and usage, as the trainer types it.
pub fn main(mut args: Vec<OsString>) -> ExitCode {
    if let Some(program) = args.first_mut() {
        *program = crate::platform::quiz_name(program);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(args: &[&str]) -> Vec<OsString> {
        std::iter::once("union-quiz")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn tools_are_every_subcommand_but_run() {
        let mut names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .filter(|n| n != "run")
            .collect();
        names.push("help".to_owned());
        let mut tools: Vec<String> = TOOLS.iter().map(|t| (*t).to_owned()).collect();
        names.sort();
        tools.sort();
        assert_eq!(names, tools);
    }

    #[test]
    fn the_quiz_stays_and_the_trainers_commands_go() {
        for quiz in [
            &[][..],
            &["run"],
            &["quizzes/"],
            &["run", "quizzes/", "--once", "--seed", "7"],
            &["--lang", "en"],
            &["--lang=en", "--kiosk"],
            &["--lang", "en", "run", "b.yaml"],
            // A bank that happens to be called like a command, given after
            // `run`, is a bank.
            &["run", "report"],
        ] {
            assert!(!is_for_tools(&line(quiz)), "{quiz:?}");
        }
        for tools in [
            &["check"][..],
            &["report", "results/", "--by", "unit"],
            &["--lang", "en", "serve"],
            &["--lang=en", "import", "x.docx"],
            &["help"],
            &["--help"],
            &["run", "-h"],
            &["--version"],
        ] {
            assert!(is_for_tools(&line(tools)), "{tools:?}");
        }
    }

    #[test]
    fn the_tool_named_is_the_one_help_is_asked_about() {
        assert_eq!(
            named_tool(&line(&["report", "--by", "unit"])),
            Some("report")
        );
        assert_eq!(named_tool(&line(&["--lang", "en", "serve"])), Some("serve"));
        assert_eq!(named_tool(&line(&["help", "check"])), Some("check"));
        assert_eq!(named_tool(&line(&["help"])), Some("help"));
        assert_eq!(named_tool(&line(&["help", "run"])), Some("help"));
        assert_eq!(named_tool(&line(&["--help"])), None);
        assert_eq!(named_tool(&line(&["run", "report"])), None);
    }

    #[test]
    fn a_missing_plain_word_close_to_a_command_is_a_mistyped_command() {
        let run = |path: &str| {
            let cli = QuizCli::try_parse_from(line(&["run", path])).expect("parse");
            let Some(QuizCommand::Run(args)) = cli.command else {
                panic!("not run");
            };
            mistyped_command(&args)
        };
        assert_eq!(run("chek"), Some("check"));
        assert_eq!(run("repot"), Some("report"));
        assert_eq!(run("Serve"), Some("serve"));
        assert_eq!(run("rn"), Some("run"));
        // Not plain words, or far from every command: bank paths.
        assert_eq!(run("chek.yaml"), None);
        assert_eq!(run("de-thi/chek"), None);
        assert_eq!(run("quizzes"), None);
        // A folder that exists is a folder.
        assert_eq!(run("src"), None);
    }

    #[test]
    fn the_quiz_alone_parses_the_options_of_run() {
        let cli = QuizCli::try_parse_from(line(&["run", "b.yaml", "--seed", "7", "--once"]));
        let Ok(QuizCli {
            command: Some(QuizCommand::Run(args)),
            ..
        }) = cli
        else {
            panic!("not parsed as run: {cli:?}");
        };
        assert_eq!(args.seed, Some(7));
        assert!(args.once);
        assert!(QuizCli::try_parse_from(line(&["--sed", "7"])).is_err());
    }
}
