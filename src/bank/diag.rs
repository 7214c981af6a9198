//! Diagnostics: one problem in a bank or roster file, where it is, and how
//! to fix it.
//!
//! A diagnostic keeps the problem as data ([`Problem`]) and renders its
//! message in the reader's language on demand, so the loader needs no
//! language and the same diagnostic can be shown in Vietnamese on screen and
//! sent to a tool as JSON with a stable English [`Diagnostic::code`].

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used until it is fixed.
    Error,
    /// The file can be used, but something looks like a mistake.
    Warning,
}

/// What a value should have been, for "wrong type" problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A piece of text.
    Text,
    /// A list (`- item` lines or `[a, b]`).
    List,
    /// A group of `key: value` lines.
    Mapping,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    WholeNumber,
    /// A number.
    Number,
}

/// The byte order of a UTF-16 file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    /// Little-endian (BOM `FF FE`): Notepad's "UTF-16 LE", or "Unicode".
    Le,
    /// Big-endian (BOM `FE FF`): Notepad's "UTF-16 BE", or "Unicode big
    /// endian".
    Be,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The file could not be read (the system's message).
    Io(String),
    /// The file is over the size limit.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// The file is not UTF-8; `offset` is the first bad byte.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file is UTF-16 (Notepad's "Unicode"), told by its BOM.
    Utf16(Utf16),
    /// The YAML does not parse; `message` is the parser's English text.
    Syntax {
        /// The parser's description.
        message: String,
    },
    /// A key appears twice in one group.
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// Aliases (`*name`) would expand to a huge document.
    AliasExpansion,
    /// More than one YAML document (`---`) in one file.
    SeveralDocuments,
    /// More YAML nodes than any bank needs.
    TooManyNodes {
        /// The limit.
        limit: u64,
    },
    /// More problems than are worth listing; the rest are not shown.
    TooManyProblems {
        /// How many are shown.
        shown: usize,
    },
    /// The file is empty or is not a group of `key: value` lines.
    NotAMapping,
    /// A key the format does not know.
    UnknownKey {
        /// The key as written.
        key: String,
        /// A known key it is probably a misspelling of.
        suggestion: Option<&'static str>,
    },
    /// A required key is missing.
    MissingKey {
        /// The key.
        key: &'static str,
    },
    /// A text or list is empty.
    Empty {
        /// The key.
        key: String,
    },
    /// A value has the wrong type.
    WrongType {
        /// The key (or `choices` for a choice).
        key: String,
        /// What it should be.
        expected: Expected,
    },
    /// A control character (or a line break where none is allowed).
    ControlChar {
        /// The key whose text holds it.
        key: String,
        /// The character.
        ch: char,
    },
    /// An id with characters other than letters, digits, `.`, `_`, `-`.
    BadId {
        /// The id.
        id: String,
    },
    /// A duration that is not like `90s`, `20m`, `1h30m`.
    BadDuration {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
    },
    /// `pick` is 0 or more than the number of questions.
    BadPick {
        /// The value.
        pick: i64,
        /// The number of questions in the bank.
        questions: usize,
    },
    /// `pass_percent` outside 0–100.
    BadPassPercent {
        /// The value as written.
        value: String,
    },
    /// A value outside a fixed list (`review`, `scoring`).
    UnknownValue {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// The accepted values.
        allowed: &'static [&'static str],
        /// The accepted value it is probably a misspelling of.
        suggestion: Option<&'static str>,
    },
    /// `points` not greater than 0.
    BadPoints {
        /// The value as written.
        value: String,
    },
    /// An `answer` that is not a letter.
    AnswerNotLetter {
        /// The value as written.
        value: String,
    },
    /// An `answer` letter beyond the last choice.
    AnswerOutOfRange {
        /// The letter.
        letter: char,
        /// The number of choices.
        choices: usize,
    },
    /// The same letter twice in `answer`.
    AnswerRepeated {
        /// The letter.
        letter: char,
    },
    /// Fewer than 2 choices.
    TooFewChoices {
        /// How many there are.
        count: usize,
    },
    /// More than 10 choices.
    TooManyChoices {
        /// How many there are.
        count: usize,
    },
    /// A choice with no text (a bare `-`, or `""`).
    EmptyChoice {
        /// Its letter.
        letter: char,
    },
    /// Two choices with the same text.
    DuplicateChoice {
        /// This choice's letter.
        letter: char,
        /// The earlier choice's letter.
        same_as: char,
    },
    /// Two choices that differ only in case or spacing (warning).
    SimilarChoices {
        /// This choice's letter.
        letter: char,
        /// The earlier choice's letter.
        same_as: char,
    },
    /// Two questions with the same id.
    DuplicateQuestionId {
        /// The id.
        id: String,
        /// The line of the first.
        first_line: usize,
    },
    /// Two questions with the same text (warning).
    DuplicateQuestionText {
        /// The line of the first.
        first_line: usize,
    },
    /// Two banks with the same id (the results file tells banks by id).
    DuplicateBankId {
        /// The id.
        id: String,
        /// The other file.
        other: PathBuf,
        /// The file has no `id:` line: its id is its name.
        from_file_name: bool,
    },
    /// Two units with the same name (ignoring case and diacritics).
    DuplicateUnitName {
        /// The name.
        name: String,
        /// The line of the first.
        first_line: usize,
    },
    /// Two units with the same code (ignoring case).
    DuplicateUnitCode {
        /// The code.
        code: String,
        /// The line of the first.
        first_line: usize,
    },
    /// `members` not a whole number greater than 0.
    BadMembers {
        /// The value as written.
        value: String,
    },
    /// A folder holds no bank file (warning).
    NoBanks,
    /// Unquoted text followed by ` #…`, which YAML drops as a comment
    /// (warning).
    CutAtHash {
        /// The key.
        key: String,
        /// The text as read.
        kept: String,
    },
    /// Unquoted text followed on its line by ` # …`: a comment, or text
    /// the trainer meant to keep (warning).
    CommentAfterText {
        /// The key.
        key: String,
        /// The text as read.
        kept: String,
    },
}

