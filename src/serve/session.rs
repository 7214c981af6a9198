//! One member's session on the server: a task that drives the quiz app on
//! a [`ChannelBackend`] with the events decoded from the channel.
//!
//! Sessions are tasks on the server's runtime, beside their connections,
//! not threads: a countdown tick then costs no thread wake-up and no
//! hand-off between threads on its way from the app to the socket (a
//! seated room's CPU, measured with `examples/room_load.rs`). The app's
//! work per key or tick is short (saving is a journal write, its fsyncs on
//! the syncer thread). A panic stays inside its session: the task ends, the
//! attempt is saved, and the server goes on.

use std::cell::Cell;
use std::future::Future;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::sync::mpsc::Receiver;

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::{Rect, Size};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use ratatui::{Frame, Terminal};

use super::backend::{ChannelBackend, Outbox};
use super::input::{ESC_WAIT, InputParser};
use super::seats::{Seats, Stage, Status};
use crate::i18n::Lang;
use crate::i18n::serve as tr;

/// What reaches a session.
#[derive(Debug)]
pub enum Input {
    /// Bytes the member typed (keys, pastes, clicks), as they came.
    Bytes(Vec<u8>),
    /// The client's window changed size (columns, rows).
    Resize(u16, u16),
    /// The client closed the channel.
    Hangup,
    /// The trainer quits the room.
    RoomClosing,
}

/// A message drawn over the app by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// No key for a long time: the session closes soon.
    IdleWarning,
    /// The trainer closes the room; the answers are saved.
    RoomClosing,
    /// The session ends after an idle time.
    IdleClosed,
}

/// The quiz app as a session drives it: it owns the terminal it draws on.
/// The real app (`ui::runner::Runner`) implements it in `app.rs`; tests use
/// small stand-ins.
pub trait Member: Send {
    /// A key, click or paste at `now`, then a redraw; `true` once the
    /// session ended (Enter after the result, or quit), the attempt saved.
    fn feed(&mut self, event: Event, now: Instant) -> io::Result<bool>;
    /// The client's window has this size now: redraw at it.
    fn resize(&mut self, size: Size, now: Instant) -> io::Result<()>;
    /// The time asked for by [`Member::next_wake`] has come (the countdown,
    /// the periodic save): redraw.
    fn wake(&mut self, now: Instant) -> io::Result<()>;
    /// When to call [`Member::wake`] with no input; `None` when only input
    /// changes the screen.
    fn next_wake(&self, now: Instant) -> Option<Instant>;
    /// What the trainer's console shows, and whether a row was written
    /// since the last call.
    fn status(&mut self, now: Instant) -> (Status, bool);
    /// Whether a timed quiz is running: such a member is never closed for
    /// being idle (the deadline ends the attempt).
    fn in_timed_quiz(&self, now: Instant) -> bool;
    /// The session ends without the member finishing: save the attempt with
    /// its time used and let go of it, so the member can resume it.
    fn hang_up(&mut self, now: Instant);
    /// The terminal the app draws on, for the server's own messages.
    fn terminal(&mut self) -> &mut Terminal<ChannelBackend>;
}

/// Makes a session's app on its backend (which has the client's size).
pub type MakeMember = dyn Fn(ChannelBackend, Instant) -> io::Result<Box<dyn Member>> + Send + Sync;

/// When an idle session is warned and closed.
#[derive(Debug, Clone, Copy)]
pub struct IdleLimits {
    /// No input for this long: a warning.
    pub warn: Duration,
    /// No input for this long: the session closes.
    pub close: Duration,
}

impl Default for IdleLimits {
    fn default() -> IdleLimits {
        IdleLimits {
            warn: Duration::from_secs(30 * 60),
            close: Duration::from_secs(32 * 60),
        }
    }
}

/// What an idle session should do at `now`, the last input having come at
/// `last_input`; `busy` when a timed quiz runs.
pub fn idle_state(limits: IdleLimits, last_input: Instant, now: Instant, busy: bool) -> IdleStep {
    let idle = now.saturating_duration_since(last_input);
    if busy {
        IdleStep::Wait(None)
    } else if idle >= limits.close {
        IdleStep::Close
    } else if idle >= limits.warn {
        IdleStep::Warn(limits.close - idle)
    } else {
        IdleStep::Wait(Some(limits.warn - idle))
    }
}

