//! `union-quiz run` refuses bad input before it touches the terminal.

use std::process::Command;

fn run(args: &[&str], dir: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run the binary");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const GOOD: &str =
    "title: Kiểm tra\nquestions:\n  - text: Một cộng một?\n    choices: [Hai, Ba]\n    answer: A\n";

#[test]
fn a_bank_with_errors_prints_its_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("quizzes")).expect("mkdir");
    std::fs::write(
        dir.path().join("quizzes/bad.yaml"),
        "title: Hỏng\nquestions:\n  - text: Câu?\n    choices: [A, B]\n    answer: E\n",
    )
    .expect("write");
    // No arguments: the banks in quizzes/.
    let (code, err) = run(&[], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad.yaml:5:"), "{err}");
    assert!(err.contains("Không mở được bài thi"), "{err}");
    let (code, err) = run(&["--lang", "en"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Cannot open the quiz"), "{err}");
}

#[test]
fn no_bank_exits_1_with_a_plain_message() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let (code, err) = run(&["run", "empty"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Không tìm thấy bộ câu hỏi nào"), "{err}");
}

#[test]
fn a_bad_time_limit_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("b.yaml"), GOOD).expect("write");
    let (code, err) = run(&["run", "b.yaml", "--time-limit", "20 phút"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("90s, 20m, 1h30m"), "{err}");
}

#[test]
fn pick_zero_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("b.yaml"), GOOD).expect("write");
    let (code, err) = run(&["run", "b.yaml", "--pick", "0"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--pick"), "{err}");
    assert!(err.contains("at least 1"), "{err}");
}

#[test]
fn a_broken_bank_beside_a_good_one_is_skipped_and_said() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("quizzes")).expect("mkdir");
    std::fs::write(dir.path().join("quizzes/good.yaml"), GOOD).expect("write");
    std::fs::write(
        dir.path().join("quizzes/bad.yaml"),
        "title: Hỏng\nquestions:\n  - text: Câu?\n    choices: [A, B]\n    answer: E\n",
    )
    .expect("write");
    // stdout is a pipe here: the app gets as far as the terminal, which
    // it then says it cannot use. The banks were not the problem.
    let (code, err) = run(&[], dir.path());
    assert!(err.contains("bad.yaml:5:"), "{err}");
    assert!(err.contains("Bỏ qua 1 bộ đề có lỗi"), "{err}");
    assert!(!err.contains("Không mở được bài thi"), "{err}");
    assert!(err.contains("Không mở được màn hình terminal"), "{err}");
    assert_eq!(code, 1, "no terminal: {err}");
    let (_, err) = run(&["--lang", "en"], dir.path());
    assert!(err.contains("Skipped 1 bank(s) with errors"), "{err}");
    assert!(!err.contains("Cannot open the quiz"), "{err}");
}
