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
/// Header: a question's standard deviation, in percent of its points.
pub const COL_Q_SD: Text = t("Độ lệch chuẩn %", "SD %");
/// Header: random guess score.
pub const COL_GUESS: Text = t("Đoán bừa %", "Random guess %");
/// Header: intended weight.
pub const COL_INTENDED: Text = t("Trọng số dự kiến %", "Intended weight %");
/// Header: effective weight.
pub const COL_EFFECTIVE: Text = t("Trọng số thực %", "Effective weight %");
/// Header: discriminative efficiency.
pub const COL_EFFICIENCY: Text = t("Hiệu quả phân biệt %", "Discriminative efficiency %");
/// Header: Cronbach's α.
pub const COL_ALPHA: Text = t("Hệ số α", "Alpha (α)");
/// Header: error ratio.
pub const COL_ERROR_RATIO: Text = t("Tỷ lệ sai số %", "Error ratio %");
/// Header: standard error.
pub const COL_SE: Text = t("Sai số chuẩn", "Standard error");
/// Header: skewness.
pub const COL_SKEWNESS: Text = t("Độ lệch phân bố", "Skewness");
/// Header: kurtosis.
pub const COL_KURTOSIS: Text = t("Độ nhọn", "Kurtosis");
/// Header: a choice's letter.
pub const COL_LETTER: Text = t("Phương án", "Choice");
/// Header: a choice's text.
pub const COL_CHOICE_TEXT: Text = t("Nội dung", "Text");
/// Header: whether a choice is right.
pub const COL_RIGHT: Text = t("Đúng", "Right");
/// Header: how many chose a choice.
pub const COL_CHOSEN: Text = t("Số người chọn", "Chosen");
/// Header: chosen ÷ shown.
pub const COL_CHOSEN_PERCENT: Text = t("% chọn", "% chosen");
/// Header: mean percent of those who chose a choice.
pub const COL_CHOOSERS_MEAN: Text = t("TB % người chọn", "Their mean %");
/// Mark of a right choice (a sign, not a colour).
pub const RIGHT_MARK: Text = t("✓ đúng", "✓ right");
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
/// Flag: Moodle's "likely to need checking".
pub const FLAG_DUBIOUS: Text = t("đáng ngờ", "dubious");
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
/// Sheet name of the charts.
pub const SHEET_CHARTS: Text = t("Biểu đồ", "Charts");
/// Sheet name of the distractor table.
pub const SHEET_CHOICES: Text = t("Phương án", "Choices");
/// Sheet name of the guide, the workbook's first sheet.
pub const SHEET_GUIDE: Text = t("Hướng dẫn đọc", "How to read this");
/// Headers of the guide sheet.
pub const GUIDE_HEADERS: [Text; 2] = [t("Chỉ số", "Figure"), t("Cách đọc", "How to read it")];

