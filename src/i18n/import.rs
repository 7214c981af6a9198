//! Strings of `union-quiz import` and `union-quiz export`.

use crate::i18n::Lang;
use crate::import::diag::{Kind, Marker, Problem};
use crate::import::draft::Guess;

fn letter(i: usize) -> char {
    crate::bank::letter(i)
}

fn letters(v: &[usize]) -> String {
    v.iter()
        .map(|&i| letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "đoạn 57" / "paragraph 57".
pub fn paragraph(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đoạn {n}"),
        Lang::En => format!("paragraph {n}"),
    }
}

fn kind(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::Docx => lang.pick("tài liệu Word (.docx)", "a Word document (.docx)"),
        Kind::Xlsx => lang.pick("bảng tính Excel (.xlsx)", "an Excel workbook (.xlsx)"),
        Kind::Csv => lang.pick("tệp CSV", "a CSV file"),
        Kind::Aiken => lang.pick("tệp Aiken", "an Aiken file"),
        Kind::Gift => lang.pick("tệp GIFT", "a GIFT file"),
    }
}

/// The name of a marker.
pub fn marker(m: Marker, lang: Lang) -> &'static str {
    match m {
        Marker::Underline => lang.pick("gạch chân", "underline"),
        Marker::Bold => lang.pick("in đậm", "bold"),
        Marker::Italic => lang.pick("in nghiêng", "italic"),
        Marker::Red => lang.pick("chữ đỏ", "red text"),
        Marker::Highlight => lang.pick("tô nền", "highlight"),
        Marker::Star => lang.pick("dấu *", "a leading *"),
        Marker::AnswerLine => lang.pick("dòng \"Đáp án:\"", "an \"Đáp án:\" line"),
        Marker::AnswerKey => lang.pick("bảng đáp án cuối đề", "the answer key at the end"),
    }
}

const MIB: u64 = 1024 * 1024;

