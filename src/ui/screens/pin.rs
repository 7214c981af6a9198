//! Kiosk mode's hidden PIN field: the trainer sets the PIN (typed twice)
//! before anything, and types it again to leave.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::kiosk::{Pin, PinError};
use crate::text::clean_line;
use crate::ui::app::{App, Command, Kiosk, Page, State};
use crate::ui::view::{Body, wrapped};

/// Longest kiosk PIN typed, in characters.
pub const PIN_MAX: usize = 32;

/// Why the PIN typed was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Fewer than 4 characters.
    TooShort,
    /// The confirmation differs from the first entry.
    Mismatch,
}

/// Setting the PIN.
#[derive(Debug, Default)]
pub struct PinForm {
    /// What is being typed; wiped after each Enter. Never drawn, only its
    /// length (as dots).
    pub typed: String,
    /// The first entry, already hashed, awaiting the confirmation.
    pub first: Option<Pin>,
    /// What was wrong with the last try.
    pub problem: Option<PinProblem>,
}

/// Leaving: the PIN typed, and the page to go back to on Esc or a wrong
/// PIN.
#[derive(Debug)]
pub struct ExitPin {
    /// What is being typed; never drawn, only its length.
    pub typed: String,
    /// The page the trainer's exit key was pressed on.
    pub back: Box<Page>,
}

impl ExitPin {
    /// Asking for the PIN over `back`.
    pub fn new(mut back: Page) -> ExitPin {
        back.help = false;
        ExitPin {
            typed: String::new(),
            back: Box::new(back),
        }
    }
}

/// Overwrites a string's bytes before clearing it, so a typed PIN does not
/// linger in freed memory (best effort: copies made by the terminal
/// library are out of reach).
pub fn wipe(s: &mut String) {
    let n = s.len();
    s.clear();
    s.extend(std::iter::repeat_n('\0', n));
    s.clear();
}

/// Typing, pasting and erasing in a PIN field, the same on the screen that
/// sets the PIN and the one that asks for it to leave; any other command
/// is handed back to the screen.
fn edit(typed: &mut String, command: Command) -> Option<Command> {
    let add = |typed: &mut String, s: &str| {
        for c in clean_line(s).chars() {
            if typed.chars().count() < PIN_MAX {
                typed.push(c);
            }
        }
    };
    match command {
        Command::Type(c) => add(typed, &c.to_string()),
        Command::Paste(s) => add(typed, &s),
        Command::Backspace => {
            typed.pop();
        }
        other => return Some(other),
    }
    None
}

impl App {
    pub(crate) fn step_set_pin(&mut self, command: Command) {
        let State::SetPin(pin) = &mut self.page.state else {
            return;
        };
        let Some(command) = edit(&mut pin.typed, command) else {
            return;
        };
        match command {
            Command::Back => {
                wipe(&mut pin.typed);
                pin.first = None;
            }
            Command::Enter => {
                match pin.first.take() {
                    None => match Pin::new(&pin.typed) {
                        Ok(p) => {
                            pin.first = Some(p);
                            pin.problem = None;
                        }
                        Err(PinError::TooShort) => pin.problem = Some(PinProblem::TooShort),
                    },
                    Some(p) if p.verify(&pin.typed) => {
                        wipe(&mut pin.typed);
                        self.kiosk = Kiosk::On(p);
                        self.go_to_start();
                        return;
                    }
                    Some(_) => pin.problem = Some(PinProblem::Mismatch),
                }
                wipe(&mut pin.typed);
            }
            _ => {}
        }
    }

    pub(crate) fn step_exit_pin(&mut self, command: Command) {
        let State::ExitPin(exit) = &mut self.page.state else {
            return;
        };
        let Some(command) = edit(&mut exit.typed, command) else {
            return;
        };
        let right = match command {
            Command::Back => false,
            Command::Enter => match &self.kiosk {
                Kiosk::On(pin) => pin.verify(&exit.typed),
                Kiosk::Off | Kiosk::Setup => false,
            },
            _ => return,
        };
        wipe(&mut exit.typed);
        if right {
            self.quit = true;
        } else {
            // Esc or a wrong PIN changes nothing: back to where the member was.
            let State::ExitPin(exit) = std::mem::replace(&mut self.page.state, State::TimeUp)
            else {
                return;
            };
            self.page = *exit.back;
        }
    }
}

/// The hidden PIN field: the kiosk setup, or the trainer's exit.
pub fn lines(app: &App, w: usize) -> Body {
    let t = app.t();
    let mut body = Body::default();
    let (setting, typed, first, problem) = match &app.page.state {
        State::SetPin(p) => (true, &p.typed, p.first.is_some(), p.problem),
        State::ExitPin(p) => (false, &p.typed, false, None),
        _ => return body,
    };
    let lines = &mut body.lines;
    lines.extend(wrapped(
        if setting {
            t.set_pin_body
        } else {
            t.exit_pin_body
        },
        w,
        Style::new(),
    ));
    lines.push(Line::default());
    let label = if setting && first {
        t.set_pin_confirm
    } else {
        t.set_pin_first
    };
    let dots = "•".repeat(typed.chars().count());
    body.cursor = Some(lines.len()..lines.len() + 1);
    lines.push(Line::from(vec![
        Span::raw("▶ "),
        Span::styled(
            format!("{label}: "),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(dots, app.theme.cursor()),
    ]));
    let problem = match problem {
        Some(PinProblem::TooShort) => Some(t.pin_too_short),
        Some(PinProblem::Mismatch) => Some(t.pin_mismatch),
        None => None,
    };
    if let Some(p) = problem {
        lines.push(Line::default());
        lines.extend(wrapped(p, w, app.theme.bad()));
    }
    body
}
