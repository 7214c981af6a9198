//! The state of the quiz app and the one place it changes: [`App::step`].
//!
//! Keys become [`Command`]s in `input.rs`; commands change the state here
//! and in each screen's module (`screens/`); the state is drawn by
//! `view.rs`. The member's attempt (draws, timing, scoring, saving) is the
//! [`Session`]'s; the app keeps what the screens need.
//!
//! Each screen's state lives in its [`State`] variant, and the page around
//! it (scroll, help) in [`Page`]: going to a screen builds its state anew,
//! so the next member starts from nothing by construction.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;

use crate::bank::Bank;
use crate::engine::{Attempt, TickEvent};
use crate::i18n::Lang;
use crate::i18n::ui::{self as tr, Texts, texts};
use crate::kiosk::Pin;
use crate::roster::{Roster, Unit};
use crate::session::{Finished, Left, Resumable, Room, Session};
use crate::text::fold;

pub use super::screens::identity::IdentityForm;
pub use super::screens::pin::{PinForm, PinProblem};
pub use super::screens::question::QuestionState;
pub use super::screens::resume::ResumeList;
pub use super::screens::submit::SubmitState;
pub use crate::session::member::Field;

use super::screens::pin::{ExitPin, PinTries};
use super::theme::Theme;
use super::view;

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

/// Each screen with its own state.
#[derive(Debug)]
pub enum State {
    /// See [`Screen::SetPin`].
    SetPin(PinForm),
    /// See [`Screen::Resume`].
    Resume(ResumeList),
    /// See [`Screen::ChooseBank`]; the highlighted bank.
    ChooseBank(usize),
    /// See [`Screen::Identity`]; the chosen bank and the form.
    Identity(usize, IdentityForm),
    /// See [`Screen::Instructions`]; the chosen bank and the member's
    /// identity (kept for Esc back to the form).
    Instructions(usize, IdentityForm),
    /// See [`Screen::Question`].
    Question(QuestionState),
    /// See [`Screen::Submit`].
    Submit(SubmitState),
    /// See [`Screen::TimeUp`].
    TimeUp,
    /// See [`Screen::Result`].
    Result,
    /// See [`Screen::ExitPin`]; the page to go back to.
    ExitPin(ExitPin),
}

impl State {
    /// Which screen this is.
    pub fn screen(&self) -> Screen {
        match self {
            State::SetPin(_) => Screen::SetPin,
            State::Resume(_) => Screen::Resume,
            State::ChooseBank(_) => Screen::ChooseBank,
            State::Identity(..) => Screen::Identity,
            State::Instructions(..) => Screen::Instructions,
            State::Question(_) => Screen::Question,
            State::Submit(_) => Screen::Submit,
            State::TimeUp => Screen::TimeUp,
            State::Result => Screen::Result,
            State::ExitPin(_) => Screen::ExitPin,
        }
    }
}

/// The screen shown, with what every screen has: its scroll and the help
/// popup over it.
#[derive(Debug)]
pub struct Page {
    /// The screen and its state.
    pub state: State,
    /// First line shown of a long body.
    pub scroll: usize,
    /// Whether the help popup is shown over the screen.
    pub help: bool,
}

impl Page {
    fn new(state: State) -> Page {
        Page {
            state,
            scroll: 0,
            help: false,
        }
    }
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
    /// The room's banks are read (they load while the first screen is
    /// shown).
    BanksLoaded,
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
    /// The screen shown and its state.
    pub page: Page,
    /// The member's attempt, from the start of the clock to the next
    /// member.
    pub session: Option<Session>,
    /// Attempt ids and random draws.
    pub(crate) rng: StdRng,
    /// Why the results file cannot be written, checked before the first
    /// member starts.
    pub results_problem: Option<String>,
    /// Bank files left out for their errors (said on the start screen, so
    /// the trainer runs `union-quiz check`).
    pub skipped_banks: usize,
    /// No bank could be read: the app ends so the front-end can say why
    /// (the diagnostics are the room's).
    pub no_banks: bool,
    /// Enter was pressed where a bank is needed (resume, instructions)
    /// while the banks were being read: it is done once they are, unless
    /// the member has left that screen.
    pub(crate) enter_when_loaded: bool,
    /// The terminal size, for scrolling and mouse hit areas.
    pub size: (u16, u16),
    /// Set when the app should end.
    pub quit: bool,
    /// Kiosk mode.
    pub kiosk: Kiosk,
    /// Wrong PINs typed to leave, which slow the next tries.
    pub(crate) pin_tries: PinTries,
    /// The time of the last step: the screens are laid out as of it.
    pub now: Instant,
    /// Unfinished attempts are offered only to their own member, once the
    /// identity is typed (a room server, where many members share one
    /// autosave folder); otherwise all of them at the start.
    pub resume_by_identity: bool,
}