/// The message of a problem.
pub fn problem(p: &Problem, lang: Lang) -> String {
    use crate::bank::diag::Problem as Check;
    use Lang::{En, Vi};
    // Problems `check` also finds are worded as `check` words them.
    let same = |c: Check| crate::i18n::check::problem(&c, lang);
    match (p, lang) {
        (Problem::Io(e), _) => same(Check::Io(e.clone())),
        (Problem::NotUtf8 { offset }, _) => same(Check::NotUtf8 { offset: *offset }),
        (Problem::TooFewChoices { count }, _) => same(Check::TooFewChoices { count: *count }),
        (Problem::TooManyChoices { count }, _) => same(Check::TooManyChoices { count: *count }),
        (Problem::DuplicateChoice { letter: l, same_as }, _) => same(Check::DuplicateChoice {
            letter: letter(*l),
            same_as: letter(*same_as),
        }),
        (Problem::TooLarge { bytes, limit }, Vi) => format!(
            "tệp quá lớn ({} MiB); giới hạn là {} MiB",
            bytes.div_ceil(MIB),
            limit / MIB
        ),
        (Problem::TooLarge { bytes, limit }, En) => format!(
            "file too large ({} MiB); the limit is {} MiB",
            bytes.div_ceil(MIB),
            limit / MIB
        ),
        (Problem::UnknownFormat, Vi) => {
            "không nhận ra định dạng tệp (cần .docx, .xlsx, .csv, Aiken hoặc GIFT)".to_owned()
        }
        (Problem::UnknownFormat, En) => {
            "unknown file format (expected .docx, .xlsx, .csv, Aiken or GIFT)".to_owned()
        }
        (Problem::EncryptedOrOld, Vi) => {
            "tệp có đặt mật khẩu, hoặc ở định dạng Word/Excel 97–2003 cũ (.doc, .xls)".to_owned()
        }
        (Problem::EncryptedOrOld, En) => {
            "the file has a password, or is in the old Word/Excel 97–2003 format (.doc, .xls)"
                .to_owned()
        }
        (Problem::Corrupt { detail }, Vi) => format!("tệp bị hỏng ({detail})"),
        (Problem::Corrupt { detail }, En) => format!("the file is damaged ({detail})"),
        (Problem::WrongKind { found, named }, Vi) => format!(
            "tệp này thực ra là {}, không phải {}",
            kind(*found, lang),
            kind(*named, lang)
        ),
        (Problem::WrongKind { found, named }, En) => format!(
            "this file is really {}, not {}",
            kind(*found, lang),
            kind(*named, lang)
        ),
        (Problem::TooManyEntries { limit }, Vi) => {
            format!("tệp nén chứa quá nhiều thành phần (hơn {limit}); tệp bị từ chối")
        }
        (Problem::TooManyEntries { limit }, En) => {
            format!("the archive holds too many parts (over {limit}); file refused")
        }
        (Problem::Bomb { part, limit }, Vi) => format!(
            "phần \"{part}\" khi giải nén lớn hơn {} MiB; tệp bị từ chối",
            limit / MIB
        ),
        (Problem::Bomb { part, limit }, En) => format!(
            "part \"{part}\" unpacks to more than {} MiB; file refused",
            limit / MIB
        ),
        (Problem::TooDeep { limit }, Vi) => {
            format!("nội dung XML lồng nhau quá sâu (hơn {limit} cấp); tệp bị từ chối")
        }
        (Problem::TooDeep { limit }, En) => {
            format!("the XML is nested too deep (over {limit} levels); file refused")
        }
        (Problem::TooManyCells { limit }, Vi) => {
            format!("tệp có quá nhiều ô hoặc đoạn (hơn {limit}); tệp bị từ chối")
        }
        (Problem::TooManyCells { limit }, En) => {
            format!("the file holds too many cells or paragraphs (over {limit}); file refused")
        }
        (Problem::BadXml { detail }, Vi) => {
            format!("nội dung XML bên trong tệp bị hỏng ({detail})")
        }
        (Problem::BadXml { detail }, En) => {
            format!("the XML inside the file is damaged ({detail})")
        }
        (Problem::NoQuestions, Vi) => "không tìm thấy câu hỏi nào".to_owned(),
        (Problem::NoQuestions, En) => "no question found".to_owned(),
        (Problem::NoAnswer, Vi) => "câu hỏi chưa đánh dấu đáp án đúng".to_owned(),
        (Problem::NoAnswer, En) => "no right answer is marked".to_owned(),
        (Problem::MarkersDisagree { first, second }, Vi) => format!(
            "hai cách đánh dấu đáp án không khớp: {} cho {}, {} cho {}",
            marker(first.0, lang),
            letters(&first.1),
            marker(second.0, lang),
            letters(&second.1)
        ),
        (Problem::MarkersDisagree { first, second }, En) => format!(
            "two answer markers disagree: {} gives {}, {} gives {}",
            marker(first.0, lang),
            letters(&first.1),
            marker(second.0, lang),
            letters(&second.1)
        ),
        (Problem::LetterSkips { expected, found }, Vi) => format!(
            "lựa chọn {} đứng ngay sau lựa chọn {} (thiếu {})",
            letter(*found),
            letter(expected.saturating_sub(1)),
            letter(*expected)
        ),
        (Problem::LetterSkips { expected, found }, En) => format!(
            "choice {} comes right after choice {} ({} is missing)",
            letter(*found),
            letter(expected.saturating_sub(1)),
            letter(*expected)
        ),
        (Problem::AnswerNotAChoice { letter: l, choices }, Vi) => format!(
            "đáp án \"{}\" không có trong các lựa chọn (câu này có {choices} lựa chọn)",
            letter(*l)
        ),
        (Problem::AnswerNotAChoice { letter: l, choices }, En) => format!(
            "answer \"{}\" is not one of the choices (this question has {choices})",
            letter(*l)
        ),
        (Problem::KeyForMissingQuestion { number }, Vi) => {
            format!("bảng đáp án có câu {number} nhưng đề không có câu này")
        }
        (Problem::KeyForMissingQuestion { number }, En) => {
            format!("the answer key has question {number}, which the test does not")
        }
        (Problem::KeyRepeated { number }, Vi) => {
            format!("bảng đáp án ghi câu {number} hai lần")
        }
        (Problem::KeyRepeated { number }, En) => {
            format!("the answer key gives question {number} twice")
        }
        (Problem::BadAnswer { value }, Vi) => {
            format!("đáp án \"{value}\" không đọc được (cần chữ cái như B, hoặc A,C)")
        }
        (Problem::BadAnswer { value }, En) => {
            format!("cannot read the answer \"{value}\" (expected a letter such as B, or A,C)")
        }
        (Problem::EmptyQuestion, Vi) => "câu hỏi không có nội dung".to_owned(),
        (Problem::EmptyQuestion, En) => "the question has no text".to_owned(),
        (Problem::EmptyChoice { letter: l }, Vi) => {
            format!("lựa chọn {} để trống", letter(*l))
        }
        (Problem::EmptyChoice { letter: l }, En) => format!("choice {} is empty", letter(*l)),
        (Problem::NoHeader, Vi) => {
            "không tìm thấy dòng tiêu đề có cột \"Câu hỏi\" (hoặc \"Question\")".to_owned()
        }
        (Problem::NoHeader, En) => {
            "no header row with a \"Câu hỏi\" (or \"Question\") column".to_owned()
        }
        (Problem::NoChoiceColumns, Vi) => {
            "dòng tiêu đề không có cột lựa chọn (A, B, C … hoặc Phương án 1, 2 …)".to_owned()
        }
        (Problem::NoChoiceColumns, En) => {
            "the header row has no choice columns (A, B, C … or Option 1, 2 …)".to_owned()
        }
        (Problem::NoAnswerColumn, Vi) => {
            "không có cột \"Đáp án\", cũng không có trang đáp án riêng".to_owned()
        }
        (Problem::NoAnswerColumn, En) => {
            "no \"Đáp án\" (Answer) column, and no separate answer sheet".to_owned()
        }
        (Problem::StrayText, Vi) => "đoạn này không thuộc câu hỏi nào và đã bị bỏ qua".to_owned(),
        (Problem::StrayText, En) => "this text belongs to no question and was skipped".to_owned(),
        (Problem::GiftOtherType { kind: k }, Vi) => format!(
            "câu hỏi dạng {} không phải trắc nghiệm nhiều lựa chọn; đã bỏ qua",
            gift_kind(k, lang)
        ),
        (Problem::GiftOtherType { kind: k }, En) => {
            format!("a {k} question is not multiple choice; skipped")
        }
        (Problem::GiftUnclosed, Vi) => "dấu \"{\" không có dấu \"}\" đóng".to_owned(),
        (Problem::GiftUnclosed, En) => "\"{\" is never closed by \"}\"".to_owned(),
        (Problem::BadId { id }, Vi) => format!(
            "mã \"{id}\" chỉ được gồm chữ cái không dấu, chữ số, \".\", \"_\", \"-\"; đã đặt mã khác"
        ),
        (Problem::BadId { id }, En) => format!(
            "id \"{id}\" may only hold ASCII letters, digits, \".\", \"_\", \"-\"; another id was given"
        ),
        (Problem::DuplicateId { id }, Vi) => {
            format!("mã câu hỏi \"{id}\" đã dùng cho câu trước; đã đặt mã khác")
        }
        (Problem::DuplicateId { id }, En) => {
            format!("question id \"{id}\" is already used; another id was given")
        }
        (Problem::AikenNoAnswerLine, Vi) => "câu hỏi thiếu dòng \"ANSWER:\"".to_owned(),
        (Problem::AikenNoAnswerLine, En) => "the question has no \"ANSWER:\" line".to_owned(),
        (Problem::OutputExists { path }, Vi) => {
            format!("tệp {} đã có; không ghi đè", path.display())
        }
        (Problem::OutputExists { path }, En) => {
            format!("{} already exists; not overwritten", path.display())
        }
        (Problem::CheckFailed { message }, Vi) => {
            format!("bộ đề tạo ra không qua được lệnh check: {message}")
        }
        (Problem::CheckFailed { message }, En) => {
            format!("the bank written fails check: {message}")
        }
    }
}

