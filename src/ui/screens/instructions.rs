//! The instructions: what the quiz is and the keys; Enter starts the clock.

use std::sync::Arc;
use std::time::Instant;

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

use crate::engine::Member;
use crate::i18n::start;
use crate::i18n::ui as tr;
use crate::session::Session;
use crate::ui::app::{App, Command, State};
use crate::ui::screens::banks::limit_words;
use crate::ui::screens::question::QuestionState;
use crate::ui::view::{Body, wrapped};

impl App {
    pub(crate) fn step_instructions(&mut self, command: Command, now: Instant) {
        match command {
            // The questions are not read yet: the quiz starts once they
            // are.
            Command::Enter if self.loading() => self.enter_when_loaded = true,
            Command::Enter => self.start_attempt(now),
            Command::Back => {
                let State::Instructions(bank, form) =
                    std::mem::replace(&mut self.page.state, State::TimeUp)
                else {
                    return;
                };
                self.show(State::Identity(bank, form));
            }
            Command::ScrollDown | Command::Down => self.page.scroll += 1,
            Command::ScrollUp | Command::Up => {
                self.page.scroll = self.page.scroll.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn start_attempt(&mut self, now: Instant) {
        let State::Instructions(bank, form) = &self.page.state else {
            return;
        };
        let member = Member {
            name: form.name.clone(),
            code: Some(form.code.clone()).filter(|c| !c.is_empty()),
            unit: form.unit.clone(),
        };
        let bank = *bank;
        let Some(session) =
            Session::start(Arc::clone(&self.room), bank, member, &mut self.rng, now)
        else {
            return;
        };
        self.session = Some(session);
        self.show(State::Question(QuestionState::default()));
    }
}

/// The bank's title, course and description, the facts of the quiz, how to
/// answer, and how to start.
pub fn lines(app: &App, w: usize) -> Body {
    let t = app.t();
    let mut body = Body::default();
    let Some(bank) = app.current_bank() else {
        // Enter starts nothing until the bank is read (see
        // `Session::start`); the screen is drawn again when it is.
        if app.loading() {
            body.lines
                .extend(wrapped(start::loading_bank(app.lang()), w, app.theme.dim()));
        }
        return body;
    };
    let lines = &mut body.lines;
    lines.extend(wrapped(&bank.title, w, app.theme.title()));
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
    body
}
