//! Aiken: the question on one line, `A.` choices, `ANSWER: B`. It carries
//! one right answer and nothing but the question and its choices.

use super::{Exported, Lost};
use crate::bank::{Bank, letter};
use crate::i18n::import::Loss;

/// Writes the questions with one right answer as Aiken.
pub fn write(bank: &Bank) -> Exported {
    let mut out = String::new();
    let mut lost = Vec::new();
    let mut written = 0;
    for q in &bank.questions {
        let mut lose = |loss| {
            lost.push(Lost {
                id: q.id.clone(),
                loss,
            })
        };
        if q.is_multiple() {
            lose(Loss::SeveralAnswers);
            continue;
        }
        if q.text.contains('\n') {
            lose(Loss::LinesJoined);
        }
        if q.explanation.is_some() {
            lose(Loss::Explanation);
        }
        if q.source.is_some() {
            lose(Loss::Source);
        }
        if q.topic.is_some() {
            lose(Loss::Topic);
        }
        out.push_str(&q.text.split('\n').collect::<Vec<_>>().join(" "));
        out.push('\n');
        for (i, c) in q.choices.iter().enumerate() {
            out.push_str(&format!("{}. {c}\n", letter(i)));
        }
        let a = q.answer.first().copied().unwrap_or(0);
        out.push_str(&format!("ANSWER: {}\n\n", letter(a)));
        written += 1;
    }
    Exported {
        bytes: out.into_bytes(),
        written,
        lost,
    }
}