/// The form shown when no identity is being typed.
static NO_FORM: IdentityForm = IdentityForm::EMPTY;

impl App {
    /// A new app on the start screen. Checks that the results file can be
    /// written, so the trainer sees a problem before the first member.
    pub fn new(room: Arc<Room>, settings: Settings) -> App {
        let results_problem = room
            .check_results()
            .err()
            .map(|e| tr::results_error(settings.lang, &tr::results_detail(&e, settings.lang)));
        let theme = Theme::new(settings.color);
        let room_skipped = room.skipped_banks();
        let mut app = App {
            room,
            settings,
            theme,
            page: Page::new(State::ChooseBank(0)),
            session: None,
            rng: rand::make_rng(),
            results_problem,
            skipped_banks: room_skipped,
            no_banks: false,
            enter_when_loaded: false,
            size: (80, 24),
            quit: false,
            kiosk: Kiosk::Off,
            pin_tries: PinTries::default(),
            now: Instant::now(),
            resume_by_identity: false,
        };
        app.go_to_start();
        app
    }

    /// Offers an unfinished attempt only to the member who types the same
    /// name, code and unit, after the identity form, and never lists the
    /// others' (`serve`, where the room's members share one autosave
    /// folder).
    pub fn resuming_by_identity(mut self) -> App {
        self.resume_by_identity = true;
        if matches!(self.page.state, State::Resume(_)) {
            let start = self.start_screen();
            self.show(start);
        }
        self
    }

    /// Turns kiosk mode on (`--kiosk`): the trainer sets the PIN first.
    pub fn into_kiosk(mut self) -> App {
        self.kiosk = Kiosk::Setup;
        self.page = Page::new(State::SetPin(PinForm::default()));
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

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.page.state.screen()
    }

    /// Whether the help popup is shown.
    pub fn help(&self) -> bool {
        self.page.help
    }

    /// The first body line shown.
    pub fn scroll(&self) -> usize {
        self.page.scroll
    }

    /// The identity typed so far (empty outside the identity and
    /// instructions screens).
    pub fn form(&self) -> &IdentityForm {
        match &self.page.state {
            State::Identity(_, f) | State::Instructions(_, f) => f,
            _ => &NO_FORM,
        }
    }

    /// The unfinished attempts offered on the resume screen.
    pub fn resumable(&self) -> &[Resumable] {
        match &self.page.state {
            State::Resume(list) => &list.entries,
            _ => &[],
        }
    }

    /// Why the chosen attempt could not be resumed.
    pub fn resume_problem(&self) -> Option<&str> {
        match &self.page.state {
            State::Resume(list) => list.problem.as_deref(),
            _ => None,
        }
    }

