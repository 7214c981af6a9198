//! The board in a real terminal: tmux runs the built binary on a results
//! file, a row is appended as a quiz would append it, the pane must show it,
//! and `q` must end the board.
//!
//! Waiting polls the pane for a bounded time: this tests a real process
//! re-reading a real file, not a timer (the refresh logic itself is tested
//! without waiting in tests/board.rs).
// tmux runs on Unix only; on Windows these tests are left out, not failed.
#![cfg(unix)]

mod tmux_support;

use std::path::Path;

use tmux_support::Tmux;
use union_quiz::results::{self, ResultRow};

fn start(results: &Path) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    let tmux = Tmux::new("board");
    // The shell prints a marker when the board exits, so the test sees it.
    let command = format!(
        "LANG=C.UTF-8 '{bin}' board '{}'; echo BOARD-EXITED-$?; sleep 30",
        results.display()
    );
    tmux.start_sized(&command, 80, 24);
    tmux
}

fn row() -> ResultRow {
    ResultRow {
        attempt_id: "tmux-a9".into(),
        finished_at: "2026-11-20T11:05:00+07:00".into(),
        member_name: "Vũ Thị Giang".into(),
        member_code: "CD009".into(),
        unit: "Công đoàn Sở Y tế".into(),
        bank_id: "cchc-mini".into(),
        bank_title: "Cải cách hành chính — bài kiểm tra ngắn".into(),
        bank_sha256: String::new(),
        score: 4.0,
        max_score: 4.0,
        percent: 100.0,
        passed: true,
        answered: 4,
        questions: 4,
        duration_s: 200,
        time_limit_s: Some(600),
        timed_out: false,
        seed: 9,
        answers: "q1:B;q2:A;q3:D;q4:AC".into(),
        app_version: "0.1.0".into(),
    }
}

#[test]
fn the_board_shows_a_new_row_and_quits_on_q() {
    if Tmux::missing("the_board_shows_a_new_row_and_quits_on_q") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let results_file = dir.path().join("results.csv");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/results/small.csv");
    std::fs::copy(fixture, &results_file).expect("copy");
    let tmux = start(&results_file);
    let pane = tmux.wait_for("6 bài · 4 đạt");
    assert!(pane.contains("BẢNG XẾP HẠNG"), "{pane}");
    assert!(pane.contains("Nguyễn Văn An"), "{pane}");

    results::append_row(&results_file, &row()).expect("append");
    let pane = tmux.wait_for("7 bài · 5 đạt");
    assert!(pane.contains("   1 Vũ Thị Giang"), "{pane}");

    // A row of another bank: the board follows it; ← brings the first back
    // and keeps it there.
    let mut other = row();
    other.attempt_id = "tmux-l1".into();
    other.bank_id = "luat-cong-doan".into();
    other.bank_title = "Luật Công đoàn 2012".into();
    other.finished_at = "2026-11-20T13:00:00+07:00".into();
    results::append_row(&results_file, &other).expect("append");
    let pane = tmux.wait_for("Bộ đề 2/2: luat-cong-doan");
    assert!(pane.contains("Luật Công đoàn 2012"), "{pane}");
    tmux.send(&["Left"]);
    let pane = tmux.wait_for("Bộ đề 1/2: cchc-mini (đã chọn)");
    assert!(pane.contains("7 bài · 5 đạt"), "{pane}");

    tmux.send(&["q"]);
    let pane = tmux.wait_for("BOARD-EXITED-0");
    // The alternate screen is gone: the board no longer shows.
    assert!(!pane.contains("BẢNG XẾP HẠNG"), "{pane}");
}
