//! The preview's state: the banks of the file or folder (each its last
//! good version and the diagnostics of a broken save), the question shown,
//! and what the trainer's keys change. No terminal here: keys become
//! [`Control`]s, [`Preview::step`] changes the state, the view draws it.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::bank::{self, Diagnostic, Located};
use crate::engine::{AttemptPlan, Overrides};
use crate::i18n::Lang;
use crate::i18n::preview as tr;
use crate::ui::theme::Theme;

/// One bank file of the preview.
#[derive(Debug, Clone)]
pub struct BankFile {
    /// The file.
    pub path: PathBuf,
    /// The last version that loaded without errors, with its questions'
    /// lines; `None` until one does.
    pub good: Option<Located>,
    /// The diagnostics of the file as last saved, when it has errors: shown
    /// over the last good version until a save fixes them.
    pub broken: Option<Vec<Diagnostic>>,
}

impl BankFile {
    /// Reads the file now.
    pub fn load(path: &Path) -> BankFile {
        let mut file = BankFile {
            path: path.to_path_buf(),
            good: None,
            broken: None,
        };
        file.reload();
        file
    }

    /// Reads the file again: a good version replaces the last one and
    /// clears the banner; a broken one keeps the last good version under
    /// its diagnostics.
    pub fn reload(&mut self) {
        self.apply(bank::load_located(&self.path));
    }

    /// Takes the result of reading the file.
    pub fn apply(&mut self, loaded: Result<Located, bank::BankError>) {
        match loaded {
            Ok(located) => {
                self.good = Some(located);
                self.broken = None;
            }
            Err(e) => self.broken = Some(e.diagnostics),
        }
    }
}

/// What a key asks of the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// The next question (→, PgDn).
    Next,
    /// The previous question (←, PgUp).
    Prev,
    /// The first question (Home).
    First,
    /// The last question (End).
    Last,
    /// The next bank of the folder (Tab).
    NextBank,
    /// The previous bank (Shift+Tab).
    PrevBank,
    /// Shuffle the choices as a member would get them, or not (s).
    Shuffle,
    /// Open the "go to question" prompt (g).
    GoTo,
    /// A character typed in the prompt.
    Type(char),
    /// Erase the last character of the prompt.
    Backspace,
    /// Go to the question typed.
    Enter,
    /// Scroll the question up (↑).
    ScrollUp,
    /// Scroll the question down (↓).
    ScrollDown,
    /// Show or hide the keys (?).
    Help,
    /// Close the prompt or the help; else quit (Esc).
    Back,
    /// End the preview (q, Ctrl+C).
    Quit,
    /// Nothing (other keys, key releases).
    Nothing,
}

/// The control a key means; `typing` while the "go to" prompt is open.
/// Only presses count (Windows sends releases too).
pub fn control(key: KeyEvent, typing: bool) -> Control {
    if key.kind != KeyEventKind::Press {
        return Control::Nothing;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Control::Quit,
            _ => Control::Nothing,
        };
    }
    match key.code {
        KeyCode::Esc => Control::Back,
        KeyCode::Enter if typing => Control::Enter,
        KeyCode::Backspace if typing => Control::Backspace,
        KeyCode::Char(c) if typing => Control::Type(c),
        KeyCode::Right | KeyCode::PageDown => Control::Next,
        KeyCode::Left | KeyCode::PageUp => Control::Prev,
        KeyCode::Home => Control::First,
        KeyCode::End => Control::Last,
        KeyCode::Tab => Control::NextBank,
        KeyCode::BackTab => Control::PrevBank,
        KeyCode::Up => Control::ScrollUp,
        KeyCode::Down => Control::ScrollDown,
        KeyCode::Char('s' | 'S') => Control::Shuffle,
        KeyCode::Char('g' | 'G') => Control::GoTo,
        KeyCode::Char('?') | KeyCode::F(1) => Control::Help,
        KeyCode::Char('q' | 'Q') => Control::Quit,
        _ => Control::Nothing,
    }
}

/// The preview of one bank file or of a folder of them.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The language of the screen.
    pub lang: Lang,
    /// The seed of the shuffled view.
    pub seed: u64,
    /// The bank files, by path.
    pub files: Vec<BankFile>,
    /// The bank shown (index in `files`).
    pub bank: usize,
    /// The question shown (index in the bank's own order).
    pub question: usize,
    /// Whether the choices are shown as drawn with `seed`.
    pub shuffled: bool,
    /// Whether the keys are shown.
    pub help: bool,
    /// The "go to" prompt, while open: what was typed.
    pub goto: Option<String>,
    /// Said under the question until the next key (a question not found).
    pub notice: Option<String>,
    /// How far the question is scrolled.
    pub scroll: usize,
    /// The size of the terminal, for how far the question can scroll.
    pub size: (u16, u16),
    /// The styles.
    pub theme: Theme,
}

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Go on.
    Continue,
    /// The trainer quit.
    Quit,
}

impl Preview {
    /// A preview of `files` (bank files, rosters left out), each read now.
    pub fn open(files: &[PathBuf], lang: Lang, seed: u64) -> Preview {
        Preview {
            lang,
            seed,
            files: files.iter().map(|p| BankFile::load(p)).collect(),
            bank: 0,
            question: 0,
            shuffled: false,
            help: false,
            goto: None,
            notice: None,
            scroll: 0,
            size: (80, 24),
            theme: Theme::new(true),
        }
    }

