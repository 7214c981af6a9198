//! Issue 10 acceptance with real SSH clients on 127.0.0.1: the built
//! binary serves a room; OpenSSH's `ssh` (in tmux, as a member types) and
//! PuTTY's `plink` take quizzes; refused requests are refused.
//!
//! Waiting polls the pane, the console or the files for a bounded time:
//! these test real processes, not a timer.

// Real terminals (tmux) and Unix clients and signals: cut out of the
// Windows build, whose tests run under Wine with no tmux (as tests/tmux.rs).
#![cfg(unix)]

mod serve_support;
mod tmux_support;
mod unikey_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serve_support::{Server, missing};
use tmux_support::{QUIZ_BANK, Tmux, children};
use union_quiz::autosave::Autosaves;
use union_quiz::engine::Snapshot;

/// A folder with the three-question bank of the tmux tests.
fn banks(dir: &Path) -> PathBuf {
    let banks = dir.join("banks");
    std::fs::create_dir_all(&banks).expect("banks");
    std::fs::write(banks.join("bank.yaml"), QUIZ_BANK).expect("bank");
    banks
}

/// Starts a member's `ssh` in tmux and types the room password.
fn member(server: &Server, tag: &str, width: u16, height: u16) -> Tmux {
    let tmux = Tmux::new(tag);
    tmux.start_sized(
        &format!("LANG=C.UTF-8 {}; sleep 60", server.ssh_line()),
        width,
        height,
    );
    tmux.wait_for("Mật khẩu phòng thi:");
    tmux.send_text(&server.password);
    tmux.send(&["Enter"]);
    tmux
}

/// Name, code and unit on the identity form, and Enter.
fn type_identity(tmux: &Tmux, name: &str) {
    tmux.wait_for("Họ và tên");
    tmux.send_text(name);
    tmux.send(&["Enter"]);
    tmux.send_text("NV-042");
    tmux.send(&["Enter"]);
    tmux.send_text("Công đoàn Sở Tư pháp");
    tmux.send(&["Enter"]);
}

/// Name, code and unit, then the instructions, up to question 1.
fn to_first_question(tmux: &Tmux, name: &str) {
    type_identity(tmux, name);
    tmux.wait_for("Hướng dẫn làm bài");
    tmux.send(&["Enter"]);
    tmux.wait_for_all(&["Câu 1/3", "A. 23/4/2018"]);
}

/// Answers B, then A and C, skips 3, submits, and checks the result.
fn answer_and_submit(tmux: &Tmux) {
    tmux.send(&["b"]);
    tmux.wait_for("(•) B. 21/6/2018");
    tmux.send(&["Enter"]);
    tmux.wait_for("Chọn tất cả đáp án đúng");
    tmux.send(&["a", "3"]);
    tmux.wait_for("[x] C. Cải cách thủ tục hành chính");
    tmux.send(&["Right"]);
    tmux.wait_for("Câu 3/3");
    tmux.send(&["Escape"]);
    tmux.wait_for("Nộp bài ngay");
    tmux.send(&["y"]);
    tmux.wait_for_all(&["Kết quả đã được lưu.", "Điểm: 2/3 (66,7%)"]);
}

