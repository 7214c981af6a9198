//! The results file: one CSV row per finished attempt.
//!
//! The file is UTF-8 with a BOM (so that Excel shows Vietnamese), and the
//! header is written once, by whichever process creates the file. Rows are
//! appended under an exclusive lock, whole, then synced, so that members who
//! finish in the same second on one server never mix rows. This module is
//! the only one that knows the file's layout.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The columns of the results file, in order.
pub const COLUMNS: [&str; 20] = [
    "attempt_id",
    "finished_at",
    "member_name",
    "member_code",
    "unit",
    "bank_id",
    "bank_title",
    "bank_sha256",
    "score",
    "max_score",
    "percent",
    "passed",
    "answered",
    "questions",
    "duration_s",
    "time_limit_s",
    "timed_out",
    "seed",
    "answers",
    "app_version",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How long a writer waits for the lock while another writer appends its
/// row. Writers hold it for one write and one sync, so only a stuck
/// process holds it this long; many members finishing at once still queue
/// well within it.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// How long a writer waits for a program that opened the file without
/// sharing it: an antivirus scan lets go within moments, Excel not until it
/// closes the file, and the member is told that rather than kept waiting.
pub const SHARE_WAIT: Duration = Duration::from_secs(1);

/// Between two tries while the file is in use.
const POLL: Duration = Duration::from_millis(5);

/// One finished attempt, as a row of the results file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// Unique per attempt; rows with the same id count once in reports.
    pub attempt_id: String,
    /// RFC 3339 with the local offset.
    pub finished_at: String,
    /// The member's full name, as typed (NFC).
    pub member_name: String,
    /// The member's code, empty when none was given.
    pub member_code: String,
    /// The grassroots union (unit).
    pub unit: String,
    /// The bank's id.
    pub bank_id: String,
    /// The bank's title.
    pub bank_title: String,
    /// SHA-256 of the bank file at the time of the attempt.
    pub bank_sha256: String,
    /// Points scored.
    #[serde(serialize_with = "points")]
    pub score: f64,
    /// Points available in this attempt.
    #[serde(serialize_with = "points")]
    pub max_score: f64,
    /// score ÷ max_score × 100, written with one decimal.
    #[serde(serialize_with = "one_decimal")]
    pub percent: f64,
    /// Whether percent ≥ the bank's pass mark.
    pub passed: bool,
    /// Questions with at least one choice chosen.
    pub answered: u32,
    /// Questions in the attempt.
    pub questions: u32,
    /// Seconds the attempt took on the clock.
    pub duration_s: u64,
    /// The attempt's time limit in seconds; `None` (empty) when untimed.
    pub time_limit_s: Option<u64>,
    /// Whether the attempt was submitted by the deadline.
    pub timed_out: bool,
    /// The seed of every random draw of the attempt.
    pub seed: u64,
    /// `question_id:LETTERS;…` in the bank's own letters, `-` when unanswered.
    pub answers: String,
    /// The version of union-quiz that wrote the row.
    pub app_version: String,
}

fn points<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_points(*v))
}

fn one_decimal<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{v:.1}"))
}

/// Why the results file could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    /// The folder or the file could not be created, opened, locked or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// Another program has the file open without sharing it (Excel on
    /// Windows locks the file it shows), or another writer has held the
    /// lock past [`LOCK_WAIT`]. Nothing was written: closing the other
    /// program and trying again writes the row.
    #[error("{path}: the file is in use by another program")]
    InUse {
        /// The results file.
        path: PathBuf,
    },
    /// A row could not be encoded as CSV (should not happen with valid rows).
    #[error("{path}: {source}")]
    Csv {
        /// The results file.
        path: PathBuf,
        /// What the CSV writer said.
        #[source]
        source: csv::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ResultsError + '_ {
    move |source| ResultsError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Prefixes a text field that a spreadsheet would read as a formula (one that
/// begins with `=`, `+`, `-`, `@`, Tab or CR) with an apostrophe, which Excel
/// and LibreOffice show as plain text.
pub fn neutralise(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}"),
        _ => field.to_owned(),
    }
}

/// Undoes [`neutralise`] when reading a row back, so that a name survives the
/// round trip unchanged.
pub fn unneutralise(field: &str) -> String {
    match field.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest.to_owned()
        }
        _ => field.to_owned(),
    }
}

impl ResultRow {
    /// The row as it is written: free-text fields neutralised against
    /// spreadsheet formula injection.
    fn for_file(&self) -> ResultRow {
        let mut row = self.clone();
        for field in [
            &mut row.member_name,
            &mut row.member_code,
            &mut row.unit,
            &mut row.bank_title,
        ] {
            *field = neutralise(field);
        }
        row
    }

