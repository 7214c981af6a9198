//! Validation of banks and rosters on the [`Node`] tree.
//!
//! Every rule runs on every part of the file it can reach, so that a trainer
//! sees all the problems of a file at once; a part that is broken (say a
//! question without `choices`) only skips the rules that need it.

use std::collections::{HashMap, hash_map};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::diag::{Diagnostic, Expected, Hint, Problem};
use super::roster::{Roster, Unit};
use super::yaml::{Entry, Node, Pos, Value};
use super::{Bank, Question, Review, Scoring};

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

const REVIEW_VALUES: &[&str] = &["after_submit", "none", "each_question"];
const SCORING_VALUES: &[&str] = &["all_or_nothing", "partial"];

/// The most choices a question may have (A to J).
pub const MAX_CHOICES: usize = 10;

/// The most diagnostics kept for one file.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// How far into a line, and over how many lines, a diagnostic looks for a
/// character: enough for any real text, and bounded on a one-line 10 MiB
/// file.
const LINE_SCAN: usize = 4096;
const LINES_SCAN: usize = 200;

/// What one question's checks found: the question when it has no error,
/// and its id and text whenever they could be read, for the checks across
/// questions.
struct QuestionParts {
    question: Option<Question>,
    id: Option<String>,
    text: Option<String>,
}

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
        match self.diags.len().cmp(&MAX_DIAGNOSTICS) {
            std::cmp::Ordering::Less => self.diags.push(
                Diagnostic::new(self.path.to_path_buf(), at.line, at.col, problem).with_hint(hint),
            ),
            std::cmp::Ordering::Equal => self.diags.push(Diagnostic::new(
                self.path.to_path_buf(),
                at.line,
                at.col,
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

    /// Validates a bank file's tree; `None` when it has errors.
    pub(crate) fn bank(&mut self, root: &mut Node, sha256: String) -> Option<Bank> {
        let root_at = root.at;
        let Value::Map(map) = &mut root.value else {
            self.report(root_at, Problem::NotAMapping, None);
            return None;
        };
        let suggested = self.unknown_keys(map, BANK_KEYS, QUESTION_KEYS);
        let title = match get(map, "title") {
            Some(n) => self.text(n, "title", false),
            None => {
                self.missing(root.at, "title", &suggested);
                None
            }
        };
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = match get(map, "id") {
            Some(n) => self.id(n, "id"),
            None if is_valid_id(&stem) => Some(stem),
            None => {
                self.report(
                    root.at,
                    Problem::BadId { id: stem },
                    Some(Hint::IdFromFileName),
                );
                None
            }
        };
        let course = self.optional_text(map, "course", false);
        let description = self.optional_text(map, "description", true);
        let time_limit = get(map, "time_limit").and_then(|n| self.duration(n, "time_limit"));
        let question_time_limit =
            get(map, "question_time_limit").and_then(|n| self.duration(n, "question_time_limit"));
        let shuffle_questions = get(map, "shuffle_questions")
            .and_then(|n| self.bool(n, "shuffle_questions"))
            .unwrap_or(true);
        let shuffle_choices = get(map, "shuffle_choices")
            .and_then(|n| self.bool(n, "shuffle_choices"))
            .unwrap_or(true);
        let pass_percent = match get(map, "pass_percent") {
            Some(n) => match self.number(n, "pass_percent") {
                Some(p) if (0.0..=100.0).contains(&p) => p,
                Some(_) => {
                    let value = n.raw.clone().unwrap_or_else(|| scalar_text(&n.value));
                    self.report(n.at, Problem::BadPassPercent { value }, None);
                    50.0
                }
                None => 50.0,
            },
            None => 50.0,
        };
        let review = get(map, "review")
            .and_then(|n| {
                self.choice_enum(
                    n,
                    "review",
                    REVIEW_VALUES,
                    &[Review::AfterSubmit, Review::None, Review::EachQuestion],
                )
            })
            .unwrap_or_default();
        let scoring = get(map, "scoring")
            .and_then(|n| {
                self.choice_enum(
                    n,
                    "scoring",
                    SCORING_VALUES,
                    &[Scoring::AllOrNothing, Scoring::Partial],
                )
            })
            .unwrap_or_default();

        let mut questions = Vec::new();
        let mut question_count = 0;
        match get(map, "questions") {
            None => self.missing(root.at, "questions", &suggested),
            Some(node) => match &mut node.value {
                Value::Seq(items) if items.is_empty() => self.report(
                    node.at,
                    Problem::Empty {
                        key: "questions".to_owned(),
                    },
                    None,
                ),
                Value::Seq(items) => {
                    question_count = items.len();
                    questions = self.questions(items);
                }
                Value::Null => self.report(
                    node.at,
                    Problem::Empty {
                        key: "questions".to_owned(),
                    },
                    None,
                ),
                _ => self.report(
                    node.at,
                    Problem::WrongType {
                        key: "questions".to_owned(),
                        expected: Expected::List,
                    },
                    None,
                ),
            },
        }

        let pick = match get(map, "pick") {
            None => None,
            Some(n) => match n.value {
                Value::Int(p)
                    if p >= 1 && (question_count == 0 || p as usize <= question_count) =>
                {
                    Some(p as usize)
                }
                Value::Int(p) => {
                    self.report(
                        n.at,
                        Problem::BadPick {
                            pick: p,
                            questions: question_count,
                        },
                        None,
                    );
                    None
                }
                _ => {
                    self.report(
                        n.at,
                        Problem::WrongType {
                            key: "pick".to_owned(),
                            expected: Expected::WholeNumber,
                        },
                        None,
                    );
                    None
                }
            },
        };

        if self.has_errors() {
            return None;
        }
        Some(Bank {
            id: id?,
            title: title?,
            course,
            description,
            time_limit,
            question_time_limit,
            pick,
            shuffle_questions,
            shuffle_choices,
            pass_percent,
            review,
            scoring,
            questions,
            path: self.path.to_path_buf(),
            sha256,
        })
    }

    fn questions(&mut self, items: &mut [Node]) -> Vec<Question> {
        let mut out = Vec::with_capacity(items.len());
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut texts: HashMap<String, usize> = HashMap::new();
        for item in items {
            let item_at = item.at;
            let Some(map) = self.item_map(item, "questions") else {
                continue;
            };
            // The checks across questions run on every question that has
            // the field, whatever else is wrong with it: one error must not
            // hide another.
            let parts = self.question(item_at, map);
            let id_at = get(map, "id").map_or(item_at, |n| n.at);
            let mut id = parts.id;
            if get(map, "id").is_none()
                && let Some(base) = id.clone()
            {
                // Two questions with the same text (a warning, below) would
                // get the same derived id; number the later ones so the
                // results file can still tell them apart.
                let mut n = 2;
                let mut numbered = base.clone();
                while ids.contains_key(&numbered) {
                    numbered = format!("{base}-{n}");
                    n += 1;
                }
                id = Some(numbered);
            }
            if let Some(id) = &id
                && let Some(first_line) = first_seen(&mut ids, id.clone(), id_at.line)
            {
                self.report(
                    id_at,
                    Problem::DuplicateQuestionId {
                        id: id.clone(),
                        first_line,
                    },
                    None,
                );
            }
            if let Some(text) = &parts.text {
                let text_at = get(map, "text").map_or(item_at, |n| n.at);
                if let Some(first_line) = first_seen(&mut texts, text.clone(), text_at.line) {
                    self.report(text_at, Problem::DuplicateQuestionText { first_line }, None);
                }
            }
            let Some(mut q) = parts.question else {
                continue;
            };
            if let Some(id) = id {
                q.id = id;
            }
            out.push(q);
        }
        out
    }

    fn question(&mut self, item_at: Pos, map: &mut [Entry]) -> QuestionParts {
        let suggested = self.unknown_keys(map, QUESTION_KEYS, BANK_KEYS);
        let before = self.errors;
        let text = match get(map, "text") {
            Some(n) => self.text(n, "text", true),
            None => {
                self.missing(item_at, "text", &suggested);
                None
            }
        };
        // An id of the wrong form is still compared with the others.
        let (id, id_ok) = match get(map, "id") {
            Some(n) => match self.id_written(n, "id") {
                Some((id, ok)) => (Some(id), ok),
                None => (None, false),
            },
            None => (text.as_deref().map(derived_id), true),
        };

        let topic = self.optional_text(map, "topic", false);
        let explanation = self.optional_text(map, "explanation", true);
        let source = self.optional_text(map, "source", false);
        let shuffle_choices =
            get(map, "shuffle_choices").and_then(|n| self.bool(n, "shuffle_choices"));
        let points = match get(map, "points") {
            None => Some(1.0),
            Some(n) => match self.number(n, "points") {
                Some(p) if p > 0.0 => Some(p),
                Some(_) => {
                    let value = n.raw.clone().unwrap_or_else(|| scalar_text(&n.value));
                    self.report(n.at, Problem::BadPoints { value }, None);
                    None
                }
                None => None,
            },
        };
        let choices = match get(map, "choices") {
            Some(n) => self.choices(n),
            None => {
                self.missing(item_at, "choices", &suggested);
                None
            }
        };
        // The answer is checked against the choices written, even when
        // they have problems of their own.
        let choice_count = match get(map, "choices").map(|n| &n.value) {
            Some(Value::Seq(items)) => Some(items.len()),
            _ => None,
        };
        let answer = match get(map, "answer") {
            Some(n) => self.answer(n, choice_count),
            None => {
                self.missing(item_at, "answer", &suggested);
                None
            }
        };
        let question = (self.errors == before && id_ok).then(|| {
            Some(Question {
                id: id.clone()?,
                topic,
                text: text.clone()?,
                choices: choices?,
                answer: answer?,
                shuffle_choices,
                points: points?,
                explanation,
                source,
            })
        });
        QuestionParts {
            question: question.flatten(),
            id,
            text,
        }
    }

    fn choices(&mut self, node: &mut Node) -> Option<Vec<String>> {
        let at = node.at;
        let items = match &mut node.value {
            Value::Seq(items) => items,
            Value::Null => {
                self.report(
                    at,
                    Problem::Empty {
                        key: "choices".to_owned(),
                    },
                    Some(Hint::ChoicesAsList),
                );
                return None;
            }
            Value::Str(s) => {
                let (hint, at) = if s.trim_start().starts_with('-') {
                    (
                        Hint::SpaceAfterDash,
                        self.dash_without_space(node.at, node.end_line),
                    )
                } else {
                    (Hint::ChoicesAsList, at)
                };
                self.report(
                    at,
                    Problem::WrongType {
                        key: "choices".to_owned(),
                        expected: Expected::List,
                    },
                    Some(hint),
                );
                return None;
            }
            _ => {
                self.report(
                    at,
                    Problem::WrongType {
                        key: "choices".to_owned(),
                        expected: Expected::List,
                    },
                    Some(Hint::ChoicesAsList),
                );
                return None;
            }
        };
        let mut ok = true;
        if items.len() < 2 {
            self.report(at, Problem::TooFewChoices { count: items.len() }, None);
            ok = false;
        } else if items.len() > MAX_CHOICES {
            self.report(at, Problem::TooManyChoices { count: items.len() }, None);
            ok = false;
        }
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        // At most 10 choices: comparing pairs is cheaper than hashing.
        let mut letters: Vec<usize> = Vec::with_capacity(items.len());
        for (i, item) in items.iter_mut().enumerate() {
            let text = if let Value::Map(_) = item.value {
                self.report(
                    item.at,
                    Problem::WrongType {
                        key: "choices".to_owned(),
                        expected: Expected::Text,
                    },
                    Some(Hint::ChoiceNoLetter),
                );
                None
            } else {
                self.text(item, "choices", false)
            };
            let Some(text) = text else {
                ok = false;
                continue;
            };
            let letter = super::letter(i);
            let earlier = || out.iter().zip(&letters);
            if let Some((_, &first)) = earlier().find(|(t, _)| **t == text) {
                self.report(
                    item.at,
                    Problem::DuplicateChoice {
                        letter,
                        same_as: super::letter(first),
                    },
                    None,
                );
                ok = false;
            } else if let Some((_, &first)) = earlier().find(|(t, _)| loose_eq(t, &text)) {
                self.report(
                    item.at,
                    Problem::SimilarChoices {
                        letter,
                        same_as: super::letter(first),
                    },
                    None,
                );
            }
            out.push(text);
            letters.push(i);
        }
        ok.then_some(out)
    }

    /// `answer`: one letter or a list of letters; lower case accepted.
    fn answer(&mut self, node: &Node, choices: Option<usize>) -> Option<Vec<usize>> {
        let letters: Vec<&Node> = match &node.value {
            Value::Seq(items) if items.is_empty() => {
                self.report(
                    node.at,
                    Problem::Empty {
                        key: "answer".to_owned(),
                    },
                    None,
                );
                return None;
            }
            Value::Seq(items) => items.iter().collect(),
            Value::Map(_) => {
                self.report(
                    node.at,
                    Problem::AnswerNotLetter {
                        value: "{…}".to_owned(),
                    },
                    Some(Hint::AnswerList),
                );
                return None;
            }
            _ => vec![node],
        };
        let mut out: Vec<usize> = Vec::with_capacity(letters.len());
        let mut ok = true;
        for l in letters {
            let written = match &l.value {
                Value::Str(s) => s.trim().to_owned(),
                Value::Null => {
                    let hint = self.hash_hint(l.at);
                    self.report(
                        l.at,
                        Problem::Empty {
                            key: "answer".to_owned(),
                        },
                        hint,
                    );
                    ok = false;
                    continue;
                }
                Value::Seq(_) | Value::Map(_) => "[…]".to_owned(),
                other => l.raw.clone().unwrap_or_else(|| scalar_text(other)),
            };
            let mut chars = written.chars();
            let index = match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => super::letter_index(c),
                _ => None,
            };
            let Some(index) = index else {
                let several = written.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1;
                self.report(
                    l.at,
                    Problem::AnswerNotLetter { value: written },
                    several.then_some(Hint::AnswerList),
                );
                ok = false;
                continue;
            };
            let letter = super::letter(index.min(25));
            if out.contains(&index) {
                self.report(l.at, Problem::AnswerRepeated { letter }, None);
                ok = false;
                continue;
            }
            // An empty list of choices is reported as such; no letter
            // could fit it.
            if let Some(n) = choices
                && n > 0
                && index >= n
            {
                self.report(l.at, Problem::AnswerOutOfRange { letter, choices: n }, None);
                ok = false;
            }
            out.push(index);
        }
        out.sort_unstable();
        ok.then_some(out)
    }

    /// Validates a roster file's tree; `None` when it has errors.
    pub(crate) fn roster(&mut self, root: &mut Node) -> Option<Roster> {
        let root_at = root.at;
        let Value::Map(map) = &mut root.value else {
            self.report(root_at, Problem::NotAMapping, None);
            return None;
        };
        let suggested = self.unknown_keys(map, ROSTER_KEYS, UNIT_KEYS);
        let mut units = Vec::new();
        match get(map, "units") {
            None => self.missing(root_at, "units", &suggested),
            Some(node) => match &mut node.value {
                Value::Seq(items) if !items.is_empty() => units = self.units(items),
                Value::Seq(_) | Value::Null => self.report(
                    node.at,
                    Problem::Empty {
                        key: "units".to_owned(),
                    },
                    None,
                ),
                _ => self.report(
                    node.at,
                    Problem::WrongType {
                        key: "units".to_owned(),
                        expected: Expected::List,
                    },
                    None,
                ),
            },
        }
        if self.has_errors() {
            return None;
        }
        Some(Roster { units })
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

    fn units(&mut self, items: &mut [Node]) -> Vec<Unit> {
        let mut out = Vec::with_capacity(items.len());
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut codes: HashMap<String, usize> = HashMap::new();
        for item in items {
            let item_at = item.at;
            let Some(map) = self.item_map(item, "units") else {
                continue;
            };
            let suggested = self.unknown_keys(map, UNIT_KEYS, ROSTER_KEYS);
            let name = match get(map, "name") {
                Some(n) => self.text(n, "name", false),
                None => {
                    self.missing(item_at, "name", &suggested);
                    None
                }
            };
            if let (Some(name), Some(n)) = (&name, get(map, "name"))
                && let Some(first_line) = first_seen(&mut names, crate::text::fold(name), n.at.line)
            {
                self.report(
                    n.at,
                    Problem::DuplicateUnitName {
                        name: name.clone(),
                        first_line,
                    },
                    None,
                );
            }
            let code = self.optional_text(map, "code", false);
            if let (Some(code), Some(n)) = (&code, get(map, "code"))
                && let Some(first_line) = first_seen(&mut codes, code.to_lowercase(), n.at.line)
            {
                self.report(
                    n.at,
                    Problem::DuplicateUnitCode {
                        code: code.clone(),
                        first_line,
                    },
                    None,
                );
            }
            let members = match get(map, "members") {
                None => None,
                Some(n) => match n.value {
                    Value::Int(m) if m > 0 => u32::try_from(m).ok().or_else(|| {
                        self.report(
                            n.at,
                            Problem::BadMembers {
                                value: m.to_string(),
                            },
                            None,
                        );
                        None
                    }),
                    _ => {
                        let value = n.raw.clone().unwrap_or_else(|| scalar_text(&n.value));
                        self.report(n.at, Problem::BadMembers { value }, None);
                        None
                    }
                },
            };
            if let Some(name) = name {
                out.push(Unit {
                    name,
                    code,
                    members,
                });
            }
        }
        out
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

/// Equal but for case and runs of spaces: "differ only by case or
/// spacing".
fn loose_eq(a: &str, b: &str) -> bool {
    // Compared lazily: most choices differ within a few characters.
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.split_whitespace()
            .flat_map(|w| std::iter::once(' ').chain(w.chars().flat_map(char::to_lowercase)))
    }
    folded(a).eq(folded(b))
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
