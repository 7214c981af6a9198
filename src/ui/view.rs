//! Drawing the app: the page layout, the body of each screen (from its
//! module in `screens/`) scrolled into its area, and the positions the
//! input needs (the highlighted entry, the choice under a click, the
//! terminal cursor), all taken from the same layout as what is drawn.

use std::ops::Range;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::app::{App, Screen, State};
use super::chrome;
use super::screens;
use crate::text::width;

/// The smallest terminal the screens are laid out for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Draws the whole app as of its last step.
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_app(self, area, buf, self.now);
    }
}

/// Draws the app as of `now`.
///
/// ```text
/// ┌──────────────────────────────────────────────────────────────────────┐
/// │ header: app · screen title                 Câu 3/20 · Còn lại 12:34 │ 1 line
/// │ ┄┄ question screen only ┄┄                                         │
/// │ gauge  ██████████████████████  12:34  (or "Không giới hạn")         │ 1 line
/// │ strip  [ 1✓]   2   3!   4✓ …                                        │ 1–2 lines
/// │ legend ✓ đã trả lời  ! đánh dấu  [ ] câu đang làm                   │ 1 line
/// │ ───────────────────────────────────────────────────────────────────  │
/// │ body: the screen's content, scrolled; "▼ Còn nữa" when it overflows │ rest
/// │ footer: the keys of this screen                                     │ 2 lines
/// └──────────────────────────────────────────────────────────────────────┘
/// ```
/// The help popup is drawn over any screen; a terminal smaller than
/// [`MIN_SIZE`] gets only a message asking to enlarge it.
pub fn render_app(app: &App, area: Rect, buf: &mut Buffer, now: Instant) {
    if area.is_empty() {
        return;
    }
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        chrome::render_too_small(app, area, buf);
        return;
    }
    let [header, main, footer] = page_areas(area);
    chrome::render_header(app, header, buf, now);
    let (rule, body) = if app.screen() == Screen::Question {
        let areas = chrome::question_areas(app, main);
        chrome::render_gauge(app, areas.gauge, buf, now);
        chrome::render_strip(app, areas.strip, buf);
        chrome::render_legend(app, areas.legend, buf);
        (areas.rule, areas.body)
    } else {
        plain_areas(main)
    };
    Block::new()
        .borders(Borders::TOP)
        .border_style(app.theme.dim())
        .render(rule, buf);
    let lines = body_lines(app, body.width, now);
    render_scrolled(app, lines.lines, body, buf);
    chrome::render_footer(app, footer, buf);
    if app.help() {
        chrome::render_help(app, area, buf);
    }
}

/// Header, main and footer of a page.
fn page_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area)
}

