//! Spreadsheets (`.xlsx` through calamine, `.csv` through csv): a header
//! row naming the columns, in Vietnamese or English and in any order, then
//! one question per row. The answer may also be on a sheet of its own
//! (`STT` and `Đáp án` columns), as in a printed test and its key, which is
//! what `export --format xlsx` writes.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use quick_xml::events::Event;

use super::aiken::parse_letters;
use super::diag::{Place, Problem};
use super::draft::{Draft, DraftQuestion};
use super::zipped::Archive;

/// The most non-empty cells read from one file: 20,000 questions of ten
/// columns.
pub const MAX_CELLS: usize = 200_000;

/// How far down a sheet the header row is looked for.
const HEADER_ROWS: u32 = 20;

/// One sheet: its name (none for CSV) and its non-empty cells by (row from
/// 1, column from 0).
#[derive(Debug, Default)]
struct Table {
    name: Option<String>,
    cells: BTreeMap<(u32, u32), String>,
}

impl Table {
    fn place(&self, row: u32, col: u32) -> Place {
        Place::Cell {
            sheet: self.name.clone(),
            row,
            col,
        }
    }

    fn get(&self, row: u32, col: u32) -> &str {
        self.cells.get(&(row, col)).map_or("", String::as_str)
    }

    fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|k| k.0).collect();
        rows.dedup();
        rows
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Question,
    /// The choice's index, and whether its header was a number
    /// ("Phương án 1") rather than a letter.
    Choice(usize, bool),
    Answer,
    Explanation,
    Source,
    Topic,
    Id,
    Number,
}

/// The column a header names, compared without case or diacritics.
fn classify(header: &str) -> Option<Col> {
    let h = crate::text::fold(header);
    let h = h.trim_end_matches([':', '*', '.']).trim();
    let exact = |list: &[&str]| list.contains(&h);
    if exact(&[
        "cau hoi",
        "noi dung cau hoi",
        "noi dung",
        "de bai",
        "question",
        "question text",
        "questions",
        "text",
    ]) {
        return Some(Col::Question);
    }
    if exact(&[
        "dap an",
        "dap an dung",
        "da",
        "answer",
        "answers",
        "correct",
        "correct answer",
        "right answer",
        "key",
    ]) {
        return Some(Col::Answer);
    }
    if exact(&[
        "giai thich",
        "loi giai",
        "explanation",
        "feedback",
        "huong dan",
    ]) {
        return Some(Col::Explanation);
    }
    if exact(&["can cu", "nguon", "van ban", "source", "reference"]) {
        return Some(Col::Source);
    }
    if exact(&["chu de", "phan", "linh vuc", "topic", "category"]) {
        return Some(Col::Topic);
    }
    if exact(&["ma", "ma cau", "ma cau hoi", "id"]) {
        return Some(Col::Id);
    }
    if exact(&[
        "stt", "tt", "so", "cau", "cau so", "so cau", "no", "number", "#",
    ]) {
        return Some(Col::Number);
    }
    let mut rest = h;
    for prefix in [
        "phuong an ",
        "lua chon ",
        "dap an ",
        "option ",
        "choice ",
        "answer ",
        "pa ",
    ] {
        if let Some(r) = h.strip_prefix(prefix) {
            rest = r.trim();
            break;
        }
    }
    if rest.len() == 1
        && let Some(c) = rest.chars().next()
        && c.is_ascii_alphabetic()
    {
        let i = crate::bank::letter_index(c)?;
        return (i < super::draft::MAX_CHOICES).then_some(Col::Choice(i, false));
    }
    if rest != h
        && let Ok(n) = rest.parse::<usize>()
        && (1..=super::draft::MAX_CHOICES).contains(&n)
    {
        return Some(Col::Choice(n - 1, true));
    }
    None
}

/// A header row: its row number and what each column holds.
struct Header {
    row: u32,
    cols: Vec<(u32, Col)>,
}

impl Header {
    fn find(&self, want: Col) -> Option<u32> {
        self.cols.iter().find(|(_, c)| *c == want).map(|(i, _)| *i)
    }

