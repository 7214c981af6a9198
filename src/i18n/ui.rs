//! Strings of the quiz screens, in plain, friendly Vietnamese (the default)
//! and English. Members may rarely use a terminal: say what to press, in
//! the words of a paper test.

use super::Lang;

/// The fixed strings of the quiz screens.
#[derive(Debug)]
pub struct Texts {
    /// Name of the app in the header.
    pub app_name: &'static str,
    /// Title of the bank list.
    pub choose_bank_title: &'static str,
    /// Hint under the bank list.
    pub choose_bank_hint: &'static str,
    /// Title of the identity screen.
    pub identity_title: &'static str,
    /// Label of the name field.
    pub name_label: &'static str,
    /// Label of the member code field.
    pub code_label: &'static str,
    /// Label of the unit field.
    pub unit_label: &'static str,
    /// Under the unit field with a roster.
    pub unit_filter_hint: &'static str,
    /// When the filter matches no unit.
    pub unit_no_match: &'static str,
    /// Said when the name is empty.
    pub name_required: &'static str,
    /// Said when no unit was given.
    pub unit_required: &'static str,
    /// Marks an optional field.
    pub optional: &'static str,
    /// Title of the instructions screen.
    pub instructions_title: &'static str,
    /// Instructions: how to answer.
    pub instructions_how: &'static str,
    /// Instructions: press Enter to start.
    pub instructions_start: &'static str,
    /// No time limit.
    pub untimed: &'static str,
    /// Label before the time left.
    pub time_left: &'static str,
    /// Label before the time left on this question.
    pub question_time_left: &'static str,
    /// Over the choices of a one-answer question.
    pub choose_one: &'static str,
    /// Over the choices of a several-answers question.
    pub choose_all: &'static str,
    /// Shown when the text goes on below.
    pub more_below: &'static str,
    /// Strip legend.
    pub legend: &'static str,
    /// Shown on a question that can no longer be changed.
    pub locked: &'static str,
    /// Practice: the answer is right.
    pub right: &'static str,
    /// Practice: the answer is wrong.
    pub wrong: &'static str,
    /// Practice: label before the right answer.
    pub right_answer: &'static str,
    /// Said when a question's time ran out.
    pub question_time_up: &'static str,
    /// Title of the submit screen.
    pub submit_title: &'static str,
    /// The submit entry of the submit screen list.
    pub submit_confirm: &'static str,
    /// Said when everything is answered.
    pub all_answered: &'static str,
    /// Title of the time-up screen.
    pub time_up_title: &'static str,
    /// Body of the time-up screen.
    pub time_up_body: &'static str,
    /// Title of the result screen.
    pub result_title: &'static str,
    /// Label before the score.
    pub score: &'static str,
    /// Label before pass or fail.
    pub verdict: &'static str,
    /// Passed.
    pub passed: &'static str,
    /// Not passed.
    pub failed: &'static str,
    /// Label before the time used.
    pub time_used: &'static str,
    /// Said when the row is in the results file.
    pub saved: &'static str,
    /// Said when the row could not be written.
    pub not_saved: &'static str,
    /// Title of the review.
    pub review_title: &'static str,
    /// Label before the member's answer.
    pub your_answer: &'static str,
    /// Said when a question was left unanswered.
    pub no_answer: &'static str,
    /// Label before the explanation.
    pub explanation: &'static str,
    /// Label before the source.
    pub source: &'static str,
    /// Said when the time ran out.
    pub timed_out_note: &'static str,
    /// Said when the results file cannot be written.
    pub results_unwritable: &'static str,
    /// Title of the help popup.
    pub help_title: &'static str,
    /// Lines of the help popup: keys and what they do.
    pub help_lines: &'static [(&'static str, &'static str)],
    /// Closing the help popup.
    pub help_close: &'static str,
    /// Asked when the terminal is too small.
    pub too_small: &'static str,
    /// Footer keys of the bank list.
    pub keys_choose_bank: &'static str,
    /// Footer keys of the identity screen.
    pub keys_identity: &'static str,
    /// Footer keys of the instructions screen.
    pub keys_instructions: &'static str,
    /// Footer keys of the question screen.
    pub keys_question: &'static str,
    /// Footer keys of the submit screen.
    pub keys_submit: &'static str,
    /// Footer keys of the time-up screen.
    pub keys_time_up: &'static str,
    /// Footer keys of the result screen.
    pub keys_result: &'static str,
    /// Footer keys of the result screen with `--once`.
    pub keys_result_once: &'static str,
}