fn gift_kind(k: &str, lang: Lang) -> &'static str {
    match (k, lang) {
        ("true/false", Lang::Vi) => "đúng/sai",
        ("essay", Lang::Vi) => "tự luận",
        ("numerical", Lang::Vi) => "số",
        ("short answer", Lang::Vi) => "trả lời ngắn",
        ("matching", Lang::Vi) => "ghép đôi",
        ("missing word", Lang::Vi) => "điền từ",
        ("description", Lang::Vi) => "mô tả (không có đáp án)",
        (_, Lang::Vi) => "khác",
        ("true/false", Lang::En) => "true/false",
        ("essay", Lang::En) => "essay",
        ("numerical", Lang::En) => "numerical",
        ("short answer", Lang::En) => "short answer",
        ("matching", Lang::En) => "matching",
        ("missing word", Lang::En) => "missing word",
        ("description", Lang::En) => "description",
        (_, Lang::En) => "other",
    }
}

/// The hint under a problem, when one helps.
pub fn hint(p: &Problem, kind: Option<Kind>, lang: Lang) -> Option<String> {
    let h = match (p, kind) {
        (Problem::NoAnswer, Some(Kind::Xlsx | Kind::Csv)) => lang.pick(
            "gợi ý: ghi chữ cái của đáp án đúng vào cột \"Đáp án\", ví dụ B hoặc A,C",
            "hint: write the right letters in the \"Đáp án\" (Answer) column, as in B or A,C",
        ),
        (Problem::NoAnswer, Some(Kind::Gift)) => lang.pick(
            "gợi ý: đánh dấu đáp án đúng bằng \"=\", hoặc nhiều đáp án đúng bằng trọng số dương như ~%50%",
            "hint: mark the right answer with \"=\", or several with positive weights such as ~%50%",
        ),
        (Problem::NoAnswer | Problem::AikenNoAnswerLine, Some(Kind::Aiken)) => lang.pick(
            "gợi ý: sau các lựa chọn, thêm dòng \"ANSWER: B\"",
            "hint: after the choices, add a line \"ANSWER: B\"",
        ),
        (Problem::TooFewChoices { .. }, Some(Kind::Gift)) => lang.pick(
            "gợi ý: mỗi lựa chọn bắt đầu bằng \"=\" (đúng) hoặc \"~\" (sai)",
            "hint: start each choice with \"=\" (right) or \"~\" (wrong)",
        ),
        (Problem::TooFewChoices { .. }, Some(Kind::Xlsx | Kind::Csv)) => lang.pick(
            "gợi ý: ghi mỗi lựa chọn vào một cột A, B, C …",
            "hint: put each choice in its column A, B, C …",
        ),
        (Problem::NoAnswer, _) => lang.pick(
            "gợi ý: đánh dấu đáp án đúng bằng cách gạch chân, in đậm hoặc tô đỏ chữ cái, thêm dòng \"Đáp án: B\" sau câu hỏi, hoặc bảng đáp án cuối đề",
            "hint: mark the right answer by underlining, bolding or colouring its letter red, an \"Đáp án: B\" line after the question, or an answer key at the end",
        ),
        (Problem::MarkersDisagree { .. }, _) => lang.pick(
            "gợi ý: sửa để mọi cách đánh dấu chỉ cùng một đáp án, hoặc bỏ bớt một cách",
            "hint: make every marker point at the same answer, or remove one of them",
        ),
        (Problem::LetterSkips { .. }, _) => lang.pick(
            "gợi ý: các lựa chọn phải đánh chữ liền nhau A, B, C, D …; mỗi lựa chọn bắt đầu bằng \"A.\" hoặc \"A)\"",
            "hint: choices are lettered in order A, B, C, D …, each starting with \"A.\" or \"A)\"",
        ),
        (Problem::TooFewChoices { .. }, _) => lang.pick(
            "gợi ý: mỗi lựa chọn bắt đầu bằng chữ cái và dấu chấm, ví dụ \"A. Bộ Nội vụ\"",
            "hint: start each choice with its letter and a full stop, as in \"A. Bộ Nội vụ\"",
        ),
        (Problem::KeyForMissingQuestion { .. }, Some(Kind::Xlsx | Kind::Csv)) => lang.pick(
            "gợi ý: số ở cột STT của trang đáp án phải trùng với cột STT của trang câu hỏi",
            "hint: the numbers in the STT (No.) column of the key sheet must match those of the question sheet",
        ),
        (Problem::KeyForMissingQuestion { .. }, _) => lang.pick(
            "gợi ý: số câu trong bảng đáp án phải trùng với số \"Câu N\" trong đề",
            "hint: the numbers in the answer key must match the \"Câu N\" numbers of the test",
        ),
        (Problem::EncryptedOrOld, _) => lang.pick(
            "gợi ý: mở tệp bằng Word/Excel, bỏ mật khẩu, rồi chọn File > Save As, kiểu .docx hoặc .xlsx",
            "hint: open the file in Word/Excel, remove the password, then File > Save As .docx or .xlsx",
        ),
        (Problem::WrongKind { .. }, _) => lang.pick(
            "gợi ý: đổi đuôi tệp cho đúng loại, rồi nhập lại",
            "hint: give the file the extension of its kind, then import it again",
        ),
        (Problem::NotUtf8 { .. }, _) => lang.pick(
            "gợi ý: trong Excel chọn File > Save As, kiểu \"CSV UTF-8\"; trong Notepad chọn Encoding: UTF-8",
            "hint: in Excel use File > Save As \"CSV UTF-8\"; in Notepad choose Encoding: UTF-8",
        ),
        (Problem::NoHeader | Problem::NoChoiceColumns, _) => lang.pick(
            "gợi ý: dòng đầu bảng ghi tên cột: Câu hỏi, A, B, C, D, Đáp án (có thể thêm Giải thích, Căn cứ, Chủ đề, Mã)",
            "hint: the first row names the columns: Câu hỏi (Question), A, B, C, D, Đáp án (Answer), and optionally Giải thích, Căn cứ, Chủ đề, Mã",
        ),
        (Problem::NoAnswerColumn, _) => lang.pick(
            "gợi ý: thêm cột \"Đáp án\" ghi chữ cái đúng, ví dụ B hoặc A,C",
            "hint: add an \"Đáp án\" (Answer) column holding the right letters, such as B or A,C",
        ),
        (Problem::BadAnswer { .. }, _) => lang.pick(
            "gợi ý: ghi chữ cái của đáp án đúng, nhiều đáp án thì cách nhau bằng dấu phẩy: A,C",
            "hint: write the letter of the right answer; several are separated by commas: A,C",
        ),
        (Problem::OutputExists { .. }, _) => lang.pick(
            "gợi ý: chọn tệp khác bằng -o TỆP.yaml, hoặc xóa tệp cũ",
            "hint: choose another file with -o FILE.yaml, or remove the old one",
        ),
        (Problem::UnknownFormat, _) => lang.pick(
            "gợi ý: đặt đuôi tệp .docx, .xlsx, .csv, .gift hoặc .txt (Aiken)",
            "hint: name the file .docx, .xlsx, .csv, .gift or .txt (Aiken)",
        ),
        (Problem::GiftUnclosed, _) => lang.pick(
            "gợi ý: mỗi câu hỏi GIFT có các đáp án trong { … }; dấu \"{\" hoặc \"}\" trong chữ viết là \\{ \\}",
            "hint: each GIFT question has its answers in { … }; a \"{\" or \"}\" in the text is written \\{ \\}",
        ),
        _ => return None,
    };
    Some(h.to_owned())
}

