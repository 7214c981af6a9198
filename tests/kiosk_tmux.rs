//! Kiosk mode in a real terminal: the trainer sets the PIN, a member's
//! Ctrl-C, Esc and q do not end the app, a wrong PIN goes back, and F12
//! with the right PIN ends it with the terminal restored.
// tmux runs on Unix only; on Windows these tests are left out, not failed.
#![cfg(unix)]

mod engine_support;
mod resilience_support;
mod tmux_support;

use resilience_support::{app_command, results_in};
use tmux_support::Tmux;

const BANK: &str = "title: Kiểm tra\nid: kiosk-test\nquestions:\n  - id: q1\n    text: Một cộng một?\n    choices: [Hai, Ba]\n    answer: A\n";

#[test]
fn only_the_trainer_ends_a_kiosk() {
    if Tmux::missing("only_the_trainer_ends_a_kiosk") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let bank = dir.path().join("bank.yaml");
    std::fs::write(&bank, BANK).expect("bank");
    let tmux = Tmux::new("kiosk");
    tmux.start(&app_command(
        dir.path(),
        &bank,
        &results_in(dir.path()),
        "--kiosk",
    ));
    tmux.wait_for("Nhập mã PIN:");
    tmux.send_text("2468");
    tmux.wait_for("Nhập mã PIN: ••••");
    tmux.send(&["Enter"]);
    tmux.wait_for("Nhập lại mã PIN để xác nhận");
    tmux.send_text("2468");
    tmux.send(&["Enter"]);
    tmux.wait_for("Họ và tên");
    // A member tries every way out, then types a name to show the app
    // still answers keys.
    tmux.send(&["C-c", "Escape", "C-c", "C-\\", "C-z"]);
    tmux.send_text("q");
    tmux.wait_for("Họ và tên: q");
    assert!(!tmux.pane().contains("$ "), "no shell prompt");
    // The trainer's key with a wrong PIN goes back to the form.
    tmux.send(&["F12"]);
    tmux.wait_for("Thoát chương trình");
    tmux.send_text("0000");
    tmux.send(&["Enter"]);
    tmux.wait_for("Họ và tên: q");
    // With the right PIN the app ends.
    tmux.send(&["F12"]);
    tmux.wait_for("Thoát chương trình");
    tmux.send_text("2468");
    tmux.send(&["Enter"]);
    tmux.wait_gone(&["Họ và tên", "Thoát chương trình"], "the app did not exit");
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}
