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
