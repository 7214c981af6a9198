//! Moodle's GIFT format: multiple-choice questions (one right answer with
//! `=`, or several with positive `~%50%` weights), comments, categories
//! (as topics), general feedback (as the explanation) and escapes. Other
//! question types are reported and skipped.
//!
//! As in Moodle, questions are separated by blank lines and `//` lines are
//! comments.

use super::diag::{Place, Problem};
use super::draft::{Draft, DraftQuestion, Guess};

/// A character of the file and where it is.
#[derive(Debug, Clone, Copy)]
struct Ch {
    c: char,
    line: usize,
    col: usize,
}

fn at(ch: &Ch) -> Place {
    Place::Line {
        line: ch.line,
        col: ch.col,
    }
}

/// Splits the text into blocks of non-blank, non-comment lines.
fn blocks(text: &str) -> Vec<Vec<Ch>> {
    let mut out = Vec::new();
    let mut cur: Vec<Ch> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        if !cur.is_empty() {
            cur.push(Ch {
                c: '\n',
                line: i + 1,
                col: 0,
            });
        }
        cur.extend(line.chars().enumerate().map(|(j, c)| Ch {
            c,
            line: i + 1,
            col: j + 1,
        }));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The text of `chars` with GIFT's escapes undone: `\~ \= \# \{ \} \:`
/// and `\\` are the characters, `\n` a line break.
fn unescape(chars: &[Ch]) -> String {
    let mut out = String::new();
    let mut it = chars.iter().peekable();
    while let Some(ch) = it.next() {
        if ch.c == '\\'
            && let Some(next) = it.peek()
        {
            match next.c {
                'n' => out.push('\n'),
                c if "~=#{}:\\".contains(c) => out.push(c),
                _ => {
                    out.push('\\');
                    continue;
                }
            }
            it.next();
            continue;
        }
        out.push(ch.c);
    }
    out
}

/// Index of the first unescaped `target` at or after `from`.
fn find(chars: &[Ch], from: usize, target: &[char]) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i].c == '\\' {
            i += 2;
            continue;
        }
        if target.contains(&chars[i].c) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The text without a leading `[moodle]`, `[plain]` or `[markdown]`; with
/// `[html]` (what Moodle's own GIFT export writes), as plain text: tags
/// dropped, `<br>` and paragraph ends as line breaks, the common entities
/// decoded.
fn strip_format(s: &str) -> String {
    let t = s.trim_start();
    if let Some(html) = t.strip_prefix("[html]") {
        return html_text(html);
    }
    for f in ["[moodle]", "[plain]", "[markdown]"] {
        if let Some(rest) = t.strip_prefix(f) {
            return rest.to_owned();
        }
    }
    s.to_owned()
}

/// Plain text of a piece of HTML as Moodle's editor writes it.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        if tag.starts_with("br") || tag == "/p" || tag == "/div" || tag == "/li" {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Reads a GIFT file.
pub fn read(text: &str) -> Draft {
    let mut draft = Draft::default();
    let mut topic: Option<String> = None;
    for block in blocks(text) {
        let head: String = block.iter().take(10).map(|c| c.c).collect();
        if head.starts_with("$CATEGORY:") {
            let rest: String = block.iter().skip(10).map(|c| c.c).collect();
            let mut path = rest.trim();
            for prefix in ["$course$/", "$system$/", "$module$/", "$cat1$/", "top/"] {
                path = path.strip_prefix(prefix).unwrap_or(path);
            }
            // Moodle writes a "/" inside a category's name as "//".
            topic = Some(path.replace("//", "/")).filter(|t| !t.is_empty() && t != "top");
            continue;
        }
        if let Some(q) = question(&block, topic.clone(), &mut draft) {
            draft.questions.push(q);
        }
    }
    draft
}

