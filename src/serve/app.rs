//! The quiz app (`ui::runner::Runner`, the same as on a local terminal) as
//! a room session drives it.

use std::io;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::crossterm::event::Event;
use ratatui::layout::Size;

use super::backend::ChannelBackend;
use super::seats::{Stage, Status};
use super::session::Member;
use crate::ui::app::{App, Screen};
use crate::ui::runner::{Ended, HangUp, Input, Runner};

/// One member's app on their channel.
pub struct RoomMember {
    runner: Runner<ChannelBackend>,
    /// Whether the row of the finished attempt was counted already.
    counted: bool,
}

impl RoomMember {
    /// The app on `backend`, drawn once.
    pub fn new(app: App, backend: ChannelBackend, now: Instant) -> io::Result<RoomMember> {
        Ok(RoomMember {
            runner: Runner::new(app, backend, now)?,
            counted: false,
        })
    }
}

impl Member for RoomMember {
    fn feed(&mut self, event: Event, now: Instant) -> io::Result<bool> {
        Ok(match self.runner.feed(Input::Event(event), now)? {
            None => false,
            Some(Ended::Quit(_) | Ended::HangUp(_) | Ended::Failed(_)) => true,
        })
    }

    fn resize(&mut self, size: Size, now: Instant) -> io::Result<()> {
        self.runner.terminal_mut().backend_mut().set_size(size);
        self.runner
            .feed(Input::Event(Event::Resize(size.width, size.height)), now)
            .map(drop)
    }

    fn wake(&mut self, now: Instant) -> io::Result<()> {
        self.runner.wake(now).map(drop)
    }

    fn next_wake(&self, now: Instant) -> Option<Instant> {
        self.runner.next_wake(now)
    }

    fn status(&mut self, now: Instant) -> (Status, bool) {
        let app = self.runner.app();
        let stage = match app.screen() {
            Screen::SetPin | Screen::ExitPin | Screen::Resume | Screen::ChooseBank => Stage::Start,
            Screen::Identity => Stage::Identity,
            Screen::Instructions => Stage::Instructions,
            Screen::Question | Screen::Submit => Stage::Quiz,
            Screen::TimeUp | Screen::Result => Stage::Submitted,
        };
        let (member, unit) = match app.attempt() {
            Some(a) => (a.member().name.clone(), a.member().unit.clone()),
            None => (app.form().name.clone(), app.form().unit.clone()),
        };
        let bank = match stage {
            Stage::Start => String::new(),
            _ => app
                .current_bank()
                .map(|b| b.title.clone())
                .unwrap_or_default(),
        };
        let running = app.attempt().filter(|a| !a.is_finished());
        let status = Status {
            member,
            unit,
            bank,
            question: running.map(|a| (a.current() + 1, a.len())),
            left: running.and_then(|a| a.remaining(now)),
            stage,
        };
        let written = app.finished().is_some_and(|f| f.saved.is_ok());
        let row = written && !self.counted;
        self.counted = written;
        (status, row)
    }

    fn in_timed_quiz(&self, now: Instant) -> bool {
        let app = self.runner.app();
        matches!(app.screen(), Screen::Question | Screen::Submit)
            && app
                .attempt()
                .is_some_and(|a| !a.is_finished() && a.remaining(now).is_some())
    }

    fn hang_up(&mut self, now: Instant) {
        self.runner.hang_up(HangUp::Closed, now);
    }

    fn terminal(&mut self) -> &mut Terminal<ChannelBackend> {
        self.runner.terminal_mut()
    }
}
