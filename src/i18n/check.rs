//! Strings of `union-quiz check` and its diagnostics.
//!
//! Messages name the key as the trainer wrote it (`answer`, `choices`), since
//! that is what they will look for in the file.

use serde::Serialize;

use crate::bank::BankError;
use crate::bank::check::Report;
use crate::bank::diag::{Diagnostic, DiagnosticJson, Expected, Hint, Problem, Severity, Utf16};
use crate::i18n::Lang;

/// The JSON document of `check --format json`.
#[derive(Debug, Serialize)]
struct ReportJson {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson>,
}

// The bank's types are rendered here, in the language asked for, so that
// nothing under `bank/` holds or picks a string.
impl Diagnostic {
    /// The message in `lang`.
    /// Text from the file is repeated safely (see `Problem::shown`).
    pub fn message(&self, lang: Lang) -> String {
        problem(&self.problem.shown(), lang)
    }

    /// The hint in `lang`, if any.
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        self.hint.map(|h| hint(h, lang).to_owned())
    }

    /// `PATH:LINE:COL: lỗi: message`, then the hint indented on its own
    /// line when there is one.
    pub fn render(&self, lang: Lang) -> String {
        let path = self.path.display().to_string();
        let mut out: String = path
            .chars()
            .map(|c| {
                if crate::text::is_forbidden_control(c) {
                    '?'
                } else {
                    c
                }
            })
            .collect();
        if self.line > 0 {
            out.push_str(&format!(":{}:{}", self.line, self.col));
        }
        out.push_str(&format!(
            ": {}: {}",
            severity(self.severity, lang),
            self.message(lang)
        ));
        if let Some(hint) = self.hint_text(lang) {
            out.push_str("\n    ");
            out.push_str(&hint);
        }
        out
    }

    /// The diagnostic for tools: stable field names and codes.
    pub fn to_json(&self, lang: Lang) -> DiagnosticJson {
        DiagnosticJson {
            path: self.path.display().to_string(),
            line: self.line,
            column: self.col,
            severity: self.severity,
            code: self.code(),
            message: self.message(lang),
            hint: self.hint_text(lang),
        }
    }
}

impl BankError {
    /// The header line and every diagnostic, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        let mut out = bank_error_header(&self.path, errors, lang);
        for d in &self.diagnostics {
            out.push('\n');
            out.push_str(&d.render(lang));
        }
        out
    }
}

impl Report {
    /// Each diagnostic with its hint, then the summary line.
    pub fn render_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out.push_str(&summary(self.files, self.errors(), self.warnings(), lang));
        out.push('\n');
        out
    }

    /// The same diagnostics as JSON, with stable field names and codes.
    pub fn render_json(&self, lang: Lang) -> String {
        let doc = ReportJson {
            files: self.files,
            errors: self.errors(),
            warnings: self.warnings(),
            diagnostics: self.diagnostics.iter().map(|d| d.to_json(lang)).collect(),
        };
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned());
        s.push('\n');
        s
    }
}

/// "lỗi" / "error", "cảnh báo" / "warning".
pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("lỗi", "error"),
        Severity::Warning => lang.pick("cảnh báo", "warning"),
    }
}

fn expected(e: Expected, lang: Lang) -> &'static str {
    match e {
        Expected::Text => lang.pick("một đoạn chữ", "a piece of text"),
        Expected::List => lang.pick(
            "một danh sách (mỗi mục một dòng bắt đầu bằng \"- \")",
            "a list (one \"- \" line per item)",
        ),
        Expected::Mapping => lang.pick(
            "một nhóm dòng \"khóa: giá trị\"",
            "a group of \"key: value\" lines",
        ),
        Expected::Bool => lang.pick("true hoặc false", "true or false"),
        Expected::WholeNumber => lang.pick("một số nguyên", "a whole number"),
        Expected::Number => lang.pick("một số", "a number"),
    }
}

