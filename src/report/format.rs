//! Drawing the report's views: an aligned table for the terminal, CSV and
//! JSON from serde, and the cells the workbook is written from.
//!
//! The table pads by display width (`crate::text::width`), so that a column
//! of Vietnamese names lines up whatever the diacritics. In Vietnamese,
//! decimals use a comma ("87,5"), as people write them; CSV and JSON keep
//! the dot and English keys, for tools.

use serde::Serialize;

use super::stats::{BINS, BankLine, ChoiceLine, Flag, MemberLine, NoAlpha, QuestionLine, UnitLine};
use crate::bank::letter;
use crate::i18n::Lang;
use crate::i18n::report as tr;
use crate::text::width;

/// One cell of a table or a sheet; numbers stay numbers for the workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, left-aligned.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number shown with this many decimals.
    Num(f64, usize),
    /// A percent (0–100), shown with one decimal; the workbook writes it as
    /// a fraction formatted as a percent, so Excel shows "87.5%".
    Percent(f64),
    /// A score: no needless decimals ("3", "2.5").
    Points(f64),
    /// Seconds, shown as m:ss (h:mm:ss from an hour).
    Duration(u64),
    /// Nothing (a figure that does not exist, e.g. a mean of no values).
    Empty,
}

impl Cell {
    fn opt(v: Option<f64>, decimals: usize) -> Cell {
        v.map_or(Cell::Empty, |v| Cell::Num(v, decimals))
    }

    fn opt_pct(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Percent)
    }

    fn opt_int(v: Option<u32>) -> Cell {
        v.map_or(Cell::Empty, |v| Cell::Int(i64::from(v)))
    }

    fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }

    /// The cell as the terminal shows it.
    pub fn show(&self, lang: Lang) -> String {
        self.shown(lang).into_owned()
    }

    /// [`Cell::show`] without copying text.
    fn shown(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        Cow::Owned(match self {
            Cell::Text(s) => return Cow::Borrowed(s),
            Cell::Int(n) => n.to_string(),
            Cell::Num(v, d) => decimal(&format!("{v:.d$}"), lang),
            Cell::Percent(v) => decimal(&format!("{v:.1}"), lang),
            Cell::Points(v) => decimal(&crate::results::format_points(*v), lang),
            Cell::Duration(s) => duration(*s),
            Cell::Empty => return Cow::Borrowed("—"),
        })
    }
}

fn decimal(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s.to_owned(),
    }
}

/// Seconds as m:ss, or h:mm:ss from an hour up.
pub fn duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A view as headers and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Localised column headers.
    pub headers: Vec<String>,
    /// The rows, each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
}

/// A view whose lines can be drawn as a table.
pub trait View: Serialize + Sized {
    /// The table shown in the terminal.
    fn table(lines: &[Self], lang: Lang) -> Table;
    /// The sheet written to the workbook (the table unless a view has more).
    fn sheet(lines: &[Self], lang: Lang) -> Table {
        Self::table(lines, lang)
    }
}

fn headers(cols: &[tr::Text], lang: Lang) -> Vec<String> {
    cols.iter().map(|c| c.get(lang).to_owned()).collect()
}

fn passed(p: bool, lang: Lang) -> Cell {
    Cell::Text(if p { tr::PASSED } else { tr::FAILED }.get(lang).to_owned())
}

impl View for MemberLine {
    fn table(lines: &[Self], lang: Lang) -> Table {
        Table {
            headers: headers(
                &[
                    tr::COL_BANK,
                    tr::COL_RANK,
                    tr::COL_NAME,
                    tr::COL_CODE,
                    tr::COL_UNIT,
                    tr::COL_SCORE,
                    tr::COL_MAX,
                    tr::COL_PERCENT,
                    tr::COL_PASSED,
                    tr::COL_TIME,
                    tr::COL_ATTEMPTS,
                ],
                lang,
            ),
            rows: lines
                .iter()
                .map(|l| {
                    vec![
                        Cell::Text(l.bank.clone()),
                        Cell::Int(i64::from(l.rank)),
                        Cell::Text(l.name.clone()),
                        Cell::Text(l.code.clone()),
                        Cell::Text(l.unit.clone()),
                        Cell::Points(l.score),
                        Cell::Points(l.max_score),
                        Cell::Percent(l.percent),
                        passed(l.passed, lang),
                        Cell::Duration(l.time_used_s),
                        Cell::Int(i64::from(l.attempts)),
                    ]
                })
                .collect(),
        }
    }
}

