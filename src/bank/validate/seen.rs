//! The ids and texts of a bank's questions seen so far, for the checks
//! across questions, without a second copy of them.
//!
//! A bank's texts are most of its size. Keeping each text (and id) in a map
//! of its own while the bank loads held them twice, and left the copies
//! behind as freed memory that the process keeps. Here a string is found
//! again by its hash and compared with the question that holds it; only a
//! question with errors, which is not kept, leaves a copy.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

use super::super::Question;

/// Where a string seen is held: by the kept question at this index, or
/// (with [`COPY`] set) by `Seen::copies` at this index, for a question
/// with errors.
#[derive(Debug, Clone, Copy)]
struct Held(u32);

/// The bit of a [`Held`] that says the value is a copy.
const COPY: u32 = 1 << 31;

impl Held {
    fn question(i: usize) -> Held {
        Held(small(i) & !COPY)
    }

    fn copy(i: usize) -> Held {
        Held(small(i) | COPY)
    }
}

/// A line or an index as kept here: a bank file (at most
/// [`super::super::MAX_FILE_BYTES`]) has fewer of either than 2³¹.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where a value is held and the line it was first written on, in 8 bytes:
/// with its hash, 16 bytes a question in the map (a 1,000-question bank's
/// map was 67 KB with a `String` and a line a question, and twice that
/// while it grew).
#[derive(Debug, Clone, Copy)]
struct First {
    line: u32,
    held: Held,
}

/// One field of the questions seen so far (their ids, or their texts), and
/// the line each value was first written on.
pub(super) struct Seen {
    /// The field, read from a kept question.
    of: fn(&Question) -> &str,
    hasher: RandomState,
    /// The first value of each hash: its line, and where it is held.
    first: HashMap<u64, First>,
    /// Values whose hash an earlier, different value had (rare).
    collided: Vec<First>,
    /// The values of questions with errors.
    copies: Vec<String>,
}

impl Seen {
    /// Nothing seen yet of the field `of`.
    pub(super) fn new(of: fn(&Question) -> &str) -> Seen {
        const { assert!(size_of::<First>() == 8) };
        Seen {
            of,
            hasher: RandomState::new(),
            first: HashMap::new(),
            collided: Vec::new(),
            copies: Vec::new(),
        }
    }

    fn value<'a>(&'a self, kept: &'a [Question], held: Held) -> &'a str {
        let index = (held.0 & !COPY) as usize;
        let value = if held.0 & COPY == 0 {
            kept.get(index).map(self.of)
        } else {
            self.copies.get(index).map(String::as_str)
        };
        value.unwrap_or_default()
    }

    /// The line `value` was first written on, if it was seen.
    fn line(&self, kept: &[Question], value: &str) -> Option<usize> {
        let first = self.first.get(&self.hasher.hash_one(value))?;
        std::iter::once(first)
            .chain(&self.collided)
            .find(|first| self.value(kept, first.held) == value)
            .map(|first| first.line as usize)
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
            Some(i) => Held::question(i),
            None => {
                self.copies.push(value.to_owned());
                Held::copy(self.copies.len() - 1)
            }
        };
        let first = First {
            line: small(line),
            held,
        };
        if collides {
            self.collided.push(first);
        } else {
            self.first.insert(hash, first);
        }
        None
    }
}

/// One copy of each topic and source of a bank, shared by the questions
/// that have it: a bank has a few of each for hundreds of questions.
#[derive(Default)]
pub(super) struct Shared(HashSet<Arc<str>>);

impl Shared {
    /// The copy of `value`, made now if it is the first.
    pub(super) fn get(&mut self, value: String) -> Arc<str> {
        if let Some(shared) = self.0.get(value.as_str()) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = value.into();
        self.0.insert(Arc::clone(&shared));
        shared
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
        let first = First {
            line: 3,
            held: Held::question(0),
        };
        seen.first.insert(seen.hasher.hash_one("ba"), first);
        assert_eq!(seen.first_seen(&kept, "ba", 12, None), None);
        assert_eq!(seen.collided.len(), 1);
        assert_eq!(seen.first_seen(&kept, "ba", 20, None), Some(12));
        assert!(seen.contains(&kept, "ba"));
        assert!(!seen.contains(&kept, "bốn"));
    }

    #[test]
    fn equal_values_share_one_copy() {
        let mut shared = Shared::default();
        let a = shared.get("Nghị định 61/2018/NĐ-CP".to_owned());
        let b = shared.get("Nghị định 61/2018/NĐ-CP".to_owned());
        let c = shared.get("Nghị quyết 30c/NQ-CP".to_owned());
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*c, "Nghị quyết 30c/NQ-CP");
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
