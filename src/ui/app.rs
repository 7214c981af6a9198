//! The state of the quiz app and the one place it changes: [`App::step`].
//!
//! Keys become [`Command`]s in `input.rs`; commands change the state here;
//! the state is drawn in `view.rs`. The rules of the quiz (draws, timing,
//! scoring) are the engine's; this module only routes commands to it and
//! keeps what the screens need (cursor, scroll, form fields).

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;

use crate::bank::{Bank, Review};
use crate::engine::{Attempt, Member, QuestionLock, Refusal, TickEvent};
use crate::i18n::Lang;
use crate::i18n::ui::{self as tr, Texts, texts};
use crate::kiosk::{Pin, PinError};
use crate::roster::{Roster, Unit};
pub use crate::session::member::Field;
use crate::session::member::{clean_name, is_acceptable_name};
use crate::session::{Finished, Resumable, ResumeProblem, Room, Session};
use crate::text::{clean_line, fold, truncate_chars};

use super::theme::Theme;
use super::view;

/// Longest kiosk PIN typed, in characters.
pub const PIN_MAX: usize = 32;

/// The screens, in the order a member meets them. The help popup and the
/// "too small" message are drawn over any screen, so they are not screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Kiosk mode: the trainer sets the PIN (typed twice), before anything.
    SetPin,
    /// Unfinished attempts found in the autosave folder: resume one or
    /// start a new attempt. Shown only when there are some.
    Resume,
    /// The list of banks (skipped when there is only one).
    ChooseBank,
    /// Name, member code and unit.
    Identity,
    /// What the quiz is and the keys; Enter starts the clock.
    Instructions,
    /// One question at a time.
    Question,
    /// Unanswered and flagged questions; confirm or go back.
    Submit,
    /// The deadline submitted the attempt.
    TimeUp,
    /// Score, pass or fail, review.
    Result,
    /// Kiosk mode: the trainer's PIN to leave the app (hidden input).
    ExitPin,
}

/// What a member asked for, whatever key or click it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Ctrl-C: leave the app (the terminal is restored); ignored in kiosk
    /// mode once the PIN is set.
    Quit,
    /// The trainer's exit key (Ctrl-Q or F12, shown on no member screen):
    /// asks for the PIN in kiosk mode; nothing otherwise.
    TrainerExit,
    /// `r` on the result screen: try again to write a row that could not
    /// be written.
    Retry,
    /// Esc: go back, or open the submit screen from a question.
    Back,
    /// `?` or F1: show or hide the keys.
    Help,
    /// ↑.
    Up,
    /// ↓.
    Down,
    /// ←, PgUp: previous question.
    Prev,
    /// →, PgDn: next question.
    Next,
    /// Enter.
    Enter,
    /// `y` on the submit screen.
    Confirm,
    /// Choose the choice shown at this position (A → 0).
    Choose(usize),
    /// Space: choose the highlighted choice.
    ChooseCursor,
    /// F2: flag the question.
    Flag,
    /// Tab: next field.
    NextField,
    /// Shift-Tab: previous field.
    PrevField,
    /// A character typed (IME-composed characters arrive like this too).
    Type(char),
    /// Bracketed paste.
    Paste(String),
    /// Backspace.
    Backspace,
    /// Shift-↑, mouse wheel.
    ScrollUp,
    /// Shift-↓, mouse wheel.
    ScrollDown,
    /// A left click at (column, row).
    Click(u16, u16),
    /// The terminal's new size (columns, rows).
    Resize(u16, u16),
    /// The timer woke the loop.
    Tick,
}

/// How the screens of one member are set up (what the attempts share is
/// the [`Room`]'s).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Language of the screens.
    pub lang: Lang,
    /// Colours on (off with `NO_COLOR`).
    pub color: bool,
    /// `--once`: quit after one member.
    pub once: bool,
}

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

