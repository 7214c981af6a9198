//! Reading bank and roster files: size, encoding, YAML, then validation.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::Bank;
use super::diag::{Diagnostic, Hint, Problem, Utf16};
use super::roster::Roster;
use super::validate::{self, Checker, QuestionsCheck, file_diag, hex};
use super::yaml::{self, Node, ParseError, Pos, Value};

/// Files over 10 MiB are refused before they are read: no bank comes near
/// it (5,000 questions take about 2 MiB), and it bounds memory.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// A bank or roster that cannot be used, with every problem found in it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct BankError {
    /// The file.
    pub path: PathBuf,
    /// Every problem, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// For developers and logs: the file and each diagnostic's place and code,
/// in no language. A person reads [`BankError::render`] in their language.
impl fmt::Display for BankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        for d in &self.diagnostics {
            write!(f, "\n{d}")?;
        }
        Ok(())
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Parsed {
    /// A bank; `None` when it has errors.
    Bank(Option<Box<Bank>>),
    /// A roster; `None` when it has errors.
    Roster(Option<Roster>),
    /// The file could not be read or parsed far enough to tell.
    Unreadable,
}

/// Whether the name says roster: `roster.yaml` or `roster.yml`.
pub fn is_roster_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.eq_ignore_ascii_case("roster.yaml") || n.eq_ignore_ascii_case("roster.yml")
    })
}

/// Reads a file within the size limit. (Errors are boxed: a diagnostic
/// holds a path, which is larger on Windows.)
fn read_file(path: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let io = |e: std::io::Error| Box::new(file_diag(path, Problem::Io(e.to_string()), None));
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Box::new(too_large(path, size)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may grow between the check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

fn too_large(path: &Path, bytes: u64) -> Diagnostic {
    file_diag(path, Problem::TooLarge { bytes }, Some(Hint::SplitFile))
}

/// The bytes as UTF-8 text without BOM, or where they stop being UTF-8.
///
/// Notepad saves UTF-8 with a BOM (read: the BOM is dropped) and, when
/// asked for "Unicode", UTF-16 with a BOM: that is refused with a message
/// that names it, rather than read as UTF-8 that goes wrong at byte 0.
fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Box<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Box::new(too_large(path, bytes.len() as u64)));
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(Utf16::Le),
        [0xFE, 0xFF, ..] => Some(Utf16::Be),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return Err(Box::new(file_diag(
            path,
            Problem::Utf16(encoding),
            Some(Hint::SaveAsUtf8),
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text)),
        Err(e) => {
            let offset = e.valid_up_to();
            let prefix = String::from_utf8_lossy(bytes.get(..offset).unwrap_or_default());
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Box::new(
                Diagnostic::new(path.to_path_buf(), line, col, Problem::NotUtf8 { offset })
                    .with_hint(Some(Hint::SaveAsUtf8)),
            ))
        }
    }
}

/// Reads, parses and validates one file, as a roster when `roster` says so
/// or (when `None`) when its name or its top-level `units` key says so.
pub(crate) fn check_file(path: &Path, roster: Option<bool>) -> (Parsed, Vec<Diagnostic>) {
    match read_file(path) {
        Ok(bytes) => check_bytes_as(path, &bytes, roster),
        Err(d) => (Parsed::Unreadable, vec![*d]),
    }
}

/// Checks the bytes of a file as `union-quiz check` would check the file
/// at `path` (which is not read: it names the file in diagnostics and gives
/// the bank's default id). Every diagnostic, in line order.
pub fn check_bytes(path: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    check_bytes_as(path, bytes, None).1
}

/// Loads a bank from bytes as [`load`] would from a file at `path` (which
/// is not read): the bank when it has no error, or every diagnostic.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Bank, BankError> {
    match check_bytes_as(path, bytes, Some(false)) {
        (Parsed::Bank(Some(bank)), _) => Ok(*bank),
        (_, diagnostics) => Err(BankError {
            path: path.to_path_buf(),
            diagnostics,
        }),
    }
}

