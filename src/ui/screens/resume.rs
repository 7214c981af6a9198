//! The resume screen: unfinished attempts found in the autosave folder, to
//! go on with one or start a new attempt.

use std::sync::Arc;
use std::time::Instant;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::i18n::start;
use crate::i18n::ui as tr;
use crate::session::{Resumable, ResumeProblem, Session};
use crate::text::clean_line;
use crate::ui::app::{App, Command, State};
use crate::ui::chrome::{fit, mm_ss};
use crate::ui::screens::identity::IdentityForm;
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
    /// Offered after the identity form (see [`App::resume_by_identity`]):
    /// the bank and the member, for "new quiz" to go on to the
    /// instructions.
    pub member: Option<(usize, IdentityForm)>,
}

impl ResumeList {
    /// The list, with the first entry highlighted.
    pub fn new(entries: Vec<Resumable>) -> ResumeList {
        ResumeList {
            entries,
            cursor: 0,
            problem: None,
            member: None,
        }
    }

    /// The member's own unfinished attempts on `bank`, offered after they
    /// typed `form`.
    pub fn for_member(entries: Vec<Resumable>, bank: usize, form: IdentityForm) -> ResumeList {
        ResumeList {
            member: Some((bank, form)),
            ..ResumeList::new(entries)
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
            // An attempt resumes on its bank, checked against its hash:
            // it waits until the banks are read.
            Command::Enter if list.cursor < n && !self.room.is_loaded() => {
                self.enter_when_loaded = true;
            }
            Command::Enter if list.cursor < n => {
                let id = list.entries[list.cursor].id.clone();
                self.resume(&id, now);
            }
            Command::Enter | Command::Back => {
                let next = match list.member.take() {
                    Some((bank, form)) => State::Instructions(bank, form),
                    None => self.start_screen(),
                };
                self.show(next);
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
                // Another session took it: the list is made again without it
                // (only the member's own, when offered after the identity).
                let member = match &mut self.page.state {
                    State::Resume(list) => list.member.take(),
                    _ => None,
                };
                let mut list = match member {
                    Some((bank, form)) => {
                        let own = self.own_unfinished(bank, &form);
                        ResumeList::for_member(own, bank, form)
                    }
                    None => ResumeList::new(self.room.resumable()),
                };
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
    if app.loading() {
        lines.extend(wrapped(start::loading_bank(lang), w, app.theme.dim()));
        lines.push(Line::default());
    }
    for (i, r) in list.entries.iter().enumerate() {
        let active = i == list.cursor;
        // Listed before the banks were read, an entry named its bank by
        // id: its title once it is known.
        let bank_title = app
            .banks()
            .iter()
            .find(|b| b.id == r.snapshot.bank_id)
            .map_or_else(|| r.bank_title.clone(), |b| clean_line(&b.title));
        let member = &r.snapshot.member;
        let head = fit(
            &tr::resume_entry(lang, &member.name, &member.unit),
            w.saturating_sub(2),
        );
        let left = r.left.map(|d| mm_ss(d.as_secs()));
        let per_question = r
            .snapshot
            .question_time_limit_ms
            .map(|ms| tr::duration_words(lang, ms / 1000));
        let facts = fit(
            &tr::resume_facts(
                lang,
                &bank_title,
                r.answered,
                r.questions,
                left.as_deref(),
                per_question.as_deref(),
                r.snapshot.finish.is_some(),
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