/// Kiosk mode: off, waiting for the trainer's PIN, or on.
#[derive(Debug, Clone, Default)]
pub enum Kiosk {
    /// Not a kiosk: Ctrl-C and Esc on the start screen quit.
    #[default]
    Off,
    /// `--kiosk`, before the trainer has set the PIN.
    Setup,
    /// Only the trainer's exit key and this PIN end the app.
    On(Pin),
}

/// Why the PIN typed was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Fewer than 4 characters.
    TooShort,
    /// The confirmation differs from the first entry.
    Mismatch,
}

/// The hidden PIN field of the kiosk screens.
#[derive(Debug, Clone, Default)]
pub struct PinForm {
    /// What is being typed; wiped after each Enter. Never drawn, only its
    /// length (as dots).
    pub typed: String,
    /// Setting the PIN: the first entry, already hashed, awaiting the
    /// confirmation.
    pub first: Option<Pin>,
    /// Setting the PIN: what was wrong with the last try.
    pub problem: Option<PinProblem>,
    /// Leaving: the screen to go back to on Esc or a wrong PIN.
    pub return_to: Option<Screen>,
}

/// Overwrites a string's bytes before clearing it, so a typed PIN does not
/// linger in freed memory (best effort: copies made by the terminal
/// library are out of reach).
fn wipe(s: &mut String) {
    let n = s.len();
    s.clear();
    s.extend(std::iter::repeat_n('\0', n));
    s.clear();
}

/// The quiz app: everything the screens show.
#[derive(Debug)]
pub struct App {
    /// The banks, roster, results file and autosave folder, shared with
    /// every other member's app of the same room.
    pub room: Arc<Room>,
    /// Command-line settings.
    pub settings: Settings,
    /// Colours.
    pub theme: Theme,
    /// The screen shown.
    pub screen: Screen,
    /// Whether the help popup is shown over the screen.
    pub help: bool,
    /// The chosen (or highlighted) bank.
    pub bank: usize,
    /// The identity form.
    pub form: IdentityForm,
    /// The member's attempt, from the start of the clock to the next
    /// member.
    pub session: Option<Session>,
    /// Attempt ids and random draws.
    rng: StdRng,
    /// The highlighted choice (display position).
    pub choice_cursor: usize,
    /// First line shown of a long question, review or text.
    pub scroll: usize,
    /// The highlighted entry of the submit list (0 = submit).
    pub submit_cursor: usize,
    /// Shown over the question: a per-question limit moved the attempt on,
    /// or Enter was pressed with no answer chosen.
    pub notice: Option<String>,
    /// Why the results file cannot be written, checked before the first
    /// member starts.
    pub results_problem: Option<String>,
    /// Bank files left out for their errors (said on the start screen, so
    /// the trainer runs `union-quiz check`).
    pub skipped_banks: usize,
    /// The terminal size, for scrolling and mouse hit areas.
    pub size: (u16, u16),
    /// Set when the app should end.
    pub quit: bool,
    /// The unfinished attempts offered on the resume screen.
    pub resumable: Vec<Resumable>,
    /// The highlighted entry of the resume screen (the last is "new").
    pub resume_cursor: usize,
    /// Why the chosen attempt could not be resumed.
    pub resume_problem: Option<String>,
    /// Kiosk mode.
    pub kiosk: Kiosk,
    /// The kiosk PIN field.
    pub pin: PinForm,
}

impl App {
    /// A new app on the start screen. Checks that the results file can be
    /// written, so the trainer sees a problem before the first member.
    pub fn new(room: Arc<Room>, settings: Settings) -> App {
        let results_problem = room
            .check_results()
            .err()
            .map(|e| tr::results_error(settings.lang, &tr::results_detail(&e, settings.lang)));
        let theme = Theme::new(settings.color);
        let mut app = App {
            room,
            settings,
            theme,
            screen: Screen::ChooseBank,
            help: false,
            bank: 0,
            form: IdentityForm::default(),
            session: None,
            rng: rand::make_rng(),
            choice_cursor: 0,
            scroll: 0,
            submit_cursor: 0,
            notice: None,
            results_problem,
            skipped_banks: 0,
            size: (80, 24),
            quit: false,
            resumable: Vec::new(),
            resume_cursor: 0,
            resume_problem: None,
            kiosk: Kiosk::Off,
            pin: PinForm::default(),
        };
        app.go_to_start();
        app
    }

