//! A member's app on any ratatui terminal, driven by a stream of inputs.
//!
//! The same [`Runner`] runs the app on the local terminal (`terminal.rs`),
//! on a `TestBackend` in tests, and on a network channel: a front-end turns
//! what it receives into [`Input`]s, feeds them with the time, and the
//! runner changes the app and redraws. Nothing here reads a clock or a
//! device: the time is passed in, so tests use a fake clock.
//!
//! Two ways to drive it:
//! - push: [`Runner::feed`] each input as it arrives, [`Runner::wake`] when
//!   [`Runner::next_wake`] is due (the countdown, the periodic save), and
//!   [`Runner::hang_up`] when the connection or the server ends (a network
//!   front-end on its own task or thread);
//! - pull: [`run_loop`] blocks on an [`Inputs`] source with a timeout until
//!   the next wake-up, and returns why it ended (the local terminal).

use std::io;
use std::time::{Duration, Instant};

use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::app::{App, Command};
use super::{input, view};
use crate::session::Left;

/// A little past the second, so the loop wakes after the countdown has
/// changed rather than just before it.
const WAKE_SLACK: Duration = Duration::from_millis(5);

/// How long a blocking loop sleeps when nothing on screen depends on the
/// time (it wakes earlier on any input).
pub const IDLE_WAIT: Duration = Duration::from_secs(3600);

/// One input to a member's app.
#[derive(Debug)]
pub enum Input {
    /// A key, a paste, a mouse event or a resize, as crossterm reads them
    /// (a network front-end parses its bytes into the same events).
    Event(Event),
    /// The front-end ends the session: the attempt in progress is saved
    /// with its time and let go, so it can be resumed.
    HangUp(HangUp),
    /// The input could not be read any more (the terminal is gone).
    Failed(io::Error),
    /// The room's banks, read on another thread, are ready (see
    /// [`crate::session::Room::pending`]): the screens that waited for
    /// them are drawn again.
    BanksLoaded,
}

/// Why a front-end ends a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HangUp {
    /// A signal (SIGHUP, SIGTERM, or a console's close event) with its
    /// number.
    Signal(i32),
    /// The connection or terminal closed.
    Closed,
    /// The server is shutting down.
    Shutdown,
}

/// Why a session ended.
#[derive(Debug)]
pub enum Ended {
    /// The member (or the trainer, in kiosk mode) quit, leaving an
    /// attempt or not.
    Quit(Option<Left>),
    /// The front-end hung up.
    HangUp(HangUp),
    /// The input failed.
    Failed(io::Error),
}

/// A member's app on a terminal of backend `B`.
pub struct Runner<B: Backend> {
    app: App,
    terminal: Terminal<B>,
    /// The time of the last step, so the screen is drawn as of it.
    now: Instant,
    /// The terminal's size as last told (at the start, then by resize
    /// events).
    area: Rect,
    ended: bool,
}

