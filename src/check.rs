//! `union-quiz check`: its options, and the diagnostics of
//! [`crate::bank::check`] printed for the trainer or for tools.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::bank::check::{DEFAULT_PATH, NoSuchPath, check_paths};
use crate::i18n::Lang;
use crate::i18n::check as msg;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CheckFormat {
    /// `PATH:LINE:COL: lỗi: message` lines and a summary.
    #[default]
    Text,
    /// The same diagnostics as JSON, for tools.
    Json,
}

/// Options of `union-quiz check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Bank files, roster files or folders (default `quizzes/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// Runs `union-quiz check`; exit 0 without errors, 1 with any, 2 on misuse.
pub fn run(args: &CheckArgs, lang: Lang) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_PATH)]
    } else {
        args.paths.clone()
    };
    let report = match check_paths(&paths) {
        Ok(r) => r,
        Err(NoSuchPath(p)) => {
            eprintln!("{}", msg::no_such_path(Path::new(&p), lang));
            return ExitCode::from(2);
        }
    };
    let out = match args.format {
        CheckFormat::Text => report.render_text(lang),
        CheckFormat::Json => report.render_json(lang),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`check | head`) is not worth a panic.
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