/// Vietnamese for the messages libyaml and saphyr give most often; others
/// are shown as the parser wrote them.
fn syntax(message: &str, lang: Lang) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "mapping values are not allowed",
            "dấu \":\" không được phép ở đây",
        ),
        (
            "found character that cannot start any token",
            "gặp ký tự không thể bắt đầu một mục",
        ),
        ("could not find expected ':'", "thiếu dấu \":\" sau khóa"),
        ("simple key expect ':'", "thiếu dấu \":\" sau khóa"),
        (
            "did not find expected key",
            "không tìm thấy khóa ở vị trí này",
        ),
        (
            "did not find expected '-' indicator",
            "không tìm thấy dấu \"-\" của mục danh sách",
        ),
        (
            "did not find expected node content",
            "thiếu nội dung ở vị trí này",
        ),
        (
            "block sequence entries are not allowed",
            "mục danh sách \"-\" không được phép ở đây",
        ),
        ("found a tab character", "có ký tự Tab ở chỗ thụt lề"),
        ("tabs disallowed", "có ký tự Tab ở chỗ thụt lề"),
        (
            "found unexpected end of stream",
            "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng?)",
        ),
        (
            "control characters are not allowed",
            "tệp chứa ký tự điều khiển",
        ),
        (
            "found unknown escape character",
            "chuỗi thoát \"\\\" không hợp lệ trong chữ đặt trong nháy kép",
        ),
        (
            "unknown anchor",
            "bí danh \"*\" trỏ tới tên chưa định nghĩa",
        ),
        ("found undefined tag handle", "thẻ \"!\" không hợp lệ"),
        (
            "did not find expected ',' or ']'",
            "thiếu dấu \",\" hoặc \"]\" trong danh sách [ ]",
        ),
        (
            "did not find expected ',' or '}'",
            "thiếu dấu \",\" hoặc \"}\" trong nhóm { }",
        ),
        ("recursion limit exceeded", "lồng nhau quá sâu"),
    ];
    match lang {
        Lang::En => format!("invalid YAML syntax: {message}"),
        Lang::Vi => {
            let lower = message.to_lowercase();
            match KNOWN.iter().find(|(en, _)| lower.contains(en)) {
                Some((_, vi)) => format!("sai cú pháp YAML: {vi}"),
                None => format!("sai cú pháp YAML: {message}"),
            }
        }
    }
}

/// The letters of `n` choices: "A–D", or "A" alone.
fn letter_range(n: usize) -> String {
    match n {
        0 | 1 => "A".to_owned(),
        n => format!("A–{}", crate::bank::letter(n - 1)),
    }
}

fn letters(allowed: &[&str]) -> String {
    allowed.join(", ")
}

fn char_name(ch: char) -> String {
    match ch {
        '\t' => "Tab".to_owned(),
        c => format!("U+{:04X}", u32::from(c)),
    }
}