impl<B: Backend> Runner<B> {
    /// The app on `backend`, sized to it and drawn once as of `now`.
    ///
    /// The terminal is asked its size here only; after that the size comes
    /// with resize events ([`Event::Resize`]), which every front-end sends
    /// (crossterm on SIGWINCH, a network front-end on window-change). A
    /// full-screen ratatui terminal would ask the backend at every frame,
    /// which for the local terminal is an open, an ioctl and a close of
    /// `/dev/tty` per key.
    pub fn new(mut app: App, backend: B, now: Instant) -> Result<Runner<B>, B::Error> {
        let size = backend.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )?;
        app.step(Command::Resize(size.width, size.height), now);
        let mut runner = Runner {
            app,
            terminal,
            now,
            area,
            ended: false,
        };
        runner.draw()?;
        Ok(runner)
    }

    /// The app.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The terminal (tests read its backend's buffer).
    pub fn terminal(&self) -> &Terminal<B> {
        &self.terminal
    }

    /// The terminal, to resize a network front-end's backend.
    pub fn terminal_mut(&mut self) -> &mut Terminal<B> {
        &mut self.terminal
    }

    /// Applies one input at `now` and redraws. `Some` once the session has
    /// ended (the attempt is then saved and let go); later inputs are
    /// ignored.
    pub fn feed(&mut self, input: Input, now: Instant) -> Result<Option<Ended>, B::Error> {
        if self.ended {
            return Ok(None);
        }
        let command = match input {
            Input::Event(Event::Key(key)) => input::command_for(key, &self.app),
            Input::Event(Event::Mouse(mouse)) => input::command_for_mouse(mouse),
            Input::Event(Event::Paste(text)) => Some(Command::Paste(text)),
            Input::Event(Event::Resize(w, h)) => {
                let area = Rect::new(0, 0, w, h);
                if area != self.area {
                    // Cleared and drawn whole at the new size.
                    self.terminal.resize(area)?;
                    self.area = area;
                }
                Some(Command::Resize(w, h))
            }
            Input::Event(_) => None,
            Input::BanksLoaded => Some(Command::BanksLoaded),
            Input::HangUp(why) => return Ok(Some(self.hang_up(why, now))),
            Input::Failed(e) => {
                self.end(now);
                return Ok(Some(Ended::Failed(e)));
            }
        };
        if let Some(command) = command {
            self.app.step_unsaved(command, now);
        }
        self.now = now;
        if self.app.quit {
            return Ok(Some(Ended::Quit(self.end(now))));
        }
        // The key's change is on screen before its save is written (a
        // journal line; its fsync is another thread's).
        self.draw()?;
        if self.app.save(now) {
            self.draw()?;
        }
        Ok(None)
    }

    /// The timer is due (see [`Runner::next_wake`]): the clock is applied
    /// (the deadline, the periodic save) and the countdown redrawn.
    pub fn wake(&mut self, now: Instant) -> Result<Option<Ended>, B::Error> {
        if self.ended {
            return Ok(None);
        }
        self.app.step_unsaved(Command::Tick, now);
        self.now = now;
        self.draw()?;
        if self.app.save(now) {
            self.draw()?;
        }
        Ok(None)
    }

    /// When the runner must be woken with [`Runner::wake`] even if no input
    /// comes: the next visible change of the countdown, or else the
    /// periodic save of the time used. `None` when only input changes the
    /// screen. While the countdown runs, the save waits for its next
    /// wake-up (at most a second late), so an idle member costs one
    /// wake-up a second, not one more for the save.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        if self.ended {
            return None;
        }
        match self.app.next_wake(now) {
            Some(d) => Some(now + d + WAKE_SLACK),
            None => self.app.next_autosave(now).map(|d| now + d),
        }
    }

    /// Ends the session from outside (hang-up, signal, server quitting):
    /// the attempt in progress is saved with the time used up to `now` and
    /// let go, so the member can resume it.
    pub fn hang_up(&mut self, why: HangUp, now: Instant) -> Ended {
        self.end(now);
        Ended::HangUp(why)
    }

    fn end(&mut self, now: Instant) -> Option<Left> {
        if self.ended {
            return None;
        }
        self.ended = true;
        self.app.shutdown(now)
    }

    /// Draws the app as of the last step.
    pub fn draw(&mut self) -> Result<(), B::Error> {
        let (app, now) = (&self.app, self.now);
        self.terminal.draw(|frame| {
            let area = frame.area();
            view::render_app(app, area, frame.buffer_mut(), now);
            if let Some(pos) = view::cursor_position(app, area) {
                frame.set_cursor_position(pos);
            }
        })?;
        Ok(())
    }
}

/// Where a blocking loop waits for its next input.
pub trait Inputs {
    /// The next input, waiting at most `timeout`; `None` when the time ran
    /// out first.
    fn next(&mut self, timeout: Duration) -> Option<Input>;
}

/// The time, for a blocking loop (a fake clock in tests).
pub trait Clock {
    /// Now.
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// Blocks on `inputs` until the next input or the next wake-up, feeds the
/// runner, and returns why the session ended. Never a fixed fast poll: an
/// idle member costs nothing.
pub fn run_loop<B: Backend>(
    runner: &mut Runner<B>,
    inputs: &mut impl Inputs,
    clock: &impl Clock,
) -> Result<Ended, B::Error> {
    loop {
        let now = clock.now();
        let wait = runner
            .next_wake(now)
            .map_or(IDLE_WAIT, |at| at.saturating_duration_since(now));
        let ended = match inputs.next(wait) {
            Some(input) => runner.feed(input, clock.now())?,
            None => runner.wake(clock.now())?,
        };
        if let Some(ended) = ended {
            return Ok(ended);
        }
    }
}
