//! The result screen's words: points with a decimal comma, the score
//! line, and each question's verdict in the review.

use super::{question_n, texts};
use crate::i18n::Lang;

/// Points as a member reads them: "0,5" in Vietnamese (a decimal comma),
/// "0.5" in English; whole numbers without decimals.
pub fn points(lang: Lang, v: f64) -> String {
    let s = crate::results::format_points(v);
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The score line: "7/10 (70,0%)".
pub fn score_line(lang: Lang, score: f64, max: f64, percent: f64) -> String {
    let p = format!("{percent:.1}");
    let p = match lang {
        Lang::Vi => p.replace('.', ","),
        Lang::En => p,
    };
    format!("{}/{} ({p}%)", points(lang, score), points(lang, max))
}

/// Right, partly right (some points under partial scoring) or wrong.
pub fn verdict(lang: Lang, correct: bool, earned: f64) -> &'static str {
    let t = texts(lang);
    if correct {
        t.right
    } else if earned > 0.0 {
        t.partly_right
    } else {
        t.wrong
    }
}

/// "(0,5/1 điểm)", "(0.5/1 point)", "(1/2 points)".
pub fn points_of(lang: Lang, earned: f64, max: f64) -> String {
    format!(
        "({}/{} {})",
        points(lang, earned),
        points(lang, max),
        lang.pick("điểm", if max == 1.0 { "point" } else { "points" })
    )
}

/// "Câu 3 — Đúng! (1/1 điểm)", "Câu 4 — Đúng một phần (0,5/1 điểm)".
pub fn review_heading(lang: Lang, n: usize, correct: bool, earned: f64, max: f64) -> String {
    format!(
        "{} — {} {}",
        question_n(lang, n),
        // "Chưa đúng (0/1 điểm)", not "Chưa đúng. (0/1 điểm)".
        verdict(lang, correct, earned).trim_end_matches('.'),
        points_of(lang, earned, max)
    )
}

/// "Số câu đã trả lời" on the time-up screen.
pub fn answered_label(lang: Lang) -> &'static str {
    lang.pick("Số câu đã trả lời", "Answered")
}