/// The guide sheet: each figure, and two plain sentences on how to read it
/// (Moodle's rules of thumb where it gives them).
pub const GUIDE: [(Text, Text); 14] = [
    (
        t("Độ dễ %", "Facility %"),
        t(
            "Tỷ lệ điểm trung bình đoàn viên đạt được ở câu hỏi. Khoảng 35–64 % là vừa sức; dưới 20 % là quá khó, trên 95 % là quá dễ.",
            "The mean score members got on the question, as a percent of its points. About 35–64 % is right; under 20 % is too hard, over 95 % too easy.",
        ),
    ),
    (
        t("Độ lệch chuẩn %", "SD %"),
        t(
            "Điểm của câu hỏi phân tán đến đâu giữa các đoàn viên. Gần 0 nghĩa là mọi người làm như nhau, câu hỏi không phân loại được ai.",
            "How much members' scores on the question differ. Near 0 means everyone did the same, so the question tells no one apart.",
        ),
    ),
    (
        t("Đoán bừa %", "Random guess %"),
        t(
            "Điểm một người chọn bừa một phương án sẽ đạt được (100 chia số phương án). Nếu độ dễ không cao hơn con số này nhiều, câu hỏi chỉ đo may rủi.",
            "The score of someone choosing one choice at random (100 divided by the number of choices). If the facility is not well above it, the question measures luck.",
        ),
    ),
    (
        t("Trọng số dự kiến %", "Intended weight %"),
        t(
            "Phần điểm của câu hỏi trong tổng điểm bài, theo số điểm người soạn đặt. Các câu cùng điểm có trọng số dự kiến như nhau.",
            "The question's share of the total, from the points the author gave it. Questions worth the same points have the same intended weight.",
        ),
    ),
    (
        t("Trọng số thực %", "Effective weight %"),
        t(
            "Phần câu hỏi thực sự đóng góp vào sự chênh lệch tổng điểm giữa các đoàn viên. Khác xa trọng số dự kiến nghĩa là câu hỏi quyết định thứ hạng nhiều hơn hoặc ít hơn dự định.",
            "The question's actual share in how totals differ between members. Far from the intended weight, it decides rankings more or less than planned.",
        ),
    ),
    (
        t("Độ phân biệt", "Discrimination"),
        t(
            "Tương quan giữa điểm câu hỏi và điểm phần còn lại của bài, từ −1 đến 1 (Moodle nhân 100). Dưới 0,2 là phân biệt kém; âm nghĩa là người giỏi lại hay sai, cần xem lại đáp án.",
            "The correlation of the question's score with the rest of the attempt, −1 to 1 (Moodle shows it × 100). Under 0.2 is poor; negative means strong members get it wrong, so check the key.",
        ),
    ),
    (
        t("Hiệu quả phân biệt %", "Discriminative efficiency %"),
        t(
            "Độ phân biệt so với mức cao nhất mà độ dễ của câu hỏi cho phép. Dưới 15 % (hoặc độ phân biệt âm) thì câu hỏi bị đánh dấu “đáng ngờ”.",
            "Discrimination as a share of the most the question's facility allows. Under 15 % (or a negative discrimination) marks the question “dubious”.",
        ),
    ),
    (
        t("Phương án: TB % người chọn", "Choices: their mean %"),
        t(
            "Điểm trung bình cả bài của những người chọn phương án đó. Một phương án sai mà người điểm cao hay chọn là phương án gây nhầm, nên sửa lời.",
            "The mean percent of the whole attempt of those who chose that choice. A wrong choice that strong members pick misleads them and needs rewording.",
        ),
    ),
    (
        t("Hệ số α (Cronbach)", "Alpha (Cronbach's α)"),
        t(
            "Độ nhất quán của cả bài: các câu hỏi có cùng đo một năng lực không. Trên 0,75 là tốt, dưới 0,64 là yếu; cần ít nhất 30 lượt làm bài để kết luận.",
            "How consistently the questions measure one ability. Above 0.75 is good, below 0.64 weak; at least 30 attempts are needed to judge.",
        ),
    ),
    (
        t("Tỷ lệ sai số %", "Error ratio %"),
        t(
            "Phần chênh lệch điểm giữa các đoàn viên là do ngẫu nhiên chứ không do năng lực, tính từ hệ số α. Càng thấp càng tốt: α càng cao thì tỷ lệ này càng nhỏ.",
            "The share of the spread of scores that is noise rather than ability, from α. The lower the better: the higher α, the smaller it is.",
        ),
    ),
    (
        t("Sai số chuẩn", "Standard error"),
        t(
            "Điểm của một người có thể lệch khoảng bấy nhiêu điểm phần trăm so với năng lực thật. Hai người chênh nhau ít hơn con số này thì chưa thể nói ai hơn ai.",
            "About how many percentage points a member's score may be off their true ability. Two members closer than this cannot be told apart.",
        ),
    ),
    (
        t("Độ lệch phân bố", "Skewness"),
        t(
            "Hình dạng phân bố điểm: âm khi phần lớn đạt điểm cao, dương khi phần lớn đạt điểm thấp. Gần 0 là phân bố cân đối hai bên.",
            "The shape of the distribution: negative when most score high, positive when most score low. Near 0, the distribution is balanced.",
        ),
    ),
    (
        t("Độ nhọn", "Kurtosis"),
        t(
            "Điểm tập trung quanh mức trung bình đến đâu so với phân bố chuẩn (0). Dương là dồn cục, âm là trải đều.",
            "How much scores bunch around the mean compared with a normal distribution (0). Positive is bunched, negative spread out.",
        ),
    ),
    (
        t("Tỷ lệ dự thi %", "Participation %"),
        t(
            "Số đoàn viên đã làm bài chia cho số đoàn viên của công đoàn cơ sở trong danh sách. Đơn vị chưa ai dự thi nằm cuối bảng.",
            "Members who took the quiz divided by the unit's head count in the roster. Units with no participant yet are listed last.",
        ),
    ),
];

/// Title of a bank's histogram chart.
pub fn chart_histogram(lang: Lang, bank: &str) -> String {
    match lang {
        Lang::Vi => format!("Phân bố điểm — {bank}"),
        Lang::En => format!("Distribution of percents — {bank}"),
    }
}

/// Title of a bank's units chart.
pub fn chart_units(lang: Lang, bank: &str) -> String {
    match lang {
        Lang::Vi => format!("Công đoàn cơ sở theo điểm TB — {bank}"),
        Lang::En => format!("Units by mean percent — {bank}"),
    }
}

