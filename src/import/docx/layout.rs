//! The layout of a Word document's lines: questions, choices, right-answer
//! marks, topics and the answer key, recognised from the text and the
//! formatting that the parent module read from the XML.

use std::collections::HashMap;

use super::{Auto, FORMATS, Fmt, Line};
use crate::import::aiken::parse_letters;
use crate::import::diag::{Marker, Place, Problem};
use crate::import::draft::{Draft, DraftQuestion, Guess};

fn fold(s: &str) -> String {
    crate::text::fold(s)
}

/// "Câu 12:", "Câu 12.", "Bài 3", "12.", "12)": the number and where the
/// question's text starts (in chars).
fn question_start(chars: &[char]) -> Option<(String, usize)> {
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let mut i = lead;
    let folded_head = fold(
        &chars[lead..chars.len().min(lead + 9)]
            .iter()
            .collect::<String>(),
    );
    let mut word = false;
    for w in ["cau hoi ", "cau ", "bai ", "question "] {
        if folded_head.starts_with(w) {
            // "Câu hỏi" is 7 chars, like its folded form.
            i += w.chars().count();
            word = true;
            break;
        }
    }
    while chars.get(i).is_some_and(|c| *c == ' ') {
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i == start || i - start > 4 {
        return None;
    }
    let number: String = chars[start..i].iter().collect();
    match chars.get(i) {
        Some(':' | '.' | ')') => i += 1,
        Some(' ' | '\t') | None if word => {}
        _ => return None,
    }
    // "12." must be followed by a space: "12.5" is a number, "1.A" a key.
    if !word && !chars.get(i).is_some_and(|c| c.is_whitespace()) {
        return None;
    }
    Some((number, i))
}

/// A choice letter at `i`: `A.`, `A)`, `a.`, `a)`, with an optional `*`
/// before it or after the mark. Returns the letter's index, whether it is
/// upper case, whether a star was seen, the range of the letter and where
/// the text starts.
fn choice_at(chars: &[char], i: usize) -> Option<(usize, bool, bool, usize, usize)> {
    let mut j = i;
    let mut star = false;
    if chars.get(j) == Some(&'*') {
        star = true;
        j += 1;
    }
    let c = *chars.get(j)?;
    if !c.is_ascii_alphabetic() {
        return None;
    }
    let idx = crate::bank::letter_index(c)?;
    if idx >= crate::import::draft::MAX_CHOICES {
        return None;
    }
    let letter_at = j;
    match chars.get(j + 1) {
        Some('.' | ')') => {}
        _ => return None,
    }
    let mut k = j + 2;
    match chars.get(k) {
        Some(c) if c.is_whitespace() => {}
        None => {}
        Some('*') => {}
        _ => return None,
    }
    while chars.get(k).is_some_and(|c| c.is_whitespace()) {
        k += 1;
    }
    if chars.get(k) == Some(&'*') {
        star = true;
        k += 1;
    }
    Some((idx, c.is_ascii_uppercase(), star, letter_at, k))
}

/// A choice as found: its text's chars and formats, and its letter's.
struct FoundChoice {
    text: String,
    text_fmts: Vec<Fmt>,
    text_chars: Vec<char>,
    letter_fmt: Option<Fmt>,
    star: bool,
    para: usize,
}

/// Splits a line into the choices it holds, starting with `first` (the
/// expected letter); the letters after it must rise.
fn split_choices(
    line: &Line,
    start: (usize, bool, bool, usize, usize),
) -> Vec<(usize, FoundChoice)> {
    let chars = &line.chars;
    let (first, upper, _, _, _) = start;
    let mut marks = vec![start];
    let mut last = first;
    let mut i = start.4;
    while i < chars.len() {
        if chars[i].is_whitespace()
            && let Some(m) = choice_at(chars, i + 1)
            && m.0 > last
            && m.1 == upper
            // Two spaces or a tab before a letter on one line: "A. x   B. y".
            && (chars[i] == '\t' || i > 0 && chars[i - 1].is_whitespace() || m.0 == last + 1)
        {
            last = m.0;
            marks.push(m);
            i = m.4;
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (n, m) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(chars.len(), |next| {
            if chars.get(next.3.saturating_sub(1)) == Some(&'*') {
                next.3.saturating_sub(1)
            } else {
                next.3
            }
        });
        let text_chars: Vec<char> = chars[m.4.min(end)..end].to_vec();
        out.push((
            m.0,
            FoundChoice {
                text: text_chars.iter().collect(),
                text_fmts: line.fmts[m.4.min(end)..end].to_vec(),
                text_chars,
                letter_fmt: line.fmts.get(m.3).copied(),
                star: m.2,
                para: line.para,
            },
        ));
    }
    out
}

/// A question being built, with what marks its choices.
#[derive(Default)]
struct Building {
    q: DraftQuestion,
    found: Vec<FoundChoice>,
    line_answer: Option<(Vec<usize>, usize)>,
    key_answer: Option<Vec<usize>>,
    /// Where continuation lines go.
    tail: Tail,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Tail {
    #[default]
    Text,
    Choice,
    Explanation,
}

/// "Phần I", "PHẦN 2", "I.", "IV." followed by a space: a section heading.
fn heading(text: &str) -> Option<String> {
    let t = text.trim();
    let f = fold(t);
    let rest = if f.starts_with("phan ") || f.starts_with("part ") {
        let r: String = t.chars().skip(5).collect();
        let r = r.trim_start();
        let n: String = r.chars().take_while(|c| c.is_alphanumeric()).collect();
        if n.is_empty()
            || !n
                .chars()
                .all(|c| c.is_ascii_digit() || "IVXLivxl".contains(c))
        {
            return None;
        }
        r.chars().skip(n.chars().count()).collect::<String>()
    } else {
        let n: String = t.chars().take_while(|c| "IVX".contains(*c)).collect();
        if n.is_empty() {
            return None;
        }
        let r: String = t.chars().skip(n.chars().count()).collect();
        let r2 = r.strip_prefix('.').or_else(|| r.strip_prefix(')'))?;
        if !r2.starts_with(' ') {
            return None;
        }
        r2.to_owned()
    };
    let rest = rest
        .trim_start_matches([' ', '.', ':', '-', '–', ')'])
        .trim();
    Some(if rest.is_empty() {
        t.to_owned()
    } else {
        rest.to_owned()
    })
}

/// `ĐÁP ÁN`, `Bảng đáp án`, `ĐÁP ÁN ĐỀ THI`: the heading of the key.
fn is_key_heading(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim_end_matches([':', '.']).trim();
    matches!(
        f,
        "dap an"
            | "bang dap an"
            | "dap an dung"
            | "dap an de thi"
            | "dap an va huong dan"
            | "answer key"
            | "answers"
    )
}

/// `Đáp án: B`, `Đáp án đúng: A, C`, `ĐA: B`: the letters as written.
fn answer_line(text: &str) -> Option<String> {
    let t = text.trim();
    let f = fold(t);
    for w in ["dap an dung", "dap an", "da", "answer"] {
        if let Some(rest) = f.strip_prefix(w) {
            let rest_t = rest.trim_start();
            if let Some(after) = rest_t.strip_prefix(':') {
                // Map back to the original text by length: folding keeps
                // one char per letter here.
                let n = t.chars().count() - after.chars().count();
                return Some(t.chars().skip(n).collect::<String>().trim().to_owned());
            }
        }
    }
    None
}

/// `Giải thích: …` or `Căn cứ: …`: which, and the text after the colon.
fn labelled(text: &str) -> Option<(bool, String)> {
    let t = text.trim();
    let f = fold(t);
    for (w, expl) in [
        ("giai thich", true),
        ("loi giai", true),
        ("huong dan", true),
        ("can cu", false),
        ("nguon", false),
    ] {
        if let Some(rest) = f.strip_prefix(w)
            && rest.trim_start().starts_with(':')
        {
            let after = rest.trim_start().trim_start_matches(':');
            let n = t.chars().count() - after.chars().count();
            return Some((
                expl,
                t.chars().skip(n).collect::<String>().trim().to_owned(),
            ));
        }
    }
    None
}

/// Pairs `1-A`, `1.A`, `1A`, `1: A, C` in a piece of text.
fn key_pairs(text: &str) -> Vec<(String, Vec<usize>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let is_letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic());
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let s = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        let number: String = chars[s..i].iter().collect();
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if chars.get(i).is_some_and(|c| "-.:)–—=".contains(*c)) {
            i += 1;
        }
        let mut letters = Vec::new();
        loop {
            let mut j = i;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if !letters.is_empty() {
                if chars.get(j).is_some_and(|c| ",;/&+".contains(*c)) {
                    j += 1;
                    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                        j += 1;
                    }
                } else {
                    break;
                }
            }
            match chars.get(j) {
                Some(c)
                    if c.is_ascii_alphabetic()
                        && !is_letter(chars.get(j + 1))
                        && crate::bank::letter_index(*c)
                            .is_some_and(|x| x < crate::import::draft::MAX_CHOICES) =>
                {
                    letters.push(crate::bank::letter_index(*c).unwrap_or(0));
                    i = j + 1;
                }
                _ => break,
            }
        }
        if !letters.is_empty() {
            out.push((number, letters));
        }
    }
    out
}