    fn choices(&self) -> Vec<(u32, usize, bool)> {
        let mut v: Vec<(u32, usize, bool)> = self
            .cols
            .iter()
            .filter_map(|(i, c)| match c {
                Col::Choice(n, numbered) => Some((*i, *n, *numbered)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|c| c.1);
        v
    }
}

/// The first row (of the first [`HEADER_ROWS`]) naming a column that
/// satisfies `want`.
fn header(table: &Table, want: impl Fn(&[(u32, Col)]) -> bool) -> Option<Header> {
    for row in table.rows().into_iter().take(HEADER_ROWS as usize) {
        let mut cols: Vec<(u32, Col)> = Vec::new();
        for (&(_, col), text) in table.cells.range((row, 0)..=(row, u32::MAX)) {
            if let Some(c) = classify(text)
                && !cols.iter().any(|(_, k)| *k == c)
            {
                cols.push((col, c));
            }
        }
        if want(&cols) {
            return Some(Header { row, cols });
        }
    }
    None
}

fn has(cols: &[(u32, Col)], want: Col) -> bool {
    cols.iter().any(|(_, c)| *c == want)
}

/// An answer cell: letters, or numbers when the choices are numbered.
fn answer_cell(value: &str, numbered: bool) -> Option<Vec<usize>> {
    if let Some(v) = parse_letters(value) {
        return Some(v);
    }
    if numbered {
        let mut out = Vec::new();
        for part in value.split([',', ';', ' ']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let n: usize = part.parse().ok()?;
            out.push(n.checked_sub(1)?);
        }
        return (!out.is_empty()).then_some(out);
    }
    None
}

/// An answer-key entry from a key sheet.
struct KeyEntry {
    answer: String,
    place: Place,
    extra: [Option<String>; 4],
    used: bool,
}

/// Builds the draft from the sheets.
fn draft_from(tables: &[Table]) -> Result<Draft, Problem> {
    let mut draft = Draft::default();
    let Some((qi, head)) = tables
        .iter()
        .enumerate()
        .find_map(|(i, t)| header(t, |cols| has(cols, Col::Question)).map(|h| (i, h)))
    else {
        return Err(Problem::NoHeader);
    };
    let table = &tables[qi];
    let choice_cols = head.choices();
    if choice_cols.is_empty() {
        return Err(Problem::NoChoiceColumns);
    }
    let numbered = choice_cols.iter().any(|c| c.2);
    let q_col = head.find(Col::Question).unwrap_or(0);
    let answer_col = head.find(Col::Answer);
    let number_col = head.find(Col::Number);
    let id_col = head.find(Col::Id);
    // The title: the first text above the header row.
    draft.title = table
        .cells
        .range(..(head.row, 0))
        .map(|(_, v)| v.trim().to_owned())
        .find(|v| !v.is_empty());
    // A key sheet, when the question sheet has no answer column.
    let mut key: HashMap<String, KeyEntry> = HashMap::new();
    if answer_col.is_none() {
        let found = tables
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != qi)
            .find_map(|(_, t)| {
                header(t, |cols| {
                    has(cols, Col::Answer)
                        && (has(cols, Col::Number) || has(cols, Col::Id))
                        && !has(cols, Col::Question)
                })
                .map(|h| (t, h))
            });
        let Some((kt, kh)) = found else {
            return Err(Problem::NoAnswerColumn);
        };
        let kcol = kh.find(Col::Answer).unwrap_or(0);
        let by_number = kh.find(Col::Number).is_some() && number_col.is_some();
        let Some(ncol) = (if by_number {
            kh.find(Col::Number)
        } else {
            kh.find(Col::Id)
        }) else {
            return Err(Problem::NoAnswerColumn);
        };
        if !by_number && id_col.is_none() {
            return Err(Problem::NoAnswerColumn);
        }
        for row in kt.rows().into_iter().filter(|r| *r > kh.row) {
            let n = kt.get(row, ncol).trim().to_owned();
            if n.is_empty() {
                continue;
            }
            let extra = [Col::Explanation, Col::Source, Col::Topic, Col::Id].map(|c| {
                kh.find(c)
                    .map(|col| kt.get(row, col).to_owned())
                    .filter(|s| !s.is_empty())
            });
            let place = kt.place(row, kcol);
            if key.contains_key(&n) {
                draft
                    .diagnostics
                    .push((kt.place(row, ncol), Problem::KeyRepeated { number: n }));
                continue;
            }
            key.insert(
                n,
                KeyEntry {
                    answer: kt.get(row, kcol).to_owned(),
                    place,
                    extra,
                    used: false,
                },
            );
        }
    }
    for (seq, row) in table
        .rows()
        .into_iter()
        .filter(|r| *r > head.row)
        .enumerate()
    {
        let text = table.get(row, q_col);
        let mut choices: Vec<(usize, u32, String)> = choice_cols
            .iter()
            .map(|&(col, i, _)| (i, col, table.get(row, col).to_owned()))
            .filter(|c| !c.2.trim().is_empty())
            .collect();
        choices.sort_by_key(|c| c.0);
        if text.trim().is_empty() && choices.is_empty() {
            continue;
        }
        let mut q = DraftQuestion {
            place: Some(table.place(row, q_col)),
            text: text.to_owned(),
            number: Some(
                number_col
                    .map(|c| table.get(row, c).trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| (seq + 1).to_string()),
            ),
            ..DraftQuestion::default()
        };
        for (pos, (i, col, t)) in choices.into_iter().enumerate() {
            if i != pos && q.errors.is_empty() {
                q.fail(
                    table.place(row, col),
                    Problem::LetterSkips {
                        expected: pos,
                        found: i,
                    },
                );
            }
            q.choices.push(t);
            q.choice_places.push(table.place(row, col));
        }
        let opt = |c: Col| {
            head.find(c)
                .map(|col| table.get(row, col).to_owned())
                .filter(|s| !s.trim().is_empty())
        };
        q.explanation = opt(Col::Explanation);
        q.source = opt(Col::Source);
        q.topic = opt(Col::Topic);
        q.id = opt(Col::Id);
        let (answer, place) = if let Some(ac) = answer_col {
            (table.get(row, ac).to_owned(), table.place(row, ac))
        } else {
            let k = if key.is_empty() {
                None
            } else if number_col.is_some() {
                q.number.clone()
            } else {
                q.id.clone()
            };
            match k.and_then(|k| key.get_mut(&k)) {
                Some(e) => {
                    e.used = true;
                    let [ex, src, topic, id] = e.extra.clone();
                    q.explanation = q.explanation.or(ex);
                    q.source = q.source.or(src);
                    q.topic = q.topic.or(topic);
                    q.id = q.id.or(id);
                    (e.answer.clone(), e.place.clone())
                }
                None => (String::new(), q.at()),
            }
        };
        if answer.trim().is_empty() {
            if q.errors.is_empty() {
                q.fail(place, Problem::NoAnswer);
            }
        } else {
            match answer_cell(&answer, numbered) {
                Some(v) => {
                    if let Some(&bad) = v.iter().find(|&&a| a >= q.choices.len())
                        && q.errors.is_empty()
                        && q.choices.len() >= 2
                    {
                        q.fail(
                            place,
                            Problem::AnswerNotAChoice {
                                letter: bad,
                                choices: q.choices.len(),
                            },
                        );
                    }
                    q.answer = v;
                }
                None => q.fail(
                    place,
                    Problem::BadAnswer {
                        value: answer.trim().to_owned(),
                    },
                ),
            }
        }
        draft.questions.push(q);
    }
    let mut unused: Vec<(&String, &KeyEntry)> = key.iter().filter(|(_, e)| !e.used).collect();
    unused.sort_by_key(|a| sort_key(&a.1.place));
    for (n, e) in unused {
        draft.diagnostics.push((
            e.place.clone(),
            Problem::KeyForMissingQuestion { number: n.clone() },
        ));
    }
    Ok(draft)
}

fn sort_key(p: &Place) -> (u32, u32) {
    match p {
        Place::Cell { row, col, .. } => (*row, *col),
        _ => (0, 0),
    }
}

/// The text of a cell as the trainer sees it: whole numbers without `.0`.
fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// The `uniqueCount` of the shared strings, which calamine reserves room
/// for before reading a string: a hostile count would ask for terabytes.
fn shared_string_count(xml: &[u8]) -> Result<u64, Problem> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let mut n = 0;
                for a in e.attributes().flatten() {
                    if a.key.local_name().as_ref() == "uniqueCount"
                        || a.key.local_name().as_ref() == "count"
                    {
                        let v = a.value.trim().to_owned();
                        n = n.max(v.parse::<u64>().unwrap_or(u64::MAX));
                    }
                }
                return Ok(n);
            }
            Ok(Event::Eof) => return Ok(0),
            Err(e) => {
                return Err(Problem::BadXml {
                    detail: e.to_string(),
                });
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Reads an `.xlsx` file whose archive has been opened (and bounded).
pub fn read_xlsx(mut archive: Archive<'_>, bytes: &[u8]) -> Result<Draft, Problem> {
    archive.verify_xml_parts()?;
    if let Some(sst) = archive.read("xl/sharedStrings.xml")?
        && shared_string_count(&sst)? > MAX_CELLS as u64
    {
        return Err(Problem::TooManyCells { limit: MAX_CELLS });
    }
    drop(archive);
    let bad = |e: calamine::XlsxError| match e {
        calamine::XlsxError::Password => Problem::EncryptedOrOld,
        calamine::XlsxError::Zip(z) => Problem::Corrupt {
            detail: z.to_string(),
        },
        calamine::XlsxError::Xml(x) => Problem::BadXml {
            detail: x.to_string(),
        },
        other => Problem::Corrupt {
            detail: other.to_string(),
        },
    };
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let mut tables = Vec::new();
    let mut count = 0usize;
    for name in xlsx.sheet_names() {
        let mut table = Table {
            name: Some(name.clone()),
            ..Table::default()
        };
        let mut reader = match xlsx.worksheet_cells_reader(&name) {
            Ok(r) => r,
            // Chart sheets and the like hold no cells.
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(bad(e)),
        };
        while let Some(cell) = reader.next_cell().map_err(bad)? {
            let text = cell_text(cell.get_value());
            if text.trim().is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(Problem::TooManyCells { limit: MAX_CELLS });
            }
            let (r, c) = cell.get_position();
            table.cells.insert((r.saturating_add(1), c), text);
        }
        tables.push(table);
    }
    draft_from(&tables)
}