/// Vietnamese.
pub static VI: Texts = Texts {
    app_name: "Thi trắc nghiệm Công đoàn",
    choose_bank_title: "Chọn bài thi",
    choose_bank_hint: "Dùng phím ↑/↓ để chọn bài thi, rồi bấm Enter.",
    identity_title: "Thông tin người dự thi",
    name_label: "Họ và tên",
    code_label: "Mã đoàn viên",
    unit_label: "Công đoàn cơ sở",
    unit_filter_hint: "Gõ vài chữ để tìm (không cần dấu), ↑/↓ để chọn, Enter để xác nhận.",
    unit_no_match: "Không tìm thấy công đoàn cơ sở nào. Hãy gõ lại.",
    name_required: "Vui lòng nhập họ và tên.",
    unit_required: "Vui lòng chọn công đoàn cơ sở.",
    optional: "(không bắt buộc)",
    instructions_title: "Hướng dẫn làm bài",
    instructions_how: "Mỗi câu hỏi có các đáp án A, B, C… Bấm phím chữ cái (hoặc số 1, 2, 3…) để chọn đáp án. Bấm → hoặc Enter để sang câu tiếp theo, ← để quay lại câu trước. Bấm F2 để đánh dấu câu muốn xem lại. Có thể bấm chuột vào đáp án.",
    instructions_start: "Khi sẵn sàng, bấm Enter để bắt đầu tính giờ.",
    untimed: "Không giới hạn thời gian",
    time_left: "Còn lại",
    question_time_left: "Câu này còn",
    choose_one: "Chọn một đáp án",
    choose_all: "Chọn tất cả đáp án đúng",
    more_below: "▼ Còn nữa — lăn chuột hoặc Shift+↓ để xem tiếp",
    legend: "✓ đã trả lời   ! đã đánh dấu   [ ] câu đang làm",
    locked: "Câu này đã hết giờ, không thể sửa đáp án.",
    right: "Đúng!",
    wrong: "Chưa đúng.",
    right_answer: "Đáp án đúng",
    question_time_up: "Hết giờ cho câu trước, đã chuyển sang câu tiếp theo.",
    submit_title: "Nộp bài",
    submit_confirm: "Nộp bài ngay",
    all_answered: "Bạn đã trả lời tất cả các câu hỏi.",
    time_up_title: "Hết giờ",
    time_up_body: "Đã hết thời gian làm bài. Bài làm của bạn đã được nộp tự động với các câu đã trả lời.",
    result_title: "Kết quả",
    score: "Điểm",
    verdict: "Kết quả",
    passed: "Đạt",
    failed: "Chưa đạt",
    time_used: "Thời gian làm bài",
    saved: "Kết quả đã được lưu.",
    not_saved: "CHƯA LƯU ĐƯỢC KẾT QUẢ. Vui lòng báo cho người hướng dẫn.",
    review_title: "Xem lại bài làm",
    your_answer: "Bạn chọn",
    no_answer: "(bỏ trống)",
    explanation: "Giải thích",
    source: "Căn cứ",
    timed_out_note: "Bài được nộp tự động khi hết giờ.",
    results_unwritable: "Không ghi được tệp kết quả. Vui lòng báo cho người hướng dẫn trước khi làm bài.",
    help_title: "Các phím",
    help_lines: &[
        (
            "A, B, C… hoặc 1, 2, 3…",
            "chọn đáp án (bấm lại để bỏ, với câu nhiều đáp án)",
        ),
        ("↑ / ↓ và phím cách", "di chuyển và chọn đáp án"),
        ("← / →, PgUp / PgDn", "câu trước / câu sau"),
        ("Enter", "sang câu tiếp; ở câu cuối thì mở màn hình nộp bài"),
        ("F2", "đánh dấu câu để xem lại"),
        ("Esc", "mở màn hình nộp bài / quay lại"),
        ("Shift+↑ / ↓, lăn chuột", "cuộn nội dung dài"),
        ("Chuột", "bấm vào đáp án để chọn"),
        ("Tab", "sang ô tiếp theo (màn hình thông tin)"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_close: "Bấm phím bất kỳ để đóng.",
    too_small: "Cửa sổ quá nhỏ. Vui lòng phóng to cửa sổ (ít nhất 80 cột × 24 dòng).",
    keys_choose_bank: "↑/↓ chọn · Enter tiếp tục · Esc thoát · ? trợ giúp",
    keys_identity: "Enter ô tiếp theo · Tab/↑/↓ chuyển ô · Esc quay lại · ? trợ giúp",
    keys_instructions: "Enter bắt đầu · Esc quay lại · ? trợ giúp",
    keys_question: "A–J chọn · ←/→ đổi câu · Enter câu tiếp · F2 đánh dấu · Esc nộp bài · ? trợ giúp",
    keys_submit: "↑/↓ chọn · Enter xác nhận · y nộp bài · Esc quay lại làm bài",
    keys_time_up: "Enter xem kết quả",
    keys_result: "↑/↓ cuộn · Enter xong, nhường máy cho người tiếp theo",
    keys_result_once: "↑/↓ cuộn · Enter thoát",
};

/// English.
pub static EN: Texts = Texts {
    app_name: "Union quiz",
    choose_bank_title: "Choose a quiz",
    choose_bank_hint: "Use ↑/↓ to choose a quiz, then press Enter.",
    identity_title: "About you",
    name_label: "Full name",
    code_label: "Member code",
    unit_label: "Grassroots union",
    unit_filter_hint: "Type a few letters to search (accents optional), ↑/↓ to choose, Enter to confirm.",
    unit_no_match: "No grassroots union matches. Please type again.",
    name_required: "Please type your full name.",
    unit_required: "Please choose your grassroots union.",
    optional: "(optional)",
    instructions_title: "Instructions",
    instructions_how: "Each question has choices A, B, C… Press a letter (or 1, 2, 3…) to choose. Press → or Enter for the next question, ← for the previous one. Press F2 to flag a question to come back to. You can also click a choice.",
    instructions_start: "When you are ready, press Enter to start the clock.",
    untimed: "No time limit",
    time_left: "Time left",
    question_time_left: "This question",
    choose_one: "Choose one answer",
    choose_all: "Choose all right answers",
    more_below: "▼ More below — scroll or Shift+↓",
    legend: "✓ answered   ! flagged   [ ] current",
    locked: "This question's time is up; its answer can no longer change.",
    right: "Right!",
    wrong: "Not right.",
    right_answer: "Right answer",
    question_time_up: "Time ran out for the last question; moved to the next one.",
    submit_title: "Submit",
    submit_confirm: "Submit now",
    all_answered: "You have answered every question.",
    time_up_title: "Time is up",
    time_up_body: "The time is up. Your answers so far have been submitted automatically.",
    result_title: "Result",
    score: "Score",
    verdict: "Result",
    passed: "Passed",
    failed: "Not passed",
    time_used: "Time used",
    saved: "Your result has been saved.",
    not_saved: "YOUR RESULT WAS NOT SAVED. Please tell the trainer.",
    review_title: "Review",
    your_answer: "Your answer",
    no_answer: "(none)",
    explanation: "Explanation",
    source: "Source",
    timed_out_note: "Submitted automatically when the time ran out.",
    results_unwritable: "The results file cannot be written. Please tell the trainer before you start.",
    help_title: "Keys",
    help_lines: &[
        (
            "A, B, C… or 1, 2, 3…",
            "choose (press again to unchoose, several answers)",
        ),
        ("↑ / ↓ and Space", "move and choose"),
        ("← / →, PgUp / PgDn", "previous / next question"),
        ("Enter", "next question; after the last, submit"),
        ("F2", "flag the question to come back to"),
        ("Esc", "open the submit screen / go back"),
        ("Shift+↑ / ↓, mouse wheel", "scroll long text"),
        ("Mouse", "click a choice to choose it"),
        ("Tab", "next field (about you)"),
        ("? or F1", "show these keys"),
    ],
    help_close: "Press any key to close.",
    too_small: "The window is too small. Please make it larger (at least 80 columns × 24 lines).",
    keys_choose_bank: "↑/↓ choose · Enter continue · Esc quit · ? help",
    keys_identity: "Enter next field · Tab/↑/↓ move · Esc back · ? help",
    keys_instructions: "Enter start · Esc back · ? help",
    keys_question: "A–J choose · ←/→ prev/next · Enter next · F2 flag · Esc submit · ? help",
    keys_submit: "↑/↓ choose · Enter confirm · y submit · Esc back to the quiz",
    keys_time_up: "Enter see the result",
    keys_result: "↑/↓ scroll · Enter done, next member",
    keys_result_once: "↑/↓ scroll · Enter quit",
};

/// The strings of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// "Câu 3/20".
pub fn question_of(lang: Lang, n: usize, total: usize) -> String {
    format!("{} {n}/{total}", lang.pick("Câu", "Question"))
}

/// "Câu 3" (in lists).
pub fn question_n(lang: Lang, n: usize) -> String {
    format!("{} {n}", lang.pick("Câu", "Question"))
}

/// One line of the bank list: questions and time limit.
pub fn bank_summary(lang: Lang, questions: usize, limit: Option<&str>) -> String {
    match limit {
        Some(l) => format!("{questions} {} · {l}", lang.pick("câu", "questions")),
        None => format!(
            "{questions} {} · {}",
            lang.pick("câu", "questions"),
            texts(lang).untimed
        ),
    }
}

/// The facts on the instructions screen.
pub fn instructions_facts(
    lang: Lang,
    questions: usize,
    limit: Option<&str>,
    question_limit: Option<&str>,
    pass_percent: f64,
) -> Vec<String> {
    let mut out = vec![format!(
        "{}: {questions}",
        lang.pick("Số câu hỏi", "Questions")
    )];
    out.push(format!(
        "{}: {}",
        lang.pick("Thời gian làm bài", "Time limit"),
        limit.unwrap_or(texts(lang).untimed)
    ));
    if let Some(q) = question_limit {
        out.push(format!(
            "{}: {q}",
            lang.pick("Thời gian cho mỗi câu", "Time per question")
        ));
    }
    out.push(format!(
        "{}: {}%",
        lang.pick("Điểm đạt", "Pass mark"),
        crate::results::format_points(pass_percent)
    ));
    out
}

/// A duration in words, for instructions: "20 phút", "1 giờ 30 phút", "45 giây".
pub fn duration_words(lang: Lang, secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} {}", lang.pick("giờ", "h")));
    }
    if m > 0 {
        parts.push(format!("{m} {}", lang.pick("phút", "min")));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} {}", lang.pick("giây", "s")));
    }
    parts.join(" ")
}

