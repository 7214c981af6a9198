//! Diagnostics of `union-quiz import`: where in the source file (a Word
//! paragraph, a spreadsheet cell, a line and column of a text file), what is
//! wrong, and how to fix it. Shaped like `check`'s diagnostics, and rendered
//! in the reader's language by `src/i18n/import.rs`.

use std::fmt;
use std::path::PathBuf;

pub use crate::bank::Severity;
use crate::i18n::Lang;
use crate::i18n::import as msg;

/// Where a problem is in the file being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The whole file.
    File,
    /// A paragraph of a Word document, from 1 in document order (the
    /// paragraphs of tables included).
    Paragraph(usize),
    /// A cell of a spreadsheet: the sheet's name (none for CSV), and the
    /// cell as Excel names it (`D12`).
    Cell {
        /// The sheet, `None` for a CSV file.
        sheet: Option<String>,
        /// Row from 1.
        row: u32,
        /// Column from 0 (A).
        col: u32,
    },
    /// A line and column (in characters) of a text file, from 1.
    Line {
        /// Line from 1.
        line: usize,
        /// Column from 1.
        col: usize,
    },
}

/// Excel's name of a column from 0: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The ways a right answer can be marked in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// Underlined letter or choice.
    Underline,
    /// Bold letter or choice.
    Bold,
    /// Italic letter or choice.
    Italic,
    /// Red text.
    Red,
    /// Highlighted or shaded text.
    Highlight,
    /// A leading `*`.
    Star,
    /// An "Đáp án: B" line after the question.
    AnswerLine,
    /// The answer key at the end of the document.
    AnswerKey,
}

/// A kind of file the importer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Word `.docx`.
    Docx,
    /// Excel `.xlsx`.
    Xlsx,
    /// Comma-separated values.
    Csv,
    /// Moodle's Aiken text format.
    Aiken,
    /// Moodle's GIFT text format.
    Gift,
}

/// One problem found while importing.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The file could not be read (the system's message).
    Io(String),
    /// The file is over the size limit.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A text file that is not UTF-8.
    NotUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// Neither the extension nor the content says which format this is.
    UnknownFormat,
    /// An Office file with a password, or in the old 97–2003 format (both
    /// are OLE compound files, not zip archives).
    EncryptedOrOld,
    /// The file is not a zip archive, or one that is damaged.
    Corrupt {
        /// The library's description, in English.
        detail: String,
    },
    /// The file is of another kind than its extension says (an .xlsx named
    /// .docx).
    WrongKind {
        /// What the content is.
        found: Kind,
        /// What the extension says.
        named: Kind,
    },
    /// More entries in the zip archive than any Office file has.
    TooManyEntries {
        /// The limit.
        limit: usize,
    },
    /// A part of the archive decompresses to more than the limit (a zip
    /// bomb, or a document far larger than any bank).
    Bomb {
        /// The part's name in the archive.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// XML nested deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// More cells (or paragraphs) than the limit.
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// The XML inside the file does not parse.
    BadXml {
        /// The parser's description, in English.
        detail: String,
    },
    /// The file holds no question the importer recognised.
    NoQuestions,
    /// No right answer is marked.
    NoAnswer,
    /// Two markers give different right answers.
    MarkersDisagree {
        /// The first marker and the letters it gives.
        first: (Marker, Vec<usize>),
        /// The second.
        second: (Marker, Vec<usize>),
    },
    /// Fewer than 2 choices.
    TooFewChoices {
        /// How many.
        count: usize,
    },
    /// More than 10 choices.
    TooManyChoices {
        /// How many.
        count: usize,
    },
    /// A choice letter that skips (A, B, D).
    LetterSkips {
        /// The letter expected.
        expected: usize,
        /// The letter found.
        found: usize,
    },
    /// An answer (key entry, "Đáp án" line, answer cell) names a letter
    /// beyond the last choice.
    AnswerNotAChoice {
        /// The letter.
        letter: usize,
        /// The number of choices.
        choices: usize,
    },
    /// An answer-key entry for a question number that does not exist.
    KeyForMissingQuestion {
        /// The number as written.
        number: String,
    },
    /// Two answer-key entries for one question.
    KeyRepeated {
        /// The number as written.
        number: String,
    },
    /// An answer that cannot be read as letters.
    BadAnswer {
        /// The value as written.
        value: String,
    },
    /// A question with choices but no text.
    EmptyQuestion,
    /// A choice with no text.
    EmptyChoice {
        /// Its letter.
        letter: usize,
    },
    /// Two choices with the same text.
    DuplicateChoice {
        /// This choice.
        letter: usize,
        /// The earlier one.
        same_as: usize,
    },
    /// A spreadsheet with no header row naming a question column.
    NoHeader,
    /// A header row with no choice columns.
    NoChoiceColumns,
    /// A spreadsheet whose answer is neither in a column nor on a key sheet.
    NoAnswerColumn,
    /// Text before the first question that is not a title or heading
    /// (warning).
    StrayText,
    /// A GIFT question of another type than multiple choice (warning).
    GiftOtherType {
        /// The type, in English (`true/false`, `essay` …).
        kind: &'static str,
    },
    /// A GIFT question whose `{` is never closed.
    GiftUnclosed,
    /// A question id that is not a valid id; replaced (warning).
    BadId {
        /// The id as written.
        id: String,
    },
    /// Two questions with one id; the later one renamed (warning).
    DuplicateId {
        /// The id.
        id: String,
    },
    /// An Aiken question with no `ANSWER:` line.
    AikenNoAnswerLine,
    /// The output file exists and was not named with `-o`.
    OutputExists {
        /// The file.
        path: PathBuf,
    },
    /// The bank written fails `check` (a bug in the importer).
    CheckFailed {
        /// `check`'s message.
        message: String,
    },
}