/// Reads a CSV file (comma or semicolon, as Excel writes either).
pub fn read_csv(text: &str) -> Result<Draft, Problem> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut count = 0usize;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Problem::Corrupt {
            detail: e.to_string(),
        })?;
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (c, v) in record.iter().enumerate() {
            if v.trim().is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(Problem::TooManyCells { limit: MAX_CELLS });
            }
            table
                .cells
                .insert((row, u32::try_from(c).unwrap_or(u32::MAX)), v.to_owned());
        }
    }
    draft_from(&[table])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(classify("Câu hỏi"), Some(Col::Question));
        assert_eq!(classify("Question"), Some(Col::Question));
        assert_eq!(classify("B"), Some(Col::Choice(1, false)));
        assert_eq!(classify("Phương án 3"), Some(Col::Choice(2, true)));
        assert_eq!(classify("Option C"), Some(Col::Choice(2, false)));
        assert_eq!(classify("Đáp án"), Some(Col::Answer));
        assert_eq!(classify("Đáp án đúng"), Some(Col::Answer));
        assert_eq!(classify("Căn cứ"), Some(Col::Source));
        assert_eq!(classify("STT"), Some(Col::Number));
        assert_eq!(classify("Mã"), Some(Col::Id));
        assert_eq!(classify("12"), None);
        assert_eq!(classify("K"), None);
    }

    #[test]
    fn csv_with_semicolons() {
        let d = read_csv("Câu hỏi;A;B;C;Đáp án\nHỏi?;x;y;z;A,C\n").unwrap_or_default();
        assert_eq!(d.questions.len(), 1);
        assert_eq!(d.questions[0].answer, [0, 2]);
        assert_eq!(
            d.questions[0].place,
            Some(Place::Cell {
                sheet: None,
                row: 2,
                col: 0
            })
        );
    }
}