impl Problem {
    /// How serious the problem is.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::SimilarChoices { .. }
            | Problem::DuplicateQuestionText { .. }
            | Problem::NoBanks
            | Problem::TooManyProblems { .. }
            | Problem::CutAtHash { .. }
            | Problem::CommentAfterText { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A stable machine code, the same in every language.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Io(_) => "io-error",
            Problem::TooLarge { .. } => "file-too-large",
            Problem::NotUtf8 { .. } => "not-utf8",
            Problem::Utf16(_) => "utf16",
            Problem::Syntax { .. } => "yaml-syntax",
            Problem::DuplicateKey { .. } => "duplicate-key",
            Problem::AliasExpansion => "alias-expansion",
            Problem::SeveralDocuments => "several-documents",
            Problem::TooManyNodes { .. } => "too-many-nodes",
            Problem::TooManyProblems { .. } => "too-many-problems",
            Problem::NotAMapping => "not-a-mapping",
            Problem::UnknownKey { .. } => "unknown-key",
            Problem::MissingKey { .. } => "missing-key",
            Problem::Empty { .. } => "empty-value",
            Problem::WrongType { .. } => "wrong-type",
            Problem::ControlChar { .. } => "control-character",
            Problem::BadId { .. } => "bad-id",
            Problem::BadDuration { .. } => "bad-duration",
            Problem::BadPick { .. } => "bad-pick",
            Problem::BadPassPercent { .. } => "bad-pass-percent",
            Problem::UnknownValue { .. } => "unknown-value",
            Problem::BadPoints { .. } => "bad-points",
            Problem::AnswerNotLetter { .. } => "answer-not-letter",
            Problem::AnswerOutOfRange { .. } => "answer-out-of-range",
            Problem::AnswerRepeated { .. } => "answer-repeated",
            Problem::TooFewChoices { .. } => "too-few-choices",
            Problem::TooManyChoices { .. } => "too-many-choices",
            Problem::EmptyChoice { .. } => "empty-choice",
            Problem::DuplicateChoice { .. } => "duplicate-choice",
            Problem::SimilarChoices { .. } => "similar-choices",
            Problem::DuplicateQuestionId { .. } => "duplicate-question-id",
            Problem::DuplicateQuestionText { .. } => "duplicate-question-text",
            Problem::DuplicateBankId { .. } => "duplicate-bank-id",
            Problem::DuplicateUnitName { .. } => "duplicate-unit-name",
            Problem::DuplicateUnitCode { .. } => "duplicate-unit-code",
            Problem::BadMembers { .. } => "bad-members",
            Problem::NoBanks => "no-banks",
            Problem::CutAtHash { .. } => "cut-at-hash",
            Problem::CommentAfterText { .. } => "comment-after-text",
        }
    }
}

/// The longest piece of a trainer's text a message repeats.
const SHOWN_CHARS: usize = 60;

