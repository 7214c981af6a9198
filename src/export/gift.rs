//! GIFT: `$CATEGORY:` for topics, `::id::` names, `=`/`~` answers (several
//! right ones as `~%50%`), `####` for the explanation.

use super::{Exported, Lost, fractions};
use crate::bank::Bank;
use crate::i18n::import::Loss;

/// `s` with GIFT's special characters escaped and line breaks as `\n`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Writes the bank as GIFT.
pub fn write(bank: &Bank) -> Exported {
    let mut out = format!("// {}\n", bank.title.replace('\n', " "));
    let mut lost = Vec::new();
    let mut topic: Option<&str> = None;
    for q in &bank.questions {
        if q.topic.as_deref() != topic {
            topic = q.topic.as_deref();
            if let Some(t) = topic {
                out.push_str(&format!(
                    "\n$CATEGORY: $course$/top/{}\n",
                    t.replace('/', "//")
                ));
            }
        }
        out.push_str(&format!(
            "\n::{}::[plain]{} {{\n",
            escape(&q.id),
            escape(&q.text)
        ));
        let fr = fractions(q);
        for (i, c) in q.choices.iter().enumerate() {
            if !q.is_multiple() {
                let mark = if q.answer.contains(&i) { '=' } else { '~' };
                out.push_str(&format!("\t{mark}{}\n", escape(c)));
            } else {
                out.push_str(&format!("\t~%{}%{}\n", fr[i], escape(c)));
            }
        }
        if let Some(e) = &q.explanation {
            out.push_str(&format!("\t####{}\n", escape(e)));
        }
        out.push_str("}\n");
        if q.source.is_some() {
            lost.push(Lost {
                id: q.id.clone(),
                loss: Loss::Source,
            });
        }
    }
    Exported {
        bytes: out.into_bytes(),
        written: bank.questions.len(),
        lost,
    }
}