fn check_bytes_as(path: &Path, bytes: &[u8], roster: Option<bool>) -> (Parsed, Vec<Diagnostic>) {
    let src = match decode(path, bytes) {
        Ok(src) => src,
        Err(d) => return (Parsed::Unreadable, vec![*d]),
    };
    if let Some(clean) = check_quick(path, src, bytes, roster) {
        return clean;
    }
    check_full(path, src, bytes, roster)
}

/// Most files are read once, values and positions together
/// ([`yaml::parse_quick_streaming`]). `None` when the file needs the
/// two-parse path (anchors, tags, repeated keys, syntax errors …); then
/// [`check_full`] reads it. The result is the same either way (a test
/// checks it).
///
/// A bank's questions are checked one by one as the file is read, each
/// question's tree dropped once it is a [`super::Question`]: memory holds
/// the file, the questions and one question's tree, never the tree of the
/// whole file.
fn check_quick(
    path: &Path,
    src: &str,
    bytes: &[u8],
    roster: Option<bool>,
) -> Option<(Parsed, Vec<Diagnostic>)> {
    // A file named as a roster is never a bank; any other file with a
    // top-level `questions` is one.
    let bank = roster != Some(true) && !is_roster_file(path);
    let mut questions = QuestionsCheck::new(path, src);
    let (mut root, streamed) =
        yaml::parse_quick_streaming(src, bank.then_some("questions"), &mut |mut item| {
            questions.item(&mut item)
        })?;
    let streamed = (streamed > 0).then_some(questions);
    let sha = || hex(&Sha256::digest(bytes));
    let (parsed, diags, complete) = validate(path, src, &mut root, roster, &sha, &[], streamed);
    complete.then_some((parsed, diags))
}

/// Reads with positions and validates.
fn check_full(
    path: &Path,
    src: &str,
    bytes: &[u8],
    roster: Option<bool>,
) -> (Parsed, Vec<Diagnostic>) {
    let sha = || hex(&Sha256::digest(bytes));
    match yaml::parse(src) {
        Ok(mut doc) => {
            let (parsed, diags, _) = validate(
                path,
                src,
                &mut doc.root,
                roster,
                &sha,
                &doc.repeated_keys,
                None,
            );
            (parsed, diags)
        }
        Err(e) => (Parsed::Unreadable, vec![parse_diag(path, src, e)]),
    }
}

/// Validates a tree as a bank or roster; the flag is false when the tree
/// lacked something only the positioned parse has.
fn validate(
    path: &Path,
    src: &str,
    root: &mut Node,
    roster: Option<bool>,
    sha: &dyn Fn() -> String,
    repeated_keys: &[(String, Pos)],
    streamed: Option<QuestionsCheck<'_>>,
) -> (Parsed, Vec<Diagnostic>, bool) {
    let is_roster = roster.unwrap_or_else(|| {
        is_roster_file(path)
            || matches!(&root.value, Value::Map(m)
                if m.iter().any(|e| e.key == "units") && !m.iter().any(|e| e.key == "questions"))
    });
    let mut checker = Checker::new(path, src);
    for (key, at) in repeated_keys {
        checker.repeated_key(*at, key);
    }
    let parsed = if is_roster {
        Parsed::Roster(checker.roster(root))
    } else {
        Parsed::Bank(checker.bank(root, sha(), streamed).map(Box::new))
    };
    let complete = checker.complete();
    let mut diags = checker.diags;
    // File order, with the note that some were left out at the end.
    diags.sort_by_key(|d| {
        (
            matches!(d.problem, Problem::TooManyProblems { .. }),
            d.line,
            d.col,
        )
    });
    (parsed, diags, complete)
}

fn parse_diag(path: &Path, src: &str, e: ParseError) -> Diagnostic {
    let here = |at: Pos, problem: Problem, hint: Option<Hint>| {
        Diagnostic::new(path.to_path_buf(), at.line, at.col, problem).with_hint(hint)
    };
    match e {
        ParseError::Syntax {
            message,
            at,
            context,
        } => {
            let (hint, at) = syntax_hint(src, &message, at, context);
            here(at, Problem::Syntax { message }, hint)
        }
        ParseError::DuplicateKey { key, at } => here(at, Problem::DuplicateKey { key }, None),
        ParseError::AliasExpansion { at } => {
            here(at, Problem::AliasExpansion, Some(Hint::NoAliases))
        }
        ParseError::SeveralDocuments { at } => here(at, Problem::SeveralDocuments, None),
        ParseError::TooManyNodes { at } => here(
            at,
            Problem::TooManyNodes {
                limit: yaml::MAX_NODES,
            },
            Some(Hint::SplitFile),
        ),
    }
}

