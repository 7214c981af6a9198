//! `union-quiz report` and `union-quiz board`: rankings of members and units,
//! question statistics, and a live leaderboard.
//!
//! Reading (here) → figures ([`stats`], pure) → drawing ([`format`](mod@format),
//! [`xlsx`], [`board`](mod@board)). Results files from several computers can be given
//! together, or as a folder; an attempt found in two files counts once.

pub mod args;
pub mod board;
pub mod format;
pub mod sources;
pub mod stats;
pub mod xlsx;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::bank::Bank;
use crate::i18n::Lang;
use crate::i18n::report as tr;
use crate::results::{BadRow, Columns, ResultRow};
use crate::roster::Roster;

pub use args::{AttemptPick, BoardArgs, ReportArgs, ReportBy, ReportFormat};
pub use board::board;

/// The results file read when none is given.
pub const DEFAULT_RESULTS: &str = "results/results.csv";
/// The folder searched for banks and the roster.
pub const DEFAULT_QUIZZES: &str = "quizzes";

/// Why the results could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A path given does not exist.
    #[error("no results file {}", .0.display())]
    Missing(PathBuf),
    /// A folder given holds no `.csv` file.
    #[error("no .csv file in {}", .0.display())]
    EmptyFolder(PathBuf),
    /// A file or folder exists but cannot be read.
    #[error("{}: {source}", path.display())]
    Unreadable {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
}

impl ReportError {
    /// The error for a trainer, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReportError::Missing(p) => tr::missing(lang, p),
            ReportError::EmptyFolder(p) => tr::empty_folder(lang, p),
            ReportError::Unreadable { path, source } => {
                tr::unreadable(lang, path, &crate::i18n::io_error_message(source, lang))
            }
        }
    }
}

/// The results files behind `paths`: files as given, folders as every
/// `*.csv` directly inside them (sorted by name); none given means
/// [`DEFAULT_RESULTS`].
pub fn results_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReportError> {
    let default = [PathBuf::from(DEFAULT_RESULTS)];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let unreadable = |source| ReportError::Unreadable {
                path: path.clone(),
                source,
            };
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(unreadable)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
                })
                .collect();
            if found.is_empty() {
                return Err(ReportError::EmptyFolder(path.clone()));
            }
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(ReportError::Missing(path.clone()));
        }
    }
    Ok(files)
}

/// What was read from the results files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Distinct attempts, in file order.
    pub rows: Vec<ResultRow>,
    /// Rows that could not be read, with file and line.
    pub bad: Vec<BadRow>,
    /// Rows dropped because their attempt_id was already seen.
    pub duplicates: usize,
    /// Attempts dropped because a score or percent is not a finite number
    /// ("NaN" and "inf" parse as numbers but mean nothing here).
    pub not_finite: Vec<String>,
}

/// Reads and merges results files (see [`results_files`]).
pub fn load(paths: &[PathBuf]) -> Result<Loaded, ReportError> {
    load_columns(paths, Columns::All)
}

/// The columns a view needs: rankings of members and units do without the
/// answers, the bank's title and hash.
pub fn columns_for(by: ReportBy) -> Columns {
    match by {
        ReportBy::Member | ReportBy::Unit => Columns::Ranking,
        ReportBy::Question | ReportBy::Bank => Columns::All,
    }
}

/// [`load`], keeping only `columns` of each row.
pub fn load_columns(paths: &[PathBuf], columns: Columns) -> Result<Loaded, ReportError> {
    let files = results_files(paths)?;
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for file in &files {
        let read = crate::results::read_file_columns(file, columns).map_err(|e| match e {
            crate::results::ResultsError::Io { path, source } => {
                ReportError::Unreadable { path, source }
            }
            crate::results::ResultsError::Csv { path, source } => ReportError::Unreadable {
                path,
                source: io::Error::other(source),
            },
            // Only writers wait for the file; a reader never gets this.
            crate::results::ResultsError::InUse { path } => ReportError::Unreadable {
                path,
                source: io::ErrorKind::ResourceBusy.into(),
            },
        })?;
        rows.extend(read.rows);
        bad.extend(read.bad);
    }
    Ok(loaded_from(rows, bad))
}

/// Deduplicates and sanity-checks rows already read.
pub fn loaded_from(rows: Vec<ResultRow>, bad: Vec<BadRow>) -> Loaded {
    let (mut rows, duplicates) = stats::dedupe(rows);
    // In place, rather than moving 100,000 rows into two new lists.
    let mut not_finite = Vec::new();
    rows.retain(|r| {
        let finite = r.percent.is_finite() && r.score.is_finite() && r.max_score.is_finite();
        if !finite {
            not_finite.push(r.attempt_id.clone());
        }
        finite
    });
    Loaded {
        rows,
        bad,
        duplicates,
        not_finite,
    }
}

