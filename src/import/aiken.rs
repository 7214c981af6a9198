//! Moodle's Aiken format: the question on its line(s), choices `A.` or
//! `A)` one per line, then `ANSWER: B`. Aiken has one right answer; a list
//! (`ANSWER: A, C`) is accepted too.

use super::diag::{Place, Problem};
use super::draft::{Draft, DraftQuestion, Guess};

/// `A. text` or `A) text`: the letter's index and the text.
pub fn choice_line(line: &str) -> Option<(usize, &str)> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    if !c.is_ascii_uppercase() {
        return None;
    }
    let (_, sep) = chars.next()?;
    if sep != '.' && sep != ')' {
        return None;
    }
    let rest = &line[2..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((crate::bank::letter_index(c)?, rest.trim()))
}

/// Letters such as `B`, `A, C`, `A;C`, `a c`: their indices, or `None`
/// when anything else is there.
pub fn parse_letters(s: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for part in s.split([',', ';', ' ', '\t', '/', '+']) {
        let part = part.trim().trim_end_matches(['.', ')']);
        if part.is_empty() {
            continue;
        }
        let mut cs = part.chars();
        let c = cs.next()?;
        if cs.next().is_some() || !c.is_ascii_alphabetic() {
            return None;
        }
        let i = crate::bank::letter_index(c)?;
        if i >= super::draft::MAX_CHOICES {
            return None;
        }
        out.push(i);
    }
    (!out.is_empty()).then_some(out)
}

/// Reads an Aiken file.
pub fn read(text: &str) -> Draft {
    let mut draft = Draft::default();
    let mut cur: Option<DraftQuestion> = None;
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.trim_end_matches('\r').trim();
        let place = Place::Line {
            line: n + 1,
            col: 1,
        };
        if line.is_empty() {
            continue;
        }
        let q = cur.get_or_insert_with(|| DraftQuestion {
            place: Some(place.clone()),
            ..DraftQuestion::default()
        });
        if let Some(rest) = strip_answer(line) {
            q.answer_place = Some(place.clone());
            match parse_letters(rest) {
                Some(letters) => q.answer = letters,
                None => q.fail(
                    place,
                    Problem::BadAnswer {
                        value: rest.to_owned(),
                    },
                ),
            }
            if let Some(q) = cur.take() {
                draft.questions.push(q);
            }
            continue;
        }
        match choice_line(line) {
            Some((i, t)) if i == q.choices.len() => {
                q.choices.push(t.to_owned());
                q.choice_places.push(place);
            }
            Some((i, t)) if !q.choices.is_empty() && i > q.choices.len() => {
                q.fail(
                    place.clone(),
                    Problem::LetterSkips {
                        expected: q.choices.len(),
                        found: i,
                    },
                );
                q.choices.push(t.to_owned());
                q.choice_places.push(place);
            }
            _ if q.choices.is_empty() => {
                if !q.text.is_empty() {
                    q.text.push('\n');
                }
                q.text.push_str(line);
            }
            _ => {
                let letter = q.choices.len() - 1;
                if let Some(last) = q.choices.last_mut() {
                    last.push(' ');
                    last.push_str(line);
                }
                q.guess(Guess::ChoiceJoined { letter });
            }
        }
    }
    if let Some(mut q) = cur.take() {
        let at = q.at();
        q.fail(at, Problem::AikenNoAnswerLine);
        draft.questions.push(q);
    }
    draft
}

fn strip_answer(line: &str) -> Option<&str> {
    let upper = line.get(..7)?.to_ascii_uppercase();
    (upper == "ANSWER:").then(|| line[7..].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_questions() {
        let d =
            read("Hỏi?\nA. một\nB) hai\nANSWER: B\n\nHai\ndòng\nA. x\ntiếp\nB. y\nANSWER: a, b\n");
        assert_eq!(d.questions.len(), 2);
        assert_eq!(d.questions[0].choices, ["một", "hai"]);
        assert_eq!(d.questions[0].answer, [1]);
        assert_eq!(d.questions[1].text, "Hai\ndòng");
        assert_eq!(d.questions[1].choices, ["x tiếp", "y"]);
        assert_eq!(d.questions[1].answer, [0, 1]);
    }

    #[test]
    fn letters() {
        assert_eq!(parse_letters("A,C"), Some(vec![0, 2]));
        assert_eq!(parse_letters("b"), Some(vec![1]));
        assert_eq!(parse_letters("AC"), None);
        assert_eq!(parse_letters("2"), None);
        assert_eq!(parse_letters(""), None);
    }
}