    fn read_back(mut self) -> ResultRow {
        for field in [
            &mut self.member_name,
            &mut self.member_code,
            &mut self.unit,
            &mut self.bank_title,
        ] {
            *field = unneutralise(field);
        }
        self
    }
}

/// Encodes one row as a CSV line (with its newline), without a header.
fn encode_row(row: &ResultRow, path: &Path) -> Result<Vec<u8>, ResultsError> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let csv_err = |source| ResultsError::Csv {
        path: path.to_owned(),
        source,
    };
    w.serialize(row.for_file()).map_err(csv_err)?;
    w.into_inner().map_err(|e| ResultsError::Io {
        path: path.to_owned(),
        source: e.into_error(),
    })
}

fn header_line() -> Vec<u8> {
    let mut line = BOM.to_vec();
    line.extend_from_slice(COLUMNS.join(",").as_bytes());
    line.push(b'\n');
    line
}

fn open_for_append(path: &Path) -> Result<File, ResultsError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(io_err(path))
}

/// Whether `e` is the system saying that another program has the file.
fn is_in_use(e: &ResultsError) -> bool {
    matches!(e, ResultsError::Io { source, .. } if crate::platform::is_in_use(source))
}

/// Appends one row to the results file, creating the file (with BOM and
/// header) and its folders when needed.
///
/// The whole row is written in one call under an exclusive lock and synced
/// before the lock is released. If an earlier writer died mid-row, the row is
/// started on a fresh line so the damage stays in that one line. A file in
/// use by another program is waited for ([`SHARE_WAIT`], [`LOCK_WAIT`]),
/// then reported as [`ResultsError::InUse`] with nothing written.
pub fn append_row(path: &Path, row: &ResultRow) -> Result<(), ResultsError> {
    append_row_waiting(path, row, SHARE_WAIT, LOCK_WAIT)
}

/// [`append_row`], waiting at most `share_wait` for a program that has the
/// file open without sharing it and `lock_wait` for another writer's lock.
pub fn append_row_waiting(
    path: &Path,
    row: &ResultRow,
    share_wait: Duration,
    lock_wait: Duration,
) -> Result<(), ResultsError> {
    let encoded = encode_row(row, path)?;
    let in_use = || ResultsError::InUse {
        path: path.to_owned(),
    };
    let start = Instant::now();
    let mut file = loop {
        match open_for_append(path) {
            Ok(f) => break f,
            Err(e) if is_in_use(&e) && start.elapsed() < share_wait => std::thread::sleep(POLL),
            Err(e) if is_in_use(&e) => return Err(in_use()),
            Err(e) => return Err(e),
        }
    };
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < lock_wait => {
                std::thread::sleep(POLL);
            }
            Err(fs::TryLockError::WouldBlock) => return Err(in_use()),
            Err(fs::TryLockError::Error(e)) => return Err(io_err(path)(e)),
        }
    }
    let mut out = Vec::with_capacity(encoded.len() + 256);
    let len = file.metadata().map_err(io_err(path))?.len();
    if len == 0 {
        out.extend_from_slice(&header_line());
    } else {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::End(-1)).map_err(io_err(path))?;
        file.read_exact(&mut last).map_err(io_err(path))?;
        if last[0] != b'\n' {
            out.push(b'\n');
        }
    }
    out.extend_from_slice(&encoded);
    file.write_all(&out).map_err(io_err(path))?;
    file.sync_data().map_err(io_err(path))?;
    // The lock is released when `file` is closed.
    Ok(())
}

/// Checks, before the first member starts, that the results file can be
/// created and appended to, without writing anything to it.
pub fn check_writable(path: &Path) -> Result<(), ResultsError> {
    let existed = path.exists();
    let file = open_for_append(path)?;
    drop(file);
    if !existed {
        // Leave no empty file behind: the first row writes the header.
        let _ = fs::remove_file(path);
    }
    Ok(())
}

/// A row of a results file that could not be read, with its line number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadRow {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number in the file.
    pub line: u64,
    /// What is wrong; the report words it for a person, in their language.
    pub reason: BadReason,
}

/// What a field of a column must hold, to say what a bad value is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldKind {
    /// A number, possibly with decimals (`score`, `max_score`, `percent`).
    Number,
    /// A whole number, 0 or more (`answered`, `duration_s`, `seed`…).
    WholeNumber,
    /// `true` or `false` (`passed`, `timed_out`).
    TrueFalse,
    /// Text (never fails to read; here for completeness).
    Text,
}

impl std::fmt::Display for FieldKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FieldKind::Number => "a number",
            FieldKind::WholeNumber => "a whole number",
            FieldKind::TrueFalse => "true or false",
            FieldKind::Text => "text",
        })
    }
}

