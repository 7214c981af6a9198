//! Load benchmark of `union-quiz serve`: N simulated members on loopback,
//! each an SSH client (russh's), connect, type the password, fill in the
//! identity, answer a question every 2–10 s at random with the countdown
//! running, and submit. Prints, for each N: sessions held, the server's CPU
//! and memory, memory per session, key-to-screen latency (a key sent → the
//! redraw showing it received and applied to a terminal emulator), and rows
//! written against rows expected. Then one idle member on a timed question:
//! the server's wake-ups per second for its session and the bytes sent.
//!
//! ```text
//! cargo build --release && cargo build --release --example room_load   # both programs: serve runs in union-quiz-tools
//! target/release/examples/room_load [N ...] [--think-scale F] [--questions Q]
//!     [--seated S] [--seated-secs T] [--dir FOLDER] [--bin PATH ...]
//!     [--baseline | --baseline-user USER]
//! ```
//! Defaults: N = 100 500 1000, think scale 1 (2–10 s), 10 questions, then
//! 150 members seated on a timed question typing nothing (the baseline's
//! situation; `--seated 0` skips it). `--dir` puts the results file and the
//! autosaves in FOLDER (e.g. a tmpfs, to see what the disk costs). The
//! clients run on the same machine as the server and share its cores.

use std::io::{BufRead, BufReader};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::RngExt;
use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;

struct Args {
    ns: Vec<usize>,
    think_scale: f64,
    questions: usize,
    /// Where the results file goes (default: a temporary folder on disk).
    dir: Option<PathBuf>,
    /// Members seated on a timed question without typing, for the CPU and
    /// memory of a seated room (0: skip).
    seated: usize,
    /// The server binaries to compare, side by side (default: the one
    /// built beside this example).
    bins: Vec<PathBuf>,
    /// Also seat the room behind OpenSSH (`sshd` + `ForceCommand run
    /// --once`), run as this user (the current one when not root).
    baseline: Option<String>,
    /// Seconds the seated room is measured.
    seated_secs: u64,
}

fn args() -> Args {
    let mut ns = Vec::new();
    let mut think_scale = 1.0;
    let mut questions = 10;
    let mut dir = None;
    let mut seated = 150;
    let mut bins = Vec::new();
    let mut baseline = None;
    let mut seated_secs = 30;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--think-scale" => think_scale = it.next().and_then(|v| v.parse().ok()).unwrap_or(1.0),
            "--questions" => questions = it.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            "--dir" => dir = it.next().map(PathBuf::from),
            "--seated" => seated = it.next().and_then(|v| v.parse().ok()).unwrap_or(150),
            "--seated-secs" => seated_secs = it.next().and_then(|v| v.parse().ok()).unwrap_or(30),
            "--bin" => bins.extend(it.next().map(PathBuf::from)),
            "--baseline" => baseline = Some(String::new()),
            "--baseline-user" => baseline = it.next(),
            n => ns.extend(n.parse::<usize>().ok()),
        }
    }
    if ns.is_empty() {
        ns = vec![100, 500, 1000];
    }
    if bins.is_empty() {
        bins.push(built_bin());
    }
    Args {
        ns,
        think_scale,
        questions,
        dir,
        seated,
        bins,
        baseline,
        seated_secs,
    }
}

/// A timed bank of `n` questions in fixed order, answer A.
fn bank(n: usize) -> String {
    let mut s = String::from(
        "title: Bài thi tải\nid: load\ntime_limit: 30m\nshuffle_questions: false\nshuffle_choices: false\nquestions:\n",
    );
    for i in 1..=n {
        s.push_str(&format!(
            "  - id: q{i}\n    text: Câu hỏi số {i} về cải cách hành chính?\n    choices: [Phương án một, Phương án hai, Phương án ba, Phương án bốn]\n    answer: A\n"
        ));
    }
    s
}

struct Server {
    child: Child,
    port: u16,
    password: String,
    results: PathBuf,
    joined: Arc<AtomicUsize>,
}

/// `target/release/union-quiz`, beside this example.
fn built_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("exe");
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("union-quiz"))
        .expect("target dir");
    assert!(
        bin.exists(),
        "{} is missing: cargo build --release (union-quiz and union-quiz-tools)",
        bin.display()
    );
    bin
}

