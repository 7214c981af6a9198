//! The identity screen: name, member code and unit (a filter over the
//! roster, or typed freely).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_truncate::UnicodeTruncateStr;

use crate::engine::Member;
use crate::i18n::ui as tr;
use crate::session::Resumable;
use crate::session::member::{Field, clean_name, is_acceptable_name};
use crate::text::{clean_line, fold, truncate_chars, width};
use crate::ui::app::{App, Command, State, unit_matches};
use crate::ui::chrome::fit;
use crate::ui::screens::banks::{results_problem_lines, skipped_lines};
use crate::ui::screens::resume::ResumeList;
use crate::ui::view::{Body, wrapped};

/// Roster units shown at once under the unit field.
const UNITS_SHOWN: usize = 6;

/// The identity form.
#[derive(Debug, Clone, Default)]
pub struct IdentityForm {
    /// Full name as typed.
    pub name: String,
    /// Member code as typed.
    pub code: String,
    /// Unit typed freely, or the roster filter.
    pub unit: String,
    /// The highlighted unit among the roster matches.
    pub unit_cursor: usize,
    /// Whether the member moved the highlight in the roster list with ↑/↓.
    /// With nothing typed, Enter picks a unit only then: a member who just
    /// presses Enter must not be counted for the first unit of the roster.
    pub unit_picked: bool,
    /// The field being typed in.
    pub field: Field,
    /// The problem to show, if the member tried to go on too early.
    pub error: Option<Field>,
    /// The field whose length cap cut what was typed, to say so.
    pub capped: Option<Field>,
}

impl IdentityForm {
    /// An empty form on the name field.
    pub const EMPTY: IdentityForm = IdentityForm {
        name: String::new(),
        code: String::new(),
        unit: String::new(),
        unit_cursor: 0,
        unit_picked: false,
        field: Field::Name,
        error: None,
        capped: None,
    };

    /// Whether the highlighted roster unit is the member's choice: they
    /// typed a filter, or moved the highlight with ↑/↓.
    pub fn unit_chosen(&self) -> bool {
        self.unit_picked || !self.unit.trim().is_empty()
    }

    /// Whether anything was typed in any field.
    pub fn is_typed(&self) -> bool {
        [&self.name, &self.code, &self.unit]
            .iter()
            .any(|f| !f.is_empty())
    }

    /// The text of `field`.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Code => &self.code,
            Field::Unit => &self.unit,
        }
    }

    fn field_mut(&mut self) -> &mut String {
        match self.field {
            Field::Name => &mut self.name,
            Field::Code => &mut self.code,
            Field::Unit => &mut self.unit,
        }
    }

    fn pick_unit(&mut self) {
        self.unit_picked = true;
        if self.error == Some(Field::Unit) {
            self.error = None;
        }
    }

    /// Adds typed or pasted text to the field: cleaned of control
    /// characters, NFC (so marks typed after a letter compose with it), and
    /// capped.
    fn type_text(&mut self, s: &str) {
        let max = self.field.max_chars();
        let field = self.field_mut();
        let joined = clean_line(&format!("{field}{s}"));
        let cut = joined.chars().count() > max;
        *field = truncate_chars(&joined, max).to_owned();
        self.capped = cut.then_some(self.field);
        self.unit_cursor = 0;
        self.unit_picked = false;
        if self.error == Some(self.field) {
            self.error = None;
        }
    }
}

fn next_field(f: Field) -> Field {
    match f {
        Field::Name => Field::Code,
        Field::Code | Field::Unit => Field::Unit,
    }
}

fn prev_field(f: Field) -> Field {
    match f {
        Field::Name | Field::Code => Field::Name,
        Field::Unit => Field::Code,
    }
}

/// What Esc does on the identity screen now: clear what was typed, go back
/// to the bank list, quit, or nothing (kiosk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Esc {
    /// Clears the form (a member who pressed it by mistake loses a name,
    /// not the app).
    Clear,
    /// Back to the bank list.
    Back,
    /// Leaves the app (this is the start screen).
    Quit,
    /// Nothing (kiosk mode on the start screen).
    Nothing,
}

/// What Esc does with `form` in `app`; the footer says the same.
pub fn esc(app: &App, form: &IdentityForm) -> Esc {
    if form.is_typed() {
        Esc::Clear
    } else if app.room.bank_count() > 1 {
        Esc::Back
    } else if !app.is_kiosk() {
        Esc::Quit
    } else {
        Esc::Nothing
    }
}

