//! The bytes a frame sends to a terminal: a ratatui backend that writes
//! only what changed since the last frame, style included.
//!
//! ratatui's own crossterm backend ends every frame by resetting the
//! colours, the underline colour and the attributes, and hides the cursor
//! again on every frame; so the countdown's one changed digit a second
//! cost its cell, the styles to draw it from the reset state, and the
//! resets (about 50 bytes, where the digit is one). This backend remembers
//! the terminal's pen (colours and attributes) from one frame to the next
//! and sets only what differs, and writes the cursor's visibility only when
//! it changes. Everything else is as in ratatui's backend.
//!
//! The pen is left as the last cell needs it, so whoever gives the terminal
//! back resets it ([`Tty::reset`]); clearing the screen resets it first,
//! since terminals clear with the current background.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::style::{
    Attribute, Colors, Print, SetAttribute, SetBackgroundColor, SetColors, SetForegroundColor,
    SetUnderlineColor,
};
use ratatui::crossterm::{queue, terminal};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// The colours and attributes the terminal draws with now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

/// A terminal's state after `\e[0m`.
const RESET: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    underline: Color::Reset,
    modifier: Modifier::empty(),
};

/// The attributes of a modifier, in the terminal's terms.
const ATTRIBUTES: [(Modifier, Attribute); 9] = [
    (Modifier::BOLD, Attribute::Bold),
    (Modifier::DIM, Attribute::Dim),
    (Modifier::ITALIC, Attribute::Italic),
    (Modifier::UNDERLINED, Attribute::Underlined),
    (Modifier::SLOW_BLINK, Attribute::SlowBlink),
    (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    (Modifier::REVERSED, Attribute::Reverse),
    (Modifier::HIDDEN, Attribute::Hidden),
    (Modifier::CROSSED_OUT, Attribute::CrossedOut),
];

/// A ratatui backend on any writer (the process's stdout, or a network
/// channel), that sends each frame's changed cells with only the style
/// changes they need.
#[derive(Debug)]
pub struct Tty<W: Write> {
    out: W,
    /// The terminal's pen after the last write; `None` when unknown (at the
    /// start), so the first cell sets it from a reset.
    pen: Option<Pen>,
    /// Whether the cursor is shown, as last written; `None` when unknown.
    cursor_shown: Option<bool>,
    /// A fixed size (a network channel, a test); `None`: ask the terminal.
    size: Option<Size>,
}

impl<W: Write> Tty<W> {
    /// A backend on the process's own terminal (its size is asked of it).
    pub fn new(out: W) -> Tty<W> {
        Tty {
            out,
            pen: None,
            cursor_shown: None,
            size: None,
        }
    }

    /// A backend of a fixed size on any writer.
    pub fn with_size(out: W, width: u16, height: u16) -> Tty<W> {
        Tty {
            size: Some(Size { width, height }),
            ..Tty::new(out)
        }
    }

    /// What was written (tests count its bytes).
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// The writer, to take what was written (tests).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Resets the pen to the terminal's defaults, before the terminal is
    /// given back or cleared.
    pub fn reset(&mut self) -> io::Result<()> {
        if self.pen != Some(RESET) {
            queue!(self.out, SetAttribute(Attribute::Reset))?;
            self.pen = Some(RESET);
        }
        self.out.flush()
    }

    /// Forgets the terminal's pen and cursor (what was written was replaced
    /// by other bytes, e.g. a network client's repaint): the next frame
    /// sets them from a reset.
    pub fn forget(&mut self) {
        self.pen = None;
        self.cursor_shown = None;
    }

    /// Sets the pen for `cell`, writing only what differs.
    fn pen_for(&mut self, cell: &Cell) -> io::Result<()> {
        let want = Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        };
        let mut pen = match self.pen {
            Some(pen) if pen == want => return Ok(()),
            Some(pen) => pen,
            None => {
                queue!(self.out, SetAttribute(Attribute::Reset))?;
                RESET
            }
        };
        if !(pen.modifier - want.modifier).is_empty() {
            // An attribute goes: start from a reset (one sequence, where
            // undoing each attribute has its own, and bold and dim share
            // theirs).
            queue!(self.out, SetAttribute(Attribute::Reset))?;
            pen = RESET;
        }
        for (m, a) in ATTRIBUTES {
            if want.modifier.contains(m) && !pen.modifier.contains(m) {
                queue!(self.out, SetAttribute(a))?;
            }
        }
        match (want.fg != pen.fg, want.bg != pen.bg) {
            (true, true) => queue!(
                self.out,
                SetColors(Colors::new(
                    want.fg.into_crossterm(),
                    want.bg.into_crossterm()
                ))
            )?,
            (true, false) => queue!(self.out, SetForegroundColor(want.fg.into_crossterm()))?,
            (false, true) => queue!(self.out, SetBackgroundColor(want.bg.into_crossterm()))?,
            (false, false) => {}
        }
        if want.underline != pen.underline {
            queue!(self.out, SetUnderlineColor(want.underline.into_crossterm()))?;
        }
        self.pen = Some(want);
        Ok(())
    }
}