/// The answer-key entries of a table: a row of numbers over a row of
/// letters, or one pair per row.
/// A cell of a table: row, column (from 1), text, paragraph.
type KeyCell = (usize, usize, String, usize);

fn table_pairs(cells: &[KeyCell]) -> Vec<(String, Vec<usize>, usize)> {
    let mut rows: Vec<Vec<(usize, &str, usize)>> = Vec::new();
    for (r, c, t, para) in cells {
        while rows.len() < *r {
            rows.push(Vec::new());
        }
        if let Some(row) = r.checked_sub(1).and_then(|i| rows.get_mut(i)) {
            row.push((*c, t.as_str(), *para));
        }
    }
    let mut out = Vec::new();
    let numeric = |s: &str| !s.trim().is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
    let mut r = 0;
    let mut horizontal = false;
    while r + 1 < rows.len() {
        let nums = rows[r].iter().filter(|c| numeric(c.1)).count();
        if nums >= 2 {
            for &(c, t, _) in &rows[r] {
                if !numeric(t) {
                    continue;
                }
                if let Some(&(_, l, para)) = rows[r + 1].iter().find(|x| x.0 == c)
                    && let Some(v) = parse_letters(l)
                {
                    out.push((t.trim().to_owned(), v, para));
                    horizontal = true;
                }
            }
            r += 2;
        } else {
            r += 1;
        }
    }
    if horizontal {
        return out;
    }
    for row in &rows {
        // The first two cells: number and letters; later cells
        // (explanations, sources) are not part of the key.
        let joined: String = row
            .iter()
            .filter(|c| !c.1.trim().is_empty())
            .take(2)
            .map(|c| c.1)
            .collect::<Vec<_>>()
            .join(" ");
        let para = row.first().map_or(0, |c| c.2);
        for (n, v) in key_pairs(&joined) {
            out.push((n, v, para));
        }
    }
    out
}

