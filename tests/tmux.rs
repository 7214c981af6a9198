//! The built binary in a real terminal: tmux runs it, keys are sent with
//! `tmux send-keys`, the screen is read with `tmux capture-pane`, and the
//! results file must hold the member's row.
//!
//! Waiting here polls the pane for a bounded time: this tests a real
//! process, not a timer.
// tmux runs on Unix only; on Windows these tests are left out, not failed.
#![cfg(unix)]

mod tmux_support;

use std::path::Path;

use tmux_support::{QUIZ_BANK, Tmux};

fn start(dir: &Path, extra: &str) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    let bank = dir.join("bank.yaml");
    std::fs::write(&bank, QUIZ_BANK).expect("bank");
    let results = dir.join("out").join("results.csv");
    // One server per test: tests run in parallel, and a CI machine may run
    // tmux for other things.
    let tmux = Tmux::new("quiz");
    let command = format!(
        "cd '{}' && LANG=C.UTF-8 '{bin}' run '{}' --results '{}' --seed 5 {extra}; sleep 30",
        dir.display(),
        bank.display(),
        results.display()
    );
    tmux.start(&command);
    tmux
}

#[test]
fn a_member_takes_a_quiz_in_a_real_terminal() {
    if Tmux::missing("a_member_takes_a_quiz_in_a_real_terminal") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let tmux = start(dir.path(), "--once");
    tmux.wait_for("Họ và tên");
    // The name arrives as a bracketed paste (`paste-buffer -p`), as from
    // the clipboard; the rest is typed.
    let out = tmux.cmd(&["set-buffer", "Nguyễn Văn An"]);
    assert!(out.status.success(), "{out:?}");
    let out = tmux.cmd(&["paste-buffer", "-p", "-t", "quiz"]);
    assert!(out.status.success(), "{out:?}");
    tmux.wait_for("Họ và tên: Nguyễn Văn An");
    tmux.send(&["Enter"]);
    tmux.send_text("NV-042");
    tmux.send(&["Enter"]);
    tmux.send_text("Công đoàn Sở Tư pháp");
    tmux.send(&["Enter"]);
    tmux.wait_for("Hướng dẫn làm bài");
    tmux.send(&["Enter"]);
    let pane = tmux.wait_for_all(&["Câu 1/3", "Chọn một đáp án", "A. 23/4/2018"]);
    // The clock has just started: at most a few seconds are gone, even on
    // a loaded machine.
    assert!(
        pane.contains("Còn lại 10:00") || pane.contains("Còn lại 09:"),
        "{pane}"
    );
    tmux.send(&["b"]);
    tmux.wait_for("(•) B. 21/6/2018");
    tmux.send(&["Enter"]);
    tmux.wait_for("Chọn tất cả đáp án đúng");
    tmux.send(&["a", "3"]);
    tmux.wait_for("[x] C. Cải cách thủ tục hành chính");
    tmux.send(&["Right"]);
    tmux.wait_for("Câu 3/3");
    tmux.send(&["Escape"]);
    tmux.wait_for_all(&["Còn 1 câu chưa trả lời.", "Nộp bài ngay"]);
    tmux.send(&["y"]);
    tmux.wait_for_all(&["Kết quả đã được lưu.", "Điểm: 2/3 (66,7%)", "Kết quả: Đạt"]);
    // Enter ends the app with --once: the shell's `sleep` keeps the pane.
    tmux.send(&["Enter"]);
    tmux.wait_gone(&["Kết quả đã được lưu."], "the app did not exit");

    let results = dir.path().join("out").join("results.csv");
    let raw = std::fs::read_to_string(&results).expect("results file");
    assert!(raw.starts_with('\u{feff}'), "BOM");
    let read = union_quiz::results::read_file(&results).expect("read");
    assert!(read.bad.is_empty(), "{:?}", read.bad);
    assert_eq!(read.rows.len(), 1);
    let row = &read.rows[0];
    assert_eq!(row.member_name, "Nguyễn Văn An");
    assert_eq!(row.member_code, "NV-042");
    assert_eq!(row.unit, "Công đoàn Sở Tư pháp");
    assert_eq!(row.bank_id, "tmux-test");
    assert_eq!(row.answers, "nd61-hieu-luc:B;nq30c-6:AC;q3:-");
    assert_eq!(row.score, 2.0);
    assert_eq!(row.max_score, 3.0);
    assert!(row.passed);
    assert_eq!(row.answered, 2);
    assert_eq!(row.questions, 3);
    assert_eq!(row.time_limit_s, Some(600));
    assert!(!row.timed_out);
    assert_eq!(row.seed, 5);
    assert_eq!(row.app_version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn ctrl_c_restores_the_terminal() {
    if Tmux::missing("ctrl_c_restores_the_terminal") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let tmux = start(dir.path(), "");
    tmux.wait_for("Họ và tên");
    tmux.send(&["C-c"]);
    // Back on the main screen: the app's screen is gone and the pane is
    // the shell's again (the alternate screen was left).
    tmux.wait_gone(&["Họ và tên"], "Ctrl-C did not end the app");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "0");
}

#[test]
fn leaving_mid_quiz_says_the_attempt_is_kept() {
    if Tmux::missing("leaving_mid_quiz_says_the_attempt_is_kept") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let tmux = start(dir.path(), "");
    tmux.to_first_question("Nguyễn Văn An");
    tmux.send(&["b"]);
    tmux.wait_for("(•) B. 21/6/2018");
    tmux.send(&["C-c"]);
    // On the shell's screen, once the app has given the terminal back.
    tmux.wait_for("Bài làm chưa nộp đã được lưu. Mở lại union-quiz để làm tiếp.");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}

/// The banks are read behind the first screen: what is wrong with them is
/// said, with file, line and column, once the terminal is given back.
fn start_on_banks(dir: &Path, files: &[(&str, &str)]) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    let banks = dir.join("quizzes");
    std::fs::create_dir_all(&banks).expect("mkdir");
    for (name, src) in files {
        std::fs::write(banks.join(name), src).expect("bank");
    }
    let tmux = Tmux::new("quiz");
    let command = format!(
        "cd '{}' && LANG=C.UTF-8 '{bin}' run quizzes --results out/results.csv; echo \"exit=$?\"; sleep 30",
        dir.display(),
    );
    tmux.start(&command);
    tmux
}