impl App {
    pub(crate) fn step_identity(&mut self, command: Command) {
        let room = std::sync::Arc::clone(&self.room);
        let roster = room.roster();
        let esc_does = match &self.page.state {
            State::Identity(_, form) => esc(self, form),
            _ => return,
        };
        let State::Identity(bank, form) = &mut self.page.state else {
            return;
        };
        let has_roster = roster.is_some();
        match command {
            Command::Type(c) => form.type_text(&c.to_string()),
            Command::Paste(s) => form.type_text(&s),
            Command::Backspace => {
                form.field_mut().pop();
                form.unit_cursor = 0;
                form.unit_picked = false;
                form.capped = None;
            }
            Command::NextField => form.field = next_field(form.field),
            Command::PrevField => form.field = prev_field(form.field),
            Command::Up if form.field == Field::Unit && has_roster => {
                if form.unit_chosen() {
                    form.unit_cursor = form.unit_cursor.saturating_sub(1);
                }
                form.pick_unit();
            }
            Command::Down if form.field == Field::Unit && has_roster => {
                if form.unit_chosen() {
                    let n = unit_matches(roster, &form.unit).len();
                    form.unit_cursor = (form.unit_cursor + 1).min(n.saturating_sub(1));
                }
                form.pick_unit();
            }
            Command::Up => form.field = prev_field(form.field),
            Command::Down => form.field = next_field(form.field),
            Command::Enter => match form.field {
                Field::Name if !is_acceptable_name(&form.name) => {
                    form.error = Some(Field::Name);
                }
                Field::Name | Field::Code => {
                    form.error = None;
                    form.field = next_field(form.field);
                }
                Field::Unit => {
                    if finish(form, roster) {
                        let (bank, form) = (*bank, std::mem::take(form));
                        let own = self.own_unfinished(bank, &form);
                        self.show(if own.is_empty() {
                            State::Instructions(bank, form)
                        } else {
                            State::Resume(ResumeList::for_member(own, bank, form))
                        });
                    }
                }
            },
            Command::Back => match esc_does {
                Esc::Clear => *form = IdentityForm::default(),
                Esc::Back => {
                    let bank = *bank;
                    self.show(State::ChooseBank(bank));
                }
                Esc::Quit => self.quit = true,
                Esc::Nothing => {}
            },
            _ => {}
        }
    }
}

impl App {
    /// With [`App::resume_by_identity`], the unfinished attempts on `bank`
    /// of the member who typed `form` (same name, code and unit, ignoring
    /// case and diacritics); none otherwise.
    pub(crate) fn own_unfinished(&self, bank: usize, form: &IdentityForm) -> Vec<Resumable> {
        let Some(bank_id) = self.banks().get(bank).map(|b| b.id.clone()) else {
            return Vec::new();
        };
        if !self.resume_by_identity {
            return Vec::new();
        }
        self.room
            .resumable()
            .into_iter()
            .filter(|r| r.snapshot.bank_id == bank_id && is_member(&r.snapshot.member, form))
            .collect()
    }
}

/// Whether the saved `member` is the one who typed `form`.
pub fn is_member(member: &Member, form: &IdentityForm) -> bool {
    fold(&member.name) == fold(&form.name)
        && fold(member.code.as_deref().unwrap_or("")) == fold(&form.code)
        && fold(&member.unit) == fold(&form.unit)
}

/// Checks the form when Enter is pressed on the unit: the name cleaned and
/// acceptable, a unit chosen (from the roster, or typed). Returns whether
/// the member may go on; otherwise the form says what is missing.
fn finish(form: &mut IdentityForm, roster: Option<&crate::roster::Roster>) -> bool {
    let name = clean_name(&form.name);
    if !is_acceptable_name(&name) {
        form.error = Some(Field::Name);
        form.field = Field::Name;
        return false;
    }
    let unit = if roster.is_some() {
        if !form.unit_chosen() {
            form.error = Some(Field::Unit);
            return false;
        }
        unit_matches(roster, &form.unit)
            .get(form.unit_cursor)
            .map(|u| u.name.clone())
    } else {
        Some(form.unit.trim().to_owned()).filter(|u| !u.is_empty())
    };
    let Some(unit) = unit else {
        form.error = Some(Field::Unit);
        return false;
    };
    form.error = None;
    if roster.is_some() {
        form.unit = unit;
        form.unit_cursor = 0;
    }
    form.name = name;
    form.code = form.code.trim().to_owned();
    true
}