/// Title of a bank's facility chart.
pub fn chart_facility(lang: Lang, bank: &str) -> String {
    match lang {
        Lang::Vi => format!("Độ dễ từng câu — {bank}"),
        Lang::En => format!("Facility by question — {bank}"),
    }
}

/// Axis: number of members.
pub const AXIS_MEMBERS: Text = t("Số đoàn viên", "Members");
/// Axis: percent range.
pub const AXIS_RANGE: Text = t("Khoảng điểm %", "Percent range");
/// Axis: question number.
pub const AXIS_QUESTION: Text = t("Câu", "Question");

/// The distractor table's heading for one question.
pub fn question_heading(lang: Lang, bank: &str, number: u32, id: &str, key: &str) -> String {
    match lang {
        Lang::Vi => format!("{bank} · Câu {number} ({id}) · đáp án {key}"),
        Lang::En => format!("{bank} · Question {number} ({id}) · key {key}"),
    }
}

/// The bank view's note when a bank has too few members to judge by.
pub fn few_attempts(lang: Lang, bank: &str, members: u32) -> String {
    match lang {
        Lang::Vi => format!(
            "Lưu ý: bộ đề {bank} mới có {members} đoàn viên được tính (dưới 30): hệ số α, độ lệch phân bố và độ nhọn chưa đủ cơ sở để kết luận."
        ),
        Lang::En => format!(
            "Note: bank {bank} has only {members} members counted (under 30): alpha, skewness and kurtosis are too uncertain to judge by."
        ),
    }
}

/// Why a bank has no α: its bank file was not found.
pub const NO_ALPHA_NO_BANK: Text = t(
    "không tìm thấy tệp bộ đề để chấm lại từng câu (dùng --bank)",
    "the bank file was not found to score each question (use --bank)",
);
/// Why a bank has no α: attempts drew different questions.
pub const NO_ALPHA_DRAWN: Text = t(
    "mỗi lượt làm bài rút những câu khác nhau (pick), mà hệ số α cần cùng một bộ câu",
    "attempts drew different questions (pick), and alpha needs the same questions in every attempt",
);
/// Why a bank has no α: too few attempts or questions.
pub const NO_ALPHA_TOO_FEW: Text = t(
    "cần ít nhất 3 lượt làm bài và 2 câu hỏi",
    "at least 3 attempts and 2 questions are needed",
);
/// Why a bank has no α: every total is the same.
pub const NO_ALPHA_NO_VARIANCE: Text = t(
    "mọi lượt làm bài có cùng tổng điểm",
    "every attempt has the same total",
);

/// The bank view's note when a bank has no α, `reason` one of the
/// `NO_ALPHA_*` texts.
pub fn no_alpha(lang: Lang, bank: &str, reason: Text) -> String {
    let reason = reason.get(lang);
    match lang {
        Lang::Vi => format!("Bộ đề {bank}: không tính hệ số α: {reason}."),
        Lang::En => format!("Bank {bank}: no alpha: {reason}."),
    }
}

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
/// Board column: participation rate (with a roster).
pub const BOARD_COL_PARTICIPATION: Text = t("Dự thi %", "Took %");
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
/// `units` is, with a roster, the units with a participant and the units
/// in the roster.
pub fn board_summary(
    lang: Lang,
    attempts: usize,
    passed: usize,
    bad: usize,
    units: Option<(usize, usize)>,
) -> String {
    let mut s = match lang {
        Lang::Vi => format!("{attempts} bài · {passed} đạt"),
        Lang::En => format!(
            "{attempts} {} · {passed} passed",
            if attempts == 1 { "attempt" } else { "attempts" }
        ),
    };
    if let Some((present, all)) = units {
        s.push_str(&match lang {
            Lang::Vi => format!(" · {present}/{all} CĐCS dự thi"),
            Lang::En => format!(" · {present}/{all} units took part"),
        });
    }
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
            board_summary(Lang::En, 1, 0, 1, None),
            "1 attempt · 0 passed · 1 bad row skipped"
        );
        assert_eq!(
            board_summary(Lang::En, 2, 1, 3, Some((3, 87))),
            "2 attempts · 1 passed · 3/87 units took part · 3 bad rows skipped"
        );
        assert_eq!(board_summary(Lang::Vi, 1, 1, 0, None), "1 bài · 1 đạt");
        assert_eq!(
            board_summary(Lang::Vi, 6, 4, 0, Some((3, 4))),
            "6 bài · 4 đạt · 3/4 CĐCS dự thi"
        );
    }
}
