//! The trainer's console: the terminal that runs `serve`. It shows how to
//! join, the room password, the sessions, the rows written and the live
//! leaderboard (the `board`'s own drawing), and closes the room on a
//! confirmed `q`.
//!
//! Without a terminal (output to a file or a pipe) it prints the same
//! header and then the log, one line per event, and closes the room on
//! SIGINT or SIGTERM.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Row, Table, Wrap};
use ratatui::{DefaultTerminal, Frame};

use super::auth::Access;
use super::seats::{Seats, Stage};
use crate::i18n::Lang;
use crate::i18n::serve as tr;
use crate::report::board::{self, Board};
use crate::text::{truncate_chars, width};

/// How often the console redraws and looks at the results file.
const REFRESH: Duration = Duration::from_millis(500);

/// How long the console waits, once the room closes, for the sessions to
/// save and say goodbye.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

/// How long the writers get to send the members' last screens once every
/// session has ended.
const GOODBYE: Duration = Duration::from_millis(500);

/// What the console shows at the top.
#[derive(Debug, Clone)]
pub struct Header {
    /// The lines members type, one per LAN address.
    pub join_lines: Vec<String>,
    /// The room password, or open.
    pub access: Access,
    /// The host key's fingerprint.
    pub fingerprint: String,
    /// Sessions allowed at once.
    pub max_sessions: usize,
}

/// The line a member types to join on `ip`:`port`. The user name is free;
/// `thi` ("exam") is short and reads well on a projector.
pub fn join_line(ip: IpAddr, port: u16) -> String {
    let host = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    if port == 22 {
        format!("ssh thi@{host}")
    } else {
        format!("ssh -p {port} thi@{host}")
    }
}

/// The lines to show for a server listening on `listen`: one per LAN
/// address (IPv4, not loopback) when it listens on all of them, else the
/// one address.
pub fn join_lines(listen: SocketAddr) -> Vec<String> {
    let port = listen.port();
    if !listen.ip().is_unspecified() {
        return vec![join_line(listen.ip(), port)];
    }
    let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .map(|i| i.ip())
        .filter(IpAddr::is_ipv4)
        .collect();
    ips.sort();
    ips.dedup();
    ips.into_iter().map(|ip| join_line(ip, port)).collect()
}

/// The header as plain lines (the top of the console, and the first lines
/// printed without a terminal).
pub fn header_lines(lang: Lang, header: &Header) -> Vec<String> {
    let mut lines = vec![tr::console_title(lang).to_owned(), String::new()];
    lines.push(tr::join_lines_label(lang).to_owned());
    if header.join_lines.is_empty() {
        lines.push(format!("    {}", tr::no_lan_address(lang)));
    }
    for l in &header.join_lines {
        lines.push(format!("    {l}"));
    }
    match &header.access {
        Access::Password(p) => lines.push(tr::password_line(lang, p)),
        Access::Open => lines.push(tr::open_warning(lang).to_owned()),
    }
    lines.push(tr::fingerprint_line(lang, &header.fingerprint));
    lines
}

/// Runs the console until the trainer closes the room; `closing` is set
/// by a signal. Returns once every session ended or `CLOSE_WAIT` passed.
pub fn run(
    seats: &Arc<Seats>,
    header: &Header,
    results: &Path,
    closing: &Arc<AtomicBool>,
) -> io::Result<()> {
    let lang = seats.lang();
    if io::IsTerminal::is_terminal(&io::stdout()) {
        let mut terminal = ratatui::try_init()?;
        // After ratatui's own hook, so that a session's panic does not give
        // the trainer's terminal back: only the console's own does.
        quiet_session_panics(seats);
        let result = tui(&mut terminal, seats, header, results, closing);
        ratatui::restore();
        result?;
    } else {
        quiet_session_panics(seats);
        plain(seats, header, closing)?;
    }
    let rows = seats.lock().rows_written;
    // Not println!: the terminal may be gone, and that is no reason to
    // panic on the way out.
    let _ = writeln!(io::stdout(), "{}", tr::closed_summary(lang, rows, results));
    Ok(())
}