    /// Turns kiosk mode on (`--kiosk`): the trainer sets the PIN first.
    pub fn into_kiosk(mut self) -> App {
        self.kiosk = Kiosk::Setup;
        self.screen = Screen::SetPin;
        self
    }

    /// Whether kiosk mode is on with its PIN set (members cannot quit).
    pub fn is_kiosk(&self) -> bool {
        matches!(self.kiosk, Kiosk::On(_))
    }

    /// The strings of the chosen language.
    pub fn t(&self) -> &'static Texts {
        texts(self.settings.lang)
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// The banks of the room.
    pub fn banks(&self) -> &[Bank] {
        self.room.banks()
    }

    /// The roster of the room, when there is one.
    pub fn roster(&self) -> Option<&Roster> {
        self.room.roster()
    }

    /// The attempt, from the start of the clock to the next member.
    pub fn attempt(&self) -> Option<&Attempt> {
        self.session.as_ref().map(Session::attempt)
    }

    /// The finished attempt, once scored.
    pub fn finished(&self) -> Option<&Finished> {
        self.session.as_ref().and_then(Session::finished)
    }

    /// Why the attempt could not be saved, in the member's language.
    pub fn save_problem(&self) -> Option<String> {
        let e = self.session.as_ref()?.save_problem()?;
        Some(tr::autosave_detail(e, self.lang()))
    }

    fn start_screen(&self) -> Screen {
        if self.banks().len() > 1 {
            Screen::ChooseBank
        } else {
            Screen::Identity
        }
    }

    /// Goes to the start: the resume screen when unfinished attempts wait
    /// (not held by another window), else the bank list or identity form.
    fn go_to_start(&mut self) {
        self.resumable = self.find_resumable();
        self.resume_cursor = 0;
        self.resume_problem = None;
        self.screen = if self.resumable.is_empty() {
            self.start_screen()
        } else {
            Screen::Resume
        };
    }

    fn find_resumable(&self) -> Vec<Resumable> {
        self.room.resumable()
    }

    /// The chosen bank.
    pub fn current_bank(&self) -> Option<&Bank> {
        self.banks().get(self.bank)
    }

    /// Roster units matching the filter typed in the unit field, ignoring
    /// diacritics and case ("kho bac" finds "Kho bạc Nhà nước tỉnh").
    pub fn unit_matches(&self) -> Vec<&Unit> {
        let Some(roster) = self.roster() else {
            return Vec::new();
        };
        let needle = fold(&self.form.unit);
        roster
            .units
            .iter()
            .filter(|u| {
                needle.is_empty()
                    || fold(&u.name).contains(&needle)
                    || u.code.as_deref().is_some_and(|c| fold(c).contains(&needle))
            })
            .collect()
    }

    /// How long the event loop may sleep before something on screen
    /// changes; `None` when only input can change it.
    pub fn next_wake(&self, now: Instant) -> Option<Duration> {
        // The periodic save of the time used has its own wake-up,
        // [`App::next_autosave`].
        match self.screen {
            Screen::Question | Screen::Submit => {
                self.attempt().and_then(|a| a.next_visible_change(now))
            }
            _ => None,
        }
    }

    /// How long until the time used is due to be saved again, while an
    /// attempt runs; the event loop wakes for it, so a killed process loses
    /// at most [`crate::session::save::SAVE_EVERY`] of the clock.
    pub fn next_autosave(&self, now: Instant) -> Option<Duration> {
        self.session.as_ref()?.next_save(now)
    }

