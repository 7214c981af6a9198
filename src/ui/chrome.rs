//! What every screen has around its body: the header (title, question
//! number, countdown), the footer (the keys of the screen), the help popup
//! and the "too small" message; and the question screen's own rows above
//! its body (the countdown gauge, the question strip and its legend).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Gauge, Paragraph, Widget, Wrap};
use unicode_truncate::UnicodeTruncateStr;

use super::app::{App, Screen};
use super::screens::identity::{self, Esc};
use super::screens::question::awaits_check;
use super::theme::Theme;
use crate::engine::{Attempt, countdown_secs};
use crate::i18n::ui as tr;
use crate::text::width;

pub(crate) fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    Paragraph::new(app.t().too_small)
        .wrap(Wrap { trim: true })
        .style(app.theme.title())
        .render(area, buf);
}

fn screen_title(app: &App) -> &'static str {
    let t = app.t();
    match app.screen() {
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

pub(crate) fn render_header(app: &App, area: Rect, buf: &mut Buffer, now: Instant) {
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
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_owned();
    }
    let (cut, _) = s.unicode_truncate(w.saturating_sub(1));
    format!("{cut}…")
}

/// "Câu 3/20" while an attempt runs, and "· Còn lại 12:34" on the submit
/// screen. The question screen shows the time left once, on its gauge: a
/// second place would be redrawn every second too.
fn header_right(app: &App, now: Instant) -> Line<'static> {
    let Some(attempt) = running(app) else {
        return Line::default();
    };
    let mut spans = vec![Span::styled(
        tr::question_of(
            app.lang(),
            app.header_question().unwrap_or(attempt.current()) + 1,
            attempt.len(),
        ),
        app.theme.title(),
    )];
    if app.screen() != Screen::Question
        && let Some(left) = attempt.remaining(now)
    {
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
    match app.screen() {
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

pub(crate) fn question_areas(app: &App, main: Rect) -> QuestionAreas {
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

pub(crate) fn render_gauge(app: &App, area: Rect, buf: &mut Buffer, now: Instant) {
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
            let mut label = format!("{} {}", app.t().time_left, mm_ss(countdown_secs(left)));
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
fn ratio(left: Duration, limit: Duration) -> f64 {
    if limit.is_zero() {
        0.0
    } else {
        (left.as_secs_f64() / limit.as_secs_f64()).clamp(0.0, 1.0)
    }
}

pub(crate) fn render_strip(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(attempt) = app.attempt() else {
        return;
    };
    let states = attempt.states();
    // With more questions than fit, show the rows around the current one.
    let rows = usize::from(area.height).max(1);
    // ... keeping room at the end for "+N", the questions after them, so
    // the strip does not look like the whole quiz.
    let overflows = states.len() > strip_per_row(area.width) * rows;
    let per_row = strip_per_row(area.width.saturating_sub(if overflows { 5 } else { 0 }));
    let current_row = attempt.current() / per_row;
    let first_row = current_row.saturating_sub(rows - 1);
    let hidden_after = states.len().saturating_sub((first_row + rows) * per_row);
    // One string per row holds every entry's text, and the spans borrow
    // from it: a frame makes one string a row, not one per question shown.
    let mut text = String::new();
    let mut cut: Vec<(usize, Style)> = Vec::with_capacity(per_row);
    for (r, y) in (first_row..first_row + rows).zip(area.top()..area.bottom()) {
        text.clear();
        cut.clear();
        for (i, s) in states.iter().enumerate().skip(r * per_row).take(per_row) {
            let answered = if s.answered { '✓' } else { ' ' };
            let flag = if s.flagged { '!' } else { ' ' };
            let (open, close) = if s.current { ('[', ']') } else { (' ', ' ') };
            let style = if s.current {
                app.theme.cursor()
            } else if s.flagged {
                app.theme.flagged()
            } else if s.answered {
                app.theme.chosen()
            } else {
                Style::new()
            };
            let _ = write!(text, "{open}{:>2}{answered}{flag}{close}", i + 1);
            cut.push((text.len(), style));
        }
        let mut start = 0;
        let mut spans: Vec<Span> = cut
            .iter()
            .map(|&(end, style)| {
                let span = Span::styled(text.get(start..end).unwrap_or_default(), style);
                start = end;
                span
            })
            .collect();
        if r + 1 == first_row + rows && hidden_after > 0 {
            spans.push(Span::styled(format!(" +{hidden_after}"), app.theme.dim()));
        }
        Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

pub(crate) fn render_legend(app: &App, area: Rect, buf: &mut Buffer) {
    Line::styled(app.t().legend, app.theme.dim()).render(area, buf);
}

pub(crate) fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.t();
    let choices = app
        .attempt()
        .and_then(|a| a.drawn(a.current()))
        .map_or(0, |d| d.order.len());
    let question_keys;
    let identity_keys;
    let keys = match app.screen() {
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
        Screen::Result if app.row_unsaved() => t.keys_result_unsaved,
        Screen::Result if app.settings.once && !app.is_kiosk() => t.keys_result_once,
        Screen::Result => t.keys_result,
    };
    if width(keys) <= usize::from(area.width) {
        // What the wrapping paragraph draws when the keys fit on a line,
        // without word-wrapping them again at every key (a tenth of a
        // key's drawing).
        buf.set_style(area, app.theme.footer());
        Line::raw(keys.trim_start()).render(Rect { height: 1, ..area }, buf);
        return;
    }
    Paragraph::new(keys)
        .style(app.theme.footer())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The identity footer: the keys of the field, and what Esc does now (as
/// the identity screen does it).
fn identity_footer(app: &App) -> String {
    let t = app.t();
    let f = app.form();
    let esc = match identity::esc(app, f) {
        Esc::Clear => Some(t.esc_clear),
        Esc::Back => Some(t.esc_back),
        Esc::Quit => Some(t.esc_quit),
        Esc::Nothing => None,
    };
    let unit = f.field == crate::session::member::Field::Unit;
    tr::keys_identity(app.lang(), unit && app.roster().is_some(), unit, esc)
}

/// The keys of the screen shown, for the help popup.
fn help_lines(app: &App) -> &'static [(&'static str, &'static str)] {
    let t = app.t();
    match app.screen() {
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

pub(crate) fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.t();
    // In kiosk mode Esc never leaves the app: not a key to offer there.
    let kiosk_list = app.is_kiosk() && app.screen() == Screen::ChooseBank;
    let help: Vec<(&str, &str)> = help_lines(app)
        .iter()
        .filter(|(k, _)| !(kiosk_list && *k == "Esc"))
        .copied()
        .collect();
    render_keys_popup(&help, t.help_title, t.help_close, &app.theme, area, buf);
}

/// A popup centred over `area` listing `keys` (key, what it does) under
/// `title`, with `close` (how to close it) below: the help of any screen,
/// the member's or a trainer's.
pub fn render_keys_popup(
    keys: &[(&str, &str)],
    title: &str,
    close: &str,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let key_w = keys.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let lines: Vec<Line> = keys
        .iter()
        .map(|(k, what)| {
            let pad = " ".repeat(key_w.saturating_sub(width(k)) + 2);
            Line::from(vec![
                Span::styled(
                    format!("{k}{pad}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(what.to_string()),
            ])
        })
        .chain([Line::default(), Line::styled(close.to_owned(), theme.dim())])
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
                .title(Span::styled(format!(" {title} "), theme.title())),
        )
        .render(popup, buf);
}
