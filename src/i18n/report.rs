//! Strings of `union-quiz report` and `union-quiz board`.
//!
//! Words follow the union's usage: a member is an "đoàn viên", a unit a
//! "công đoàn cơ sở" (CĐCS), a bank a "bộ đề", an attempt a "lượt làm bài".

use std::path::Path;

use super::Lang;
use crate::results::{BadReason, COLUMNS, FieldKind};

/// A string in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// Vietnamese, with full diacritics.
    pub vi: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// The string in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

const fn t(vi: &'static str, en: &'static str) -> Text {
    Text { vi, en }
}

// Column headers, shared by the table, the workbook and the board.
/// Header: the bank's id.
pub const COL_BANK: Text = t("Bộ đề", "Bank");
/// Header: the bank's title.
pub const COL_TITLE: Text = t("Tên bộ đề", "Title");
/// Header: rank.
pub const COL_RANK: Text = t("Hạng", "Rank");
/// Header: the member's name.
pub const COL_NAME: Text = t("Họ và tên", "Name");
/// Header: the member's code.
pub const COL_CODE: Text = t("Mã ĐV", "Code");
/// Header: the unit.
pub const COL_UNIT: Text = t("Công đoàn cơ sở", "Unit");
/// Header: points scored.
pub const COL_SCORE: Text = t("Điểm", "Score");
/// Header: points available.
pub const COL_MAX: Text = t("Tối đa", "Max");
/// Header: percent.
pub const COL_PERCENT: Text = t("%", "%");
/// Header: passed or not.
pub const COL_PASSED: Text = t("Kết quả", "Result");
/// Header: time used (table: m:ss).
pub const COL_TIME: Text = t("Thời gian", "Time used");
/// Header: how many attempts a member made at a bank.
pub const COL_ATTEMPTS: Text = t("Số lượt", "Attempts");
/// Header: participants of a unit.
pub const COL_PARTICIPANTS: Text = t("Dự thi", "Participants");
/// Header: a unit's head count from the roster.
pub const COL_MEMBERS: Text = t("Số ĐV", "Members");
/// Header: participation rate.
pub const COL_PARTICIPATION: Text = t("Tỷ lệ dự thi %", "Participation %");
/// Header: mean percent.
pub const COL_MEAN: Text = t("TB %", "Mean %");
/// Header: median percent.
pub const COL_MEDIAN: Text = t("Trung vị %", "Median %");
/// Header: standard deviation.
pub const COL_SD: Text = t("Độ lệch chuẩn (n−1)", "Std dev (n−1)");
/// Header: pass rate.
pub const COL_PASS_RATE: Text = t("Tỷ lệ đạt %", "Pass rate %");
/// Header: members counted in a bank's statistics.
pub const COL_COUNTED: Text = t("Đoàn viên", "Members");
/// Header: a question's number in the bank.
pub const COL_NUMBER: Text = t("Câu", "No.");
/// Header: a question's id.
pub const COL_QUESTION: Text = t("Mã câu", "Question");
/// Header: the right letters.
pub const COL_KEY: Text = t("Đáp án", "Key");
/// Header: times a question was shown.
pub const COL_SHOWN: Text = t("Số lần ra", "Shown");
/// Header: facility.
pub const COL_FACILITY: Text = t("Độ dễ %", "Facility %");
/// Header: discrimination index.
pub const COL_DISCRIMINATION: Text = t("Độ phân biệt", "Discrimination");
/// Header: unanswered count.
pub const COL_BLANK: Text = t("Bỏ trống", "Blank");
/// Header: flags.
pub const COL_FLAGS: Text = t("Cần xem lại", "Review");
/// Header: a histogram bin.
pub const COL_BIN: Text = t("Khoảng %", "Range %");
/// Header: a count.
pub const COL_COUNT: Text = t("Số bài", "Count");

/// A passed attempt (the quiz screen's word).
pub const PASSED: Text = t("Đạt", "Passed");
/// A failed attempt: "Chưa đạt" ("not yet passed"), as the member read it on
/// the quiz screen; one word for one verdict.
pub const FAILED: Text = t("Chưa đạt", "Not passed");

/// Flag: negative discrimination.
pub const FLAG_NEGATIVE: Text = t("phân biệt âm", "negative discrimination");
/// Flag: low discrimination.
pub const FLAG_LOW: Text = t("phân biệt thấp", "low discrimination");
/// Flag: facility under 20%.
pub const FLAG_HARD: Text = t("quá khó", "too hard");
/// Flag: facility over 95%.
pub const FLAG_EASY: Text = t("quá dễ", "too easy");

