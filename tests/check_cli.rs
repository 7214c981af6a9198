//! `union-quiz check` end to end: the built binary, its output and exit
//! codes (0 without errors, 1 with any error, 2 on a usage error).

use std::path::Path;
use std::process::{Command, Output};

fn check(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run union-quiz: {e}"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn good_banks_exit_0_with_a_summary() {
    let o = check(&["tests/fixtures/banks/good"], root());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "4 tệp, 0 lỗi, 0 cảnh báo\n");
}

#[test]
fn an_error_exits_1_and_prints_path_line_col() {
    let o = check(
        &["tests/fixtures/banks/bad/answer-out-of-range.yaml"],
        root(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "tests/fixtures/banks/bad/answer-out-of-range.yaml:9:5: lỗi: đáp án \"E\" không có trong các lựa chọn (câu này có 4 lựa chọn: A–D)\n\
         tests/fixtures/banks/bad/answer-out-of-range.yaml:14:17: lỗi: đáp án \"C\" không có trong các lựa chọn (câu này có 2 lựa chọn: A–B)\n\
         1 tệp, 2 lỗi, 0 cảnh báo\n"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let o = check(
        &[
            "--lang",
            "en",
            "tests/fixtures/banks/bad/duplicate-question-text.yaml",
        ],
        root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).ends_with("1 file, 0 errors, 1 warning\n"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains(":6:5: warning: "));
}

#[test]
fn hints_are_indented_under_their_diagnostic() {
    let o = check(
        &["--lang", "en", "tests/fixtures/banks/bad/syntax-tab.yaml"],
        root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("tests/fixtures/banks/bad/syntax-tab.yaml:4:1: error: "));
    assert_eq!(
        lines[1],
        "    hint: indent with spaces, not with the Tab key"
    );
}

#[test]
fn json_for_tools() {
    let o = check(
        &[
            "--format",
            "json",
            "--lang",
            "en",
            "tests/fixtures/banks/bad/unknown-keys.yaml",
        ],
        root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    assert_eq!(json["files"], 1);
    assert_eq!(json["errors"], 5);
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "unknown-key");
    assert_eq!(first["line"], 2);
    assert_eq!(first["column"], 1);
    assert_eq!(
        first["message"],
        "unknown key \"time_limt\"; did you mean \"time_limit\"?"
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let o = check(&["khong-co-thu-muc-nay"], root());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("khong-co-thu-muc-nay"));
    assert!(o.stdout.is_empty());
}

#[test]
fn a_bad_option_is_a_usage_error() {
    let o = check(&["--format", "xml"], root());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn default_is_the_quizzes_folder_with_rosters_checked_too() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let quizzes = dir.path().join("quizzes");
    std::fs::create_dir(&quizzes).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        root().join("tests/fixtures/banks/good/mot-cua.yaml"),
        quizzes.join("mot-cua.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        root().join("tests/fixtures/rosters/bad/roster.yaml"),
        quizzes.join("roster.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = check(&[], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // The folder as given (here the default), then the system's separator.
    let roster = Path::new("quizzes").join("roster.yaml");
    assert!(
        out.contains(&format!(
            "{}:5:5: lỗi: khóa không hợp lệ \"member\"",
            roster.display()
        )),
        "{out}"
    );
    assert!(out.ends_with("2 tệp, 10 lỗi, 0 cảnh báo\n"), "{out}");

    // Without a quizzes/ folder: a usage error, not a crash.
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(check(&[], empty.path()).status.code(), Some(2));
}

#[test]
fn an_empty_folder_warns() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let o = check(&["--lang", "en", "."], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        ".: warning: the folder holds no .yaml bank file\n0 files, 0 errors, 1 warning\n"
    );
}

#[test]
fn paths_are_shown_as_the_user_wrote_them() {
    // Not made absolute, not tidied: the path as typed, so the trainer
    // finds the file where they said. On Windows both separators are
    // typed, and a file found in a folder is joined with `\`.
    let mut typed = vec![
        "tests/fixtures/banks/bad/bad-id.yaml".to_owned(),
        "./tests//fixtures/banks/bad/bad-id.yaml".to_owned(),
    ];
    if cfg!(windows) {
        typed.push("tests\\fixtures\\banks\\bad\\bad-id.yaml".to_owned());
        typed.push(".\\tests/fixtures\\banks/bad\\bad-id.yaml".to_owned());
    }
    for path in typed {
        let o = check(&[&path], root());
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert!(out.starts_with(&format!("{path}:")), "{path}: {out}");
        assert!(
            out.lines()
                .filter(|l| l.contains(": lỗi: "))
                .all(|l| l.starts_with(&format!("{path}:"))),
            "{out}"
        );
    }
}
