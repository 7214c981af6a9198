//! The quiz engine: one member's attempt at one bank.
//!
//! Pure: it takes the time as an argument and never reads a clock, touches
//! the terminal or does file I/O, so tests drive it with a fake clock.
//!
//! The life of an attempt:
//! 1. [`AttemptPlan::draw`] draws the questions and the order of their
//!    choices from one seed (same seed, same quiz).
//! 2. [`Attempt::start`] starts the clock when the member leaves the
//!    instructions.
//! 3. [`Attempt::choose`], [`Attempt::go_to`], [`Attempt::toggle_flag`] …
//!    change it; [`Attempt::tick`] reports the deadline and the per-question
//!    limit; after the deadline every change is refused with a [`Refusal`].
//! 4. [`Attempt::submit`] (or the deadline) finishes it, and
//!    [`Attempt::outcome`] scores it; [`Attempt::result_row`] makes the row
//!    of the results file.
//!
//! Answers are kept as sets of *bank* choice indices, never display
//! positions, so shuffling changes nothing in the results file.
//!
//! Time used is `used_before + (now - segment_start)`: a resumed attempt
//! starts a new segment, so time while the app was not running is not
//! counted. The per-question limit counts the time each question was the
//! current one; when it runs out, the question is locked (its answer can no
//! longer change, though it can still be viewed) and the attempt moves to the
//! next open question. When no open question is left, the attempt is
//! submitted as if the time were up.

use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Review, letter};
use crate::results::ResultRow;

mod order;
mod outcome;
mod snapshot;
use order::ChoiceSet;
pub use order::{ChoiceOrder, TooManyChoices};
pub use outcome::{Outcome, QuestionReview};
pub use snapshot::{ResumeError, SNAPSHOT_VERSION, Snapshot, SnapshotFinish, SnapshotView};

/// Options given on the command line that override the bank's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Overrides {
    /// Questions per attempt (`--pick`); clamped to 1..=number of questions.
    pub pick: Option<usize>,
    /// Limit for the whole attempt (`--time-limit`).
    pub time_limit: Option<Duration>,
}

impl Overrides {
    /// How many questions an attempt at `bank` asks: `--pick`, else the
    /// bank's `pick`, else all of them; at least one when the bank has any.
    /// The screens that announce the number use this too, so they say what
    /// is drawn.
    pub fn questions_asked(&self, bank: &Bank) -> usize {
        let total = bank.questions.len();
        self.pick
            .or(bank.pick)
            .unwrap_or(total)
            .clamp(total.min(1), total)
    }
}

/// One question of an attempt: which bank question, in which choice order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnQuestion {
    /// Index of the question in the bank.
    pub index: usize,
    /// Display position → bank choice index (display A shows
    /// `order.get(0)`).
    pub order: ChoiceOrder,
}

/// What one seed draws for an attempt: the questions, their order and the
/// order of their choices, with the limits that apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptPlan {
    /// The seed every draw came from.
    pub seed: u64,
    /// The questions in attempt order.
    pub questions: Vec<DrawnQuestion>,
    /// Limit for the whole attempt; `None` is untimed.
    pub time_limit: Option<Duration>,
    /// Limit for each question.
    pub question_time_limit: Option<Duration>,
}

impl AttemptPlan {
    /// Draws an attempt from `bank` with one seed: the `pick` subset, the
    /// question order (when `shuffle_questions`) and each question's choice
    /// order (unless `shuffle_choices` is false for the bank or question).
    pub fn draw(bank: &Bank, seed: u64, overrides: &Overrides) -> AttemptPlan {
        let mut rng = StdRng::seed_from_u64(seed);
        let total = bank.questions.len();
        let pick = overrides.questions_asked(bank);
        let mut indices: Vec<usize> = (0..total).collect();
        if bank.shuffle_questions || pick < total {
            indices.shuffle(&mut rng);
            indices.truncate(pick);
            if !bank.shuffle_questions {
                // A subset, but shown in the bank's own order.
                indices.sort_unstable();
            }
        }
        let questions = indices
            .into_iter()
            .filter_map(|index| {
                let q = bank.questions.get(index)?;
                let mut order: Vec<usize> = (0..q.choices.len()).collect();
                if q.shuffle_choices.unwrap_or(bank.shuffle_choices) {
                    order.shuffle(&mut rng);
                }
                // A bank has at most ten choices a question (its
                // validation says so); a bank made otherwise with more
                // shows its first ten.
                order.retain(|&c| c < order::MOST);
                let order = ChoiceOrder::try_from(&order[..]).unwrap_or_default();
                Some(DrawnQuestion { index, order })
            })
            .collect();
        AttemptPlan {
            seed,
            questions,
            time_limit: overrides.time_limit.or(bank.time_limit),
            question_time_limit: bank.question_time_limit,
        }
    }
}