/// A panic in a session is that session's: its place is the log,
/// not the trainer's screen (which the default hook would write over, and
/// ratatui's would give back to the shell). Any other panic goes to the
/// hooks as before.
fn quiet_session_panics(seats: &Arc<Seats>) {
    let previous = std::panic::take_hook();
    let seats = Arc::downgrade(seats);
    std::panic::set_hook(Box::new(move |info| {
        let Some(id) = super::session::running() else {
            previous(info);
            return;
        };
        let name = format!("session-{id}");
        if let Some(seats) = seats.upgrade() {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            seats.log(tr::panic_place(seats.lang(), &name, &place));
        }
    }));
}

/// Waits for the sessions to end after the room closed.
/// `each` shows the console meanwhile (as well as it still can).
fn wait_for_sessions(seats: &Seats, mut each: impl FnMut()) {
    seats.close();
    let until = Instant::now() + CLOSE_WAIT;
    while seats.lock().active() > 0 && Instant::now() < until {
        each();
        std::thread::sleep(Duration::from_millis(100));
    }
    // The sessions have handed their last screen to the channels' writers;
    // a moment for those to reach the members before the server stops.
    std::thread::sleep(GOODBYE);
    each();
}

fn plain(seats: &Seats, header: &Header, closing: &AtomicBool) -> io::Result<()> {
    let lang = seats.lang();
    let mut out = io::stdout().lock();
    for line in header_lines(lang, header) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    let mut printed = 0usize;
    let mut print_log = |out: &mut io::StdoutLock<'_>| -> io::Result<()> {
        let s = seats.lock();
        // The log keeps its last lines only: lines that left it were
        // printed before (or are lost to a flood, which is fine).
        let gone = s.log_total - s.log.len();
        for line in s.log.iter().skip(printed.saturating_sub(gone)) {
            writeln!(out, "{line}")?;
        }
        printed = s.log_total;
        out.flush()
    };
    // The log is for the trainer's eyes: an output that went away stops
    // it, not the room, which runs until a signal closes it.
    while !closing.load(Ordering::SeqCst) {
        let _ = print_log(&mut out);
        std::thread::sleep(Duration::from_millis(100));
    }
    wait_for_sessions(seats, || {
        let _ = print_log(&mut out);
    });
    Ok(())
}

/// What the console's screen is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Watching,
    ConfirmQuit,
}

