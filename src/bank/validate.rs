//! Validation of banks and rosters on the [`Node`] tree.
//!
//! Every rule runs on every part of the file it can reach, so that a trainer
//! sees all the problems of a file at once; a part that is broken (say a
//! question without `choices`) only skips the rules that need it.
//!
//! The rules of a value (text, numbers, durations, ids) are here; those of
//! a bank and its questions in `bank` (where [`QuestionsCheck`] checks the
//! questions one at a time, as the file is read), those of a roster in
//! `roster`.

use std::collections::{HashMap, hash_map};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::diag::{Diagnostic, Expected, Hint, Problem};
use super::yaml::{Entry, Node, Pos, Value};

mod bank;
mod roster;
mod seen;

pub(crate) use bank::QuestionsCheck;

/// The keys of a bank, in the documented order.
pub const BANK_KEYS: &[&str] = &[
    "title",
    "id",
    "course",
    "description",
    "time_limit",
    "question_time_limit",
    "pick",
    "shuffle_questions",
    "shuffle_choices",
    "pass_percent",
    "review",
    "scoring",
    "questions",
];

/// The keys of a question.
pub const QUESTION_KEYS: &[&str] = &[
    "id",
    "topic",
    "text",
    "choices",
    "answer",
    "shuffle_choices",
    "points",
    "explanation",
    "source",
];

/// The keys whose value is free text that a member reads, where a `# …`
/// after the text on its line more likely belongs to the text than it is a
/// comment on it. Comments after other values (`time_limit: 20m   # 20
/// phút`, `answer: B  # …`) are fine.
const FREE_TEXT_KEYS: &[&str] = &[
    "title",
    "course",
    "description",
    "topic",
    "text",
    "choices",
    "explanation",
    "source",
];

/// The keys of a roster.
pub const ROSTER_KEYS: &[&str] = &["units"];
/// The keys of a unit in a roster.
pub const UNIT_KEYS: &[&str] = &["name", "code", "members"];

/// The known key spelled `key`, if it is one (a `'static` name for the
/// tree, which then holds no copy of it).
pub(crate) fn known_key(key: &str) -> Option<&'static str> {
    [BANK_KEYS, QUESTION_KEYS, ROSTER_KEYS, UNIT_KEYS]
        .into_iter()
        .flatten()
        .find(|k| **k == key)
        .copied()
}

/// The most choices a question may have (A to J).
pub const MAX_CHOICES: usize = 10;

/// The most diagnostics kept for one file.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// How far into a line, and over how many lines, a diagnostic looks for a
/// character: enough for any real text, and bounded on a one-line 10 MiB
/// file.
const LINE_SCAN: usize = 4096;
const LINES_SCAN: usize = 200;