/// The label of `field` as drawn, with its ": ".
fn label(app: &App, field: Field) -> String {
    let t = app.t();
    match field {
        Field::Name => format!("{}: ", t.name_label),
        Field::Code => format!("{} {}: ", t.code_label, t.optional),
        Field::Unit => format!("{}: ", t.unit_label),
    }
}

/// Cells left for a field's value after "▶ " and `label` (with its ": ")
/// on a line of `w` cells, keeping one for the cursor after the text.
fn field_room(w: usize, label: &str) -> usize {
    w.saturating_sub(2 + width(label) + 1).max(2)
}

/// A field's value as drawn in `room` cells: the field being typed shows
/// the end of its text (where the cursor is), after "…"; the others show
/// its start, ending with "…".
fn field_shown(value: &str, room: usize, active: bool) -> String {
    if width(value) <= room {
        return value.to_owned();
    }
    if !active {
        return fit(value, room);
    }
    let (tail, _) = value.unicode_truncate_start(room.saturating_sub(1));
    format!("…{tail}")
}

/// The form's lines; the body's input position is the end of the field
/// being typed, where the terminal cursor goes (an input method shows its
/// composition window there).
pub fn lines(app: &App, form: &IdentityForm, w: usize) -> Body {
    let t = app.t();
    let f = form;
    let mut body = Body::default();
    let lines = &mut body.lines;
    // With one bank this is the start screen: the note goes here.
    if app.room.bank_count() == 1 {
        skipped_lines(app, w, lines);
    }
    if let Some(bank) = app.current_bank() {
        lines.extend(wrapped(&bank.title, w, app.theme.title()));
        lines.push(Line::default());
    } else if app.loading() {
        // The form can be filled in while the bank is read.
        lines.extend(wrapped(
            crate::i18n::start::loading_bank(app.lang()),
            w,
            app.theme.dim(),
        ));
        lines.push(Line::default());
    }
    let mut input = None;
    let mut field = |lines: &mut Vec<Line<'static>>, which: Field| {
        let label = label(app, which);
        let active = f.field == which;
        let value = field_shown(f.value(which), field_room(w, &label), active);
        if active {
            input = Some((lines.len(), 2 + width(&label) + width(&value)));
        }
        let marker = if active { "▶ " } else { "  " };
        let label_style = if active {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(label, label_style),
            Span::styled(value, Style::new().add_modifier(Modifier::UNDERLINED)),
        ]));
    };
    let capped = |lines: &mut Vec<Line<'static>>, which: Field| {
        if f.capped == Some(which) && f.field == which {
            lines.push(Line::styled(
                format!("  {}", tr::too_long(app.lang(), which)),
                app.theme.warning(),
            ));
        }
    };
    field(lines, Field::Name);
    if f.error == Some(Field::Name) {
        lines.push(Line::styled(
            format!("  {}", t.name_required),
            app.theme.bad(),
        ));
    }
    capped(lines, Field::Name);
    lines.push(Line::default());
    field(lines, Field::Code);
    capped(lines, Field::Code);
    lines.push(Line::default());
    field(lines, Field::Unit);
    capped(lines, Field::Unit);
    if f.error == Some(Field::Unit) {
        lines.push(Line::styled(
            format!("  {}", t.unit_required),
            app.theme.bad(),
        ));
    }
    // The field being typed is the screen's cursor too (kept in view).
    body.cursor = input.map(|(row, _)| row..row + 1);
    body.input = input;
    let lines = &mut body.lines;
    if app.roster().is_some() {
        lines.extend(wrapped(t.unit_filter_hint, w, app.theme.dim()));
        let matches = unit_matches(app.roster(), &f.unit);
        if matches.is_empty() {
            lines.push(Line::styled(
                format!("    {}", t.unit_no_match),
                app.theme.bad(),
            ));
        }
        // A window of the list around the highlighted unit.
        let first = f.unit_cursor.saturating_sub(UNITS_SHOWN - 1);
        for (i, unit) in matches.iter().enumerate().skip(first).take(UNITS_SHOWN) {
            // Nothing is highlighted until the member chooses: Enter on an
            // empty filter picks no unit.
            let active = i == f.unit_cursor && f.field == Field::Unit && f.unit_chosen();
            let text = truncate_chars(&unit.name, w.saturating_sub(4)).to_owned();
            if active {
                lines.push(Line::from(vec![
                    Span::raw("  ▶ "),
                    Span::styled(text, app.theme.cursor()),
                ]));
            } else {
                lines.push(Line::raw(format!("    {text}")));
            }
        }
    }
    results_problem_lines(app, w, lines);
    body
}
