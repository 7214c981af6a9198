//! The ids and texts of a bank's questions seen so far, for the checks
//! across questions, without a second copy of them.
//!
//! A bank's texts are most of its size. Keeping each text (and id) in a map
//! of its own while the bank loads held them twice, and left the copies
//! behind as freed memory that the process keeps. Here a string is found
//! again by its hash and compared with the question that holds it; only a
//! question with errors, which is not kept, leaves a copy.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use super::super::Question;

/// Where a string seen is held.
#[derive(Debug, Clone, Copy)]
enum Held {
    /// By the kept question at this index.
    Question(usize),
    /// By `Seen::copies` at this index (a question with errors).
    Copy(usize),
}

/// One field of the questions seen so far (their ids, or their texts), and
/// the line each value was first written on.
pub(super) struct Seen {
    /// The field, read from a kept question.
    of: fn(&Question) -> &str,
    hasher: RandomState,
    /// The first value of each hash: its line, and where it is held.
    first: HashMap<u64, (usize, Held)>,
    /// Values whose hash an earlier, different value had (rare).
    collided: Vec<(usize, Held)>,
    /// The values of questions with errors.
    copies: Vec<String>,
}

impl Seen {
    /// Nothing seen yet of the field `of`.
    pub(super) fn new(of: fn(&Question) -> &str) -> Seen {
        Seen {
            of,
            hasher: RandomState::new(),
            first: HashMap::new(),
            collided: Vec::new(),
            copies: Vec::new(),
        }
    }

    fn value<'a>(&'a self, kept: &'a [Question], held: Held) -> &'a str {
        let value = match held {
            Held::Question(i) => kept.get(i).map(self.of),
            Held::Copy(i) => self.copies.get(i).map(String::as_str),
        };
        value.unwrap_or_default()
    }

    /// The line `value` was first written on, if it was seen.
    fn line(&self, kept: &[Question], value: &str) -> Option<usize> {
        let &(line, held) = self.first.get(&self.hasher.hash_one(value))?;
        if self.value(kept, held) == value {
            return Some(line);
        }
        self.collided
            .iter()
            .find(|&&(_, held)| self.value(kept, held) == value)
            .map(|&(line, _)| line)
    }

    /// Whether `value` was seen; `kept` are the questions kept so far.
    pub(super) fn contains(&self, kept: &[Question], value: &str) -> bool {
        self.line(kept, value).is_some()
    }

    /// The line where `value` was first written, if it was before;
    /// otherwise it is recorded at `line`, so that only the later ones are
    /// reported. `next` is the index the question will have among the
    /// `kept` ones when it is kept (it then holds `value`); `None` when it
    /// is not, and `value` is copied.
    pub(super) fn first_seen(
        &mut self,
        kept: &[Question],
        value: &str,
        line: usize,
        next: Option<usize>,
    ) -> Option<usize> {
        let hash = self.hasher.hash_one(value);
        let collides = self.first.contains_key(&hash);
        if collides && let Some(first) = self.line(kept, value) {
            return Some(first);
        }
        let held = match next {
            Some(i) => Held::Question(i),
            None => {
                self.copies.push(value.to_owned());
                Held::Copy(self.copies.len() - 1)
            }
        };
        if collides {
            self.collided.push((line, held));
        } else {
            self.first.insert(hash, (line, held));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(text: &str) -> Question {
        Question {
            id: String::new(),
            topic: None,
            text: text.to_owned(),
            choices: vec!["A".into(), "B".into()],
            answer: vec![0],
            shuffle_choices: None,
            points: 1.0,
            explanation: None,
            source: None,
        }
    }

    #[test]
    fn a_value_is_found_again_whether_a_kept_question_or_a_copy_holds_it() {
        let mut seen = Seen::new(|q| &q.text);
        let mut kept = Vec::new();
        assert_eq!(seen.first_seen(&kept, "một", 3, Some(0)), None);
        kept.push(question("một"));
        // A question with errors: not kept, its text copied.
        assert_eq!(seen.first_seen(&kept, "hai", 9, None), None);
        assert_eq!(seen.first_seen(&kept, "một", 15, Some(1)), Some(3));
        assert_eq!(seen.first_seen(&kept, "hai", 21, Some(1)), Some(9));
        assert!(seen.contains(&kept, "một"));
        assert!(!seen.contains(&kept, "ba"));
    }

    /// Two values with one hash are still told apart, and each found again.
    #[test]
    fn values_whose_hashes_collide_are_told_apart() {
        let kept = vec![question("một")];
        let mut seen = Seen::new(|q| &q.text);
        // The hash of "ba" taken by "một", as a collision would.
        seen.first
            .insert(seen.hasher.hash_one("ba"), (3, Held::Question(0)));
        assert_eq!(seen.first_seen(&kept, "ba", 12, None), None);
        assert_eq!(seen.collided.len(), 1);
        assert_eq!(seen.first_seen(&kept, "ba", 20, None), Some(12));
        assert!(seen.contains(&kept, "ba"));
        assert!(!seen.contains(&kept, "bốn"));
    }
}
