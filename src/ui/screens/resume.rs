//! The resume screen: unfinished attempts found in the autosave folder, to
//! go on with one or start a new attempt.

use std::sync::Arc;
use std::time::Instant;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::i18n::ui as tr;
use crate::session::{Resumable, ResumeProblem, Session};
use crate::text::clean_line;
use crate::ui::app::{App, Command, State};
use crate::ui::chrome::{fit, mm_ss};
use crate::ui::screens::question::QuestionState;
use crate::ui::view::{Body, wrapped};

/// The unfinished attempts offered, and the highlighted entry.
#[derive(Debug)]
pub struct ResumeList {
    /// The attempts (their member's text already cleaned).
    pub entries: Vec<Resumable>,
    /// The highlighted entry; the one after the last is "new quiz".
    pub cursor: usize,
    /// Why the chosen attempt could not be resumed.
    pub problem: Option<String>,
}

impl ResumeList {
    /// The list, with the first entry highlighted.
    pub fn new(entries: Vec<Resumable>) -> ResumeList {
        ResumeList {
            entries,
            cursor: 0,
            problem: None,
        }
    }
}

impl App {
    pub(crate) fn step_resume(&mut self, command: Command, now: Instant) {
        let State::Resume(list) = &mut self.page.state else {
            return;
        };
        let n = list.entries.len();
        match command {
            Command::Up => list.cursor = list.cursor.saturating_sub(1),
            Command::Down => list.cursor = (list.cursor + 1).min(n),
            Command::Enter if list.cursor < n => {
                let id = list.entries[list.cursor].id.clone();
                self.resume(&id, now);
            }
            Command::Enter | Command::Back => {
                let start = self.start_screen();
                self.show(start);
            }
            _ => {}
        }
    }

    /// Resumes the unfinished attempt `id`.
    fn resume(&mut self, id: &str, now: Instant) {
        let lang = self.settings.lang;
        let problem = match Session::resume(Arc::clone(&self.room), id, now) {
            Ok(session) => {
                let finished = session.attempt().finish();
                self.session = Some(session);
                self.show(match finished {
                    // Finished, but its row was never written: it is
                    // written now.
                    Some(f) if f.timed_out => State::TimeUp,
                    Some(_) => State::Result,
                    None => State::Question(QuestionState::default()),
                });
                return;
            }
            Err(ResumeProblem::InUse) => {
                // Another session took it: the list is made again without it.
                let mut list = ResumeList::new(self.room.resumable());
                list.problem = Some(tr::texts(lang).resume_in_use.to_owned());
                self.show(State::Resume(list));
                return;
            }
            Err(e) => tr::resume_problem(lang, &e),
        };
        if let State::Resume(list) = &mut self.page.state {
            list.problem = Some(problem);
        }
    }
}

/// The unfinished attempts to resume, and "start a new quiz".
pub fn lines(app: &App, list: &ResumeList, w: usize) -> Body {
    let t = app.t();
    let lang = app.lang();
    let mut body = Body::default();
    let lines = &mut body.lines;
    lines.extend(wrapped(t.resume_hint, w, app.theme.dim()));
    lines.push(Line::default());
    for (i, r) in list.entries.iter().enumerate() {
        let active = i == list.cursor;
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
            // An attempt is its line and the facts under it: kept in view
            // together.
            body.cursor = Some(lines.len()..lines.len() + 2);
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
    if list.cursor >= list.entries.len() {
        body.cursor = Some(lines.len()..lines.len() + 1);
        lines.push(Line::from(vec![
            Span::raw("▶ "),
            Span::styled(t.resume_new, app.theme.cursor()),
        ]));
    } else {
        lines.push(Line::raw(format!("  {}", t.resume_new)));
    }
    if let Some(problem) = &list.problem {
        lines.push(Line::default());
        lines.extend(wrapped(&clean_line(problem), w, app.theme.bad()));
    }
    body
}