/// A plain hint for the usual causes of a YAML syntax error, found by
/// looking at the lines around the error, and the position to report: the
/// line really at fault when the hint finds it (libyaml often stops on the
/// line after a missing space).
fn syntax_hint(src: &str, message: &str, at: Pos, context: Option<Pos>) -> (Option<Hint>, Pos) {
    let lines: Vec<&str> = src.lines().collect();
    let line = |n: usize| -> &str {
        n.checked_sub(1)
            .and_then(|i| lines.get(i))
            .copied()
            .unwrap_or("")
    };
    let start_of = |n: usize| Pos {
        line: n,
        col: line(n).chars().take_while(|c| c.is_whitespace()).count() + 1,
    };
    let mut candidates: Vec<usize> = Vec::new();
    if let Some(c) = context {
        candidates.push(c.line);
    }
    candidates.push(at.line);
    if at.line > 1 {
        candidates.push(at.line - 1);
    }
    let message = message.to_lowercase();
    for &n in &candidates {
        if line(n)
            .chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\t')
        {
            let col = line(n).chars().take_while(|c| *c != '\t').count() + 1;
            return (Some(Hint::Tab), Pos { line: n, col });
        }
    }
    if message.contains("tab") {
        return (Some(Hint::Tab), at);
    }
    if message.contains("control character") {
        return (Some(Hint::ControlChar), at);
    }
    for &n in &candidates {
        let trimmed = line(n).trim_start();
        let mut chars = trimmed.chars();
        if chars.next() == Some('-') && chars.next().is_some_and(|c| !c.is_whitespace() && c != '-')
        {
            return (Some(Hint::SpaceAfterDash), start_of(n));
        }
        if let Some(col) = key_without_space(line(n), false) {
            return (Some(Hint::SpaceAfterColon), Pos { line: n, col });
        }
    }
    // YAML reads `text:Câu một?` as plain text, so the error surfaces
    // lines later (at the next key, whose indentation no longer fits):
    // look back for a known key written without its space.
    let first = at.line.saturating_sub(LOOK_BACK_LINES).max(1);
    for n in (first..at.line).rev() {
        if let Some(col) = key_without_space(line(n), true) {
            return (Some(Hint::SpaceAfterColon), Pos { line: n, col });
        }
    }
    let problem_line = line(at.line);
    if message.contains("mapping values are not allowed") {
        // `key: text: more` — the second ": " is inside unquoted text.
        let value = problem_line.split_once(": ").map_or("", |(_, v)| v);
        if value.contains(':') {
            return (Some(Hint::QuoteColon), at);
        }
        return (Some(Hint::Indentation), at);
    }
    if let Some(&n) = candidates.iter().find(|&&n| line(n).contains(" #")) {
        return (Some(Hint::QuoteHash), start_of(n));
    }
    if message.contains("cannot start any token") {
        return (Some(Hint::QuoteText), at);
    }
    if message.contains("expected key")
        || message.contains("'-' indicator")
        || message.contains("expected ':'")
        || message.contains("block end")
        || message.contains("block collection")
    {
        return (Some(Hint::Indentation), at);
    }
    (None, at)
}

/// How far back from a syntax error to look for `key:value` written
/// without a space.
const LOOK_BACK_LINES: usize = 200;

/// The column of the key in a line like `text:Câu một?` or
/// `  - answer:A` (a plain key, then `:` and no space), when the line is
/// one; with `known_only`, only for a key of the format.
fn key_without_space(line: &str, known_only: bool) -> Option<usize> {
    let mut rest = line.trim_start();
    // Item dashes before the key: `- text:…`, `- - a:b`.
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start();
    }
    let (key, after) = rest.split_once(':')?;
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    let known = [
        validate::BANK_KEYS,
        validate::QUESTION_KEYS,
        validate::ROSTER_KEYS,
        validate::UNIT_KEYS,
    ]
    .iter()
    .any(|keys| keys.contains(&key));
    let glued = after
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != ':');
    (plain_key && glued && (known || !known_only))
        .then(|| line.chars().count() - rest.chars().count() + 1)
}

