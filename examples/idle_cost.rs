//! What an idle member costs: starts the built binary in tmux on a timed
//! question screen, leaves it alone for 30 seconds, and prints the CPU time
//! it used (utime + stime from /proc/PID/stat) and its peak memory (VmHWM
//! from /proc/PID/status). It also prints the first paint: the time from
//! starting the pane to the first screen showing.
//!
//! ```sh
//! cargo build --release && cargo run --release --example idle_cost
//! ```
//! The binary is `target/release/union-quiz` unless `UNION_QUIZ_BIN` says
//! otherwise; `IDLE_SECONDS` changes the 30 s.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BANK: &str = r#"title: Đo tải khi chờ
id: idle-cost
time_limit: 20m
questions:
  - text: Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?
    choices: [23/4/2018, 21/6/2018, 01/7/2018, 15/5/2015]
    answer: B
  - text: Bộ phận Một cửa cấp tỉnh có tên gọi là gì?
    choices: [Trung tâm Phục vụ hành chính công, Văn phòng Tỉnh ủy]
    answer: A
"#;

struct Tmux(String);

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        match Command::new("tmux")
            .args(["-u", "-L", &self.0])
            .args(args)
            .output()
        {
            Ok(o) => o,
            Err(e) => fail(&format!("tmux: {e}")),
        }
    }

    fn wait_for(&self, needle: &str) {
        self.wait_for_every(needle, Instant::now(), Duration::from_millis(100));
    }

    /// Polls the screen every `every` until it shows `needle`; returns the
    /// time since `start`.
    fn wait_for_every(&self, needle: &str, start: Instant, every: Duration) -> Duration {
        loop {
            let out = self.run(&["capture-pane", "-p", "-t", "idle"]);
            if String::from_utf8_lossy(&out.stdout).contains(needle) {
                return start.elapsed();
            }
            if start.elapsed() > Duration::from_secs(20) {
                fail(&format!("the screen never showed {needle:?}"));
            }
            std::thread::sleep(every);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("idle_cost: {msg}");
    std::process::exit(1)
}

/// The process running the binary: the pane's process or one of its
/// descendants (the pane may run a shell first).
fn find_pid(root: u32) -> Option<u32> {
    let comm = std::fs::read_to_string(format!("/proc/{root}/comm")).unwrap_or_default();
    if comm.trim() == "union-quiz" {
        return Some(root);
    }
    let tasks = std::fs::read_dir(format!("/proc/{root}/task")).ok()?;
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
            if let Some(pid) = find_pid(child) {
                return Some(pid);
            }
        }
    }
    None
}

/// utime + stime of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest starts at field 3 (state); utime is field 14, stime field 15.
    let get = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    get(14) + get(15)
}

fn status_kib(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn clock_ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100)
}

fn main() {
    let bin = std::env::var_os("UNION_QUIZ_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/union-quiz"));
    if !bin.is_file() {
        fail(&format!(
            "{} not found: run `cargo build --release` first",
            bin.display()
        ));
    }
    let seconds: u64 = std::env::var("IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let bank = dir.path().join("bank.yaml");
    std::fs::write(&bank, BANK).unwrap_or_else(|e| fail(&e.to_string()));
    let tmux = Tmux(format!("union-quiz-idle-{}", std::process::id()));
    let command = format!(
        "exec '{}' run '{}' --results '{}'",
        bin.display(),
        bank.display(),
        dir.path().join("results.csv").display()
    );
    let launched = Instant::now();
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        "idle",
        &command,
    ]);
    if !out.status.success() {
        fail(&format!(
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // Polled every 2 ms: the figure includes tmux starting the pane and
    // one capture-pane, the same for any binary compared.
    let first_paint = tmux.wait_for_every("Họ và tên", launched, Duration::from_millis(2));
    tmux.run(&["send-keys", "-t", "idle", "-l", "Nguyễn Văn An"]);
    tmux.run(&["send-keys", "-t", "idle", "Enter", "Enter"]);
    tmux.run(&["send-keys", "-t", "idle", "-l", "Công đoàn Sở Tư pháp"]);
    tmux.run(&["send-keys", "-t", "idle", "Enter"]);
    tmux.wait_for("Hướng dẫn");
    tmux.run(&["send-keys", "-t", "idle", "Enter"]);
    tmux.wait_for("Câu 1/2");
    let pane = tmux.run(&["display-message", "-p", "-t", "idle", "#{pane_pid}"]);
    let root: u32 = String::from_utf8_lossy(&pane.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| fail("no pane pid"));
    let pid = find_pid(root).unwrap_or_else(|| fail("union-quiz process not found"));

    let before = cpu_ticks(pid);
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(seconds));
    let after = cpu_ticks(pid);
    let wall = start.elapsed().as_secs_f64();
    let hz = clock_ticks_per_second();
    let cpu_ms = (after.saturating_sub(before)) as f64 * 1000.0 / hz as f64;
    println!(
        "first paint (tmux new-session to the identity screen): {:.1} ms",
        first_paint.as_secs_f64() * 1000.0
    );
    println!("idle question screen, timer running, {wall:.1} s:");
    println!(
        "  CPU time: {cpu_ms:.0} ms ({:.3} % of one core; clock tick {} ms)",
        cpu_ms / (wall * 1000.0) * 100.0,
        1000 / hz.max(1)
    );
    println!("  peak memory (VmHWM): {} KiB", status_kib(pid, "VmHWM:"));
    println!("  resident now (VmRSS): {} KiB", status_kib(pid, "VmRSS:"));
}
