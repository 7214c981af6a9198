//! The quiz app (`ui::app::App`) as a room session drives it.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::Event;

use super::room::{Stage, Status};
use super::session::Member;
use crate::bank::Bank;
use crate::roster::Roster;
use crate::ui::app::{App, Command, Screen, Settings};
use crate::ui::{input, view};

/// One member's app.
pub struct RoomMember {
    app: App,
    /// Whether the row of the finished attempt was counted already.
    counted: bool,
}

impl RoomMember {
    /// A new member's app on the start screen.
    pub fn new(banks: Vec<Bank>, roster: Option<Roster>, settings: Settings) -> RoomMember {
        RoomMember {
            app: App::new(banks, roster, settings),
            counted: false,
        }
    }
}

impl Member for RoomMember {
    fn event(&mut self, event: Event, now: Instant) {
        let command = match event {
            Event::Key(key) => input::command_for(key, &self.app),
            Event::Mouse(mouse) => input::command_for_mouse(mouse),
            Event::Paste(text) => Some(Command::Paste(text)),
            Event::Resize(w, h) => Some(Command::Resize(w, h)),
            _ => None,
        };
        if let Some(c) = command {
            self.app.step(c, now);
        }
    }

    fn resize(&mut self, width: u16, height: u16, now: Instant) {
        self.app.step(Command::Resize(width, height), now);
    }

    fn tick(&mut self, now: Instant) {
        self.app.step(Command::Tick, now);
    }

    fn next_wake(&self, now: Instant) -> Option<Duration> {
        // A little past the second, as the local loop does, so the wake
        // comes after the countdown changed.
        let countdown = self
            .app
            .next_wake(now)
            .map(|d| d + Duration::from_millis(5));
        [countdown, self.app.next_autosave(now)]
            .into_iter()
            .flatten()
            .min()
    }

    fn draw(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        frame.render_widget(&self.app, area);
        if let Some(pos) = view::cursor_position(&self.app, area) {
            frame.set_cursor_position(pos);
        }
    }

    fn ended(&self) -> bool {
        self.app.quit
    }

    fn status(&mut self, now: Instant) -> (Status, bool) {
        let app = &self.app;
        let stage = match app.screen {
            Screen::SetPin | Screen::ExitPin | Screen::Resume | Screen::ChooseBank => Stage::Start,
            Screen::Identity => Stage::Identity,
            Screen::Instructions => Stage::Instructions,
            Screen::Question | Screen::Submit => Stage::Quiz,
            Screen::TimeUp | Screen::Result => Stage::Submitted,
        };
        let (member, unit) = match &app.attempt {
            Some(a) => (a.member().name.clone(), a.member().unit.clone()),
            None => (app.form.name.clone(), app.form.unit.clone()),
        };
        let bank = match stage {
            Stage::Start => String::new(),
            _ => app
                .current_bank()
                .map(|b| b.title.clone())
                .unwrap_or_default(),
        };
        let running = app.attempt.as_ref().filter(|a| !a.is_finished());
        let status = Status {
            member,
            unit,
            bank,
            question: running.map(|a| (a.current() + 1, a.len())),
            left: running.and_then(|a| a.remaining(now)),
            stage,
        };
        let written = app.finished.as_ref().is_some_and(|f| f.saved.is_ok());
        let row = written && !self.counted;
        self.counted = written;
        (status, row)
    }

    fn in_timed_quiz(&self) -> bool {
        matches!(self.app.screen, Screen::Question | Screen::Submit)
            && self
                .app
                .attempt
                .as_ref()
                .is_some_and(|a| !a.is_finished() && a.remaining(Instant::now()).is_some())
    }

    fn hang_up(&mut self, now: Instant) {
        self.app.shutdown(now);
    }
}
