//! A ratatui [`Backend`] that draws on a member's SSH channel.
//!
//! The escape sequences are the local terminal's ([`Tty`] writing into
//! memory: only the changed cells, with only the style changes they need);
//! this backend adds what a network needs. It answers the size the
//! client's pty request and window-change messages gave, and it hands each
//! frame to an [`Outbox`] that the channel's writer empties as fast as the
//! client reads. A slow or stalled client never makes output pile up: when
//! frames wait unsent beyond [`Outbox`]'s bound, they are dropped and
//! replaced by one full repaint of the current screen, drawn from the copy
//! this backend keeps.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::{Position, Rect, Size};
use tokio::sync::Notify;

use crate::ui::tty::Tty;

/// The least the outbox holds before it replaces waiting frames with a
/// repaint: small diffs (a key, a countdown tick) queue freely below it.
const MIN_BOUND: usize = 16 * 1024;

/// Output waiting for a member's channel: at most about two frames.
///
/// The session pushes frames; the channel's writer task takes
/// whatever waits and sends it, which waits for the client's SSH window.
#[derive(Debug, Default)]
pub struct Outbox {
    state: Mutex<OutboxState>,
    ready: Notify,
}

#[derive(Debug, Default)]
struct OutboxState {
    bytes: Vec<u8>,
    closed: bool,
    /// Frames replaced by a repaint because the client was slow.
    dropped: u64,
    /// Bytes handed to the writer so far.
    sent: u64,
}

/// What [`Outbox::push`] did with a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// Queued after what was waiting.
    Queued,
    /// Too much was waiting: the caller must push a full repaint instead,
    /// with [`Outbox::replace`].
    Full,
    /// The channel is gone; nothing is sent any more.
    Closed,
}

impl Outbox {
    /// An empty, open outbox.
    pub fn new() -> Arc<Outbox> {
        Arc::new(Outbox::default())
    }

    fn lock(&self) -> MutexGuard<'_, OutboxState> {
        // A panicking session must not take its writer with it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues a frame's bytes unless `bound` bytes would then wait.
    pub fn push(&self, frame: &[u8], bound: usize) -> Pushed {
        let mut s = self.lock();
        if s.closed {
            return Pushed::Closed;
        }
        if !s.bytes.is_empty() && s.bytes.len() + frame.len() > bound.max(MIN_BOUND) {
            return Pushed::Full;
        }
        s.bytes.extend_from_slice(frame);
        drop(s);
        self.ready.notify_one();
        Pushed::Queued
    }

    /// Drops every waiting frame and queues `repaint`, which draws the
    /// whole screen.
    pub fn replace(&self, repaint: &[u8]) {
        let mut s = self.lock();
        if s.closed {
            return;
        }
        s.dropped += 1;
        s.bytes.clear();
        s.bytes.extend_from_slice(repaint);
        drop(s);
        self.ready.notify_one();
    }

    /// Bytes waiting to be sent.
    pub fn waiting(&self) -> usize {
        self.lock().bytes.len()
    }

    /// Frames dropped for a slow client so far, and bytes handed to the
    /// writer.
    pub fn counters(&self) -> (u64, u64) {
        let s = self.lock();
        (s.dropped, s.sent)
    }

    /// No more output: the writer sends what waits, then stops.
    pub fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_one();
    }

    /// Waits for output; `None` once closed and empty. For the writer task.
    pub async fn take(&self) -> Option<Vec<u8>> {
        loop {
            let notified = self.ready.notified();
            {
                let mut s = self.lock();
                if !s.bytes.is_empty() {
                    let bytes = std::mem::take(&mut s.bytes);
                    s.sent += bytes.len() as u64;
                    return Some(bytes);
                }
                if s.closed {
                    return None;
                }
            }
            notified.await;
        }
    }

    /// Takes what waits without waiting; for tests and the writer's last
    /// pass.
    pub fn take_now(&self) -> Vec<u8> {
        let mut s = self.lock();
        let bytes = std::mem::take(&mut s.bytes);
        s.sent += bytes.len() as u64;
        bytes
    }
}

