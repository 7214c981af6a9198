//! Drawing the preview. The question itself is drawn by the member's
//! question layout ([`question_layout`]), at the width the member's screen
//! gives it on a terminal of this size, so the trainer sees the question as
//! a member will.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::state::Preview;
use crate::bank::{Located, letter};
use crate::i18n::preview as tr;
use crate::i18n::ui::texts;
use crate::ui::chrome::{fit, render_keys_popup};
use crate::ui::screens::question::{Marks, question_layout};
use crate::ui::view::{Body, MIN_SIZE, wrap, wrapped};

/// Lines of diagnostics the banner shows at most (the rest are counted).
const BANNER_LINES: usize = 7;

/// Lines each of the settings and the topics take at most.
const BAR_LINES: usize = 2;

/// Draws the preview.
///
/// ```text
/// ┌──────────────────────────────────────────────────────────────────────┐
/// │ Xem trước · bank title          Câu 3/20 · Bộ đề 1/2 · Xáo trộn (mã 1)│ 1 line
/// │ settings: time · pick · pass mark · review · scoring                 │ 1–2 lines
/// │ Chủ đề: topic 8 · other 5                                            │ 1–2 lines
/// │ ──────────────────────────────────────────────────────────────────── │
/// │ ⚠ banner with the diagnostics of a broken save, then a blank line    │ 0–9 lines
/// │ file:line · id · topic · points                                      │
/// │ the question as a member sees it, the key marked (member's layout)   │ rest,
/// │ right answer, explanation, source                                    │ scrolled
/// │ footer: the keys, or the "go to" prompt                              │ 2 lines
/// └──────────────────────────────────────────────────────────────────────┘
/// ```
impl Widget for &Preview {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self, area, buf);
    }
}

/// The regions of the preview.
struct Areas {
    header: Rect,
    settings: Rect,
    topics: Rect,
    rule: Rect,
    banner: Rect,
    body: Rect,
    footer: Rect,
}

fn areas(p: &Preview, area: Rect) -> Areas {
    let w = usize::from(area.width);
    let rows = |n: usize| Constraint::Length(u16::try_from(n).unwrap_or(0));
    let [header, settings, topics, rule, banner, main, footer] = Layout::vertical([
        Constraint::Length(1),
        rows(settings_lines(p, w).len()),
        rows(topic_lines(p, w).len()),
        Constraint::Length(1),
        rows(banner_lines(p, w.saturating_sub(2)).len()),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    Areas {
        header,
        settings,
        topics,
        rule,
        banner: banner.inner(Margin::new(1, 0)),
        // The member's body has this margin too: same width, same wrapping.
        body: main.inner(Margin::new(1, 0)),
        footer,
    }
}

fn render(p: &Preview, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        Paragraph::new(texts(p.lang).too_small)
            .wrap(Wrap { trim: true })
            .style(p.theme.title())
            .render(area, buf);
        return;
    }
    let a = areas(p, area);
    render_header(p, a.header, buf);
    render_lines(
        settings_lines(p, usize::from(a.settings.width)),
        a.settings,
        buf,
    );
    render_lines(topic_lines(p, usize::from(a.topics.width)), a.topics, buf);
    Block::new()
        .borders(Borders::TOP)
        .border_style(p.theme.dim())
        .render(a.rule, buf);
    render_lines(banner_lines(p, usize::from(a.banner.width)), a.banner, buf);
    render_scrolled(p, body(p, usize::from(a.body.width)).lines, a.body, buf);
    render_footer(p, a.footer, buf);
    if p.help {
        render_keys_popup(
            tr::help(p.lang),
            tr::help_title(p.lang),
            tr::help_close(p.lang),
            &p.theme,
            area,
            buf,
        );
    }
}

fn render_lines(lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

fn render_header(p: &Preview, area: Rect, buf: &mut Buffer) {
    let mut right = Vec::new();
    if let Some(l) = p.located() {
        right.push(crate::i18n::ui::question_of(
            p.lang,
            p.question + 1,
            l.bank.questions.len(),
        ));
    }
    if p.files.len() > 1 {
        right.push(tr::bank_of(p.lang, p.bank + 1, p.files.len()));
    }
    if p.shuffled {
        right.push(tr::shuffled(p.lang, p.seed));
    }
    let right = right.join(" · ");
    let right_w = u16::try_from(crate::text::width(&right)).unwrap_or(area.width);
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w + 1)]).areas(area);
    let name = match (p.located(), p.file()) {
        (Some(l), _) => l.bank.title.clone(),
        (None, Some(f)) => f.path.display().to_string(),
        (None, None) => String::new(),
    };
    let left = format!("{} · {name}", tr::title(p.lang));
    Line::styled(fit(&left, usize::from(l.width)), p.theme.title()).render(l, buf);
    Line::styled(right, p.theme.title())
        .right_aligned()
        .render(r, buf);
}