/// Every view of a report, as written to the workbook.
#[derive(Debug, Clone, Default)]
pub struct Views {
    /// `--by member`.
    pub members: Vec<stats::MemberLine>,
    /// `--by unit`.
    pub units: Vec<stats::UnitLine>,
    /// `--by question`, for each bank found.
    pub questions: Vec<stats::QuestionReport>,
    /// `--by bank`.
    pub banks: Vec<stats::BankLine>,
}

impl Views {
    /// Computes every view.
    pub fn compute(
        rows: &[ResultRow],
        pick: AttemptPick,
        banks: &[Bank],
        roster: Option<&Roster>,
    ) -> Views {
        Views::compute_only(None, rows, pick, banks, roster)
    }

    /// Computes one view (`Some(by)`) or all (`None`); the others stay empty.
    /// A report of 100,000 rows by unit need not rank every member.
    pub fn compute_only(
        by: Option<ReportBy>,
        rows: &[ResultRow],
        pick: AttemptPick,
        banks: &[Bank],
        roster: Option<&Roster>,
    ) -> Views {
        let counted = stats::counted_attempts(rows, pick);
        let wants = |view: ReportBy| by.is_none_or(|b| b == view);
        let mut views = Views::default();
        if wants(ReportBy::Member) {
            views.members = stats::member_lines(&counted);
        }
        if wants(ReportBy::Unit) {
            views.units = stats::unit_lines(&counted, roster);
        }
        if wants(ReportBy::Question) {
            views.questions = banks
                .iter()
                .map(|b| stats::question_report(b, &counted))
                .collect();
        }
        if wants(ReportBy::Bank) {
            views.banks = stats::bank_lines(rows, &counted, banks);
        }
        views
    }

    /// The sheets of the workbook: the guide, then one per view (questions
    /// and their choices only when a bank was found), with their charts.
    pub fn sheets(&self, lang: Lang) -> Vec<xlsx::Sheet> {
        use format::View;
        let guide = format::Table {
            headers: tr::GUIDE_HEADERS
                .iter()
                .map(|h| h.get(lang).to_owned())
                .collect(),
            rows: tr::GUIDE
                .iter()
                .map(|(name, text)| {
                    vec![
                        format::Cell::Text(name.get(lang).to_owned()),
                        format::Cell::Text(text.get(lang).to_owned()),
                    ]
                })
                .collect(),
        };
        let mut guide = xlsx::Sheet::new(tr::SHEET_GUIDE.get(lang), guide);
        guide.wrap = Some((1, 100.0));
        // The charts have a sheet of their own, second, where a reader
        // looks first; each draws from its view's sheet.
        let mut charts = xlsx::Sheet::new(
            tr::SHEET_CHARTS.get(lang),
            format::Table {
                headers: Vec::new(),
                rows: Vec::new(),
            },
        );
        let mut sheets = vec![
            guide,
            xlsx::Sheet::new(
                tr::SHEET_MEMBERS.get(lang),
                stats::MemberLine::sheet(&self.members, lang),
            ),
            xlsx::Sheet::new(
                tr::SHEET_UNITS.get(lang),
                stats::UnitLine::sheet(&self.units, lang),
            ),
        ];
        let lines = self.question_lines();
        let all: Vec<xlsx::ChartSpec> = histogram_charts(&self.banks, lang)
            .into_iter()
            .chain(unit_charts(&self.units, lang))
            .chain(facility_charts(&lines, lang))
            .collect();
        for bank in &self.banks {
            charts
                .charts
                .extend(all.iter().filter(|c| c.bank == bank.bank).cloned());
        }
        if !self.questions.is_empty() {
            sheets.push(xlsx::Sheet::new(
                tr::SHEET_QUESTIONS.get(lang),
                stats::QuestionLine::sheet(&lines, lang),
            ));
            sheets.push(xlsx::Sheet::new(
                tr::SHEET_CHOICES.get(lang),
                format::choices_sheet(&lines, lang),
            ));
        }
        sheets.push(xlsx::Sheet::new(
            tr::SHEET_BANKS.get(lang),
            stats::BankLine::sheet(&self.banks, lang),
        ));
        if !charts.charts.is_empty() {
            sheets.insert(1, charts);
        }
        sheets
    }

