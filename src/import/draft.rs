//! The draft bank every importer builds, its last checks, and the YAML it
//! becomes.
//!
//! Importers only find questions, choices and marks; the rules that make a
//! question usable (2 to 10 choices, a right answer among them, no two
//! choices alike) are applied here once, for every format, so that the bank
//! written always passes `check`.

use std::collections::HashSet;
use std::path::Path;

use super::diag::{Diagnostic, Marker, Place, Problem};
use crate::i18n::Lang;
use crate::i18n::import as msg;

/// The most choices a question may have (as in a bank).
pub const MAX_CHOICES: usize = 10;

/// The most comments written above one question.
pub const MAX_GUESSES: usize = 12;

/// Something the importer had to decide for itself, written as a YAML
/// comment above the question so the trainer can look again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Guess {
    /// Two or more markers were found and agree.
    MarkersAgree(Vec<Marker>),
    /// A choice ran over several paragraphs or lines, joined with spaces.
    ChoiceJoined {
        /// Its letter.
        letter: usize,
    },
    /// The letters or the question number came from Word's automatic list
    /// numbering, not from the text.
    WordNumbering,
    /// GIFT weights: choices with a positive weight are taken as right.
    GiftWeights,
}

/// One question as found in the source, before the last checks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftQuestion {
    /// Where the question starts.
    pub place: Option<Place>,
    /// Its number as written ("12" for "Câu 12:").
    pub number: Option<String>,
    /// An id given in the source.
    pub id: Option<String>,
    /// The topic (a section heading, a GIFT category, a column).
    pub topic: Option<String>,
    /// The question, lines joined with newlines.
    pub text: String,
    /// The choices in order (letter A first).
    pub choices: Vec<String>,
    /// Where each choice is, for diagnostics (same length as `choices`, or
    /// empty).
    pub choice_places: Vec<Place>,
    /// Indices of the right choices.
    pub answer: Vec<usize>,
    /// Where the answer was given (an "ANSWER:" line, an answer cell), for
    /// diagnostics about it.
    pub answer_place: Option<Place>,
    /// Explanation, if the source has one.
    pub explanation: Option<String>,
    /// The document the answer rests on.
    pub source: Option<String>,
    /// What the importer decided for itself.
    pub guesses: Vec<Guess>,
    /// Problems that keep the question out of the bank.
    pub errors: Vec<(Place, Problem)>,
}

impl DraftQuestion {
    /// The place of the question, or of the file.
    pub fn at(&self) -> Place {
        self.place.clone().unwrap_or(Place::File)
    }

    /// Records a problem that keeps the question out.
    pub fn fail(&mut self, place: Place, problem: Problem) {
        self.errors.push((place, problem));
    }

    /// Records a guess once. A few comments help a trainer; past
    /// [`MAX_GUESSES`] (a hostile file's thousands of joined choices) they
    /// would not, and checking each against the others would be slow.
    pub fn guess(&mut self, g: Guess) {
        if self.guesses.len() < MAX_GUESSES && !self.guesses.contains(&g) {
            self.guesses.push(g);
        }
    }
}

/// A bank as found in the source.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    /// A title found in the source (the first line of a Word document).
    pub title: Option<String>,
    /// The questions in order, with and without errors.
    pub questions: Vec<DraftQuestion>,
    /// Problems not tied to one question (the file, an answer key).
    pub diagnostics: Vec<(Place, Problem)>,
}

