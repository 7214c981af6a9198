//! The local terminal: the only place that takes it over (raw mode, the
//! alternate screen, mouse and paste modes) and gives it back, reads its
//! events, and turns signals into inputs of the event loop.

use std::io;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::{Attribute, SetAttribute};

use super::app::App;
use super::runner::{self, Ended, HangUp, Input, Inputs, Runner, SystemClock};
use super::signals;
use super::tty::Tty;

/// Inputs that arrive on a channel: the terminal's reader thread and the
/// signal thread both send to it.
struct Channel(mpsc::Receiver<Input>);

impl Inputs for Channel {
    fn next(&mut self, timeout: Duration) -> Option<Input> {
        match self.0.recv_timeout(timeout) {
            Ok(input) => Some(input),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Some(Input::Failed(io::Error::other("terminal events stopped")))
            }
        }
    }
}

/// Why the terminal could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TerminalError(#[from] pub io::Error);

/// Runs `f` with the process's own terminal in raw mode on the alternate
/// screen, for a trainer's screen (`board`, `preview`), and gives the
/// terminal back however `f` ends (a panic too: ratatui's hook).
pub fn with_plain_terminal(
    f: impl FnOnce(&mut ratatui::DefaultTerminal) -> io::Result<()>,
) -> io::Result<()> {
    let mut terminal = take_terminal()?;
    let result = f(&mut terminal);
    ratatui::restore();
    result
}

/// Runs `app` on the process's own terminal until it ends. Whatever ends
/// it (quit, a signal, a terminal gone with its SSH connection), the
/// attempt in progress is saved with its time used, and the terminal is
/// given back as it was. The loop reads its inputs from `rx`; the
/// terminal's events and signals are sent on `tx`, and so may the caller's
/// own (the banks read, [`Input::BanksLoaded`]).
pub fn run(
    app: App,
    tx: mpsc::Sender<Input>,
    rx: mpsc::Receiver<Input>,
) -> Result<Ended, TerminalError> {
    // Before the terminal is taken: a failure here is said on stderr.
    let to_loop = tx.clone();
    signals::install(move |sig| {
        let _ = to_loop.send(Input::HangUp(HangUp::Signal(sig)));
    })?;
    // Raw mode, the alternate screen, and a panic hook that gives them
    // back; the runner draws on a backend of its own on the same stdout.
    take_terminal()?;
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .and_then(|()| {
            install_panic_hook();
            spawn_reader(tx)
        })
        .and_then(|()| {
            let backend = Tty::new(io::stdout());
            let mut runner = Runner::new(app, backend, Instant::now())?;
            let ended =
                runner::run_loop(&mut runner, &mut Channel(rx), &SystemClock).inspect_err(|_| {
                    // The screen cannot be drawn any more: the attempt is
                    // saved all the same.
                    runner.hang_up(HangUp::Closed, Instant::now());
                });
            // The backend leaves the last cell's colours set.
            let _ = runner.terminal_mut().backend_mut().reset();
            ended
        });
    restore();
    Ok(result?)
}

/// Raw mode, the alternate screen, and ratatui's panic hook that gives
/// them back. Raw mode is asked for alone first: when it is refused (no
/// terminal to read keys from, as with `board < /dev/null`), nothing has
/// been written, and nothing is written to undo it; a stray "leave the
/// alternate screen" would land in the output.
fn take_terminal() -> io::Result<ratatui::DefaultTerminal> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::try_init().inspect_err(|_| ratatui::restore())
}

/// Leaves the terminal as it was: mouse and paste modes off, then raw mode
/// and the alternate screen.
fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// `ratatui::init` restores raw mode and the screen on a panic; this also
/// turns mouse capture and bracketed paste off, which it does not know of.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            io::stdout(),
            SetAttribute(Attribute::Reset),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        previous(info);
    }));
}

/// Reads terminal events on a thread of its own and sends them to the
/// loop. The loop then waits on one channel for keys and signals alike; and
/// when the terminal hangs up, crossterm's read may spin on end-of-file
/// without returning, which would otherwise keep the loop from ever seeing
/// the SIGHUP that comes with it.
fn spawn_reader(tx: mpsc::Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("terminal-events".to_owned())
        .spawn(move || {
            loop {
                let input = match event::read() {
                    Ok(ev) => Input::Event(ev),
                    Err(e) => Input::Failed(e),
                };
                let failed = matches!(input, Input::Failed(_));
                if tx.send(input).is_err() || failed {
                    return;
                }
            }
        })
        .map(drop)
}
