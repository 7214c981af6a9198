//! Every string a member or a trainer reads, in one place.
//!
//! Vietnamese is the default language; English is chosen with `--lang en`.
//! Each area of the app keeps its strings in a submodule here, so that a
//! translator finds all of them under `src/i18n/` and nowhere else.

/// Strings of `union-quiz check` and its diagnostics.
pub mod check;
/// Strings of `union-quiz import` and `export`.
pub mod import;
/// Strings of the start-up on Windows.
pub mod platform;
/// Strings of `union-quiz preview`.
pub mod preview;
/// Strings of reports and the board.
pub mod report;
/// Strings of `union-quiz serve`.
pub mod serve;
/// Strings of the first screens while the banks load.
pub mod start;
/// Strings of the quiz screens.
pub mod ui;

use std::io;

pub use crate::lang::Lang;

/// What went wrong with a file, in words for a person: the common kinds of
/// [`io::ErrorKind`] in `lang`; any other kind is a plain "system error",
/// whose detail [`io_error_message`] adds. The operating system's own text
/// is in the language of the system (often English), not the trainer's.
pub fn io_error_text(kind: io::ErrorKind, lang: Lang) -> &'static str {
    use io::ErrorKind as K;
    match kind {
        K::NotFound => lang.pick(
            "không tìm thấy tệp hoặc thư mục",
            "file or folder not found",
        ),
        K::PermissionDenied => lang.pick("không có quyền truy cập", "permission denied"),
        K::IsADirectory => lang.pick(
            "đây là một thư mục, không phải tệp",
            "this is a folder, not a file",
        ),
        K::NotADirectory => lang.pick(
            "một phần của đường dẫn không phải là thư mục",
            "a part of the path is not a folder",
        ),
        K::ReadOnlyFilesystem => lang.pick("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
        K::StorageFull => lang.pick("ổ đĩa đã đầy", "the disk is full"),
        // Windows says this where Unix says "not a directory": a file is
        // where a folder should be made.
        K::AlreadyExists => lang.pick(
            "đã có một tệp hoặc thư mục trùng tên",
            "a file or folder of that name is already there",
        ),
        _ => lang.pick("lỗi hệ thống", "system error"),
    }
}

/// [`io_error_text`] of `err`, followed by the system's own text in
/// parentheses only when the kind is not one of the common ones (then that
/// text is all there is to go on).
pub fn io_error_message(err: &io::Error, lang: Lang) -> String {
    let text = io_error_text(err.kind(), lang);
    if is_common_io_error(err.kind()) {
        text.to_owned()
    } else {
        format!("{text} ({err})")
    }
}

fn is_common_io_error(kind: io::ErrorKind) -> bool {
    use io::ErrorKind as K;
    matches!(
        kind,
        K::NotFound
            | K::PermissionDenied
            | K::IsADirectory
            | K::NotADirectory
            | K::ReadOnlyFilesystem
            | K::StorageFull
            | K::AlreadyExists
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_io_errors_are_worded_without_the_system_text() {
        // EACCES on Unix, ERROR_ACCESS_DENIED on Windows.
        let denied = io::Error::from_raw_os_error(if cfg!(windows) { 5 } else { 13 });
        assert_eq!(denied.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(
            io_error_message(&denied, Lang::Vi),
            "không có quyền truy cập"
        );
        assert_eq!(io_error_message(&denied, Lang::En), "permission denied");
        for kind in [
            io::ErrorKind::NotFound,
            io::ErrorKind::IsADirectory,
            io::ErrorKind::NotADirectory,
            io::ErrorKind::ReadOnlyFilesystem,
            io::ErrorKind::StorageFull,
            io::ErrorKind::AlreadyExists,
        ] {
            let vi = io_error_message(&io::Error::from(kind), Lang::Vi);
            assert!(!vi.contains('('), "{kind:?}: {vi}");
            assert_ne!(
                vi,
                io_error_text(io::ErrorKind::Other, Lang::Vi),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn other_io_errors_keep_the_system_text_in_parentheses() {
        let odd = io::Error::other("device busy");
        assert_eq!(
            io_error_message(&odd, Lang::Vi),
            "lỗi hệ thống (device busy)"
        );
        assert_eq!(
            io_error_message(&odd, Lang::En),
            "system error (device busy)"
        );
    }
}
