//! What a member's terminal costs: drives the BUILT binary in tmux on
//! generated banks of 20, 1,000 and 10,000 questions and prints, for each
//! binary given, side by side, the medians over several runs of:
//!
//! - first paint: from tmux's `new-window` to the end of the first frame
//!   that shows the first screen (the identity form): the output chunk in
//!   which its label first appears and those that follow it within 2 ms
//!   (one frame is one write, which tmux may pass on in pieces);
//! - bank ready: from `new-window` to the end of the output that shows the
//!   bank's title on the form (the same as first paint for an app that
//!   reads the bank before its first frame);
//! - time to the first question: bank ready plus the time the app took
//!   for each step of the identity form and the instructions (the bench's
//!   own pauses between steps are not counted);
//! - key latency: a key sent → the last byte of the screen's change;
//! - CPU per key (all threads, from /proc/PID/task/*/schedstat);
//! - bytes to the terminal per key;
//! - bytes written to files per key (/proc/PID/io `wchar` less the bytes
//!   to the terminal), over the keys and the 1.5 s after them, so a save
//!   done a little later is counted too;
//! - idle: CPU, wake-ups (voluntary context switches of all threads), bytes to the
//!   terminal and to files, per second, on a timed question left alone;
//! - peak RSS (VmHWM).
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example bench_tui                       # target/release/union-quiz
//! cargo run --release --example bench_tui -- before=/tmp/old after=target/release/union-quiz
//! ```
//! `RUNS` (default 5), `SIZES` (default `20,1000,10000`), `KEYS` (default
//! 20) and `IDLE_SECONDS` (default 15: the old code saved every 15 s)
//! change the defaults. Runs of the binaries are interleaved, so machine
//! noise falls on all alike.
//!
//! How it sees the screen: a tmux control-mode client (`tmux -C`) gets
//! every byte the app writes as `%output` lines, timestamped as they
//! arrive, and sends keys without starting a tmux process per key. A key's
//! change ends when the pane has been quiet for 60 ms; a countdown tick
//! that falls inside that window lengthens one key's figure, which the
//! median absorbs.

#[path = "support/bench_bank.rs"]
mod bench_bank;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A pane is quiet (its screen drawn) after this long without output.
const QUIET: Duration = Duration::from_millis(60);
/// How long to wait for the first byte of an answer to a key.
const FIRST_BYTE: Duration = Duration::from_secs(20);

fn fail(msg: &str) -> ! {
    eprintln!("bench_tui: {msg}");
    // `exit` runs no destructors: end the tmux server here, or it and the
    // app in it would outlive a failed run.
    let _ = Command::new("tmux")
        .args(["-L", &socket_name(), "kill-server"])
        .output();
    std::process::exit(1)
}

/// The bench's own tmux server, one per bench process.
fn socket_name() -> String {
    format!("union-quiz-bench-{}", std::process::id())
}

/// What the control client reads.
enum Line {
    /// Bytes a pane wrote, unescaped, when they arrived.
    Output {
        pane: String,
        at: Instant,
        bytes: Vec<u8>,
    },
    /// The lines between `%begin` and `%end`: a command's answer.
    Reply(Vec<String>),
    /// The client ended.
    Exit,
}

/// A tmux server of its own with one control-mode client attached.
struct Tmux {
    socket: String,
    client: Child,
    stdin: ChildStdin,
    lines: Receiver<Line>,
    /// Commands sent whose answer has not been read yet.
    pending: usize,
}

