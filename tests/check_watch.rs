//! `union-quiz check --watch`: the watch loop driven by a fake ticker that
//! edits files between looks (no sleeping), and the built binary noticing
//! a real save.

use std::cell::Cell;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use union_quiz::check::{Ticker, watch};
use union_quiz::i18n::Lang;

const GOOD: &str = "title: Một cửa\nquestions:\n  - text: Nghị định 61/2018/NĐ-CP có hiệu lực từ ngày nào?\n    choices: [23/4/2018, 21/6/2018]\n    answer: B\n";
const BROKEN: &str = "title: Một cửa\nquestions:\n  - text: Nghị định 61/2018/NĐ-CP có hiệu lực từ ngày nào?\n    choices: [23/4/2018, 21/6/2018]\n    answer: E\n";

/// Where the fake ticker clears the screen.
const CLEAR: &str = "<clear>\n";

/// A clock that moves by the wait asked, and runs the script's step for
/// each wait (an edit of a file, or nothing); the watch ends with the
/// script.
struct Script<'a> {
    now: Cell<Instant>,
    waits: usize,
    steps: Vec<Box<dyn FnMut() + 'a>>,
}

impl Ticker for Script<'_> {
    fn now(&self) -> Instant {
        self.now.get()
    }

    fn clock(&self) -> String {
        format!("10:00:{:02}", self.waits)
    }

    fn wait(&mut self, d: Duration) -> bool {
        let Some(step) = self.steps.get_mut(self.waits) else {
            return false;
        };
        step();
        self.waits += 1;
        self.now.set(self.now.get() + d);
        true
    }

    fn clear(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(CLEAR.as_bytes())
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

#[test]
fn each_save_prints_a_fresh_check_with_its_time() {
    let dir = tempfile::tempdir().expect("dir");
    let bank = dir.path().join("mot-cua.yaml");
    let roster = dir.path().join("roster.yaml");
    write(&bank, GOOD);
    write(&roster, "units:\n  - name: Công đoàn Sở Tư pháp\n");
    let nothing = || {};
    let mut script = Script {
        now: Cell::new(Instant::now()),
        waits: 0,
        steps: vec![
            Box::new(nothing),
            Box::new(|| write(&bank, BROKEN)),
            // The save has settled at this look: the check is printed.
            Box::new(nothing),
            Box::new(nothing),
            Box::new(|| {
                write(
                    &roster,
                    "units:\n  - name: Công đoàn Sở Tư pháp\n  - name: Công đoàn Sở Tư pháp\n",
                )
            }),
            Box::new(nothing),
            Box::new(|| {
                write(&bank, GOOD);
                write(&roster, "units:\n  - name: Công đoàn Sở Tư pháp\n");
            }),
            Box::new(nothing),
            Box::new(nothing),
        ],
    };
    let mut out = Vec::new();
    watch(&[dir.path().to_path_buf()], Lang::Vi, &mut out, &mut script);
    assert_eq!(script.waits, 9, "the script ran to its end");
    let out = String::from_utf8(out).expect("utf-8");
    let shown: Vec<String> = out
        .split(CLEAR)
        .skip(1)
        // Windows joins paths with "\\".
        .map(|s| {
            s.replace(&dir.path().display().to_string(), "DIR")
                .replace('\\', "/")
        })
        .collect();
    let heading = |n: usize| {
        format!("Kiểm tra lúc 10:00:{n:02} — tự kiểm tra lại mỗi khi lưu tệp (Ctrl+C để dừng)\n\n")
    };
    assert_eq!(
        shown,
        [
            format!("{}2 tệp, 0 lỗi, 0 cảnh báo\n", heading(0)),
            format!(
                "{}DIR/mot-cua.yaml:5:5: lỗi: đáp án \"E\" không có trong các lựa chọn (câu này có 2 lựa chọn: A–B)\n2 tệp, 1 lỗi, 0 cảnh báo\n",
                heading(3)
            ),
            format!(
                "{}DIR/mot-cua.yaml:5:5: lỗi: đáp án \"E\" không có trong các lựa chọn (câu này có 2 lựa chọn: A–B)\nDIR/roster.yaml:3:5: lỗi: đơn vị \"Công đoàn Sở Tư pháp\" trùng tên với đơn vị ở dòng 2\n2 tệp, 2 lỗi, 0 cảnh báo\n",
                heading(6)
            ),
            format!("{}2 tệp, 0 lỗi, 0 cảnh báo\n", heading(8)),
        ]
    );
}

#[test]
fn a_new_bank_in_the_folder_is_checked_in_english_too() {
    let dir = tempfile::tempdir().expect("dir");
    write(&dir.path().join("a.yaml"), GOOD);
    let new = dir.path().join("b.yaml");
    let mut script = Script {
        now: Cell::new(Instant::now()),
        waits: 0,
        steps: vec![Box::new(|| write(&new, BROKEN)), Box::new(|| {})],
    };
    let mut out = Vec::new();
    watch(&[dir.path().to_path_buf()], Lang::En, &mut out, &mut script);
    let out = String::from_utf8(out).expect("utf-8");
    assert!(out.contains("Checked at 10:00:00 — checked again on each save (Ctrl+C stops)\n\n1 file, 0 errors, 0 warnings\n"), "{out}");
    assert!(out.contains("Checked at 10:00:02"), "{out}");
    assert!(out.ends_with("answer \"E\" is not one of the choices (this question has 2: A–B)\n2 files, 1 error, 0 warnings\n"), "{out}");
}

/// The child is killed when the test ends, passed or failed.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads the child's stdout until a line holds `needle`, for at most 10 s
/// (this waits for a real process, not a timer).
fn read_until(lines: &mpsc::Receiver<String>, needle: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                let found = line.contains(needle);
                seen.push(line);
                if found {
                    return seen;
                }
            }
            Err(_) => panic!("never printed {needle:?}; printed:\n{}", seen.join("\n")),
        }
    }
}

#[test]
fn the_binary_checks_again_when_a_bank_is_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let bank: PathBuf = dir.path().join("mot-cua.yaml");
    write(&bank, GOOD);
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_union-quiz"))
            .args(["check", "--watch"])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run union-quiz"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = read_until(&rx, "1 tệp, 0 lỗi, 0 cảnh báo");
    assert!(first[0].starts_with("Kiểm tra lúc "), "{first:?}");
    write(&bank, BROKEN);
    let second = read_until(&rx, "1 tệp, 1 lỗi, 0 cảnh báo");
    assert!(
        second.iter().any(|l| l.ends_with("mot-cua.yaml:5:5: lỗi: đáp án \"E\" không có trong các lựa chọn (câu này có 2 lựa chọn: A–B)")),
        "{second:?}"
    );
    // Not a terminal: no escape codes to clear it.
    assert!(!second.iter().any(|l| l.contains('\x1b')), "{second:?}");
}

#[test]
fn watch_with_json_is_a_usage_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["check", "--watch", "--format", "json", "quizzes"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run union-quiz");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot be used with"),
        "{o:?}"
    );
}