/// Who takes the attempt.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Member {
    /// Full name, trimmed, NFC, never empty.
    pub name: String,
    /// Member code; `None` when none was given.
    pub code: Option<String>,
    /// The grassroots union (unit).
    pub unit: String,
}

/// Why a change to an attempt was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The deadline has passed; the attempt has been submitted.
    #[error("the time is up")]
    TimeUp,
    /// The attempt has already been submitted.
    #[error("the attempt is finished")]
    Finished,
    /// The question's own limit ran out (or, in practice, it was checked);
    /// its answer can no longer change.
    #[error("this question can no longer be changed")]
    QuestionLocked,
    /// The per-question limit ran out at this very moment: the attempt moved
    /// on, and the key meant for the old question is not applied.
    #[error("the question's time ran out")]
    QuestionTimeUp,
    /// No such choice or question.
    #[error("no such choice or question")]
    OutOfRange,
}

/// What [`Attempt::tick`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickEvent {
    /// The deadline passed (or no open question is left): the attempt has
    /// been submitted as it stands.
    TimeUp,
    /// The limit of `question` ran out; it is locked and the attempt moved
    /// to question `next`.
    QuestionTimeUp {
        /// The question whose limit ran out (attempt order).
        question: usize,
        /// The question now current.
        next: usize,
    },
}

/// How a question's answer can still change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QuestionLock {
    /// It can change.
    #[default]
    Open,
    /// Its own time limit ran out.
    TimeUp,
    /// Practice (`review: each_question`): the member checked the answer and
    /// saw the right one.
    Checked,
}

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finish {
    /// Whether it was submitted by the deadline rather than by the member.
    pub timed_out: bool,
    /// Time used, never more than the limit.
    pub duration: Duration,
}

/// The state of one question, for the strip of the question screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionState {
    /// At least one choice is chosen.
    pub answered: bool,
    /// Flagged to come back to.
    pub flagged: bool,
    /// The current question.
    pub current: bool,
    /// Its answer can no longer change.
    pub locked: bool,
}

/// One member's attempt at one bank.
#[derive(Debug, Clone)]
pub struct Attempt {
    attempt_id: String,
    bank_id: String,
    bank_sha256: String,
    review: Review,
    plan: AttemptPlan,
    /// Whether each drawn question takes several answers.
    multiple: Vec<bool>,
    member: Member,
    answers: Vec<ChoiceSet>,
    flags: Vec<bool>,
    locks: Vec<QuestionLock>,
    current: usize,
    used_before: Duration,
    segment_start: Instant,
    question_used_before: Vec<Duration>,
    question_segment_start: Instant,
    finish: Option<Finish>,
    /// Counts the changes a save must keep (answers, flags, locks, the
    /// current question, the finish), so a saver can tell a change from a
    /// cursor move without copying the attempt.
    revision: u64,
}

impl Attempt {
    /// Starts the clock of an attempt drawn by `plan`.
    pub fn start(
        bank: &Bank,
        plan: AttemptPlan,
        member: Member,
        attempt_id: String,
        now: Instant,
    ) -> Attempt {
        let n = plan.questions.len();
        let multiple = plan
            .questions
            .iter()
            .map(|d| bank.questions.get(d.index).is_some_and(|q| q.is_multiple()))
            .collect();
        let mut attempt = Attempt {
            attempt_id,
            bank_id: bank.id.clone(),
            bank_sha256: bank.sha256.clone(),
            review: bank.review,
            plan,
            multiple,
            member,
            answers: vec![ChoiceSet::default(); n],
            flags: vec![false; n],
            locks: vec![QuestionLock::Open; n],
            current: 0,
            used_before: Duration::ZERO,
            segment_start: now,
            question_used_before: vec![Duration::ZERO; n],
            question_segment_start: now,
            finish: None,
            revision: 0,
        };
        if n == 0 {
            attempt.finish = Some(Finish {
                timed_out: false,
                duration: Duration::ZERO,
            });
        }
        attempt
    }

