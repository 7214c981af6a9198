//! Question banks: the domain types, and (in submodules) the YAML loader and
//! the validation behind `union-quiz check`.
//!
//! A [`Bank`] only exists once it has been validated: every question has 2 to
//! 10 choices, a non-empty set of right answers among them, and text in NFC
//! with no control characters.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub mod check;
pub mod diag;
mod load;
pub mod roster;
mod validate;
pub mod yaml;

pub use diag::{Diagnostic, Severity};
pub use load::{
    BankError, Located, MAX_FILE_BYTES, check_bytes, is_roster_file, load, load_all, load_bytes,
    load_located, load_roster, yaml_files,
};
pub use validate::{derived_id, is_valid_id};

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
    /// Optional topic, for trainers; one copy shared by the questions of a
    /// bank that have the same.
    pub topic: Option<Arc<str>>,
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
    /// The document the answer rests on; one copy shared by the questions
    /// of a bank that cite the same (most of a bank cites a few documents).
    pub source: Option<Arc<str>>,
}

impl Question {
    /// Whether the member must choose all right answers rather than one.
    pub fn is_multiple(&self) -> bool {
        self.answer.len() > 1
    }

    /// The points earned by choosing `chosen` (bank choice indices, in any
    /// order). `AllOrNothing` gives the points only for exactly the right
    /// set; `Partial` gives points × max(0, (right chosen − wrong chosen) ÷
    /// number right). The one scoring rule, shared by the engine and the
    /// report.
    pub fn score(&self, chosen: &[usize], scoring: Scoring) -> f64 {
        // Already sorted without repeats (as the report passes them): no
        // copy, which the report makes for every question of every attempt.
        let sorted;
        let chosen = if chosen.is_sorted_by(|a, b| a < b) {
            chosen
        } else {
            let mut v = chosen.to_vec();
            v.sort_unstable();
            v.dedup();
            sorted = v;
            &sorted[..]
        };
        if self.answer.is_empty() {
            return 0.0;
        }
        match scoring {
            Scoring::AllOrNothing if chosen == self.answer.as_slice() => self.points,
            Scoring::AllOrNothing => 0.0,
            Scoring::Partial => {
                let right = chosen.iter().filter(|c| self.answer.contains(c)).count();
                let wrong = chosen.len() - right;
                let ratio = (right as f64 - wrong as f64) / self.answer.len() as f64;
                self.points * ratio.max(0.0)
            }
        }
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

/// Parses a duration as written in a bank: `90s`, `20m`, `1h30m`,
/// `1h30m15s`. Hours, minutes and seconds come in that order, each at most
/// once, lower case, no spaces inside; the total must be above zero. `20`
/// (no unit), `20 phút`, `-5m` and `0s` are refused.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let mut total: u64 = 0;
    let mut digits = String::new();
    // The units still allowed, in order.
    let mut units = ['h', 'm', 's'].iter().peekable();
    let mut any = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.is_empty() {
            return None;
        }
        let factor = loop {
            match units.next() {
                Some(&u) if u == c => break Some(u),
                Some(_) => continue,
                None => break None,
            }
        }?;
        let n: u64 = digits.parse().ok()?;
        let secs = match factor {
            'h' => n.checked_mul(3600)?,
            'm' => n.checked_mul(60)?,
            _ => n,
        };
        total = total.checked_add(secs)?;
        digits.clear();
        any = true;
    }
    (any && digits.is_empty() && total > 0).then(|| Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("20m"), Some(Duration::from_secs(1200)));
        assert_eq!(parse_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1h30m15s"), Some(Duration::from_secs(5415)));
        assert_eq!(parse_duration(" 45s "), Some(Duration::from_secs(45)));
        for bad in [
            "",
            "20",
            "20 phút",
            "-5m",
            "0s",
            "0h0m",
            "m",
            "20m5",
            "5m1h",
            "1h1h",
            "1.5h",
            "20M",
            "20 m",
            "99999999999999999999h",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn letters() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(9), 'J');
        assert_eq!(letter_index('c'), Some(2));
        assert_eq!(letter_index('1'), None);
    }
}
