//! The list of banks (skipped when there is only one).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::bank::Bank;
use crate::i18n::start;
use crate::i18n::ui as tr;
use crate::ui::app::{App, Command, IdentityForm, State};
use crate::ui::view::{Body, wrap, wrapped};

impl App {
    pub(crate) fn step_choose_bank(&mut self, command: Command) {
        let n = self.banks().len();
        let kiosk = self.is_kiosk();
        let State::ChooseBank(cursor) = &mut self.page.state else {
            return;
        };
        match command {
            Command::Up => *cursor = cursor.saturating_sub(1),
            Command::Down => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            Command::Enter if *cursor < n => {
                let bank = *cursor;
                self.show(State::Identity(bank, IdentityForm::default()));
            }
            Command::Back if !kiosk => self.quit = true,
            _ => {}
        }
    }
}

/// "20 phút" for the bank's limit, or `--time-limit`'s.
pub fn limit_words(app: &App, bank: &Bank) -> Option<String> {
    app.room
        .overrides()
        .time_limit
        .or(bank.time_limit)
        .map(|d| tr::duration_words(app.lang(), d.as_secs()))
}

/// "1 bộ đề có lỗi nên không hiển thị — chạy union-quiz check", on the
/// start screen, for the trainer.
pub fn skipped_lines(app: &App, w: usize, lines: &mut Vec<Line<'static>>) {
    if app.skipped_banks > 0 {
        lines.extend(wrapped(
            &tr::banks_skipped_note(app.lang(), app.skipped_banks),
            w,
            app.theme.warning(),
        ));
    }
}

/// Why the results file cannot be written, for the trainer, on the first
/// screens.
pub fn results_problem_lines(app: &App, w: usize, lines: &mut Vec<Line<'static>>) {
    if let Some(problem) = &app.results_problem {
        lines.push(Line::default());
        lines.extend(wrapped(problem, w, app.theme.bad()));
    }
}

/// The banks, each its title and a line of facts; the highlighted one is
/// the body's cursor.
pub fn lines(app: &App, highlighted: usize, w: usize) -> Body {
    let mut body = Body::default();
    let lines = &mut body.lines;
    skipped_lines(app, w, lines);
    lines.extend(wrapped(app.t().choose_bank_hint, w, app.theme.dim()));
    lines.push(Line::default());
    if app.loading() {
        lines.extend(wrapped(
            start::loading_banks(app.lang()),
            w,
            app.theme.dim(),
        ));
    }
    for (i, bank) in app.banks().iter().enumerate() {
        let active = i == highlighted;
        let style = if active {
            app.theme.cursor()
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        let marker = if active { "▶ " } else { "  " };
        let start = lines.len();
        for (k, l) in wrap(&bank.title, w.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let prefix = if k == 0 { marker } else { "  " };
            lines.push(Line::from(vec![Span::raw(prefix), Span::styled(l, style)]));
        }
        let n = app.room.overrides().questions_asked(bank);
        let per_question = bank
            .question_time_limit
            .map(|d| tr::duration_words(app.lang(), d.as_secs()));
        let summary = tr::bank_summary(
            app.lang(),
            n,
            limit_words(app, bank).as_deref(),
            per_question.as_deref(),
        );
        lines.push(Line::styled(format!("    {summary}"), app.theme.dim()));
        if active {
            // Its title and facts, kept in view together.
            body.cursor = Some(start..lines.len());
        }
    }
    results_problem_lines(app, w, lines);
    body
}
