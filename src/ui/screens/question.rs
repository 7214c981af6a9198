//! The question screen: one question at a time, its choices, and in
//! practice the right answer once checked. [`question_layout`] draws a
//! question the way a member sees it, for this screen and any other view
//! of a question (a trainer's preview marks the key with it).

use std::time::Instant;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::bank::{Question, Review, Scoring, letter};
use crate::engine::{QuestionLock, Refusal};
use crate::i18n::Lang;
use crate::i18n::ui::{self as tr, texts};
use crate::ui::app::{App, Command, State};
use crate::ui::screens::submit::SubmitState;
use crate::ui::theme::Theme;
use crate::ui::view::{self, Body, wrap, wrapped};

/// Cells before a choice's text: cursor, box and letter ("▶ (•) A. ").
pub const CHOICE_INDENT: usize = 9;

/// The question screen's state (the question itself is the attempt's).
#[derive(Debug, Default)]
pub struct QuestionState {
    /// The highlighted choice (display position).
    pub cursor: usize,
    /// Shown over the question: a per-question limit moved the attempt on,
    /// or Enter was pressed with no answer chosen.
    pub notice: Option<String>,
}

impl QuestionState {
    /// The screen with a notice over the question.
    pub fn with_notice(notice: String) -> QuestionState {
        QuestionState {
            cursor: 0,
            notice: Some(notice),
        }
    }
}

/// What the question layout marks on a question's choices.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// The highlighted choice (display position), with "▶".
    pub cursor: Option<usize>,
    /// Whether each choice (display position) is chosen: `(•)` or `[x]`.
    pub chosen: Vec<bool>,
    /// Whether the right choices are marked (in the "good" style): in
    /// practice once checked, or a trainer's view of the key.
    pub key: bool,
    /// Boxes for several answers ("[ ]") rather than one ("( )").
    pub multiple: bool,
}

