//! `union-quiz` hands the trainer's commands to `union-quiz-tools` beside
//! it, as if it had run them itself; without it, it says what is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const QUIZ: &str = env!("CARGO_BIN_EXE_union-quiz");
const TOOLS: &str = env!("CARGO_BIN_EXE_union-quiz-tools");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn output(bin: &Path, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .current_dir(root())
        .output()
        .expect("start the binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

/// `--help` of `bin`: exit 0, and the usage of `union-quiz` (`.exe` on
/// Windows, as the trainer types it there).
fn help_of(bin: &Path) -> String {
    let out = output(bin, &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    let usage = format!(
        "Usage: union-quiz{} [OPTIONS] [PATH] [COMMAND]",
        std::env::consts::EXE_SUFFIX
    );
    assert!(help.contains(&usage), "{help}");
    help
}

/// The quiz executable alone in a folder of its own, as on a member's PC.
fn quiz_alone() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let name = Path::new(QUIZ).file_name().expect("file name");
    let alone = dir.path().join(name);
    std::fs::copy(QUIZ, &alone).expect("copy union-quiz");
    (dir, alone)
}

#[test]
fn a_trainers_command_gives_what_the_tools_give() {
    for args in [
        &["check", "tests/fixtures/banks"][..],
        &["--lang", "en", "check", "quizzes", "--format", "json"],
        &["report", "--help"],
        &["check", "no-such-folder"],
    ] {
        let quiz = output(Path::new(QUIZ), args);
        let tools = output(Path::new(TOOLS), args);
        assert_eq!(quiz.status.code(), tools.status.code(), "{args:?}");
        assert_eq!(text(&quiz.stdout), text(&tools.stdout), "{args:?}");
        assert_eq!(text(&quiz.stderr), text(&tools.stderr), "{args:?}");
        assert!(
            !quiz.stdout.is_empty() || !quiz.stderr.is_empty(),
            "{args:?}"
        );
    }
}

#[test]
fn help_names_the_program_union_quiz() {
    for bin in [QUIZ, TOOLS] {
        let help = help_of(Path::new(bin));
        assert!(!help.contains("union-quiz-tools"), "{help}");
        // The whole command line: every trainer's command is listed.
        assert!(help.contains("  serve "), "{help}");
    }
}

#[test]
fn without_the_tools_a_trainers_command_says_where_it_looked() {
    let (_dir, alone) = quiz_alone();
    let tools = alone.with_file_name(Path::new(TOOLS).file_name().expect("name"));
    let out = output(&alone, &["check", "quizzes"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "Lệnh `check` nằm trong union-quiz-tools, nhưng không thấy tệp này bên cạnh \
             union-quiz (tìm ở {}).\nHãy chép union-quiz-tools vào cùng thư mục với \
             union-quiz. Từ mã nguồn, `cargo build --release` tạo cả hai tệp.\n",
            tools.display()
        )
    );
    let out = output(&alone, &["--lang", "en", "report"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "The `report` command is in union-quiz-tools, which is not beside union-quiz \
             (looked for {}).\nCopy union-quiz-tools into the folder of union-quiz. From the \
             sources, `cargo build --release` builds both.\n",
            tools.display()
        )
    );
}

#[test]
fn without_the_tools_the_quiz_still_runs_and_gives_its_own_help() {
    let (dir, alone) = quiz_alone();
    let help = help_of(&alone);
    assert!(help.contains("  run "), "{help}");
    assert!(!help.contains("  serve "), "{help}");
    assert!(
        help.contains("Các lệnh của giảng viên (check, preview, recover, report, board,"),
        "{help}"
    );
    let out = output(&alone, &["--lang", "en", "--help"]);
    assert!(
        text(&out.stdout)
            .contains("The trainer's commands (check, preview, recover, report, board,"),
        "{out:?}"
    );
    // clap's `help` subcommand, for the quiz or for `run`, is the quiz's
    // own too; help about a trainer's command names that command.
    for args in [&["help"][..], &["help", "run"]] {
        let out = output(&alone, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            text(&out.stdout).contains("union-quiz"),
            "{args:?}: {out:?}"
        );
    }
    let out = output(&alone, &["help", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("Lệnh `check` nằm trong union-quiz-tools"),
        "{out:?}"
    );
    let out = output(&alone, &["--version"]);
    assert_eq!(
        text(&out.stdout),
        format!("union-quiz {}\n", env!("CARGO_PKG_VERSION"))
    );
    // The quiz itself needs nothing else: a folder without banks is said
    // by the quiz (exit 1), not by a missing union-quiz-tools.
    let out = output(&alone, &["run", &dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("Không tìm thấy bộ câu hỏi nào"), "{err}");
    // Options of run are checked by the quiz's own command line.
    let out = output(&alone, &["--seed", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--seed"));
}

/// On Unix the tools replace the quiz's process: a trainer's Ctrl+C or a
/// `kill` of the pid it started reaches the command itself.
#[cfg(unix)]
#[test]
fn on_unix_the_tools_take_over_the_same_process() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("b.yaml"),
        "title: T\nquestions:\n  - text: Một cộng một?\n    choices: [Hai, Ba]\n    answer: A\n",
    )
    .expect("write");
    let mut child = Command::new(QUIZ)
        .args(["check", "--watch"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start");
    // `check --watch` prints its first summary, then waits for saves.
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).expect("read");
    let exe = std::fs::read_link(format!("/proc/{}/exe", child.id()));
    let _ = child.kill();
    let _ = child.wait();
    let exe = exe.expect("the pid's executable");
    assert_eq!(exe.file_name(), Path::new(TOOLS).file_name(), "{exe:?}");
    assert!(!first.is_empty());
}

#[test]
fn a_mistyped_command_or_a_missing_folder_is_said_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str]| {
        Command::new(QUIZ)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run")
    };
    let out = run(&["chek"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "union-quiz: không có lệnh hay thư mục `chek`. Có phải bạn muốn gõ `union-quiz check`?\n"
    );
    let out = run(&["--lang", "en", "repot"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "union-quiz: there is no command or folder `repot`. Did you mean `union-quiz report`?\n"
    );
    // No quizzes folder where the quiz was started: not "its banks have
    // errors".
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "union-quiz: không có tệp hay thư mục quizzes. Hãy chỉ ra một bộ đề (.yaml) hoặc \
         thư mục bộ đề.\n"
    );
}

/// A `union-quiz-tools` that cannot be started (here: not executable)
/// is said with the system's reason and what to do.
#[cfg(unix)]
#[test]
fn tools_that_cannot_start_are_said_with_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, alone) = quiz_alone();
    let tools = alone.with_file_name("union-quiz-tools");
    std::fs::copy(TOOLS, &tools).expect("copy the tools");
    std::fs::set_permissions(&tools, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = output(&alone, &["check", "quizzes"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "Lệnh `check` nằm trong union-quiz-tools, nhưng không chạy được {}: ",
            tools.display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with(
            ".\nHãy chép lại union-quiz-tools từ bản gốc vào cùng thư mục với union-quiz.\n"
        ),
        "{err}"
    );
}
