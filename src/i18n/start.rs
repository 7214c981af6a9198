//! Strings of the first screens while the banks are still being read.

use super::Lang;

/// On the bank list, in place of the banks, until they are read.
pub fn loading_banks(lang: Lang) -> &'static str {
    lang.pick("Đang tải các bộ đề…", "Loading the banks…")
}

/// In place of the bank's title and facts (identity form, instructions,
/// resume list) until it is read; the member waits on this line.
pub fn loading_bank(lang: Lang) -> &'static str {
    lang.pick("Đang tải bộ đề…", "Loading the bank…")
}