    /// How many saved changes the attempt has had since it started or was
    /// resumed: equal revisions mean equal answers, flags, locks, current
    /// question and finish (the times aside).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The attempt's id, recorded in the results file and the autosave.
    pub fn attempt_id(&self) -> &str {
        &self.attempt_id
    }

    /// The member taking it.
    pub fn member(&self) -> &Member {
        &self.member
    }

    /// The draw.
    pub fn plan(&self) -> &AttemptPlan {
        &self.plan
    }

    /// Number of questions in the attempt.
    pub fn len(&self) -> usize {
        self.plan.questions.len()
    }

    /// Whether the attempt has no question (a bank can never be empty, but
    /// the engine does not rely on it).
    pub fn is_empty(&self) -> bool {
        self.plan.questions.is_empty()
    }

    /// The current question (attempt order, from 0).
    pub fn current(&self) -> usize {
        self.current
    }

    /// The drawn question at `i` (attempt order).
    pub fn drawn(&self, i: usize) -> Option<&DrawnQuestion> {
        self.plan.questions.get(i)
    }

    /// Whether question `i` takes several answers.
    pub fn is_multiple(&self, i: usize) -> bool {
        self.multiple.get(i).copied().unwrap_or(false)
    }

    /// Whether the choice shown at `display` on question `i` is chosen.
    pub fn is_chosen(&self, i: usize, display: usize) -> bool {
        let Some(bank_choice) = self.bank_choice(i, display) else {
            return false;
        };
        self.answers.get(i).is_some_and(|a| a.contains(bank_choice))
    }

    /// The chosen choices of question `i`, as bank indices.
    pub fn chosen(&self, i: usize) -> Vec<usize> {
        self.answers
            .get(i)
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    }

    /// Whether question `i` is flagged.
    pub fn is_flagged(&self, i: usize) -> bool {
        self.flags.get(i).copied().unwrap_or(false)
    }

    /// Time question `i` has been current, over all its visits, as of `now`.
    pub fn question_used_of(&self, i: usize, now: Instant) -> Duration {
        if i == self.current {
            self.question_used(now)
        } else {
            self.question_used_before
                .get(i)
                .copied()
                .unwrap_or_default()
        }
    }

    /// How question `i` is locked.
    pub fn lock(&self, i: usize) -> QuestionLock {
        self.locks.get(i).copied().unwrap_or_default()
    }

    /// The state of every question, for the strip.
    pub fn states(&self) -> Vec<QuestionState> {
        (0..self.len())
            .map(|i| QuestionState {
                answered: self.answers.get(i).is_some_and(|a| !a.is_empty()),
                flagged: self.flags.get(i).copied().unwrap_or(false),
                current: i == self.current,
                locked: self.lock(i) != QuestionLock::Open,
            })
            .collect()
    }

    /// Number of questions with at least one choice chosen.
    pub fn answered_count(&self) -> usize {
        self.answers.iter().filter(|a| !a.is_empty()).count()
    }

