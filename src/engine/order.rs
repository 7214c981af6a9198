//! A question's choices as an attempt keeps them, inline: the order they
//! are shown in, and the ones chosen.
//!
//! An attempt holds both for every question drawn; as a `Vec<usize>` and a
//! `BTreeSet<usize>` each was an allocation of its own (48 bytes for four
//! choices, 80 KB with the list at 1,000 questions; 112 bytes for each
//! question answered). A bank question has at most ten choices (the bank's
//! validation says so), so a byte per choice in a fixed array, and a bit
//! per choice, do. Saved and read as the lists of numbers they always were.

use serde::{Deserialize, Serialize};

/// The most choices an order holds: a bank question's most.
pub(crate) const MOST: usize = 10;

/// Display position → bank choice index, for one question (display A
/// shows `get(0)`).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct ChoiceOrder {
    len: u8,
    order: [u8; MOST],
}

/// An order of more than ten choices, or naming a choice past the tenth.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a question has at most {MOST} choices")]
pub struct TooManyChoices;

impl ChoiceOrder {
    /// How many choices the question has.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether the question has no choices (never for a bank's question).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bank choice shown at display position `display`.
    pub fn get(&self, display: usize) -> Option<usize> {
        self.as_bytes().get(display).map(|&c| usize::from(c))
    }

    /// The bank choices in display order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.as_bytes().iter().map(|&c| usize::from(c))
    }

    /// The bank choices in display order, as a list.
    pub fn to_vec(&self) -> Vec<usize> {
        self.iter().collect()
    }

    fn as_bytes(&self) -> &[u8] {
        &self.order[..self.len()]
    }
}

impl TryFrom<&[usize]> for ChoiceOrder {
    type Error = TooManyChoices;

    fn try_from(order: &[usize]) -> Result<ChoiceOrder, TooManyChoices> {
        if order.len() > MOST {
            return Err(TooManyChoices);
        }
        let mut out = ChoiceOrder {
            len: order.len() as u8,
            order: [0; MOST],
        };
        for (slot, &c) in out.order.iter_mut().zip(order) {
            *slot = u8::try_from(c)
                .ok()
                .filter(|&c| usize::from(c) < MOST)
                .ok_or(TooManyChoices)?;
        }
        Ok(out)
    }
}

impl std::fmt::Debug for ChoiceOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq<[usize]> for ChoiceOrder {
    fn eq(&self, other: &[usize]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl PartialEq<Vec<usize>> for ChoiceOrder {
    fn eq(&self, other: &Vec<usize>) -> bool {
        *self == other[..]
    }
}

impl Serialize for ChoiceOrder {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ChoiceOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let order = Vec::<usize>::deserialize(deserializer)?;
        ChoiceOrder::try_from(&order[..]).map_err(serde::de::Error::custom)
    }
}

/// The bank choices chosen on one question, a bit each: the bank's
/// choice indices in increasing order, as a sorted set would give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ChoiceSet(u16);

impl ChoiceSet {
    /// Whether bank choice `c` is chosen.
    pub(crate) fn contains(self, c: usize) -> bool {
        c < MOST && self.0 & (1 << c) != 0
    }

    /// Chooses `c`; a choice past the tenth, which no bank question has,
    /// is not kept.
    pub(crate) fn insert(&mut self, c: usize) {
        if c < MOST {
            self.0 |= 1 << c;
        }
    }

    /// Unchooses `c`; whether it was chosen.
    pub(crate) fn remove(&mut self, c: usize) -> bool {
        let was = self.contains(c);
        if was {
            self.0 &= !(1 << c);
        }
        was
    }

    /// Unchooses all.
    pub(crate) fn clear(&mut self) {
        self.0 = 0;
    }

    /// Whether nothing is chosen.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The chosen bank choices, in increasing order.
    pub(crate) fn iter(self) -> impl Iterator<Item = usize> {
        (0..MOST).filter(move |&c| self.contains(c))
    }
}

impl FromIterator<usize> for ChoiceSet {
    fn from_iter<I: IntoIterator<Item = usize>>(choices: I) -> ChoiceSet {
        let mut set = ChoiceSet::default();
        for c in choices {
            set.insert(c);
        }
        set
    }
}

impl Serialize for ChoiceSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_reads_saves_and_compares_as_its_list() {
        let order = ChoiceOrder::try_from(&[2, 0, 3, 1][..]).unwrap();
        assert_eq!(order.len(), 4);
        assert_eq!(order.get(0), Some(2));
        assert_eq!(order.get(4), None);
        assert_eq!(order.to_vec(), [2, 0, 3, 1]);
        assert_eq!(order, vec![2, 0, 3, 1]);
        assert_ne!(order, vec![2, 0, 3]);
        assert_eq!(format!("{order:?}"), "[2, 0, 3, 1]");
        let json = serde_json::to_string(&order).unwrap();
        assert_eq!(json, "[2,0,3,1]");
        assert_eq!(serde_json::from_str::<ChoiceOrder>(&json).unwrap(), order);
        let ten: Vec<usize> = (0..10).rev().collect();
        assert_eq!(ChoiceOrder::try_from(&ten[..]).unwrap().to_vec(), ten);
    }

    #[test]
    fn more_than_ten_choices_are_refused() {
        let eleven: Vec<usize> = (0..11).collect();
        assert_eq!(ChoiceOrder::try_from(&eleven[..]), Err(TooManyChoices));
        assert_eq!(ChoiceOrder::try_from(&[0, 10][..]), Err(TooManyChoices));
        assert_eq!(ChoiceOrder::try_from(&[0, 300][..]), Err(TooManyChoices));
        assert!(serde_json::from_str::<ChoiceOrder>("[0,1,2,3,4,5,6,7,8,9,10]").is_err());
    }

    /// The chosen choices read, change and save as the sorted set they
    /// replace did.
    #[test]
    fn a_choice_set_is_a_sorted_set_of_choices() {
        let mut set: ChoiceSet = [3, 0, 9].into_iter().collect();
        let mut sorted: std::collections::BTreeSet<usize> = [3, 0, 9].into();
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 3, 9]);
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            serde_json::to_string(&sorted).unwrap()
        );
        assert!(set.contains(3) && !set.contains(1) && !set.contains(12));
        assert_eq!(set.remove(3), sorted.remove(&3));
        assert_eq!(set.remove(3), sorted.remove(&3));
        set.insert(5);
        sorted.insert(5);
        assert_eq!(set.iter().collect::<Vec<_>>(), Vec::from_iter(sorted));
        set.clear();
        assert!(set.is_empty());
        assert_eq!(serde_json::to_string(&set).unwrap(), "[]");
    }
}