    /// Every question line of every bank, in bank order.
    pub fn question_lines(&self) -> Vec<stats::QuestionLine> {
        self.questions
            .iter()
            .flat_map(|q| q.lines.iter().cloned())
            .collect()
    }
}

/// Sheet rows (1-based: row 0 is the header) of the contiguous runs of
/// lines of each bank that `keep` accepts, in order.
fn bank_runs<T>(
    lines: &[T],
    bank: impl Fn(&T) -> &str,
    keep: impl Fn(&T) -> bool,
) -> Vec<(String, u32, u32)> {
    let mut runs: Vec<(String, u32, u32)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !keep(line) {
            continue;
        }
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match runs.last_mut() {
            Some((b, _, last)) if b == bank(line) && *last + 1 == row => *last = row,
            _ => runs.push((bank(line).to_owned(), row, row)),
        }
    }
    runs
}

/// Units ranked by mean percent, per bank, with the participation rate
/// beside when the roster gives head counts.
fn unit_charts(units: &[stats::UnitLine], lang: Lang) -> Vec<xlsx::ChartSpec> {
    // The columns of `UnitLine::table`.
    let roster = units.iter().any(|u| u.members.is_some());
    let (unit_col, mean_col, participation_col) = if roster { (2, 6, 5) } else { (2, 4, 5) };
    bank_runs(units, |u| &u.bank, |u| u.rank.is_some())
        .into_iter()
        .map(|(bank, first, last)| {
            let mut series = vec![(
                tr::COL_MEAN.get(lang).to_owned(),
                xlsx::Span::column(mean_col, first, last),
            )];
            if roster {
                series.push((
                    tr::COL_PARTICIPATION.get(lang).to_owned(),
                    xlsx::Span::column(participation_col, first, last),
                ));
            }
            xlsx::ChartSpec {
                data: tr::SHEET_UNITS.get(lang).to_owned(),
                bank: bank.clone(),
                kind: xlsx::ChartKind::Bar,
                title: tr::chart_units(lang, &bank),
                categories: xlsx::Span::column(unit_col, first, last),
                series,
                category_title: tr::COL_UNIT.get(lang).to_owned(),
                value_title: String::new(),
                percent: true,
            }
        })
        .collect()
}

/// Facility by question, per bank.
fn facility_charts(lines: &[stats::QuestionLine], lang: Lang) -> Vec<xlsx::ChartSpec> {
    // The columns of `QuestionLine::table`: number 1, facility 5.
    bank_runs(lines, |l| &l.bank, |_| true)
        .into_iter()
        .map(|(bank, first, last)| xlsx::ChartSpec {
            data: tr::SHEET_QUESTIONS.get(lang).to_owned(),
            bank: bank.clone(),
            kind: xlsx::ChartKind::Column,
            title: tr::chart_facility(lang, &bank),
            categories: xlsx::Span::column(1, first, last),
            series: vec![(
                tr::COL_FACILITY.get(lang).to_owned(),
                xlsx::Span::column(5, first, last),
            )],
            category_title: tr::AXIS_QUESTION.get(lang).to_owned(),
            value_title: tr::COL_FACILITY.get(lang).to_owned(),
            percent: true,
        })
        .collect()
}

/// The histogram of percents, per bank, from the bins that follow the
/// bank view's columns.
fn histogram_charts(banks: &[stats::BankLine], lang: Lang) -> Vec<xlsx::ChartSpec> {
    use format::View;
    let first_bin = stats::BankLine::table(&[], lang).headers.len();
    let first = u16::try_from(first_bin).unwrap_or(u16::MAX);
    let last = first.saturating_add(u16::try_from(stats::BINS - 1).unwrap_or(0));
    banks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            xlsx::ChartSpec {
                data: tr::SHEET_BANKS.get(lang).to_owned(),
                bank: b.bank.clone(),
                kind: xlsx::ChartKind::Column,
                title: tr::chart_histogram(lang, &b.bank),
                categories: xlsx::Span::row(0, first, last),
                series: vec![(
                    tr::AXIS_MEMBERS.get(lang).to_owned(),
                    xlsx::Span::row(row, first, last),
                )],
                category_title: tr::AXIS_RANGE.get(lang).to_owned(),
                value_title: tr::AXIS_MEMBERS.get(lang).to_owned(),
                percent: false,
            }
        })
        .collect()
}