impl View for UnitLine {
    fn table(lines: &[Self], lang: Lang) -> Table {
        // Head counts only exist with a roster; without one, no empty columns.
        let roster = lines.iter().any(|l| l.members.is_some());
        let mut cols = vec![
            tr::COL_BANK,
            tr::COL_RANK,
            tr::COL_UNIT,
            tr::COL_PARTICIPANTS,
        ];
        if roster {
            cols.extend([tr::COL_MEMBERS, tr::COL_PARTICIPATION]);
        }
        cols.extend([tr::COL_MEAN, tr::COL_MEDIAN, tr::COL_PASS_RATE]);
        Table {
            headers: headers(&cols, lang),
            rows: lines
                .iter()
                .map(|l| {
                    let mut row = vec![
                        Cell::Text(l.bank.clone()),
                        Cell::opt_int(l.rank),
                        Cell::Text(l.unit.clone()),
                        Cell::Int(i64::from(l.participants)),
                    ];
                    if roster {
                        row.extend([Cell::opt_int(l.members), Cell::opt_pct(l.participation)]);
                    }
                    row.extend([
                        Cell::opt_pct(l.mean_percent),
                        Cell::opt_pct(l.median_percent),
                        Cell::opt_pct(l.pass_rate),
                    ]);
                    row
                })
                .collect(),
        }
    }
}

fn flag_text(flag: Flag) -> tr::Text {
    match flag {
        Flag::NegativeDiscrimination => tr::FLAG_NEGATIVE,
        Flag::LowDiscrimination => tr::FLAG_LOW,
        Flag::Dubious => tr::FLAG_DUBIOUS,
        Flag::TooHard => tr::FLAG_HARD,
        Flag::TooEasy => tr::FLAG_EASY,
    }
}

impl View for QuestionLine {
    fn table(lines: &[Self], lang: Lang) -> Table {
        // One column per letter that some question of the view has.
        let letters = lines
            .iter()
            .map(|l| l.letter_counts().iter().filter(|c| c.is_some()).count())
            .max()
            .unwrap_or(0);
        let mut headers = headers(
            &[
                tr::COL_BANK,
                tr::COL_NUMBER,
                tr::COL_QUESTION,
                tr::COL_KEY,
                tr::COL_SHOWN,
                tr::COL_FACILITY,
                tr::COL_Q_SD,
                tr::COL_GUESS,
                tr::COL_INTENDED,
                tr::COL_EFFECTIVE,
                tr::COL_DISCRIMINATION,
                tr::COL_EFFICIENCY,
            ],
            lang,
        );
        headers.extend((0..letters).map(|i| letter(i).to_string()));
        headers.push(tr::COL_BLANK.get(lang).to_owned());
        headers.push(tr::COL_FLAGS.get(lang).to_owned());
        let rows = lines
            .iter()
            .map(|l| {
                let mut row = vec![
                    Cell::Text(l.bank.clone()),
                    Cell::Int(i64::from(l.number)),
                    Cell::Text(l.question.clone()),
                    Cell::Text(l.key.clone()),
                    Cell::Int(i64::from(l.shown)),
                    Cell::opt_pct(l.facility),
                    Cell::opt_pct(l.sd),
                    Cell::opt_pct(l.random_guess),
                    Cell::opt_pct(l.intended_weight),
                    Cell::opt_pct(l.effective_weight),
                    Cell::opt(l.discrimination, 3),
                    Cell::opt_pct(l.discriminative_efficiency),
                ];
                row.extend(
                    l.letter_counts()
                        .iter()
                        .take(letters)
                        .map(|c| Cell::opt_int(*c)),
                );
                row.push(Cell::Int(i64::from(l.blank)));
                let flags: Vec<&str> = l.flags.0.iter().map(|f| flag_text(*f).get(lang)).collect();
                row.push(Cell::Text(flags.join(", ")));
                row
            })
            .collect();
        Table { headers, rows }
    }
}

