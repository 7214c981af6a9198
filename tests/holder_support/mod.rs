//! Another process that holds a results file, as Excel does on Windows.
//!
//! The test binary runs itself again (`--exact <child test> --ignored`)
//! with [`HOLD_ENV`] naming the file; that child test calls [`hold`]. On
//! Windows the child opens the file without sharing write access, which is
//! what Excel does with the workbook it shows, so every other open for
//! writing fails with a sharing violation. Elsewhere it takes the lock that
//! union-quiz's writers take (Unix locks are advisory: nothing else stops a
//! writer). It says `held` on stdout, and lets go when its stdin closes.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// Names the file the child holds.
pub const HOLD_ENV: &str = "UNION_QUIZ_TEST_HOLD";

/// The child's side: holds the file named by [`HOLD_ENV`] until stdin
/// closes. Call it from an `#[ignore]`d test of the same binary.
pub fn hold() {
    let path = std::env::var(HOLD_ENV).unwrap_or_else(|e| panic!("{HOLD_ENV}: {e}"));
    let file = open_like_excel(Path::new(&path));
    let mut out = std::io::stdout();
    writeln!(out, "held").unwrap_or_else(|e| panic!("{e}"));
    out.flush().unwrap_or_else(|e| panic!("{e}"));
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
    drop(file);
}

#[cfg(windows)]
fn open_like_excel(path: &Path) -> std::fs::File {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .share_mode(FILE_SHARE_READ)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(not(windows))]
fn open_like_excel(path: &Path) -> std::fs::File {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.lock().unwrap_or_else(|e| panic!("lock: {e}"));
    file
}

/// The parent's side: the child process holding a file.
pub struct Holder {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Kept open (and read to the end on release), so the child's last
    /// lines never meet a closed pipe.
    stdout: BufReader<ChildStdout>,
}

impl Holder {
    /// Starts `child_test` (the `#[ignore]`d test that calls [`hold`]) of
    /// this test binary on `path`, and returns once the file is held.
    pub fn start(child_test: &str, path: &Path) -> Holder {
        let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
        let mut child = Command::new(exe)
            .args(["--exact", child_test, "--ignored", "--nocapture", "--quiet"])
            .env(HOLD_ENV, path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn the holder: {e}"));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
        // The test harness prints its own lines too; wait for ours.
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        loop {
            line.clear();
            let n = stdout.read_line(&mut line).unwrap_or(0);
            assert!(n > 0, "the holder never held {}", path.display());
            if line.trim() == "held" {
                break;
            }
        }
        Holder {
            child,
            stdin,
            stdout,
        }
    }

    /// Lets go of the file and waits for the child to end.
    pub fn release(mut self) {
        drop(self.stdin.take());
        let mut rest = Vec::new();
        let _ = self.stdout.read_to_end(&mut rest);
        let status = self.child.wait().unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "the holder failed: {status}");
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        // A failed test must not leave the child behind.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