/// Collects the diagnostics of one file.
pub(crate) struct Checker<'a> {
    path: &'a Path,
    src: &'a str,
    pub(crate) diags: Vec<Diagnostic>,
    /// How many of `diags` are errors.
    errors: usize,
    /// A number or boolean was read as text but its written form was not
    /// known (a tree read without positions): the caller must read again.
    needed_raw: bool,
    /// Byte offsets of line starts, built when a diagnostic first needs a
    /// line.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(path: &'a Path, src: &'a str) -> Self {
        Checker {
            path,
            src,
            diags: Vec::new(),
            errors: 0,
            needed_raw: false,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// Whether the tree had all the checks needed (see `needed_raw`).
    pub(crate) fn complete(&self) -> bool {
        !self.needed_raw
    }

    fn report(&mut self, at: Pos, problem: Problem, hint: Option<Hint>) {
        if problem.severity() == super::diag::Severity::Error {
            self.errors += 1;
        }
        // A garbage file could give millions; the first ones say enough.
        if self.diags.len() <= MAX_DIAGNOSTICS {
            self.push(
                Diagnostic::new(self.path.to_path_buf(), at.line, at.col, problem).with_hint(hint),
            );
        }
    }

    /// Takes in the diagnostics of `other` (a part of the same file
    /// checked apart) as if they had been reported here, now: the same
    /// limit, the same note when it is passed.
    fn absorb(&mut self, other: Checker<'_>) {
        self.errors += other.errors;
        self.needed_raw |= other.needed_raw;
        for d in other.diags {
            // `other` notes its own overflow once, after its first
            // MAX_DIAGNOSTICS: here it is one more diagnostic past them.
            self.push(d);
        }
    }

    /// Keeps a diagnostic within the limit (its error, if it is one, is
    /// already counted).
    fn push(&mut self, d: Diagnostic) {
        match self.diags.len().cmp(&MAX_DIAGNOSTICS) {
            std::cmp::Ordering::Less => self.diags.push(d),
            std::cmp::Ordering::Equal => self.diags.push(Diagnostic::new(
                self.path.to_path_buf(),
                d.line,
                d.col,
                Problem::TooManyProblems {
                    shown: MAX_DIAGNOSTICS,
                },
            )),
            std::cmp::Ordering::Greater => {}
        }
    }

    /// A key written twice in one mapping; the checks use the first.
    pub(crate) fn repeated_key(&mut self, at: Pos, key: &str) {
        self.report(
            at,
            Problem::DuplicateKey {
                key: key.to_owned(),
            },
            None,
        );
    }

    fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Reports keys outside `known`, with a suggestion for near misses,
    /// and a hint when the key belongs to the other level (`elsewhere`):
    /// an `answer` among the bank's keys is a question's line indented
    /// wrongly.
    ///
    /// Returns the keys suggested: a missing key among them needs no
    /// message of its own (one problem, one message).
    fn unknown_keys(
        &mut self,
        entries: &[Entry],
        known: &[&'static str],
        elsewhere: &[&'static str],
    ) -> Vec<&'static str> {
        let mut suggested = Vec::new();
        for e in entries {
            if !known.contains(&e.key.as_ref()) {
                let suggestion = suggest(&e.key, known);
                suggested.extend(suggestion);
                let hint = (suggestion.is_none() && elsewhere.contains(&e.key.as_ref()))
                    .then_some(Hint::WrongLevel);
                self.report(
                    e.node.at,
                    Problem::UnknownKey {
                        key: e.key.to_string(),
                        suggestion,
                    },
                    hint,
                );
            }
        }
        suggested
    }

    /// Reports a required key that is missing, unless a misspelling of it
    /// was already reported (`choice:` for `choices:`).
    fn missing(&mut self, at: Pos, key: &'static str, suggested: &[&'static str]) {
        if !suggested.contains(&key) {
            self.report(at, Problem::MissingKey { key }, None);
        }
    }

    /// A text value: strings, and numbers or booleans as written (a choice
    /// may well be `2018`). Trimmed; `None` after reporting a problem. A
    /// string is moved out of the tree, not copied (each node is read once).
    fn text(&mut self, node: &mut Node, key: &str, multiline: bool) -> Option<String> {
        let s = match &mut node.value {
            Value::Str(s) => {
                let owned = std::mem::take(s);
                if owned.trim().len() == owned.len() {
                    owned
                } else {
                    owned.trim().to_owned()
                }
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => match &node.raw {
                Some(raw) => raw.clone(),
                None => {
                    self.needed_raw = true;
                    scalar_text(&node.value)
                }
            },
            Value::Null => String::new(),
            Value::Seq(_) | Value::Map(_) => {
                let hint = match node.value {
                    Value::Map(_) => Some(Hint::QuoteColon),
                    _ => None,
                };
                self.report(
                    node.at,
                    Problem::WrongType {
                        key: key.to_owned(),
                        expected: Expected::Text,
                    },
                    hint,
                );
                return None;
            }
        };
        if s.is_empty() {
            let hint = self.hash_hint(node.at);
            self.report(
                node.at,
                Problem::Empty {
                    key: key.to_owned(),
                },
                hint,
            );
            return None;
        }
        if let Some(ch) = s
            .chars()
            .find(|&c| !(multiline && c == '\n') && crate::text::is_forbidden_control(c))
        {
            let at = self.find_char(node, ch);
            self.report(
                at,
                Problem::ControlChar {
                    key: key.to_owned(),
                    ch,
                },
                Some(if ch == '\n' {
                    Hint::OneLine
                } else {
                    Hint::ControlChar
                }),
            );
            return None;
        }
        if node.cut_at_hash {
            self.report(
                node.at,
                Problem::CutAtHash {
                    key: key.to_owned(),
                    kept: s.clone(),
                },
                Some(Hint::QuoteHash),
            );
        } else if node.comment_after && FREE_TEXT_KEYS.contains(&key) {
            self.report(
                node.at,
                Problem::CommentAfterText {
                    key: key.to_owned(),
                    kept: s.clone(),
                },
                Some(Hint::QuoteHash),
            );
        }
        Some(s)
    }

    /// An empty value on a line with `#`: the text was probably cut by a
    /// comment (`- #1 …`, `text: Câu #2`), so suggest quotes.
    fn hash_hint(&self, at: Pos) -> Option<Hint> {
        self.line(at.line)
            .chars()
            .take(LINE_SCAN)
            .any(|c| c == '#')
            .then_some(Hint::QuoteHash)
    }

    /// Line `n` (from 1) of the source, without its line break.
    fn line(&self, n: usize) -> &'a str {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.src.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let Some(&start) = n.checked_sub(1).and_then(|i| starts.get(i)) else {
            return "";
        };
        let end = starts
            .get(n)
            .map_or(self.src.len(), |e| e.saturating_sub(1));
        self.src
            .get(start..end)
            .unwrap_or_default()
            .trim_end_matches('\r')
    }

    /// The first line from `at` to `end_line` that starts with `-` and no
    /// space (`-Có`), where a list item lost its space; `at` otherwise.
    fn dash_without_space(&self, at: Pos, end_line: usize) -> Pos {
        let first = at.line.max(1);
        let last = end_line.clamp(first, first + LINES_SCAN);
        for n in first..=last {
            let line = self.line(n);
            let text = line.split_once(": ").map_or(line, |(_, v)| v);
            let indent = line.chars().count() - text.trim_start().chars().count();
            let mut chars = text.trim_start().chars();
            if chars.next() == Some('-') && chars.next().is_some_and(|c| !c.is_whitespace()) {
                return Pos {
                    line: n,
                    col: indent + 1,
                };
            }
        }
        at
    }

    /// Where `ch` is written in the node's lines, if it is there literally
    /// (an escape such as `\e` is not); the key's position otherwise.
    fn find_char(&self, node: &Node, ch: char) -> Pos {
        if ch == '\n' {
            return node.at;
        }
        let first = node.at.line.max(1);
        let last = node.end_line.clamp(first, first + LINES_SCAN);
        for n in first..=last {
            if let Some(col) = self.line(n).chars().take(LINE_SCAN).position(|c| c == ch) {
                return Pos {
                    line: n,
                    col: col + 1,
                };
            }
        }
        node.at
    }

    fn optional_text(
        &mut self,
        map: &mut [Entry],
        key: &'static str,
        multiline: bool,
    ) -> Option<String> {
        let node = get(map, key)?;
        self.text(node, key, multiline)
    }

    fn bool(&mut self, node: &Node, key: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.report(
                    node.at,
                    Problem::WrongType {
                        key: key.to_owned(),
                        expected: Expected::Bool,
                    },
                    Some(Hint::BoolForm),
                );
                None
            }
        }
    }

    fn number(&mut self, node: &Node, key: &str) -> Option<f64> {
        match node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.report(
                    node.at,
                    Problem::WrongType {
                        key: key.to_owned(),
                        expected: Expected::Number,
                    },
                    None,
                );
                None
            }
        }
    }

    fn duration(&mut self, node: &mut Node, key: &str) -> Option<Duration> {
        let written = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Seq(_) | Value::Map(_) => {
                self.report(
                    node.at,
                    Problem::WrongType {
                        key: key.to_owned(),
                        expected: Expected::Text,
                    },
                    Some(Hint::DurationForm),
                );
                return None;
            }
            other => node.raw.clone().unwrap_or_else(|| scalar_text(other)),
        };
        let parsed = super::parse_duration(&written);
        if parsed.is_none() {
            self.report(
                node.at,
                Problem::BadDuration {
                    key: key.to_owned(),
                    value: written,
                },
                Some(Hint::DurationForm),
            );
        }
        parsed
    }

    fn choice_enum<T: Copy>(
        &mut self,
        node: &mut Node,
        key: &'static str,
        allowed: &'static [&'static str],
        values: &[T],
    ) -> Option<T> {
        let written = self.text(node, key, false)?;
        match allowed.iter().position(|a| *a == written) {
            Some(i) => values.get(i).copied(),
            None => {
                let suggestion = suggest(&written, allowed);
                self.report(
                    node.at,
                    Problem::UnknownValue {
                        key,
                        value: written,
                        allowed,
                        suggestion,
                    },
                    None,
                );
                None
            }
        }
    }

    fn id(&mut self, node: &mut Node, key: &str) -> Option<String> {
        match self.id_written(node, key)? {
            (id, true) => Some(id),
            (_, false) => None,
        }
    }

    /// An id as written, and whether its form is valid (a bad form is
    /// reported).
    fn id_written(&mut self, node: &mut Node, key: &str) -> Option<(String, bool)> {
        let id = self.text(node, key, false)?;
        let ok = is_valid_id(&id);
        if !ok {
            self.report(
                node.at,
                Problem::BadId { id: id.clone() },
                Some(Hint::IdForm),
            );
        }
        Some((id, ok))
    }

    /// The mapping of one item of the list under `key`; anything else is
    /// reported (most often a line indented wrongly) and the item skipped.
    fn item_map<'n>(&mut self, item: &'n mut Node, key: &str) -> Option<&'n mut [Entry]> {
        let Value::Map(map) = &mut item.value else {
            self.report(
                item.at,
                Problem::WrongType {
                    key: key.to_owned(),
                    expected: Expected::Mapping,
                },
                Some(Hint::Indentation),
            );
            return None;
        };
        Some(map)
    }
}