/// A histogram bin's label: "0–9,9" … "90–100".
pub fn bin_label(bin: usize, lang: Lang) -> String {
    let low = bin * 10;
    if bin + 1 >= BINS {
        format!("{low}–100")
    } else {
        decimal(&format!("{low}–{}.9", low + 9), lang)
    }
}

impl View for BankLine {
    fn table(lines: &[Self], lang: Lang) -> Table {
        Table {
            headers: headers(
                &[
                    tr::COL_BANK,
                    tr::COL_TITLE,
                    tr::COL_ATTEMPTS,
                    tr::COL_COUNTED,
                    tr::COL_MEAN,
                    tr::COL_MEDIAN,
                    tr::COL_SD,
                    tr::COL_PASS_RATE,
                    tr::COL_ALPHA,
                    tr::COL_ERROR_RATIO,
                    tr::COL_SE,
                    tr::COL_SKEWNESS,
                    tr::COL_KURTOSIS,
                ],
                lang,
            ),
            rows: lines
                .iter()
                .map(|l| {
                    vec![
                        Cell::Text(l.bank.clone()),
                        Cell::Text(l.title.clone()),
                        Cell::Int(i64::from(l.attempts)),
                        Cell::Int(i64::from(l.members)),
                        Cell::opt_pct(l.mean_percent),
                        Cell::opt_pct(l.median_percent),
                        Cell::opt_pct(l.std_dev),
                        Cell::opt_pct(l.pass_rate),
                        Cell::opt(l.alpha, 3),
                        Cell::opt_pct(l.error_ratio),
                        Cell::opt_pct(l.standard_error),
                        Cell::opt(l.skewness, 3),
                        Cell::opt(l.kurtosis, 3),
                    ]
                })
                .collect(),
        }
    }

    fn sheet(lines: &[Self], lang: Lang) -> Table {
        let mut table = Self::table(lines, lang);
        table.headers.extend((0..BINS).map(|b| bin_label(b, lang)));
        for (row, line) in table.rows.iter_mut().zip(lines) {
            row.extend(line.bins().iter().map(|n| Cell::Int(i64::from(*n))));
        }
        table
    }
}

/// Draws a table: columns padded by display width, numbers to the right.
pub fn render_table(table: &Table, lang: Lang) -> String {
    let shown: Vec<Vec<std::borrow::Cow<'_, str>>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.shown(lang)).collect())
        .collect();
    let ncols = table.headers.len();
    let mut widths: Vec<usize> = table.headers.iter().map(|h| width(h)).collect();
    for row in &shown {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    // A column is right-aligned when every cell in it is a number.
    let numeric: Vec<bool> = (0..ncols)
        .map(|i| {
            !table.rows.is_empty()
                && table
                    .rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(Cell::is_number))
        })
        .collect();
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let start = out.len();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let pad = w.saturating_sub(width(cell));
            if numeric.get(i).copied().unwrap_or(false) {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        // No trailing spaces (the last column is often left-aligned text).
        let end = start + out.get(start..).map_or(0, |l| l.trim_end().len());
        out.truncate(end);
        out.push('\n');
    };
    line(&mut table.headers.iter().map(String::as_str));
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    line(&mut rule.iter().map(String::as_str));
    for row in &shown {
        line(&mut row.iter().map(|c| c.as_ref()));
    }
    out
}