const BROKEN_BANK: &str =
    "title: Hỏng\nquestions:\n  - text: Câu?\n    choices: [A, B]\n    answer: E\n";

#[test]
fn a_bank_broken_in_the_background_ends_the_app_with_its_located_message() {
    if Tmux::missing("a_bank_broken_in_the_background_ends_the_app_with_its_located_message") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let tmux = start_on_banks(dir.path(), &[("bad.yaml", BROKEN_BANK)]);
    let pane = tmux.wait_for_all(&["bad.yaml:5:", "Không mở được bài thi", "exit=1"]);
    assert_eq!(tmux.display("#{alternate_on}"), "0", "{pane}");
}

#[test]
fn a_broken_bank_beside_a_good_one_is_noted_then_said_on_exit() {
    if Tmux::missing("a_broken_bank_beside_a_good_one_is_noted_then_said_on_exit") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let tmux = start_on_banks(
        dir.path(),
        &[
            ("bad.yaml", BROKEN_BANK),
            ("good.yaml", tmux_support::QUIZ_BANK),
        ],
    );
    tmux.wait_for_all(&["Cải cách hành chính — kiểm tra nhanh", "1 bộ đề có lỗi"]);
    tmux.send(&["C-c"]);
    tmux.wait_for_all(&["bad.yaml:5:", "Bỏ qua 1 bộ đề có lỗi", "exit=0"]);
}
