//! `union-quiz check`: validates banks and rosters and prints diagnostics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::diag::{Diagnostic, DiagnosticJson, Problem};
use super::load::{Parsed, check_file, duplicate_bank_ids, yaml_files};
use super::validate::file_diag;
use crate::i18n::Lang;
use crate::i18n::check as msg;
use clap::{Args, ValueEnum};

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

/// The folder checked when no path is given.
pub const DEFAULT_PATH: &str = "quizzes";

/// What `check` found in the files it read.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// How many files were read.
    pub files: usize,
    /// Every diagnostic, file by file, in line order within a file.
    pub diagnostics: Vec<Diagnostic>,
}

/// The JSON document of `check --format json`.
#[derive(Debug, Serialize)]
struct ReportJson {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson>,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Each diagnostic with its hint, then the summary line.
    pub fn render_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out.push_str(&msg::summary(
            self.files,
            self.errors(),
            self.warnings(),
            lang,
        ));
        out.push('\n');
        out
    }

    /// The same diagnostics as JSON, with stable field names and codes.
    pub fn render_json(&self, lang: Lang) -> String {
        let doc = ReportJson {
            files: self.files,
            errors: self.errors(),
            warnings: self.warnings(),
            diagnostics: self.diagnostics.iter().map(|d| d.to_json(lang)).collect(),
        };
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned());
        s.push('\n');
        s
    }
}

/// A path given to `check` that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no such file or folder: {}", .0.display())]
pub struct NoSuchPath(pub PathBuf);

/// Checks files and folders: every `.yaml`/`.yml` file of a folder, and any
/// file named directly. Rosters (`roster.yaml`, or a top-level `units`) are
/// checked as rosters, everything else as banks.
pub fn check_paths(paths: &[PathBuf]) -> Result<Report, NoSuchPath> {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(NoSuchPath(missing.clone()));
    }
    let mut files = 0;
    let mut diagnostics = Vec::new();
    let mut banks = Vec::new();
    for path in paths {
        let list = match yaml_files(path) {
            Ok(list) => list,
            Err(e) => {
                diagnostics.push(file_diag(path, Problem::Io(e.to_string()), None));
                continue;
            }
        };
        if list.is_empty() {
            diagnostics.push(file_diag(path, Problem::NoBanks, None));
        }
        for file in list {
            files += 1;
            let (parsed, diags) = check_file(&file, None);
            diagnostics.extend(diags);
            if let Parsed::Bank(Some(bank)) = parsed {
                banks.push(*bank);
            }
        }
    }
    diagnostics.extend(duplicate_bank_ids(&mut banks));
    Ok(Report { files, diagnostics })
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