impl FieldKind {
    /// The kind of the column named `column` (one of [`COLUMNS`]).
    pub fn of(column: &str) -> FieldKind {
        match column {
            "score" | "max_score" | "percent" => FieldKind::Number,
            "answered" | "questions" | "duration_s" | "time_limit_s" | "seed" => {
                FieldKind::WholeNumber
            }
            "passed" | "timed_out" => FieldKind::TrueFalse,
            _ => FieldKind::Text,
        }
    }
}

/// Why a row of a results file was skipped. Display gives an English line
/// for logs; people read it through `crate::i18n::report::bad_row_reason`.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub enum BadReason {
    /// The row has `found` fields instead of `expected`.
    #[error("{found} columns instead of {expected}")]
    ColumnCount {
        /// Fields in the row.
        found: usize,
        /// Fields of a results row ([`COLUMNS`]).
        expected: usize,
    },
    /// A field does not hold what its column needs.
    #[error("column {column:?}: {value:?} is not {kind}")]
    Field {
        /// The column's header name, e.g. `score`.
        column: String,
        /// The field as found.
        value: String,
        /// What the column needs.
        kind: FieldKind,
    },
    /// The first line is not the header of a results file.
    #[error("header is not the results header")]
    NotResultsHeader,
    /// The line is not valid UTF-8 (a damaged file, or another encoding).
    #[error("not valid UTF-8")]
    NotUtf8,
    /// The CSV reader could not read the line (`detail` in its words, for
    /// developers).
    #[error("broken CSV: {detail}")]
    BrokenCsv {
        /// What the CSV reader said.
        detail: String,
    },
}

impl BadReason {
    /// The reason for an error of the CSV reader on `record`.
    fn from_csv(e: &csv::Error, record: &csv::StringRecord) -> BadReason {
        match e.kind() {
            csv::ErrorKind::Utf8 { .. } => BadReason::NotUtf8,
            csv::ErrorKind::Deserialize { err, .. } => {
                let found = err.field().and_then(|i| {
                    let i = usize::try_from(i).ok()?;
                    Some((COLUMNS.get(i)?, record.get(i)?))
                });
                match found {
                    Some((column, value)) => BadReason::Field {
                        column: (*column).to_owned(),
                        value: value.to_owned(),
                        kind: FieldKind::of(column),
                    },
                    None => BadReason::BrokenCsv {
                        detail: e.to_string(),
                    },
                }
            }
            _ => BadReason::BrokenCsv {
                detail: e.to_string(),
            },
        }
    }
}

/// What was read from one or more results files.
#[derive(Debug, Default, Clone)]
pub struct ReadResults {
    /// The rows that parsed, in file order.
    pub rows: Vec<ResultRow>,
    /// The rows that did not, each skipped.
    pub bad: Vec<BadRow>,
}

/// Reads a results file. Bad rows (a wrong column count, a number that does
/// not parse, a file cut short) are reported in [`ReadResults::bad`] and
/// skipped; only an unreadable file is an error.
pub fn read_file(path: &Path) -> Result<ReadResults, ResultsError> {
    let bytes = fs::read(path).map_err(io_err(path))?;
    Ok(read_bytes(path, &bytes))
}

/// Reads results from bytes (see [`read_file`]); `path` names them in
/// messages.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> ReadResults {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut out = ReadResults::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let header_ok = match reader.headers() {
        Ok(h) => h.iter().eq(COLUMNS.iter().copied()),
        Err(_) => false,
    };
    if !header_ok {
        if !bytes.is_empty() {
            out.bad.push(BadRow {
                path: path.to_owned(),
                line: 1,
                reason: BadReason::NotResultsHeader,
            });
        }
        return out;
    }
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                if record.len() != COLUMNS.len() {
                    out.bad.push(BadRow {
                        path: path.to_owned(),
                        line,
                        reason: BadReason::ColumnCount {
                            found: record.len(),
                            expected: COLUMNS.len(),
                        },
                    });
                    continue;
                }
                match record.deserialize::<ResultRow>(None) {
                    Ok(row) => out.rows.push(row.read_back()),
                    Err(e) => out.bad.push(BadRow {
                        path: path.to_owned(),
                        line,
                        reason: BadReason::from_csv(&e, &record),
                    }),
                }
            }
            Err(e) => {
                out.bad.push(BadRow {
                    path: path.to_owned(),
                    line,
                    reason: BadReason::from_csv(&e, &record),
                });
                // A broken UTF-8 or quoting error: the reader has moved past
                // the record; go on with the next one.
                if reader.is_done() {
                    break;
                }
            }
        }
    }
    out
}

/// Formats a score without needless decimals: 3 → "3", 2.5 → "2.5".
pub fn format_points(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
