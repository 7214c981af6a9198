//! Shared by the report tests: the fixture files, and `union-quiz report`
//! run in-process with what it prints captured.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use union_quiz::i18n::Lang;
use union_quiz::report;
use union_quiz::report::{AttemptPick, ReportArgs, ReportBy, ReportFormat};

/// The SHA-256 of `tests/fixtures/report/cchc-mini.yaml`, as the rows of
/// `tests/fixtures/results/small.csv` record it.
pub const SHA: &str = "903299ec7b673463b83776f4e52fff5166e48096f258f8ef701bc8ea5dce6a80";

/// The sheets of a whole workbook in Vietnamese, in order: the guide, the
/// charts, then one per view (questions and their choices when the bank is
/// found).
pub const SHEETS_VI: [&str; 7] = [
    "Hướng dẫn đọc",
    "Biểu đồ",
    "Đoàn viên",
    "Công đoàn cơ sở",
    "Câu hỏi",
    "Phương án",
    "Bộ đề",
];

/// A file or folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `report` of `results` by `by`, with the command line's defaults.
pub fn args(results: Vec<PathBuf>, by: ReportBy) -> ReportArgs {
    ReportArgs {
        results,
        by,
        attempt: AttemptPick::First,
        bank: None,
        roster: None,
        format: ReportFormat::Table,
        detail: false,
        output: None,
    }
}

/// Runs the report with banks looked up in `quizzes`: its exit code, what
/// it printed and what it said on stderr.
pub fn run(args: &ReportArgs, quizzes: &Path, lang: Lang) -> (ExitCode, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = report::run_with(args, lang, quizzes, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}
