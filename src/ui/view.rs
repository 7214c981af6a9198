//! Drawing the app: one small function per region, and the layout
//! functions that the mouse hit-testing and the scrolling share with the
//! drawing, so a click lands on the choice that is drawn there.

use std::ops::Range;
use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph, Widget, Wrap};

use super::app::{App, Field, PinProblem, Screen};
use crate::bank::{Bank, Question, Review, letter};
use crate::engine::{Attempt, QuestionLock, countdown_secs};
use crate::i18n::ui as tr;
use crate::text::{clean_line, width};

/// The smallest terminal the screens are laid out for.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Cells before a choice's text: cursor, box and letter ("▶ (•) A. ").
const CHOICE_INDENT: usize = 9;

/// Draws the whole app.
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
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render_app(self, area, buf, Instant::now());
    }
}

/// Draws the app as of `now` (tests pass a fake clock).
pub fn render_app(app: &App, area: Rect, buf: &mut Buffer, now: Instant) {
    if area.is_empty() {
        return;
    }
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        render_too_small(app, area, buf);
        return;
    }
    let [header, main, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    render_header(app, header, buf, now);
    let body = if app.screen == Screen::Question {
        let areas = question_areas(app, main);
        render_gauge(app, areas.gauge, buf, now);
        render_strip(app, areas.strip, buf);
        render_legend(app, areas.legend, buf);
        Block::new()
            .borders(Borders::TOP)
            .border_style(app.theme.dim())
            .render(areas.rule, buf);
        areas.body
    } else {
        let [rule, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
        Block::new()
            .borders(Borders::TOP)
            .border_style(app.theme.dim())
            .render(rule, buf);
        body.inner(ratatui::layout::Margin::new(1, 0))
    };
    let lines = body_lines(app, body.width, now);
    render_scrolled(app, lines.lines, body, buf);
    render_footer(app, footer, buf);
    if app.help {
        render_help(app, area, buf);
    }
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    Paragraph::new(app.t().too_small)
        .wrap(Wrap { trim: true })
        .style(app.theme.title())
        .render(area, buf);
}

fn screen_title(app: &App) -> &'static str {
    let t = app.t();
    match app.screen {
        Screen::SetPin => t.set_pin_title,
        Screen::Resume => t.resume_title,
        Screen::ExitPin => t.exit_pin_title,
        Screen::ChooseBank => t.choose_bank_title,
        Screen::Identity => t.identity_title,
        Screen::Instructions => t.instructions_title,
        Screen::Question => "",
        Screen::Submit => t.submit_title,
        Screen::TimeUp => t.time_up_title,
        Screen::Result => t.result_title,
    }
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer, now: Instant) {
    let right = header_right(app, now);
    let right_width = u16::try_from(right.width()).unwrap_or(area.width);
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width + 1)]).areas(area);
    let title = screen_title(app);
    let left = if title.is_empty() {
        // The question screen: the bank's title, cut to fit with "…".
        let bank = app.current_bank().map_or("", |b| b.title.as_str());
        Line::styled(fit(bank, usize::from(l.width)), app.theme.title())
    } else {
        Line::styled(format!("{} · {title}", app.t().app_name), app.theme.title())
    };
    left.render(l, buf);
    right.right_aligned().render(r, buf);
}

/// `s` cut to `w` cells, ending with "…" when cut.
fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// "Câu 3/20 · Còn lại 12:34" while an attempt runs.
fn header_right(app: &App, now: Instant) -> Line<'static> {
    let Some(attempt) = running(app) else {
        return Line::default();
    };
    let mut spans = vec![Span::styled(
        tr::question_of(app.lang(), attempt.current() + 1, attempt.len()),
        app.theme.title(),
    )];
    if let Some(left) = attempt.remaining(now) {
        let style = if attempt.time_warning(now) {
            app.theme.warning()
        } else {
            app.theme.title()
        };
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(
            format!("{} {}", app.t().time_left, mm_ss(countdown_secs(left))),
            style,
        ));
    }
    Line::from(spans)
}

fn running(app: &App) -> Option<&Attempt> {
    match app.screen {
        Screen::Question | Screen::Submit => app.attempt(),
        _ => None,
    }
}