/// A piece of the file's text made safe to repeat in a message: control
/// characters (which could drive the terminal) written as `\u{1b}`, and
/// cut to `SHOWN_CHARS` characters.
pub fn shown(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if crate::text::is_forbidden_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

impl Problem {
    /// A copy whose text taken from the file is safe to print.
    pub(crate) fn shown(&self) -> Problem {
        let mut p = self.clone();
        match &mut p {
            Problem::UnknownKey { key, .. }
            | Problem::DuplicateKey { key }
            | Problem::Empty { key }
            | Problem::WrongType { key, .. }
            | Problem::ControlChar { key, .. } => *key = shown(key),
            Problem::BadDuration { key, value } => {
                *key = shown(key);
                *value = shown(value);
            }
            Problem::BadId { id } | Problem::DuplicateQuestionId { id, .. } => *id = shown(id),
            Problem::DuplicateBankId { id, other, .. } => {
                *id = shown(id);
                *other = PathBuf::from(shown(&other.display().to_string()));
            }
            Problem::UnknownValue { value, .. }
            | Problem::BadPassPercent { value }
            | Problem::BadPoints { value }
            | Problem::AnswerNotLetter { value }
            | Problem::BadMembers { value } => *value = shown(value),
            Problem::DuplicateUnitName { name, .. } => *name = shown(name),
            Problem::DuplicateUnitCode { code, .. } => *code = shown(code),
            Problem::CutAtHash { key, kept } | Problem::CommentAfterText { key, kept } => {
                *key = shown(key);
                *kept = shown(kept);
            }
            Problem::Io(e) | Problem::Syntax { message: e } => {
                *e = e
                    .chars()
                    .filter(|c| !crate::text::is_forbidden_control(*c))
                    .collect()
            }
            _ => {}
        }
        p
    }
}

/// A plain suggestion shown under a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A Tab is used for indentation.
    Tab,
    /// `key:value` without a space after `:`.
    SpaceAfterColon,
    /// `-item` without a space after `-`.
    SpaceAfterDash,
    /// `: ` inside unquoted text.
    QuoteColon,
    /// ` #` inside unquoted text.
    QuoteHash,
    /// A line is indented differently from its neighbours.
    Indentation,
    /// Durations are written `90s`, `20m`, `1h30m`.
    DurationForm,
    /// Several right answers are written as a list.
    AnswerList,
    /// `true` or `false`.
    BoolForm,
    /// Ids use letters, digits, `.`, `_`, `-`.
    IdForm,
    /// Choices are lettered automatically; do not write `A:`.
    ChoiceNoLetter,
    /// A choice list needs `- ` items.
    ChoicesAsList,
    /// Retype the text or remove the invisible character.
    ControlChar,
    /// Only some keys may span lines.
    OneLine,
    /// Save the file as UTF-8.
    SaveAsUtf8,
    /// Split the file.
    SplitFile,
    /// Remove aliases.
    NoAliases,
    /// Text with a leading special character needs quotes.
    QuoteText,
    /// A key of the other level (a question's key among the bank's, or the
    /// reverse): the line is indented wrongly.
    WrongLevel,
    /// The file name is not a valid bank id: add `id:` or rename the file.
    IdFromFileName,
}

/// One problem, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file.
    pub path: PathBuf,
    /// Line from 1; 0 for a problem with the whole file.
    pub line: usize,
    /// Column from 1 (in characters); 0 with line 0.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub problem: Problem,
    /// How to fix it, when a plain hint helps.
    pub hint: Option<Hint>,
}

impl Diagnostic {
    /// A diagnostic whose severity follows from the problem.
    pub fn new(path: PathBuf, line: usize, col: usize, problem: Problem) -> Self {
        Diagnostic {
            path,
            line,
            col,
            severity: problem.severity(),
            problem,
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: Option<Hint>) -> Self {
        self.hint = hint;
        self
    }

    /// The stable machine code, e.g. `unknown-key`.
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// For developers and logs: the place and the stable code, in no
/// language (`quizzes/x.yaml:42:5: error[unknown-key]`). A person reads
/// [`Diagnostic::render`] in their language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {severity}[{}]",
            self.path.display(),
            self.line,
            self.col,
            self.code()
        )
    }
}

/// A diagnostic as `union-quiz check --format json` writes it.
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticJson {
    /// The file.
    pub path: String,
    /// Line from 1; 0 for the whole file.
    pub line: usize,
    /// Column from 1; 0 for the whole file.
    pub column: usize,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable machine code.
    pub code: &'static str,
    /// The message in the chosen language.
    pub message: String,
    /// The hint in the chosen language, or null.
    pub hint: Option<String>,
}