    /// Applies one command at time `now`, then lets the session settle:
    /// a finished attempt's row is written, a changed attempt saved.
    pub fn step(&mut self, command: Command, now: Instant) {
        self.apply(command, now);
        if let Some(session) = self.session.as_mut() {
            session.settle(now);
        }
    }

    fn apply(&mut self, command: Command, now: Instant) {
        match command {
            Command::Quit => {
                if !matches!(self.kiosk, Kiosk::On(_)) {
                    self.quit = true;
                }
                return;
            }
            Command::TrainerExit => {
                if matches!(self.kiosk, Kiosk::On(_)) && self.screen != Screen::ExitPin {
                    self.help = false;
                    wipe(&mut self.pin.typed);
                    self.pin.return_to = Some(self.screen);
                    self.screen = Screen::ExitPin;
                }
                return;
            }
            Command::Resize(w, h) => {
                self.size = (w, h);
                self.keep_cursor_visible();
                return;
            }
            _ => {}
        }
        if self.clock(now) {
            // The deadline passed: the key was meant for a quiz that is over.
            return;
        }
        if self.help {
            if command != Command::Tick {
                self.help = false;
            }
            return;
        }
        if command == Command::Help {
            self.help = true;
            return;
        }
        let moves_cursor = matches!(command, Command::Up | Command::Down);
        match self.screen {
            Screen::SetPin => self.step_set_pin(command),
            Screen::ExitPin => self.step_exit_pin(command),
            Screen::Resume => self.step_resume(command, now),
            Screen::ChooseBank => self.step_choose_bank(command),
            Screen::Identity => self.step_identity(command),
            Screen::Instructions => self.step_instructions(command, now),
            Screen::Question => self.step_question(command, now),
            Screen::Submit => self.step_submit(command, now),
            Screen::TimeUp => match command {
                Command::Down | Command::ScrollDown => self.scroll += 1,
                Command::Up | Command::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
                Command::Enter => {
                    self.screen = Screen::Result;
                    self.scroll = 0;
                }
                Command::Retry => self.retry_row(),
                _ => {}
            },
            Screen::Result => self.step_result(command, now),
        }
        if moves_cursor {
            self.keep_cursor_visible();
        }
        self.scroll = self.scroll.min(view::max_scroll(self));
    }

    /// Lets the engine apply the clock; returns whether the attempt has just
    /// been submitted by the deadline.
    fn clock(&mut self, now: Instant) -> bool {
        if !matches!(self.screen, Screen::Question | Screen::Submit) {
            return false;
        }
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let events = session.tick(now);
        let attempt = session.attempt();
        for event in &events {
            match event {
                TickEvent::TimeUp => {
                    self.help = false;
                    self.screen = Screen::TimeUp;
                    self.scroll = 0;
                    return true;
                }
                TickEvent::QuestionTimeUp { question, next } => {
                    let lang = self.settings.lang;
                    // Every question still open is answered: rather than
                    // jump back to one (the engine goes round to the first
                    // open question), offer to submit.
                    let nothing_left = attempt.states().iter().all(|s| s.locked || s.answered);
                    self.choice_cursor = 0;
                    self.scroll = 0;
                    if nothing_left {
                        self.notice = Some(tr::question_time_up_all_done(lang, question + 1));
                        self.screen = Screen::Submit;
                        self.submit_cursor = 0;
                    } else {
                        self.notice = Some(tr::question_time_up(lang, question + 1, next + 1));
                        self.screen = Screen::Question;
                    }
                }
            }
        }
        false
    }

    fn step_choose_bank(&mut self, command: Command) {
        match command {
            Command::Up => self.bank = self.bank.saturating_sub(1),
            Command::Down => {
                self.bank = (self.bank + 1).min(self.banks().len().saturating_sub(1));
            }
            Command::Enter if self.current_bank().is_some() => {
                self.screen = Screen::Identity;
            }
            Command::Back if !self.is_kiosk() => self.quit = true,
            _ => {}
        }
    }