/// Loads and validates one bank file.
pub fn load(path: &Path) -> Result<Bank, BankError> {
    match check_file(path, Some(false)) {
        (Parsed::Bank(Some(bank)), _) => Ok(*bank),
        (_, diagnostics) => Err(BankError {
            path: path.to_path_buf(),
            diagnostics,
        }),
    }
}

/// A bank with the line each of its questions starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The bank.
    pub bank: Bank,
    /// The line of each question's "- " item, in the bank's order (0 when
    /// it could not be found).
    pub lines: Vec<usize>,
}

/// Loads and validates one bank file as [`load`] does, and finds the line
/// each question starts on, for a trainer's view of the bank.
pub fn load_located(path: &Path) -> Result<Located, BankError> {
    let error = |diagnostics| BankError {
        path: path.to_path_buf(),
        diagnostics,
    };
    let bytes = read_file(path).map_err(|d| error(vec![*d]))?;
    let bank = match check_bytes_as(path, &bytes, Some(false)) {
        (Parsed::Bank(Some(bank)), _) => *bank,
        (_, diagnostics) => return Err(error(diagnostics)),
    };
    // A bank keeps no positions: the tree is read again for its questions'
    // lines (for this view only, never for a quiz).
    let items = decode(path, &bytes)
        .ok()
        .and_then(|src| yaml::parse_quick(src).or_else(|| yaml::parse(src).ok().map(|d| d.root)))
        .and_then(|root| match root.value {
            Value::Map(entries) => entries.into_iter().find(|e| e.key == "questions"),
            _ => None,
        })
        .and_then(|e| match e.node.value {
            Value::Seq(items) => Some(items),
            _ => None,
        })
        .unwrap_or_default();
    let lines = (0..bank.questions.len())
        .map(|i| items.get(i).map_or(0, |n| n.at.line))
        .collect();
    Ok(Located { bank, lines })
}

/// Loads and validates a roster file.
pub fn load_roster(path: &Path) -> Result<Roster, BankError> {
    match check_file(path, Some(true)) {
        (Parsed::Roster(Some(roster)), _) => Ok(roster),
        (_, diagnostics) => Err(BankError {
            path: path.to_path_buf(),
            diagnostics,
        }),
    }
}