fn all_have(fmts: &[Fmt], chars: &[char], bit: Fmt) -> bool {
    let mut any = false;
    for (c, f) in chars.iter().zip(fmts) {
        if c.is_whitespace() {
            continue;
        }
        any = true;
        if f & bit == 0 {
            return false;
        }
    }
    any
}

/// Decides a question's answer from its markers, and records a guess or an
/// error.
fn decide(b: &mut Building) {
    let n = b.found.len();
    let mut sources: Vec<(Marker, Vec<usize>)> = Vec::new();
    let mut format: Option<(Marker, Vec<usize>)> = None;
    for (bit, m) in FORMATS {
        let set: Vec<usize> = b
            .found
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.letter_fmt.is_some_and(|f| f & bit != 0)
                    || all_have(&c.text_fmts, &c.text_chars, bit)
            })
            .map(|(i, _)| i)
            .collect();
        if set.is_empty() || set.len() == n {
            continue;
        }
        match &format {
            None => format = Some((m, set)),
            Some((m0, s0)) if *s0 != set => {
                let at = b.q.at();
                b.q.fail(
                    at,
                    Problem::MarkersDisagree {
                        first: (*m0, s0.clone()),
                        second: (m, set),
                    },
                );
                return;
            }
            Some(_) => {}
        }
    }
    sources.extend(format);
    let stars: Vec<usize> = b
        .found
        .iter()
        .enumerate()
        .filter(|(_, c)| c.star)
        .map(|(i, _)| i)
        .collect();
    if !stars.is_empty() {
        sources.push((Marker::Star, stars));
    }
    if let Some((v, _)) = &b.line_answer {
        sources.push((Marker::AnswerLine, v.clone()));
    }
    if let Some(v) = &b.key_answer {
        sources.push((Marker::AnswerKey, v.clone()));
    }
    let Some((m0, first)) = sources.first().cloned() else {
        return;
    };
    for (m, s) in &sources[1..] {
        let mut a = s.clone();
        a.sort_unstable();
        a.dedup();
        let mut f = first.clone();
        f.sort_unstable();
        f.dedup();
        if a != f {
            let at = b.q.at();
            b.q.fail(
                at,
                Problem::MarkersDisagree {
                    first: (m0, first.clone()),
                    second: (*m, s.clone()),
                },
            );
            return;
        }
    }
    if sources.len() > 1 {
        b.q.guess(Guess::MarkersAgree(sources.iter().map(|s| s.0).collect()));
    }
    b.q.answer = first;
}

