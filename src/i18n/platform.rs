//! Strings said by the start-up on Windows (`src/platform.rs`).

use super::Lang;

/// Said before the program waits for a key, in a console window that
/// closes when the program ends.
pub fn press_a_key(lang: Lang) -> &'static str {
    lang.pick(
        "Nhấn phím bất kỳ để đóng cửa sổ…",
        "Press any key to close this window…",
    )
}

/// Said when `union-quiz` cannot start `union-quiz-tools` (at `path`) for
/// a trainer's `command`.
pub fn tools_missing(
    lang: Lang,
    command: Option<&str>,
    path: &str,
    error: &std::io::Error,
) -> String {
    let what = match (command, lang) {
        (Some(c), Lang::Vi) => format!("Lệnh `{c}` nằm trong union-quiz-tools"),
        (Some(c), Lang::En) => format!("The `{c}` command is in union-quiz-tools"),
        (None, Lang::Vi) => "Phần này nằm trong union-quiz-tools".to_owned(),
        (None, Lang::En) => "This is in union-quiz-tools".to_owned(),
    };
    if error.kind() == std::io::ErrorKind::NotFound {
        return match lang {
            Lang::Vi => format!(
                "{what}, nhưng không thấy tệp này bên cạnh union-quiz (tìm ở {path}).\n\
                 Hãy chép union-quiz-tools vào cùng thư mục với union-quiz. \
                 Từ mã nguồn, `cargo build --release` tạo cả hai tệp."
            ),
            Lang::En => format!(
                "{what}, which is not beside union-quiz (looked for {path}).\n\
                 Copy union-quiz-tools into the folder of union-quiz. \
                 From the sources, `cargo build --release` builds both."
            ),
        };
    }
    let why = super::io_error_message(error, lang);
    match lang {
        Lang::Vi => format!(
            "{what}, nhưng không chạy được {path}: {why}.\n\
             Hãy chép lại union-quiz-tools từ bản gốc vào cùng thư mục với union-quiz."
        ),
        Lang::En => format!(
            "{what}, but {path} could not be started: {why}.\n\
             Copy union-quiz-tools again from the original into the folder of union-quiz."
        ),
    }
}

/// The last line of the quiz's own help, seen only where
/// `union-quiz-tools` is missing.
pub fn tools_elsewhere(lang: Lang) -> &'static str {
    lang.pick(
        "Các lệnh của giảng viên (check, preview, recover, report, board, import, export, \
         serve) nằm trong union-quiz-tools, tệp này không có bên cạnh chương trình.",
        "The trainer's commands (check, preview, recover, report, board, import, export, \
         serve) are in union-quiz-tools, which is not beside this program.",
    )
}