/// Parts joined with " · ", wrapped at the joins to `w` cells, at most
/// [`BAR_LINES`] lines (the last cut with "…").
fn bar(parts: &[String], w: usize, style: Style) -> Vec<Line<'static>> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if crate::text::width(line) + 3 + crate::text::width(part) <= w => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    if lines.len() > BAR_LINES {
        let rest = lines.split_off(BAR_LINES - 1).join(" · ");
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|l| Line::styled(fit(&l, w), style))
        .collect()
}

fn settings_lines(p: &Preview, w: usize) -> Vec<Line<'static>> {
    let Some(l) = p.located() else {
        return Vec::new();
    };
    let b = &l.bank;
    let parts = tr::settings(
        p.lang,
        b,
        crate::engine::Overrides::default().questions_asked(b),
    );
    bar(&parts, w, Style::new().add_modifier(Modifier::BOLD))
}

/// The questions per topic, in the order topics first appear.
pub fn topic_counts(l: &Located) -> Vec<(Option<Arc<str>>, usize)> {
    let mut counts: Vec<(Option<Arc<str>>, usize)> = Vec::new();
    for q in &l.bank.questions {
        match counts.iter_mut().find(|(t, _)| *t == q.topic) {
            Some((_, n)) => *n += 1,
            None => counts.push((q.topic.clone(), 1)),
        }
    }
    counts
}

fn topic_lines(p: &Preview, w: usize) -> Vec<Line<'static>> {
    let Some(l) = p.located() else {
        return Vec::new();
    };
    let mut parts: Vec<String> = topic_counts(l)
        .into_iter()
        .map(|(t, n)| format!("{} {n}", t.as_deref().unwrap_or(tr::no_topic(p.lang))))
        .collect();
    if let Some(first) = parts.first_mut() {
        *first = format!("{} {first}", tr::topics(p.lang));
    }
    bar(&parts, w, p.theme.dim())
}

/// The banner over a broken save: a title and the diagnostics as `check`
/// prints them, at most [`BANNER_LINES`] of them.
fn banner_lines(p: &Preview, w: usize) -> Vec<Line<'static>> {
    let Some(file) = p.file() else {
        return Vec::new();
    };
    let Some(diags) = &file.broken else {
        return Vec::new();
    };
    let style = p.theme.bad();
    let head = if file.good.is_some() {
        tr::broken_save(p.lang)
    } else {
        tr::broken_file(p.lang)
    };
    let mut lines = wrapped(head, w, style.add_modifier(Modifier::BOLD));
    let mut text: Vec<String> = diags
        .iter()
        .flat_map(|d| {
            d.render(p.lang)
                .lines()
                .flat_map(|l| wrap(l, w))
                .collect::<Vec<_>>()
        })
        .collect();
    if text.len() > BANNER_LINES {
        let more = text.len() - (BANNER_LINES - 1);
        text.truncate(BANNER_LINES - 1);
        text.push(fit(&tr::more_diagnostics(p.lang, more, &file.path), w));
    }
    lines.extend(text.into_iter().map(|l| Line::styled(l, style)));
    // Apart from the question under it.
    lines.push(Line::default());
    lines
}

