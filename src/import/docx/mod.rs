//! Word documents in the usual Vietnamese layout (as on Azota and Shub):
//!
//! ```text
//! PHẦN I. MỘT CỬA                      → topic
//! Câu 1: Nghị định 61/2018/NĐ-CP …      → question ("Câu N:", "Bài N", "N.")
//! A. …        B. …                      → choices, one or several per line
//! Đáp án: B                             → an answer line
//! ĐÁP ÁN                                → the answer key: 1-A, 2.B, 3: A, C
//! ```
//!
//! A right answer is marked by underline, bold or italic on the letter or
//! the whole choice, red text, highlight, a leading `*`, an "Đáp án:" line
//! or the key at the end; Word's automatic numbering stands for typed
//! numbers and letters. The XML is read with quick-xml as a stream (no
//! tree), with its depth and number of paragraphs bounded.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::diag::{Marker, Problem};
use super::draft::Draft;
use super::zipped::Archive;

mod layout;
use layout::build;

/// Deeper XML than any Word document has (tables in tables in text boxes
/// stay far below it).
pub const MAX_DEPTH: usize = 256;

/// More paragraphs than any test: 1,000 questions take about 6,000.
pub const MAX_PARAGRAPHS: usize = 200_000;

/// Formatting of one character, as bits.
type Fmt = u8;
const BOLD: Fmt = 1;
const ITALIC: Fmt = 2;
const UNDERLINE: Fmt = 4;
const RED: Fmt = 8;
const HIGHLIGHT: Fmt = 16;

const FORMATS: [(Fmt, Marker); 5] = [
    (UNDERLINE, Marker::Underline),
    (BOLD, Marker::Bold),
    (ITALIC, Marker::Italic),
    (RED, Marker::Red),
    (HIGHLIGHT, Marker::Highlight),
];

/// What Word's automatic numbering puts before a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auto {
    /// 1, 2, 3 … (the count so far in its list).
    Number(usize),
    /// A, B, C … or a, b, c ….
    Letter,
}

/// One line of text: a paragraph, or a part of one after a line break.
#[derive(Debug, Clone, Default)]
struct Line {
    para: usize,
    chars: Vec<char>,
    fmts: Vec<Fmt>,
    auto: Option<Auto>,
    /// (table, row, cell) for text in a table.
    cell: Option<(usize, usize, usize)>,
}