impl<W: Write> Write for Tty<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Whatever else is written may change the pen.
        self.pen = None;
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> Backend for Tty<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut last: Option<Position> = None;
        for (x, y, cell) in content {
            // Cells next to each other need no move (as ratatui's backend:
            // after a wide character, the next cell is moved to).
            if !matches!(last, Some(p) if x == p.x + 1 && y == p.y) {
                queue!(self.out, MoveTo(x, y))?;
            }
            last = Some(Position { x, y });
            self.pen_for(cell)?;
            queue!(self.out, Print(cell.symbol()))?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            queue!(self.out, Hide)?;
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            queue!(self.out, Show)?;
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        ratatui::crossterm::cursor::position()
            .map(|(x, y)| Position { x, y })
            .map_err(io::Error::other)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.out, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Terminals clear with the current background: reset it first.
        self.reset()?;
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.out, terminal::Clear(kind))?;
        self.out.flush()
    }

    fn size(&self) -> io::Result<Size> {
        match self.size {
            Some(size) => Ok(size),
            None => {
                let (width, height) = terminal::size()?;
                Ok(Size { width, height })
            }
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let Some(size) = self.size {
            return Ok(WindowSize {
                columns_rows: size,
                pixels: Size::default(),
            });
        }
        let ws = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: ws.columns,
                height: ws.rows,
            },
            pixels: Size {
                width: ws.width,
                height: ws.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::{Style, Stylize};
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    fn frame(t: &mut Terminal<Tty<Vec<u8>>>, text: &str) -> String {
        t.backend_mut().writer_mut().clear();
        t.draw(|f| {
            Line::from(vec![
                "Còn lại ".into(),
                text.to_owned().bold().red().on_white(),
            ])
            .render(f.area(), f.buffer_mut());
        })
        .unwrap();
        String::from_utf8(t.backend().writer().clone()).unwrap()
    }

    #[test]
    fn a_changed_digit_costs_its_move_and_itself_and_no_reset() {
        let mut t = Terminal::new(Tty::with_size(Vec::new(), 20, 1)).unwrap();
        let first = frame(&mut t, "12:34");
        assert!(first.contains("\u{1b}[1m"), "{first:?}");
        // The pen is still bold red on white: one move and one digit.
        assert_eq!(frame(&mut t, "12:33"), "\u{1b}[1;13H3");
        // Nothing changed: nothing is sent.
        assert_eq!(frame(&mut t, "12:33"), "");
    }

    #[test]
    fn an_attribute_that_goes_resets_and_clearing_starts_from_the_defaults() {
        let mut t = Terminal::new(Tty::with_size(Vec::new(), 4, 1)).unwrap();
        let draw = |t: &mut Terminal<Tty<Vec<u8>>>, style: Style| {
            t.backend_mut().writer_mut().clear();
            t.draw(|f| Line::styled("x", style).render(f.area(), f.buffer_mut()))
                .unwrap();
            String::from_utf8(t.backend().writer().clone()).unwrap()
        };
        draw(&mut t, Style::new().bold().red());
        assert_eq!(
            draw(&mut t, Style::new().red()),
            "\u{1b}[1;1H\u{1b}[0m\u{1b}[38;5;1mx   "
        );
        t.backend_mut().writer_mut().clear();
        t.backend_mut().clear().unwrap();
        let cleared = String::from_utf8(t.backend().writer().clone()).unwrap();
        assert!(cleared.starts_with("\u{1b}[0m\u{1b}[2J"), "{cleared:?}");
    }
}
