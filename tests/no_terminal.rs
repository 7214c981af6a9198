//! The trainer's screens (`board`, `preview`) started without a terminal
//! say so on stderr and write nothing on stdout: no stray escape sequence
//! from giving back a screen that was never taken.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `union-quiz` in a session of its own (`setsid`), so that it has no
/// controlling terminal to fall back on, with stdin from /dev/null.
fn without_terminal(args: &[&str]) -> std::process::Output {
    Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_union-quiz"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .stdin(Stdio::null())
        .output()
        .expect("setsid (util-linux) runs union-quiz")
}

#[test]
fn board_and_preview_without_a_terminal_write_nothing_on_stdout() {
    // The board waits for a results file that does not exist yet.
    let dir = tempfile::tempdir().expect("dir");
    let results = dir.path().join("results.csv").display().to_string();
    for args in [
        &["board", &results][..],
        &["preview", "quizzes/cchc-2018-mot-cua.yaml"],
    ] {
        let out = without_terminal(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("không dùng được màn hình"), "{args:?}: {err}");
    }
}