/// The only row of the results file, once it is there.
fn the_row(results: &Path) -> union_quiz::results::ResultRow {
    let start = Instant::now();
    loop {
        if let Ok(read) = union_quiz::results::read_file(results)
            && read.rows.len() == 1
        {
            assert!(read.bad.is_empty(), "{:?}", read.bad);
            return read.rows.into_iter().next().expect("row");
        }
        assert!(start.elapsed() < Duration::from_secs(15), "no row");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn openssh_in_a_terminal_completes_a_quiz_and_the_row_is_written() {
    let test = "openssh_in_a_terminal_completes_a_quiz_and_the_row_is_written";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let tmux = member(&server, "ssh", 100, 30);
    to_first_question(&tmux, "Nguyễn Văn An");
    // The countdown runs and the server redraws it with no key pressed.
    tmux.wait_for("Còn lại 09:5");
    answer_and_submit(&tmux);
    // Enter after the result ends the session: ssh exits.
    tmux.send(&["Enter"]);
    tmux.wait_gone(&["Kết quả đã được lưu."], "the session did not end");
    let row = the_row(&server.results);
    assert_eq!(row.member_name, "Nguyễn Văn An");
    assert_eq!(row.member_code, "NV-042");
    assert_eq!(row.unit, "Công đoàn Sở Tư pháp");
    assert_eq!(row.answers, "nd61-hieu-luc:B;nq30c-6:AC;q3:-");
    assert_eq!(row.score, 2.0);
    // The console counted it and logged the join.
    server.wait_line("vào phòng");
    // The member's terminal is given back as it was.
    assert_eq!(tmux.display("#{alternate_on}"), "0");
}

#[test]
fn plink_completes_a_quiz() {
    let test = "plink_completes_a_quiz";
    if missing(test, "plink") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let tmux = Tmux::new("plink");
    // The host key is given by its fingerprint, as a trainer would read it
    // out; the password on the command line.
    tmux.start(&format!(
        "LANG=C.UTF-8 plink -ssh -t -batch -P {} -hostkey {} -pw {} thi@127.0.0.1; sleep 60",
        server.port, server.fingerprint, server.password
    ));
    to_first_question(&tmux, "Trần Thị Bình");
    answer_and_submit(&tmux);
    tmux.send(&["Enter"]);
    tmux.wait_gone(&["Kết quả đã được lưu."], "the session did not end");
    let row = the_row(&server.results);
    assert_eq!(row.member_name, "Trần Thị Bình");
    assert_eq!(row.answers, "nd61-hieu-luc:B;nq30c-6:AC;q3:-");
}

/// The member's `ssh` process under the pane's shell, while it runs.
fn ssh_pid(tmux: &Tmux) -> Option<u32> {
    children(tmux.pane_pid()).into_iter().find(|&p| {
        std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "ssh")
    })
}

/// The one autosave of the room, once no session holds it.
fn released_autosave(results: &Path) -> Snapshot {
    let start = Instant::now();
    loop {
        let mut found = Autosaves::for_results(results).list::<Snapshot>();
        if found.len() == 1 && !found[0].in_use {
            let f = found.remove(0);
            return f.saved.expect("a readable autosave");
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the attempt was never saved and released"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_connection_killed_mid_quiz_resumes_with_its_answers_and_time() {
    let test = "a_connection_killed_mid_quiz_resumes_with_its_answers_and_time";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let tmux = member(&server, "cut", 100, 30);
    to_first_question(&tmux, "Lê Văn Cường");
    tmux.send(&["b"]);
    tmux.wait_for("(•) B. 21/6/2018");
    tmux.send(&["Enter"]);
    tmux.wait_for("Câu 2/3");
    // Some time passes on the clock, then the network is cut: the client
    // dies without a word to the server.
    std::thread::sleep(Duration::from_millis(2200));
    let ssh = ssh_pid(&tmux).expect("the ssh process");
    let status = Command::new("kill")
        .arg("-KILL")
        .arg(ssh.to_string())
        .status();
    assert!(status.is_ok_and(|s| s.success()));
    let saved = released_autosave(&server.results);
    assert_eq!(saved.member.name, "Lê Văn Cường");
    assert!(saved.used_ms >= 2000, "time used {} ms", saved.used_ms);
    server.wait_line("(Lê Văn Cường): mất kết nối, bài làm đã được lưu");

    // Someone else connects: nobody's attempt is listed, at the start or
    // after their own identity.
    let other = member(&server, "other", 100, 30);
    let pane = other.wait_for("Họ và tên");
    assert!(!pane.contains("Lê Văn Cường"), "{pane}");
    type_identity(&other, "Trần Văn Khác");
    let pane = other.wait_for("Hướng dẫn làm bài");
    assert!(!pane.contains("Lê Văn Cường"), "{pane}");

    // The member connects again and types who they are: the resume screen
    // offers their attempt.
    let again = member(&server, "cut2", 100, 30);
    type_identity(&again, "lê văn cường");
    again.wait_for_all(&["Lê Văn Cường", "Làm tiếp"]);
    again.send(&["Enter"]);
    let pane = again.wait_for("Câu 2/3");
    // Time left counts from what was used before the cut: under 10:00.
    assert!(pane.contains("Còn lại 09:"), "{pane}");
    again.send(&["Left"]);
    again.wait_for_all(&["Câu 1/3", "(•) B. 21/6/2018"]);
}

#[test]
fn a_wrong_password_is_refused_and_logged() {
    let test = "a_wrong_password_is_refused_and_logged";
    if missing(test, "ssh") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let wrong = server.wrong_password();
    let out = server
        .batch("ssh", dir.path(), wrong)
        .args(["-tt", "-p", &server.port.to_string(), "thi@127.0.0.1"])
        .output()
        .expect("ssh");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Permission denied"), "{stderr}");
    server.wait_line("sai mật khẩu (lần 1)");
    // No session was opened.
    assert_eq!(server.count_lines("vào phòng"), 0);
}

#[test]
fn exec_sftp_and_port_forwarding_are_refused() {
    let test = "exec_sftp_and_port_forwarding_are_refused";
    if missing(test, "ssh") || missing(test, "sftp") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let port = server.port.to_string();
    let pw = server.password.clone();

    // exec: the command never runs.
    let marker = dir.path().join("ran");
    let out = server
        .batch("ssh", dir.path(), &pw)
        .args(["-p", &port, "thi@127.0.0.1"])
        .arg(format!("touch {}", marker.display()))
        .output()
        .expect("ssh exec");
    assert!(!out.status.success(), "{out:?}");
    assert!(!marker.exists());
    server.wait_line("từ chối yêu cầu exec");

    // sftp: the subsystem is refused.
    let out = server
        .batch("sftp", dir.path(), &pw)
        .args(["-P", &port, "thi@127.0.0.1"])
        .output()
        .expect("sftp");
    assert!(!out.status.success(), "{out:?}");
    server.wait_line("từ chối yêu cầu subsystem sftp");

    // Local forwarding (-W is the stdio form of -L): the channel is refused.
    let out = server
        .batch("ssh", dir.path(), &pw)
        .args(["-p", &port, "-W", "127.0.0.1:9", "thi@127.0.0.1"])
        .output()
        .expect("ssh -W");
    assert!(!out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("forwarding failed"), "{stderr}");
    server.wait_line("từ chối yêu cầu direct-tcpip 127.0.0.1:9");

    // Remote forwarding: refused, and ssh says so.
    let out = server
        .batch("ssh", dir.path(), &pw)
        .args([
            "-p",
            &port,
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "127.0.0.1:0:127.0.0.1:9",
            "thi@127.0.0.1",
        ])
        .output()
        .expect("ssh -R");
    assert!(!out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("forwarding failed"), "{stderr}");
    server.wait_line("từ chối yêu cầu tcpip-forward");
}

#[test]
fn a_resize_mid_question_redraws_at_the_new_size() {
    let test = "a_resize_mid_question_redraws_at_the_new_size";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let tmux = member(&server, "resize", 100, 30);
    to_first_question(&tmux, "Phạm Thị Dung");
    let rule = |pane: &str| {
        pane.lines()
            .map(|l| l.chars().filter(|&c| c == '─').count())
            .max()
            .unwrap_or(0)
    };
    assert_eq!(rule(&tmux.pane()), 100);
    let out = tmux.cmd(&["resize-window", "-t", "quiz", "-x", "86", "-y", "26"]);
    assert!(out.status.success(), "{out:?}");
    // The rule under the header now spans 86 cells, and the question is
    // still there.
    let start = Instant::now();
    loop {
        let pane = tmux.pane();
        if rule(&pane) == 86 && pane.contains("Câu 1/3") && pane.contains("A. 23/4/2018") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no redraw at 86x26:\n{pane}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn past_max_sessions_a_member_gets_a_polite_message() {
    let test = "past_max_sessions_a_member_gets_a_polite_message";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &["--max-sessions", "1"]);
    let first = member(&server, "first", 100, 30);
    first.wait_for("Họ và tên");
    let second = member(&server, "second", 100, 30);
    second.wait_for("phòng thi đã đủ 1 người");
    server.wait_line("từ chối, phòng đã đủ người");
    // The first member is not disturbed.
    first.send_text("An");
    first.wait_for("Họ và tên: An");
}

#[test]
fn closing_the_room_saves_open_attempts_and_tells_each_member() {
    let test = "closing_the_room_saves_open_attempts_and_tells_each_member";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let mut server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let tmux = member(&server, "closing", 100, 30);
    to_first_question(&tmux, "Võ Văn Em");
    tmux.send(&["b"]);
    tmux.wait_for("(•) B. 21/6/2018");
    server.close();
    // The message stays in the member's terminal after the connection
    // closed.
    tmux.wait_for("Giảng viên đã đóng phòng thi");
    let start = Instant::now();
    while ssh_pid(&tmux).is_some() {
        assert!(start.elapsed() < Duration::from_secs(15), "ssh did not end");
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.wait_for("Giảng viên đã đóng phòng thi");
    let status = server.wait();
    assert!(status.success(), "{status:?}");
    let saved = released_autosave(&server.results);
    assert_eq!(saved.member.name, "Võ Văn Em");
    assert_eq!(saved.answers.iter().filter(|a| !a.is_empty()).count(), 1);
    server.wait_line("Đã đóng phòng thi");
}

#[test]
fn unikey_typing_over_ssh_gives_the_name_in_nfc() {
    let test = "unikey_typing_over_ssh_gives_the_name_in_nfc";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let tmux = member(&server, "unikey", 100, 30);
    tmux.wait_for("Họ và tên");
    // Each read as Unikey's one key press makes it: written to the
    // terminal at once, so ssh sends it in one packet. The Windows console
    // form (0x08) is the one a local terminal would not take as Backspace.
    unikey_support::type_into(&tmux, 0x08);
    unikey_support::submit_after_name(&tmux);
    let row = the_row(&server.results);
    assert_eq!(row.member_name, unikey_support::NAME);
    assert!(unicode_normalization::is_nfc(&row.member_name));
}

#[test]
fn an_open_room_lets_anyone_in_and_says_so() {
    let test = "an_open_room_lets_anyone_in_and_says_so";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &["--open"]);
    server.wait_line("CẢNH BÁO: phòng mở, không cần mật khẩu");
    assert!(server.password.is_empty());
    let tmux = Tmux::new("open");
    tmux.start(&format!("LANG=C.UTF-8 {}; sleep 60", server.ssh_line()));
    // Straight to the quiz: no password asked.
    let pane = tmux.wait_for("Họ và tên");
    assert!(!pane.contains("Mật khẩu phòng thi"), "{pane}");
}

/// The server with its console in tmux (a terminal, as a trainer runs
/// it), and a member who joined with the line and password it shows and
/// is on question 1.
fn console_and_member(dir: &Path, name: &str) -> (Tmux, Tmux) {
    let banks = banks(dir);
    let results = dir.join("results").join("results.csv");
    let console = Tmux::new("console");
    console.start_sized(
        &format!(
            "LANG=C.UTF-8 '{}' serve '{}' --listen 127.0.0.1:0 --results '{}'; sleep 60",
            env!("CARGO_BIN_EXE_union-quiz"),
            banks.display(),
            results.display()
        ),
        140,
        45,
    );
    let pane = console.wait_for_all(&["Học viên gõ:", "Mật khẩu phòng: ", "SHA256:"]);
    let port: u16 = pane
        .lines()
        .find_map(|l| l.trim().strip_prefix("ssh -p "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .expect("the join line");
    let password = pane
        .lines()
        .find_map(|l| l.trim().strip_prefix("Mật khẩu phòng: "))
        .map(|p| p.trim().to_owned())
        .expect("the password");
    let member = Tmux::new("console-member");
    member.start(&format!(
        "LANG=C.UTF-8 ssh -tt -p {port} -o StrictHostKeyChecking=no \
         -o UserKnownHostsFile=/dev/null -o PubkeyAuthentication=no \
         -o LogLevel=ERROR thi@127.0.0.1; sleep 60"
    ));
    member.wait_for("Mật khẩu phòng thi:");
    member.send_text(&password);
    member.send(&["Enter"]);
    to_first_question(&member, name);
    (console, member)
}

#[test]
fn closing_the_consoles_window_closes_the_room_and_the_server_ends() {
    let test = "closing_the_consoles_window_closes_the_room_and_the_server_ends";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let (console, member) = console_and_member(dir.path(), "Hà Văn Khoa");
    let server = children(console.pane_pid())
        .into_iter()
        .find(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/comm"))
                .is_ok_and(|c| c.trim().starts_with("union-quiz"))
        })
        .expect("the server process");
    // The trainer closes the window: the terminal hangs up.
    let out = console.cmd(&["kill-session", "-t", "quiz"]);
    assert!(out.status.success(), "{out:?}");
    member.wait_for("Giảng viên đã đóng phòng thi");
    let start = Instant::now();
    while Path::new(&format!("/proc/{server}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not end after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let saved = released_autosave(&dir.path().join("results").join("results.csv"));
    assert_eq!(saved.member.name, "Hà Văn Khoa");
}

#[test]
fn the_console_shows_the_room_and_closes_on_a_confirmed_q() {
    let test = "the_console_shows_the_room_and_closes_on_a_confirmed_q";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let (console, member) = console_and_member(dir.path(), "Bùi Thị Hoa");
    // The console lists the session: name, unit, question, time left, state.
    console.wait_for_all(&[
        "Bùi Thị Hoa",
        "Công đoàn Sở Tư pháp",
        "1/3",
        "đang làm bài",
        "Đang kết nối: 1/500",
    ]);
    // q asks first; another key keeps the room open.
    console.send(&["q"]);
    console.wait_for("Đóng phòng thi?");
    console.send(&["n"]);
    console.wait_gone(&["Đóng phòng thi?"], "the question did not go away");
    console.send(&["q"]);
    console.wait_for("Đóng phòng thi?");
    console.send(&["y"]);
    member.wait_for("Giảng viên đã đóng phòng thi");
    console.wait_for("Đã đóng phòng thi. 0 dòng đã ghi");
}

/// The colours a pane's cells are drawn with (`capture-pane -e`): the SGR
/// parameters that set a foreground or background colour.
fn colours_on_screen(tmux: &Tmux) -> Vec<String> {
    let out = tmux.cmd(&["capture-pane", "-p", "-e", "-t", "quiz"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut found = Vec::new();
    for sgr in text.split("\x1b[").skip(1) {
        let Some((params, _)) = sgr.split_once('m') else {
            continue;
        };
        let colour = params.split(';').next().and_then(|p| p.parse::<u16>().ok());
        if colour.is_some_and(|c| matches!(c, 30..=38 | 40..=48 | 90..=97 | 100..=107)) {
            found.push(params.to_owned());
        }
    }
    found
}

#[test]
fn a_terminal_without_colours_gets_the_quiz_in_monochrome() {
    let test = "a_terminal_without_colours_gets_the_quiz_in_monochrome";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let start = |tag: &str, term: &str| {
        let tmux = Tmux::new(tag);
        // The TERM ssh sends in its pty request is the one it runs with.
        tmux.start_sized(
            &format!("LANG=C.UTF-8 TERM={term} {}; sleep 60", server.ssh_line()),
            100,
            30,
        );
        tmux.wait_for("Mật khẩu phòng thi:");
        tmux.send_text(&server.password);
        tmux.send(&["Enter"]);
        to_first_question(&tmux, "Lê Thị Mai");
        tmux.send(&["b"]);
        tmux.wait_for("(•) B. 21/6/2018");
        tmux
    };
    let colour = start("colour", "xterm-256color");
    let mono = start("mono", "vt100");
    assert!(
        !colours_on_screen(&colour).is_empty(),
        "a colour terminal shows no colour"
    );
    assert_eq!(colours_on_screen(&mono), Vec::<String>::new());
    // The same quiz, read by its text: the choice is marked, not coloured.
    assert!(mono.pane().contains("Câu 1/3"), "{}", mono.pane());
}

#[test]
fn wrong_passwords_are_slowed_per_address_across_new_connections() {
    let test = "wrong_passwords_are_slowed_per_address_across_new_connections";
    if missing(test, "ssh") {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &[]);
    let wrong = server.wrong_password();
    // One wrong try per connection, each on a new connection, as a
    // stranger guessing would: the first waits 1 s, the next 2 s, then 4 s.
    let mut took = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let out = server
            .batch("ssh", dir.path(), wrong)
            // One method, so one try per connection.
            .args(["-o", "PreferredAuthentications=password"])
            .args(["-tt", "-p", &server.port.to_string(), "thi@127.0.0.1"])
            .output()
            .expect("ssh");
        took.push(t.elapsed());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("Permission denied"),
            "{out:?}"
        );
    }
    assert!(took[0] >= Duration::from_secs(1), "{took:?}");
    assert!(took[1] >= Duration::from_secs(2), "{took:?}");
    assert!(took[2] >= Duration::from_secs(4), "{took:?}");
    assert_eq!(server.count_lines("sai mật khẩu"), 3);
}

#[test]
fn connections_beyond_what_the_room_takes_are_told_it_is_full() {
    let test = "connections_beyond_what_the_room_takes_are_told_it_is_full";
    if missing(test, "ssh") || Tmux::missing(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(dir.path(), &banks(dir.path()), &["--max-sessions", "1"]);
    // Fill every place the room keeps for connections (seated, typing the
    // password) with connections that never log in.
    let (room, _) = union_quiz::serve::connection_caps(1);
    let held: Vec<std::net::TcpStream> = (0..room)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    // Each has been accepted (the server sent its version line).
    for mut s in &held {
        use std::io::Read;
        let mut first = [0u8; 4];
        s.read_exact(&mut first).expect("the server's version line");
        assert_eq!(&first, b"SSH-");
    }
    let late = Tmux::new("late");
    late.start_sized(
        &format!("LANG=C.UTF-8 {}; sleep 60", server.ssh_line()),
        100,
        30,
    );
    // No password asked: the polite message, and the connection closes.
    late.wait_for("phòng thi đã đủ 1 người");
    server.wait_line("từ chối, phòng đã đủ người");
    assert!(
        !late.pane().contains("Mật khẩu phòng thi"),
        "{}",
        late.pane()
    );
    drop(held);
}
