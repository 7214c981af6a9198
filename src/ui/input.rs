//! Keys and mouse events become [`Command`]s. Which command a key means
//! depends on the screen: on the identity screen letters are typed, on a
//! question they choose.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{App, Command, Screen};
use crate::bank::letter_index;

/// The command a key press means on the app's current screen; `None` for
/// keys that mean nothing there, and for key releases and repeats that some
/// terminals (Windows) send.
pub fn command_for(key: KeyEvent, app: &App) -> Option<Command> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Command::Quit);
    }
    // The trainer's exit in kiosk mode; on purpose in no footer or help.
    if (ctrl && matches!(key.code, KeyCode::Char('q' | 'Q'))) || key.code == KeyCode::F(12) {
        return Some(Command::TrainerExit);
    }
    if ctrl || alt {
        return None;
    }
    let common = match key.code {
        KeyCode::F(1) => Some(Command::Help),
        KeyCode::Esc => Some(Command::Back),
        KeyCode::Enter => Some(Command::Enter),
        KeyCode::Up if shift => Some(Command::ScrollUp),
        KeyCode::Down if shift => Some(Command::ScrollDown),
        KeyCode::Up => Some(Command::Up),
        KeyCode::Down => Some(Command::Down),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    if app.help() {
        // Any key closes the popup.
        return Some(Command::Help);
    }
    match app.screen() {
        // Hidden PIN input: every character is typed, `?` included.
        Screen::SetPin | Screen::ExitPin => match key.code {
            KeyCode::Char(c) => Some(Command::Type(c)),
            KeyCode::Backspace => Some(Command::Backspace),
            _ => None,
        },
        Screen::Resume => match key.code {
            KeyCode::Char('?') => Some(Command::Help),
            _ => None,
        },
        Screen::Identity => match key.code {
            KeyCode::Char('?') => Some(Command::Help),
            KeyCode::Char(c) => Some(Command::Type(c)),
            KeyCode::Backspace => Some(Command::Backspace),
            KeyCode::Tab => Some(Command::NextField),
            KeyCode::BackTab => Some(Command::PrevField),
            _ => None,
        },
        Screen::Question => match key.code {
            KeyCode::Char('?') => Some(Command::Help),
            KeyCode::Char(' ') => Some(Command::ChooseCursor),
            KeyCode::Char(c @ '1'..='9') => Some(Command::Choose(usize::from(c as u8 - b'1'))),
            KeyCode::Char(c @ ('a'..='j' | 'A'..='J')) => letter_index(c).map(Command::Choose),
            KeyCode::Left | KeyCode::PageUp => Some(Command::Prev),
            KeyCode::Right | KeyCode::PageDown => Some(Command::Next),
            KeyCode::F(2) => Some(Command::Flag),
            _ => None,
        },
        Screen::Submit => match key.code {
            KeyCode::Char('?') => Some(Command::Help),
            KeyCode::Char('y' | 'Y') => Some(Command::Confirm),
            _ => None,
        },
        Screen::ChooseBank | Screen::Instructions | Screen::TimeUp | Screen::Result => {
            match key.code {
                KeyCode::Char('?') => Some(Command::Help),
                KeyCode::Char('q') if app.screen() == Screen::ChooseBank => Some(Command::Back),
                KeyCode::Char('r' | 'R')
                    if matches!(app.screen(), Screen::Result | Screen::TimeUp)
                        && app.row_unsaved() =>
                {
                    Some(Command::Retry)
                }
                KeyCode::Left | KeyCode::PageUp => Some(Command::Prev),
                KeyCode::Right | KeyCode::PageDown => Some(Command::Next),
                _ => None,
            }
        }
    }
}

/// The command a mouse event means: a left click, or the wheel.
pub fn command_for_mouse(event: MouseEvent) -> Option<Command> {
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Command::Click(event.column, event.row)),
        MouseEventKind::ScrollUp => Some(Command::ScrollUp),
        MouseEventKind::ScrollDown => Some(Command::ScrollDown),
        _ => None,
    }
}