/// Draws a bank's histogram with block characters, one line per bin, the
/// longest bar `bar` cells wide.
pub fn render_histogram(bins: &[u32; BINS], bar: usize, lang: Lang) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let max = bins.iter().copied().max().unwrap_or(0).max(1) as usize;
    let labels: Vec<String> = (0..BINS).map(|b| bin_label(b, lang)).collect();
    let label_w = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut out = String::new();
    for (label, &n) in labels.iter().zip(bins) {
        let eighths = n as usize * bar * 8 / max;
        let mut bar = "█".repeat(eighths / 8);
        bar.push_str(EIGHTHS.get(eighths % 8).copied().unwrap_or(""));
        let pad = " ".repeat(label_w.saturating_sub(width(label)));
        out.push_str(&format!("{pad}{label} │{bar} {n}\n"));
    }
    out
}

/// The view as an aligned table (the bank view adds each bank's histogram).
pub fn table_text<V: View>(lines: &[V], lang: Lang) -> String {
    if lines.is_empty() {
        return format!("{}\n", tr::NO_RESULTS.get(lang));
    }
    render_table(&V::table(lines, lang), lang)
}

/// The notes under the bank view: too few members to judge by, and why a
/// bank has no α.
pub fn bank_notes(lines: &[BankLine], lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    for l in lines {
        if l.too_few {
            notes.push(tr::few_attempts(lang, &l.bank, l.members));
        }
        if let Some(why) = l.no_alpha {
            let reason = match why {
                NoAlpha::NoBank => tr::NO_ALPHA_NO_BANK,
                NoAlpha::DrawnQuestions => tr::NO_ALPHA_DRAWN,
                NoAlpha::TooFew => tr::NO_ALPHA_TOO_FEW,
                NoAlpha::NoVariance => tr::NO_ALPHA_NO_VARIANCE,
            };
            notes.push(tr::no_alpha(lang, &l.bank, reason));
        }
    }
    notes
}

/// The bank view as a table, its notes, then each bank's histogram.
pub fn bank_text(lines: &[BankLine], lang: Lang) -> String {
    let mut out = table_text(lines, lang);
    let notes = bank_notes(lines, lang);
    if !notes.is_empty() {
        out.push('\n');
        for n in notes {
            out.push_str(&n);
            out.push('\n');
        }
    }
    for l in lines {
        out.push('\n');
        out.push_str(&tr::histogram_title(lang, &l.bank));
        out.push('\n');
        out.push_str(&render_histogram(&l.bins(), 40, lang));
    }
    out
}

/// How many cells of a choice's text the distractor table shows.
pub const CHOICE_TEXT_WIDTH: usize = 40;

/// The distractor table of one question.
pub fn choices_table(choices: &[ChoiceLine], text_width: usize, lang: Lang) -> Table {
    Table {
        headers: headers(
            &[
                tr::COL_LETTER,
                tr::COL_RIGHT,
                tr::COL_CHOICE_TEXT,
                tr::COL_CHOSEN,
                tr::COL_CHOSEN_PERCENT,
                tr::COL_CHOOSERS_MEAN,
            ],
            lang,
        ),
        rows: choices
            .iter()
            .map(|c| {
                vec![
                    Cell::Text(c.letter.clone()),
                    Cell::Text(
                        if c.right {
                            tr::RIGHT_MARK.get(lang)
                        } else {
                            ""
                        }
                        .to_owned(),
                    ),
                    Cell::Text(fit(&crate::text::clean_line(&c.text), text_width)),
                    Cell::Int(i64::from(c.chosen)),
                    Cell::opt_pct(c.chosen_percent),
                    Cell::opt_pct(c.mean_percent),
                ]
            })
            .collect(),
    }
}

/// The question view with `--detail`: the table, then each question's
/// distractor table under its heading.
pub fn question_detail_text(lines: &[QuestionLine], lang: Lang) -> String {
    let mut out = table_text(lines, lang);
    for l in lines {
        out.push('\n');
        out.push_str(&tr::question_heading(
            lang,
            &l.bank,
            l.number,
            &l.question,
            &l.key,
        ));
        out.push('\n');
        out.push_str(&render_table(
            &choices_table(&l.choices, CHOICE_TEXT_WIDTH, lang),
            lang,
        ));
    }
    out
}