/// Seconds as "mm:ss" (or "h:mm:ss" from an hour).
pub fn mm_ss(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

/// The regions of the question screen.
#[derive(Debug, Clone, Copy)]
pub struct QuestionAreas {
    /// The countdown gauge.
    pub gauge: Rect,
    /// The question strip.
    pub strip: Rect,
    /// The strip's legend.
    pub legend: Rect,
    /// The rule above the body.
    pub rule: Rect,
    /// The question and its choices.
    pub body: Rect,
}

/// Questions per strip row: each takes 6 cells ("[12✓!]").
fn strip_per_row(w: u16) -> usize {
    usize::from(w / 6).max(1)
}

fn question_areas(app: &App, main: Rect) -> QuestionAreas {
    let n = app.attempt().map_or(0, Attempt::len);
    let rows = n.div_ceil(strip_per_row(main.width)).clamp(1, 2);
    let [gauge, strip, legend, rule, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::try_from(rows).unwrap_or(2)),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(main);
    QuestionAreas {
        gauge,
        strip,
        legend,
        rule,
        body: body.inner(ratatui::layout::Margin::new(1, 0)),
    }
}

/// The body region of the current screen for a terminal of the app's size.
fn body_area(app: &App) -> Rect {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let [_, main, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    if app.screen == Screen::Question {
        question_areas(app, main).body
    } else {
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
        body.inner(ratatui::layout::Margin::new(1, 0))
    }
}

fn render_gauge(app: &App, area: Rect, buf: &mut Buffer, now: Instant) {
    let Some(attempt) = app.attempt() else {
        return;
    };
    let question = attempt.question_remaining(now);
    let question_warning = attempt.question_time_warning(now);
    let question_label = question.map(|q| {
        format!(
            "{} {}",
            app.t().question_time_left,
            mm_ss(countdown_secs(q))
        )
    });
    // The gauge follows the whole quiz's limit when there is one, else the
    // question's own limit; without either, there is nothing to count.
    let (label, ratio, warning) = match (attempt.plan().time_limit, attempt.remaining(now)) {
        (Some(limit), Some(left)) => {
            let mut label = mm_ss(countdown_secs(left));
            if let Some(q) = &question_label {
                label = format!("{label} · {q}");
            }
            (
                label,
                ratio(left, limit),
                attempt.time_warning(now) || question_warning,
            )
        }
        _ => match (question_label, question, attempt.plan().question_time_limit) {
            (Some(label), Some(left), Some(limit)) => (label, ratio(left, limit), question_warning),
            (_, _, Some(_)) => {
                // The question is locked (checked, or out of time): its
                // clock has stopped, but the bank is not untimed.
                Line::styled(app.t().question_clock_stopped, app.theme.dim()).render(area, buf);
                return;
            }
            _ => {
                Line::styled(app.t().untimed, app.theme.dim()).render(area, buf);
                return;
            }
        },
    };
    Gauge::default()
        .ratio(ratio)
        .label(Span::styled(
            format!(" {label} "),
            if warning {
                app.theme.warning()
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            },
        ))
        .gauge_style(app.theme.gauge(warning))
        .use_unicode(true)
        .render(area, buf);
}

/// The share of `limit` still `left`, for a gauge.
fn ratio(left: std::time::Duration, limit: std::time::Duration) -> f64 {
    if limit.is_zero() {
        0.0
    } else {
        (left.as_secs_f64() / limit.as_secs_f64()).clamp(0.0, 1.0)
    }
}

fn render_strip(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(attempt) = app.attempt() else {
        return;
    };
    let per_row = strip_per_row(area.width);
    let states = attempt.states();
    // With more questions than fit, show the rows around the current one.
    let rows = usize::from(area.height).max(1);
    let current_row = attempt.current() / per_row;
    let first_row = current_row.saturating_sub(rows - 1);
    for (r, y) in (first_row..first_row + rows).zip(area.top()..area.bottom()) {
        let spans: Vec<Span> = states
            .iter()
            .enumerate()
            .skip(r * per_row)
            .take(per_row)
            .map(|(i, s)| {
                let answered = if s.answered { "✓" } else { " " };
                let flag = if s.flagged { "!" } else { " " };
                let (open, close) = if s.current { ("[", "]") } else { (" ", " ") };
                let style = if s.current {
                    app.theme.cursor()
                } else if s.flagged {
                    app.theme.flagged()
                } else if s.answered {
                    app.theme.chosen()
                } else {
                    Style::new()
                };
                Span::styled(format!("{open}{:>2}{answered}{flag}{close}", i + 1), style)
            })
            .collect();
        Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

fn render_legend(app: &App, area: Rect, buf: &mut Buffer) {
    Line::styled(app.t().legend, app.theme.dim()).render(area, buf);
}

fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.t();
    let choices = app
        .attempt()
        .and_then(|a| a.drawn(a.current()))
        .map_or(0, |d| d.order.len());
    let question_keys;
    let identity_keys;
    let keys = match app.screen {
        Screen::SetPin => t.keys_set_pin,
        Screen::Resume => t.keys_resume,
        Screen::ExitPin => t.keys_exit_pin,
        Screen::ChooseBank if app.is_kiosk() => t.keys_choose_bank_kiosk,
        Screen::ChooseBank => t.keys_choose_bank,
        Screen::Identity => {
            identity_keys = identity_footer(app);
            &identity_keys
        }
        Screen::Instructions => t.keys_instructions,
        Screen::Question => {
            question_keys = tr::keys_question(app.lang(), choices, awaits_check(app));
            &question_keys
        }
        Screen::Submit => t.keys_submit,
        Screen::TimeUp => t.keys_time_up,
        Screen::Result if app.only_in_memory() => t.keys_result_memory,
        Screen::Result if app.finished().is_some_and(|f| f.saved.is_err()) => t.keys_result_unsaved,
        Screen::Result if app.settings.once && !app.is_kiosk() => t.keys_result_once,
        Screen::Result => t.keys_result,
    };
    Paragraph::new(keys)
        .style(app.theme.footer())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The identity footer: the keys of the field, and what Esc does now.
fn identity_footer(app: &App) -> String {
    let t = app.t();
    let f = &app.form;
    let typed = [&f.name, &f.code, &f.unit].iter().any(|s| !s.is_empty());
    // As App::step_identity does it.
    let esc = if typed {
        Some(t.esc_clear)
    } else if app.banks().len() > 1 {
        Some(t.esc_back)
    } else if !app.is_kiosk() {
        Some(t.esc_quit)
    } else {
        None
    };
    let unit = f.field == Field::Unit;
    tr::keys_identity(app.lang(), unit && app.roster().is_some(), unit, esc)
}

/// The keys of the screen shown, for the help popup.
fn help_lines(app: &App) -> &'static [(&'static str, &'static str)] {
    let t = app.t();
    match app.screen {
        Screen::ChooseBank => t.help_choose_bank,
        Screen::Identity => t.help_identity,
        Screen::Instructions => t.help_instructions,
        Screen::Question => t.help_lines,
        Screen::Submit => t.help_submit,
        Screen::TimeUp | Screen::Result => t.help_result,
        Screen::Resume => t.help_resume,
        Screen::SetPin | Screen::ExitPin => &[],
    }
}

fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.t();
    // In kiosk mode Esc never leaves the app: not a key to offer there.
    let kiosk_list = app.is_kiosk() && app.screen == Screen::ChooseBank;
    let help: Vec<&(&str, &str)> = help_lines(app)
        .iter()
        .filter(|(k, _)| !(kiosk_list && *k == "Esc"))
        .collect();
    let key_w = help.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let lines: Vec<Line> = help
        .into_iter()
        .map(|(k, what)| {
            let pad = " ".repeat(key_w.saturating_sub(width(k)) + 2);
            Line::from(vec![
                Span::styled(
                    format!("{k}{pad}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(*what),
            ])
        })
        .chain([Line::default(), Line::styled(t.help_close, app.theme.dim())])
        .collect();
    let inner_w = lines.iter().map(Line::width).max().unwrap_or(40);
    let w = u16::try_from(inner_w + 4)
        .unwrap_or(area.width)
        .min(area.width);
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(area.height)
        .min(area.height);
    let [popup] = Layout::horizontal([Constraint::Length(w)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(h)])
        .flex(Flex::Center)
        .areas(popup);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .padding(ratatui::widgets::Padding::horizontal(1))
                .title(Span::styled(
                    format!(" {} ", t.help_title),
                    app.theme.title(),
                )),
        )
        .render(popup, buf);
}

/// The body of the current screen as lines, and where each choice is.
pub struct Body {
    /// The lines, already wrapped to the body's width.
    pub lines: Vec<Line<'static>>,
    /// Line ranges of the choices (question screen only).
    pub choices: Vec<Range<usize>>,
}

fn render_scrolled(app: &App, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    let total = lines.len();
    let (shown, overflow) = visible(total, area.height);
    let scroll = app.scroll.min(lines.len().saturating_sub(shown));
    for (line, y) in lines.into_iter().skip(scroll).take(shown).zip(area.top()..) {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
    if overflow && scroll + shown < total {
        let y = area.bottom().saturating_sub(1);
        let more = if app.screen == Screen::Question {
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
    let total = body_lines(app, area.width, Instant::now()).lines.len();
    let (shown, _) = visible(total, area.height);
    total.saturating_sub(shown)
}

/// The body lines (top, bottom) of the highlighted entry — the choice on
/// a question, the "▶" line elsewhere — and the visible height, so
/// scrolling can keep it in view.
pub fn cursor_rows(app: &App) -> Option<(usize, usize, usize)> {
    let area = body_area(app);
    let body = body_lines(app, area.width, Instant::now());
    let (shown, _) = visible(body.lines.len(), area.height);
    if app.screen == Screen::Question {
        let range = body.choices.get(app.choice_cursor)?;
        return Some((range.start, range.end, shown));
    }
    let line = body.lines.iter().position(|l| {
        l.spans
            .first()
            .is_some_and(|s| s.content.trim_start().starts_with('▶'))
    })?;
    let mut end = line + 1;
    if matches!(app.screen, Screen::ChooseBank | Screen::Resume) {
        // A bank or an attempt is its title and the detail line under it
        // (indented 4): keep them in view together.
        let detail = body.lines.iter().skip(line).position(|l| {
            l.spans
                .first()
                .is_some_and(|s| s.content.starts_with("    "))
        });
        if let Some(k) = detail {
            end = line + k + 1;
        }
    }
    Some((line, end, shown))
}

/// The choice (display position) drawn at screen cell (`col`, `row`).
pub fn choice_at(app: &App, col: u16, row: u16) -> Option<usize> {
    if app.screen != Screen::Question || app.size.0 < MIN_SIZE.0 || app.size.1 < MIN_SIZE.1 {
        return None;
    }
    let area = body_area(app);
    if col < area.left() || col >= area.right() || row < area.top() || row >= area.bottom() {
        return None;
    }
    let body = body_lines(app, area.width, Instant::now());
    let (shown, _) = visible(body.lines.len(), area.height);
    let scroll = app.scroll.min(body.lines.len().saturating_sub(shown));
    let offset = usize::from(row - area.top());
    if offset >= shown || (offset == 0 && scroll > 0) {
        return None;
    }
    let line = scroll + offset;
    body.choices.iter().position(|r| r.contains(&line))
}

/// The lines of the current screen's body at `w` cells wide.
pub fn body_lines(app: &App, w: u16, now: Instant) -> Body {
    let w = usize::from(w).max(1);
    let lines = match app.screen {
        Screen::SetPin | Screen::ExitPin => pin_lines(app, w),
        Screen::Resume => resume_lines(app, w),
        Screen::ChooseBank => choose_bank_lines(app, w),
        Screen::Identity => identity_lines(app, w),
        Screen::Instructions => instructions_lines(app, w),
        Screen::Question => return question_lines(app, w),
        Screen::Submit => submit_lines(app, w, now),
        Screen::TimeUp => time_up_lines(app, w),
        Screen::Result => result_lines(app, w),
    };
    Body {
        lines,
        choices: Vec::new(),
    }
}

fn wrapped(text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, w)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

fn results_problem_lines(app: &App, w: usize, lines: &mut Vec<Line<'static>>) {
    if let Some(problem) = &app.results_problem {
        lines.push(Line::default());
        lines.extend(wrapped(problem, w, app.theme.bad()));
    }
}

fn limit_words(app: &App, bank: &Bank) -> Option<String> {
    app.room
        .overrides()
        .time_limit
        .or(bank.time_limit)
        .map(|d| tr::duration_words(app.lang(), d.as_secs()))
}

/// "1 bộ đề có lỗi nên không hiển thị — chạy union-quiz check", on the
/// start screen, for the trainer.
fn skipped_lines(app: &App, w: usize, lines: &mut Vec<Line<'static>>) {
    if app.skipped_banks > 0 {
        lines.extend(wrapped(
            &tr::banks_skipped_note(app.lang(), app.skipped_banks),
            w,
            app.theme.warning(),
        ));
    }
}

fn choose_bank_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    skipped_lines(app, w, &mut lines);
    lines.extend(wrapped(app.t().choose_bank_hint, w, app.theme.dim()));
    lines.push(Line::default());
    for (i, bank) in app.banks().iter().enumerate() {
        let style = if i == app.bank {
            app.theme.cursor()
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        let marker = if i == app.bank { "▶ " } else { "  " };
        for (k, l) in wrap(&bank.title, w.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let prefix = if k == 0 { marker } else { "  " };
            lines.push(Line::from(vec![Span::raw(prefix), Span::styled(l, style)]));
        }
        let n = app.room.overrides().questions_asked(bank);
        let summary = tr::bank_summary(app.lang(), n, limit_words(app, bank).as_deref());
        lines.push(Line::styled(format!("    {summary}"), app.theme.dim()));
    }
    results_problem_lines(app, w, &mut lines);
    lines
}

fn identity_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.t();
    let f = &app.form;
    let mut lines = Vec::new();
    // With one bank this is the start screen: the note goes here.
    if app.banks().len() == 1 {
        skipped_lines(app, w, &mut lines);
    }
    if let Some(bank) = app.current_bank() {
        lines.extend(wrapped(&bank.title, w, app.theme.title()));
        lines.push(Line::default());
    }
    let field = |label: String, value: &str, active: bool| -> Line<'static> {
        let value = field_shown(value, field_room(w, &format!("{label}: ")), active);
        let marker = if active { "▶ " } else { "  " };
        let label_style = if active {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{label}: "), label_style),
            Span::styled(
                value.to_owned(),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
        ])
    };
    lines.push(field(
        t.name_label.to_owned(),
        &f.name,
        f.field == Field::Name,
    ));
    if f.error == Some(Field::Name) {
        lines.push(Line::styled(
            format!("  {}", t.name_required),
            app.theme.bad(),
        ));
    }
    let capped = |field: Field, lines: &mut Vec<Line<'static>>| {
        if f.capped == Some(field) && f.field == field {
            lines.push(Line::styled(
                format!("  {}", tr::too_long(app.lang(), field)),
                app.theme.warning(),
            ));
        }
    };
    capped(Field::Name, &mut lines);
    lines.push(Line::default());
    lines.push(field(
        format!("{} {}", t.code_label, t.optional),
        &f.code,
        f.field == Field::Code,
    ));
    capped(Field::Code, &mut lines);
    lines.push(Line::default());
    lines.push(field(
        t.unit_label.to_owned(),
        &f.unit,
        f.field == Field::Unit,
    ));
    capped(Field::Unit, &mut lines);
    if f.error == Some(Field::Unit) {
        lines.push(Line::styled(
            format!("  {}", t.unit_required),
            app.theme.bad(),
        ));
    }
    if app.roster().is_some() {
        lines.extend(wrapped(t.unit_filter_hint, w, app.theme.dim()));
        let matches = app.unit_matches();
        if matches.is_empty() {
            lines.push(Line::styled(
                format!("    {}", t.unit_no_match),
                app.theme.bad(),
            ));
        }
        // A window of the list around the highlighted unit.
        const SHOWN: usize = 6;
        let first = f.unit_cursor.saturating_sub(SHOWN - 1);
        for (i, unit) in matches.iter().enumerate().skip(first).take(SHOWN) {
            // Nothing is highlighted until the member chooses: Enter on an
            // empty filter picks no unit.
            let active = i == f.unit_cursor && f.field == Field::Unit && app.unit_chosen();
            let text = crate::text::truncate_chars(&unit.name, w.saturating_sub(4)).to_owned();
            if active {
                lines.push(Line::from(vec![
                    Span::raw("  ▶ "),
                    Span::styled(text, app.theme.cursor()),
                ]));
            } else {
                lines.push(Line::raw(format!("    {text}")));
            }
        }
    }
    results_problem_lines(app, w, &mut lines);
    lines
}

/// Cells left for a field's value after "▶ " and `label` (with its ": ")
/// on a line of `w` cells, keeping one for the cursor after the text.
fn field_room(w: usize, label: &str) -> usize {
    w.saturating_sub(2 + width(label) + 1).max(2)
}

/// A field's value as drawn in `room` cells: the field being typed shows
/// the end of its text (where the cursor is), after "…"; the others show
/// its start, ending with "…".
fn field_shown(value: &str, room: usize, active: bool) -> String {
    if width(value) <= room {
        return value.to_owned();
    }
    if !active {
        return fit(value, room);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1; // the "…"
    for c in value.chars().rev() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if used + cw > room {
            break;
        }
        used += cw;
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// Where the terminal cursor goes (the end of the field being typed), so
/// an input method shows its composition window there.
pub fn cursor_position(app: &App, area: Rect) -> Option<(u16, u16)> {
    if app.screen != Screen::Identity
        || app.help
        || area.width < MIN_SIZE.0
        || area.height < MIN_SIZE.1
    {
        return None;
    }
    let mut sized = Rect::new(0, 0, area.width, area.height);
    sized.x = area.x;
    let body = {
        let [_, main, _] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(sized);
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(main);
        body.inner(ratatui::layout::Margin::new(1, 0))
    };
    let lines = identity_lines(app, usize::from(body.width));
    let t = app.t();
    let label = match app.form.field {
        Field::Name => format!("{}: ", t.name_label),
        Field::Code => format!("{} {}: ", t.code_label, t.optional),
        Field::Unit => format!("{}: ", t.unit_label),
    };
    let row = lines.iter().position(|l| {
        l.spans.first().is_some_and(|s| s.content == "▶ ")
            && l.spans.get(1).is_some_and(|s| s.content == label)
    })?;
    let value = match app.form.field {
        Field::Name => &app.form.name,
        Field::Code => &app.form.code,
        Field::Unit => &app.form.unit,
    };
    let shown = field_shown(value, field_room(usize::from(body.width), &label), true);
    let col = 2 + width(&label) + width(&shown);
    let y = body.y + u16::try_from(row).ok()?;
    let x = body.x + u16::try_from(col).ok()?;
    (y < body.bottom() && x < body.right()).then_some((x, y))
}

fn instructions_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.t();
    let Some(bank) = app.current_bank() else {
        return Vec::new();
    };
    let mut lines = wrapped(&bank.title, w, app.theme.title());
    if let Some(course) = &bank.course {
        lines.extend(wrapped(course, w, app.theme.dim()));
    }
    if let Some(d) = &bank.description {
        lines.push(Line::default());
        lines.extend(wrapped(d, w, Style::new()));
    }
    lines.push(Line::default());
    let n = app.room.overrides().questions_asked(bank);
    let qlimit = bank
        .question_time_limit
        .map(|d| tr::duration_words(app.lang(), d.as_secs()));
    for fact in tr::instructions_facts(
        app.lang(),
        n,
        limit_words(app, bank).as_deref(),
        qlimit.as_deref(),
        bank.pass_percent,
    ) {
        lines.push(Line::styled(
            format!("• {fact}"),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::default());
    lines.extend(wrapped(t.instructions_how, w, Style::new()));
    lines.push(Line::default());
    let timed = limit_words(app, bank).is_some() || bank.question_time_limit.is_some();
    let start = if timed {
        t.instructions_start
    } else {
        t.instructions_start_untimed
    };
    lines.extend(wrapped(start, w, app.theme.good()));
    lines
}

/// Whether the current question is a practice question with several right
/// answers that Enter will check (rather than move on from).
fn awaits_check(app: &App) -> bool {
    let (Some(attempt), Some(bank)) = (app.attempt(), app.current_bank()) else {
        return false;
    };
    let i = attempt.current();
    bank.review == Review::EachQuestion
        && attempt.is_multiple(i)
        && attempt.lock(i) == QuestionLock::Open
}

fn question_lines(app: &App, w: usize) -> Body {
    let t = app.t();
    let mut lines = Vec::new();
    let mut choices = Vec::new();
    let (Some(attempt), Some(bank)) = (app.attempt(), app.current_bank()) else {
        return Body { lines, choices };
    };
    let i = attempt.current();
    let Some(drawn) = attempt.drawn(i) else {
        return Body { lines, choices };
    };
    let Some(q) = bank.questions.get(drawn.index) else {
        return Body { lines, choices };
    };
    if let Some(notice) = &app.notice {
        lines.extend(wrapped(notice, w, app.theme.warning()));
    }
    if app.save_problem().is_some() {
        lines.extend(wrapped(t.autosave_failed, w, app.theme.bad()));
    }
    lines.extend(wrapped(
        &q.text,
        w,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    lines.push(Line::default());
    let multiple = attempt.is_multiple(i);
    lines.push(Line::styled(
        if multiple { t.choose_all } else { t.choose_one },
        app.theme.title(),
    ));
    let feedback = attempt.feedback(bank, i);
    let text_w = w.saturating_sub(CHOICE_INDENT).max(1);
    for (display, &bank_choice) in drawn.order.iter().enumerate() {
        let chosen = attempt.is_chosen(i, display);
        let boxed = match (multiple, chosen) {
            (false, false) => "( )",
            (false, true) => "(•)",
            (true, false) => "[ ]",
            (true, true) => "[x]",
        };
        let cursor = display == app.choice_cursor;
        let right = feedback.is_some() && q.answer.contains(&bank_choice);
        let style = if right {
            app.theme.good()
        } else if chosen {
            app.theme.chosen()
        } else {
            Style::new()
        };
        let text = q.choices.get(bank_choice).map_or("", String::as_str);
        let start = lines.len();
        for (k, part) in wrap(text, text_w).into_iter().enumerate() {
            let prefix = if k == 0 {
                format!(
                    "{}{boxed} {}. ",
                    if cursor { "▶ " } else { "  " },
                    letter(display)
                )
            } else {
                " ".repeat(CHOICE_INDENT)
            };
            let prefix_style = if cursor && k == 0 {
                app.theme.cursor()
            } else {
                style
            };
            lines.push(Line::from(vec![
                Span::styled(prefix, prefix_style),
                Span::styled(part, style),
            ]));
        }
        choices.push(start..lines.len());
    }
    if let Some(correct) = feedback {
        lines.push(Line::default());
        let right = drawn
            .order
            .iter()
            .enumerate()
            .filter(|(_, c)| q.answer.contains(c))
            .map(|(d, _)| letter(d).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let earned = q.score(&attempt.chosen(i), bank.scoring);
        let verdict = tr::verdict(app.lang(), correct, earned);
        // Partial scoring: say how much of the question's points it earned.
        let verdict = if !correct && earned > 0.0 {
            format!("{verdict} {}.", tr::points_of(app.lang(), earned, q.points))
        } else {
            verdict.to_owned()
        };
        lines.push(Line::styled(
            format!("{verdict} {}: {right}", t.right_answer),
            if correct {
                app.theme.good()
            } else if earned > 0.0 {
                app.theme.warning()
            } else {
                app.theme.bad()
            },
        ));
        if let Some(e) = &q.explanation {
            lines.extend(wrapped(&format!("{}: {e}", t.explanation), w, Style::new()));
        }
        if let Some(s) = &q.source {
            lines.extend(wrapped(&format!("{}: {s}", t.source), w, app.theme.dim()));
        }
        lines.extend(wrapped(t.next_hint, w, app.theme.title()));
    } else if awaits_check(app) {
        lines.push(Line::default());
        lines.extend(wrapped(t.check_hint, w, app.theme.title()));
    } else if attempt.lock(i) == QuestionLock::TimeUp {
        lines.push(Line::default());
        lines.extend(wrapped(t.locked, w, app.theme.warning()));
    }
    Body { lines, choices }
}

fn submit_lines(app: &App, w: usize, now: Instant) -> Vec<Line<'static>> {
    let t = app.t();
    let lang = app.lang();
    let mut lines = Vec::new();
    let Some(attempt) = app.attempt() else {
        return lines;
    };
    if let Some(notice) = &app.notice {
        lines.extend(wrapped(notice, w, app.theme.warning()));
        lines.push(Line::default());
    }
    let unanswered = attempt.unanswered().len();
    let flagged = attempt.flagged().len();
    if unanswered == 0 {
        lines.extend(wrapped(t.all_answered, w, app.theme.good()));
    } else {
        lines.extend(wrapped(
            &tr::unanswered_count(lang, unanswered),
            w,
            app.theme.warning(),
        ));
    }
    if flagged > 0 {
        lines.extend(wrapped(
            &tr::flagged_count(lang, flagged),
            w,
            app.theme.flagged(),
        ));
    }
    if let Some(left) = attempt.remaining(now) {
        lines.push(Line::raw(format!(
            "{}: {}",
            t.time_left,
            mm_ss(countdown_secs(left))
        )));
    }
    lines.push(Line::default());
    let entry = |k: usize, text: String| -> Line<'static> {
        if k == app.submit_cursor {
            Line::from(vec![
                Span::raw("▶ "),
                Span::styled(text, app.theme.cursor()),
            ])
        } else {
            Line::raw(format!("  {text}"))
        }
    };
    lines.push(entry(0, t.submit_confirm.to_owned()));
    for (k, (q, unanswered, flagged)) in app.submit_entries().into_iter().enumerate() {
        lines.push(entry(
            k + 1,
            tr::go_back_to(lang, q + 1, unanswered, flagged),
        ));
    }
    lines
}

/// "Saved", or that the row was NOT saved, whether the trainer can recover
/// it, and how to retry.
fn unsaved_lines(app: &App, w: usize, lines: &mut Vec<Line<'static>>) {
    let t = app.t();
    let Some(finished) = app.finished() else {
        return;
    };
    match &finished.saved {
        Ok(()) => lines.extend(wrapped(t.saved, w, app.theme.good())),
        Err(detail) => {
            lines.extend(wrapped(t.not_saved, w, app.theme.bad()));
            if app.only_in_memory() {
                lines.extend(wrapped(t.not_saved_memory, w, app.theme.bad()));
            } else {
                lines.extend(wrapped(t.not_saved_recoverable, w, app.theme.warning()));
            }
            lines.extend(wrapped(
                t.retry_hint,
                w,
                Style::new().add_modifier(Modifier::BOLD),
            ));
            let detail = tr::results_detail(detail, app.lang());
            lines.extend(wrapped(&clean_line(&detail), w, app.theme.dim()));
        }
    }
}

/// The hidden PIN field: the kiosk setup, or the trainer's exit.
fn pin_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.t();
    let mut lines = Vec::new();
    let setting = app.screen == Screen::SetPin;
    lines.extend(wrapped(
        if setting {
            t.set_pin_body
        } else {
            t.exit_pin_body
        },
        w,
        Style::new(),
    ));
    lines.push(Line::default());
    let label = if !setting {
        t.set_pin_first
    } else if app.pin.first.is_some() {
        t.set_pin_confirm
    } else {
        t.set_pin_first
    };
    let dots = "•".repeat(app.pin.typed.chars().count());
    lines.push(Line::from(vec![
        Span::raw("▶ "),
        Span::styled(
            format!("{label}: "),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(dots, app.theme.cursor()),
    ]));
    if setting {
        let problem = match app.pin.problem {
            Some(PinProblem::TooShort) => Some(t.pin_too_short),
            Some(PinProblem::Mismatch) => Some(t.pin_mismatch),
            None => None,
        };
        if let Some(p) = problem {
            lines.push(Line::default());
            lines.extend(wrapped(p, w, app.theme.bad()));
        }
    }
    lines
}

/// The unfinished attempts to resume, and "start a new quiz".
fn resume_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.t();
    let lang = app.lang();
    let mut lines = wrapped(t.resume_hint, w, app.theme.dim());
    lines.push(Line::default());
    for (i, r) in app.resumable.iter().enumerate() {
        let active = i == app.resume_cursor;
        let member = &r.snapshot.member;
        let head = fit(
            &tr::resume_entry(lang, &member.name, &member.unit),
            w.saturating_sub(2),
        );
        let left = r.left.map(|d| mm_ss(d.as_secs()));
        let facts = fit(
            &tr::resume_facts(
                lang,
                &r.bank_title,
                r.answered,
                r.questions,
                left.as_deref(),
            ),
            w.saturating_sub(4),
        );
        if active {
            lines.push(Line::from(vec![
                Span::raw("▶ "),
                Span::styled(head, app.theme.cursor()),
            ]));
        } else {
            lines.push(Line::styled(
                format!("  {head}"),
                Style::new().add_modifier(Modifier::BOLD),
            ));
        }
        lines.push(Line::styled(format!("    {facts}"), app.theme.dim()));
    }
    lines.push(Line::default());
    if app.resume_cursor >= app.resumable.len() {
        lines.push(Line::from(vec![
            Span::raw("▶ "),
            Span::styled(t.resume_new, app.theme.cursor()),
        ]));
    } else {
        lines.push(Line::raw(format!("  {}", t.resume_new)));
    }
    if let Some(problem) = &app.resume_problem {
        lines.push(Line::default());
        lines.extend(wrapped(&clean_line(problem), w, app.theme.bad()));
    }
    lines
}

fn time_up_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.t();
    let mut lines = vec![Line::default()];
    lines.extend(wrapped(t.time_up_title, w, app.theme.warning()));
    lines.push(Line::default());
    lines.extend(wrapped(t.time_up_body, w, Style::new()));
    if let Some(finished) = app.finished() {
        lines.push(Line::default());
        lines.push(Line::raw(format!(
            "{}: {}/{}",
            tr::answered_label(app.lang()),
            finished.outcome.answered,
            finished.outcome.questions
        )));
        if finished.saved.is_err() {
            lines.push(Line::default());
            unsaved_lines(app, w, &mut lines);
        }
    }
    lines
}

fn result_lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = app.t();
    let lang = app.lang();
    let mut lines = Vec::new();
    let (Some(finished), Some(bank), Some(attempt)) =
        (app.finished(), app.current_bank(), app.attempt())
    else {
        return lines;
    };
    let o = &finished.outcome;
    lines.extend(wrapped(&attempt.member().name, w, app.theme.title()));
    lines.extend(wrapped(&bank.title, w, app.theme.dim()));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::raw(format!("{}: ", t.score)),
        Span::styled(
            tr::score_line(lang, o.score, o.max_score, o.percent),
            Style::new().add_modifier(Modifier::BOLD),
        ),
    ]));
    lines.push(Line::from(vec![
        Span::raw(format!("{}: ", t.verdict)),
        if o.passed {
            Span::styled(t.passed, app.theme.good())
        } else {
            Span::styled(t.failed, app.theme.bad())
        },
    ]));
    lines.push(Line::raw(format!(
        "{}: {}",
        t.time_used,
        mm_ss(o.duration.as_secs())
    )));
    if o.timed_out {
        lines.extend(wrapped(t.timed_out_note, w, app.theme.warning()));
    }
    unsaved_lines(app, w, &mut lines);
    if bank.review == Review::None {
        return lines;
    }
    lines.push(Line::default());
    lines.push(Line::styled(t.review_title, app.theme.title()));
    for r in &o.review {
        let Some(q) = bank.questions.get(r.bank_index) else {
            continue;
        };
        lines.push(Line::default());
        lines.push(Line::styled(
            tr::review_heading(lang, r.position + 1, r.correct, r.points, r.max_points),
            if r.correct {
                app.theme.good()
            } else if r.points > 0.0 {
                app.theme.warning()
            } else {
                app.theme.bad()
            },
        ));
        lines.extend(wrapped(
            &q.text,
            w,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        let chosen = lettered(q, &r.order, &r.chosen);
        let chosen = if chosen.is_empty() {
            t.no_answer.to_owned()
        } else {
            chosen.join("; ")
        };
        lines.extend(wrapped(
            &format!("{}: {chosen}", t.your_answer),
            w,
            Style::new(),
        ));
        let right = lettered(q, &r.order, &r.right).join("; ");
        lines.extend(wrapped(
            &format!("{}: {right}", t.right_answer),
            w,
            app.theme.good(),
        ));
        if let Some(e) = &q.explanation {
            lines.extend(wrapped(&format!("{}: {e}", t.explanation), w, Style::new()));
        }
        if let Some(s) = &q.source {
            lines.extend(wrapped(&format!("{}: {s}", t.source), w, app.theme.dim()));
        }
    }
    lines
}

/// The choices of `set` (bank indices) as the member saw them: "B. 21/6/2018".
fn lettered(q: &Question, order: &[usize], set: &[usize]) -> Vec<String> {
    order
        .iter()
        .enumerate()
        .filter(|(_, c)| set.contains(c))
        .map(|(d, &c)| {
            format!(
                "{}. {}",
                letter(d),
                q.choices.get(c).map_or("", String::as_str)
            )
        })
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
