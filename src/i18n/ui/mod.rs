//! Strings of the quiz screens, in plain, friendly Vietnamese (the default)
//! and English. Members may rarely use a terminal: say what to press, in
//! the words of a paper test.

use super::Lang;
use crate::session::member::{CODE_MAX, Field, NAME_MAX, UNIT_MAX};

mod files;
mod result;
pub use files::*;
pub use result::*;

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
    /// Instructions: press Enter to start (and the clock).
    pub instructions_start: &'static str,
    /// Instructions of an untimed quiz: press Enter to start.
    pub instructions_start_untimed: &'static str,
    /// The time limit in the instructions' facts, when there is none.
    pub no_limit: &'static str,
    /// No time limit.
    pub untimed: &'static str,
    /// Label before the time left.
    pub time_left: &'static str,
    /// Label before the time left on this question.
    pub question_time_left: &'static str,
    /// In place of the question's countdown once the question is locked.
    pub question_clock_stopped: &'static str,
    /// Over the choices of a one-answer question.
    pub choose_one: &'static str,
    /// Over the choices of a several-answers question.
    pub choose_all: &'static str,
    /// Shown on a question when the text goes on below (↓ moves between
    /// choices there, so Shift+↓ and the wheel scroll).
    pub more_below: &'static str,
    /// Shown on the other screens when the text goes on below (↓ scrolls).
    pub more_below_down: &'static str,
    /// Shown when the text is scrolled down.
    pub more_above: &'static str,
    /// Strip legend.
    pub legend: &'static str,
    /// Shown on a question that can no longer be changed.
    pub locked: &'static str,
    /// Practice: the answer is right.
    pub right: &'static str,
    /// Partial scoring: some of the points.
    pub partly_right: &'static str,
    /// Practice: the answer is wrong.
    pub wrong: &'static str,
    /// Practice: label before the right answer.
    pub right_answer: &'static str,
    /// Practice, on a several-answers question: how to see the right answer.
    pub check_hint: &'static str,
    /// Practice, under the right answer: how to go on.
    pub next_hint: &'static str,
    /// Said when Enter is pressed on a question with no answer chosen.
    pub enter_unanswered: &'static str,
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
    /// Help popup of the question screen: keys and what they do.
    pub help_lines: &'static [(&'static str, &'static str)],
    /// Help popup of the bank list.
    pub help_choose_bank: &'static [(&'static str, &'static str)],
    /// Help popup of the identity screen.
    pub help_identity: &'static [(&'static str, &'static str)],
    /// Help popup of the instructions screen.
    pub help_instructions: &'static [(&'static str, &'static str)],
    /// Help popup of the submit screen.
    pub help_submit: &'static [(&'static str, &'static str)],
    /// Help popup of the time-up and result screens.
    pub help_result: &'static [(&'static str, &'static str)],
    /// Help popup of the resume screen.
    pub help_resume: &'static [(&'static str, &'static str)],
    /// Identity footer: Esc clears what was typed.
    pub esc_clear: &'static str,
    /// Identity footer: Esc goes back to the bank list.
    pub esc_back: &'static str,
    /// Identity footer: Esc leaves the app.
    pub esc_quit: &'static str,
    /// Identity footer on the unit field with a roster.
    pub keys_identity_unit: &'static str,
    /// Identity footer on the last field without a roster.
    pub keys_identity_last: &'static str,
    /// Closing the help popup.
    pub help_close: &'static str,
    /// Asked when the terminal is too small.
    pub too_small: &'static str,
    /// Footer keys of the bank list.
    pub keys_choose_bank: &'static str,
    /// Footer keys of the identity screen (name and code fields), before
    /// what Esc does (see [`keys_identity`]).
    pub keys_identity: &'static str,
    /// Footer keys of the instructions screen.
    pub keys_instructions: &'static str,
    /// Footer keys of the question screen, after the letters to choose
    /// (see [`keys_question`]).
    pub keys_question: &'static str,
    /// Footer keys of the submit screen.
    pub keys_submit: &'static str,
    /// Footer keys of the time-up screen.
    pub keys_time_up: &'static str,
    /// Footer keys of the result screen.
    pub keys_result: &'static str,
    /// Footer keys of the result screen with `--once`.
    pub keys_result_once: &'static str,
    /// Title of the resume screen.
    pub resume_title: &'static str,
    /// Over the resume list.
    pub resume_hint: &'static str,
    /// The entry that starts a new attempt.
    pub resume_new: &'static str,
    /// Said when another window has just taken the attempt.
    pub resume_in_use: &'static str,
    /// Said when the bank changed since the attempt began.
    pub resume_bank_changed: &'static str,
    /// Footer keys of the resume screen.
    pub keys_resume: &'static str,
    /// Title of the kiosk PIN setup.
    pub set_pin_title: &'static str,
    /// Explains the PIN setup.
    pub set_pin_body: &'static str,
    /// Label of the first PIN entry.
    pub set_pin_first: &'static str,
    /// Label of the PIN confirmation.
    pub set_pin_confirm: &'static str,
    /// Said when the PIN is too short.
    pub pin_too_short: &'static str,
    /// Said when the confirmation differs.
    pub pin_mismatch: &'static str,
    /// Said when the PIN typed to leave is wrong.
    pub pin_wrong: &'static str,
    /// Footer keys of the PIN setup.
    pub keys_set_pin: &'static str,
    /// Title of the trainer's exit.
    pub exit_pin_title: &'static str,
    /// Asks for the PIN to leave.
    pub exit_pin_body: &'static str,
    /// Footer keys of the trainer's exit.
    pub keys_exit_pin: &'static str,
    /// Footer keys of the bank list in kiosk mode (no quit).
    pub keys_choose_bank_kiosk: &'static str,
    /// Under "not saved" when the autosave holds the attempt.
    pub not_saved_recoverable: &'static str,
    /// Under "not saved" when the autosave failed too.
    pub not_saved_memory: &'static str,
    /// How to retry writing the row.
    pub retry_hint: &'static str,
    /// Footer keys of the result screen when the row was not written.
    pub keys_result_unsaved: &'static str,
    /// Footer keys of the result screen when nothing could be saved.
    pub keys_result_memory: &'static str,
    /// Said on the question screen when the autosave fails.
    pub autosave_failed: &'static str,
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
    instructions_how: "Mỗi câu hỏi có các đáp án A, B, C… Bấm phím chữ cái (hoặc số 1, 2, 3…) để chọn đáp án. Bấm Enter (sau khi chọn) hoặc → để sang câu tiếp theo, ← để quay lại câu trước. Bấm F2 để đánh dấu câu muốn xem lại. Có thể bấm chuột vào đáp án. Làm xong, bấm Esc để mở màn hình nộp bài, rồi bấm Enter (hoặc y) để nộp bài.",
    instructions_start: "Khi sẵn sàng, bấm Enter để bắt đầu tính giờ.",
    instructions_start_untimed: "Khi sẵn sàng, bấm Enter để bắt đầu.",
    no_limit: "không giới hạn",
    untimed: "Không giới hạn thời gian",
    time_left: "Còn lại",
    question_time_left: "Câu này còn",
    question_clock_stopped: "Câu này đã xong, không còn tính giờ",
    choose_one: "Chọn một đáp án",
    choose_all: "Chọn tất cả đáp án đúng",
    more_below: "▼ Còn nữa — lăn chuột hoặc Shift+↓ để xem tiếp",
    more_below_down: "▼ Còn nữa — bấm ↓ để xem tiếp",
    more_above: "▲ Còn ở trên",
    legend: "✓ đã trả lời   ! đã đánh dấu   [ ] câu đang làm",
    locked: "Câu này đã hết giờ, không thể sửa đáp án.",
    right: "Đúng!",
    partly_right: "Đúng một phần",
    wrong: "Chưa đúng.",
    right_answer: "Đáp án đúng",
    check_hint: "Chọn xong, bấm Enter để xem đáp án.",
    next_hint: "Bấm Enter để sang câu tiếp theo.",
    enter_unanswered: "Chưa chọn đáp án. Bấm → để bỏ qua câu này.",
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
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_choose_bank: &[
        ("↑ / ↓", "chọn bài thi"),
        ("Enter", "làm bài thi đã chọn"),
        ("Esc", "thoát chương trình"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_identity: &[
        (
            "Gõ chữ",
            "nhập vào ô đang chọn (gõ tiếng Việt hoặc dán đều được)",
        ),
        ("Enter", "sang ô tiếp theo; ở ô cuối thì tiếp tục"),
        ("Tab / Shift+Tab", "sang ô sau / ô trước"),
        (
            "↑ / ↓",
            "ở ô công đoàn cơ sở: chọn trong danh sách; ô khác: đổi ô",
        ),
        ("Backspace", "xóa chữ vừa gõ"),
        ("Esc", "xóa hết để nhập lại; khi đã trống thì quay lại"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_instructions: &[
        ("Enter", "bắt đầu làm bài"),
        ("↑ / ↓", "cuộn nội dung"),
        ("Esc", "quay lại sửa thông tin"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_submit: &[
        ("↑ / ↓", "chọn \"Nộp bài ngay\" hoặc một câu để quay lại"),
        ("Enter", "nộp bài, hoặc quay lại câu đã chọn"),
        ("y", "nộp bài ngay"),
        ("Esc", "quay lại làm bài"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_result: &[
        ("↑ / ↓", "cuộn nội dung"),
        ("← / →, PgUp / PgDn", "cuộn nhanh"),
        ("Enter", "xong, nhường máy cho người tiếp theo"),
        ("R", "thử lưu lại kết quả (khi chưa lưu được)"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    help_resume: &[
        ("↑ / ↓", "chọn bài làm dở"),
        ("Enter", "làm tiếp bài đã chọn"),
        ("Esc", "bắt đầu bài thi mới"),
        ("? hoặc F1", "xem bảng phím này"),
    ],
    esc_clear: "Esc xóa hết",
    esc_back: "Esc quay lại",
    esc_quit: "Esc thoát",
    keys_identity_unit: "Gõ để tìm · ↑/↓ chọn công đoàn · Enter xác nhận · Tab/Shift+Tab chuyển ô",
    keys_identity_last: "Enter tiếp tục · Tab/↑/↓ chuyển ô",
    help_close: "Bấm phím bất kỳ để đóng.",
    too_small: "Cửa sổ quá nhỏ. Vui lòng phóng to cửa sổ (ít nhất 80 cột × 24 dòng).",
    keys_choose_bank: "↑/↓ chọn · Enter tiếp tục · Esc thoát · ? trợ giúp",
    keys_identity: "Enter ô tiếp theo · Tab/↑/↓ chuyển ô",
    keys_instructions: "Enter bắt đầu · Esc quay lại · ? trợ giúp",
    keys_question: "←/→ đổi câu · Enter câu tiếp · F2 đánh dấu · Esc nộp bài · ? trợ giúp",
    keys_submit: "↑/↓ chọn · Enter xác nhận · y nộp bài · Esc quay lại làm bài",
    keys_time_up: "Enter xem kết quả",
    keys_result: "↑/↓ cuộn · Enter xong, nhường máy cho người tiếp theo",
    keys_result_once: "↑/↓ cuộn · Enter thoát",
    resume_title: "Làm tiếp bài đang dở",
    resume_hint: "Có bài làm chưa xong (có thể do mất điện hoặc cửa sổ bị đóng). Nếu đó là bài của bạn, chọn tên của bạn rồi bấm Enter để làm tiếp: các câu đã trả lời vẫn còn và thời gian còn lại được giữ nguyên.",
    resume_new: "Bắt đầu bài thi mới",
    resume_in_use: "Bài này đang được làm ở một cửa sổ khác.",
    resume_bank_changed: "Không thể làm tiếp: bộ câu hỏi của bài này đã bị sửa sau khi bắt đầu làm bài. Vui lòng báo người hướng dẫn (lệnh union-quiz recover).",
    keys_resume: "↑/↓ chọn · Enter làm tiếp · Esc bắt đầu bài mới · ? trợ giúp",
    set_pin_title: "Chế độ phòng thi: mã PIN của người hướng dẫn",
    set_pin_body: "Người hướng dẫn đặt một mã PIN (ít nhất 4 ký tự). Trong chế độ phòng thi, người dự thi không thể thoát chương trình; chỉ người hướng dẫn thoát được, bằng mã PIN này.",
    set_pin_first: "Nhập mã PIN",
    set_pin_confirm: "Nhập lại mã PIN để xác nhận",
    pin_too_short: "Mã PIN phải có ít nhất 4 ký tự.",
    pin_mismatch: "Hai lần nhập không khớp. Hãy nhập lại từ đầu.",
    pin_wrong: "Sai mã PIN.",
    keys_set_pin: "Enter xác nhận · Esc nhập lại · Ctrl-C thoát",
    exit_pin_title: "Thoát chương trình",
    exit_pin_body: "Dành cho người hướng dẫn: nhập mã PIN rồi bấm Enter để thoát. Bài đang làm dở được lưu lại.",
    keys_exit_pin: "Enter thoát · Esc quay lại",
    keys_choose_bank_kiosk: "↑/↓ chọn · Enter tiếp tục · ? trợ giúp",
    not_saved_recoverable: "Bài làm của bạn vẫn được lưu tạm trên máy: người hướng dẫn có thể khôi phục kết quả (lệnh union-quiz recover).",
    not_saved_memory: "Bài làm chỉ còn trong cửa sổ này. ĐỪNG ĐÓNG CỬA SỔ; hãy báo ngay cho người hướng dẫn.",
    retry_hint: "Bấm phím R để thử lưu lại.",
    keys_result_unsaved: "R thử lưu lại · ↑/↓ cuộn · Enter người tiếp theo",
    keys_result_memory: "R thử lưu lại · ↑/↓ cuộn",
    autosave_failed: "Không lưu tạm được bài làm — vui lòng báo người hướng dẫn.",
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
    instructions_how: "Each question has choices A, B, C… Press a letter (or 1, 2, 3…) to choose. Press Enter (once you have chosen) or → for the next question, ← for the previous one. Press F2 to flag a question to come back to. You can also click a choice. When you are done, press Esc to open the submit screen, then Enter (or y) to submit.",
    instructions_start: "When you are ready, press Enter to start the clock.",
    instructions_start_untimed: "When you are ready, press Enter to start.",
    no_limit: "no limit",
    untimed: "No time limit",
    time_left: "Time left",
    question_time_left: "This question",
    question_clock_stopped: "This question is done; its clock has stopped",
    choose_one: "Choose one answer",
    choose_all: "Choose all right answers",
    more_below: "▼ More below — scroll or Shift+↓",
    more_below_down: "▼ More below — press ↓",
    more_above: "▲ More above",
    legend: "✓ answered   ! flagged   [ ] current",
    locked: "This question's time is up; its answer can no longer change.",
    right: "Right!",
    partly_right: "Partly right",
    wrong: "Not right.",
    right_answer: "Right answer",
    check_hint: "When you have chosen, press Enter to see the right answer.",
    next_hint: "Press Enter for the next question.",
    enter_unanswered: "No answer chosen yet. Press → to skip this question.",
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
        ("? or F1", "show these keys"),
    ],
    help_choose_bank: &[
        ("↑ / ↓", "choose a quiz"),
        ("Enter", "take the chosen quiz"),
        ("Esc", "leave the app"),
        ("? or F1", "show these keys"),
    ],
    help_identity: &[
        (
            "Letters",
            "type in the field (an input method or pasting works)",
        ),
        ("Enter", "next field; on the last one, continue"),
        ("Tab / Shift+Tab", "next / previous field"),
        (
            "↑ / ↓",
            "in the union field: choose in the list; elsewhere: move",
        ),
        ("Backspace", "erase the last letter"),
        ("Esc", "clear everything; when empty, go back"),
        ("? or F1", "show these keys"),
    ],
    help_instructions: &[
        ("Enter", "start the quiz"),
        ("↑ / ↓", "scroll"),
        ("Esc", "back to your details"),
        ("? or F1", "show these keys"),
    ],
    help_submit: &[
        ("↑ / ↓", "choose \"Submit now\" or a question to go back to"),
        ("Enter", "submit, or go back to the chosen question"),
        ("y", "submit now"),
        ("Esc", "back to the quiz"),
        ("? or F1", "show these keys"),
    ],
    help_result: &[
        ("↑ / ↓", "scroll"),
        ("← / →, PgUp / PgDn", "scroll faster"),
        ("Enter", "done, next member"),
        ("R", "try saving the result again (when it was not saved)"),
        ("? or F1", "show these keys"),
    ],
    help_resume: &[
        ("↑ / ↓", "choose an unfinished quiz"),
        ("Enter", "continue the chosen quiz"),
        ("Esc", "start a new quiz"),
        ("? or F1", "show these keys"),
    ],
    esc_clear: "Esc clear",
    esc_back: "Esc back",
    esc_quit: "Esc quit",
    keys_identity_unit: "Type to search · ↑/↓ choose a union · Enter confirm · Tab/Shift+Tab move",
    keys_identity_last: "Enter continue · Tab/↑/↓ move",
    help_close: "Press any key to close.",
    too_small: "The window is too small. Please make it larger (at least 80 columns × 24 lines).",
    keys_choose_bank: "↑/↓ choose · Enter continue · Esc quit · ? help",
    keys_identity: "Enter next field · Tab/↑/↓ move",
    keys_instructions: "Enter start · Esc back · ? help",
    keys_question: "←/→ prev/next · Enter next · F2 flag · Esc submit · ? help",
    keys_submit: "↑/↓ choose · Enter confirm · y submit · Esc back to the quiz",
    keys_time_up: "Enter see the result",
    keys_result: "↑/↓ scroll · Enter done, next member",
    keys_result_once: "↑/↓ scroll · Enter quit",
    resume_title: "Continue an unfinished quiz",
    resume_hint: "Some quizzes were not finished (a power cut or a closed window, perhaps). If one is yours, choose your name and press Enter to go on: your answers are kept, and so is your time left.",
    resume_new: "Start a new quiz",
    resume_in_use: "This quiz is open in another window.",
    resume_bank_changed: "Cannot continue: the question bank was changed after this quiz began. Please tell the trainer (union-quiz recover).",
    keys_resume: "↑/↓ choose · Enter continue · Esc new quiz · ? help",
    set_pin_title: "Kiosk mode: the trainer's PIN",
    set_pin_body: "The trainer sets a PIN (at least 4 characters). In kiosk mode members cannot leave the app; only the trainer can, with this PIN.",
    set_pin_first: "Type the PIN",
    set_pin_confirm: "Type the PIN again to confirm",
    pin_too_short: "The PIN must have at least 4 characters.",
    pin_mismatch: "The two entries differ. Please start again.",
    pin_wrong: "Wrong PIN.",
    keys_set_pin: "Enter confirm · Esc start again · Ctrl-C quit",
    exit_pin_title: "Leave the app",
    exit_pin_body: "For the trainer: type the PIN and press Enter to leave. A quiz in progress is saved.",
    keys_exit_pin: "Enter leave · Esc back",
    keys_choose_bank_kiosk: "↑/↓ choose · Enter continue · ? help",
    not_saved_recoverable: "Your answers are still kept on this computer: the trainer can recover the result (union-quiz recover).",
    not_saved_memory: "Your answers are only in this window. DO NOT CLOSE IT; tell the trainer now.",
    retry_hint: "Press R to try saving again.",
    keys_result_unsaved: "R try again · ↑/↓ scroll · Enter next member",
    keys_result_memory: "R try again · ↑/↓ scroll",
    autosave_failed: "Your answers cannot be autosaved — please tell the trainer.",
};

/// The strings of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The footer of the question screen, with the letters this question
/// really has: "A–D chọn · ←/→ đổi câu · …". `check`: Enter checks the
/// answer (a practice question with several right answers) instead of
/// moving on.
pub fn keys_question(lang: Lang, choices: usize, check: bool) -> String {
    let letters = match choices {
        0 | 1 => "A".to_owned(),
        n => format!("A–{}", crate::bank::letter(n - 1)),
    };
    let keys = texts(lang).keys_question;
    let keys = if check {
        keys.replace(
            lang.pick("Enter câu tiếp", "Enter next"),
            lang.pick("Enter kiểm tra", "Enter check"),
        )
    } else {
        keys.to_owned()
    };
    format!("{letters} {} · {keys}", lang.pick("chọn", "choose"))
}

/// The footer of the identity screen: the keys of the field being typed
/// in, and what Esc does there now (`None` when it does nothing).
pub fn keys_identity(lang: Lang, unit_list: bool, last: bool, esc: Option<&str>) -> String {
    let t = texts(lang);
    let keys = if unit_list {
        t.keys_identity_unit
    } else if last {
        t.keys_identity_last
    } else {
        t.keys_identity
    };
    let help = lang.pick("? trợ giúp", "? help");
    match esc {
        Some(esc) => format!("{keys} · {esc} · {help}"),
        None => format!("{keys} · {help}"),
    }
}

/// Said when question `n`'s own limit ran out and the attempt moved to
/// question `next` (after the last question it goes round to the first
/// one still open).
pub fn question_time_up(lang: Lang, n: usize, next: usize) -> String {
    match lang {
        Lang::Vi => format!("Hết giờ cho câu {n}; đã chuyển sang câu {next}."),
        Lang::En => format!("Time ran out for question {n}; moved to question {next}."),
    }
}

/// Said on the submit screen when question `n`'s limit ran out and every
/// question left is answered or out of time.
pub fn question_time_up_all_done(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!(
            "Hết giờ cho câu {n}. Các câu còn lại đều đã trả lời: bấm Enter để nộp bài, hoặc Esc để quay lại xem bài."
        ),
        Lang::En => format!(
            "Time ran out for question {n}. Every other question is answered: press Enter to submit, or Esc to go back to your answers."
        ),
    }
}

/// Said when what was typed in `field` was cut at its length cap.
pub fn too_long(lang: Lang, field: Field) -> String {
    match (lang, field) {
        (Lang::Vi, Field::Name) => format!("Tên tối đa {NAME_MAX} ký tự."),
        (Lang::En, Field::Name) => format!("A name has at most {NAME_MAX} characters."),
        (Lang::Vi, Field::Code) => format!("Mã đoàn viên tối đa {CODE_MAX} ký tự."),
        (Lang::En, Field::Code) => format!("A member code has at most {CODE_MAX} characters."),
        (Lang::Vi, Field::Unit) => format!("Tên công đoàn cơ sở tối đa {UNIT_MAX} ký tự."),
        (Lang::En, Field::Unit) => format!("A union name has at most {UNIT_MAX} characters."),
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
pub fn bank_summary(
    lang: Lang,
    questions: usize,
    limit: Option<&str>,
    question_limit: Option<&str>,
) -> String {
    let mut out = format!("{questions} {}", lang.pick("câu", "questions"));
    if let Some(l) = limit {
        out.push_str(&format!(" · {l}"));
    }
    if let Some(q) = question_limit {
        out.push_str(&format!(" · {}", per_question(lang, q)));
    }
    if limit.is_none() && question_limit.is_none() {
        out.push_str(&format!(" · {}", texts(lang).untimed));
    }
    out
}

/// "1 phút mỗi câu": a per-question limit in words, on the bank list and
/// the resume screen.
pub fn per_question(lang: Lang, limit: &str) -> String {
    match lang {
        Lang::Vi => format!("{limit} mỗi câu"),
        Lang::En => format!("{limit} per question"),
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
        limit.unwrap_or(texts(lang).no_limit)
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
        points(lang, pass_percent)
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

/// Said after several wrong PINs, when the next try must wait.
pub fn pin_wait(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::Vi => format!("Sai mã PIN. Vui lòng đợi {secs} giây rồi thử lại."),
        Lang::En => format!("Wrong PIN. Please wait {secs} s and try again."),
    }
}

/// A question on the submit screen whose own time ran out: it cannot be
/// gone back to. "Câu 15: đã hết giờ (chưa trả lời)".
pub fn question_timed_out(lang: Lang, n: usize, unanswered: bool) -> String {
    match (lang, unanswered) {
        (Lang::Vi, true) => format!("Câu {n}: đã hết giờ (chưa trả lời), không làm lại được"),
        (Lang::Vi, false) => format!("Câu {n}: đã hết giờ, không sửa được"),
        (Lang::En, true) => format!("Question {n}: out of time (not answered), cannot be changed"),
        (Lang::En, false) => format!("Question {n}: out of time, cannot be changed"),
    }
}