/// Sheet name of the member view (≤ 31 characters).
pub const SHEET_MEMBERS: Text = t("Đoàn viên", "Members");
/// Sheet name of the unit view.
pub const SHEET_UNITS: Text = t("Công đoàn cơ sở", "Units");
/// Sheet name of the question view.
pub const SHEET_QUESTIONS: Text = t("Câu hỏi", "Questions");
/// Sheet name of the bank view.
pub const SHEET_BANKS: Text = t("Bộ đề", "Banks");

/// Title above a bank's histogram in the table.
pub fn histogram_title(lang: Lang, bank: &str) -> String {
    match lang {
        Lang::Vi => format!("Phân bố điểm — {bank}"),
        Lang::En => format!("Distribution of percents — {bank}"),
    }
}

/// Shown when there is nothing to report.
pub const NO_RESULTS: Text = t("Chưa có kết quả nào.", "No results yet.");

/// A bad row, skipped: `PATH:LINE: …`.
pub fn bad_row(lang: Lang, path: &Path, line: u64, message: &str) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("{path}:{line}: bỏ qua dòng lỗi: {message}"),
        Lang::En => format!("{path}:{line}: bad row skipped: {message}"),
    }
}

/// How much of a bad field a message quotes, in characters.
const QUOTED_MAX: usize = 40;

/// A field as quoted in a message: without control characters (a hand-edited
/// file must not move the cursor) and cut to [`QUOTED_MAX`] characters.
fn quoted(value: &str) -> String {
    let clean = crate::text::clean_line(value);
    if clean.chars().count() > QUOTED_MAX {
        format!("{}…", crate::text::truncate_chars(&clean, QUOTED_MAX))
    } else {
        clean
    }
}

/// Why a row was skipped, for a person in `lang`; a field is named by its
/// column's header name, as the trainer sees it in the spreadsheet.
pub fn bad_row_reason(lang: Lang, reason: &BadReason) -> String {
    match (reason, lang) {
        (BadReason::ColumnCount { found, expected }, Lang::Vi) => {
            format!("{found} cột thay vì {expected}")
        }
        (BadReason::ColumnCount { found, expected }, Lang::En) => {
            format!("{found} columns instead of {expected}")
        }
        (
            BadReason::Field {
                column,
                value,
                kind,
            },
            _,
        ) => {
            let value = quoted(value);
            match (kind, lang) {
                (FieldKind::Number, Lang::Vi) => {
                    format!("cột \"{column}\": \"{value}\" không phải là số")
                }
                (FieldKind::Number, Lang::En) => {
                    format!("column \"{column}\": \"{value}\" is not a number")
                }
                (FieldKind::WholeNumber, Lang::Vi) => {
                    format!("cột \"{column}\": \"{value}\" không phải là số nguyên không âm")
                }
                (FieldKind::WholeNumber, Lang::En) => {
                    format!("column \"{column}\": \"{value}\" is not a whole number")
                }
                (FieldKind::TrueFalse, Lang::Vi) => {
                    format!("cột \"{column}\": \"{value}\" phải là true hoặc false")
                }
                (FieldKind::TrueFalse, Lang::En) => {
                    format!("column \"{column}\": \"{value}\" must be true or false")
                }
                (FieldKind::Text, Lang::Vi) => {
                    format!("cột \"{column}\": không đọc được \"{value}\"")
                }
                (FieldKind::Text, Lang::En) => {
                    format!("column \"{column}\": cannot read \"{value}\"")
                }
            }
        }
        (BadReason::NotResultsHeader, Lang::Vi) => {
            "dòng tiêu đề không phải tiêu đề của tệp kết quả".to_owned()
        }
        (BadReason::NotResultsHeader, Lang::En) => {
            format!(
                "the header is not the results header ({})",
                COLUMNS.join(",")
            )
        }
        (BadReason::NotUtf8, Lang::Vi) => {
            "dòng không phải văn bản UTF-8 (tệp bị hỏng hoặc đã lưu bằng bảng mã khác)".to_owned()
        }
        (BadReason::NotUtf8, Lang::En) => {
            "the line is not UTF-8 text (a damaged file, or saved in another encoding)".to_owned()
        }
        (BadReason::BrokenCsv { .. }, Lang::Vi) => "dòng CSV bị hỏng".to_owned(),
        (BadReason::BrokenCsv { .. }, Lang::En) => "broken CSV line".to_owned(),
    }
}

/// Rows sharing an attempt_id, counted once.
pub fn duplicates(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} dòng trùng mã lượt làm bài (attempt_id) chỉ được tính một lần"),
        Lang::En => format!("{n} rows with a repeated attempt_id counted once"),
    }
}