/// See [`idle_state`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleStep {
    /// Nothing to do; look again after this long (never while busy).
    Wait(Option<Duration>),
    /// Show the warning; close after this long.
    Warn(Duration),
    /// Close the session.
    Close,
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The member finished (Enter after the result) or quit.
    Done,
    /// The connection went away.
    Hangup,
    /// The trainer closed the room.
    RoomClosing,
    /// Closed after the idle time.
    Idle,
    /// The app panicked; the attempt was saved if it could be.
    Panicked,
}

/// Everything one session needs.
pub struct SessionParts {
    /// The session's id in the room.
    pub id: u64,
    /// The room, to show the session on the console.
    pub seats: Arc<Seats>,
    /// Where the frames go.
    pub outbox: Arc<Outbox>,
    /// Bytes and resizes from the connection.
    pub input: Receiver<Input>,
    /// The size of the pty request.
    pub size: Size,
    /// The TERM of the pty request (what the client's terminal can show).
    pub term: String,
    /// When to warn and close an idle session.
    pub idle: IdleLimits,
}

thread_local! {
    /// The session whose task this thread is running now.
    static RUNNING: Cell<Option<u64>> = const { Cell::new(None) };
}

/// The session this thread is running now, if any: a panic hook's way to
/// tell a session's panic (logged) from the server's own.
pub fn running() -> Option<u64> {
    RUNNING.with(Cell::get)
}

