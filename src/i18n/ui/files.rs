//! What `run` and `recover` say of the banks, the terminal, the results
//! file and the autosave: on stderr, and on the resume and error screens.

use super::{per_question, texts};
use crate::autosave::AutosaveError;
use crate::i18n::{Lang, io_error_message};
use crate::results::ResultsError;
use crate::session::ResumeProblem;
use crate::session::recover::{RecoverDone, RecoverState};

/// Why `run` will not draw: its output is not a terminal.
pub fn stdout_not_terminal(lang: Lang) -> &'static str {
    lang.pick("đầu ra không phải là terminal", "stdout is not a terminal")
}

/// The reason shown when the results file cannot be written.
pub fn results_error(lang: Lang, detail: &str) -> String {
    format!("{} ({detail})", texts(lang).results_unwritable)
}

/// Said on stderr when the banks have errors.
pub fn bank_errors(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "Không mở được bài thi: các tệp câu hỏi trong {} có lỗi (xem ở trên). Hãy sửa rồi chạy `union-quiz check` để kiểm tra lại.",
            path.display()
        ),
        Lang::En => format!(
            "Cannot open the quiz: the banks in {} have errors (see above). Fix them and run `union-quiz check` again.",
            path.display()
        ),
    }
}

/// Said on stderr when some banks have errors but others load.
pub fn banks_skipped(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "Bỏ qua {n} bộ đề có lỗi (xem ở trên); các bộ đề khác vẫn dùng được. Hãy sửa rồi chạy `union-quiz check` để kiểm tra lại."
        ),
        Lang::En => format!(
            "Skipped {n} bank(s) with errors (see above); the others can be used. Fix them and run `union-quiz check` again."
        ),
    }
}

/// The note on the start screen when some banks were left out.
pub fn banks_skipped_note(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} bộ đề có lỗi nên không hiển thị — chạy union-quiz check"),
        Lang::En => format!("{n} bank(s) with errors not shown — run union-quiz check"),
    }
}

/// The path given to `run` (or `quizzes`, the default) does not exist.
pub fn no_such_path(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "union-quiz: không có tệp hay thư mục {}. Hãy chỉ ra một bộ đề (.yaml) \
             hoặc thư mục bộ đề.",
            path.display()
        ),
        Lang::En => format!(
            "union-quiz: no such file or folder {}. Give a bank (.yaml) or a folder of banks.",
            path.display()
        ),
    }
}

/// `word`, given where a bank or a command goes, is neither: it looks
/// like the command `like`.
pub fn no_such_command(lang: Lang, word: &str, like: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "union-quiz: không có lệnh hay thư mục `{word}`. Có phải bạn muốn gõ \
             `union-quiz {like}`?"
        ),
        Lang::En => format!(
            "union-quiz: there is no command or folder `{word}`. Did you mean \
             `union-quiz {like}`?"
        ),
    }
}

/// Said when the app ends on a member's unfinished attempt, saved.
pub fn attempt_kept(lang: Lang) -> &'static str {
    lang.pick(
        "Bài làm chưa nộp đã được lưu. Mở lại union-quiz để làm tiếp.",
        "The unfinished attempt is saved. Start union-quiz again to go on with it.",
    )
}

/// Said when the app ends on a member's unfinished attempt whose last save
/// failed (`detail`: why).
pub fn attempt_unsaved(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("Không lưu được bài làm chưa nộp ({detail}). Hãy báo giảng viên."),
        Lang::En => {
            format!("The unfinished attempt could not be saved ({detail}). Tell the trainer.")
        }
    }
}

/// Said on stderr when no bank was found.
pub fn no_banks(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Không tìm thấy bộ câu hỏi nào trong {}.", path.display()),
        Lang::En => format!("No question bank found in {}.", path.display()),
    }
}

/// Said on stderr when `--time-limit` cannot be read.
pub fn bad_time_limit(lang: Lang, value: &str) -> String {
    match lang {
        Lang::Vi => format!("--time-limit {value:?} không hợp lệ. Ví dụ đúng: 90s, 20m, 1h30m."),
        Lang::En => format!("--time-limit {value:?} is not valid. Examples: 90s, 20m, 1h30m."),
    }
}

