//! The submit screen: unanswered and flagged questions, to go back to one
//! or confirm.

use std::time::Instant;

use ratatui::text::{Line, Span};

use crate::engine::{QuestionLock, Refusal, countdown_secs};
use crate::i18n::ui as tr;
use crate::ui::app::{App, Command, State};
use crate::ui::chrome::mm_ss;
use crate::ui::screens::question::QuestionState;
use crate::ui::view::{Body, wrapped};

/// The submit screen's state.
#[derive(Debug, Default)]
pub struct SubmitState {
    /// The highlighted entry (0 = submit, then the questions listed).
    pub cursor: usize,
    /// Said at the top: a per-question limit ended the last open question,
    /// or what the question screen was saying when Esc was pressed.
    pub notice: Option<String>,
    /// The question screen to go back to on Esc, as it was.
    pub back: QuestionState,
    /// Its scroll.
    pub back_scroll: usize,
    /// The question the header names when it is not the attempt's current
    /// one: the question whose own time just ran out (the attempt has
    /// already moved on from it).
    pub question: Option<usize>,
}

impl SubmitState {
    /// The screen opened because the time of `question` ran out, with a
    /// notice at the top.
    pub fn question_time_up(question: usize, notice: String) -> SubmitState {
        SubmitState {
            notice: Some(notice),
            question: Some(question),
            ..SubmitState::default()
        }
    }
}

impl App {
    /// The questions offered on the submit screen to go back to:
    /// unanswered or flagged, and not out of their own time, in attempt
    /// order, as (question, unanswered, flagged).
    pub fn submit_entries(&self) -> Vec<(usize, bool, bool)> {
        self.submit_questions(false)
    }

    /// The questions whose own time ran out that are unanswered or
    /// flagged: listed as out of time, with no way back to them.
    pub fn submit_timed_out(&self) -> Vec<(usize, bool, bool)> {
        self.submit_questions(true)
    }

    fn submit_questions(&self, timed_out: bool) -> Vec<(usize, bool, bool)> {
        let Some(attempt) = self.attempt() else {
            return Vec::new();
        };
        attempt
            .states()
            .iter()
            .enumerate()
            .filter(|&(i, s)| {
                (!s.answered || s.flagged) && (attempt.lock(i) == QuestionLock::TimeUp) == timed_out
            })
            .map(|(i, s)| (i, !s.answered, s.flagged))
            .collect()
    }

    /// The question the header names: on the submit screen opened by a
    /// question's time running out, that question.
    pub fn header_question(&self) -> Option<usize> {
        match &self.page.state {
            State::Submit(s) => s.question.or_else(|| self.attempt().map(|a| a.current())),
            _ => self.attempt().map(|a| a.current()),
        }
    }

    pub(crate) fn step_submit(&mut self, command: Command, now: Instant) {
        let entries = self.submit_entries();
        let State::Submit(state) = &mut self.page.state else {
            return;
        };
        match command {
            Command::Up => state.cursor = state.cursor.saturating_sub(1),
            Command::Down => state.cursor = (state.cursor + 1).min(entries.len()),
            Command::Back => {
                let mut back = std::mem::take(&mut state.back);
                back.notice = None;
                let scroll = state.back_scroll;
                self.show(State::Question(back));
                self.page.scroll = scroll;
            }
            Command::Confirm => self.submit(now),
            Command::Enter => match state.cursor.checked_sub(1) {
                None => self.submit(now),
                Some(k) => {
                    if let (Some(&(q, _, _)), Some(session)) =
                        (entries.get(k), self.session.as_mut())
                    {
                        // Going back is always allowed before the deadline.
                        let _ = session.attempt_mut().go_to(q, now);
                        self.show(State::Question(QuestionState::default()));
                    }
                }
            },
            _ => {}
        }
    }

    /// Submits the attempt; its row is written as the session settles.
    pub(crate) fn submit(&mut self, now: Instant) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let timed_out = session.submit(now) == Err(Refusal::TimeUp);
        if session.attempt().is_finished() {
            self.show(if timed_out {
                State::TimeUp
            } else {
                State::Result
            });
        }
    }
}

/// What is left to answer, the time left, "submit" and the questions to go
/// back to; the highlighted entry is the body's cursor.
pub fn lines(app: &App, state: &SubmitState, w: usize, now: Instant) -> Body {
    let t = app.t();
    let lang = app.lang();
    let mut body = Body::default();
    let Some(attempt) = app.attempt() else {
        return body;
    };
    let lines = &mut body.lines;
    if let Some(notice) = &state.notice {
        lines.extend(wrapped(notice, w, app.theme.warning()));
        lines.push(Line::default());
    }
    let entries = app.submit_entries();
    // Only questions that can still be answered count as left to answer.
    let unanswered = entries.iter().filter(|e| e.1).count();
    let flagged = attempt.flagged().len();
    let timed_out = app.submit_timed_out();
    if unanswered == 0 && timed_out.iter().any(|e| e.1) {
        // Nothing left to answer, but not everything answered: the lines
        // of the questions out of time say which.
    } else if unanswered == 0 {
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
    if !timed_out.is_empty() {
        if lines.last().is_some_and(|l| l.width() > 0) {
            lines.push(Line::default());
        }
        for (q, unanswered, _) in timed_out {
            lines.extend(wrapped(
                &tr::question_timed_out(lang, q + 1, unanswered),
                w,
                app.theme.dim(),
            ));
        }
    }
    lines.push(Line::default());
    let entries = std::iter::once(t.submit_confirm.to_owned()).chain(
        entries
            .into_iter()
            .map(|(q, unanswered, flagged)| tr::go_back_to(lang, q + 1, unanswered, flagged)),
    );
    for (k, text) in entries.enumerate() {
        if k == state.cursor {
            body.cursor = Some(lines.len()..lines.len() + 1);
            lines.push(Line::from(vec![
                Span::raw("▶ "),
                Span::styled(text, app.theme.cursor()),
            ]));
        } else {
            lines.push(Line::raw(format!("  {text}")));
        }
    }
    body
}