/// The `.yaml` and `.yml` files of a folder and its subfolders (hidden ones
/// and symlinked folders skipped), sorted by path; or the file itself.
pub fn yaml_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let p = entry.path();
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            // Symlinked folders are not followed: a link cycle would never end.
            let kind = entry.file_type()?;
            if kind.is_dir() {
                dirs.push(p);
            } else if p.is_file()
                && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
            {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Loads every bank of a folder (or one file), skipping rosters. Returns the
/// banks without errors, in path order, and every diagnostic (warnings of
/// the good banks included). Two banks with the same id are both refused,
/// since the results file tells banks apart by id.
pub fn load_all(dir_or_file: &Path) -> (Vec<Bank>, Vec<Diagnostic>) {
    let files = match yaml_files(dir_or_file) {
        Ok(f) => f,
        Err(e) => {
            return (
                Vec::new(),
                vec![file_diag(dir_or_file, Problem::Io(e.to_string()), None)],
            );
        }
    };
    let mut banks: Vec<Bank> = Vec::new();
    let mut diags = Vec::new();
    let mut seen_bank = false;
    for file in files {
        if is_roster_file(&file) {
            continue;
        }
        let (parsed, d) = check_file(&file, None);
        diags.extend(d);
        match parsed {
            Parsed::Bank(Some(bank)) => {
                seen_bank = true;
                banks.push(*bank);
            }
            Parsed::Bank(None) | Parsed::Unreadable => seen_bank = true,
            Parsed::Roster(_) => {}
        }
    }
    diags.extend(duplicate_bank_ids(&mut banks));
    if !seen_bank && dir_or_file.is_dir() {
        diags.push(file_diag(dir_or_file, Problem::NoBanks, None));
    }
    (banks, diags)
}

/// Removes banks whose id another bank has, with a diagnostic for each, on
/// the bank's `id:` line (or its first line when the id is the file name).
pub(crate) fn duplicate_bank_ids(banks: &mut Vec<Bank>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut clash = vec![false; banks.len()];
    for (i, bank) in banks.iter().enumerate() {
        let Some(other) = banks
            .iter()
            .enumerate()
            .find(|(j, b)| *j != i && b.id == bank.id)
            .map(|(_, b)| b.path.clone())
        else {
            continue;
        };
        if let Some(c) = clash.get_mut(i) {
            *c = true;
        }
        let (at, from_file_name) = match id_position(&bank.path) {
            Some(Some(at)) => (at, false),
            Some(None) => (Pos { line: 1, col: 1 }, true),
            // The file changed or vanished since it was checked.
            None => (Pos { line: 0, col: 0 }, false),
        };
        diags.push(
            Diagnostic::new(
                bank.path.clone(),
                at.line,
                at.col,
                Problem::DuplicateBankId {
                    id: bank.id.clone(),
                    other,
                    from_file_name,
                },
            )
            .with_hint(from_file_name.then_some(Hint::IdFromFileName)),
        );
    }
    let mut keep = clash.iter().map(|c| !c);
    banks.retain(|_| keep.next().unwrap_or(true));
    diags
}

/// Where a bank file's top-level `id:` is: `Some(None)` when it has none.
/// The file is read again, with positions, since a clean bank was read
/// without them; this happens only for the rare clashing id.
fn id_position(path: &Path) -> Option<Option<Pos>> {
    let bytes = read_file(path).ok()?;
    let src = decode(path, &bytes).ok()?;
    let root = yaml::parse(src).ok()?.root;
    let Value::Map(entries) = root.value else {
        return None;
    };
    Some(entries.iter().find(|e| e.key == "id").map(|e| e.node.at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::validate::MAX_DIAGNOSTICS;
    use proptest::prelude::*;

    const GOOD: &[&str] = &[
        include_str!("../../tests/fixtures/banks/good/mot-cua.yaml"),
        include_str!("../../tests/fixtures/banks/good/toi-thieu.yaml"),
        include_str!("../../tests/fixtures/banks/good/decomposed.yaml"),
        include_str!("../../tests/fixtures/rosters/good/roster.yaml"),
        "title: Số\nquestions:\n  - text: 1.50\n    choices: [1.50, 010, 0x1F, true, 2018]\n    answer: A\n",
    ];

    #[test]
    fn keys_written_without_their_space() {
        assert_eq!(key_without_space("  - text:Câu một?", true), Some(5));
        assert_eq!(key_without_space("answer:A", true), Some(1));
        assert_eq!(key_without_space("    anwser:A", false), Some(5));
        assert_eq!(key_without_space("    anwser:A", true), None);
        assert_eq!(key_without_space("  - text: Câu một?", true), None);
        assert_eq!(key_without_space("      - http://example.org", true), None);
        assert_eq!(key_without_space("    choices:", true), None);
    }

    /// The quick path, when it answers, answers like the full one.
    fn same(src: &str) -> bool {
        let path = Path::new("q.yaml");
        match check_quick(path, src, src.as_bytes(), None) {
            Some(quick) => {
                assert_eq!(quick, check_full(path, src, src.as_bytes(), None), "{src}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn clean_files_take_the_quick_path_with_the_same_result() {
        // The last one has numbers used as text: their written form comes
        // with them.
        let quick: Vec<bool> = GOOD.iter().map(|s| same(s)).collect();
        assert_eq!(quick, [true; 5]);
        let (parsed, diags) = check_full(Path::new("q.yaml"), GOOD[4], GOOD[4].as_bytes(), None);
        assert!(diags.is_empty());
        let Parsed::Bank(Some(bank)) = parsed else {
            panic!("not a bank")
        };
        assert_eq!(bank.questions[0].text, "1.50");
        assert_eq!(
            bank.questions[0].choices,
            ["1.50", "010", "0x1F", "true", "2018"]
        );
    }

    #[test]
    fn anchors_repeated_keys_and_syntax_errors_take_the_full_path() {
        assert!(!same("title: &t x\nquestions: []\n"));
        assert!(!same("title: x\ntitle: y\nquestions: []\n"));
        assert!(!same("title: [x\n"));
        // A word cut by `#` is seen in one pass (and said).
        assert!(same(
            "title: x #1\nquestions:\n  - text: a\n    choices: [a, b]\n    answer: A\n"
        ));
    }

    /// Each diagnostic of a file as (line, code), in the order given.
    fn codes(diags: &[Diagnostic]) -> Vec<(usize, &'static str)> {
        diags.iter().map(|d| (d.line, d.problem.code())).collect()
    }

    #[test]
    fn questions_checked_as_they_are_read_report_every_problem_in_file_order() {
        // The bank's own keys come after the questions, so the questions
        // are checked before them; the diagnostics still come in file
        // order, the bank's first.
        let src = "questions:\n  - text: Một\n    choices: [a, b]\n    answer: C\n  - text: Một\n    choices: [a, a]\n    answer: A\n  - text: Hai\n    choice: [a, b]\n    answer: A\n  - Ba\npick: 9\ntittle: Bộ đề\n";
        assert!(same(src), "not read in one pass");
        let (parsed, diags) = check_quick(Path::new("q.yaml"), src, src.as_bytes(), None)
            .unwrap_or_else(|| panic!("not read in one pass"));
        assert_eq!(parsed, Parsed::Bank(None));
        assert_eq!(
            codes(&diags),
            [
                (4, "answer-out-of-range"),
                (5, "duplicate-question-text"),
                (6, "duplicate-choice"),
                (9, "unknown-key"),
                (11, "wrong-type"),
                (12, "bad-pick"),
                (13, "unknown-key"),
            ]
        );
    }

    #[test]
    fn questions_checked_as_they_are_read_keep_the_same_first_problems() {
        // More problems than are shown: the ones kept are those found
        // first, the bank's keys before its questions and `pick` (which
        // needs the count of questions) after them, wherever they are
        // written; the note that some were left out comes last.
        let mut src = String::from("tittle: x\npick: 0\nquestions:\n");
        for i in 0..MAX_DIAGNOSTICS + 100 {
            src.push_str(&format!(
                "  - text: Câu {i}\n    choices: [a, b]\n    answer: Z\n"
            ));
        }
        assert!(same(&src), "not read in one pass");
        let (_, diags) = check_quick(Path::new("q.yaml"), &src, src.as_bytes(), None)
            .unwrap_or_else(|| panic!("not read in one pass"));
        let codes = codes(&diags);
        assert_eq!(codes.len(), MAX_DIAGNOSTICS + 1);
        // The unknown key (`title`'s misspelling, so no missing title),
        // then the first 999 questions; question i (from 0) answers on
        // line 6 + 3i.
        assert_eq!(codes[0], (1, "unknown-key"));
        assert!(
            codes[1..MAX_DIAGNOSTICS]
                .iter()
                .all(|c| c.1 == "answer-out-of-range")
        );
        assert_eq!(
            codes[MAX_DIAGNOSTICS - 1],
            (6 + 3 * 998, "answer-out-of-range")
        );
        assert_eq!(codes[MAX_DIAGNOSTICS], (6 + 3 * 999, "too-many-problems"));
        assert!(!codes.iter().any(|c| c.1 == "bad-pick"));
    }

    proptest! {
        #[test]
        fn mutated_clean_files_agree(
            which in 0..GOOD.len(),
            at in any::<prop::sample::Index>(),
            with in prop::sample::select(vec!["x", "Đ", "1", " ", "\n", "-", "e\u{0301}", "'", "~"]),
        ) {
            let good = GOOD[which];
            let mut i = at.index(good.len() + 1);
            while !good.is_char_boundary(i) {
                i -= 1;
            }
            let src = format!("{}{}{}", &good[..i], with, &good[i..]);
            same(&src);
        }
    }
}