/// Said on stderr when the terminal cannot be opened.
pub fn no_terminal(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("Không mở được màn hình terminal: {detail}"),
        Lang::En => format!("Cannot open the terminal: {detail}"),
    }
}

/// One entry of the resume list: "Nguyễn Văn An — Công đoàn Sở Tư pháp".
pub fn resume_entry(lang: Lang, name: &str, unit: &str) -> String {
    let _ = lang;
    format!("{name} — {unit}")
}

/// The facts under a resume entry: time left (or the per-question limit
/// of a bank timed only per question, or that it was submitted but its row
/// not yet written), answered, bank.
pub fn resume_facts(
    lang: Lang,
    bank: &str,
    answered: usize,
    questions: usize,
    left: Option<&str>,
    question_limit: Option<&str>,
    submitted: bool,
) -> String {
    let left = match (left, question_limit) {
        // Submitted: no time is left to count, only the row to write.
        _ if submitted => lang
            .pick(
                "đã nộp, chưa lưu được kết quả",
                "submitted, result not saved yet",
            )
            .to_owned(),
        (Some(l), _) => match lang {
            Lang::Vi => format!("còn {l}"),
            Lang::En => format!("{l} left"),
        },
        (None, Some(q)) => per_question(lang, q),
        (None, None) => texts(lang).untimed.to_owned(),
    };
    // The time left first: a long bank title is what gets cut.
    match lang {
        Lang::Vi => format!("{left} · đã trả lời {answered}/{questions} câu · {bank}"),
        Lang::En => format!("{left} · {answered}/{questions} answered · {bank}"),
    }
}

/// Said when the bank of a saved attempt is not among the loaded banks.
pub fn resume_bank_missing(lang: Lang, bank_id: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "Không thể làm tiếp: không tìm thấy bộ câu hỏi \"{bank_id}\". Vui lòng báo người hướng dẫn."
        ),
        Lang::En => format!(
            "Cannot continue: the question bank \"{bank_id}\" is not loaded. Please tell the trainer."
        ),
    }
}

/// Why the chosen attempt could not be resumed, for the resume screen.
pub fn resume_problem(lang: Lang, problem: &ResumeProblem) -> String {
    match problem {
        ResumeProblem::BankMissing(id) => resume_bank_missing(lang, id),
        ResumeProblem::InUse => texts(lang).resume_in_use.to_owned(),
        ResumeProblem::BankChanged => texts(lang).resume_bank_changed.to_owned(),
        ResumeProblem::Autosave(e) => autosave_detail(e, lang),
        ResumeProblem::Resume(e) => resume_failed(lang, &e.to_string()),
    }
}

/// Why the results file could not be written, for the member's screen:
/// the path, and the system's reason in the member's language (the
/// system's own text is often English).
pub fn results_detail(e: &ResultsError, lang: Lang) -> String {
    match e {
        ResultsError::InUse { path } => results_in_use(lang, path),
        ResultsError::Io { path, source } if crate::platform::is_in_use(source) => {
            results_in_use(lang, path)
        }
        ResultsError::Io { path, source } => {
            format!("{}: {}", path.display(), io_error_message(source, lang))
        }
        other => other.to_string(),
    }
}

/// Why an autosave could not be written or read, for the screens.
pub fn autosave_detail(e: &AutosaveError, lang: Lang) -> String {
    match e {
        AutosaveError::Io { path, source } => {
            format!("{}: {}", path.display(), io_error_message(source, lang))
        }
        AutosaveError::InUse { .. } => texts(lang).resume_in_use.to_owned(),
        other => other.to_string(),
    }
}

/// Said when a saved attempt does not fit its bank.
pub fn resume_failed(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("Không thể làm tiếp bài này ({detail}). Vui lòng báo người hướng dẫn."),
        Lang::En => format!("Cannot continue this quiz ({detail}). Please tell the trainer."),
    }
}