/// The line where `key` was first written, if it was before; otherwise
/// `key` is recorded at `line`, so that only the later ones are reported.
fn first_seen(seen: &mut HashMap<String, usize>, key: String, line: usize) -> Option<usize> {
    match seen.entry(key) {
        hash_map::Entry::Occupied(first) => Some(*first.get()),
        hash_map::Entry::Vacant(slot) => {
            slot.insert(line);
            None
        }
    }
}

/// The value of `key` in a mapping (the first, if repeated).
fn get<'n>(map: &'n mut [Entry], key: &str) -> Option<&'n mut Node> {
    map.iter_mut().find(|e| e.key == key).map(|e| &mut e.node)
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        Value::Seq(_) => "[…]".to_owned(),
        Value::Map(_) => "{…}".to_owned(),
    }
}

/// Letters, digits, `.`, `_` and `-` only (ASCII), not empty: ids go into
/// the results file's `answers` column, where `:` and `;` are separators.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The id of a question that has none: `q-` and the first 8 hex digits of
/// the SHA-256 of its (NFC, trimmed) text, so it stays the same while the
/// text does, and results of earlier attempts still match.
pub fn derived_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut id = String::from("q-");
    id.push_str(&hex(&digest[..4]));
    id
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// The known word closest to `word`, when it is a likely misspelling: at
/// most one edit for short words, two for longer ones.
pub fn suggest(word: &str, known: &[&'static str]) -> Option<&'static str> {
    let word = word.to_lowercase();
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (strsim::osa_distance(&word, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Where a file's problem with no better position is reported.
pub(crate) fn file_diag(path: &Path, problem: Problem, hint: Option<Hint>) -> Diagnostic {
    Diagnostic::new(PathBuf::from(path), 0, 0, problem).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_for_near_misses() {
        assert_eq!(suggest("anwser", QUESTION_KEYS), Some("answer"));
        assert_eq!(suggest("choice", QUESTION_KEYS), Some("choices"));
        assert_eq!(suggest("tittle", BANK_KEYS), Some("title"));
        assert_eq!(suggest("Text", QUESTION_KEYS), Some("text"));
        assert_eq!(suggest("dap_an", QUESTION_KEYS), None);
    }

    #[test]
    fn a_swap_of_two_letters_is_one_edit() {
        // Optimal string alignment, so `anwser` is as near as `answe`.
        assert_eq!(strsim::osa_distance("anwser", "answer"), 1);
        assert_eq!(suggest("qeustions", BANK_KEYS), Some("questions"));
    }

    #[test]
    fn derived_ids_are_stable_and_short() {
        let a = derived_id("Nghị định 61/2018/NĐ-CP có hiệu lực từ ngày nào?");
        assert_eq!(
            a,
            derived_id("Nghị định 61/2018/NĐ-CP có hiệu lực từ ngày nào?")
        );
        assert_eq!(a.len(), 10);
        assert!(a.starts_with("q-"));
        assert_ne!(a, derived_id("Một câu khác?"));
        // SHA-256("abc") starts with ba7816bf.
        assert_eq!(derived_id("abc"), "q-ba7816bf");
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("cchc-2018.chung_1"));
        assert!(!is_valid_id("cchc 2018"));
        assert!(!is_valid_id("câu-1"));
        assert!(!is_valid_id("a:b"));
        assert!(!is_valid_id(""));
    }
}
