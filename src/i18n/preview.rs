//! Strings of `union-quiz preview`, the trainer's view of a bank.

use std::path::Path;

use super::Lang;
use super::ui::{duration_words, points};
use crate::bank::{Bank, Review, Scoring};

/// "Xem trước" before the bank's title in the header.
pub fn title(lang: Lang) -> &'static str {
    lang.pick("Xem trước", "Preview")
}

/// "Bộ đề 2/9", when the folder holds several banks.
pub fn bank_of(lang: Lang, n: usize, total: usize) -> String {
    format!("{} {n}/{total}", lang.pick("Bộ đề", "Bank"))
}

/// "Xáo trộn (mã 1)": the choices are shown as drawn with this seed.
pub fn shuffled(lang: Lang, seed: u64) -> String {
    match lang {
        Lang::Vi => format!("Xáo trộn (mã {seed})"),
        Lang::En => format!("Shuffled (seed {seed})"),
    }
}

/// The settings bar: time, pick (`picked` questions asked of the bank's
/// total), pass mark, review and scoring.
pub fn settings(lang: Lang, bank: &Bank, picked: usize) -> Vec<String> {
    let time_limit = bank.time_limit.map(|d| d.as_secs());
    let question_limit = bank.question_time_limit.map(|d| d.as_secs());
    let total = bank.questions.len();
    let (pass_percent, review, scoring) = (bank.pass_percent, bank.review, bank.scoring);
    let mut out = Vec::new();
    out.push(match time_limit {
        Some(s) => format!(
            "{} {}",
            lang.pick("Thời gian", "Time"),
            duration_words(lang, s)
        ),
        None => lang.pick("Không giới hạn thời gian", "Untimed").to_owned(),
    });
    if let Some(q) = question_limit {
        out.push(format!(
            "{} {}",
            lang.pick("mỗi câu", "per question"),
            duration_words(lang, q)
        ));
    }
    out.push(if picked < total {
        match lang {
            Lang::Vi => format!("rút {picked}/{total} câu"),
            Lang::En => format!("draws {picked} of {total} questions"),
        }
    } else {
        match lang {
            Lang::Vi => format!("cả {total} câu"),
            Lang::En => format!("all {total} questions"),
        }
    });
    out.push(match lang {
        Lang::Vi => format!("đạt từ {}%", points(lang, pass_percent)),
        Lang::En => format!("pass {}%", points(lang, pass_percent)),
    });
    out.push(
        match review {
            Review::AfterSubmit => lang.pick("xem lại sau khi nộp", "review after submitting"),
            Review::None => lang.pick("chỉ báo điểm", "score only"),
            Review::EachQuestion => lang.pick(
                "luyện tập: đáp án sau mỗi câu",
                "practice: answer after each question",
            ),
        }
        .to_owned(),
    );
    out.push(
        match scoring {
            Scoring::AllOrNothing => lang.pick("chấm đúng hết mới có điểm", "all-or-nothing"),
            Scoring::Partial => lang.pick("chấm điểm từng phần", "partial credit"),
        }
        .to_owned(),
    );
    out
}

/// "Chủ đề:" before the count of questions per topic.
pub fn topics(lang: Lang) -> &'static str {
    lang.pick("Chủ đề:", "Topics:")
}

/// The questions with no topic, in the count per topic.
pub fn no_topic(lang: Lang) -> &'static str {
    lang.pick("(không có chủ đề)", "(no topic)")
}

/// Where the question is and what it is: "tệp.yaml:12 · mã q1 · chủ đề
/// mot-cua · 1 điểm".
pub fn question_facts(
    lang: Lang,
    path: &Path,
    line: usize,
    id: &str,
    topic: Option<&str>,
    pts: f64,
) -> String {
    let mut out = format!("{}:{line}", path.display());
    out.push_str(&match lang {
        Lang::Vi => format!(" · mã {id}"),
        Lang::En => format!(" · id {id}"),
    });
    if let Some(t) = topic {
        out.push_str(&match lang {
            Lang::Vi => format!(" · chủ đề {t}"),
            Lang::En => format!(" · topic {t}"),
        });
    }
    out.push_str(&format!(
        " · {} {}",
        points(lang, pts),
        lang.pick("điểm", if pts == 1.0 { "point" } else { "points" })
    ));
    out
}

/// Under the choices: the right ones, by their letters on screen.
pub fn key(lang: Lang, letters: &str) -> String {
    format!("{}: {letters}", lang.pick("Đáp án đúng", "Right answer"))
}

/// The question keeps the bank's order of choices even when shuffled.
pub fn not_shuffled(lang: Lang) -> &'static str {
    lang.pick(
        "Câu này giữ nguyên thứ tự lựa chọn (shuffle_choices: false).",
        "This question keeps its choices in order (shuffle_choices: false).",
    )
}

/// Label before the explanation.
pub fn explanation(lang: Lang) -> &'static str {
    lang.pick("Giải thích", "Explanation")
}

