//! The Unikey fixture (`tests/fixtures/unikey/nguyen-van-an.txt`): the
//! reads a terminal receives while a member types "Nguyễn Văn Ấn" with
//! Unikey's Telex in backspace mode.
#![allow(dead_code)]

use std::time::Duration;

use crate::tmux_support::Tmux;

/// The name the fixture types.
pub const NAME: &str = "Nguyễn Văn Ấn";

/// The fixture's reads, with `backspace` (0x7F or 0x08) for `{BS}`.
pub fn reads(backspace: u8) -> Vec<Vec<u8>> {
    let text = include_str!("../fixtures/unikey/nguyen-van-an.txt");
    let bs = char::from(backspace).to_string();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.replace("{BS}", &bs).replace("{SP}", " ").into_bytes())
        .collect()
}

/// Types the fixture into the tmux pane "quiz", one terminal write per
/// Unikey key press (as Unikey's events reach the terminal at once, and the
/// program reading it gets them in one read).
pub fn type_into(tmux: &Tmux, backspace: u8) {
    for read in reads(backspace) {
        let hex: Vec<String> = read.iter().map(|b| format!("{b:02x}")).collect();
        let mut args = vec!["send-keys", "-t", "quiz", "-H"];
        args.extend(hex.iter().map(String::as_str));
        let out = tmux.cmd(&args);
        assert!(out.status.success(), "{out:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// From the name typed on the identity screen to the result: a unit, the
/// instructions, and the submit of an unanswered quiz.
pub fn submit_after_name(tmux: &Tmux) {
    tmux.wait_for("Họ và tên: Nguyễn Văn Ấn");
    tmux.send(&["Enter", "Enter"]);
    tmux.send_text("Công đoàn Sở Tư pháp");
    tmux.send(&["Enter"]);
    tmux.wait_for("Hướng dẫn làm bài");
    tmux.send(&["Enter"]);
    tmux.wait_for("Câu 1/3");
    tmux.send(&["Escape"]);
    tmux.wait_for("Nộp bài ngay");
    tmux.send(&["y"]);
    tmux.wait_for("Kết quả đã được lưu.");
}