/// The question as a member sees it with the key marked, and what a
/// trainer checks around it.
pub fn body(p: &Preview, w: usize) -> Body {
    let mut body = Body::default();
    let Some(l) = p.located() else {
        return body;
    };
    let Some(q) = l.bank.questions.get(p.question) else {
        return body;
    };
    let dim = p.theme.dim();
    let path = p.file().map_or(l.bank.path.as_path(), |f| f.path.as_path());
    let line = l.lines.get(p.question).copied().unwrap_or(0);
    let facts = tr::question_facts(p.lang, path, line, &q.id, q.topic.as_deref(), q.points);
    body.lines.extend(wrapped(&facts, w, dim));
    body.lines.push(Line::default());
    let order = p.order();
    // The right choices are drawn chosen and in the "right" style: the key
    // shows by its boxes, not by colour alone.
    let marks = Marks {
        cursor: None,
        chosen: order.iter().map(|c| q.answer.contains(c)).collect(),
        key: true,
        multiple: q.is_multiple(),
    };
    question_layout(&mut body, q, &order, &marks, w, &p.theme, p.lang);
    let lines = &mut body.lines;
    if p.shuffled && !q.shuffle_choices.unwrap_or(l.bank.shuffle_choices) {
        lines.extend(wrapped(tr::not_shuffled(p.lang), w, dim));
    }
    lines.push(Line::default());
    let right: Vec<String> = order
        .iter()
        .enumerate()
        .filter(|(_, c)| q.answer.contains(c))
        .map(|(d, _)| letter(d).to_string())
        .collect();
    lines.extend(wrapped(
        &tr::key(p.lang, &right.join(", ")),
        w,
        p.theme.good(),
    ));
    match &q.explanation {
        Some(e) => lines.extend(wrapped(
            &format!("{}: {e}", tr::explanation(p.lang)),
            w,
            Style::new(),
        )),
        None => lines.extend(wrapped(tr::no_explanation(p.lang), w, dim)),
    }
    match &q.source {
        Some(s) => lines.extend(wrapped(&format!("{}: {s}", tr::source(p.lang)), w, dim)),
        None => lines.extend(wrapped(tr::no_source(p.lang), w, p.theme.warning())),
    }
    if let Some(n) = &p.notice {
        lines.push(Line::default());
        lines.extend(wrapped(n, w, p.theme.warning()));
    }
    body
}

/// How many lines of `total` fit in `height`, the last row saying there is
/// more when they do not.
fn visible(total: usize, height: u16) -> usize {
    let h = usize::from(height);
    if total > h {
        h.saturating_sub(1)
    } else {
        total
    }
}

/// The furthest the question can scroll on a terminal of `size`.
pub fn max_scroll(p: &Preview, size: (u16, u16)) -> usize {
    let a = areas(p, Rect::new(0, 0, size.0, size.1));
    let total = body(p, usize::from(a.body.width)).lines.len();
    total.saturating_sub(visible(total, a.body.height))
}

fn render_scrolled(p: &Preview, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    let t = texts(p.lang);
    let total = lines.len();
    let shown = visible(total, area.height);
    let scroll = p.scroll.min(total.saturating_sub(shown));
    for (line, y) in lines.into_iter().skip(scroll).take(shown).zip(area.top()..) {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
    if scroll + shown < total {
        let y = area.bottom().saturating_sub(1);
        Line::styled(t.more_below_down, p.theme.dim())
            .render(Rect::new(area.x, y, area.width, 1), buf);
    }
    if scroll > 0 && shown > 1 {
        let top = Rect::new(area.x, area.y, area.width, 1);
        Clear.render(top, buf);
        Line::styled(t.more_above, p.theme.dim()).render(top, buf);
    }
}

fn render_footer(p: &Preview, area: Rect, buf: &mut Buffer) {
    let line = match &p.goto {
        Some(typed) => Line::from(vec![
            Span::styled(
                format!("{} ", tr::goto_prompt(p.lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!("{typed}_"),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            Span::styled(format!("   {}", tr::goto_keys(p.lang)), p.theme.footer()),
        ]),
        None => Line::styled(tr::keys(p.lang, p.files.len() > 1), p.theme.footer()),
    };
    Paragraph::new(line)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
