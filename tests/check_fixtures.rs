//! Every fixture bank and roster, with the exact diagnostics `check` must
//! print for it (insta snapshots under `tests/snapshots/`).
//!
//! `tests/fixtures/banks/bad/<rule>.yaml` holds at least one fixture per
//! validation rule; `good/` holds banks that must check clean.

use std::path::{Path, PathBuf};

use union_quiz::bank::check::check_paths;
use union_quiz::i18n::Lang;

/// Paths relative to the crate root, so snapshots do not depend on where
/// the repository is cloned (cargo runs tests from the crate root).
fn files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

fn check_text(path: &Path, lang: Lang) -> String {
    let text = check_paths(&[path.to_path_buf()])
        .unwrap_or_else(|e| panic!("{e}"))
        .render_text(lang);
    // Windows joins a file found in a folder with `\` (the path as given,
    // then the system's separator); one snapshot serves both.
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text
    }
}

#[test]
fn every_bad_bank_gives_its_diagnostics() {
    let bad = files("tests/fixtures/banks/bad");
    assert!(bad.len() >= 30, "{} bad fixtures", bad.len());
    for path in bad {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = check_text(&path, Lang::Vi);
        insta::assert_snapshot!(format!("bank-{stem}"), text);
    }
}

#[test]
fn bad_rosters_give_their_diagnostics() {
    for path in files("tests/fixtures/rosters/bad") {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::assert_snapshot!(format!("roster-{stem}"), check_text(&path, Lang::Vi));
        insta::assert_snapshot!(format!("roster-{stem}-en"), check_text(&path, Lang::En));
    }
}

#[test]
fn some_in_english() {
    for stem in [
        "unknown-keys",
        "syntax-tab",
        "syntax-colon-in-text",
        "answer-out-of-range",
        "control-characters",
        "duplicate-choices",
        "not-utf8",
        "utf16-le",
        "utf16-be",
        "comment-after-text",
    ] {
        let path = PathBuf::from(format!("tests/fixtures/banks/bad/{stem}.yaml"));
        insta::assert_snapshot!(format!("bank-{stem}-en"), check_text(&path, Lang::En));
    }
}

#[test]
fn duplicate_bank_ids_point_at_the_id_line() {
    let dir = Path::new("tests/fixtures/banks/duplicate-ids");
    insta::assert_snapshot!("duplicate-bank-ids", check_text(dir, Lang::Vi));
    insta::assert_snapshot!("duplicate-bank-ids-en", check_text(dir, Lang::En));
}

#[test]
fn good_banks_and_rosters_check_clean() {
    let report = check_paths(&[
        PathBuf::from("tests/fixtures/banks/good"),
        PathBuf::from("tests/fixtures/rosters/good"),
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.diagnostics, []);
    assert_eq!(report.files, 5);
    assert_eq!(report.render_text(Lang::Vi), "5 tệp, 0 lỗi, 0 cảnh báo\n");
    assert_eq!(
        report.render_text(Lang::En),
        "5 files, 0 errors, 0 warnings\n"
    );
}

#[test]
fn every_bad_fixture_has_an_error_or_warning() {
    for path in files("tests/fixtures/banks/bad")
        .into_iter()
        .chain(files("tests/fixtures/rosters/bad"))
    {
        let report = check_paths(std::slice::from_ref(&path)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !report.diagnostics.is_empty(),
            "{} checks clean",
            path.display()
        );
    }
}