/// One line, spacing tidied: NFC, control characters gone, runs of spaces
/// (no-break spaces and tabs included) as one space, trimmed.
pub fn tidy_line(s: &str) -> String {
    let clean = crate::text::clean_line(&s.replace('\u{a0}', " "));
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Several lines, each tidied as [`tidy_line`]; blank lines at the start
/// and end dropped, and runs of blank lines inside kept as one.
pub fn tidy_text(s: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in s.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let t = tidy_line(line);
        if t.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(t);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// A bank id made from a name: lower case, no diacritics, `-` for anything
/// else than letters, digits, `.` and `_`.
pub fn slug(name: &str) -> String {
    let folded = crate::text::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "bank".to_owned()
    } else {
        out
    }
}

/// Applies the rules of a bank to each question: tidies the text, and moves
/// every question that breaks a rule out (its problems become diagnostics).
/// Returns the good questions and every diagnostic, in file order.
pub fn finalize(draft: Draft, path: &Path) -> (Vec<DraftQuestion>, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = draft
        .diagnostics
        .into_iter()
        .map(|(place, p)| Diagnostic::new(path.to_path_buf(), place, p))
        .collect();
    let mut good = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for (seq, mut q) in draft.questions.into_iter().enumerate() {
        q.text = tidy_text(&q.text);
        q.choices = q.choices.iter().map(|c| tidy_line(c)).collect();
        q.topic = q.topic.map(|t| tidy_line(&t)).filter(|t| !t.is_empty());
        q.source = q.source.map(|t| tidy_line(&t)).filter(|t| !t.is_empty());
        q.explanation = q
            .explanation
            .map(|t| tidy_text(&t))
            .filter(|t| !t.is_empty());
        let at = q.at();
        let place_of =
            |q: &DraftQuestion, i: usize| q.choice_places.get(i).cloned().unwrap_or(at.clone());
        if q.text.is_empty() {
            q.fail(at.clone(), Problem::EmptyQuestion);
        }
        if q.choices.len() < 2 {
            q.fail(
                at.clone(),
                Problem::TooFewChoices {
                    count: q.choices.len(),
                },
            );
        } else if q.choices.len() > MAX_CHOICES {
            q.fail(
                at.clone(),
                Problem::TooManyChoices {
                    count: q.choices.len(),
                },
            );
        }
        // Past the limit the question is out anyway; comparing every pair
        // of a hostile file's thousands of choices would take long.
        let checked = if q.choices.len() <= MAX_CHOICES {
            q.choices.len()
        } else {
            0
        };
        for i in 0..checked {
            if q.choices[i].is_empty() {
                let p = place_of(&q, i);
                q.fail(p, Problem::EmptyChoice { letter: i });
            } else if let Some(j) = q.choices[..i].iter().position(|c| *c == q.choices[i]) {
                let p = place_of(&q, i);
                q.fail(
                    p,
                    Problem::DuplicateChoice {
                        letter: i,
                        same_as: j,
                    },
                );
            }
        }
        q.answer.sort_unstable();
        q.answer.dedup();
        if q.choices.len() >= 2 && q.errors.is_empty() {
            let answer_at = q.answer_place.clone().unwrap_or(at.clone());
            if q.answer.is_empty() {
                q.fail(answer_at, Problem::NoAnswer);
            } else if let Some(&bad) = q.answer.iter().find(|&&a| a >= q.choices.len()) {
                q.fail(
                    answer_at,
                    Problem::AnswerNotAChoice {
                        letter: bad,
                        choices: q.choices.len(),
                    },
                );
            }
        }
        if !q.errors.is_empty() {
            for (place, p) in std::mem::take(&mut q.errors) {
                diags.push(Diagnostic::new(path.to_path_buf(), place, p));
            }
            continue;
        }
        // Ids: the source's when valid, else `cau-` and the question's
        // number, made unique.
        if let Some(id) = q.id.take() {
            let id = tidy_line(&id);
            if crate::bank::is_valid_id(&id) && !ids.contains(&id) {
                q.id = Some(id);
            } else if crate::bank::is_valid_id(&id) {
                diags.push(Diagnostic::new(
                    path.to_path_buf(),
                    at.clone(),
                    Problem::DuplicateId { id },
                ));
            } else if !id.is_empty() {
                diags.push(Diagnostic::new(
                    path.to_path_buf(),
                    at.clone(),
                    Problem::BadId { id },
                ));
            }
        }
        if q.id.is_none() {
            let base = match &q.number {
                Some(n) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                    format!("cau-{n}")
                }
                _ => format!("cau-{}", seq + 1),
            };
            let mut id = base.clone();
            let mut k = 2;
            while ids.contains(&id) {
                id = format!("{base}-{k}");
                k += 1;
            }
            q.id = Some(id);
        }
        if let Some(id) = &q.id {
            ids.insert(id.clone());
        }
        good.push(q);
    }
    (good, diags)
}