/// The backend of one member's screen.
#[derive(Debug)]
pub struct ChannelBackend {
    /// The escape sequences, written into the frame being built (the
    /// Tty's writer).
    inner: Tty<Vec<u8>>,
    /// What the client's screen shows once every frame is sent: the source
    /// of a full repaint.
    screen: Buffer,
    cursor: Position,
    cursor_shown: bool,
    size: Size,
    /// Whether the client's terminal shows colours (from its TERM).
    colour: bool,
    outbox: Arc<Outbox>,
}

impl ChannelBackend {
    /// A backend of `size` (from the pty request) sending to `outbox`.
    pub fn new(size: Size, outbox: Arc<Outbox>) -> ChannelBackend {
        ChannelBackend {
            inner: Tty::with_size(Vec::new(), size.width, size.height),
            screen: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
            cursor: Position::ORIGIN,
            cursor_shown: true,
            size,
            colour: true,
            outbox,
        }
    }

    /// The same, for a terminal whose TERM (from the pty request) is
    /// `term`: see [`term_has_colour`].
    pub fn for_term(size: Size, term: &str, outbox: Arc<Outbox>) -> ChannelBackend {
        ChannelBackend {
            colour: term_has_colour(term),
            ..ChannelBackend::new(size, outbox)
        }
    }

    /// Whether the client's terminal shows colours: the app draws in
    /// monochrome when not (nothing it shows relies on colour alone).
    pub fn colour(&self) -> bool {
        self.colour
    }

    /// Sets the terminal's colours and attributes back to its defaults
    /// (before the session gives the terminal back).
    pub fn reset(&mut self) -> io::Result<()> {
        self.inner.reset()
    }

    /// The client's window changed size; the terminal picks it up on its
    /// next draw and repaints everything.
    pub fn set_size(&mut self, size: Size) {
        self.size = size;
    }

    /// The screen as the client shows it once every frame is sent.
    pub fn screen(&self) -> &Buffer {
        &self.screen
    }

    /// Writes bytes that are not a frame (terminal modes at the start and
    /// end of a session); sent with the next flush.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        // Through the Tty, which then no longer trusts its pen.
        let _ = self.inner.write_all(bytes);
    }

    /// The most bytes allowed to wait: about two full repaints of this
    /// screen.
    fn bound(&self) -> usize {
        2 * usize::from(self.size.width) * usize::from(self.size.height) * 12
    }

    /// The whole screen as it should look, drawn from scratch.
    fn repaint(&self) -> io::Result<Vec<u8>> {
        let mut out = Tty::with_size(Vec::new(), self.size.width, self.size.height);
        out.clear()?;
        queue!(out, cursor::MoveTo(0, 0))?;
        let area = self.screen.area;
        let cells = area
            .positions()
            .filter_map(|p| self.screen.cell(p).map(|c| (p.x, p.y, c)));
        out.draw(cells)?;
        out.set_cursor_position(self.cursor)?;
        if self.cursor_shown {
            out.show_cursor()?;
        } else {
            out.hide_cursor()?;
        }
        Ok(std::mem::take(out.writer_mut()))
    }

    fn resize_screen(&mut self) {
        let area = Rect::new(0, 0, self.size.width, self.size.height);
        if self.screen.area != area {
            self.screen.resize(area);
        }
    }
}

