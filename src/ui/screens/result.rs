//! The end of an attempt: the time-up screen (the deadline submitted it)
//! and the result (score, pass or fail, review), with whether the row was
//! saved.

use std::time::Instant;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::bank::{Question, Review, letter};
use crate::i18n::ui as tr;
use crate::text::clean_line;
use crate::ui::app::{App, Command, State};
use crate::ui::chrome::mm_ss;
use crate::ui::view::{Body, wrapped};

impl App {
    pub(crate) fn step_time_up(&mut self, command: Command) {
        let scroll = self.page.scroll;
        match command {
            Command::Down | Command::ScrollDown => self.page.scroll = scroll + 1,
            Command::Up | Command::ScrollUp => self.page.scroll = scroll.saturating_sub(1),
            Command::Enter => self.show(State::Result),
            Command::Retry => self.retry_row(),
            _ => {}
        }
    }

    pub(crate) fn step_result(&mut self, command: Command, now: Instant) {
        let scroll = self.page.scroll;
        match command {
            Command::Enter if self.only_in_memory() => {}
            Command::Enter => {
                if self.settings.once && !self.is_kiosk() {
                    self.quit = true;
                } else {
                    self.next_member(now);
                }
            }
            Command::Retry => self.retry_row(),
            Command::Down | Command::ScrollDown => self.page.scroll = scroll + 1,
            Command::Up | Command::ScrollUp => self.page.scroll = scroll.saturating_sub(1),
            Command::Next => self.page.scroll = scroll + 10,
            Command::Prev => self.page.scroll = scroll.saturating_sub(10),
            _ => {}
        }
    }

    /// `r` on the result screen: writes the row again.
    fn retry_row(&mut self) {
        if let Some(session) = self.session.as_mut() {
            session.retry_row();
        }
    }

    /// Whether the finished attempt's row could not be written.
    pub fn row_unsaved(&self) -> bool {
        self.finished().is_some_and(|f| f.saved.is_err())
    }
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

/// The time-up screen: what happened, how many were answered, and whether
/// the row was saved when it was not.
pub fn time_up_lines(app: &App, w: usize) -> Body {
    let t = app.t();
    let mut body = Body::default();
    let lines = &mut body.lines;
    lines.push(Line::default());
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
            unsaved_lines(app, w, lines);
        }
    }
    body
}

/// The result: member, bank, score, verdict, time, saved or not, and the
/// review when the bank allows it.
pub fn result_lines(app: &App, w: usize) -> Body {
    let t = app.t();
    let lang = app.lang();
    let mut body = Body::default();
    let (Some(finished), Some(bank), Some(attempt)) =
        (app.finished(), app.current_bank(), app.attempt())
    else {
        return body;
    };
    let lines = &mut body.lines;
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
    unsaved_lines(app, w, lines);
    if bank.review == Review::None {
        return body;
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
    body
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
