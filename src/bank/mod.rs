//! Question banks: the domain types, and (in submodules) the YAML loader and
//! the validation behind `union-quiz check`.
//!
//! A [`Bank`] only exists once it has been validated: every question has 2 to
//! 10 choices, a non-empty set of right answers among them, and text in NFC
//! with no control characters.

use std::path::PathBuf;
use std::time::Duration;

/// How much a member sees of the right answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Review {
    /// After submitting: each question with the member's answer, the right
    /// one, the explanation and the source (the default).
    #[default]
    AfterSubmit,
    /// The score only.
    None,
    /// Practice: right or wrong, and the right answer, after each answer.
    EachQuestion,
}

/// How a question with several right answers is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scoring {
    /// The question's points only for exactly the right set (the default).
    #[default]
    AllOrNothing,
    /// points × max(0, (right chosen − wrong chosen) ÷ number right).
    Partial,
}

/// One validated question bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    /// Letters, digits, `.`, `_` and `-`; the file name without extension by
    /// default.
    pub id: String,
    /// Shown when a member chooses a bank.
    pub title: String,
    /// The course the bank belongs to.
    pub course: Option<String>,
    /// Shown before the quiz starts.
    pub description: Option<String>,
    /// Limit for the whole attempt; `None` is untimed.
    pub time_limit: Option<Duration>,
    /// Limit for each question.
    pub question_time_limit: Option<Duration>,
    /// Questions per attempt, drawn at random; `None` means all.
    pub pick: Option<usize>,
    /// Whether question order is shuffled per attempt.
    pub shuffle_questions: bool,
    /// Whether choice order is shuffled, unless a question says otherwise.
    pub shuffle_choices: bool,
    /// A member passes when their percent is at least this (0 to 100).
    pub pass_percent: f64,
    /// How much a member sees of the right answers.
    pub review: Review,
    /// How questions with several right answers are scored.
    pub scoring: Scoring,
    /// The questions, in the bank's own order.
    pub questions: Vec<Question>,
    /// The file the bank was read from.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, lower-case hex; recorded in the results
    /// file so a report can tell when a bank changed after an attempt.
    pub sha256: String,
}

/// One validated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Unique in the bank; derived from the text when the bank gives none.
    pub id: String,
    /// Optional topic, for trainers.
    pub topic: Option<String>,
    /// The question; may contain newlines.
    pub text: String,
    /// 2 to 10 choices, in the bank's order (bank letter A is index 0).
    pub choices: Vec<String>,
    /// Indices of the right choices in bank order, sorted, at least one.
    pub answer: Vec<usize>,
    /// Per-question override of the bank's `shuffle_choices`.
    pub shuffle_choices: Option<bool>,
    /// Points for the question, greater than 0.
    pub points: f64,
    /// Shown in review.
    pub explanation: Option<String>,
    /// The document the answer rests on.
    pub source: Option<String>,
}

impl Question {
    /// Whether the member must choose all right answers rather than one.
    pub fn is_multiple(&self) -> bool {
        self.answer.len() > 1
    }
}

impl Bank {
    /// The most points an attempt can score, given the number of questions
    /// drawn; with `pick`, every drawn subset has the same count but may
    /// differ in points, so the engine computes the real maximum per attempt.
    pub fn total_points(&self) -> f64 {
        self.questions.iter().map(|q| q.points).sum()
    }
}

/// The letter of a choice index: 0 → 'A', 1 → 'B' …
pub fn letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index.min(25)).unwrap_or(25))
}

/// The index of a choice letter, upper or lower case: 'A' or 'a' → 0.
pub fn letter_index(c: char) -> Option<usize> {
    let c = c.to_ascii_uppercase();
    c.is_ascii_uppercase().then(|| usize::from(c as u8 - b'A'))
}

pub mod check;
