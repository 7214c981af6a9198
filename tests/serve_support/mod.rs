//! A room server for the SSH tests: the built binary runs `serve` on
//! 127.0.0.1 with a port the system picks, its console printed as plain
//! lines (its output is a pipe), from which the test reads the port, the
//! room password and the log.
//!
//! Clients (`ssh`, `sftp`, `plink`) are the real ones. `.ci/run` installs
//! them; when one is missing a test fails in CI (`CI` set) and says
//! SKIPPED elsewhere.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Whether `tool` can be run; a missing tool fails the test in CI and is
/// reported as SKIPPED elsewhere (returns true: the test returns).
pub fn missing(test: &str, tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return false;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {tool} is not installed; .ci/run must install it"
    );
    eprintln!("SKIPPED {test}: {tool} is not installed");
    true
}

/// A running room.
pub struct Server {
    child: Child,
    /// Everything the console printed, line by line.
    pub lines: Arc<Mutex<Vec<String>>>,
    /// The port it listens on.
    pub port: u16,
    /// The room password.
    pub password: String,
    /// The host key's fingerprint (`SHA256:…`).
    pub fingerprint: String,
    /// The results file.
    pub results: PathBuf,
}

impl Server {
    /// Starts `serve` on the banks at `banks`, results under `dir`, with
    /// `extra` options.
    pub fn start(dir: &Path, banks: &Path, extra: &[&str]) -> Server {
        let results = dir.join("results").join("results.csv");
        let mut child = Command::new(env!("CARGO_BIN_EXE_union-quiz"))
            .arg("serve")
            .arg(banks)
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--results")
            .arg(&results)
            .args(extra)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start union-quiz serve");
        let stdout = child.stdout.take().expect("stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(line);
            }
        });
        let mut server = Server {
            child,
            lines,
            port: 0,
            password: String::new(),
            fingerprint: String::new(),
            results,
        };
        server.wait_line("SHA256:");
        let lines = server.lines.lock().expect("lines").clone();
        for line in &lines {
            if let Some(rest) = line.trim().strip_prefix("ssh -p ") {
                server.port = rest
                    .split_whitespace()
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("port");
            }
            if let Some(p) = line.strip_prefix("Mật khẩu phòng: ") {
                server.password = p.trim().to_owned();
            }
            if let Some(i) = line.find("SHA256:") {
                server.fingerprint = line[i..].trim().to_owned();
            }
        }
        assert_ne!(server.port, 0, "no port in {lines:?}");
        server
    }

    /// Waits until the console printed a line containing `needle`; returns
    /// it.
    pub fn wait_line(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self
                .lines
                .lock()
                .expect("lines")
                .iter()
                .find(|l| l.contains(needle))
            {
                return l.clone();
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the console never printed {needle:?}; it printed:\n{}",
                self.lines.lock().expect("lines").join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// How many console lines contain `needle`.
    pub fn count_lines(&self, needle: &str) -> usize {
        self.lines
            .lock()
            .expect("lines")
            .iter()
            .filter(|l| l.contains(needle))
            .count()
    }

    /// The `ssh` command line for a member (host key not remembered, no
    /// public keys tried), for tmux.
    pub fn ssh_line(&self) -> String {
        format!(
            "ssh -tt -p {} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
             -o PubkeyAuthentication=no -o LogLevel=ERROR thi@127.0.0.1",
            self.port
        )
    }

    /// A six-digit password that is not the room's.
    pub fn wrong_password(&self) -> &'static str {
        if self.password == "000000" {
            "111111"
        } else {
            "000000"
        }
    }

    /// An `ssh`-family command that gets `password` from an askpass
    /// script instead of a terminal (OpenSSH 8.4+), with no terminal.
    pub fn batch(&self, program: &str, dir: &Path, password: &str) -> Command {
        let askpass = dir.join(format!("askpass-{password}"));
        std::fs::write(&askpass, format!("#!/bin/sh\necho '{password}'\n")).expect("askpass");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o700))
                .expect("chmod");
        }
        let mut c = Command::new(program);
        c.env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("DISPLAY", ":0")
            .stdin(Stdio::null())
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "PubkeyAuthentication=no",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "NumberOfPasswordPrompts=1",
            ]);
        c
    }

    /// Closes the room as the trainer's Ctrl-C does (SIGTERM).
    pub fn close(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
    }

    /// Waits for the server to end after [`Server::close`]; its status.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the server did not end"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