impl Tmux {
    fn start() -> Tmux {
        let socket = socket_name();
        let out = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "100", "-y", "30", "-s", "bench", "sleep 100000"])
            .output()
            .unwrap_or_else(|e| fail(&format!("tmux: {e}")));
        if !out.status.success() {
            fail(&format!(
                "tmux new-session: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let mut client = Command::new("tmux")
            .args(["-u", "-L", &socket, "-C", "attach", "-t", "bench"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| fail(&format!("tmux -C: {e}")));
        let (Some(stdin), Some(stdout)) = (client.stdin.take(), client.stdout.take()) else {
            fail("tmux -C without pipes");
        };
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || read_control(BufReader::new(stdout), &tx));
        let mut tmux = Tmux {
            socket,
            client,
            stdin,
            lines,
            pending: 0,
        };
        // The attach's own answer: tmux 3.3 may crash on commands sent
        // before it.
        tmux.reply_to_attach();
        tmux
    }

    fn reply_to_attach(&mut self) {
        match self.lines.recv_timeout(Duration::from_secs(10)) {
            Ok(Line::Reply(_)) => {}
            _ => fail("tmux -C did not attach"),
        }
    }

    /// Sends a command and returns its answer; output that arrives in the
    /// meantime is handed to `sink`.
    fn command(&mut self, cmd: &str, sink: &mut dyn FnMut(&str, Instant, &[u8])) -> Vec<String> {
        if writeln!(self.stdin, "{cmd}")
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            fail("tmux -C closed its input");
        }
        loop {
            match self.lines.recv_timeout(Duration::from_secs(20)) {
                Ok(Line::Output { pane, at, bytes }) => sink(&pane, at, &bytes),
                // The answers of keys sent before come first.
                Ok(Line::Reply(_)) if self.pending > 0 => self.pending -= 1,
                Ok(Line::Reply(lines)) => return lines,
                Ok(Line::Exit) | Err(_) => fail(&format!("no answer from tmux to {cmd:?}")),
            }
        }
    }

    /// Writes a command without waiting for its answer (keys: the answer
    /// arrives among the output).
    fn send(&mut self, cmd: &str) -> Instant {
        self.pending += 1;
        let at = Instant::now();
        if writeln!(self.stdin, "{cmd}")
            .and_then(|()| self.stdin.flush())
            .is_err()
        {
            fail("tmux -C closed its input");
        }
        at
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        let _ = self.client.kill();
        let _ = self.client.wait();
    }
}

/// Reads the control client's lines until it ends.
fn read_control(mut out: impl BufRead, tx: &mpsc::Sender<Line>) {
    let mut line = Vec::new();
    let mut reply: Option<Vec<String>> = None;
    loop {
        line.clear();
        match out.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => {
                let _ = tx.send(Line::Exit);
                return;
            }
            Ok(_) => {}
        }
        let at = Instant::now();
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if let Some(rest) = line.strip_prefix(b"%output ") {
            let split = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
            let pane = String::from_utf8_lossy(&rest[..split]).into_owned();
            let bytes = unescape(rest.get(split + 1..).unwrap_or_default());
            if tx.send(Line::Output { pane, at, bytes }).is_err() {
                return;
            }
        } else if line.starts_with(b"%begin ") {
            reply = Some(Vec::new());
        } else if line.starts_with(b"%end ") || line.starts_with(b"%error ") {
            if tx
                .send(Line::Reply(reply.take().unwrap_or_default()))
                .is_err()
            {
                return;
            }
        } else if let Some(r) = reply.as_mut() {
            r.push(String::from_utf8_lossy(&line).into_owned());
        }
    }
}

/// Control mode writes bytes below 32 and `\` as `\ooo`.
fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\'
            && let Some(oct) = raw.get(i + 1..i + 4)
            && oct.iter().all(|b| (b'0'..=b'7').contains(b))
        {
            out.push((oct[0] - b'0') * 64 + (oct[1] - b'0') * 8 + (oct[2] - b'0'));
            i += 4;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// One app in one tmux window, and the bytes it has written so far.
struct Run<'a> {
    tmux: &'a mut Tmux,
    pane: String,
    window: String,
    /// Bytes to the terminal since the window opened.
    tty_bytes: u64,
    /// When the last output arrived.
    last_output: Option<Instant>,
    /// The first bytes written (up to [`STREAM_KEPT`]), and when each
    /// chunk of them arrived: where the first frame ends.
    stream: Vec<u8>,
    chunks: Vec<(Instant, usize)>,
}

/// How much of a run's first output is kept to find its first frame.
const STREAM_KEPT: usize = 1 << 20;
/// Chunks closer than this belong to the same frame.
const SAME_FRAME: Duration = Duration::from_millis(2);