/// The YAML comment of a guess.
pub fn guess(g: &Guess, lang: Lang) -> String {
    match (g, lang) {
        (Guess::MarkersAgree(ms), Lang::Vi) => format!(
            "nhập: đáp án được đánh dấu nhiều cách, trùng nhau ({}); xem lại",
            ms.iter()
                .map(|m| marker(*m, lang))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Guess::MarkersAgree(ms), Lang::En) => format!(
            "import: the answer is marked several ways that agree ({}); check it",
            ms.iter()
                .map(|m| marker(*m, lang))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Guess::ChoiceJoined { letter: l }, Lang::Vi) => format!(
            "nhập: lựa chọn {} nằm trên nhiều dòng, đã nối thành một dòng; xem lại",
            letter(*l)
        ),
        (Guess::ChoiceJoined { letter: l }, Lang::En) => format!(
            "import: choice {} spanned several lines, joined into one; check it",
            letter(*l)
        ),
        (Guess::WordNumbering, Lang::Vi) => {
            "nhập: số câu hoặc chữ cái lấy từ đánh số tự động của Word; xem lại".to_owned()
        }
        (Guess::WordNumbering, Lang::En) => {
            "import: numbers or letters taken from Word's automatic numbering; check them"
                .to_owned()
        }
        (Guess::GiftWeights, Lang::Vi) => {
            "nhập: các lựa chọn có trọng số GIFT dương được coi là đúng; xem lại".to_owned()
        }
        (Guess::GiftWeights, Lang::En) => {
            "import: choices with a positive GIFT weight were taken as right; check them".to_owned()
        }
    }
}