/// Appends question `q` to `body` as a member sees it at `w` cells: its
/// text, "choose one" or "choose all", and its choices in `order` (bank
/// indices, in display order) with box, letter and `marks`. Records the
/// lines of each choice in `body.choices`, so clicks land on what is drawn.
pub fn question_layout(
    body: &mut Body,
    q: &Question,
    order: &[usize],
    marks: &Marks,
    w: usize,
    theme: &Theme,
    lang: Lang,
) {
    let t = texts(lang);
    let lines = &mut body.lines;
    lines.extend(wrapped(
        &q.text,
        w,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    lines.push(Line::default());
    lines.push(Line::styled(
        if marks.multiple {
            t.choose_all
        } else {
            t.choose_one
        },
        theme.title(),
    ));
    let text_w = w.saturating_sub(CHOICE_INDENT).max(1);
    for (display, &bank_choice) in order.iter().enumerate() {
        let chosen = marks.chosen.get(display).copied().unwrap_or(false);
        let boxed = match (marks.multiple, chosen) {
            (false, false) => "( )",
            (false, true) => "(•)",
            (true, false) => "[ ]",
            (true, true) => "[x]",
        };
        let cursor = marks.cursor == Some(display);
        let right = marks.key && q.answer.contains(&bank_choice);
        let style = if right {
            theme.good()
        } else if chosen {
            theme.chosen()
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
                theme.cursor()
            } else {
                style
            };
            lines.push(Line::from(vec![
                Span::styled(prefix, prefix_style),
                Span::styled(part, style),
            ]));
        }
        body.choices.push(start..lines.len());
        if cursor {
            body.cursor = Some(start..lines.len());
        }
    }
}

impl App {
    fn current_choice_count(&self) -> usize {
        let Some(attempt) = self.attempt() else {
            return 0;
        };
        attempt
            .drawn(attempt.current())
            .map_or(0, |d| d.order.len())
    }

    fn question_state(&mut self) -> Option<&mut QuestionState> {
        match &mut self.page.state {
            State::Question(q) => Some(q),
            _ => None,
        }
    }

    pub(crate) fn step_question(&mut self, command: Command, now: Instant) {
        let Some(before) = self.attempt().map(|a| a.current()) else {
            return;
        };
        let n = self.current_choice_count();
        let click = match command {
            Command::Click(col, row) => view::choice_at(self, col, row),
            _ => None,
        };
        let practice = self
            .current_bank()
            .is_some_and(|b| b.review == Review::EachQuestion);
        let (Some(session), State::Question(state)) = (self.session.as_mut(), &mut self.page.state)
        else {
            return;
        };
        let attempt = session.attempt_mut();
        let mut result: Result<(), Refusal> = Ok(());
        let chooses = matches!(
            command,
            Command::Choose(_) | Command::ChooseCursor | Command::Click(..)
        );
        let mut open_submit = false;
        match command {
            Command::Choose(i) => result = attempt.choose(i, now),
            Command::ChooseCursor => result = attempt.choose(state.cursor, now),
            Command::Click(..) => {
                if let Some(i) = click {
                    state.cursor = i;
                    result = attempt.choose(i, now);
                }
            }
            Command::Up => state.cursor = state.cursor.saturating_sub(1),
            Command::Down => state.cursor = (state.cursor + 1).min(n.saturating_sub(1)),
            Command::Prev => result = attempt.prev(now),
            Command::Next => result = attempt.next(now),
            Command::Flag => result = attempt.toggle_flag(now),
            Command::Enter => {
                let i = attempt.current();
                // A question whose time ran out cannot be answered any more:
                // Enter moves on from it as from an answered one.
                let done = !attempt.chosen(i).is_empty() || attempt.lock(i) != QuestionLock::Open;
                let last = i + 1 >= attempt.len();
                match attempt.check(now) {
                    // Practice: first show right or wrong; the next Enter moves on.
                    Ok(true) => {}
                    Ok(_) if done && last => open_submit = true,
                    Ok(_) if done => result = attempt.next(now),
                    // Nothing chosen: say so, rather than nothing at all.
                    Ok(_) => state.notice = Some(texts(self.settings.lang).enter_unanswered.into()),
                    Err(e) => result = Err(e),
                }
            }
            Command::Back => open_submit = true,
            Command::ScrollUp => self.page.scroll = self.page.scroll.saturating_sub(1),
            Command::ScrollDown => self.page.scroll += 1,
            _ => {}
        }
        if result.is_ok() && chooses {
            state.notice = None;
            // Practice: choosing the answer of a one-answer question is the
            // answer, so it is checked at once and the right answer shown.
            // A several-answers question is checked by Enter, once the
            // member has chosen all they want.
            if practice && !attempt.is_multiple(attempt.current()) {
                result = attempt.check(now).map(drop);
            }
        }
        let moved = attempt.current() != before;
        if result == Err(Refusal::TimeUp) {
            session.settle(now);
            self.show(State::TimeUp);
            return;
        }
        if open_submit {
            self.open_submit();
        } else if moved {
            self.show(State::Question(QuestionState::default()));
        }
    }

    /// Opens the submit screen over the question, which Esc goes back to
    /// as it was.
    fn open_submit(&mut self) {
        let scroll = self.page.scroll;
        let Some(back) = self.question_state().map(std::mem::take) else {
            return;
        };
        self.show(State::Submit(SubmitState {
            cursor: 0,
            notice: back.notice.clone(),
            back,
            back_scroll: scroll,
            question: None,
        }));
        self.page.scroll = scroll;
    }
}

/// Whether the current question is a practice question with several right
/// answers that Enter will check (rather than move on from).
pub fn awaits_check(app: &App) -> bool {
    let (Some(attempt), Some(bank)) = (app.attempt(), app.current_bank()) else {
        return false;
    };
    let i = attempt.current();
    bank.review == Review::EachQuestion
        && attempt.is_multiple(i)
        && attempt.lock(i) == QuestionLock::Open
}

/// The member's question: a notice, the save problem, the question laid
/// out with their answer, and in practice the right answer once checked.
pub fn lines(app: &App, state: &QuestionState, w: usize) -> Body {
    let t = app.t();
    let mut body = Body::default();
    let (Some(session), Some(bank)) = (app.session.as_ref(), app.current_bank()) else {
        return body;
    };
    let attempt = session.attempt();
    let i = attempt.current();
    let Some(drawn) = attempt.drawn(i) else {
        return body;
    };
    let Some(q) = bank.questions.get(drawn.index) else {
        return body;
    };
    if let Some(notice) = &state.notice {
        body.lines.extend(wrapped(notice, w, app.theme.warning()));
    }
    if session.save_problem().is_some() {
        body.lines
            .extend(wrapped(t.autosave_failed, w, app.theme.bad()));
    }
    let feedback = attempt.feedback(bank, i);
    let marks = Marks {
        cursor: Some(state.cursor),
        chosen: (0..drawn.order.len())
            .map(|d| attempt.is_chosen(i, d))
            .collect(),
        key: feedback.is_some(),
        multiple: attempt.is_multiple(i),
    };
    question_layout(
        &mut body,
        q,
        &drawn.order.to_vec(),
        &marks,
        w,
        &app.theme,
        app.lang(),
    );
    let lines = &mut body.lines;
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
        let (earned, max) = attempt.points(bank, i).unwrap_or_default();
        let verdict = tr::verdict(app.lang(), correct, earned);
        let said = if correct {
            format!("{verdict} {}: {right}", t.right_answer)
        } else {
            let said = format!(
                "{}. {}: {right}",
                verdict.trim_end_matches('.'),
                t.right_answer
            );
            // Partial scoring: how much of the question's points it
            // earned, nothing included ("(0/1 điểm)").
            if bank.scoring == Scoring::Partial {
                format!("{said} {}", tr::points_of(app.lang(), earned, max))
            } else {
                said
            }
        };
        lines.push(Line::styled(
            said,
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
    body
}