    fn step_set_pin(&mut self, command: Command) {
        let Some(command) = self.edit_pin(command) else {
            return;
        };
        match command {
            Command::Back => {
                wipe(&mut self.pin.typed);
                self.pin.first = None;
            }
            Command::Enter => {
                match self.pin.first.take() {
                    None => match Pin::new(&self.pin.typed) {
                        Ok(pin) => {
                            self.pin.first = Some(pin);
                            self.pin.problem = None;
                        }
                        Err(PinError::TooShort) => self.pin.problem = Some(PinProblem::TooShort),
                    },
                    Some(pin) if pin.verify(&self.pin.typed) => {
                        self.pin = PinForm::default();
                        self.kiosk = Kiosk::On(pin);
                        wipe(&mut self.pin.typed);
                        self.go_to_start();
                    }
                    Some(_) => self.pin.problem = Some(PinProblem::Mismatch),
                }
                wipe(&mut self.pin.typed);
            }
            _ => {}
        }
    }

    /// Typing, pasting and erasing in the PIN field, the same on the screen
    /// that sets the PIN and the one that asks for it to leave; any other
    /// command is handed back to the screen.
    fn edit_pin(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::Type(c) => self.type_pin(&c.to_string()),
            Command::Paste(s) => self.type_pin(&s),
            Command::Backspace => {
                self.pin.typed.pop();
            }
            other => return Some(other),
        }
        None
    }

    fn type_pin(&mut self, s: &str) {
        for c in clean_line(s).chars() {
            if self.pin.typed.chars().count() < PIN_MAX {
                self.pin.typed.push(c);
            }
        }
    }

    fn step_exit_pin(&mut self, command: Command) {
        let back = self.pin.return_to.unwrap_or(Screen::Identity);
        let Some(command) = self.edit_pin(command) else {
            return;
        };
        match command {
            Command::Back => {
                wipe(&mut self.pin.typed);
                self.screen = back;
            }
            Command::Enter => {
                let right = match &self.kiosk {
                    Kiosk::On(pin) => pin.verify(&self.pin.typed),
                    Kiosk::Off | Kiosk::Setup => false,
                };
                wipe(&mut self.pin.typed);
                if right {
                    self.quit = true;
                } else {
                    // A wrong PIN changes nothing: back to where the member was.
                    self.screen = back;
                }
            }
            _ => {}
        }
    }

    fn step_resume(&mut self, command: Command, now: Instant) {
        let n = self.resumable.len();
        match command {
            Command::Up => self.resume_cursor = self.resume_cursor.saturating_sub(1),
            Command::Down => self.resume_cursor = (self.resume_cursor + 1).min(n),
            Command::Enter if self.resume_cursor >= n => self.start_new(),
            Command::Enter => self.resume(self.resume_cursor, now),
            Command::Back => self.start_new(),
            _ => {}
        }
    }

    /// Leaves the resume screen for a new attempt.
    fn start_new(&mut self) {
        self.resume_problem = None;
        self.screen = self.start_screen();
    }

    /// Resumes the unfinished attempt at `index` of the resume list.
    fn resume(&mut self, index: usize, now: Instant) {
        let Some(entry) = self.resumable.get(index) else {
            return;
        };
        let lang = self.settings.lang;
        let session = match Session::resume(Arc::clone(&self.room), &entry.id, now) {
            Ok(s) => s,
            Err(ResumeProblem::InUse) => {
                self.resumable = self.find_resumable();
                self.resume_cursor = 0;
                self.resume_problem = Some(texts(lang).resume_in_use.to_owned());
                return;
            }
            Err(e) => {
                self.resume_problem = Some(tr::resume_problem(lang, &e));
                return;
            }
        };
        let member = session.attempt().member().clone();
        self.form = IdentityForm {
            name: member.name,
            code: member.code.unwrap_or_default(),
            unit: member.unit,
            ..IdentityForm::default()
        };
        self.bank = session.bank_index();
        let finished = session.attempt().finish();
        self.session = Some(session);
        self.resume_problem = None;
        self.choice_cursor = 0;
        self.scroll = 0;
        self.notice = None;
        self.screen = match finished {
            // Finished, but its row was never written: it is written now.
            Some(f) if f.timed_out => Screen::TimeUp,
            Some(_) => Screen::Result,
            None => Screen::Question,
        };
    }

    fn step_identity(&mut self, command: Command) {
        let has_roster = self.roster().is_some();
        match command {
            Command::Type(c) => self.type_text(&c.to_string()),
            Command::Paste(s) => self.type_text(&s),
            Command::Backspace => {
                self.field_mut().pop();
                self.form.unit_cursor = 0;
                self.form.unit_picked = false;
                self.form.capped = None;
            }
            Command::NextField => self.form.field = next_field(self.form.field),
            Command::PrevField => self.form.field = prev_field(self.form.field),
            Command::Up if self.form.field == Field::Unit && has_roster => {
                if self.unit_chosen() {
                    self.form.unit_cursor = self.form.unit_cursor.saturating_sub(1);
                }
                self.pick_unit();
            }
            Command::Down if self.form.field == Field::Unit && has_roster => {
                if self.unit_chosen() {
                    let n = self.unit_matches().len();
                    self.form.unit_cursor = (self.form.unit_cursor + 1).min(n.saturating_sub(1));
                }
                self.pick_unit();
            }
            Command::Up => self.form.field = prev_field(self.form.field),
            Command::Down => self.form.field = next_field(self.form.field),
            Command::Enter => match self.form.field {
                Field::Name if !is_acceptable_name(&self.form.name) => {
                    self.form.error = Some(Field::Name);
                }
                Field::Name | Field::Code => {
                    self.form.error = None;
                    self.form.field = next_field(self.form.field);
                }
                Field::Unit => self.finish_identity(),
            },
            // Esc first clears what was typed (a member who pressed it by
            // mistake loses a name, not the app); on an empty form it goes
            // back, or quits when this is the start screen.
            Command::Back => {
                let typed = [&self.form.name, &self.form.code, &self.form.unit]
                    .iter()
                    .any(|f| !f.is_empty());
                if typed {
                    self.form = IdentityForm::default();
                } else if self.banks().len() > 1 {
                    self.screen = Screen::ChooseBank;
                } else if !self.is_kiosk() {
                    self.quit = true;
                }
            }
            _ => {}
        }
    }

    /// Whether the highlighted roster unit is the member's choice: they
    /// typed a filter, or moved the highlight with ↑/↓.
    pub fn unit_chosen(&self) -> bool {
        self.form.unit_picked || !self.form.unit.trim().is_empty()
    }

    fn pick_unit(&mut self) {
        self.form.unit_picked = true;
        if self.form.error == Some(Field::Unit) {
            self.form.error = None;
        }
    }

    fn field_mut(&mut self) -> &mut String {
        match self.form.field {
            Field::Name => &mut self.form.name,
            Field::Code => &mut self.form.code,
            Field::Unit => &mut self.form.unit,
        }
    }

    /// Adds typed or pasted text to the field: cleaned of control characters,
    /// NFC (so marks typed after a letter compose with it), and capped.
    fn type_text(&mut self, s: &str) {
        let max = self.form.field.max_chars();
        let field = self.field_mut();
        let joined = clean_line(&format!("{field}{s}"));
        let cut = joined.chars().count() > max;
        *field = truncate_chars(&joined, max).to_owned();
        self.form.capped = cut.then_some(self.form.field);
        self.form.unit_cursor = 0;
        self.form.unit_picked = false;
        if self.form.error == Some(self.form.field) {
            self.form.error = None;
        }
    }

    fn finish_identity(&mut self) {
        let name = clean_name(&self.form.name);
        if !is_acceptable_name(&name) {
            self.form.error = Some(Field::Name);
            self.form.field = Field::Name;
            return;
        }
        let unit = if self.roster().is_some() {
            if !self.unit_chosen() {
                self.form.error = Some(Field::Unit);
                return;
            }
            self.unit_matches()
                .get(self.form.unit_cursor)
                .map(|u| u.name.clone())
        } else {
            Some(self.form.unit.trim().to_owned()).filter(|u| !u.is_empty())
        };
        let Some(unit) = unit else {
            self.form.error = Some(Field::Unit);
            return;
        };
        self.form.error = None;
        if self.roster().is_some() {
            self.form.unit = unit;
            self.form.unit_cursor = 0;
        }
        self.form.name = name;
        self.form.code = self.form.code.trim().to_owned();
        self.screen = Screen::Instructions;
        self.scroll = 0;
    }

    fn step_instructions(&mut self, command: Command, now: Instant) {
        match command {
            Command::Enter => self.start_attempt(now),
            Command::Back => self.screen = Screen::Identity,
            Command::ScrollDown | Command::Down => self.scroll += 1,
            Command::ScrollUp | Command::Up => self.scroll = self.scroll.saturating_sub(1),
            _ => {}
        }
    }

    fn start_attempt(&mut self, now: Instant) {
        let member = Member {
            name: self.form.name.clone(),
            code: Some(self.form.code.clone()).filter(|c| !c.is_empty()),
            unit: self.form.unit.clone(),
        };
        let Some(session) = Session::start(
            Arc::clone(&self.room),
            self.bank,
            member,
            &mut self.rng,
            now,
        ) else {
            return;
        };
        self.session = Some(session);
        self.screen = Screen::Question;
        self.choice_cursor = 0;
        self.scroll = 0;
    }

    fn current_choice_count(&self) -> usize {
        let Some(attempt) = self.attempt() else {
            return 0;
        };
        attempt
            .drawn(attempt.current())
            .map_or(0, |d| d.order.len())
    }

    fn step_question(&mut self, command: Command, now: Instant) {
        let Some(attempt) = self.session.as_mut().map(Session::attempt_mut) else {
            return;
        };
        let before = attempt.current();
        let mut result: Result<(), Refusal> = Ok(());
        let chooses = matches!(
            command,
            Command::Choose(_) | Command::ChooseCursor | Command::Click(..)
        );
        match command {
            Command::Choose(i) => result = attempt.choose(i, now),
            Command::ChooseCursor => result = attempt.choose(self.choice_cursor, now),
            Command::Click(col, row) => {
                if let Some(i) = view::choice_at(self, col, row) {
                    self.choice_cursor = i;
                    if let Some(session) = self.session.as_mut() {
                        result = session.attempt_mut().choose(i, now);
                    }
                }
            }
            Command::Up => self.choice_cursor = self.choice_cursor.saturating_sub(1),
            Command::Down => {
                let n = self.current_choice_count();
                self.choice_cursor = (self.choice_cursor + 1).min(n.saturating_sub(1));
            }
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
                    Ok(_) if done && last => self.open_submit(),
                    Ok(_) if done => result = attempt.next(now),
                    // Nothing chosen: say so, rather than nothing at all.
                    Ok(_) => self.notice = Some(self.t().enter_unanswered.to_owned()),
                    Err(e) => result = Err(e),
                }
            }
            Command::Back => self.open_submit(),
            Command::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Command::ScrollDown => self.scroll += 1,
            _ => {}
        }
        if result.is_ok() && chooses {
            self.notice = None;
            result = self.check_single_in_practice(now);
        }
        if result == Err(Refusal::TimeUp) {
            if let Some(session) = self.session.as_mut() {
                session.settle(now);
            }
            self.screen = Screen::TimeUp;
            self.scroll = 0;
            return;
        }
        if self.attempt().is_some_and(|a| a.current() != before) {
            self.choice_cursor = 0;
            self.scroll = 0;
            self.notice = None;
        }
    }

    /// Practice (`review: each_question`): choosing the answer of a
    /// one-answer question is the answer, so it is checked at once and the
    /// right answer shown. A several-answers question is checked by Enter,
    /// once the member has chosen all they want.
    fn check_single_in_practice(&mut self, now: Instant) -> Result<(), Refusal> {
        let practice = self
            .current_bank()
            .is_some_and(|b| b.review == Review::EachQuestion);
        let Some(attempt) = self.session.as_mut().map(Session::attempt_mut) else {
            return Ok(());
        };
        if !practice || attempt.is_multiple(attempt.current()) {
            return Ok(());
        }
        attempt.check(now).map(drop)
    }

    fn open_submit(&mut self) {
        self.screen = Screen::Submit;
        self.submit_cursor = 0;
    }

    /// The questions offered on the submit screen: unanswered or flagged,
    /// in attempt order.
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

    fn step_submit(&mut self, command: Command, now: Instant) {
        let entries = self.submit_entries();
        match command {
            Command::Up => self.submit_cursor = self.submit_cursor.saturating_sub(1),
            Command::Down => {
                self.submit_cursor = (self.submit_cursor + 1).min(entries.len());
            }
            Command::Back => {
                self.notice = None;
                self.screen = Screen::Question;
            }
            Command::Confirm => self.submit(now),
            Command::Enter => match self.submit_cursor.checked_sub(1) {
                None => self.submit(now),
                Some(k) => {
                    if let (Some(&(q, _, _)), Some(attempt)) = (
                        entries.get(k),
                        self.session.as_mut().map(Session::attempt_mut),
                    ) {
                        // Going back is always allowed before the deadline.
                        let _ = attempt.go_to(q, now);
                        self.notice = None;
                        self.choice_cursor = 0;
                        self.scroll = 0;
                        self.screen = Screen::Question;
                    }
                }
            },
            _ => {}
        }
    }

    fn submit(&mut self, now: Instant) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let timed_out = session.submit(now) == Err(Refusal::TimeUp);
        if session.attempt().is_finished() {
            self.screen = if timed_out {
                Screen::TimeUp
            } else {
                Screen::Result
            };
            self.scroll = 0;
        }
    }

    /// `r` on the result screen: writes the row again.
    fn retry_row(&mut self) {
        if let Some(session) = self.session.as_mut() {
            session.retry_row();
        }
    }

    /// Whether the row of the finished attempt is not in the results file
    /// and is kept only in this process's memory (the autosave failed too):
    /// then the member must not leave the result screen.
    pub fn only_in_memory(&self) -> bool {
        self.session.as_ref().is_some_and(Session::only_in_memory)
    }

    /// Before the app ends (quit, signal, hang-up): saves the attempt in
    /// progress with the time used up to `now`, and lets go of it so it
    /// can be resumed.
    pub fn shutdown(&mut self, now: Instant) {
        if let Some(session) = self.session.take() {
            session.end(now);
        }
    }

    fn step_result(&mut self, command: Command, now: Instant) {
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
            Command::Down | Command::ScrollDown => self.scroll += 1,
            Command::Up | Command::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Command::Next => self.scroll += 10,
            Command::Prev => self.scroll = self.scroll.saturating_sub(10),
            _ => {}
        }
    }

    /// Clears everything of the previous member.
    fn next_member(&mut self, now: Instant) {
        self.form = IdentityForm::default();
        // An unsaved row stays in its autosave for `recover` or a resume.
        self.shutdown(now);
        self.notice = None;
        self.choice_cursor = 0;
        self.scroll = 0;
        self.submit_cursor = 0;
        self.help = false;
        self.bank = 0;
        self.go_to_start();
    }

    /// Scrolls so the highlighted choice, bank or submit entry is visible.
    fn keep_cursor_visible(&mut self) {
        if let Some((top, bottom, height)) = view::cursor_rows(self) {
            if top < view::first_readable(self.scroll) {
                // One line above it, under the "more above" mark.
                self.scroll = top.saturating_sub(1);
            } else if bottom > self.scroll + height {
                self.scroll = bottom.saturating_sub(height);
            }
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