/// The message of a problem.
pub fn problem(p: &Problem, lang: Lang) -> String {
    use Lang::{En, Vi};
    match (p, lang) {
        (Problem::Io(e), Vi) => format!("không đọc được tệp: {e}"),
        (Problem::Io(e), En) => format!("cannot read the file: {e}"),
        (Problem::TooLarge { bytes }, Vi) => format!(
            "tệp quá lớn ({} MiB); giới hạn là 10 MiB",
            bytes.div_ceil(1024 * 1024)
        ),
        (Problem::TooLarge { bytes }, En) => format!(
            "file too large ({} MiB); the limit is 10 MiB",
            bytes.div_ceil(1024 * 1024)
        ),
        (Problem::NotUtf8 { offset }, Vi) => {
            format!("tệp không phải UTF-8 (byte sai đầu tiên ở vị trí {offset})")
        }
        (Problem::NotUtf8 { offset }, En) => {
            format!("the file is not UTF-8 (first bad byte at offset {offset})")
        }
        (Problem::Utf16(encoding), lang) => {
            // Notepad's own names: today's, then those of older versions.
            let (name, old) = match encoding {
                Utf16::Le => ("UTF-16 LE", "Unicode"),
                Utf16::Be => ("UTF-16 BE", "Unicode big endian"),
            };
            match lang {
                Vi => format!(
                    "tệp được lưu với mã hóa {name} (Notepad: \"{name}\" hoặc \"{old}\"), không phải UTF-8"
                ),
                En => format!(
                    "the file is saved as {name} (Notepad: \"{name}\" or \"{old}\"), not UTF-8"
                ),
            }
        }
        (Problem::Syntax { message }, lang) => syntax(message, lang),
        (Problem::DuplicateKey { key }, Vi) => format!("khóa \"{key}\" xuất hiện hai lần"),
        (Problem::DuplicateKey { key }, En) => format!("key \"{key}\" appears twice"),
        (Problem::AliasExpansion, Vi) => {
            "bí danh YAML (*tên) mở rộng quá lớn; tệp bị từ chối".to_owned()
        }
        (Problem::AliasExpansion, En) => {
            "YAML aliases (*name) expand too much; file refused".to_owned()
        }
        (Problem::SeveralDocuments, Vi) => {
            "tệp có nhiều hơn một tài liệu YAML (dòng \"---\")".to_owned()
        }
        (Problem::SeveralDocuments, En) => {
            "the file holds more than one YAML document (\"---\" line)".to_owned()
        }
        (Problem::TooManyNodes { limit }, Vi) => {
            format!("tệp có quá nhiều mục (hơn {limit}); tệp bị từ chối")
        }
        (Problem::TooManyNodes { limit }, En) => {
            format!("the file holds too many items (over {limit}); file refused")
        }
        (Problem::TooManyProblems { shown }, Vi) => {
            format!("quá nhiều vấn đề; chỉ hiện {shown} vấn đề đầu tiên")
        }
        (Problem::TooManyProblems { shown }, En) => {
            format!("too many problems; only the first {shown} are shown")
        }
        (Problem::NotAMapping, Vi) => {
            "tệp trống hoặc không phải các dòng \"khóa: giá trị\"".to_owned()
        }
        (Problem::NotAMapping, En) => {
            "the file is empty or not made of \"key: value\" lines".to_owned()
        }
        (Problem::UnknownKey { key, suggestion }, Vi) => match suggestion {
            Some(s) => format!("khóa không hợp lệ \"{key}\"; có phải ý bạn là \"{s}\"?"),
            None => format!("khóa không hợp lệ \"{key}\""),
        },
        (Problem::UnknownKey { key, suggestion }, En) => match suggestion {
            Some(s) => format!("unknown key \"{key}\"; did you mean \"{s}\"?"),
            None => format!("unknown key \"{key}\""),
        },
        (Problem::MissingKey { key }, Vi) => format!("thiếu khóa bắt buộc \"{key}\""),
        (Problem::MissingKey { key }, En) => format!("missing required key \"{key}\""),
        (Problem::Empty { key }, Vi) => format!("\"{key}\" đang để trống"),
        (Problem::Empty { key }, En) => format!("\"{key}\" is empty"),
        (Problem::WrongType { key, expected: e }, Vi) => {
            format!("\"{key}\" phải là {}", expected(*e, lang))
        }
        (Problem::WrongType { key, expected: e }, En) => {
            format!("\"{key}\" must be {}", expected(*e, lang))
        }
        (Problem::ControlChar { key, ch: '\n' }, Vi) => {
            format!("\"{key}\" phải viết trên một dòng")
        }
        (Problem::ControlChar { key, ch: '\n' }, En) => {
            format!("\"{key}\" must be on one line")
        }
        (Problem::ControlChar { key, ch }, Vi) => {
            format!("\"{key}\" chứa ký tự điều khiển {}", char_name(*ch))
        }
        (Problem::ControlChar { key, ch }, En) => {
            format!(
                "\"{key}\" contains the control character {}",
                char_name(*ch)
            )
        }
        (Problem::BadId { id }, Vi) => {
            format!("mã \"{id}\" chỉ được gồm chữ cái không dấu, chữ số, \".\", \"_\", \"-\"")
        }
        (Problem::BadId { id }, En) => {
            format!("id \"{id}\" may only hold ASCII letters, digits, \".\", \"_\", \"-\"")
        }
        (Problem::BadDuration { key, value }, Vi) => {
            format!("\"{key}\": thời gian \"{value}\" không hợp lệ")
        }
        (Problem::BadDuration { key, value }, En) => {
            format!("\"{key}\": invalid duration \"{value}\"")
        }
        (Problem::BadPick { pick, questions }, Vi) => {
            format!("\"pick\" là {pick} nhưng phải từ 1 đến số câu hỏi của bộ đề ({questions})")
        }
        (Problem::BadPick { pick, questions }, En) => format!(
            "\"pick\" is {pick} but must be from 1 to the number of questions ({questions})"
        ),
        (Problem::BadPassPercent { value }, Vi) => {
            format!("\"pass_percent\" là {value} nhưng phải từ 0 đến 100")
        }
        (Problem::BadPassPercent { value }, En) => {
            format!("\"pass_percent\" is {value} but must be from 0 to 100")
        }
        (
            Problem::UnknownValue {
                key,
                value,
                allowed,
                suggestion,
            },
            Vi,
        ) => {
            let mut s = format!(
                "\"{key}\" không nhận giá trị \"{value}\"; chỉ được: {}",
                letters(allowed)
            );
            if let Some(sug) = suggestion {
                s.push_str(&format!(" (có phải ý bạn là \"{sug}\"?)"));
            }
            s
        }
        (
            Problem::UnknownValue {
                key,
                value,
                allowed,
                suggestion,
            },
            En,
        ) => {
            let mut s = format!(
                "\"{key}\" cannot be \"{value}\"; use one of: {}",
                letters(allowed)
            );
            if let Some(sug) = suggestion {
                s.push_str(&format!(" (did you mean \"{sug}\"?)"));
            }
            s
        }
        (Problem::BadPoints { value }, Vi) => {
            format!("\"points\" là {value} nhưng phải là số lớn hơn 0")
        }
        (Problem::BadPoints { value }, En) => {
            format!("\"points\" is {value} but must be a number greater than 0")
        }
        (Problem::AnswerNotLetter { value }, Vi) => format!(
            "\"answer\" là \"{value}\" nhưng phải là một chữ cái (A, B, C …) hoặc danh sách như [A, C]"
        ),
        (Problem::AnswerNotLetter { value }, En) => format!(
            "\"answer\" is \"{value}\" but must be a letter (A, B, C …) or a list such as [A, C]"
        ),
        (Problem::AnswerOutOfRange { letter, choices }, Vi) => format!(
            "đáp án \"{letter}\" không có trong các lựa chọn (câu này có {choices} lựa chọn: {})",
            letter_range(*choices)
        ),
        (Problem::AnswerOutOfRange { letter, choices }, En) => format!(
            "answer \"{letter}\" is not one of the choices (this question has {choices}: {})",
            letter_range(*choices)
        ),
        (Problem::AnswerRepeated { letter }, Vi) => {
            format!("đáp án \"{letter}\" được ghi hai lần")
        }
        (Problem::AnswerRepeated { letter }, En) => {
            format!("answer \"{letter}\" is given twice")
        }
        (Problem::TooFewChoices { count }, Vi) => {
            format!("câu hỏi có {count} lựa chọn; cần ít nhất 2")
        }
        (Problem::TooFewChoices { count }, En) => {
            format!("the question has {count} choices; it needs at least 2")
        }
        (Problem::TooManyChoices { count }, Vi) => {
            format!("câu hỏi có {count} lựa chọn; nhiều nhất là 10")
        }
        (Problem::TooManyChoices { count }, En) => {
            format!("the question has {count} choices; at most 10 are allowed")
        }
        (Problem::DuplicateChoice { letter, same_as }, Vi) => {
            format!("lựa chọn {letter} giống hệt lựa chọn {same_as}")
        }
        (Problem::DuplicateChoice { letter, same_as }, En) => {
            format!("choice {letter} is the same as choice {same_as}")
        }
        (Problem::SimilarChoices { letter, same_as }, Vi) => format!(
            "lựa chọn {letter} chỉ khác lựa chọn {same_as} ở chữ hoa/thường hoặc khoảng trắng"
        ),
        (Problem::SimilarChoices { letter, same_as }, En) => {
            format!("choice {letter} differs from choice {same_as} only in case or spacing")
        }
        (Problem::DuplicateQuestionId { id, first_line }, Vi) => {
            format!("mã câu hỏi \"{id}\" đã dùng ở dòng {first_line}")
        }
        (Problem::DuplicateQuestionId { id, first_line }, En) => {
            format!("question id \"{id}\" is already used on line {first_line}")
        }
        (Problem::DuplicateQuestionText { first_line }, Vi) => {
            format!("câu hỏi này trùng nội dung với câu ở dòng {first_line}")
        }
        (Problem::DuplicateQuestionText { first_line }, En) => {
            format!("this question has the same text as the one on line {first_line}")
        }
        (
            Problem::DuplicateBankId {
                id,
                other,
                from_file_name,
            },
            Vi,
        ) => format!(
            "mã bộ đề \"{id}\"{} trùng với tệp {}",
            if *from_file_name {
                " (lấy từ tên tệp)"
            } else {
                ""
            },
            other.display()
        ),
        (
            Problem::DuplicateBankId {
                id,
                other,
                from_file_name,
            },
            En,
        ) => format!(
            "bank id \"{id}\"{} is also used by {}",
            if *from_file_name {
                " (taken from the file name)"
            } else {
                ""
            },
            other.display()
        ),
        (Problem::DuplicateUnitName { name, first_line }, Vi) => {
            format!("đơn vị \"{name}\" trùng tên với đơn vị ở dòng {first_line}")
        }
        (Problem::DuplicateUnitName { name, first_line }, En) => {
            format!("unit \"{name}\" has the same name as the one on line {first_line}")
        }
        (Problem::DuplicateUnitCode { code, first_line }, Vi) => {
            format!("mã đơn vị \"{code}\" đã dùng ở dòng {first_line}")
        }
        (Problem::DuplicateUnitCode { code, first_line }, En) => {
            format!("unit code \"{code}\" is already used on line {first_line}")
        }
        (Problem::BadMembers { value }, Vi) => {
            format!("\"members\" là {value} nhưng phải là số nguyên lớn hơn 0")
        }
        (Problem::BadMembers { value }, En) => {
            format!("\"members\" is {value} but must be a whole number greater than 0")
        }
        (Problem::NoBanks, Vi) => "thư mục không có tệp bộ đề .yaml nào".to_owned(),
        (Problem::NoBanks, En) => "the folder holds no .yaml bank file".to_owned(),
        (Problem::CutAtHash { key, kept }, Vi) => {
            format!("\"{key}\" chỉ còn \"{kept}\": phần từ dấu \"#\" trở đi bị coi là ghi chú")
        }
        (Problem::CutAtHash { key, kept }, En) => {
            format!("\"{key}\" reads only \"{kept}\": from \"#\" on is taken as a comment")
        }
        (Problem::CommentAfterText { key, kept }, Vi) => format!(
            "\"{key}\" chỉ là \"{kept}\": phần sau dấu # bị bỏ qua (YAML coi là ghi chú); \
             nếu đó là nội dung, hãy đặt cả dòng trong dấu nháy kép"
        ),
        (Problem::CommentAfterText { key, kept }, En) => format!(
            "\"{key}\" is only \"{kept}\": the part after # is dropped (YAML reads it as a \
             comment); if it belongs to the text, put the whole value in double quotes"
        ),
    }
}

