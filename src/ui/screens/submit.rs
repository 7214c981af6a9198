//! The submit screen: unanswered and flagged questions, to go back to one
//! or confirm.

use std::time::Instant;

use ratatui::text::{Line, Span};

use crate::engine::{Refusal, countdown_secs};
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
}

impl SubmitState {
    /// The screen with a notice at the top.
    pub fn with_notice(notice: String) -> SubmitState {
        SubmitState {
            notice: Some(notice),
            ..SubmitState::default()
        }
    }
}

impl App {
    /// The questions offered on the submit screen: unanswered or flagged,
    /// in attempt order, as (question, unanswered, flagged).
    pub fn submit_entries(&self) -> Vec<(usize, bool, bool)> {
        let Some(attempt) = self.attempt() else {
            return Vec::new();
        };
        attempt
            .states()
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.answered || s.flagged)
            .map(|(i, s)| (i, !s.answered, s.flagged))
            .collect()
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
    let entries = std::iter::once(t.submit_confirm.to_owned()).chain(
        app.submit_entries()
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