/// The first line of an imported bank.
pub fn yaml_header(source: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("Nhập từ {source} bằng union-quiz import; kiểm tra lại trước khi dùng.")
        }
        Lang::En => format!("Imported from {source} by union-quiz import; review before use."),
    }
}

/// The summary line of `import`.
pub fn summary(written: usize, left_out: usize, out: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi if written == 0 => {
            format!("không ghi bộ đề: không có câu hỏi nào dùng được; {left_out} câu bị bỏ vì lỗi")
        }
        Lang::En if written == 0 => {
            format!("no bank written: no usable question; {left_out} left out for errors")
        }
        Lang::Vi => format!("đã ghi {written} câu hỏi vào {out}; {left_out} câu bị bỏ vì lỗi"),
        Lang::En => format!(
            "wrote {written} {} to {out}; {left_out} left out for errors",
            if written == 1 {
                "question"
            } else {
                "questions"
            }
        ),
    }
}

/// A path given to `import` or `export` that does not exist.
pub fn no_such_file(cmd: &str, path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("union-quiz {cmd}: không có tệp {}", path.display()),
        Lang::En => format!("union-quiz {cmd}: no such file {}", path.display()),
    }
}

/// The output file could not be written.
pub fn cannot_write(path: &std::path::Path, err: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "không ghi được tệp {}: {}",
            path.display(),
            crate::i18n::io_error_message(err, lang)
        ),
        Lang::En => format!(
            "cannot write {}: {}",
            path.display(),
            crate::i18n::io_error_message(err, lang)
        ),
    }
}