/// The rule and the body of a screen other than the question.
fn plain_areas(main: Rect) -> (Rect, Rect) {
    let [rule, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
    (rule, body.inner(Margin::new(1, 0)))
}

/// The body region of the current screen on a terminal of the app's size.
fn body_area(app: &App) -> Rect {
    let [_, main, _] = page_areas(Rect::new(0, 0, app.size.0, app.size.1));
    if app.screen() == Screen::Question {
        chrome::question_areas(app, main).body
    } else {
        plain_areas(main).1
    }
}

/// The body of a screen as lines, with the positions input needs.
#[derive(Debug, Default)]
pub struct Body {
    /// The lines, already wrapped to the body's width.
    pub lines: Vec<Line<'static>>,
    /// Line ranges of the choices (question screens).
    pub choices: Vec<Range<usize>>,
    /// The lines of the highlighted entry (a choice, a bank, a field …),
    /// which scrolling keeps in view.
    pub cursor: Option<Range<usize>>,
    /// Where typed text goes: (line, column) of the end of the field
    /// being typed.
    pub input: Option<(usize, usize)>,
}

/// The lines of the current screen's body at `w` cells wide.
pub fn body_lines(app: &App, w: u16, now: Instant) -> Body {
    let w = usize::from(w).max(1);
    match &app.page.state {
        State::SetPin(_) | State::ExitPin(_) => screens::pin::lines(app, w),
        State::Resume(list) => screens::resume::lines(app, list, w),
        State::ChooseBank(b) => screens::banks::lines(app, *b, w),
        State::Identity(_, form) => screens::identity::lines(app, form, w),
        State::Instructions(..) => screens::instructions::lines(app, w),
        State::Question(q) => screens::question::lines(app, q, w),
        State::Submit(s) => screens::submit::lines(app, s, w, now),
        State::TimeUp => screens::result::time_up_lines(app, w),
        State::Result => screens::result::result_lines(app, w),
    }
}

fn render_scrolled(app: &App, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    let total = lines.len();
    let (shown, overflow) = visible(total, area.height);
    let scroll = app.scroll().min(lines.len().saturating_sub(shown));
    for (line, y) in lines.into_iter().skip(scroll).take(shown).zip(area.top()..) {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
    if overflow && scroll + shown < total {
        let y = area.bottom().saturating_sub(1);
        let more = if app.screen() == Screen::Question {
            app.t().more_below
        } else {
            app.t().more_below_down
        };
        Line::styled(more, app.theme.dim()).render(Rect::new(area.x, y, area.width, 1), buf);
    }
    if scroll > 0 && shown > 1 {
        // Over the first line shown, which is also the last line of the
        // previous view: nothing is hidden that was not just read.
        let top = Rect::new(area.x, area.y, area.width, 1);
        Clear.render(top, buf);
        Line::styled(app.t().more_above, app.theme.dim()).render(top, buf);
    }
}

/// The first body line the member can read when scrolled to `scroll`: the
/// line at the top is under the "more above" mark once scrolled.
pub fn first_readable(scroll: usize) -> usize {
    scroll + usize::from(scroll > 0)
}

/// How many lines of `total` fit in `height`, and whether the rest
/// overflows (the last row then says there is more).
fn visible(total: usize, height: u16) -> (usize, bool) {
    let h = usize::from(height);
    if total > h {
        (h.saturating_sub(1), true)
    } else {
        (total, false)
    }
}

/// The furthest the current screen's body can scroll.
pub fn max_scroll(app: &App) -> usize {
    let area = body_area(app);
    let total = body_lines(app, area.width, app.now).lines.len();
    let (shown, _) = visible(total, area.height);
    total.saturating_sub(shown)
}

/// The body lines (top, bottom) of the highlighted entry, and the visible
/// height, so scrolling can keep it in view.
pub fn cursor_rows(app: &App) -> Option<(usize, usize, usize)> {
    let area = body_area(app);
    let body = body_lines(app, area.width, app.now);
    let (shown, _) = visible(body.lines.len(), area.height);
    let range = body.cursor?;
    Some((range.start, range.end, shown))
}

/// The choice (display position) drawn at screen cell (`col`, `row`).
pub fn choice_at(app: &App, col: u16, row: u16) -> Option<usize> {
    if app.screen() != Screen::Question || app.size.0 < MIN_SIZE.0 || app.size.1 < MIN_SIZE.1 {
        return None;
    }
    let area = body_area(app);
    if col < area.left() || col >= area.right() || row < area.top() || row >= area.bottom() {
        return None;
    }
    let body = body_lines(app, area.width, app.now);
    let (shown, _) = visible(body.lines.len(), area.height);
    let scroll = app.scroll().min(body.lines.len().saturating_sub(shown));
    let offset = usize::from(row - area.top());
    if offset >= shown || (offset == 0 && scroll > 0) {
        return None;
    }
    let line = scroll + offset;
    body.choices.iter().position(|r| r.contains(&line))
}

/// Where the terminal cursor goes (the end of the field being typed), so
/// an input method shows its composition window there.
pub fn cursor_position(app: &App, area: Rect) -> Option<(u16, u16)> {
    if app.screen() != Screen::Identity
        || app.help()
        || area.width < MIN_SIZE.0
        || area.height < MIN_SIZE.1
    {
        return None;
    }
    let [_, main, _] = page_areas(area);
    let (_, body_rect) = plain_areas(main);
    let body = body_lines(app, body_rect.width, app.now);
    let (row, col) = body.input?;
    let (shown, _) = visible(body.lines.len(), body_rect.height);
    let scroll = app.scroll().min(body.lines.len().saturating_sub(shown));
    let row = row.checked_sub(scroll)?;
    let y = body_rect.y + u16::try_from(row).ok()?;
    let x = body_rect.x + u16::try_from(col).ok()?;
    (y < body_rect.bottom() && x < body_rect.right()).then_some((x, y))
}

/// `text` wrapped to `w` cells, each line in `style`.
pub fn wrapped(text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, w)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// Wraps `text` to lines of at most `w` cells, at spaces where possible,
/// keeping the author's line breaks. Words longer than a line are cut.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split(' ').filter(|s| !s.is_empty()) {
            let word_w = width(word);
            let sep = usize::from(!line.is_empty());
            if line_w + sep + word_w <= w {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += sep + word_w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if word_w <= w {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // A word longer than the line: cut it by cells.
            for c in word.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]));
                if line_w + cw > w && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        out.push(line);
    }
    out
}