impl Backend for ChannelBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.resize_screen();
        let screen = &mut self.screen;
        let cells = content.inspect(|&(x, y, cell)| {
            if let Some(c) = screen.cell_mut((x, y)) {
                c.clone_from(cell);
            }
        });
        self.inner.draw(cells)
    }

    // ratatui hides (or shows) the cursor at every frame; the client hears
    // of it only when it changes, which saves bytes on every countdown tick.
    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_shown {
            return Ok(());
        }
        self.cursor_shown = false;
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown {
            return Ok(());
        }
        self.cursor_shown = true;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.resize_screen();
        let area = self.screen.area;
        let (x, y) = (self.cursor.x, self.cursor.y);
        let width = area.width;
        let index = |px: u16, py: u16| usize::from(py) * usize::from(width) + usize::from(px);
        let here = index(x.min(width), y);
        let line_start = index(0, y);
        let line_end = index(0, y.saturating_add(1));
        let all = self.screen.content.len();
        let range = match clear_type {
            ClearType::All => 0..all,
            ClearType::AfterCursor => here.min(all)..all,
            ClearType::BeforeCursor => 0..here.min(all),
            ClearType::CurrentLine => line_start.min(all)..line_end.min(all),
            ClearType::UntilNewLine => here.min(all)..line_end.min(all),
        };
        for cell in self.screen.content.get_mut(range).into_iter().flatten() {
            cell.reset();
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            // Pixels are not known over SSH (clients send 0).
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        let bound = self.bound();
        let frame = self.inner.writer_mut();
        if frame.is_empty() {
            return Ok(());
        }
        let pushed = self.outbox.push(frame, bound);
        // The allocation stays for the next frame.
        frame.clear();
        match pushed {
            Pushed::Queued | Pushed::Closed => {}
            Pushed::Full => {
                self.outbox.replace(&self.repaint()?);
                // The repaint, not the frames the Tty wrote, set the pen.
                self.inner.forget();
            }
        }
        Ok(())
    }
}

impl Write for ChannelBackend {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(self)
    }
}

