//! What the trainer's console shows of the room: the sessions, the rows
//! written, and a log of joins, wrong passwords and drops. Sessions and
//! connections write here; the console reads it.

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::mpsc::Sender;

use super::session::Input;
use crate::i18n::Lang;

/// Lines of the log kept for the console.
const LOG_LINES: usize = 200;

/// Where a member is in the flow, as the console shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Connected, choosing a bank or resuming.
    Start,
    /// Typing name, code and unit.
    Identity,
    /// Reading the instructions.
    Instructions,
    /// On the questions (or the submit list) with the clock running.
    Quiz,
    /// The attempt is submitted; its row is written (or being retried).
    Submitted,
    /// The connection is gone; the attempt waits in the autosave.
    Disconnected,
    /// The session ended (after the result, or the member left).
    Ended,
}

/// What the console shows of one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// The member's name, once typed.
    pub member: String,
    /// The grassroots union, once typed or chosen.
    pub unit: String,
    /// The bank's title, once chosen.
    pub bank: String,
    /// Question shown and number of questions, during the quiz.
    pub question: Option<(usize, usize)>,
    /// Time left on a timed quiz.
    pub left: Option<Duration>,
    /// Where the member is.
    pub stage: Stage,
}

impl Status {
    /// A session that has just started.
    pub fn starting() -> Status {
        Status {
            member: String::new(),
            unit: String::new(),
            bank: String::new(),
            question: None,
            left: None,
            stage: Stage::Start,
        }
    }
}

/// One session, as the room knows it.
#[derive(Debug)]
pub struct Seat {
    /// Where the member connects from.
    pub peer: Option<SocketAddr>,
    /// What the console shows.
    pub status: Status,
    /// When the session started.
    pub since: Instant,
    /// Tells the session that the room closes; `None` once it
    /// ended.
    control: Option<Sender<Input>>,
}

/// The room's shared state.
#[derive(Debug)]
pub struct Seats {
    lang: Lang,
    state: Mutex<SeatsState>,
}

/// Everything the console draws, copied out under the lock.
#[derive(Debug, Default)]
pub struct SeatsState {
    /// Sessions by id, oldest first.
    pub seats: BTreeMap<u64, Seat>,
    next_id: u64,
    /// Rows written to the results file by this server.
    pub rows_written: u64,
    /// Joins, wrong passwords, drops, refusals: newest last.
    pub log: VecDeque<String>,
    /// Lines ever logged (the log keeps the last ones).
    pub log_total: usize,
    /// Set once the trainer confirmed quitting: no one new joins.
    pub closing: bool,
}

impl SeatsState {
    /// Sessions still connected.
    pub fn active(&self) -> usize {
        self.seats.values().filter(|s| s.control.is_some()).count()
    }
}

impl Seats {
    /// An empty room whose log is written in `lang`.
    pub fn new(lang: Lang) -> Seats {
        Seats {
            lang,
            state: Mutex::default(),
        }
    }

    /// The language of the console and of the log.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the trainer has closed the room.
    pub fn is_closing(&self) -> bool {
        self.lock().closing
    }

    /// The state, for reading or changing. A session that panicked while
    /// holding the lock leaves consistent data (every change is one field),
    /// so the lock is taken back rather than the server stopped.
    pub fn lock(&self) -> MutexGuard<'_, SeatsState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a line to the log.
    pub fn log(&self, line: String) {
        let mut s = self.lock();
        if s.log.len() == LOG_LINES {
            s.log.pop_front();
        }
        s.log.push_back(line);
        s.log_total += 1;
    }

    /// Seats a new session if there is room for it (`max` sessions
    /// connected) and the room is not closing; returns its id.
    pub fn seat(
        &self,
        peer: Option<SocketAddr>,
        control: Sender<Input>,
        max: usize,
    ) -> Option<u64> {
        let mut s = self.lock();
        if s.closing || s.active() >= max {
            return None;
        }
        let id = s.next_id;
        s.next_id += 1;
        s.seats.insert(
            id,
            Seat {
                peer,
                status: Status::starting(),
                since: Instant::now(),
                control: Some(control),
            },
        );
        Some(id)
    }

    /// A session's new status; counts a row when the attempt becomes
    /// submitted with its row written.
    pub fn update(&self, id: u64, status: &Status, row_written: bool) {
        let mut s = self.lock();
        if row_written {
            s.rows_written += 1;
        }
        if let Some(seat) = s.seats.get_mut(&id)
            && seat.status != *status
        {
            seat.status.clone_from(status);
        }
    }

    /// What the console shows of session `id`.
    pub fn status_of(&self, id: u64) -> Option<Status> {
        self.lock().seats.get(&id).map(|s| s.status.clone())
    }

    /// The session ended: it stays on the console as disconnected (its
    /// attempt waits to be resumed) or ended.
    pub fn leave(&self, id: u64, stage: Stage) {
        let mut s = self.lock();
        // A member who left before typing a name is of no interest.
        let forget = s
            .seats
            .get(&id)
            .is_some_and(|seat| seat.status.member.is_empty());
        if forget {
            s.seats.remove(&id);
        } else if let Some(seat) = s.seats.get_mut(&id) {
            seat.status.stage = stage;
            seat.status.left = None;
            seat.control = None;
        }
    }

    /// The trainer quits: no one new joins, and every session is told to
    /// save and say goodbye. Returns how many were told.
    pub fn close(&self) -> usize {
        let mut s = self.lock();
        s.closing = true;
        let mut told = 0;
        for seat in s.seats.values() {
            if let Some(c) = &seat.control
                && c.try_send(Input::RoomClosing).is_ok()
            {
                told += 1;
            }
        }
        told
    }
}