/// What an export format cannot carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// Aiken: several right answers; the question is left out.
    SeveralAnswers,
    /// Aiken: a question on several lines, joined with spaces.
    LinesJoined,
    /// The format has no place for the explanation.
    Explanation,
    /// The format has no place for the source.
    Source,
    /// The format has no place for the topic.
    Topic,
}

/// One line of `export`'s report of what a format cannot carry for one
/// question.
pub fn loss(format: &str, id: &str, losses: &[Loss], lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if losses.contains(&Loss::SeveralAnswers) {
        parts.push(
            lang.pick(
                "có nhiều đáp án đúng, định dạng chỉ cho một; câu này bị bỏ",
                "has several right answers and the format allows one; question left out",
            )
            .to_owned(),
        );
    }
    if losses.contains(&Loss::LinesJoined) {
        parts.push(
            lang.pick(
                "câu hỏi nhiều dòng, đã nối thành một dòng",
                "the question spans lines; joined into one",
            )
            .to_owned(),
        );
    }
    let fields: Vec<&str> = losses
        .iter()
        .filter_map(|l| match l {
            Loss::Explanation => Some(lang.pick("giải thích", "explanation")),
            Loss::Source => Some(lang.pick("căn cứ", "source")),
            Loss::Topic => Some(lang.pick("chủ đề", "topic")),
            _ => None,
        })
        .collect();
    if !fields.is_empty() {
        parts.push(match lang {
            Lang::Vi => format!("không có chỗ cho {}; đã bỏ", fields.join(", ")),
            Lang::En => format!("no place for the {}; dropped", fields.join(", ")),
        });
    }
    match lang {
        Lang::Vi => format!("{format}: câu {id}: {}", parts.join("; ")),
        Lang::En => format!("{format}: question {id}: {}", parts.join("; ")),
    }
}

/// The summary line of `export`.
pub fn export_summary(written: usize, left_out: usize, out: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã ghi {written} câu hỏi vào {out}; {left_out} câu bị bỏ"),
        Lang::En => format!(
            "wrote {written} {} to {out}; {left_out} left out",
            if written == 1 {
                "question"
            } else {
                "questions"
            }
        ),
    }
}

/// Words of the printable test (xlsx and docx exports).
pub struct PaperWords {
    /// Column "No.".
    pub number: &'static str,
    /// Column "Question".
    pub question: &'static str,
    /// Column "Answer".
    pub answer: &'static str,
    /// Column "Explanation".
    pub explanation: &'static str,
    /// Column "Source".
    pub source: &'static str,
    /// Column "Topic".
    pub topic: &'static str,
    /// Column "Id".
    pub id: &'static str,
    /// Sheet of questions.
    pub test_sheet: &'static str,
    /// Sheet or page of answers.
    pub key_sheet: &'static str,
    /// "Câu" before a question number.
    pub question_word: &'static str,
    /// Line for the member's name.
    pub name_line: &'static str,
    /// "Phần" before a section's number.
    pub part: &'static str,
}

/// The words of the printable test in `lang`.
pub fn paper(lang: Lang) -> PaperWords {
    match lang {
        Lang::Vi => PaperWords {
            number: "STT",
            question: "Câu hỏi",
            answer: "Đáp án",
            explanation: "Giải thích",
            source: "Căn cứ",
            topic: "Chủ đề",
            id: "Mã",
            test_sheet: "Đề thi",
            key_sheet: "Đáp án",
            question_word: "Câu",
            name_line: "Họ và tên: ........................................  Đơn vị: ........................................",
            part: "Phần",
        },
        Lang::En => PaperWords {
            number: "No.",
            question: "Question",
            answer: "Answer",
            explanation: "Explanation",
            source: "Source",
            topic: "Topic",
            id: "Id",
            test_sheet: "Test",
            key_sheet: "Answer key",
            question_word: "Question",
            name_line: "Name: ........................................  Unit: ........................................",
            part: "Part",
        },
    }
}
