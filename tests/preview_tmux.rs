//! `union-quiz preview` in a real terminal: tmux runs the built binary on
//! a bank, the test edits the file as a trainer would (a choice's text and
//! the key; then a broken save; then the fix), and the pane must follow
//! each save within 2 seconds without a key being pressed.
//!
//! Waiting polls the pane for a bounded time: this tests a real process
//! noticing a real file change (the watch logic itself is tested without
//! waiting in src/watch.rs and tests/preview.rs).
#![cfg(unix)]

mod tmux_support;

use std::path::Path;
use std::time::Duration;

use tmux_support::Tmux;

const BANK: &str = "title: Một cửa, một cửa liên thông
id: mot-cua-2018
time_limit: 20m
questions:
  - id: nd61-hieu-luc
    text: Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?
    choices:
      - 23/4/2018
      - 21/6/2018
      - 01/7/2018
      - 15/5/2015
    answer: B
    explanation: Nghị định 61/2018/NĐ-CP ký ngày 23/4/2018, có hiệu lực từ 21/6/2018.
    source: Nghị định 61/2018/NĐ-CP
";

/// Saves `text` to `path` the way many editors do: written beside it, then
/// renamed over it (the watch must see the new file, not the old one).
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

/// Waits until the pane shows all of `needles`; fails after 2 s (the
/// promise to trainers is "within a second").
fn within_2s(tmux: &Tmux, needles: &[&str]) -> String {
    tmux.wait_for_all_within(needles, Duration::from_secs(2))
}

#[test]
fn preview_follows_saves_and_shows_a_broken_save_under_a_banner() {
    if Tmux::missing("preview_follows_saves_and_shows_a_broken_save_under_a_banner") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("mot-cua.yaml");
    std::fs::write(&file, BANK).expect("write");
    let bin = env!("CARGO_BIN_EXE_union-quiz");
    let tmux = Tmux::new("preview");
    tmux.start_sized(
        &format!(
            "LANG=C.UTF-8 '{bin}' preview '{}'; echo PREVIEW-EXITED-$?; sleep 30",
            file.display()
        ),
        80,
        24,
    );
    let pane = tmux.wait_for_all(&["Xem trước · Một cửa", "Đáp án đúng: B"]);
    assert!(pane.contains("(•) B. 21/6/2018"), "{pane}");

    // A choice's text and the key change: both show, with no key pressed.
    save(
        &file,
        &BANK
            .replace("      - 01/7/2018\n", "      - 01/7/2019\n")
            .replace("    answer: B\n", "    answer: C\n"),
    );
    let pane = within_2s(&tmux, &["(•) C. 01/7/2019", "Đáp án đúng: C"]);
    assert!(pane.contains("( ) B. 21/6/2018"), "{pane}");

    // A broken save: the banner with check's diagnostic, over the last good
    // version.
    std::fs::write(
        &file,
        BANK.replace("      - 01/7/2018\n", "      - 01/7/2019\n")
            .replace("    answer: B\n", "    answer: E\n"),
    )
    .expect("write");
    let pane = within_2s(
        &tmux,
        &[
            "⚠ Bản vừa lưu có lỗi",
            "mot-cua.yaml:12:5: lỗi: đáp án \"E\"",
        ],
    );
    assert!(pane.contains("(•) C. 01/7/2019"), "{pane}");

    // Fixed: the banner goes.
    save(&file, &BANK.replace("    answer: B\n", "    answer: D\n"));
    let pane = within_2s(&tmux, &["(•) D. 15/5/2015", "Đáp án đúng: D"]);
    assert!(!pane.contains('⚠'), "{pane}");

    tmux.send(&["q"]);
    tmux.wait_for("PREVIEW-EXITED-0");
}