/// Label before the source.
pub fn source(lang: Lang) -> &'static str {
    lang.pick("Căn cứ", "Source")
}

/// The question has no explanation (a trainer may want to add one).
pub fn no_explanation(lang: Lang) -> &'static str {
    lang.pick("(không có giải thích)", "(no explanation)")
}

/// The question has no source.
pub fn no_source(lang: Lang) -> &'static str {
    lang.pick("(không ghi căn cứ)", "(no source)")
}

/// The banner's first line when the last save has errors and the last good
/// version is shown.
pub fn broken_save(lang: Lang) -> &'static str {
    lang.pick(
        "⚠ Bản vừa lưu có lỗi — đang hiện bản đúng gần nhất. Sửa rồi lưu lại:",
        "⚠ The file just saved has errors — showing the last good version. Fix and save again:",
    )
}

/// The banner's first line when the file has never loaded.
pub fn broken_file(lang: Lang) -> &'static str {
    lang.pick(
        "⚠ Bộ đề có lỗi, chưa xem trước được. Sửa rồi lưu lại:",
        "⚠ The bank has errors and cannot be shown yet. Fix and save again:",
    )
}

/// The banner's last line when not every diagnostic fits.
pub fn more_diagnostics(lang: Lang, n: usize, path: &Path) -> String {
    match lang {
        Lang::Vi => format!(
            "… và {n} dòng nữa: chạy union-quiz check {}",
            path.display()
        ),
        Lang::En => format!("… {n} more lines: run union-quiz check {}", path.display()),
    }
}

/// The prompt of `g`.
pub fn goto_prompt(lang: Lang) -> &'static str {
    lang.pick("Đến câu (số hoặc mã):", "Go to question (number or id):")
}

/// The keys while typing after `g`.
pub fn goto_keys(lang: Lang) -> &'static str {
    lang.pick("Enter đến · Esc thôi", "Enter go · Esc cancel")
}

/// `g` found no such question.
pub fn goto_not_found(lang: Lang, what: &str) -> String {
    match lang {
        Lang::Vi => format!("Không có câu \"{what}\" trong bộ đề này."),
        Lang::En => format!("No question \"{what}\" in this bank."),
    }
}

/// The footer.
pub fn keys(lang: Lang, several_banks: bool) -> String {
    let banks = if several_banks {
        lang.pick(" · Tab bộ đề", " · Tab bank")
    } else {
        ""
    };
    match lang {
        Lang::Vi => {
            format!("←/→ câu · g đến câu{banks} · s xáo trộn · ↑/↓ cuộn · ? trợ giúp · q thoát")
        }
        Lang::En => {
            format!("←/→ question · g go to{banks} · s shuffle · ↑/↓ scroll · ? help · q quit")
        }
    }
}

/// The help popup: each key and what it does.
pub fn help(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Vi => &[
            ("←/→, PgUp/PgDn", "câu trước / câu sau"),
            ("Home/End", "câu đầu / câu cuối"),
            ("g", "đến một câu theo số hoặc mã"),
            ("Tab, Shift+Tab", "bộ đề sau / trước (khi xem một thư mục)"),
            ("s", "bật/tắt xáo trộn lựa chọn như học viên thấy"),
            ("↑/↓", "cuộn khi câu dài"),
            ("q, Esc", "thoát"),
            ("", "Lưu tệp (Ctrl+S trong Notepad): màn hình tự cập nhật."),
        ],
        Lang::En => &[
            ("←/→, PgUp/PgDn", "previous / next question"),
            ("Home/End", "first / last question"),
            ("g", "go to a question by number or id"),
            ("Tab, Shift+Tab", "next / previous bank (for a folder)"),
            ("s", "shuffle the choices as a member sees them, or not"),
            ("↑/↓", "scroll a long question"),
            ("q, Esc", "quit"),
            (
                "",
                "Save the file (Ctrl+S in Notepad): this screen follows.",
            ),
        ],
    }
}

/// Title of the help popup.
pub fn help_title(lang: Lang) -> &'static str {
    lang.pick("Các phím", "Keys")
}

/// How to close the help popup.
pub fn help_close(lang: Lang) -> &'static str {
    lang.pick("Bấm phím bất kỳ để đóng.", "Press any key to close.")
}

/// The folder or file holds no bank.
pub fn no_banks(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => format!(
            "union-quiz preview: không có tệp bộ đề .yaml nào ở {}",
            path.display()
        ),
        Lang::En => format!(
            "union-quiz preview: no .yaml bank file in {}",
            path.display()
        ),
    }
}

/// The path does not exist.
pub fn no_such_path(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => format!(
            "union-quiz preview: không có tệp hay thư mục {}",
            path.display()
        ),
        Lang::En => format!(
            "union-quiz preview: no such file or folder {}",
            path.display()
        ),
    }
}

/// The terminal could not be used.
pub fn terminal_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("union-quiz preview: không dùng được màn hình dòng lệnh: {detail}"),
        Lang::En => format!("union-quiz preview: cannot use the terminal: {detail}"),
    }
}