impl Server {
    fn start(bin: &Path, dir: &Path, max: usize) -> Server {
        let results = dir.join("results.csv");
        let mut child = Command::new(bin)
            .arg("serve")
            .arg(dir.join("banks"))
            .args(["--listen", "127.0.0.1:0", "--max-sessions"])
            .arg(max.to_string())
            .arg("--results")
            .arg(&results)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("serve");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let (mut port, mut password) = (0, String::new());
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(rest) = line.trim().strip_prefix("ssh -p ") {
                port = rest
                    .split_whitespace()
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0);
            }
            if let Some(p) = line.strip_prefix("Mật khẩu phòng: ") {
                password = p.trim().to_owned();
            }
            if line.contains("SHA256:") {
                break;
            }
        }
        let joined = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&joined);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if line.contains("vào phòng") {
                    count.fetch_add(1, Ordering::SeqCst);
                }
            }
        });
        Server {
            child,
            port,
            password,
            results,
            joined,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid().to_string())
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU seconds (user + system) of a process, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, r)| r.split_whitespace().collect())
        .unwrap_or_default();
    // After "pid (comm)": state is 0, utime 11, stime 12 (in clock ticks).
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / clock_ticks()
}

fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// A field of /proc/PID/status or smaps_rollup, in KiB.
fn kib(path: &str, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

fn rss_pss(pid: u32) -> (u64, u64) {
    (
        kib(&format!("/proc/{pid}/status"), "VmRSS"),
        kib(&format!("/proc/{pid}/smaps_rollup"), "Pss"),
    )
}

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What one member saw.
#[derive(Default)]
struct Outcome {
    latencies: Vec<Duration>,
    finished: bool,
    error: Option<String>,
}

/// A member's terminal: the bytes received, applied to an emulator.
struct Screen {
    parser: vt100::Parser,
    bytes: u64,
}

impl Screen {
    fn new() -> Screen {
        let (Some(rows), Some(cols)) = (NonZeroU16::new(24), NonZeroU16::new(80)) else {
            unreachable!()
        };
        Screen {
            parser: vt100::Parser::new(rows, cols, 0),
            bytes: 0,
        }
    }

    fn has(&self, needle: &str) -> bool {
        self.parser.screen().contents().contains(needle)
    }
}

/// Reads from the channel until the screen shows `needle` (or 60 s).
async fn wait_for(
    read: &mut russh::ChannelReadHalf,
    screen: &mut Screen,
    needle: &str,
) -> Result<(), String> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while !screen.has(needle) {
        match tokio::time::timeout_at(deadline, read.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => {
                screen.bytes += data.len() as u64;
                screen.parser.process(&data);
            }
            Ok(Some(_)) => {}
            Ok(None) => return Err(format!("channel closed waiting for {needle:?}")),
            Err(_) => {
                return Err(format!(
                    "timed out waiting for {needle:?}; screen:\n{}",
                    screen.parser.screen().contents()
                ));
            }
        }
    }
    Ok(())
}

/// How a simulated member logs in: the room password (`serve`), or a key
/// (the OpenSSH baseline).
#[derive(Clone)]
enum Login {
    Password(String),
    /// The user sshd runs as, and the member's key.
    Key(String, Arc<russh::keys::PrivateKey>),
}

async fn connect(port: u16, login: &Login) -> Result<client::Handle<Client>, String> {
    // As OpenSSH does for an interactive session: no Nagle delay on keys.
    let config = Arc::new(client::Config {
        inactivity_timeout: None,
        nodelay: true,
        ..Default::default()
    });
    let mut session = client::connect(config, ("127.0.0.1", port), Client)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let auth = match login {
        Login::Password(password) => session.authenticate_password("thi", password).await,
        Login::Key(user, key) => {
            session
                .authenticate_publickey(
                    user.as_str(),
                    russh::keys::PrivateKeyWithHashAlg::new(Arc::clone(key), None),
                )
                .await
        }
    }
    .map_err(|e| format!("auth: {e}"))?;
    if !auth.success() {
        return Err("password refused".into());
    }
    Ok(session)
}

/// A member connected, with a pty and the quiz, who typed their identity
/// and started: on question 1, the clock running.
struct Seated {
    session: client::Handle<Client>,
    read: russh::ChannelReadHalf,
    write: russh::ChannelWriteHalf<client::Msg>,
    screen: Screen,
}