/// One question block; `None` (with a diagnostic) when it is not a
/// multiple-choice question.
fn question(block: &[Ch], topic: Option<String>, draft: &mut Draft) -> Option<DraftQuestion> {
    let start = at(&block[0]);
    let mut i = 0;
    let mut name = None;
    // `::name::`
    let lead = block.iter().take_while(|c| c.c.is_whitespace()).count();
    if block.get(lead).is_some_and(|c| c.c == ':')
        && block.get(lead + 1).is_some_and(|c| c.c == ':')
    {
        let mut j = lead + 2;
        let mut end = None;
        while j + 1 < block.len() {
            if block[j].c == '\\' {
                j += 2;
                continue;
            }
            if block[j].c == ':' && block[j + 1].c == ':' {
                end = Some(j);
                break;
            }
            j += 1;
        }
        if let Some(end) = end {
            name = Some(unescape(&block[lead + 2..end]).trim().to_owned());
            i = end + 2;
        }
    }
    let Some(open) = find(block, i, &['{']) else {
        draft.diagnostics.push((
            start,
            Problem::GiftOtherType {
                kind: "description",
            },
        ));
        return None;
    };
    let mut depth_close = None;
    let mut j = open + 1;
    while j < block.len() {
        match block[j].c {
            '\\' => j += 1,
            '}' => {
                depth_close = Some(j);
                break;
            }
            _ => {}
        }
        j += 1;
    }
    let Some(close) = depth_close else {
        draft
            .diagnostics
            .push((at(&block[open]), Problem::GiftUnclosed));
        return None;
    };
    let after = unescape(&block[close + 1..]);
    let mut q = DraftQuestion {
        place: Some(start.clone()),
        id: name.filter(|n| crate::bank::is_valid_id(n)),
        topic,
        text: strip_format(&unescape(&block[i..open])),
        ..DraftQuestion::default()
    };
    let body = &block[open + 1..close];
    let body_text = unescape(body);
    let trimmed = body_text.trim();
    let other = |kind: &'static str, draft: &mut Draft| {
        draft
            .diagnostics
            .push((start.clone(), Problem::GiftOtherType { kind }));
        None
    };
    if trimmed.is_empty() {
        return other("essay", draft);
    }
    if trimmed.starts_with('#') {
        return other("numerical", draft);
    }
    let word = trimmed
        .split('#')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    if ["T", "F", "TRUE", "FALSE"].contains(&word.as_str()) {
        return other("true/false", draft);
    }
    if !after.trim().is_empty() {
        return other("missing word", draft);
    }
    // Answers: `=text` or `~text` or `~%w%text`, each with an optional
    // `#feedback`; `####` is the general feedback.
    let mut k = 0;
    let mut weighted = false;
    let mut has_wrong_marker = false;
    while k < body.len() {
        if body[k].c == '#'
            && body.get(k + 1).is_some_and(|c| c.c == '#')
            && body.get(k + 2).is_some_and(|c| c.c == '#')
            && body.get(k + 3).is_some_and(|c| c.c == '#')
        {
            let end = find(body, k + 4, &['=', '~']).unwrap_or(body.len());
            q.explanation = Some(strip_format(&unescape(&body[k + 4..end])));
            k = end;
            continue;
        }
        if body[k].c != '=' && body[k].c != '~' {
            k += 1;
            continue;
        }
        let right_mark = body[k].c == '=';
        has_wrong_marker |= !right_mark;
        let place = at(&body[k]);
        let mut s = k + 1;
        let mut weight = None;
        if body.get(s).is_some_and(|c| c.c == '%')
            && let Some(e) = body[s + 1..].iter().position(|c| c.c == '%')
        {
            {
                let w: String = body[s + 1..s + 1 + e].iter().map(|c| c.c).collect();
                weight = w.trim().parse::<f64>().ok();
                s = s + 2 + e;
            }
        }
        let end = find(body, s, &['=', '~', '#']).unwrap_or(body.len());
        let text = unescape(&body[s..end]);
        if text.contains("->") {
            return other("matching", draft);
        }
        let right = match weight {
            Some(w) => {
                weighted = true;
                w > 0.0
            }
            None => right_mark,
        };
        if right {
            q.answer.push(q.choices.len());
        }
        q.choices.push(text.trim().to_owned());
        q.choice_places.push(place);
        // Skip a per-answer feedback up to the next answer.
        k = end;
        if body.get(k).is_some_and(|c| c.c == '#') && !is_general_feedback(body, k) {
            k = find(body, k + 1, &['=', '~']).unwrap_or(body.len());
        }
    }
    if !has_wrong_marker && !weighted {
        return other("short answer", draft);
    }
    if weighted && q.answer.len() > 1 {
        q.guess(Guess::GiftWeights);
    }
    Some(q)
}

fn is_general_feedback(body: &[Ch], k: usize) -> bool {
    (0..4).all(|d| body.get(k + d).is_some_and(|c| c.c == '#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_multiple() {
        let d = read(
            "// comment\n$CATEGORY: $course$/top/Một cửa\n\n::q1::Ai \\{ký\\}?{=Bộ \\= A ~B ~C#sai}\n\n\
             Chọn hai {\n~%50%X\n~%50%Y\n~%-100%Z\n####Giải thích\n}\n",
        );
        assert_eq!(d.questions.len(), 2);
        let q = &d.questions[0];
        assert_eq!(q.text, "Ai {ký}?");
        assert_eq!(q.choices, ["Bộ = A", "B", "C"]);
        assert_eq!(q.answer, [0]);
        assert_eq!(q.topic.as_deref(), Some("Một cửa"));
        assert_eq!(q.id.as_deref(), Some("q1"));
        let q = &d.questions[1];
        assert_eq!(q.answer, [0, 1]);
        assert_eq!(q.explanation.as_deref(), Some("Giải thích\n"));
        assert_eq!(q.choices, ["X", "Y", "Z"]);
    }

    #[test]
    fn html_from_moodle_becomes_text() {
        let d = read("::q::[html]<p>Hỏi <b>đậm</b>&nbsp;&amp; rõ?</p><p>Dòng hai</p>{=a ~b}\n");
        assert_eq!(d.questions[0].text, "Hỏi đậm & rõ?\nDòng hai\n");
    }

    #[test]
    fn other_types_are_reported() {
        let d =
            read("A {T}\n\nB {}\n\nC {#5}\n\nD {=x =y}\n\nE {=a->b =c->d}\n\nF\n\nG {=a ~b} h\n");
        assert!(d.questions.is_empty());
        let kinds: Vec<_> = d
            .diagnostics
            .iter()
            .map(|(_, p)| match p {
                Problem::GiftOtherType { kind } => *kind,
                _ => "?",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "true/false",
                "essay",
                "numerical",
                "short answer",
                "matching",
                "description",
                "missing word"
            ]
        );
    }
}