impl Run<'_> {
    /// Takes the output that has arrived, for at most `wait`; true if any.
    fn pump(&mut self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        let mut any = false;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.tmux.lines.recv_timeout(left) {
                Ok(Line::Output { pane, at, bytes }) => {
                    if pane == self.pane {
                        self.output(at, &bytes);
                        any = true;
                    }
                }
                Ok(Line::Reply(_)) => self.tmux.pending = self.tmux.pending.saturating_sub(1),
                Ok(Line::Exit) => fail("tmux -C ended"),
                Err(RecvTimeoutError::Timeout) => return any,
                Err(RecvTimeoutError::Disconnected) => fail("tmux -C ended"),
            }
        }
    }

    fn output(&mut self, at: Instant, bytes: &[u8]) {
        self.tty_bytes += bytes.len() as u64;
        self.last_output = Some(at);
        if self.stream.len() < STREAM_KEPT {
            self.stream.extend_from_slice(bytes);
            self.chunks.push((at, self.stream.len()));
        }
    }

    /// The end of the first frame whose bytes hold `needle`: the chunk
    /// where it ends and the chunks that follow within [`SAME_FRAME`].
    fn first_frame_with(&self, needle: &str) -> Option<Instant> {
        let needle = needle.as_bytes();
        let end = self
            .stream
            .windows(needle.len())
            .position(|w| w == needle)?
            + needle.len();
        let first = self.chunks.iter().position(|&(_, upto)| upto >= end)?;
        let mut at = self.chunks[first].0;
        for &(next, _) in &self.chunks[first + 1..] {
            if next.saturating_duration_since(at) > SAME_FRAME {
                break;
            }
            at = next;
        }
        Some(at)
    }

    /// Waits for output to start (at most FIRST_BYTE) and then for QUIET;
    /// returns when the last byte arrived.
    fn settle(&mut self, since: Instant) -> Instant {
        let start = Instant::now();
        loop {
            if self.last_output.is_some_and(|t| t >= since) {
                break;
            }
            if start.elapsed() > FIRST_BYTE {
                fail("the app wrote nothing after a key");
            }
            self.pump(Duration::from_millis(20));
        }
        while self.pump(QUIET) {}
        self.last_output.unwrap_or(since)
    }

    /// The text on screen.
    fn screen(&mut self) -> String {
        let pane = self.pane.clone();
        let mut arrived = Vec::new();
        let lines = self.tmux.command(
            &format!("capture-pane -p -t {pane}"),
            &mut |p, at, bytes| {
                if p == pane {
                    arrived.push((at, bytes.to_vec()));
                }
            },
        );
        for (at, bytes) in arrived {
            self.output(at, &bytes);
        }
        lines.join("\n")
    }

    /// Settles after `sent` until the screen shows `needle`; the time the
    /// last byte of the screen that shows it arrived.
    fn until_shown(&mut self, sent: Instant, needle: &str) -> Instant {
        let start = Instant::now();
        loop {
            let done = self.settle(sent);
            if self.screen().contains(needle) {
                return done;
            }
            if start.elapsed() > Duration::from_secs(30) {
                let screen = self.screen();
                fail(&format!("the screen never showed {needle:?}:\n{screen}"));
            }
            self.pump(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, keys: &str) -> Instant {
        let cmd = format!("send-keys -t {} {keys}", self.pane);
        self.tmux.send(&cmd)
    }

    fn text(&mut self, text: &str) -> Instant {
        let cmd = format!("send-keys -t {} -l '{text}'", self.pane);
        self.tmux.send(&cmd)
    }
}

/// Figures of one run.
#[derive(Default, Clone)]
struct Figures(BTreeMap<&'static str, f64>);

/// The rows printed, in order: key, label, unit, decimals.
const ROWS: &[(&str, &str, &str, usize)] = &[
    ("first_paint", "first paint", "ms", 1),
    ("bank_ready", "bank ready (its title on the form)", "ms", 1),
    ("first_question", "time to the first question", "ms", 1),
    ("key_latency", "key latency (median)", "ms", 2),
    ("key_cpu", "CPU per key", "µs", 0),
    ("key_tty", "bytes to the terminal per key", "B", 0),
    ("key_disk", "bytes written to files per key", "B", 0),
    (
        "key_disk_blocks",
        "  of which reached the disk (write_bytes)",
        "B",
        0,
    ),
    ("idle_cpu", "idle: CPU per second", "µs", 0),
    ("idle_wakeups", "idle: wake-ups per second", "/s", 1),
    (
        "idle_tty",
        "idle: bytes to the terminal per second",
        "B/s",
        1,
    ),
    (
        "idle_disk",
        "idle: bytes written to files per second",
        "B/s",
        0,
    ),
    ("peak_rss", "peak RSS (VmHWM)", "MB", 1),
];

/// Targets of issue 15, by bank size.
fn target(size: usize, key: &str) -> &'static str {
    match (size, key) {
        (1000, "first_paint") => "≤ 30",
        (10000, "first_paint") => "≤ 150",
        (1000, "key_latency") => "≤ 6",
        (10000, "key_latency") => "≤ 8",
        (1000, "key_cpu") => "≤ 350",
        (1000, "key_disk") => "≤ 1024",
        (1000, "peak_rss") => "≤ 6",
        (10000, "peak_rss") => "≤ 30",
        (_, "idle_wakeups") => "≤ 1",
        (_, "idle_tty") => "≤ 40",
        _ => "",
    }
}

fn bank_yaml(questions: usize) -> String {
    bench_bank::bank_yaml(
        &format!(
            "title: Bộ đề đo tốc độ {questions} câu\nid: bench-{questions}\ntime_limit: 3h\nshuffle_questions: false\n"
        ),
        questions,
    )
}

/// utime+stime of every thread of `pid`, in ns.
fn cpu_ns(pid: u32) -> u64 {
    threads(pid)
        .iter()
        .filter_map(|t| std::fs::read_to_string(t.join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Voluntary context switches of every thread of `pid`: each is the
/// thread blocking, to be woken again. Involuntary ones are preemptions,
/// which count the machine's load rather than the app's wake-ups.
fn switches(pid: u32) -> u64 {
    threads(pid)
        .iter()
        .filter_map(|t| std::fs::read_to_string(t.join("status")).ok())
        .map(|s| {
            s.lines()
                .filter(|l| l.starts_with("voluntary_ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

fn threads(pid: u32) -> Vec<PathBuf> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// A field of /proc/PID/io.
fn io(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/io"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
        .unwrap_or(0)
}

fn status_kib(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Setup {
    keys: usize,
    idle: Duration,
}

/// One run of `bin` on `bank`: start, take the first question, keys, idle.
fn run_once(tmux: &mut Tmux, bin: &Path, bank: &Path, size: usize, setup: &Setup) -> Figures {
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let results = dir.path().join("results").join("results.csv");
    let command = format!(
        "exec '{}' run '{}' --results '{}' --seed 7",
        bin.display(),
        bank.display(),
        results.display()
    );
    let mut ignore = |_: &str, _: Instant, _: &[u8]| {};
    let started = Instant::now();
    let reply = tmux.command(
        &format!(
            "new-window -P -F '#{{window_id}} #{{pane_id}} #{{pane_pid}}' -e LANG=C.UTF-8 -t bench \"{command}\""
        ),
        &mut ignore,
    );
    let ids: Vec<&str> = reply
        .first()
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    let [window, pane, pid] = ids[..] else {
        fail(&format!("new-window answered {reply:?}"));
    };
    let pid: u32 = pid.parse().unwrap_or_else(|_| fail("no pane pid"));
    let mut run = Run {
        tmux,
        pane: pane.to_owned(),
        window: window.to_owned(),
        tty_bytes: 0,
        last_output: None,
        stream: Vec::new(),
        chunks: Vec::new(),
    };
    let mut f = Figures::default();
    // The form with the bank's title: the bank is read.
    let title = format!("Bộ đề đo tốc độ {size} câu");
    let ready = run.until_shown(started, &title) - started;
    let painted = run
        .first_frame_with("Họ và tên")
        .unwrap_or_else(|| fail("the form's label is not in the output"));
    f.0.insert("first_paint", ms(painted - started));
    f.0.insert("bank_ready", ms(ready));

    // The steps to the first question, each timed from its key to its
    // screen.
    let mut steps = Duration::ZERO;
    let sent = run.text("Nguyễn Văn An");
    steps += run.until_shown(sent, "Họ và tên: Nguyễn Văn An") - sent;
    let sent = run.keys("Enter Enter");
    steps += run.settle(sent) - sent;
    let sent = run.text("Công đoàn Sở Tư pháp");
    steps += run.until_shown(sent, "Sở Tư pháp") - sent;
    let sent = run.keys("Enter");
    steps += run.until_shown(sent, "Hướng dẫn") - sent;
    let sent = run.keys("Enter");
    steps += run.until_shown(sent, &format!("Câu 1/{size}")) - sent;
    f.0.insert("first_question", ms(ready + steps));

    // Keys on the questions: an answer, then the next question.
    let letters = ["a", "b", "c", "d"];
    let mut latencies = Vec::new();
    let (cpu0, wchar0, blocks0, tty0) = (
        cpu_ns(pid),
        io(pid, "wchar:"),
        io(pid, "write_bytes:"),
        run.tty_bytes,
    );
    for k in 0..setup.keys {
        let key = if k % 2 == 0 {
            letters[(k / 2) % letters.len()]
        } else if k / 2 + 1 < size {
            "Right"
        } else {
            "Left"
        };
        let sent = run.keys(key);
        latencies.push(ms(run.settle(sent) - sent));
    }
    let cpu_keys = cpu_ns(pid) - cpu0;
    let tty_keys = run.tty_bytes - tty0;
    // Saves made a little after the keys count towards them.
    run.pump(Duration::from_millis(1500));
    let file_keys = (io(pid, "wchar:") - wchar0).saturating_sub(run.tty_bytes - tty0);
    let blocks_keys = io(pid, "write_bytes:") - blocks0;
    let n = setup.keys as f64;
    f.0.insert("key_latency", median(latencies));
    f.0.insert("key_cpu", cpu_keys as f64 / n / 1000.0);
    f.0.insert("key_tty", tty_keys as f64 / n);
    f.0.insert("key_disk", file_keys as f64 / n);
    f.0.insert("key_disk_blocks", blocks_keys as f64 / n);

    // Idle on the timed question.
    let (cpu0, sw0, wchar0, tty0) = (cpu_ns(pid), switches(pid), io(pid, "wchar:"), run.tty_bytes);
    let idle_start = Instant::now();
    run.pump(setup.idle);
    let secs = idle_start.elapsed().as_secs_f64();
    let tty = run.tty_bytes - tty0;
    let file = (io(pid, "wchar:") - wchar0).saturating_sub(tty);
    f.0.insert("idle_cpu", (cpu_ns(pid) - cpu0) as f64 / secs / 1000.0);
    f.0.insert("idle_wakeups", (switches(pid) - sw0) as f64 / secs);
    f.0.insert("idle_tty", tty as f64 / secs);
    f.0.insert("idle_disk", file as f64 / secs);
    f.0.insert("peak_rss", status_kib(pid, "VmHWM:") as f64 / 1024.0);

    let window = run.window.clone();
    run.tmux
        .command(&format!("kill-window -t {window}"), &mut ignore);
    // The app saves and leaves on the hang-up; wait for it so the next run
    // has the machine to itself.
    let gone = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() && gone.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    f
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let mut bins: Vec<(String, PathBuf)> = std::env::args()
        .skip(1)
        .map(|a| match a.split_once('=') {
            Some((name, path)) => (name.to_owned(), PathBuf::from(path)),
            None => (a.clone(), PathBuf::from(&a)),
        })
        .collect();
    if bins.is_empty() {
        bins.push((
            "union-quiz".to_owned(),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/union-quiz"),
        ));
    }
    for (_, bin) in &bins {
        if !bin.is_file() {
            fail(&format!(
                "{} not found: run `cargo build --release` first",
                bin.display()
            ));
        }
    }
    let runs: usize = env_or("RUNS", 5);
    let sizes: Vec<usize> = std::env::var("SIZES")
        .unwrap_or_else(|_| "20,1000,10000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let setup = Setup {
        keys: env_or("KEYS", 20),
        idle: Duration::from_secs(env_or("IDLE_SECONDS", 15)),
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let mut tmux = Tmux::start();
    println!(
        "tmux 100×30, medians of {runs} runs, {} keys per run, {} s idle",
        setup.keys,
        setup.idle.as_secs()
    );
    for &size in &sizes {
        let bank = dir.path().join(format!("bench-{size}.yaml"));
        if let Err(e) = std::fs::write(&bank, bank_yaml(size)) {
            fail(&format!("{}: {e}", bank.display()));
        }
        let mut all: Vec<Vec<Figures>> = vec![Vec::new(); bins.len()];
        for r in 0..runs {
            for (i, (name, bin)) in bins.iter().enumerate() {
                eprintln!("{size} questions, run {}/{runs}, {name}", r + 1);
                all[i].push(run_once(&mut tmux, bin, &bank, size, &setup));
            }
        }
        println!();
        let mut header = format!("{:<44}", format!("{size} questions"));
        for (name, _) in &bins {
            let _ = write!(header, "{name:>14}");
        }
        let _ = write!(header, "{:>10}", "target");
        println!("{header}");
        for &(key, label, unit, decimals) in ROWS {
            let mut line = format!("{:<44}", format!("{label} ({unit})"));
            for runs in &all {
                let m = median(runs.iter().filter_map(|f| f.0.get(key).copied()).collect());
                let _ = write!(line, "{m:>14.decimals$}");
            }
            let _ = write!(line, "{:>10}", target(size, key));
            println!("{line}");
        }
    }
}