/// The text of a hint.
pub fn hint(h: Hint, lang: Lang) -> &'static str {
    match h {
        Hint::Tab => lang.pick(
            "gợi ý: dùng dấu cách để thụt lề, không dùng phím Tab",
            "hint: indent with spaces, not with the Tab key",
        ),
        Hint::SpaceAfterColon => lang.pick(
            "gợi ý: cần một dấu cách sau dấu \":\", ví dụ \"answer: B\"",
            "hint: put a space after \":\", as in \"answer: B\"",
        ),
        Hint::SpaceAfterDash => lang.pick(
            "gợi ý: cần một dấu cách sau dấu \"-\" đầu dòng, ví dụ \"- 21/6/2018\"",
            "hint: put a space after the leading \"-\", as in \"- 21/6/2018\"",
        ),
        Hint::QuoteColon => lang.pick(
            "gợi ý: chữ có dấu \":\" ở giữa phải đặt trong nháy kép, ví dụ text: \"Thủ tục: ...\"",
            "hint: text containing \":\" must be in double quotes, as in text: \"Procedure: ...\"",
        ),
        Hint::QuoteHash => lang.pick(
            "gợi ý: chữ có dấu \"#\" phải đặt trong nháy kép; nếu không, phần sau \"#\" bị coi là ghi chú",
            "hint: text containing \"#\" must be in double quotes; otherwise what follows \"#\" is a comment",
        ),
        Hint::Indentation => lang.pick(
            "gợi ý: kiểm tra thụt lề: các khóa cùng cấp phải thẳng cột với nhau (ví dụ text, choices, answer của một câu hỏi), chỉ dùng dấu cách",
            "hint: check the indentation: keys at one level must line up in the same column (e.g. text, choices, answer of a question), with spaces only",
        ),
        Hint::DurationForm => lang.pick(
            "gợi ý: viết thời gian như 90s (giây), 20m (phút), 1h30m (giờ và phút)",
            "hint: write durations as 90s (seconds), 20m (minutes), 1h30m (hours and minutes)",
        ),
        Hint::AnswerList => lang.pick(
            "gợi ý: khi có nhiều đáp án đúng, viết dạng danh sách, ví dụ answer: [A, C]",
            "hint: for several right answers, write a list, as in answer: [A, C]",
        ),
        Hint::BoolForm => lang.pick(
            "gợi ý: viết true (có) hoặc false (không)",
            "hint: write true or false",
        ),
        Hint::IdForm => lang.pick(
            "gợi ý: ví dụ \"nd61-hieu-luc\" (không dấu, không dấu cách)",
            "hint: for example \"nd61-hieu-luc\" (no spaces, no diacritics)",
        ),
        Hint::ChoiceNoLetter => lang.pick(
            "gợi ý: không ghi \"A:\" trước lựa chọn (chữ cái được đánh tự động); nếu chữ có dấu \":\", đặt nó trong nháy kép",
            "hint: do not write \"A:\" before a choice (letters are added automatically); if the text has \":\", put it in double quotes",
        ),
        Hint::ChoicesAsList => lang.pick(
            "gợi ý: mỗi lựa chọn một dòng, bắt đầu bằng \"- \" (dấu gạch và dấu cách)",
            "hint: one choice per line, starting with \"- \" (a dash and a space)",
        ),
        Hint::OneLine => lang.pick(
            "gợi ý: chỉ text, explanation và description được viết nhiều dòng; hãy gộp thành một dòng",
            "hint: only text, explanation and description may span lines; join it into one line",
        ),
        Hint::ControlChar => lang.pick(
            "gợi ý: gõ lại đoạn chữ này; nó chứa một ký tự vô hình (thường do sao chép từ nơi khác)",
            "hint: retype this text; it holds an invisible character (often from copy and paste)",
        ),
        Hint::SaveAsUtf8 => lang.pick(
            "gợi ý: trong Notepad chọn File > Save As, mục Encoding chọn UTF-8",
            "hint: in Notepad use File > Save As and choose Encoding: UTF-8",
        ),
        Hint::SplitFile => lang.pick(
            "gợi ý: chia bộ đề thành nhiều tệp nhỏ hơn",
            "hint: split the bank into several smaller files",
        ),
        Hint::NoAliases => lang.pick(
            "gợi ý: bộ đề không cần bí danh (&tên, *tên); hãy viết thẳng nội dung",
            "hint: banks need no aliases (&name, *name); write the content out",
        ),
        Hint::WrongLevel => lang.pick(
            "gợi ý: khóa này thuộc cấp khác (của câu hỏi hay của bộ đề); kiểm tra thụt lề của dòng",
            "hint: this key belongs to the other level (a question's or the bank's); check the line's indentation",
        ),
        Hint::IdFromFileName => lang.pick(
            "gợi ý: tên tệp được dùng làm mã bộ đề; đổi tên tệp (không dấu, không dấu cách) hoặc thêm dòng id: ví dụ id: mot-cua-2018",
            "hint: the file name is used as the bank id; rename the file (no spaces, no diacritics) or add a line such as id: mot-cua-2018",
        ),
        Hint::QuoteText => lang.pick(
            "gợi ý: chữ bắt đầu bằng ký tự đặc biệt (* & ! | > @ ` % { [) phải đặt trong nháy kép",
            "hint: text starting with a special character (* & ! | > @ ` % { [) must be in double quotes",
        ),
    }
}

/// The summary line: "2 tệp, 1 lỗi, 1 cảnh báo".
pub fn summary(files: usize, errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{files} tệp, {errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!(
            "{files} {}, {errors} {}, {warnings} {}",
            if files == 1 { "file" } else { "files" },
            if errors == 1 { "error" } else { "errors" },
            if warnings == 1 { "warning" } else { "warnings" },
        ),
    }
}

/// A path given to `check` does not exist (a usage error).
pub fn no_such_path(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "union-quiz check: không có tệp hay thư mục {}",
            path.display()
        ),
        Lang::En => format!(
            "union-quiz check: no such file or folder {}",
            path.display()
        ),
    }
}

/// The error a [`crate::bank::BankError`] shows before its diagnostics.
pub fn bank_error_header(path: &std::path::Path, errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}: {errors} lỗi", path.display()),
        Lang::En => format!(
            "{}: {errors} {}",
            path.display(),
            if errors == 1 { "error" } else { "errors" }
        ),
    }
}
