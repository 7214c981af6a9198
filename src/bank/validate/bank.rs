//! The rules of a bank and of its questions.

use super::super::diag::{Expected, Hint, Problem};
use super::super::yaml::{Entry, Node, Pos, Value};
use super::super::{self as bank, Bank, Question, Review, Scoring, letter_index};
use super::seen::{Seen, Shared};
use super::{
    BANK_KEYS, Checker, MAX_CHOICES, QUESTION_KEYS, derived_id, get, is_valid_id, scalar_text,
};

const REVIEW_VALUES: &[&str] = &["after_submit", "none", "each_question"];
const SCORING_VALUES: &[&str] = &["all_or_nothing", "partial"];

/// What one question's checks found: the question when it has no error,
/// and its id and text whenever they could be read, for the checks across
/// questions.
struct QuestionParts {
    question: Option<Question>,
    id: Option<String>,
    /// The text when the question has errors; a question without any holds
    /// its own.
    text: Option<String>,
}

impl<'a> Checker<'a> {
    /// Validates a bank file's tree; `None` when it has errors. `streamed`
    /// holds the questions already checked one by one while the file was
    /// read (the tree's list of questions is then empty): their
    /// diagnostics take their place among the bank's as if the list had
    /// been checked here.
    pub(crate) fn bank(
        &mut self,
        root: &mut Node,
        sha256: String,
        streamed: Option<QuestionsCheck<'a>>,
    ) -> Option<Bank> {
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
        let mut streamed = streamed;
        match get(map, "questions") {
            None => self.missing(root.at, "questions", &suggested),
            Some(node) => match &mut node.value {
                Value::Seq(items) => {
                    let mut check = streamed
                        .take()
                        .unwrap_or_else(|| QuestionsCheck::new(self.path, self.src));
                    for item in items.iter_mut() {
                        check.item(item);
                    }
                    if check.count == 0 {
                        self.report(
                            node.at,
                            Problem::Empty {
                                key: "questions".to_owned(),
                            },
                            None,
                        );
                    } else {
                        question_count = check.count;
                        self.absorb(check.checker);
                        questions = check.out;
                        // Grown one question at a time: up to twice the
                        // room, kept as long as the bank.
                        questions.shrink_to_fit();
                    }
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

    /// `shared` holds the topics and sources of the questions before.
    fn question(&mut self, item_at: Pos, map: &mut [Entry], shared: &mut Shared) -> QuestionParts {
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
        let ok = self.errors == before && id_ok && id.is_some();
        let (question, text) = match (text, choices, answer, points) {
            (Some(text), Some(choices), Some(answer), Some(points)) if ok => {
                let question = Question {
                    // Set by the caller, which numbers a derived id that
                    // repeats: not copied here for nothing.
                    id: String::new(),
                    topic: topic.map(|t| shared.get(t)),
                    text,
                    choices,
                    answer,
                    shuffle_choices,
                    points,
                    explanation,
                    source: source.map(|s| shared.get(s)),
                };
                (Some(question), None)
            }
            (text, ..) => (None, text),
        };
        QuestionParts { question, id, text }
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
            let empty = match &item.value {
                Value::Null => true,
                Value::Str(s) => s.trim().is_empty(),
                _ => false,
            };
            if empty {
                // Named by its letter: "choices is empty" read as if the
                // whole list were.
                let hint = self.hash_hint(item.at);
                let letter = bank::letter(i);
                self.report(item.at, Problem::EmptyChoice { letter }, hint);
                ok = false;
                continue;
            }
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
            let letter = bank::letter(i);
            let earlier = || out.iter().zip(&letters);
            if let Some((_, &first)) = earlier().find(|(t, _)| **t == text) {
                self.report(
                    item.at,
                    Problem::DuplicateChoice {
                        letter,
                        same_as: bank::letter(first),
                    },
                    None,
                );
                ok = false;
            } else if let Some((_, &first)) = earlier().find(|(t, _)| loose_eq(t, &text)) {
                self.report(
                    item.at,
                    Problem::SimilarChoices {
                        letter,
                        same_as: bank::letter(first),
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
                (Some(c), None) if c.is_ascii_alphabetic() => letter_index(c),
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
            let letter = bank::letter(index.min(25));
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
}

/// The checks of a bank's questions, one question at a time, with what the
/// checks across questions need (the ids and texts seen so far). Its
/// diagnostics are kept apart, then merged into the bank's where the list
/// of questions is checked ([`Checker::bank`]), so that a list checked
/// while the file is read gives the diagnostics, in the order and within
/// the limit, of one checked after.
pub(crate) struct QuestionsCheck<'a> {
    checker: Checker<'a>,
    /// The questions without errors, in the bank's order.
    out: Vec<Question>,
    /// Each id (given or derived) and the line it was first written on.
    ids: Seen,
    /// Each text and the line it was first written on.
    texts: Seen,
    /// The topics and sources, one copy of each.
    shared: Shared,
    /// Items seen, good or bad.
    count: usize,
}

impl<'a> QuestionsCheck<'a> {
    pub(crate) fn new(path: &'a std::path::Path, src: &'a str) -> Self {
        QuestionsCheck {
            checker: Checker::new(path, src),
            out: Vec::new(),
            ids: Seen::new(|q| &q.id),
            texts: Seen::new(|q| &q.text),
            shared: Shared::default(),
            count: 0,
        }
    }

    /// Checks the next item of the list of questions; the item's strings
    /// are moved into the question, not copied.
    pub(crate) fn item(&mut self, item: &mut Node) {
        self.count += 1;
        let checker = &mut self.checker;
        let item_at = item.at;
        let Some(map) = checker.item_map(item, "questions") else {
            return;
        };
        // The checks across questions run on every question that has the
        // field, whatever else is wrong with it: one error must not hide
        // another.
        let parts = checker.question(item_at, map, &mut self.shared);
        // Its index among the kept questions, if it is kept: it then holds
        // its id and text for the checks of the questions after it.
        let next = parts.question.is_some().then_some(self.out.len());
        let id_at = get(map, "id").map_or(item_at, |n| n.at);
        let mut id = parts.id;
        if get(map, "id").is_none()
            && let Some(base) = id.clone()
        {
            // Two questions with the same text (a warning, below) would get
            // the same derived id; number the later ones so the results
            // file can still tell them apart.
            let mut n = 2;
            let mut numbered = base.clone();
            while self.ids.contains(&self.out, &numbered) {
                numbered = format!("{base}-{n}");
                n += 1;
            }
            id = Some(numbered);
        }
        if let Some(id) = &id
            && let Some(first_line) = self.ids.first_seen(&self.out, id, id_at.line, next)
        {
            checker.report(
                id_at,
                Problem::DuplicateQuestionId {
                    id: id.clone(),
                    first_line,
                },
                None,
            );
        }
        let text = match &parts.question {
            Some(q) => Some(q.text.as_str()),
            None => parts.text.as_deref(),
        };
        if let Some(text) = text {
            let text_at = get(map, "text").map_or(item_at, |n| n.at);
            if let Some(first_line) = self.texts.first_seen(&self.out, text, text_at.line, next) {
                checker.report(text_at, Problem::DuplicateQuestionText { first_line }, None);
            }
        }
        let Some(mut q) = parts.question else {
            return;
        };
        if let Some(id) = id {
            q.id = id;
        }
        self.out.push(q);
    }
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