/// Whether a terminal of this TERM shows colours. Those that do not: no
/// TERM, `dumb`, the DEC VTs (`vt100`, `vt220`…, unless `-color`), and the
/// `-mono`/`-m` variants of terminfo.
pub fn term_has_colour(term: &str) -> bool {
    let term = term.trim().to_ascii_lowercase();
    let dec_vt = term.strip_prefix("vt").is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit()) && !rest.contains("color")
    });
    !(term.is_empty()
        || term == "dumb"
        || dec_vt
        || term.ends_with("-mono")
        || term.ends_with("-m"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;
    use std::num::NonZeroU16;

    fn terminal(outbox: &Arc<Outbox>) -> Terminal<ChannelBackend> {
        let backend = ChannelBackend::new(Size::new(20, 4), Arc::clone(outbox));
        match Terminal::new(backend) {
            Ok(t) => t,
            Err(e) => panic!("terminal: {e}"),
        }
    }

    fn draw(t: &mut Terminal<ChannelBackend>, text: &str) {
        if let Err(e) = t.draw(|f| f.render_widget(Paragraph::new(text), f.area())) {
            panic!("draw: {e}");
        }
    }

    #[test]
    fn a_frame_reaches_the_outbox_as_utf8() {
        let outbox = Outbox::new();
        let mut t = terminal(&outbox);
        draw(&mut t, "Nguyễn Văn Ấn");
        let bytes = outbox.take_now();
        let text = String::from_utf8_lossy(&bytes);
        // One cell at a time, with ratatui's cursor moves between runs.
        assert!(text.contains("Nguyễn"), "{text:?}");
        assert!(text.contains("Ấn"), "{text:?}");
    }

    #[test]
    fn only_changed_cells_are_sent() {
        let outbox = Outbox::new();
        let mut t = terminal(&outbox);
        draw(&mut t, "Còn 10:00");
        outbox.take_now();
        draw(&mut t, "Còn 09:59");
        let bytes = outbox.take_now();
        let text = String::from_utf8_lossy(&bytes);
        // "10:00" → "09:59": the four digits, not "Còn" nor the colon.
        assert!(text.contains("09") && text.contains("59"), "{text:?}");
        assert!(!text.contains("Còn"), "unchanged cells resent: {text:?}");
        assert!(!text.contains(':'), "unchanged cells resent: {text:?}");
    }

    #[test]
    fn a_stalled_client_holds_one_repaint_not_every_frame() {
        let outbox = Outbox::new();
        let mut t = terminal(&outbox);
        // Nobody takes from the outbox: the client reads nothing.
        for i in 0..5000 {
            draw(&mut t, &format!("câu {i} / 5000 ▶ đáp án"));
        }
        let waiting = outbox.waiting();
        assert!(
            waiting <= MIN_BOUND + 2 * 20 * 4 * 12,
            "{waiting} bytes wait"
        );
        let (dropped, _) = outbox.counters();
        assert!(dropped > 0);
        // What waits ends with the last frame's text, whole: a repaint
        // after the dropped frames, or diffs queued after it.
        let (Some(rows), Some(cols)) = (NonZeroU16::new(4), NonZeroU16::new(20)) else {
            unreachable!("4 and 20 are not 0")
        };
        let mut screen = vt100::Parser::new(rows, cols, 0);
        screen.process(&outbox.take_now());
        let contents = screen.screen().contents();
        assert_eq!(contents.lines().next(), Some("câu 4999 / 5000 ▶ đá"));
    }

    #[test]
    fn a_countdown_tick_sends_its_digit_and_no_resets() {
        use ratatui::style::Stylize;
        let outbox = Outbox::new();
        let mut t = terminal(&outbox);
        let tick = |t: &mut Terminal<ChannelBackend>, left: &str| {
            let line = ratatui::text::Line::from(vec![
                "Còn lại ".into(),
                left.to_owned().bold().reversed(),
            ]);
            if let Err(e) = t.draw(|f| f.render_widget(Paragraph::new(line), f.area())) {
                panic!("draw: {e}");
            }
        };
        tick(&mut t, "12:34");
        outbox.take_now();
        tick(&mut t, "12:33");
        // The pen is still bold and reversed: a move and the digit.
        assert_eq!(outbox.take_now(), b"\x1b[1;13H3");
        tick(&mut t, "12:33");
        assert!(outbox.take_now().is_empty());
    }

    #[test]
    fn after_a_repaint_the_next_frame_sets_its_pen_again() {
        use ratatui::style::Stylize;
        let outbox = Outbox::new();
        let mut t = terminal(&outbox);
        // The number is bold, the rest plain: a repaint ends with the plain
        // pen, the frames before it with the bold one.
        let mut draw = |i: usize| {
            let line = ratatui::text::Line::from(vec!["câu ".into(), i.to_string().bold()]);
            if let Err(e) = t.draw(|f| f.render_widget(Paragraph::new(line), f.area())) {
                panic!("draw: {e}");
            }
        };
        for i in 1000..5000 {
            draw(i);
        }
        let (dropped, _) = outbox.counters();
        assert!(dropped > 0);
        // One frame more after the last repaint: its digits are bold.
        draw(5000);
        let (Some(rows), Some(cols)) = (NonZeroU16::new(4), NonZeroU16::new(20)) else {
            unreachable!("4 and 20 are not 0")
        };
        let mut screen = vt100::Parser::new(rows, cols, 0);
        screen.process(&outbox.take_now());
        let screen = screen.screen();
        assert_eq!(
            screen.contents().lines().next().map(str::trim_end),
            Some("câu 5000")
        );
        let bold: Vec<bool> = (0..9)
            .map(|x| screen.cell(0, x).is_some_and(vt100::Cell::bold))
            .collect();
        assert_eq!(
            bold,
            [false, false, false, false, true, true, true, true, false]
        );
    }

    #[test]
    fn terminals_without_colours_are_known_by_their_term() {
        for term in [
            "xterm-256color",
            "xterm",
            "screen",
            "tmux-256color",
            "putty",
            "vt220-color",
            "linux",
        ] {
            assert!(term_has_colour(term), "{term}");
        }
        for term in ["", "dumb", "vt100", "VT220", "vt52", "xterm-mono", "hp-m"] {
            assert!(!term_has_colour(term), "{term}");
        }
    }

    #[test]
    fn a_closed_outbox_takes_nothing_more() {
        let outbox = Outbox::new();
        outbox.close();
        assert_eq!(outbox.push(b"x", 10), Pushed::Closed);
        assert!(outbox.take_now().is_empty());
    }
}