fn finish(b: Option<Building>, done: &mut Vec<Building>) {
    if let Some(b) = b {
        done.push(b);
    }
}

/// Builds the draft from the document's lines.
pub(super) fn build(lines: &[Line]) -> Draft {
    let mut draft = Draft::default();
    let mut done: Vec<Building> = Vec::new();
    let mut cur: Option<Building> = None;
    let mut topic: Option<String> = None;
    let mut in_key = false;
    let mut key: Vec<(String, Vec<usize>, usize)> = Vec::new();
    // Table number → its cells, in document order.
    let mut key_tables: std::collections::BTreeMap<usize, Vec<KeyCell>> =
        std::collections::BTreeMap::new();
    for line in lines {
        let text = line.text();
        let trimmed = text.trim();
        if let Some((t, r, c)) = line.cell {
            // Choices laid out in a table (A and B on one row, C and D on
            // the next) are read as choices; any other table may be an
            // answer key.
            let lead = line.chars.iter().take_while(|c| c.is_whitespace()).count();
            let is_choice = !in_key
                && cur.as_ref().is_some_and(|b| {
                    choice_at(&line.chars, lead).is_some_and(|m| m.0 == b.found.len())
                });
            if !is_choice {
                key_tables
                    .entry(t)
                    .or_default()
                    .push((r, c, trimmed.to_owned(), line.para));
                continue;
            }
        }
        if trimmed.is_empty() {
            continue;
        }
        if is_key_heading(trimmed) {
            finish(cur.take(), &mut done);
            in_key = true;
            continue;
        }
        if in_key {
            for (n, v) in key_pairs(trimmed) {
                key.push((n, v, line.para));
            }
            continue;
        }
        let place = Place::Paragraph(line.para);
        let lead = line.chars.iter().take_while(|c| c.is_whitespace()).count();
        let choice = choice_at(&line.chars, lead);
        let auto_letter = line.auto == Some(Auto::Letter);
        if let Some(b) = cur.as_mut()
            && (auto_letter
                // The next letter, or a later one (reported as a skip) once
                // the question has choices.
                || choice.is_some_and(|m| {
                    m.0 == b.found.len() || (!b.found.is_empty() && m.0 > b.found.len())
                }))
            && b.tail != Tail::Explanation
        {
            if auto_letter && choice.is_none() {
                // Word's numbering stands for the letter.
                b.q.guess(Guess::WordNumbering);
                let fmts = line.fmts.clone();
                b.found.push(FoundChoice {
                    text: text.clone(),
                    text_chars: line.chars.clone(),
                    text_fmts: fmts,
                    letter_fmt: None,
                    star: false,
                    para: line.para,
                });
            } else if let Some(m) = choice {
                for (idx, found) in split_choices(line, m) {
                    if idx != b.found.len() && b.q.errors.is_empty() {
                        b.q.fail(
                            place.clone(),
                            Problem::LetterSkips {
                                expected: b.found.len(),
                                found: idx,
                            },
                        );
                    }
                    b.found.push(found);
                }
            }
            b.tail = Tail::Choice;
            continue;
        }
        let qstart = question_start(&line.chars).or_else(|| match line.auto {
            Some(Auto::Number(n)) => Some((n.to_string(), lead)),
            _ => None,
        });
        if let Some((number, at)) = qstart {
            // "1." inside the choices of a question would be a new question
            // anyway: choices never start with a digit.
            finish(cur.take(), &mut done);
            let mut q = DraftQuestion {
                place: Some(place.clone()),
                number: Some(number),
                topic: topic.clone(),
                text: line.chars[at.min(line.chars.len())..].iter().collect(),
                ..DraftQuestion::default()
            };
            if matches!(line.auto, Some(Auto::Number(_))) && question_start(&line.chars).is_none() {
                q.guess(Guess::WordNumbering);
            }
            cur = Some(Building {
                q,
                ..Building::default()
            });
            continue;
        }
        if let Some(h) = heading(trimmed) {
            finish(cur.take(), &mut done);
            topic = Some(h);
            continue;
        }
        if let Some(b) = cur.as_mut() {
            if let Some(ans) = answer_line(trimmed) {
                match parse_letters(&ans) {
                    Some(v) => {
                        b.line_answer = Some((v, line.para));
                        b.q.answer_place = Some(place.clone());
                    }
                    None => b.q.fail(place.clone(), Problem::BadAnswer { value: ans }),
                }
                continue;
            }
            if let Some((expl, t)) = labelled(trimmed) {
                if expl {
                    b.q.explanation = Some(t);
                    b.tail = Tail::Explanation;
                } else {
                    b.q.source = Some(t);
                }
                continue;
            }
            match b.tail {
                Tail::Text => {
                    b.q.text.push('\n');
                    b.q.text.push_str(&text);
                }
                Tail::Choice => {
                    if let Some(last) = b.found.last_mut() {
                        last.text.push(' ');
                        last.text.push_str(&text);
                        let letter = b.found.len() - 1;
                        b.q.guess(Guess::ChoiceJoined { letter });
                    }
                }
                Tail::Explanation => {
                    if let Some(e) = b.q.explanation.as_mut() {
                        e.push('\n');
                        e.push_str(&text);
                    }
                }
            }
            continue;
        }
        if done.is_empty() && draft.title.is_none() {
            draft.title = Some(trimmed.to_owned());
        } else if !done.is_empty() {
            draft.diagnostics.push((place, Problem::StrayText));
        }
    }
    finish(cur.take(), &mut done);
    for cells in key_tables.values() {
        let first = cells.first().map(|c| fold(&c.2)).unwrap_or_default();
        let looks_like_key =
            in_key || ["cau", "stt", "dap an", "cau hoi", "so cau"].contains(&first.as_str());
        if looks_like_key {
            key.extend(table_pairs(cells));
        }
    }
    apply_key(&mut done, key, &mut draft);
    for mut b in done {
        b.q.choices = b.found.iter().map(|c| c.text.clone()).collect();
        b.q.choice_places = b.found.iter().map(|c| Place::Paragraph(c.para)).collect();
        if b.q.errors.is_empty() {
            decide(&mut b);
        }
        draft.questions.push(b.q);
    }
    draft
}