/// Runs `union-quiz report`.
pub fn run(args: &ReportArgs, lang: Lang) -> ExitCode {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = stdout.lock();
    let mut err = stderr.lock();
    let code = run_checked(args, lang, &mut err, |args, err| {
        report(
            args,
            lang,
            Path::new(DEFAULT_QUIZZES),
            &mut out,
            err,
            Exit::Leave,
        )
    });
    let _ = out.flush();
    code
}

/// `union-quiz report` with its folder of banks and its output streams
/// given, for tests. The report goes to `out`, warnings and errors to `err`.
pub fn run_with(
    args: &ReportArgs,
    lang: Lang,
    quizzes: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    run_checked(args, lang, err, |args, err| {
        report(args, lang, quizzes, out, err, Exit::Free)
    })
}

/// What happens to the rows when the report is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// Freed, as usual (tests run many reports in one process).
    Free,
    /// Left to the operating system, which takes the whole process back at
    /// once: freeing 100,000 rows string by string took about a tenth of a
    /// report by unit, just before exit.
    Leave,
}

/// Checks the options, runs `report` and turns its outcome into an exit
/// code, its error onto `err`.
fn run_checked(
    args: &ReportArgs,
    lang: Lang,
    err: &mut dyn Write,
    report: impl FnOnce(&ReportArgs, &mut dyn Write) -> Result<(), String>,
) -> ExitCode {
    if let Some(path) = &args.output
        && !is_workbook_path(path)
    {
        // A usage error, like clap's: the workbook is always xlsx, and a
        // ".csv" name would only hide that from Excel and from the trainer.
        let _ = writeln!(err, "{}", tr::output_not_xlsx(lang, path));
        return ExitCode::from(2);
    }
    match report(args, err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `path` names an Excel workbook: its extension is `.xlsx`, in any
/// case.
pub fn is_workbook_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn report(
    args: &ReportArgs,
    lang: Lang,
    quizzes: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    exit: Exit,
) -> Result<(), String> {
    // The workbook has every view; one view reads only what it needs.
    let columns = if args.output.is_some() {
        Columns::All
    } else {
        columns_for(args.by)
    };
    let loaded = load_columns(&args.results, columns).map_err(|e| e.message(lang))?;
    // Warnings on stderr never stop the report.
    for b in &loaded.bad {
        let reason = tr::bad_row_reason(lang, &b.reason);
        let _ = writeln!(err, "{}", tr::bad_row(lang, &b.path, b.line, &reason));
    }
    for id in &loaded.not_finite {
        let _ = writeln!(err, "{}", tr::not_finite(lang, id));
    }
    if loaded.duplicates > 0 {
        let _ = writeln!(err, "{}", tr::duplicates(lang, loaded.duplicates));
    }
    let rows = &loaded.rows;
    // Only the unit view uses the roster; a broken default one should not
    // trouble a member ranking.
    let roster = if args.by == ReportBy::Unit || args.output.is_some() {
        roster(args, lang, quizzes, err)?
    } else {
        None
    };
    // The bank view scores questions for α; without the bank it still shows
    // the rest, and says why α is missing.
    let need_banks =
        matches!(args.by, ReportBy::Question | ReportBy::Bank) || args.output.is_some();
    let banks = if need_banks {
        banks(args, lang, quizzes, rows, err)?
    } else {
        Vec::new()
    };
    let only = args.output.is_none().then_some(args.by);
    let views = Views::compute_only(only, rows, args.attempt, &banks, roster.as_ref());
    for q in &views.questions {
        warn_question_report(q, &banks, lang, err);
    }
    if let Some(path) = &args.output {
        let sheets = views.sheets(lang);
        if views.questions.is_empty() {
            let _ = writeln!(err, "{}", tr::NO_QUESTION_SHEET.get(lang));
        }
        xlsx::write_workbook(path, &sheets).map_err(|e| {
            let reason = match &e {
                rust_xlsxwriter::XlsxError::IoError(io) => crate::i18n::io_error_message(io, lang),
                other => other.to_string(),
            };
            tr::workbook_error(lang, path, &reason)
        })?;
        let _ = writeln!(err, "{}", tr::wrote_workbook(lang, path, sheets.len()));
    } else {
        let text = render_with(&views, args.by, args.format, args.detail, lang)
            .map_err(|e| e.to_string())?;
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    if exit == Exit::Leave {
        std::mem::forget(views);
        std::mem::forget(loaded);
    }
    Ok(())
}

/// One view of `views` in `format`.
pub fn render(
    views: &Views,
    by: ReportBy,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, format::FormatError> {
    render_with(views, by, format, false, lang)
}

/// One view of `views` in `format`; `detail` adds each question's
/// distractor table to the question view's table (its JSON always has
/// them; CSV, one line per question, never).
pub fn render_with(
    views: &Views,
    by: ReportBy,
    format: ReportFormat,
    detail: bool,
    lang: Lang,
) -> Result<String, format::FormatError> {
    fn one<V: format::View>(
        lines: &[V],
        f: ReportFormat,
        lang: Lang,
    ) -> Result<String, format::FormatError> {
        match f {
            ReportFormat::Table => Ok(format::table_text(lines, lang)),
            ReportFormat::Csv => format::csv_text(lines),
            ReportFormat::Json => format::json_text(lines),
        }
    }
    match by {
        ReportBy::Member => one(&views.members, format, lang),
        ReportBy::Unit => one(&views.units, format, lang),
        ReportBy::Question => {
            let lines = views.question_lines();
            match format {
                ReportFormat::Table if detail && !lines.is_empty() => {
                    Ok(format::question_detail_text(&lines, lang))
                }
                ReportFormat::Json => format::question_json(&lines),
                _ => one(&lines, format, lang),
            }
        }
        ReportBy::Bank if format == ReportFormat::Table => {
            Ok(format::bank_text(&views.banks, lang))
        }
        ReportBy::Bank => one(&views.banks, format, lang),
    }
}

fn roster(
    args: &ReportArgs,
    lang: Lang,
    quizzes: &Path,
    err: &mut dyn Write,
) -> Result<Option<Roster>, String> {
    match &args.roster {
        Some(path) => sources::load_roster(path, lang)
            .map(Some)
            .map_err(|e| tr::roster_error(lang, &e)),
        None => {
            let path = quizzes.join("roster.yaml");
            if !path.exists() {
                return Ok(None);
            }
            // The default roster is a convenience: a broken one only warns.
            match sources::load_roster(&path, lang) {
                Ok(r) => Ok(Some(r)),
                Err(e) => {
                    let _ = writeln!(err, "{}", tr::roster_error(lang, &e));
                    Ok(None)
                }
            }
        }
    }
}

/// The banks for question statistics: `--bank`, or the banks of `quizzes`
/// whose id appears in the rows.
fn banks(
    args: &ReportArgs,
    lang: Lang,
    quizzes: &Path,
    rows: &[ResultRow],
    err: &mut dyn Write,
) -> Result<Vec<Bank>, String> {
    if let Some(path) = &args.bank {
        let bank = sources::load_bank(path, lang).map_err(|e| tr::bank_error(lang, &e))?;
        if !rows.iter().any(|r| r.bank_id == bank.id) {
            let _ = writeln!(err, "{}", tr::no_attempts_for_bank(lang, &bank.id));
        }
        return Ok(vec![bank]);
    }
    let wanted: BTreeSet<&str> = rows.iter().map(|r| r.bank_id.as_str()).collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<Bank> = sources::banks_in(quizzes)
        .into_iter()
        .filter(|b| wanted.contains(b.id.as_str()))
        .collect();
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found.dedup_by(|a, b| a.id == b.id);
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|id| !found.iter().any(|b| b.id == *id))
        .collect();
    // The question view cannot go on without any bank; the workbook and a
    // view with some banks found go on, but say which bank is left out.
    if args.by == ReportBy::Question || args.output.is_some() {
        let fatal = found.is_empty() && args.output.is_none();
        let messages: Vec<String> = missing
            .iter()
            .map(|id| tr::bank_not_found(lang, id, fatal))
            .collect();
        if fatal {
            return Err(messages.join("\n"));
        }
        for m in messages {
            let _ = writeln!(err, "{m}");
        }
    }
    Ok(found)
}

fn warn_question_report(
    q: &stats::QuestionReport,
    banks: &[Bank],
    lang: Lang,
    err: &mut dyn Write,
) {
    let Some(bank) = q
        .lines
        .first()
        .and_then(|l| banks.iter().find(|b| b.id == l.bank))
    else {
        return;
    };
    if q.sha_mismatch > 0 {
        let _ = writeln!(
            err,
            "{}",
            tr::sha_mismatch(lang, &bank.id, &bank.path, q.sha_mismatch, q.attempts)
        );
    }
    if !q.unknown.is_empty() {
        let ids: Vec<&str> = q.unknown.iter().map(String::as_str).collect();
        let _ = writeln!(
            err,
            "{}",
            tr::unknown_questions(lang, &bank.id, &ids.join(", "))
        );
    }
}