async fn to_first_question(port: u16, login: &Login, name: &str) -> Result<Seated, String> {
    let session = connect(port, login).await?;
    let channel = session
        .channel_open_session()
        .await
        .map_err(|e| format!("open: {e}"))?;
    channel
        .request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
        .await
        .map_err(|e| format!("pty: {e}"))?;
    channel
        .request_shell(false)
        .await
        .map_err(|e| format!("shell: {e}"))?;
    let (mut read, write) = channel.split();
    let mut screen = Screen::new();
    wait_for(&mut read, &mut screen, "Họ và tên").await?;
    write
        .data_bytes(format!("{name}\r\rCông đoàn Sở Tư pháp\r").into_bytes())
        .await
        .map_err(|e| e.to_string())?;
    wait_for(&mut read, &mut screen, "Hướng dẫn").await?;
    write
        .data_bytes(&b"\r"[..])
        .await
        .map_err(|e| e.to_string())?;
    wait_for(&mut read, &mut screen, "Câu 1/").await?;
    Ok(Seated {
        session,
        read,
        write,
        screen,
    })
}

async fn member(
    port: u16,
    password: String,
    index: usize,
    questions: usize,
    think_scale: f64,
    seated: Arc<AtomicUsize>,
) -> Outcome {
    let mut outcome = Outcome::default();
    let result = async {
        let Seated {
            session,
            mut read,
            write,
            mut screen,
        } = to_first_question(
            port,
            &Login::Password(password),
            &format!("Hoc vien {index}"),
        )
        .await?;
        let send = |bytes: &'static [u8]| write.data_bytes(bytes);
        seated.fetch_add(1, Ordering::SeqCst);
        for q in 1..=questions {
            let think = rand::rng().random_range(2.0..10.0) * think_scale;
            tokio::time::sleep(Duration::from_secs_f64(think)).await;
            let sent = Instant::now();
            send(b"a").await.map_err(|e| e.to_string())?;
            wait_for(&mut read, &mut screen, "(•) A.").await?;
            outcome.latencies.push(sent.elapsed());
            if q < questions {
                send(b"\r").await.map_err(|e| e.to_string())?;
                wait_for(
                    &mut read,
                    &mut screen,
                    &format!("Câu {}/{questions}", q + 1),
                )
                .await?;
            }
        }
        seated.fetch_sub(1, Ordering::SeqCst);
        send(b"\x1b").await.map_err(|e| e.to_string())?;
        wait_for(&mut read, &mut screen, "Nộp bài ngay").await?;
        send(b"y").await.map_err(|e| e.to_string())?;
        wait_for(&mut read, &mut screen, "Kết quả đã được lưu").await?;
        send(b"\r").await.map_err(|e| e.to_string())?;
        outcome.finished = true;
        let _ = session
            .disconnect(russh::Disconnect::ByApplication, "", "")
            .await;
        Ok::<(), String>(())
    }
    .await;
    if let Err(e) = result {
        outcome.error = Some(e);
    }
    outcome
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn rows_in(results: &Path) -> usize {
    union_quiz::results::read_file(results).map_or(0, |r| r.rows.len())
}

/// A folder for one run (in `--dir` when given) with the bank in
/// `banks/`.
fn room_dir(args: &Args) -> tempfile::TempDir {
    let dir = match &args.dir {
        Some(d) => tempfile::tempdir_in(d).expect("dir"),
        None => tempfile::tempdir().expect("dir"),
    };
    std::fs::create_dir_all(dir.path().join("banks")).expect("banks");
    std::fs::write(
        dir.path().join("banks").join("load.yaml"),
        bank(args.questions),
    )
    .expect("bank");
    dir
}

/// The clients' runtime: two threads, as many as the machine's cores.
fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn run_n(bin: &Path, n: usize, args: &Args) {
    let dir = room_dir(args);
    let server = Server::start(bin, dir.path(), n + 10);
    let pid = server.pid();
    std::thread::sleep(Duration::from_millis(300));
    let (rss0, pss0) = rss_pss(pid);
    let runtime = client_runtime();
    let seated = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(Mutex::new((0usize, 0u64, 0u64)));
    let started = Instant::now();
    let cpu0 = cpu_seconds(pid);
    let client_cpu0 = cpu_seconds(std::process::id());
    // Sample the server while the members work.
    let sampling = {
        let seated = Arc::clone(&seated);
        let peak = Arc::clone(&peak);
        std::thread::spawn(move || {
            let mut window: Option<(Instant, f64)> = None;
            let mut seated_cpu = (0.0, 0.0);
            loop {
                let s = seated.load(Ordering::SeqCst);
                let (rss, pss) = rss_pss(pid);
                {
                    let mut p = peak.lock().expect("peak");
                    if s >= p.0 {
                        *p = (s, rss.max(p.1), pss.max(p.2));
                    }
                }
                // CPU while at least 90 % of the members are seated.
                if s * 10 >= n * 9 {
                    let now = (Instant::now(), cpu_seconds(pid));
                    if let Some((t, c)) = window {
                        seated_cpu.0 += now.1 - c;
                        seated_cpu.1 += (now.0 - t).as_secs_f64();
                    }
                    window = Some(now);
                } else {
                    window = None;
                }
                if s == 0 && started.elapsed() > Duration::from_secs(30) {
                    return seated_cpu;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };
    let outcomes: Vec<Outcome> = runtime.block_on(async {
        let mut tasks = Vec::with_capacity(n);
        for i in 0..n {
            tasks.push(tokio::spawn(member(
                server.port,
                server.password.clone(),
                i,
                args.questions,
                args.think_scale,
                Arc::clone(&seated),
            )));
            // Members arrive over a few seconds, as a room does.
            tokio::time::sleep(Duration::from_millis(8)).await;
        }
        let mut out = Vec::with_capacity(n);
        for t in tasks {
            out.push(t.await.unwrap_or_default());
        }
        out
    });
    let wall = started.elapsed();
    let cpu_total = cpu_seconds(pid) - cpu0;
    let client_cpu = cpu_seconds(std::process::id()) - client_cpu0;
    let (seated_cpu_s, seated_wall_s) = sampling.join().unwrap_or((0.0, 0.0));
    let held = server.joined.load(Ordering::SeqCst);
    let (peak_seated, peak_rss, peak_pss) = *peak.lock().expect("peak");
    // Rows are written as each member submits; a moment for the last.
    std::thread::sleep(Duration::from_millis(500));
    let rows = rows_in(&server.results);
    server.stop();
    let mut lat: Vec<Duration> = outcomes.iter().flat_map(|o| o.latencies.clone()).collect();
    lat.sort();
    let finished = outcomes.iter().filter(|o| o.finished).count();
    let errors: Vec<&String> = outcomes.iter().filter_map(|o| o.error.as_ref()).collect();
    println!("N = {n}");
    println!(
        "  sessions held (joined): {held}; seated at once at peak: {peak_seated}; finished: {finished}"
    );
    println!(
        "  server CPU: {:.1} % of one core over the run ({:.0} s); {:.1} % while ≥90 % seated ({:.0} s)",
        cpu_total / wall.as_secs_f64() * 100.0,
        wall.as_secs_f64(),
        if seated_wall_s > 0.0 {
            seated_cpu_s / seated_wall_s * 100.0
        } else {
            0.0
        },
        seated_wall_s
    );
    println!(
        "  the simulated clients (same machine): {:.1} % of one core",
        client_cpu / wall.as_secs_f64() * 100.0
    );
    println!(
        "  server memory: RSS {:.1} MiB idle → {:.1} MiB peak; PSS {:.1} → {:.1} MiB",
        rss0 as f64 / 1024.0,
        peak_rss as f64 / 1024.0,
        pss0 as f64 / 1024.0,
        peak_pss as f64 / 1024.0
    );
    if peak_seated > 0 {
        println!(
            "  memory per seated session: {:.0} KiB (RSS), {:.0} KiB (PSS)",
            peak_rss.saturating_sub(rss0) as f64 / peak_seated as f64,
            peak_pss.saturating_sub(pss0) as f64 / peak_seated as f64
        );
    }
    println!(
        "  key → screen: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} keys)",
        percentile(&lat, 0.5).as_secs_f64() * 1000.0,
        percentile(&lat, 0.99).as_secs_f64() * 1000.0,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
        lat.len()
    );
    println!("  rows written: {rows} of {n} expected");
    if let Some(e) = errors.first() {
        println!("  {} members failed; first: {e}", errors.len());
    }
}

/// One idle member on a timed question for 20 s: the server's context
/// switches and CPU (perf; the console's thread included), and the bytes it
/// sends.
fn idle(bin: &Path, args: &Args) {
    let dir = room_dir(args);
    let server = Server::start(bin, dir.path(), 10);
    let pid = server.pid();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // The room with no one in it: the console's own polling.
    std::thread::sleep(Duration::from_secs(1));
    let empty = switches_and_cpu(pid, 10);
    let report = runtime.block_on(async {
        let Seated {
            session: _session,
            mut read,
            write: _write,
            mut screen,
        } = to_first_question(
            server.port,
            &Login::Password(server.password.clone()),
            "Hoc vien",
        )
        .await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        // The server's context switches (each wake-up of a sleeping thread
        // is one) over 20 s, from perf, whichever thread runs the runtime.
        let perf = tokio::task::spawn_blocking(move || switches_and_cpu(pid, 20));
        let bytes0 = screen.bytes;
        let t0 = Instant::now();
        let until = tokio::time::Instant::now() + Duration::from_secs(20);
        while let Ok(Some(msg)) = tokio::time::timeout_at(until, read.wait()).await {
            if let ChannelMsg::Data { data } = msg {
                screen.bytes += data.len() as u64;
                screen.parser.process(&data);
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        let (switches, cpu) = perf.await.map_err(|e| e.to_string())??;
        Ok::<_, String>((switches, cpu, (screen.bytes - bytes0) as f64 / secs))
    });
    server.stop();
    match (report, empty) {
        (Ok((switches, cpu_ms, bytes)), Ok((switches0, cpu0))) => println!(
            "{}: idle member on a timed question (20 s): server {:.2} wake-ups/s and {:.3} ms CPU/s more than with no one in the room ({switches:.2} context switches/s in all, the console's polling included), {bytes:.1} bytes/s to the client",
            bin.display(),
            switches - switches0,
            cpu_ms - cpu0,
        ),
        (Err(e), _) | (_, Err(e)) => println!("{}: idle member: failed: {e}", bin.display()),
    }
}

/// perf's count of `pid`'s context switches per second and CPU ms per
/// second over `secs` seconds (every thread, new ones included).
fn switches_and_cpu(pid: u32, secs: u64) -> Result<(f64, f64), String> {
    let out = Command::new("perf")
        .args(["stat", "-x,", "-e", "context-switches,task-clock", "-p"])
        .arg(pid.to_string())
        .args(["--", "sleep"])
        .arg(secs.to_string())
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("perf: {e}"))?;
    let text = String::from_utf8_lossy(&out.stderr);
    let value = |event: &str| {
        text.lines()
            .find(|l| l.split(',').nth(2) == Some(event))
            .and_then(|l| l.split(',').next()?.parse::<f64>().ok())
            .ok_or_else(|| format!("perf gave no {event}: {text}"))
    };
    Ok((
        value("context-switches")? / secs as f64,
        value("task-clock")? / secs as f64,
    ))
}

/// OpenSSH's way to the same room (the issue's baseline): a `sshd` of its
/// own on a loopback port, run as a non-root user with its own config and
/// host key, that runs `union-quiz run --once` for every member
/// (`ForceCommand`) after public-key authentication. One sshd and one
/// `union-quiz run` per member.
struct Sshd {
    child: Child,
    port: u16,
    login: Login,
}

impl Sshd {
    /// The user sshd runs as: `user`, or the current one.
    fn start(bin: &Path, dir: &Path, user: &str, max: usize) -> Sshd {
        let run = |cmd: &mut Command| {
            let out = cmd.output().expect("command");
            assert!(
                out.status.success(),
                "{cmd:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let keygen = |path: &Path| {
            run(Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(path));
        };
        keygen(&dir.join("host_key"));
        keygen(&dir.join("member_key"));
        std::fs::copy(dir.join("member_key.pub"), dir.join("authorized_keys"))
            .expect("authorized_keys");
        let key = russh::keys::load_secret_key(dir.join("member_key"), None).expect("member key");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let sshd = which("sshd").expect("sshd (Debian: openssh-server) is missing");
        let config = format!(
            "ListenAddress 127.0.0.1:{port}\n\
             HostKey {dir}/host_key\n\
             PidFile none\n\
             AuthorizedKeysFile {dir}/authorized_keys\n\
             StrictModes no\n\
             UsePAM no\n\
             PubkeyAuthentication yes\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             PrintMotd no\n\
             PrintLastLog no\n\
             MaxStartups {max}:100:{max}\n\
             LogLevel ERROR\n\
             ForceCommand env LANG=C.UTF-8 {bin} run {dir}/banks --once --results {dir}/results.csv\n",
            dir = dir.display(),
            bin = bin.display(),
        );
        std::fs::write(dir.join("sshd_config"), config).expect("sshd_config");
        let current = std::env::var("USER").unwrap_or_default();
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        let as_user = if user.is_empty() {
            current
        } else {
            user.to_owned()
        };
        let mut cmd = if is_root {
            assert!(
                !user.is_empty() && user != "root",
                "as root, name a user for sshd: --baseline-user NAME"
            );
            // sshd reads its files and the member's `run` writes the results
            // as that user.
            run(Command::new("chown").args(["-R", user]).arg(dir));
            run(Command::new("chmod").arg("755").arg(dir));
            // sshd gives each pty to the `tty` group, which only a member
            // of it may do.
            let mut c = Command::new("runuser");
            c.args(["-u", user, "-G", "tty", "--"]).arg(&sshd);
            c
        } else {
            Command::new(&sshd)
        };
        let child = cmd
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(dir.join("sshd_config"))
            .stdin(Stdio::null())
            .spawn()
            .expect("sshd");
        // Wait for it to listen (a probe sshd logs as a closed exchange).
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "sshd did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Sshd {
            child,
            port,
            login: Login::Key(as_user, Arc::new(key)),
        }
    }

    fn stop(mut self) {
        // (runuser's "Session terminated" line ends without a newline.)
        eprintln!();
        for pid in descendants(self.child.id()) {
            let _ = Command::new("kill")
                .arg(pid.to_string())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    ["/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.exists())
}

/// The CPU `pids` use over the next `secs` seconds, in % of one core:
/// perf's task-clock (exact, every thread), or the kernel's tick-sampled
/// utime + stime where perf is missing (which misses many short wake-ups).
fn cpu_percent(pids: &[u32], secs: u64) -> f64 {
    let list = pids
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let perf = Command::new("perf")
        .args([
            "stat",
            "-x,",
            "-e",
            "task-clock",
            "-p",
            &list,
            "--",
            "sleep",
        ])
        .arg(secs.to_string())
        .stdout(Stdio::null())
        .output();
    if let Ok(out) = perf {
        let text = String::from_utf8_lossy(&out.stderr);
        let msec = text.lines().find_map(|l| {
            let mut f = l.split(',');
            let v = f.next()?;
            (f.nth(1)? == "task-clock").then(|| v.parse::<f64>().unwrap_or(0.0))
        });
        if let Some(msec) = msec {
            return msec / 1000.0 / secs as f64 * 100.0;
        }
    }
    eprintln!("perf is missing: CPU from /proc's tick samples");
    let before: f64 = pids.iter().copied().map(cpu_seconds).sum();
    std::thread::sleep(Duration::from_secs(secs));
    let after: f64 = pids.iter().copied().map(cpu_seconds).sum();
    (after - before) / secs as f64 * 100.0
}

/// `root` and every process under it.
fn descendants(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, r)| r.split_whitespace().nth(1)?.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent_of.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(
            parent_of
                .iter()
                .filter(|&&(_, pp)| pp == p)
                .map(|&(c, _)| c),
        );
        i += 1;
    }
    found
}

/// A room seated for measuring: `serve`, or the OpenSSH baseline.
enum Host {
    Serve(Server),
    Sshd(Sshd),
}

impl Host {
    fn port(&self) -> u16 {
        match self {
            Host::Serve(s) => s.port,
            Host::Sshd(s) => s.port,
        }
    }

    fn login(&self) -> Login {
        match self {
            Host::Serve(s) => Login::Password(s.password.clone()),
            Host::Sshd(s) => s.login.clone(),
        }
    }

    /// The processes whose CPU and memory count: the server, or sshd and
    /// everything under it.
    fn pids(&self) -> Vec<u32> {
        match self {
            Host::Serve(s) => vec![s.pid()],
            Host::Sshd(s) => descendants(s.child.id()),
        }
    }

    /// RSS and PSS of every process, in KiB.
    fn memory(&self) -> (u64, u64) {
        self.pids()
            .into_iter()
            .map(rss_pss)
            .fold((0, 0), |(r, p), (a, b)| (r + a, p + b))
    }

    fn stop(self) {
        match self {
            Host::Serve(s) => s.stop(),
            Host::Sshd(s) => s.stop(),
        }
    }
}

/// `n` members seated on question 1 of a timed quiz, typing nothing, for
/// `--seated-secs`: the CPU and memory of every process serving them (the
/// baseline's situation).
fn seated(n: usize, args: &Args, label: &str, start: impl FnOnce(&Path) -> Host) {
    let dir = room_dir(args);
    let host = start(dir.path());
    std::thread::sleep(Duration::from_millis(300));
    let (_, pss0) = host.memory();
    let runtime = client_runtime();
    let port = host.port();
    let login = host.login();
    let secs = args.seated_secs;
    let report = runtime.block_on(async {
        let ready = Arc::new(AtomicUsize::new(0));
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let mut tasks = Vec::new();
        let first_error = Arc::new(Mutex::new(None::<String>));
        for i in 0..n {
            let ready = Arc::clone(&ready);
            let login = login.clone();
            let mut stop = stop_rx.clone();
            let first_error = Arc::clone(&first_error);
            tasks.push(tokio::spawn(async move {
                let go = async {
                    let Seated {
                        session,
                        mut read,
                        write: _write,
                        screen: _,
                    } = to_first_question(port, &login, &format!("Hoc vien {i}")).await?;
                    ready.fetch_add(1, Ordering::SeqCst);
                    // Read (and drop) the countdown until told to stop.
                    loop {
                        tokio::select! {
                            _ = stop.changed() => break,
                            msg = read.wait() => if msg.is_none() { break },
                        }
                    }
                    Ok::<_, String>(session)
                };
                if let Err(e) = go.await {
                    first_error.lock().expect("error").get_or_insert(e);
                }
            }));
            tokio::time::sleep(Duration::from_millis(8)).await;
        }
        let start = tokio::time::Instant::now();
        while ready.load(Ordering::SeqCst) < n && start.elapsed() < Duration::from_secs(120) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        let pids = host.pids();
        let processes = pids.len();
        let cpu = tokio::task::spawn_blocking(move || cpu_percent(&pids, secs))
            .await
            .expect("cpu");
        let (rss, pss) = host.memory();
        let held = ready.load(Ordering::SeqCst);
        let _ = stop_tx.send(true);
        for t in tasks {
            let _ = t.await;
        }
        let error = first_error.lock().expect("error").take();
        (held, cpu, rss, pss, error, processes)
    });
    host.stop();
    let (held, cpu, rss, pss, error, processes) = report;
    println!(
        "seated room, {label}: {held} of {n} members on a timed question, typing nothing, {secs} s: {processes} processes, CPU {cpu:.2} % of one core ({:.4} % per member); RSS {:.1} MiB, PSS {:.1} MiB ({:.0} KiB per member)",
        cpu / held.max(1) as f64,
        rss as f64 / 1024.0,
        pss as f64 / 1024.0,
        pss.saturating_sub(pss0) as f64 / held.max(1) as f64
    );
    if let Some(e) = error {
        println!("  a member failed: {e}");
    }
}

fn main() {
    let args = args();
    println!(
        "room_load: {} questions, think time {:.1}–{:.1} s, 80×24 terminals",
        args.questions,
        2.0 * args.think_scale,
        10.0 * args.think_scale
    );
    for &n in args.ns.iter().filter(|&&n| n > 0) {
        for bin in &args.bins {
            println!("{}", bin.display());
            run_n(bin, n, &args);
        }
    }
    if args.seated > 0 {
        let n = args.seated;
        for bin in &args.bins {
            let label = format!("serve ({})", bin.display());
            seated(n, &args, &label, |dir| {
                Host::Serve(Server::start(bin, dir, n + 10))
            });
        }
        if let Some(user) = &args.baseline {
            let bin = &args.bins[args.bins.len() - 1];
            let label = format!("OpenSSH sshd + run --once ({})", bin.display());
            seated(n, &args, &label, |dir| {
                Host::Sshd(Sshd::start(bin, dir, user, n + 10))
            });
        }
    }
    for bin in &args.bins {
        idle(bin, &args);
    }
}
