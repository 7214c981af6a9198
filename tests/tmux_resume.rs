//! Issue 4 acceptance, in a real terminal (tmux, the built binary):
//! - SIGKILL in the middle of a quiz, restart, resume, finish: the answers
//!   given before the kill are in the results row;
//! - the tmux window closed mid-quiz (SIGHUP): the attempt is resumable,
//!   with its answers and its time used up to the hang-up;
//! - SIGTERM: the same, and the terminal is restored.
//!
//! Waiting polls the pane or the autosave folder for a bounded time: these
//! test real processes, not a timer.
// tmux runs on Unix only; on Windows these tests are left out, not failed.
#![cfg(unix)]

mod engine_support;
mod resilience_support;
mod tmux_support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use resilience_support::{app_command, results_in};
use tmux_support::{QUIZ_BANK, Tmux, children};
use union_quiz::autosave::Autosaves;
use union_quiz::engine::Snapshot;

/// The one autosave and whether a process holds it.
fn autosave(results: &Path) -> Option<(Snapshot, bool)> {
    let mut found = Autosaves::for_results(results).list::<Snapshot>();
    if found.len() != 1 {
        return None;
    }
    let f = found.remove(0);
    Some((f.saved.ok()?, f.in_use))
}

/// Waits until the autosave is released by its process (which has ended).
fn wait_released(results: &Path) -> Snapshot {
    let start = Instant::now();
    loop {
        if let Some((s, false)) = autosave(results) {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the autosave was never released: {:?}",
            autosave(results)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The union-quiz process under the pane's shell.
fn app_pid(tmux: &Tmux) -> u32 {
    let shell = tmux.pane_pid();
    let start = Instant::now();
    loop {
        let found = children(shell).into_iter().find(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/comm"))
                .is_ok_and(|c| c.trim().starts_with("union-quiz"))
        });
        if let Some(p) = found {
            return p;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no app process");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn kill(signal: &str, pid: u32) {
    let out = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .output()
        .expect("kill");
    assert!(out.status.success(), "{out:?}");
}

/// Starts the app in tmux and takes it to the first question.
fn start_quiz(dir: &Path, tag: &str) -> Tmux {
    let bank = dir.join("bank.yaml");
    std::fs::write(&bank, QUIZ_BANK).expect("bank");
    let tmux = Tmux::new(tag);
    tmux.start(&app_command(dir, &bank, &results_in(dir), ""));
    tmux.to_first_question("Nguyễn Văn An");
    tmux
}

/// Answers q1 with B and q2 with A and C, and waits to see both.
fn answer_two(tmux: &Tmux) {
    tmux.send(&["b"]);
    tmux.wait_for("(•) B. 21/6/2018");
    tmux.send(&["Enter"]);
    tmux.wait_for("Câu 2/3");
    tmux.send(&["a", "3"]);
    tmux.wait_for_all(&[
        "[x] A. Cải cách thể chế",
        "[x] C. Cải cách thủ tục hành chính",
    ]);
}

#[test]
fn killed_mid_quiz_then_resumed_and_finished_keeps_the_answers() {
    if Tmux::missing("killed_mid_quiz_…") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let tmux = start_quiz(dir.path(), "kill");
    answer_two(&tmux);
    kill("KILL", app_pid(&tmux));
    let saved = wait_released(&results);
    assert_eq!(saved.answers, vec![vec![1], vec![0, 2], vec![]]);

    // The trainer starts the app again in the same window.
    let bank = dir.path().join("bank.yaml");
    let out = tmux.cmd(&[
        "respawn-pane",
        "-k",
        "-t",
        "quiz",
        &app_command(dir.path(), &bank, &results, ""),
    ]);
    assert!(out.status.success(), "{out:?}");
    tmux.wait_for_all(&[
        "Làm tiếp bài đang dở",
        "▶ Nguyễn Văn An — Công đoàn Sở Tư pháp",
        "đã trả lời 2/3 câu",
    ]);
    tmux.send(&["Enter"]);
    tmux.wait_for_all(&[
        "Câu 2/3",
        "[x] A. Cải cách thể chế",
        "[x] C. Cải cách thủ tục hành chính",
    ]);
    tmux.send(&["Left"]);
    tmux.wait_for_all(&["Câu 1/3", "(•) B. 21/6/2018"]);
    tmux.send(&["Escape"]);
    tmux.wait_for_all(&["Còn 1 câu chưa trả lời.", "Nộp bài ngay"]);
    tmux.send(&["y"]);
    tmux.wait_for_all(&["Kết quả đã được lưu.", "Điểm: 2/3 (66,7%)"]);

    let read = union_quiz::results::read_file(&results).expect("results");
    assert!(read.bad.is_empty(), "{:?}", read.bad);
    assert_eq!(read.rows.len(), 1);
    let row = &read.rows[0];
    assert_eq!(row.attempt_id, saved.attempt_id);
    assert_eq!(row.member_name, "Nguyễn Văn An");
    assert_eq!(row.answers, "nd61-hieu-luc:B;nq30c-6:AC;q3:-");
    assert_eq!(row.app_version, env!("CARGO_PKG_VERSION"));
    assert!(
        autosave(&results).is_none(),
        "removed once the row is written"
    );
}

#[test]
fn closing_the_window_mid_quiz_leaves_a_resumable_attempt() {
    if Tmux::missing("closing_the_window_…") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let tmux = start_quiz(dir.path(), "hup");
    answer_two(&tmux);
    let (at_answer, in_use) = autosave(&results).expect("autosave");
    assert!(in_use);
    // The member reads for a while; nothing changes, so nothing is saved…
    std::thread::sleep(Duration::from_millis(2_500));
    // … then the SSH window is closed.
    let out = tmux.cmd(&["kill-window", "-t", "quiz"]);
    assert!(out.status.success(), "{out:?}");
    let saved = wait_released(&results);
    assert_eq!(saved.answers, vec![vec![1], vec![0, 2], vec![]]);
    assert_eq!(saved.member.name, "Nguyễn Văn An");
    assert!(saved.finish.is_none());
    assert!(
        saved.used_ms >= at_answer.used_ms + 2_000,
        "the time used up to the hang-up was saved: {} then {}",
        at_answer.used_ms,
        saved.used_ms
    );
    // Resumable: another app on the same results file offers it.
    let bank = union_quiz::bank::load(&dir.path().join("bank.yaml")).expect("bank");
    let app = resilience_support::app(vec![bank], None, union_quiz::i18n::Lang::Vi, &results);
    assert_eq!(app.screen(), union_quiz::ui::app::Screen::Resume);
    assert_eq!(app.resumable()[0].snapshot.attempt_id, saved.attempt_id);
}

#[test]
fn sigterm_saves_the_attempt_and_restores_the_terminal() {
    if Tmux::missing("sigterm_…") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let tmux = start_quiz(dir.path(), "term");
    tmux.send(&["c"]);
    tmux.wait_for("(•) C. 01/7/2018");
    let (at_answer, _) = autosave(&results).expect("autosave");
    std::thread::sleep(Duration::from_millis(1_500));
    kill("TERM", app_pid(&tmux));
    let saved = wait_released(&results);
    assert_eq!(saved.answers[0], vec![2]);
    assert!(
        saved.used_ms >= at_answer.used_ms + 1_000,
        "{} then {}",
        at_answer.used_ms,
        saved.used_ms
    );
    // The pane is the shell's again: alternate screen and mouse mode off.
    tmux.wait_gone(&["Câu 1/3"], "the app did not exit");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "0");
}