/// A results file that does not exist or cannot be read.
pub fn unreadable(lang: Lang, path: &Path, reason: &str) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("lỗi: không đọc được tệp kết quả {path}: {reason}"),
        Lang::En => format!("error: cannot read the results file {path}: {reason}"),
    }
}

/// A results path that does not exist.
pub fn missing(lang: Lang, path: &Path) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!(
            "lỗi: không có tệp kết quả {path}\n  gợi ý: chỉ đường dẫn tới tệp .csv hoặc thư mục chứa các tệp kết quả"
        ),
        Lang::En => format!(
            "error: no results file {path}\n  hint: give the path of a .csv file or of a folder of results files"
        ),
    }
}

/// A folder without results files.
pub fn empty_folder(lang: Lang, path: &Path) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("lỗi: thư mục {path} không có tệp .csv nào"),
        Lang::En => format!("error: the folder {path} holds no .csv file"),
    }
}

/// Rows with a number that is not finite, skipped.
pub fn not_finite(lang: Lang, attempt_id: &str) -> String {
    match lang {
        Lang::Vi => format!("bỏ qua lượt làm bài {attempt_id}: điểm hoặc phần trăm không hợp lệ"),
        Lang::En => format!("skipped attempt {attempt_id}: score or percent is not a number"),
    }
}

/// Question statistics without the bank file: an error when the view has
/// nothing left to show (`fatal`), else a warning.
pub fn bank_not_found(lang: Lang, bank_id: &str, fatal: bool) -> String {
    let level = match (lang, fatal) {
        (Lang::Vi, true) => "lỗi",
        (Lang::Vi, false) => "cảnh báo",
        (Lang::En, true) => "error",
        (Lang::En, false) => "warning",
    };
    match lang {
        Lang::Vi => format!(
            "{level}: không tìm thấy tệp bộ đề \"{bank_id}\" trong quizzes/\n  gợi ý: chỉ tệp bộ đề bằng --bank ĐƯỜNG_DẪN"
        ),
        Lang::En => format!(
            "{level}: bank \"{bank_id}\" not found in quizzes/\n  hint: give the bank file with --bank PATH"
        ),
    }
}

/// `--output` with a name that is not `.xlsx`.
pub fn output_not_xlsx(lang: Lang, path: &Path) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!(
            "lỗi: --output ghi bảng tính Excel, tên tệp phải có đuôi .xlsx: {path}\n  gợi ý: để có CSV, dùng --format csv > TỆP.csv"
        ),
        Lang::En => format!(
            "error: --output writes an Excel workbook, its name must end in .xlsx: {path}\n  hint: for CSV, use --format csv > FILE.csv"
        ),
    }
}

/// A bank file that does not load.
pub fn bank_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("lỗi: không đọc được tệp bộ đề:\n{detail}"),
        Lang::En => format!("error: cannot load the bank:\n{detail}"),
    }
}

/// A roster file that does not load.
pub fn roster_error(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Vi => format!("lỗi: không đọc được danh sách công đoàn cơ sở:\n{detail}"),
        Lang::En => format!("error: cannot load the roster:\n{detail}"),
    }
}

/// The bank has no attempt in the results.
pub fn no_attempts_for_bank(lang: Lang, bank_id: &str) -> String {
    match lang {
        Lang::Vi => format!("cảnh báo: không có lượt làm bài nào của bộ đề \"{bank_id}\""),
        Lang::En => format!("warning: no attempt at bank \"{bank_id}\""),
    }
}

/// The bank file changed since some attempts were made.
pub fn sha_mismatch(
    lang: Lang,
    bank_id: &str,
    path: &Path,
    attempts: usize,
    total: usize,
) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!(
            "cảnh báo: tệp bộ đề {path} (\"{bank_id}\") đã thay đổi sau khi làm bài: mã băm sha256 khác với {attempts}/{total} lượt làm bài.\n  Số liệu từng câu vẫn được tính theo tệp hiện tại và có thể không đúng nếu đáp án đã sửa."
        ),
        Lang::En => format!(
            "warning: the bank file {path} (\"{bank_id}\") changed after the attempts: its sha256 differs from {attempts} of {total} attempts.\n  Question statistics are computed from the current file and may be wrong if answers were changed."
        ),
    }
}

/// Questions in the answers that the bank does not have.
pub fn unknown_questions(lang: Lang, bank_id: &str, ids: &str) -> String {
    match lang {
        Lang::Vi => format!("cảnh báo: bộ đề \"{bank_id}\" không có các câu: {ids} (bỏ qua)"),
        Lang::En => format!("warning: bank \"{bank_id}\" has no question {ids} (ignored)"),
    }
}