/// Session `id`'s future, whose panics are caught: `Err` when polling it
/// panicked.
struct CatchUnwind<F> {
    id: u64,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let id = self.id;
        let inner = self.inner.as_mut();
        let before = RUNNING.with(|r| r.replace(Some(id)));
        let polled = catch_unwind(AssertUnwindSafe(|| inner.poll(cx)));
        RUNNING.with(|r| r.set(before));
        match polled {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}

/// Runs one session to its end. The member is made here by `make` so that
/// a panic while making it is caught too.
pub async fn run(parts: SessionParts, make: &MakeMember) -> Ending {
    let SessionParts {
        id,
        seats,
        outbox,
        mut input,
        size,
        term,
        idle,
    } = parts;
    let mut member: Option<Box<dyn Member>> = None;
    let outcome = CatchUnwind {
        id,
        inner: Box::pin(async {
            let mut backend = ChannelBackend::for_term(size, &term, Arc::clone(&outbox));
            enter_modes(&mut backend)?;
            let m = member.insert(off_runtime(|| make(backend, Instant::now()))?);
            drive(m.as_mut(), id, &seats, &mut input, idle).await
        }),
    }
    .await;
    let now = Instant::now();
    let ending = match outcome {
        Ok(Ok(ending)) => ending,
        // The channel's output failed: the member cannot see anything more.
        Ok(Err(_)) => {
            if let Some(m) = member.as_mut() {
                off_runtime(|| m.hang_up(now));
            }
            Ending::Hangup
        }
        Err(_) => {
            // The app's state may be half-changed; saving is tried, and a
            // second panic is caught too.
            if let Some(m) = member.as_mut() {
                let before = RUNNING.with(|r| r.replace(Some(id)));
                let _ = catch_unwind(AssertUnwindSafe(|| off_runtime(|| m.hang_up(now))));
                RUNNING.with(|r| r.set(before));
            }
            seats.log(tr::session_panicked(seats.lang(), id));
            Ending::Panicked
        }
    };
    // What the console last showed of the member (the app has let go of
    // the attempt by now).
    let last = seats.status_of(id);
    let (name, last_stage) = last.map_or((String::new(), Stage::Start), |s| (s.member, s.stage));
    if ending == Ending::Hangup && !name.is_empty() {
        seats.log(tr::dropped(seats.lang(), id, &name));
    }
    // A member who finished is shown as done; one whose attempt waits, as
    // disconnected.
    let stage = match ending {
        Ending::Done => Stage::Ended,
        _ if matches!(last_stage, Stage::Submitted | Stage::Ended) => Stage::Ended,
        _ => Stage::Disconnected,
    };
    seats.leave(id, stage);
    outbox.close();
    ending
}

/// The terminal modes a session turns on at its start: the alternate
/// screen, UTF-8 (for terminals that honour `ESC % G`), mouse clicks and
/// bracketed paste.
fn enter_modes(backend: &mut ChannelBackend) -> std::io::Result<()> {
    backend.write_raw(b"\x1b%G");
    queue!(
        backend,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    ratatui::backend::Backend::hide_cursor(backend)
}

/// And off again, so the member's terminal is as it was (its colours and
/// attributes too: frames leave them as their last cell needs).
fn leave_modes(backend: &mut ChannelBackend) -> std::io::Result<()> {
    backend.reset()?;
    queue!(
        backend,
        DisableBracketedPaste,
        DisableMouseCapture,
        cursor::Show,
        LeaveAlternateScreen
    )
}

/// The timer's wake-ups of every session fall on this grid: a room's
/// countdowns, each started at its own moment, then share the runtime's
/// wake-ups (at most 16 a second for the whole room, rather than one per
/// member) and a digit is shown at most this much later. 64 ms is also a
/// slot of the second level of tokio's timer wheel (64 slots of 1 ms, then
/// of 64 ms): a deadline a second away that falls on a slot's start fires
/// when the slot expires, rather than one wake-up later after being moved
/// to the first level.
const TICK_GRID: Duration = Duration::from_millis(64);

/// Where the grid starts.
static GRID_EPOCH: OnceLock<Instant> = OnceLock::new();

/// Starts the grid now; called just before the runtime (and its clock,
/// whose milliseconds the grid then matches) is made.
pub fn start_grid() {
    GRID_EPOCH.get_or_init(Instant::now);
}

/// `at`, rounded up to the [`TICK_GRID`].
fn on_grid(at: Instant) -> Instant {
    grid_after(*GRID_EPOCH.get_or_init(Instant::now), at)
}

/// `at`, rounded up to the [`TICK_GRID`] counted from `epoch` (`at` itself
/// when before it).
fn grid_after(epoch: Instant, at: Instant) -> Instant {
    let since = at.saturating_duration_since(epoch).as_nanos();
    let grid = TICK_GRID.as_nanos();
    let up = since.div_ceil(grid) * grid - since;
    at + Duration::from_nanos(u64::try_from(up).unwrap_or(0))
}

/// Runs `f`, which may wait for the disk (a key that starts or submits an
/// attempt saves it whole, with fsyncs; a hang-up saves it), so that the
/// runtime's other tasks go on meanwhile: on a multi-thread runtime the
/// worker's tasks move to another thread for the time. A countdown tick
/// comes here only near the deadline: the others only append to the
/// journal, whose fsyncs are the syncer's.
fn off_runtime<T>(f: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
    }
}

/// What waiting for input gave.
enum Received {
    Input(Input),
    /// The deadline came first.
    Timeout,
    /// The connection's side of the queue is gone.
    Disconnected,
}

async fn drive(
    member: &mut dyn Member,
    id: u64,
    seats: &Seats,
    input: &mut Receiver<Input>,
    idle: IdleLimits,
) -> io::Result<Ending> {
    let lang = seats.lang();
    let mut parser = InputParser::new();
    // When the bytes of an unfinished sequence came.
    let mut pending_since: Option<Instant> = None;
    let mut last_input = Instant::now();
    let mut notice: Option<Notice> = None;
    // The message a member reads after the session, left on the terminal's
    // main screen (the alternate screen goes with the session).
    let mut farewell: Option<String> = None;
    let ending = loop {
        let now = Instant::now();
        let (status, row) = member.status(now);
        seats.update(id, &status, row);
        // The tick at the deadline submits the attempt (its row, with an
        // fsync): that one runs off the runtime, as keys do.
        let time_up_near = status.left.is_some_and(|l| l < Duration::from_secs(2));
        if seats.is_closing() {
            off_runtime(|| member.hang_up(now));
            show_notice(member, lang, Notice::RoomClosing)?;
            farewell = Some(tr::room_closing(lang));
            break Ending::RoomClosing;
        }
        let idle_step = idle_state(idle, last_input, now, member.in_timed_quiz(now));
        match idle_step {
            IdleStep::Close => {
                off_runtime(|| member.hang_up(now));
                show_notice(member, lang, Notice::IdleClosed)?;
                farewell = Some(tr::idle_closed(lang));
                break Ending::Idle;
            }
            IdleStep::Warn(_) if notice.is_none() => {
                notice = Some(Notice::IdleWarning);
                show_notice(member, lang, Notice::IdleWarning)?;
            }
            _ => {}
        }
        let wake_at = member.next_wake(now).map(on_grid);
        let deadline = [
            wake_at,
            match idle_step {
                IdleStep::Wait(w) => w.map(|w| now + w),
                IdleStep::Warn(w) => Some(now + w),
                IdleStep::Close => Some(now),
            },
            pending_since.map(|t| t + ESC_WAIT),
        ]
        .into_iter()
        .flatten()
        .min();
        let received = match deadline {
            Some(at) => {
                match tokio::time::timeout_at(tokio::time::Instant::from_std(at), input.recv())
                    .await
                {
                    Ok(Some(m)) => Received::Input(m),
                    Ok(None) => Received::Disconnected,
                    Err(_) => Received::Timeout,
                }
            }
            None => input
                .recv()
                .await
                .map_or(Received::Disconnected, Received::Input),
        };
        let now = Instant::now();
        match received {
            Received::Input(Input::Bytes(bytes)) => {
                last_input = now;
                notice = None;
                let mut ended = false;
                let events = parser.feed(&bytes);
                off_runtime(|| {
                    for event in events {
                        if member.feed(event, now)? {
                            ended = true;
                            break;
                        }
                    }
                    io::Result::Ok(())
                })?;
                pending_since = parser.is_pending().then_some(now);
                if ended {
                    break Ending::Done;
                }
            }
            Received::Input(Input::Resize(w, h)) => {
                off_runtime(|| member.resize(Size::new(w, h), now))?;
            }
            Received::Input(Input::Hangup) | Received::Disconnected => {
                off_runtime(|| member.hang_up(now));
                return Ok(Ending::Hangup);
            }
            Received::Input(Input::RoomClosing) => {}
            Received::Timeout => {
                // Nothing came after a lone ESC in time: it was the Esc key.
                if pending_since.is_some_and(|t| now.duration_since(t) >= ESC_WAIT) {
                    pending_since = None;
                    if let Some(event) = parser.flush()
                        && off_runtime(|| member.feed(event, now))?
                    {
                        break Ending::Done;
                    }
                }
            }
        }
        // The countdown's second (or the periodic save) is due, whatever
        // woke the loop.
        if wake_at.is_some_and(|at| at <= now) {
            if time_up_near {
                off_runtime(|| member.wake(now))?;
            } else {
                member.wake(now)?;
            }
        }
    };
    let backend = member.terminal().backend_mut();
    leave_modes(backend)?;
    if let Some(text) = farewell {
        backend.write_raw(format!("\r\n{text}\r\n").as_bytes());
    }
    ratatui::backend::Backend::flush(backend)?;
    Ok(ending)
}

/// Draws a server message over the screen as the member last saw it.
fn show_notice(member: &mut dyn Member, lang: Lang, notice: Notice) -> io::Result<()> {
    let terminal = member.terminal();
    let last = terminal.backend().screen().clone();
    terminal.draw(|f| {
        f.buffer_mut().merge(&last);
        draw_notice(f, lang, notice);
    })?;
    Ok(())
}

/// A framed message in the middle of the screen, over the app. It says in
/// words what happens, so it reads the same without colour.
fn draw_notice(frame: &mut Frame<'_>, lang: Lang, notice: Notice) {
    let text = match notice {
        Notice::IdleWarning => tr::idle_warning(lang),
        Notice::IdleClosed => tr::idle_closed(lang),
        Notice::RoomClosing => tr::room_closing(lang),
    };
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(60);
    let inner = width.saturating_sub(2).max(1);
    // Word wrapping may need a line more than the plain division.
    let lines = crate::text::width(&text) / usize::from(inner) + 2;
    let height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let popup = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height: height.min(area.height),
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().border_type(BorderType::Double)),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: Instant, secs: u64) -> Instant {
        base + Duration::from_secs(secs)
    }

    #[test]
    fn idle_members_are_warned_at_30_minutes_and_closed_at_32() {
        let limits = IdleLimits::default();
        let t0 = Instant::now();
        assert_eq!(
            idle_state(limits, t0, at(t0, 60), false),
            IdleStep::Wait(Some(Duration::from_secs(29 * 60)))
        );
        assert_eq!(
            idle_state(limits, t0, at(t0, 30 * 60), false),
            IdleStep::Warn(Duration::from_secs(120))
        );
        assert_eq!(
            idle_state(limits, t0, at(t0, 32 * 60), false),
            IdleStep::Close
        );
    }

    #[test]
    fn timer_wake_ups_fall_on_a_shared_grid_never_early() {
        let first = Instant::now();
        let t0 = first + Duration::from_micros(1234);
        let grid = TICK_GRID.as_nanos();
        for ms in [0, 1, 7, 49, 50, 51, 999, 1003] {
            let at = t0 + Duration::from_millis(ms);
            let g = grid_after(first, at);
            assert!(g >= at && g - at < TICK_GRID, "{ms} ms");
            assert_eq!(g.duration_since(first).as_nanos() % grid, 0, "{ms} ms");
        }
    }

    #[test]
    fn a_running_timed_quiz_is_never_closed_for_idleness() {
        let t0 = Instant::now();
        assert_eq!(
            idle_state(IdleLimits::default(), t0, at(t0, 5 * 3600), true),
            IdleStep::Wait(None)
        );
    }
}