    /// The questions (attempt order) with no choice chosen.
    pub fn unanswered(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| self.answers.get(i).is_some_and(|a| a.is_empty()))
            .collect()
    }

    /// The flagged questions (attempt order).
    pub fn flagged(&self) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| self.flags.get(i).copied().unwrap_or(false))
            .collect()
    }

    /// How the attempt ended, once it has.
    pub fn finish(&self) -> Option<Finish> {
        self.finish
    }

    /// Whether the attempt has been submitted (by the member or the clock).
    pub fn is_finished(&self) -> bool {
        self.finish.is_some()
    }

    /// Time used so far (frozen once finished).
    pub fn used(&self, now: Instant) -> Duration {
        match self.finish {
            Some(f) => f.duration,
            None => self.used_before + now.saturating_duration_since(self.segment_start),
        }
    }

    /// Time left before the deadline; `None` when untimed.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        self.plan
            .time_limit
            .map(|limit| limit.saturating_sub(self.used(now)))
    }

    /// Time the current question has been current, over all its visits.
    pub fn question_used(&self, now: Instant) -> Duration {
        let before = self
            .question_used_before
            .get(self.current)
            .copied()
            .unwrap_or_default();
        if self.finish.is_some() {
            before
        } else {
            before + now.saturating_duration_since(self.question_segment_start)
        }
    }

    /// Time left on the current question's own limit; `None` without one or
    /// when the question is already locked.
    pub fn question_remaining(&self, now: Instant) -> Option<Duration> {
        let limit = self.plan.question_time_limit?;
        if self.lock(self.current) != QuestionLock::Open {
            return None;
        }
        Some(limit.saturating_sub(self.question_used(now)))
    }

    /// Whether the countdown should show its warning colour: in the last 2
    /// minutes or the last 10 % of the limit, whichever is shorter.
    pub fn time_warning(&self, now: Instant) -> bool {
        let (Some(limit), Some(left)) = (self.plan.time_limit, self.remaining(now)) else {
            return false;
        };
        left <= Duration::from_secs(120).min(limit / 10)
    }

    /// Whether the current question's own countdown should show the warning
    /// colour: the same rule as [`Attempt::time_warning`], applied to the
    /// per-question limit.
    pub fn question_time_warning(&self, now: Instant) -> bool {
        let (Some(limit), Some(left)) =
            (self.plan.question_time_limit, self.question_remaining(now))
        else {
            return false;
        };
        left <= Duration::from_secs(120).min(limit / 10)
    }

    /// How long until a countdown on screen shows another second, so the
    /// event loop can sleep until then; `None` when nothing on screen
    /// depends on the time.
    pub fn next_visible_change(&self, now: Instant) -> Option<Duration> {
        if self.finish.is_some() {
            return None;
        }
        [self.remaining(now), self.question_remaining(now)]
            .into_iter()
            .flatten()
            .map(|left| {
                let frac = Duration::from_nanos(u64::from(left.subsec_nanos()));
                if frac.is_zero() {
                    Duration::from_secs(1)
                } else {
                    frac
                }
            })
            .min()
    }

    /// Applies the clock: submits the attempt at the deadline, and locks
    /// and leaves a question whose own limit ran out. Call it before
    /// handling every key and on every timer wake-up.
    pub fn tick(&mut self, now: Instant) -> Vec<TickEvent> {
        let mut events = Vec::new();
        if self.finish.is_some() {
            return events;
        }
        if let Some(limit) = self.plan.time_limit
            && self.used(now) >= limit
        {
            self.finish_now(now, true);
            events.push(TickEvent::TimeUp);
            return events;
        }
        let Some(qlimit) = self.plan.question_time_limit else {
            return events;
        };
        // A late tick (a suspended laptop) may cover several questions'
        // limits: give each the time it really had.
        while self.lock(self.current) == QuestionLock::Open {
            let used = self.question_used(now);
            if used < qlimit {
                break;
            }
            let over = used - qlimit;
            let question = self.current;
            if let Some(slot) = self.question_used_before.get_mut(question) {
                *slot = qlimit;
            }
            if let Some(lock) = self.locks.get_mut(question) {
                *lock = QuestionLock::TimeUp;
            }
            self.revision += 1;
            match self.next_open_after(question) {
                Some(next) => {
                    self.current = next;
                    self.question_segment_start = now.checked_sub(over).unwrap_or(now);
                    events.push(TickEvent::QuestionTimeUp { question, next });
                }
                None => {
                    self.question_segment_start = now;
                    self.finish_now(now, true);
                    events.push(TickEvent::TimeUp);
                    return events;
                }
            }
        }
        events
    }

    fn next_open_after(&self, question: usize) -> Option<usize> {
        let n = self.len();
        (1..n)
            .map(|step| (question + step) % n)
            .find(|&i| self.lock(i) == QuestionLock::Open)
    }

    fn finish_now(&mut self, now: Instant, timed_out: bool) {
        self.revision += 1;
        self.fold_question_time(now);
        let mut duration = self.used(now);
        if let Some(limit) = self.plan.time_limit {
            duration = duration.min(limit);
        }
        self.finish = Some(Finish {
            timed_out,
            duration,
        });
    }

    fn fold_question_time(&mut self, now: Instant) {
        let used = self.question_used(now);
        if let Some(slot) = self.question_used_before.get_mut(self.current) {
            *slot = used;
        }
        self.question_segment_start = now;
    }

    /// Ticks, and refuses the change when the clock changed anything: a key
    /// pressed for a question that has just been left must not land on the
    /// next one.
    fn ready(&mut self, now: Instant) -> Result<(), Refusal> {
        if self.finish.is_some() {
            return Err(Refusal::Finished);
        }
        let events = self.tick(now);
        if events.contains(&TickEvent::TimeUp) {
            return Err(Refusal::TimeUp);
        }
        if !events.is_empty() {
            return Err(Refusal::QuestionTimeUp);
        }
        Ok(())
    }

    fn bank_choice(&self, i: usize, display: usize) -> Option<usize> {
        self.plan.questions.get(i)?.order.get(display)
    }

    /// Chooses the choice shown at `display` on the current question: on a
    /// question with one right answer it replaces the answer; on one with
    /// several it toggles the choice.
    pub fn choose(&mut self, display: usize, now: Instant) -> Result<(), Refusal> {
        self.ready(now)?;
        let i = self.current;
        if self.lock(i) != QuestionLock::Open {
            return Err(Refusal::QuestionLocked);
        }
        let bank_choice = self.bank_choice(i, display).ok_or(Refusal::OutOfRange)?;
        let multiple = self.is_multiple(i);
        let set = self.answers.get_mut(i).ok_or(Refusal::OutOfRange)?;
        if multiple {
            if !set.remove(bank_choice) {
                set.insert(bank_choice);
            }
        } else {
            set.clear();
            set.insert(bank_choice);
        }
        self.revision += 1;
        Ok(())
    }

    /// Practice (`review: each_question`): locks the current, answered
    /// question so the right answer can be shown. Does nothing in other
    /// modes. Returns whether this call checked it (false when it was
    /// already checked, unanswered, or not in practice mode).
    pub fn check(&mut self, now: Instant) -> Result<bool, Refusal> {
        self.ready(now)?;
        let i = self.current;
        if self.review != Review::EachQuestion
            || self.answers.get(i).is_none_or(|a| a.is_empty())
            || self.lock(i) != QuestionLock::Open
        {
            return Ok(false);
        }
        if let Some(lock) = self.locks.get_mut(i) {
            *lock = QuestionLock::Checked;
        }
        self.revision += 1;
        Ok(true)
    }

    /// Makes question `i` (attempt order) the current one.
    pub fn go_to(&mut self, i: usize, now: Instant) -> Result<(), Refusal> {
        self.ready(now)?;
        if i >= self.len() {
            return Err(Refusal::OutOfRange);
        }
        if i != self.current {
            self.fold_question_time(now);
            self.current = i;
            self.revision += 1;
        }
        Ok(())
    }

    /// Goes to the next question; refused after the last.
    pub fn next(&mut self, now: Instant) -> Result<(), Refusal> {
        self.go_to(self.current + 1, now)
    }

    /// Goes to the previous question; refused before the first.
    pub fn prev(&mut self, now: Instant) -> Result<(), Refusal> {
        let i = self.current.checked_sub(1).ok_or(Refusal::OutOfRange)?;
        self.go_to(i, now)
    }

    /// Flags the current question to come back to, or unflags it.
    pub fn toggle_flag(&mut self, now: Instant) -> Result<(), Refusal> {
        self.ready(now)?;
        let flag = self
            .flags
            .get_mut(self.current)
            .ok_or(Refusal::OutOfRange)?;
        *flag = !*flag;
        self.revision += 1;
        Ok(())
    }

    /// Submits the attempt as it stands. After the deadline the attempt is
    /// submitted by the clock instead and [`Refusal::TimeUp`] is returned.
    pub fn submit(&mut self, now: Instant) -> Result<(), Refusal> {
        match self.ready(now) {
            Ok(()) | Err(Refusal::QuestionTimeUp) => {}
            Err(e) => return Err(e),
        }
        self.finish_now(now, false);
        Ok(())
    }
}

/// Seconds shown by a countdown for `left`: rounded up, so "00:00" appears
/// only when the time is really up.
pub fn countdown_secs(left: Duration) -> u64 {
    left.as_secs() + u64::from(left.subsec_nanos() > 0)
}