/// The workbook was written.
pub fn wrote_workbook(lang: Lang, path: &Path, sheets: usize) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("Đã ghi {path} ({sheets} trang tính)"),
        Lang::En => format!("Wrote {path} ({sheets} sheets)"),
    }
}

/// The workbook could not be written.
pub fn workbook_error(lang: Lang, path: &Path, reason: &str) -> String {
    let path = path.display();
    match lang {
        Lang::Vi => format!("lỗi: không ghi được {path}: {reason}"),
        Lang::En => format!("error: cannot write {path}: {reason}"),
    }
}

/// The question sheet was left out of the workbook.
pub const NO_QUESTION_SHEET: Text = t(
    "cảnh báo: không có tệp bộ đề, bỏ trang tính Câu hỏi",
    "warning: no bank file, the Questions sheet is left out",
);

// The board.
/// The board's title.
pub const BOARD_TITLE: Text = t("BẢNG XẾP HẠNG", "LEADERBOARD");
/// The board's members panel.
pub const BOARD_MEMBERS: Text = t("Đoàn viên dẫn đầu", "Top members");
/// The board's units panel.
pub const BOARD_UNITS: Text = t("Công đoàn cơ sở dẫn đầu", "Top units");
/// The board's histogram panel.
pub const BOARD_HISTOGRAM: Text = t("Phân bố điểm (%)", "Distribution of percents");
/// Board column: the unit (the panel is narrow).
pub const BOARD_COL_UNIT: Text = t("CĐCS", "Unit");
/// Board column: time used, as m:ss.
pub const BOARD_COL_TIME: Text = t("T.gian", "Time");
/// Board column: members of a unit who took the quiz.
pub const BOARD_COL_PARTICIPANTS: Text = t("Dự thi", "Count");
/// The board's keys, with one bank in the file.
pub const BOARD_KEYS: Text = t("q, Esc: thoát", "q, Esc: quit");
/// The board's keys, with several banks to switch between.
pub const BOARD_KEYS_SWITCH: Text = t(
    "←/→ Tab: đổi bộ đề · q: thoát",
    "←/→ Tab: switch bank · q: quit",
);

/// Which bank the board shows: its place among the file's banks (`None`
/// for a chosen bank without rows yet), its id, and whether it follows the
/// newest attempt or was chosen.
pub fn board_bank(
    lang: Lang,
    position: Option<usize>,
    banks: usize,
    id: &str,
    following: bool,
) -> String {
    let place = position.map_or_else(|| "—".to_owned(), |i| (i + 1).to_string());
    match (lang, following) {
        (Lang::Vi, true) => format!("Bộ đề {place}/{banks}: {id} (theo bài mới nhất)"),
        (Lang::Vi, false) => format!("Bộ đề {place}/{banks}: {id} (đã chọn)"),
        (Lang::En, true) => format!("Bank {place}/{banks}: {id} (following the newest)"),
        (Lang::En, false) => format!("Bank {place}/{banks}: {id} (chosen)"),
    }
}
/// The board before any row arrives.
pub const BOARD_WAITING: Text = t(
    "Đang chờ kết quả đầu tiên…",
    "Waiting for the first result…",
);
/// The board on a terminal that is too small.
pub const BOARD_TOO_SMALL: Text = t(
    "Cửa sổ quá nhỏ: cần ít nhất 80×24",
    "Window too small: 80×24 needed",
);

/// The board's summary line.
pub fn board_summary(lang: Lang, attempts: usize, passed: usize, bad: usize) -> String {
    let mut s = match lang {
        Lang::Vi => format!("{attempts} bài · {passed} đạt"),
        Lang::En => format!(
            "{attempts} {} · {passed} passed",
            if attempts == 1 { "attempt" } else { "attempts" }
        ),
    };
    if bad > 0 {
        s.push_str(&match lang {
            Lang::Vi => format!(" · {bad} dòng lỗi bỏ qua"),
            Lang::En => format!(
                " · {bad} bad {} skipped",
                if bad == 1 { "row" } else { "rows" }
            ),
        });
    }
    s
}

/// The terminal could not be used.
pub fn terminal_error(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Vi => format!("lỗi: không dùng được màn hình: {reason}"),
        Lang::En => format!("error: terminal: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_summary_counts_in_singular_and_plural() {
        assert_eq!(
            board_summary(Lang::En, 1, 0, 1),
            "1 attempt · 0 passed · 1 bad row skipped"
        );
        assert_eq!(
            board_summary(Lang::En, 2, 1, 3),
            "2 attempts · 1 passed · 3 bad rows skipped"
        );
        assert_eq!(board_summary(Lang::Vi, 1, 1, 0), "1 bài · 1 đạt");
    }
}
