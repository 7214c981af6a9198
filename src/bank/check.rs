//! What `union-quiz check` finds: every diagnostic of the banks and
//! rosters given (printed by [`crate::check`], worded by
//! [`crate::i18n::check`]).

use std::path::PathBuf;

use super::diag::{Diagnostic, Problem};
use super::load::{Parsed, check_file, duplicate_bank_ids, yaml_files};
use super::validate::file_diag;

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

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
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