    /// The hidden PIN being typed, on the kiosk screens.
    pub fn pin_typed(&self) -> &str {
        match &self.page.state {
            State::SetPin(p) => &p.typed,
            State::ExitPin(p) => &p.typed,
            _ => "",
        }
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

    /// The highlighted or chosen bank: on the bank list and the identity
    /// screens, else the attempt's.
    pub fn bank(&self) -> usize {
        match &self.page.state {
            State::ChooseBank(b) | State::Identity(b, _) | State::Instructions(b, _) => *b,
            _ => self.session.as_ref().map_or(0, Session::bank_index),
        }
    }

    /// The chosen bank.
    pub fn current_bank(&self) -> Option<&Bank> {
        self.banks().get(self.bank())
    }

    /// Shows a screen with a fresh page (scroll at the top, no help).
    pub(crate) fn show(&mut self, state: State) {
        self.page = Page::new(state);
        self.enter_when_loaded = false;
    }

    /// Whether the banks are still being read (the screens that need one
    /// say "đang tải…" and wait).
    pub fn loading(&self) -> bool {
        !self.room.is_loaded()
    }

    pub(crate) fn start_screen(&self) -> State {
        if self.room.bank_count() > 1 {
            State::ChooseBank(0)
        } else {
            State::Identity(0, IdentityForm::default())
        }
    }

    /// Goes to the start: the resume screen when unfinished attempts wait
    /// (not held by another session), else the bank list or identity form.
    pub(crate) fn go_to_start(&mut self) {
        let entries = if self.resume_by_identity {
            Vec::new()
        } else {
            self.room.resumable()
        };
        let state = if entries.is_empty() {
            self.start_screen()
        } else {
            State::Resume(ResumeList::new(entries))
        };
        self.show(state);
    }

    /// Roster units matching the filter typed in the unit field, ignoring
    /// diacritics and case ("kho bac" finds "Kho bạc Nhà nước tỉnh").
    pub fn unit_matches(&self) -> Vec<&Unit> {
        unit_matches(self.roster(), &self.form().unit)
    }

    /// How long the event loop may sleep before something on screen
    /// changes; `None` when only input can change it.
    pub fn next_wake(&self, now: Instant) -> Option<Duration> {
        // The periodic save of the time used has its own wake-up,
        // [`App::next_autosave`].
        match self.screen() {
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
        self.step_unsaved(command, now);
        self.save(now);
    }

    /// [`App::step`] without the save of a changed attempt, so that a
    /// front-end draws the key's change before the disk is touched, then
    /// calls [`App::save`]. A finished attempt's row is written here all
    /// the same: the screen that follows says whether it was.
    pub fn step_unsaved(&mut self, command: Command, now: Instant) {
        self.now = now;
        self.apply(command, now);
        if let Some(session) = self.session.as_mut()
            && session.attempt().is_finished()
        {
            session.settle(now);
        }
    }

    /// Saves the attempt if it changed (or its time used is due). True when
    /// the screen must be drawn again: the save failed, or works again.
    pub fn save(&mut self, now: Instant) -> bool {
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let failed = session.save_problem().is_some();
        session.settle(now);
        failed != session.save_problem().is_some()
    }

    fn apply(&mut self, command: Command, now: Instant) {
        match command {
            Command::Quit => {
                if !self.is_kiosk() {
                    self.quit = true;
                }
                return;
            }
            Command::TrainerExit => {
                if self.is_kiosk() && self.screen() != Screen::ExitPin {
                    let back = std::mem::replace(&mut self.page, Page::new(State::TimeUp));
                    self.show(State::ExitPin(ExitPin::new(back)));
                }
                return;
            }
            Command::Resize(w, h) => {
                self.size = (w, h);
                self.keep_cursor_visible();
                return;
            }
            Command::BanksLoaded => {
                self.banks_loaded(now);
                return;
            }
            _ => {}
        }
        if self.clock(now) {
            // The deadline passed: the key was meant for a quiz that is over.
            return;
        }
        if self.too_small() && !matches!(self.screen(), Screen::SetPin | Screen::ExitPin) {
            // Only the "too small" message is drawn: a key must not answer
            // or open what the member cannot see. The clock runs on, as on
            // paper; the trainer's kiosk PIN still works.
            return;
        }
        if self.page.help {
            if command != Command::Tick {
                self.page.help = false;
            }
            return;
        }
        if command == Command::Help {
            self.page.help = true;
            return;
        }
        let moves_cursor = matches!(command, Command::Up | Command::Down);
        match self.screen() {
            Screen::SetPin => self.step_set_pin(command),
            Screen::ExitPin => self.step_exit_pin(command),
            Screen::Resume => self.step_resume(command, now),
            Screen::ChooseBank => self.step_choose_bank(command),
            Screen::Identity => self.step_identity(command),
            Screen::Instructions => self.step_instructions(command, now),
            Screen::Question => self.step_question(command, now),
            Screen::Submit => self.step_submit(command, now),
            Screen::TimeUp => self.step_time_up(command),
            Screen::Result => self.step_result(command, now),
        }
        if moves_cursor {
            self.keep_cursor_visible();
        }
        // Only a scrolled page can be past its end (the body is laid out
        // again to know, which on a question costs as much as drawing it).
        if self.page.scroll > 0 {
            self.page.scroll = self.page.scroll.min(view::max_scroll(self));
        }
    }

    /// The banks are read: the start screen's note of banks left out, and
    /// the end of the app when there is no bank at all (kiosk mode too:
    /// there is no quiz to keep members in).
    fn banks_loaded(&mut self, now: Instant) {
        self.skipped_banks = self.room.skipped_banks();
        if self.banks().is_empty() {
            self.no_banks = true;
            self.quit = true;
            return;
        }
        // The member pressed Enter on the line that said "đang tải…".
        if std::mem::take(&mut self.enter_when_loaded) {
            self.apply(Command::Enter, now);
            return;
        }
        // A folder whose bank files turned out fewer than found (a roster
        // by its content, a broken bank): one bank left goes straight to
        // its form, as when it was alone; else the cursor stays on a bank.
        if let State::ChooseBank(cursor) = &mut self.page.state {
            let n = self.room.banks().len();
            *cursor = (*cursor).min(n.saturating_sub(1));
            if n == 1 {
                let start = self.start_screen();
                self.show(start);
            }
        }
    }

    /// Whether the terminal is smaller than the screens are laid out for,
    /// so only the message asking to enlarge it is drawn.
    pub fn too_small(&self) -> bool {
        self.size.0 < view::MIN_SIZE.0 || self.size.1 < view::MIN_SIZE.1
    }

    /// Lets the session apply the clock; returns whether the attempt has
    /// just been submitted by the deadline.
    fn clock(&mut self, now: Instant) -> bool {
        if !matches!(self.screen(), Screen::Question | Screen::Submit) {
            return false;
        }
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let events = session.tick(now);
        // Whether every question still open is answered (see below).
        let nothing_left = session
            .attempt()
            .states()
            .iter()
            .all(|s| s.locked || s.answered);
        let lang = self.settings.lang;
        for event in &events {
            match event {
                TickEvent::TimeUp => {
                    self.show(State::TimeUp);
                    return true;
                }
                TickEvent::QuestionTimeUp { question, next } => {
                    // Every question still open is answered: rather than
                    // jump back to one (the engine goes round to the first
                    // open question), offer to submit.
                    if nothing_left {
                        let notice = tr::question_time_up_all_done(lang, question + 1);
                        self.show(State::Submit(SubmitState::question_time_up(
                            *question, notice,
                        )));
                    } else {
                        let notice = tr::question_time_up(lang, question + 1, next + 1);
                        self.show(State::Question(QuestionState::with_notice(notice)));
                    }
                }
            }
        }
        false
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
    pub fn shutdown(&mut self, now: Instant) -> Option<Left> {
        self.session.take().map(|session| session.end(now))
    }

    /// The next member: the attempt is let go (a row that could not be
    /// written stays in its autosave), and every screen starts anew.
    pub(crate) fn next_member(&mut self, now: Instant) {
        // Nothing to say: the next member's screen is shown, and an
        // attempt left unsaved has said so on the result screen.
        let _ = self.shutdown(now);
        self.go_to_start();
    }

    /// Scrolls so the highlighted choice, bank or entry is visible.
    fn keep_cursor_visible(&mut self) {
        if let Some((top, bottom, height)) = view::cursor_rows(self) {
            let scroll = &mut self.page.scroll;
            if top < view::first_readable(*scroll) {
                // One line above it, under the "more above" mark.
                *scroll = top.saturating_sub(1);
            } else if bottom > *scroll + height {
                *scroll = bottom.saturating_sub(height);
            }
        }
    }
}

/// Roster units matching `filter`, ignoring diacritics and case, by name or
/// code; all of them for an empty filter.
pub fn unit_matches<'a>(roster: Option<&'a Roster>, filter: &str) -> Vec<&'a Unit> {
    let Some(roster) = roster else {
        return Vec::new();
    };
    let needle = fold(filter);
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