impl Problem {
    /// How serious the problem is.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::StrayText
            | Problem::GiftOtherType { .. }
            | Problem::BadId { .. }
            | Problem::DuplicateId { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A stable machine code, the same in every language.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Io(_) => "io-error",
            Problem::TooLarge { .. } => "file-too-large",
            Problem::NotUtf8 { .. } => "not-utf8",
            Problem::UnknownFormat => "unknown-format",
            Problem::EncryptedOrOld => "encrypted-or-old",
            Problem::Corrupt { .. } => "corrupt",
            Problem::WrongKind { .. } => "wrong-kind",
            Problem::TooManyEntries { .. } => "too-many-entries",
            Problem::Bomb { .. } => "too-large-unpacked",
            Problem::TooDeep { .. } => "xml-too-deep",
            Problem::TooManyCells { .. } => "too-many-cells",
            Problem::BadXml { .. } => "bad-xml",
            Problem::NoQuestions => "no-questions",
            Problem::NoAnswer => "no-answer",
            Problem::MarkersDisagree { .. } => "markers-disagree",
            Problem::TooFewChoices { .. } => "too-few-choices",
            Problem::TooManyChoices { .. } => "too-many-choices",
            Problem::LetterSkips { .. } => "letter-skips",
            Problem::AnswerNotAChoice { .. } => "answer-not-a-choice",
            Problem::KeyForMissingQuestion { .. } => "key-for-missing-question",
            Problem::KeyRepeated { .. } => "key-repeated",
            Problem::BadAnswer { .. } => "bad-answer",
            Problem::EmptyQuestion => "empty-question",
            Problem::EmptyChoice { .. } => "empty-choice",
            Problem::DuplicateChoice { .. } => "duplicate-choice",
            Problem::NoHeader => "no-header",
            Problem::NoChoiceColumns => "no-choice-columns",
            Problem::NoAnswerColumn => "no-answer-column",
            Problem::StrayText => "stray-text",
            Problem::GiftOtherType { .. } => "gift-other-type",
            Problem::GiftUnclosed => "gift-unclosed",
            Problem::BadId { .. } => "bad-id",
            Problem::DuplicateId { .. } => "duplicate-id",
            Problem::AikenNoAnswerLine => "aiken-no-answer",
            Problem::OutputExists { .. } => "output-exists",
            Problem::CheckFailed { .. } => "check-failed",
        }
    }

    /// A copy whose text taken from the file is safe to print.
    fn shown(&self) -> Problem {
        use crate::bank::diag::shown;
        let mut p = self.clone();
        match &mut p {
            Problem::Io(s)
            | Problem::Corrupt { detail: s }
            | Problem::BadXml { detail: s }
            | Problem::KeyForMissingQuestion { number: s }
            | Problem::KeyRepeated { number: s }
            | Problem::BadAnswer { value: s }
            | Problem::BadId { id: s }
            | Problem::DuplicateId { id: s }
            | Problem::Bomb { part: s, .. }
            | Problem::CheckFailed { message: s } => *s = shown(s),
            _ => {}
        }
        p
    }
}

/// One problem, where it is, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file imported.
    pub path: PathBuf,
    /// Where in it.
    pub place: Place,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub problem: Problem,
    /// The kind of file, once known: hints differ between Word, a
    /// spreadsheet, GIFT and Aiken.
    pub kind: Option<Kind>,
}

impl Diagnostic {
    /// A diagnostic whose severity follows from the problem.
    pub fn new(path: PathBuf, place: Place, problem: Problem) -> Self {
        Diagnostic {
            path,
            place,
            severity: problem.severity(),
            problem,
            kind: None,
        }
    }

    /// Whether the problem keeps one question out of the bank (rather than
    /// refusing the file or concerning an answer key or a warning).
    pub fn is_question_left_out(&self) -> bool {
        self.is_error()
            && self.place != Place::File
            && !matches!(
                self.problem,
                Problem::KeyForMissingQuestion { .. } | Problem::KeyRepeated { .. }
            )
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        msg::problem(&self.problem.shown(), lang)
    }

    /// `FILE: đoạn 57: lỗi: message` (or `FILE: Sheet1!D12:`,
    /// `FILE:LINE:COL:`), then the hint indented on its own line.
    pub fn render(&self, lang: Lang) -> String {
        let path: String = self
            .path
            .display()
            .to_string()
            .chars()
            .map(|c| {
                if crate::text::is_forbidden_control(c) {
                    '?'
                } else {
                    c
                }
            })
            .collect();
        let mut out = match &self.place {
            Place::File => path,
            Place::Line { line, col } => format!("{path}:{line}:{col}"),
            Place::Paragraph(n) => format!("{path}: {}", msg::paragraph(*n, lang)),
            Place::Cell { sheet, row, col } => match sheet {
                Some(s) => format!(
                    "{path}: {}!{}{row}",
                    crate::bank::diag::shown(s),
                    column_name(*col)
                ),
                None => format!("{path}: {}{row}", column_name(*col)),
            },
        };
        out.push_str(&format!(
            ": {}: {}",
            crate::i18n::check::severity(self.severity, lang),
            self.message(lang)
        ));
        if let Some(hint) = msg::hint(&self.problem, self.kind, lang) {
            out.push_str("\n    ");
            out.push_str(&hint);
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Vi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
    }
}