impl Line {
    fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    /// Its number in document order, from 1.
    no: usize,
    chars: Vec<char>,
    fmts: Vec<Fmt>,
    style: Option<String>,
    num: Option<(String, usize)>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

fn is_red(hex: &str) -> bool {
    if hex.len() != 6 {
        return false;
    }
    let c = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    c(0) >= 0xC0 && c(2) <= 0x60 && c(4) <= 0x60
}

fn xml_err(e: impl std::fmt::Display) -> Problem {
    Problem::BadXml {
        detail: e.to_string(),
    }
}

/// Counts the depth of elements, and refuses XML deeper than
/// [`MAX_DEPTH`].
fn track_depth(ev: &Event<'_>, depth: &mut usize) -> Result<(), Problem> {
    match ev {
        Event::Start(_) => {
            *depth += 1;
            if *depth > MAX_DEPTH {
                return Err(Problem::TooDeep { limit: MAX_DEPTH });
            }
        }
        Event::End(_) => *depth = depth.saturating_sub(1),
        _ => {}
    }
    Ok(())
}

/// Numbering formats: (numId, level) → whether the level counts with
/// numbers or letters; and styles that carry numbering.
#[derive(Default)]
struct Numbering {
    formats: HashMap<(String, usize), Auto>,
    styles: HashMap<String, (String, usize)>,
}

/// Calls `f` on every element of `xml` (start and empty tags), with the
/// depth bounded.
fn each_element(xml: &[u8], mut f: impl FnMut(&BytesStart<'_>)) -> Result<(), Problem> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(xml_err)?;
        track_depth(&ev, &mut depth)?;
        match ev {
            Event::Start(e) | Event::Empty(e) => f(&e),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Reads `word/numbering.xml`.
fn read_numbering(xml: &[u8], n: &mut Numbering) -> Result<(), Problem> {
    let mut abstract_id: Option<String> = None;
    let mut level: Option<usize> = None;
    // Abstract numbering → how each of its levels counts (Word has nine
    // levels, 0 to 8).
    let mut abstract_fmt: HashMap<String, [Option<Auto>; 9]> = HashMap::new();
    let mut num_id: Option<String> = None;
    let mut links: Vec<(String, String)> = Vec::new();
    each_element(xml, |e| match e.local_name().as_ref() {
        "abstractNum" => abstract_id = attr(e, "abstractNumId"),
        "lvl" => level = attr(e, "ilvl").and_then(|v| v.parse().ok()),
        "numFmt" => {
            let auto = match attr(e, "val").as_deref() {
                Some("decimal" | "decimalZero") => Some(Auto::Number(0)),
                Some("upperLetter" | "lowerLetter") => Some(Auto::Letter),
                _ => None,
            };
            if let (Some(a), Some(l), Some(auto)) = (&abstract_id, level, auto)
                && let Some(slot) = abstract_fmt.entry(a.clone()).or_default().get_mut(l)
            {
                *slot = Some(auto);
            }
        }
        "num" => num_id = attr(e, "numId"),
        "abstractNumId" => {
            if let (Some(id), Some(a)) = (&num_id, attr(e, "val")) {
                links.push((id.clone(), a));
            }
        }
        _ => {}
    })?;
    for (num, abs) in links {
        for (l, f) in abstract_fmt.get(&abs).into_iter().flatten().enumerate() {
            if let Some(f) = f {
                n.formats.insert((num.clone(), l), *f);
            }
        }
    }
    Ok(())
}

/// Reads the numbering of paragraph styles from `word/styles.xml`.
fn read_styles(xml: &[u8], n: &mut Numbering) -> Result<(), Problem> {
    let mut style: Option<String> = None;
    each_element(xml, |e| match e.local_name().as_ref() {
        "style" => style = attr(e, "styleId"),
        "numId" => {
            if let (Some(s), Some(id)) = (&style, attr(e, "val")) {
                n.styles.insert(s.clone(), (id, 0));
            }
        }
        _ => {}
    })
}

/// Reads `word/document.xml` into lines.
fn read_lines(xml: &[u8], numbering: &Numbering) -> Result<Vec<Line>, Problem> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut paras: Vec<Para> = Vec::new();
    let mut count = 0usize;
    let mut lines = Vec::new();
    let mut run: Fmt = 0;
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut in_text = false;
    // Depth at which a skipped element (mc:Fallback, a deletion) started.
    let mut skip: Option<usize> = None;
    // (table number, row, cell) of each open table.
    let mut tables: Vec<(usize, usize, usize)> = Vec::new();
    let mut table_count = 0usize;
    let mut counters: HashMap<String, usize> = HashMap::new();
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(xml_err)?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Problem::TooDeep { limit: MAX_DEPTH });
                }
                if skip.is_some() {
                    buf.clear();
                    continue;
                }
                match e.local_name().as_ref() {
                    // Text that is not shown: the fallback of alternate
                    // content, deleted or moved-away text, field codes, and
                    // the old formatting of tracked changes.
                    "Fallback" | "del" | "moveFrom" | "instrText" | "rPrChange" | "pPrChange" => {
                        skip = Some(depth)
                    }
                    "p" => {
                        count += 1;
                        if count > MAX_PARAGRAPHS {
                            return Err(Problem::TooManyCells {
                                limit: MAX_PARAGRAPHS,
                            });
                        }
                        paras.push(Para {
                            no: count,
                            ..Para::default()
                        });
                    }
                    "pPr" => in_ppr = true,
                    "r" => run = 0,
                    "rPr" => in_rpr = !in_ppr,
                    "t" => in_text = true,
                    "tbl" => {
                        table_count += 1;
                        tables.push((table_count, 0, 0));
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.1 += 1;
                            t.2 = 0;
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.2 += 1;
                        }
                    }
                    _ => start_or_empty(&e, &mut paras, &mut run, in_rpr, in_ppr),
                }
            }
            Event::Empty(e) if skip.is_none() => match e.local_name().as_ref() {
                "tab" if !in_ppr => push(&mut paras, '\t', run),
                "br" | "cr" => push(&mut paras, '\n', run),
                "p" => {
                    count += 1;
                    let para_no = count;
                    lines.push(Line {
                        para: para_no,
                        cell: tables.last().copied(),
                        ..Line::default()
                    });
                }
                _ => start_or_empty(&e, &mut paras, &mut run, in_rpr, in_ppr),
            },
            Event::Text(t) if in_text && skip.is_none() => {
                for c in t.xml10_content().chars() {
                    push(&mut paras, c, run);
                }
            }
            Event::GeneralRef(r) if in_text && skip.is_none() => {
                let c = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = c {
                    push(&mut paras, c, run);
                }
            }
            Event::End(e) => {
                if skip == Some(depth) {
                    skip = None;
                } else if skip.is_none() {
                    match e.local_name().as_ref() {
                        "p" => {
                            if let Some(p) = paras.pop() {
                                let para_no = p.no;
                                lines.extend(split_lines(
                                    p,
                                    para_no,
                                    tables.last().copied(),
                                    numbering,
                                    &mut counters,
                                ));
                            }
                        }
                        "pPr" => in_ppr = false,
                        "rPr" => in_rpr = false,
                        "t" => in_text = false,
                        "tbl" => {
                            tables.pop();
                        }
                        _ => {}
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // Nested paragraphs (text boxes) close before their parent, so the
    // lines are put back in paragraph order.
    lines.sort_by_key(|l| l.para);
    Ok(lines)
}

fn push(paras: &mut [Para], c: char, fmt: Fmt) {
    if let Some(p) = paras.last_mut() {
        p.chars.push(c);
        p.fmts.push(fmt);
    }
}

/// Run and paragraph properties.
fn start_or_empty(
    e: &BytesStart<'_>,
    paras: &mut [Para],
    run: &mut Fmt,
    in_rpr: bool,
    in_ppr: bool,
) {
    let name = e.local_name();
    if in_rpr {
        let set = |run: &mut Fmt, bit: Fmt, yes: bool| {
            if yes {
                *run |= bit;
            } else {
                *run &= !bit;
            }
        };
        match name.as_ref() {
            "b" => set(run, BOLD, on(e)),
            "i" => set(run, ITALIC, on(e)),
            "u" => set(run, UNDERLINE, on(e)),
            "color" => set(run, RED, attr(e, "val").is_some_and(|v| is_red(&v))),
            "highlight" => set(run, HIGHLIGHT, on(e)),
            "shd" => set(
                run,
                HIGHLIGHT,
                attr(e, "fill").is_some_and(|f| {
                    !f.eq_ignore_ascii_case("auto") && !f.eq_ignore_ascii_case("FFFFFF")
                }),
            ),
            _ => {}
        }
        return;
    }
    if in_ppr && let Some(p) = paras.last_mut() {
        match name.as_ref() {
            "pStyle" => p.style = attr(e, "val"),
            "ilvl" => {
                let l = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                let id = p.num.take().map(|n| n.0).unwrap_or_default();
                p.num = Some((id, l));
            }
            "numId" => {
                let l = p.num.take().map(|n| n.1).unwrap_or(0);
                p.num = attr(e, "val").map(|id| (id, l));
            }
            _ => {}
        }
    }
}

/// A paragraph as lines (split at line breaks), the first one numbered.
fn split_lines(
    p: Para,
    para: usize,
    cell: Option<(usize, usize, usize)>,
    numbering: &Numbering,
    counters: &mut HashMap<String, usize>,
) -> Vec<Line> {
    let num = p.num.clone().or_else(|| {
        p.style
            .as_ref()
            .and_then(|s| numbering.styles.get(s).cloned())
    });
    let auto = num.and_then(|(id, l)| {
        let f = numbering.formats.get(&(id.clone(), l))?;
        Some(match f {
            Auto::Number(_) => {
                let n = counters.entry(format!("{id}/{l}")).or_insert(0);
                *n += 1;
                Auto::Number(*n)
            }
            Auto::Letter => Auto::Letter,
        })
    });
    let mut out = Vec::new();
    let mut cur = Line {
        para,
        auto,
        cell,
        ..Line::default()
    };
    for (c, f) in p.chars.into_iter().zip(p.fmts) {
        if c == '\n' {
            let next = Line {
                para,
                cell,
                ..Line::default()
            };
            out.push(std::mem::replace(&mut cur, next));
            continue;
        }
        cur.chars.push(c);
        cur.fmts.push(f);
    }
    out.push(cur);
    out
}

/// Reads a Word document whose archive has been opened.
pub fn read(archive: &mut Archive<'_>) -> Result<Draft, Problem> {
    let mut numbering = Numbering::default();
    if let Some(xml) = archive.read("word/numbering.xml")? {
        read_numbering(&xml, &mut numbering)?;
    }
    if let Some(xml) = archive.read("word/styles.xml")? {
        read_styles(&xml, &mut numbering)?;
    }
    let doc = archive
        .read("word/document.xml")?
        .ok_or(Problem::UnknownFormat)?;
    let lines = read_lines(&doc, &numbering)?;
    Ok(build(&lines))
}