/// "Còn 2 câu chưa trả lời".
pub fn unanswered_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("Còn {n} câu chưa trả lời."),
        Lang::En => format!("{n} question(s) not answered."),
    }
}

/// "1 câu đã đánh dấu".
pub fn flagged_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} câu đã đánh dấu để xem lại."),
        Lang::En => format!("{n} question(s) flagged to come back to."),
    }
}

/// An entry of the submit list: "Quay lại câu 3 (chưa trả lời, đã đánh dấu)".
pub fn go_back_to(lang: Lang, n: usize, unanswered: bool, flagged: bool) -> String {
    let mut why = Vec::new();
    if unanswered {
        why.push(lang.pick("chưa trả lời", "not answered"));
    }
    if flagged {
        why.push(lang.pick("đã đánh dấu", "flagged"));
    }
    format!(
        "{} {n} ({})",
        lang.pick("Quay lại câu", "Back to question"),
        why.join(", ")
    )
}

/// The score line: "7/10 (70,0%)".
pub fn score_line(lang: Lang, score: &str, max: &str, percent: f64) -> String {
    let p = format!("{percent:.1}");
    let p = match lang {
        Lang::Vi => p.replace('.', ","),
        Lang::En => p,
    };
    format!("{score}/{max} ({p}%)")
}

/// "Câu 3 — Đúng (1/1 điểm)".
pub fn review_heading(lang: Lang, n: usize, correct: bool, points: &str, max: &str) -> String {
    let t = texts(lang);
    format!(
        "{} — {} ({points}/{max} {})",
        question_n(lang, n),
        if correct { t.right } else { t.wrong },
        lang.pick("điểm", "points")
    )
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