/// Gives each question its key entry; reports entries for questions that
/// do not exist and entries given twice.
fn apply_key(done: &mut [Building], key: Vec<(String, Vec<usize>, usize)>, draft: &mut Draft) {
    let number = |b: &Building| {
        b.q.number
            .as_deref()
            .map(|x| x.trim_start_matches('0').to_owned())
    };
    // Question number → index, so a long key costs no more than its length.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, b) in done.iter().enumerate() {
        if let Some(n) = number(b) {
            index.entry(n).or_insert(i);
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, v, para) in key {
        let n = n.trim_start_matches('0').to_owned();
        if seen.contains_key(&n) {
            draft
                .diagnostics
                .push((Place::Paragraph(para), Problem::KeyRepeated { number: n }));
            continue;
        }
        seen.insert(n.clone(), para);
        match index.get(&n).and_then(|&i| done.get_mut(i)) {
            Some(b) => b.key_answer = Some(v),
            None => draft.diagnostics.push((
                Place::Paragraph(para),
                Problem::KeyForMissingQuestion { number: n },
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Line {
        Line {
            para: 1,
            chars: s.chars().collect(),
            fmts: vec![0; s.chars().count()],
            ..Line::default()
        }
    }

    #[test]
    fn question_starts() {
        let q = |s: &str| question_start(&s.chars().collect::<Vec<_>>()).map(|x| x.0);
        assert_eq!(q("Câu 12: Hỏi"), Some("12".into()));
        assert_eq!(q("Câu 3. Hỏi"), Some("3".into()));
        assert_eq!(q("Bài 4 Hỏi"), Some("4".into()));
        assert_eq!(q("5. Hỏi"), Some("5".into()));
        assert_eq!(q("6) Hỏi"), Some("6".into()));
        assert_eq!(q("2018 là năm"), None);
        assert_eq!(q("1.5 lần"), None);
    }

    #[test]
    fn several_choices_on_a_line() {
        let l = line("A. Bộ Nội vụ\tB. Bộ Tư pháp   C. Văn phòng Chính phủ D. Khác");
        let m = choice_at(&l.chars, 0);
        let got: Vec<(usize, String)> = split_choices(&l, m.unwrap_or((0, true, false, 0, 0)))
            .into_iter()
            .map(|(i, c)| (i, c.text.trim().to_owned()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "Bộ Nội vụ".to_owned()),
                (1, "Bộ Tư pháp".to_owned()),
                (2, "Văn phòng Chính phủ".to_owned()),
                (3, "Khác".to_owned())
            ]
        );
    }

    #[test]
    fn key_entries() {
        assert_eq!(
            key_pairs("1-A 2.B 3C 4: A, C 5 – D"),
            [
                ("1".to_owned(), vec![0]),
                ("2".to_owned(), vec![1]),
                ("3".to_owned(), vec![2]),
                ("4".to_owned(), vec![0, 2]),
                ("5".to_owned(), vec![3])
            ]
        );
        assert!(key_pairs("Năm 2018 Anh").is_empty());
    }

    #[test]
    fn headings() {
        assert_eq!(heading("Phần I. Một cửa").as_deref(), Some("Một cửa"));
        assert_eq!(
            heading("PHẦN 2: Dịch vụ công").as_deref(),
            Some("Dịch vụ công")
        );
        assert_eq!(heading("II. Kiểm soát").as_deref(), Some("Kiểm soát"));
        assert_eq!(heading("Phần lớn"), None);
        assert_eq!(heading("In đậm"), None);
    }
}