/// The distractor sheet: one row per choice of every question, with the
/// choice's whole text.
pub fn choices_sheet(lines: &[QuestionLine], lang: Lang) -> Table {
    let mut headers = headers(&[tr::COL_BANK, tr::COL_NUMBER, tr::COL_QUESTION], lang);
    let mut rows = Vec::new();
    for l in lines {
        let table = choices_table(&l.choices, usize::MAX, lang);
        if headers.len() == 3 {
            headers.extend(table.headers);
        }
        for row in table.rows {
            let mut full = vec![
                Cell::Text(l.bank.clone()),
                Cell::Int(i64::from(l.number)),
                Cell::Text(l.question.clone()),
            ];
            full.extend(row);
            rows.push(full);
        }
    }
    Table { headers, rows }
}

/// `s` cut to at most `max` terminal cells, ending with "…" when cut: never
/// inside a character (wide ones count two cells), and at the end of a word
/// when one ends in the second half ("Kho bạc Nhà…", not "Kho bạc Nhà n…").
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    let mid_word = s
        .get(out.len()..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| !c.is_whitespace())
        && !out.ends_with(char::is_whitespace);
    if mid_word
        && let Some(space) = out.rfind(char::is_whitespace)
        && width(out[..space].trim_end()) * 2 >= max
    {
        out.truncate(space);
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// One question in the JSON of the question view: its line and its
/// distractor table.
#[derive(Serialize)]
struct QuestionJson<'a> {
    #[serde(flatten)]
    line: &'a QuestionLine,
    choices: &'a [ChoiceLine],
}

/// The question view as JSON, each question with its `choices`.
pub fn question_json(lines: &[QuestionLine]) -> Result<String, FormatError> {
    let items: Vec<QuestionJson<'_>> = lines
        .iter()
        .map(|line| QuestionJson {
            line,
            choices: &line.choices,
        })
        .collect();
    json_text(&items)
}

/// Why a view could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The CSV writer failed.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The JSON writer failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The byte order mark that starts CSV output.
pub const BOM: char = '\u{FEFF}';

/// The view as CSV: a UTF-8 byte order mark, a header of English keys, then
/// one record per line. The mark is what makes Excel read the file as UTF-8
/// (without it, "Nguyễn" shows as "NguyÃ…n"), as in the results file.
pub fn csv_text<V: Serialize>(lines: &[V]) -> Result<String, FormatError> {
    let mut w = csv::Writer::from_writer(BOM.to_string().into_bytes());
    for l in lines {
        w.serialize(l)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The view as a pretty JSON array (no byte order mark: JSON forbids one).
pub fn json_text<V: Serialize>(lines: &[V]) -> Result<String, FormatError> {
    let mut s = serde_json::to_string_pretty(lines)?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_by_display_width() {
        let t = Table {
            headers: vec!["Tên".into(), "Điểm".into()],
            rows: vec![
                vec![Cell::Text("Nguyễn Thị Ánh".into()), Cell::Points(2.5)],
                vec![Cell::Text("An".into()), Cell::Points(10.0)],
            ],
        };
        let s = render_table(&t, Lang::Vi);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], "Nguyễn Thị Ánh   2,5");
        assert_eq!(lines[3], "An                10");
        assert!(lines.iter().all(|l| width(l) <= width(lines[2])));
    }

    #[test]
    fn durations_read_as_clock_time() {
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(425), "7:05");
        assert_eq!(duration(3725), "1:02:05");
    }

    #[test]
    fn histogram_bars_scale_to_the_longest() {
        let mut bins = [0; BINS];
        bins[2] = 2;
        bins[9] = 1;
        let s = render_histogram(&bins, 8, Lang::En);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], "20–29.9 │████████ 2");
        assert_eq!(lines[9], " 90–100 │████ 1");
        assert_eq!(lines[0], "  0–9.9 │ 0");
    }
}
