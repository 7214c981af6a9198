//! The real-terminal harness shared by the tmux tests: a tmux server of
//! its own per test, keys sent with `send-keys`, the screen read with
//! `capture-pane`.
//!
//! Waiting polls the pane for a bounded time: these tests drive a real
//! process, not a timer.
#![allow(dead_code)]

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A three-question timed bank in fixed order (no shuffling), so a test
/// knows which letter is which: B is right for question 1, A and C for
/// question 2.
pub const QUIZ_BANK: &str = r#"title: Cải cách hành chính — kiểm tra nhanh
id: tmux-test
time_limit: 10m
shuffle_questions: false
shuffle_choices: false
pass_percent: 50
questions:
  - id: nd61-hieu-luc
    text: Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?
    choices: [23/4/2018, 21/6/2018, 01/7/2018, 15/5/2015]
    answer: B
  - id: nq30c-6
    text: Những nội dung nào thuộc Chương trình tổng thể cải cách hành chính?
    choices: [Cải cách thể chế, Tăng biên chế, Cải cách thủ tục hành chính]
    answer: [A, C]
  - id: q3
    text: Câu hỏi để trống?
    choices: [Có, Không]
    answer: A
"#;

/// A tmux server of its own, killed when dropped, even on failure.
pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    /// A new server name, unique to this process and moment.
    pub fn new(tag: &str) -> Tmux {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Tmux {
            socket: format!("union-quiz-{tag}-{}-{nanos}", std::process::id()),
        }
    }

    /// Whether tmux is installed (`.ci/run` installs it; a test without it
    /// says SKIPPED rather than passing quietly).
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Whether `test` must be skipped because tmux is not installed; says
    /// so on stderr (SKIPPED), so the test does not pass quietly.
    pub fn missing(test: &str) -> bool {
        let missing = !Tmux::available();
        if missing {
            eprintln!("SKIPPED {test}: tmux is not installed");
        }
        missing
    }

    /// Runs a tmux command on this server.
    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// The text on screen now.
    pub fn pane(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "quiz"]).stdout)
            .into_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Left`, `C-c`, `b` …).
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "quiz"];
        args.extend_from_slice(keys);
        let out = self.cmd(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    /// Types `text` literally.
    pub fn send_text(&self, text: &str) {
        let out = self.cmd(&["send-keys", "-t", "quiz", "-l", text]);
        assert!(out.status.success(), "send-keys -l {text:?}: {out:?}");
    }

    /// Waits until the pane shows every one of `needles` at once (a capture
    /// can catch a half-drawn screen), for at most 15 seconds.
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
        self.wait_for_all_within(needles, Duration::from_secs(15))
    }

    /// Waits until the pane shows every one of `needles` at once, failing
    /// when `limit` has passed (a promise such as "within 2 seconds").
    pub fn wait_for_all_within(&self, needles: &[&str], limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let pane = self.pane();
            if needles.iter().all(|n| pane.contains(n)) {
                return pane;
            }
            assert!(
                start.elapsed() < limit,
                "the screen did not show {needles:?} within {limit:?}; it shows:\n{pane}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the pane shows `needle`, for at most 15 seconds.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
    }

    /// Waits until the pane shows none of `needles` (the app has left that
    /// screen, or ended), for at most 10 seconds; `failure` says what did
    /// not happen.
    /// From the identity screen to question 1 of [`QUIZ_BANK`]: `name`,
    /// no member code, the unit "Công đoàn Sở Tư pháp", the instructions.
    pub fn to_first_question(&self, name: &str) {
        self.wait_for("Họ và tên");
        self.send_text(name);
        self.wait_for(&format!("Họ và tên: {name}"));
        self.send(&["Enter", "Enter"]);
        self.send_text("Công đoàn Sở Tư pháp");
        self.send(&["Enter"]);
        self.wait_for("Hướng dẫn làm bài");
        self.send(&["Enter"]);
        self.wait_for_all(&["Câu 1/3", "A. 23/4/2018"]);
    }

    pub fn wait_gone(&self, needles: &[&str], failure: &str) {
        let start = Instant::now();
        while needles.iter().any(|n| self.pane().contains(n)) {
            assert!(start.elapsed() < Duration::from_secs(10), "{failure}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format (`#{alternate_on}`, `#{pane_pid}` …) as it stands for
    /// the pane now.
    pub fn display(&self, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", "quiz", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Starts `command` (a shell line) in a new detached session "quiz"
    /// of 100x30 cells.
    pub fn start(&self, command: &str) {
        self.start_sized(command, 100, 30);
    }

    /// Starts `command` in a new detached session "quiz" of the given size.
    pub fn start_sized(&self, command: &str, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.cmd(&[
            "new-session",
            "-d",
            "-x",
            &w,
            "-y",
            &h,
            "-s",
            "quiz",
            command,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
    }

    /// The pid of the pane's first process.
    pub fn pane_pid(&self) -> u32 {
        self.display("#{pane_pid}").parse().expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// The children of process `pid` (from /proc), to find the app under the
/// pane's shell.
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/stat")).is_ok_and(|stat| {
                // "pid (comm) state ppid …": comm may hold spaces, so split
                // after the last ')'.
                stat.rsplit_once(')')
                    .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                    .and_then(|ppid| ppid.parse::<u32>().ok())
                    == Some(pid)
            })
        })
        .collect()
}