    /// The bank file shown.
    pub fn file(&self) -> Option<&BankFile> {
        self.files.get(self.bank)
    }

    /// The bank shown: its last good version.
    pub fn located(&self) -> Option<&Located> {
        self.file().and_then(|f| f.good.as_ref())
    }

    /// How many questions the bank shown has.
    fn count(&self) -> usize {
        self.located().map_or(0, |l| l.bank.questions.len())
    }

    /// The order of the current question's choices on screen (bank
    /// indices): the bank's own, or as the engine draws them with the
    /// seed. Every question is drawn, so each can be seen shuffled.
    pub fn order(&self) -> Vec<usize> {
        let Some(located) = self.located() else {
            return Vec::new();
        };
        let bank = &located.bank;
        let Some(q) = bank.questions.get(self.question) else {
            return Vec::new();
        };
        if self.shuffled {
            let all = Overrides {
                pick: Some(bank.questions.len()),
                time_limit: None,
            };
            let plan = AttemptPlan::draw(bank, self.seed, &all);
            if let Some(d) = plan
                .questions
                .into_iter()
                .find(|d| d.index == self.question)
            {
                return d.order.to_vec();
            }
        }
        (0..q.choices.len()).collect()
    }

    /// Applies a key's control.
    pub fn step(&mut self, control: Control) -> Step {
        if self.help {
            // Any key closes the help; only quit keys do more.
            self.help = false;
            return if control == Control::Quit {
                Step::Quit
            } else {
                Step::Continue
            };
        }
        if control != Control::Nothing {
            self.notice = None;
        }
        if let Some(typed) = &mut self.goto {
            match control {
                Control::Type(c) if !c.is_control() && typed.chars().count() < 64 => typed.push(c),
                Control::Backspace => {
                    typed.pop();
                }
                Control::Enter => {
                    let typed = typed.trim().to_owned();
                    self.goto = None;
                    self.go_to(&typed);
                }
                Control::Back => self.goto = None,
                Control::Quit => return Step::Quit,
                _ => {}
            }
            return Step::Continue;
        }
        let last = self.count().saturating_sub(1);
        match control {
            Control::Next => self.show(self.question.saturating_add(1).min(last)),
            Control::Prev => self.show(self.question.saturating_sub(1)),
            Control::First => self.show(0),
            Control::Last => self.show(last),
            Control::NextBank => self.switch_bank(1),
            Control::PrevBank => self.switch_bank(self.files.len().saturating_sub(1)),
            Control::Shuffle => self.shuffled = !self.shuffled,
            Control::GoTo => self.goto = Some(String::new()),
            Control::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Control::ScrollDown => {
                self.scroll = (self.scroll + 1).min(super::view::max_scroll(self, self.size));
            }
            Control::Help => self.help = true,
            Control::Back | Control::Quit => return Step::Quit,
            Control::Type(_) | Control::Backspace | Control::Enter | Control::Nothing => {}
        }
        Step::Continue
    }

    fn show(&mut self, question: usize) {
        if question != self.question {
            self.scroll = 0;
        }
        self.question = question;
    }

    fn switch_bank(&mut self, by: usize) {
        if self.files.len() < 2 {
            return;
        }
        self.bank = (self.bank + by) % self.files.len();
        self.question = 0;
        self.scroll = 0;
    }

    /// Goes to the question numbered `what` (from 1), else to the one whose
    /// id it is.
    fn go_to(&mut self, what: &str) {
        if what.is_empty() {
            return;
        }
        let Some(located) = self.located() else {
            return;
        };
        let questions = &located.bank.questions;
        let found = what
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=questions.len()).contains(n))
            .map(|n| n - 1)
            .or_else(|| questions.iter().position(|q| q.id == what));
        match found {
            Some(i) => self.show(i),
            None => self.notice = Some(tr::goto_not_found(self.lang, what)),
        }
    }

    /// Takes the files as the watch now sees them (`present`: the bank
    /// files that exist) after `changed` were saved, added or removed:
    /// changed files are read again, new ones added, removed ones dropped
    /// unless shown (then their banner says why). The same question stays
    /// on screen: by id, else by number.
    pub fn reload(&mut self, changed: &[PathBuf], present: &[PathBuf]) {
        let shown_path = self.file().map(|f| f.path.clone());
        let shown_id = self
            .located()
            .and_then(|l| l.bank.questions.get(self.question))
            .map(|q| q.id.clone());
        for path in changed {
            match self.files.iter_mut().find(|f| &f.path == path) {
                Some(file) => file.reload(),
                None if present.contains(path) => self.files.push(BankFile::load(path)),
                None => {}
            }
        }
        self.files
            .retain(|f| present.contains(&f.path) || Some(&f.path) == shown_path.as_ref());
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        self.bank = shown_path
            .and_then(|p| self.files.iter().position(|f| f.path == p))
            .unwrap_or(0);
        let by_id = shown_id.and_then(|id| {
            self.located()
                .and_then(|l| l.bank.questions.iter().position(|q| q.id == id))
        });
        self.question = by_id
            .unwrap_or(self.question)
            .min(self.count().saturating_sub(1));
    }
}

/// The bank files among `paths`: rosters left out.
pub fn bank_files<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .filter(|p| !bank::is_roster_file(p))
        .cloned()
        .collect()
}