/// The heading of `union-quiz recover`'s list.
pub fn recover_heading(lang: Lang, n: usize, dir: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("{n} bài làm chưa nộp trong {}:", dir.display()),
        Lang::En => format!("{n} unfinished attempt(s) in {}:", dir.display()),
    }
}

/// Said by `recover` when there is nothing to recover.
pub fn recover_none(lang: Lang, dir: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!("Không có bài làm nào chưa nộp trong {}.", dir.display()),
        Lang::En => format!("No unfinished attempt in {}.", dir.display()),
    }
}

/// The column names of `recover`'s list.
pub fn recover_columns(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Vi => [
            "Họ và tên",
            "Công đoàn cơ sở",
            "Bài thi",
            "Đã trả lời",
            "Thời gian đã làm",
            "Tình trạng",
        ],
        Lang::En => ["Name", "Unit", "Bank", "Answered", "Time used", "State"],
    }
}

/// The state of an unfinished attempt in `recover`'s list.
pub fn recover_state(lang: Lang, state: RecoverState) -> &'static str {
    match state {
        RecoverState::Unfinished => lang.pick("đang làm dở", "unfinished"),
        RecoverState::FinishedNotSaved => {
            lang.pick("đã nộp, chưa ghi kết quả", "submitted, row not written")
        }
        RecoverState::InUse => lang.pick("đang mở ở cửa sổ khác", "open in another window"),
        RecoverState::Unreadable => lang.pick("tệp hỏng", "damaged file"),
    }
}

/// What `recover --submit` did with one attempt.
pub fn recover_done(lang: Lang, id: &str, what: &RecoverDone) -> String {
    match (lang, what) {
        (Lang::Vi, RecoverDone::Submitted) => {
            format!("{id}: đã ghi vào tệp kết quả (đánh dấu khôi phục).")
        }
        (Lang::En, RecoverDone::Submitted) => {
            format!("{id}: written to the results file (marked recovered).")
        }
        (Lang::Vi, RecoverDone::AlreadyInResults) => {
            format!("{id}: đã có trong tệp kết quả; xóa bản lưu tạm.")
        }
        (Lang::En, RecoverDone::AlreadyInResults) => {
            format!("{id}: already in the results file; autosave removed.")
        }
        (Lang::Vi, RecoverDone::InUse) => format!("{id}: bỏ qua, đang mở ở cửa sổ khác."),
        (Lang::En, RecoverDone::InUse) => format!("{id}: skipped, open in another window."),
        (Lang::Vi, RecoverDone::BankMissing(b)) => {
            format!("{id}: bỏ qua, không tìm thấy bộ câu hỏi \"{b}\" (dùng --banks).")
        }
        (Lang::En, RecoverDone::BankMissing(b)) => {
            format!("{id}: skipped, bank \"{b}\" not found (use --banks).")
        }
        (Lang::Vi, RecoverDone::BankChanged) => {
            format!("{id}: bỏ qua, bộ câu hỏi đã bị sửa sau khi bắt đầu làm bài.")
        }
        (Lang::En, RecoverDone::BankChanged) => {
            format!("{id}: skipped, the bank changed after the attempt began.")
        }
        (Lang::Vi, RecoverDone::Failed(e)) => format!("{id}: lỗi: {e}"),
        (Lang::En, RecoverDone::Failed(e)) => format!("{id}: error: {e}"),
    }
}

/// The results file is held by another program (Excel shows a workbook
/// with the file locked): the detail under "not saved", before "press R".
pub fn results_in_use(lang: Lang, path: &std::path::Path) -> String {
    match lang {
        Lang::Vi => format!(
            "{}: tệp đang được mở trong một chương trình khác (ví dụ Excel); hãy đóng tệp ở chương trình đó",
            path.display()
        ),
        Lang::En => format!(
            "{}: the file is open in another program (Excel, for example); close it there",
            path.display()
        ),
    }
}