/// Whether `s` can be written as a plain YAML scalar and read back as the
/// same text: anything doubtful is quoted.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_alphanumeric() || first == '(') {
        return false;
    }
    if s.ends_with(':') || s.contains(": ") || s.contains(" #") || s.ends_with(' ') {
        return false;
    }
    if s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    ];
    if WORDS.contains(&lower.as_str()) {
        return false;
    }
    // Numbers, times and dates would come back as numbers.
    !(s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || "._-+:eExXoO ".contains(c)))
}

/// `s` as a one-line YAML scalar.
pub fn scalar(s: &str) -> String {
    if plain_ok(s) {
        return s.to_owned();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `key: value` line starting with `lead` (spaces, or the `- ` of a
/// list item), the value as a literal block indented by `block` when it
/// spans lines.
fn text_entry(out: &mut String, lead: &str, block: &str, key: &str, value: &str) {
    if value.contains('\n') {
        out.push_str(&format!("{lead}{key}: |-\n"));
        for line in value.split('\n') {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{block}{line}\n"));
            }
        }
    } else {
        out.push_str(&format!("{lead}{key}: {}\n", scalar(value)));
    }
}

/// The answer as `B` or `[A, C]`.
pub fn answer_yaml(answer: &[usize]) -> String {
    let letters: Vec<String> = answer
        .iter()
        .map(|&a| crate::bank::letter(a).to_string())
        .collect();
    if letters.len() == 1 {
        letters.concat()
    } else {
        format!("[{}]", letters.join(", "))
    }
}

/// The bank file: a header comment naming the source, the title and id,
/// then each question, with a comment above those where the importer
/// guessed.
pub fn to_yaml(
    title: &str,
    id: &str,
    source_name: &str,
    questions: &[DraftQuestion],
    lang: Lang,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n", msg::yaml_header(source_name, lang)));
    text_entry(&mut out, "", "  ", "title", &tidy_line(title));
    out.push_str(&format!("id: {}\n", scalar(id)));
    out.push_str("questions:\n");
    for (i, q) in questions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for g in &q.guesses {
            out.push_str(&format!("  # {}\n", msg::guess(g, lang)));
        }
        let mut first = true;
        // Only the first key carries the "- "; a block under it is
        // indented like the keys that follow.
        let mut entry = |out: &mut String, key: &str, value: &str| {
            let lead = if first { "  - " } else { "    " };
            first = false;
            text_entry(out, lead, "      ", key, value);
        };
        if let Some(id) = &q.id {
            entry(&mut out, "id", id);
        }
        if let Some(t) = &q.topic {
            entry(&mut out, "topic", t);
        }
        entry(&mut out, "text", &q.text);
        out.push_str("    choices:\n");
        for c in &q.choices {
            out.push_str(&format!("      - {}\n", scalar(c)));
        }
        out.push_str(&format!("    answer: {}\n", answer_yaml(&q.answer)));
        if let Some(e) = &q.explanation {
            text_entry(&mut out, "    ", "      ", "explanation", e);
        }
        if let Some(s) = &q.source {
            text_entry(&mut out, "    ", "      ", "source", s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy() {
        assert_eq!(tidy_line("  a\u{a0}\u{a0} b\tc  "), "a b c");
        assert_eq!(tidy_text("\n\n a \n\n\n b \n\n"), "a\n\nb");
        assert_eq!(tidy_line("Vie\u{0302}\u{0323}t"), "Việt");
    }

    #[test]
    fn scalars_that_need_quotes() {
        assert_eq!(scalar("Bộ Nội vụ"), "Bộ Nội vụ");
        assert_eq!(scalar("21/6/2018"), "21/6/2018");
        assert_eq!(scalar("x"), "x");
        for s in [
            "2018", "1.50", "true", "No", "- a", "a: b", "a #b", "*x", "\"q\"", "",
        ] {
            assert!(scalar(s).starts_with('"'), "{s}");
        }
        assert_eq!(scalar("a \"b\" \\"), "a \"b\" \\");
        assert_eq!(scalar("\"b\\"), "\"\\\"b\\\\\"");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Đề thi Một cửa 2018"), "de-thi-mot-cua-2018");
        assert_eq!(slug("???"), "bank");
    }
}