fn tui(
    terminal: &mut DefaultTerminal,
    seats: &Seats,
    header: &Header,
    results: &Path,
    closing: &AtomicBool,
) -> io::Result<()> {
    let lang = seats.lang();
    let mut board = Board::new(results, lang);
    let mut mode = Mode::Watching;
    // Keys are read on a thread of their own: when the terminal goes away
    // (its window closed), crossterm's read may spin on end-of-file and
    // never return, and the loop must still see the SIGHUP that comes with
    // it and close the room.
    let (tx, keys) = mpsc::channel();
    std::thread::Builder::new()
        .name("console-keys".to_owned())
        .spawn(move || {
            while let Ok(event) = event::read() {
                if tx.send(event).is_err() {
                    return;
                }
            }
        })?;
    loop {
        board.refresh();
        // A terminal that cannot be drawn on is gone (its window closed):
        // the room closes as if the trainer had quit.
        if terminal
            .draw(|f| draw(f, seats, header, results, &board, mode))
            .is_err()
            || closing.load(Ordering::SeqCst)
        {
            break;
        }
        let key = match keys.recv_timeout(REFRESH) {
            Ok(Event::Key(key)) => key,
            Ok(_) | Err(RecvTimeoutError::Timeout) => continue,
            // The terminal cannot be read any more: close the room.
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match mode {
            Mode::ConfirmQuit if matches!(key.code, KeyCode::Char('y' | 'Y')) => break,
            Mode::ConfirmQuit => mode = Mode::Watching,
            Mode::Watching if ctrl_c || matches!(key.code, KeyCode::Char('q' | 'Q')) => {
                mode = Mode::ConfirmQuit;
            }
            Mode::Watching => {
                board.step(board::control(key));
            }
        }
    }
    wait_for_sessions(seats, || {
        // Drawn while it can be; the sessions are waited for either way.
        let _ = terminal.draw(|f| draw(f, seats, header, results, &board, Mode::Watching));
    });
    Ok(())
}

fn draw(
    f: &mut Frame<'_>,
    seats: &Seats,
    header: &Header,
    results: &Path,
    board: &Board,
    mode: Mode,
) {
    let lang = seats.lang();
    let head = header_lines(lang, header);
    let head_height = u16::try_from(head.len() + 1).unwrap_or(u16::MAX);
    let [top, middle, bottom, footer] = Layout::vertical([
        Constraint::Length(head_height),
        Constraint::Min(6),
        Constraint::Percentage(50),
        Constraint::Length(1),
    ])
    .areas(f.area());
    let state = seats.lock();
    let mut lines: Vec<Line> = head.into_iter().map(Line::from).collect();
    if let Some(first) = lines.first_mut() {
        first.style = Style::new().add_modifier(Modifier::BOLD);
    }
    lines.push(Line::from(tr::counts_line(
        lang,
        state.active(),
        header.max_sessions,
        state.rows_written,
        results,
    )));
    f.render_widget(Paragraph::new(lines), top);

    let [sessions, log] =
        Layout::horizontal([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(middle);
    let cols = tr::session_columns(lang);
    let rows = state.seats.values().rev().map(|seat| {
        let s = &seat.status;
        let question = s
            .question
            .map(|(n, m)| format!("{n}/{m}"))
            .unwrap_or_default();
        let left = s.left.map(clock).unwrap_or_default();
        Row::new(vec![
            fit(&s.member, 24),
            fit(&s.unit, 24),
            fit(&s.bank, 20),
            question,
            left,
            tr::stage(lang, s.stage).to_owned(),
        ])
        .style(if s.stage == Stage::Disconnected {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        })
    });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(3),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(15),
        ],
    )
    .header(Row::new(cols.to_vec()).style(Style::new().add_modifier(Modifier::BOLD)))
    .block(Block::bordered());
    f.render_widget(table, sessions);
    let height = usize::from(log.height.saturating_sub(2));
    let log_lines: Vec<Line> = state
        .log
        .iter()
        .skip(state.log.len().saturating_sub(height))
        .map(|l| Line::from(l.clone()))
        .collect();
    drop(state);
    f.render_widget(
        Paragraph::new(log_lines).block(Block::bordered().title(tr::log_title(lang))),
        log,
    );
    f.render_widget(&board.model, bottom);
    f.render_widget(
        Paragraph::new(tr::console_footer(lang)).style(Style::new().add_modifier(Modifier::DIM)),
        footer,
    );
    if mode == Mode::ConfirmQuit {
        let active = seats.lock().active();
        let area = f.area();
        let w = area.width.saturating_sub(4).min(64);
        let popup = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + area.height.saturating_sub(7) / 2,
            width: w,
            height: 7.min(area.height),
        };
        f.render_widget(Clear, popup);
        f.render_widget(
            Paragraph::new(tr::quit_confirm(lang, active))
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_type(BorderType::Double)),
            popup,
        );
    }
}

/// `m:ss` or `h:mm:ss`.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// At most `max` cells of `s`, with an ellipsis when cut.
fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = truncate_chars(s, max.saturating_sub(1)).to_owned();
    while width(&out) > max.saturating_sub(1) {
        out.pop();
    }
    // No space before the ellipsis.
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn the_join_line_is_what_a_member_types() {
        let ip = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 10));
        assert_eq!(join_line(ip, 2222), "ssh -p 2222 thi@192.168.1.10");
        assert_eq!(join_line(ip, 22), "ssh thi@192.168.1.10");
        assert_eq!(
            join_line(IpAddr::V6(Ipv6Addr::LOCALHOST), 2222),
            "ssh -p 2222 thi@[::1]"
        );
    }

    #[test]
    fn a_server_on_one_address_shows_that_address_only() {
        let listen = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 5)), 2300);
        assert_eq!(join_lines(listen), vec!["ssh -p 2300 thi@10.0.0.5"]);
    }

    #[test]
    fn clock_and_fit() {
        assert_eq!(clock(Duration::from_secs(59)), "0:59");
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
        assert_eq!(fit("Nguyễn Văn Ấn", 20), "Nguyễn Văn Ấn");
        assert_eq!(fit("Nguyễn Văn Ấn", 8), "Nguyễn…");
        assert_eq!(fit("Nguyễn Văn Ấn", 9), "Nguyễn V…");
        assert!(fit("Kho bạc Nhà nước tỉnh", 12).ends_with('…'));
    }
}
