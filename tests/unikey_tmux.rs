//! The Unikey fixture in the local terminal: the bytes Unikey's Telex sends
//! in backspace mode, typed into `union-quiz run` in tmux, give the name
//! "Nguyễn Văn Ấn" in NFC, with either Backspace byte.

// Real terminals (tmux) and Unix clients and signals: cut out of the
// Windows build, whose tests run under Wine with no tmux (as tests/tmux.rs).
#![cfg(unix)]

mod tmux_support;
mod unikey_support;

use tmux_support::{QUIZ_BANK, Tmux};

fn types_the_name(test: &str, backspace: u8) {
    if Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let bank = dir.path().join("bank.yaml");
    std::fs::write(&bank, QUIZ_BANK).expect("bank");
    let results = dir.path().join("out").join("results.csv");
    let tmux = Tmux::new("unikey");
    tmux.start(&format!(
        "LANG=C.UTF-8 '{}' run '{}' --results '{}' --once; sleep 30",
        env!("CARGO_BIN_EXE_union-quiz"),
        bank.display(),
        results.display()
    ));
    tmux.wait_for("Họ và tên");
    // One write to the terminal per Unikey key press.
    unikey_support::type_into(&tmux, backspace);
    unikey_support::submit_after_name(&tmux);
    let read = union_quiz::results::read_file(&results).expect("results");
    assert_eq!(read.rows.len(), 1);
    assert_eq!(read.rows[0].member_name, unikey_support::NAME);
    assert!(unicode_normalization::is_nfc(&read.rows[0].member_name));
}

#[test]
fn unikey_with_0x7f_backspaces_types_the_name_locally() {
    types_the_name("unikey_with_0x7f_backspaces_types_the_name_locally", 0x7f);
}

#[test]
fn unikey_with_0x08_backspaces_types_the_name_locally() {
    types_the_name("unikey_with_0x08_backspaces_types_the_name_locally", 0x08);
}
