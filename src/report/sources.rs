//! Where the report gets banks and rosters: the loaders of the bank module.
//! Kept in one place so the report's own code only sees `Bank` and `Roster`.

use std::path::Path;

use crate::bank::Bank;
use crate::i18n::Lang;
use crate::roster::Roster;

/// Loads one bank file; the error is the loader's diagnostics, for a person.
pub fn load_bank(path: &Path, lang: Lang) -> Result<Bank, String> {
    crate::bank::load(path).map_err(|e| e.render(lang))
}

/// Every bank that loads from a folder (banks with errors are left out:
/// `union-quiz check` is the place to see them).
pub fn banks_in(dir: &Path) -> Vec<Bank> {
    if !dir.is_dir() {
        return Vec::new();
    }
    crate::bank::load_all(dir).0
}

/// Loads a roster file.
pub fn load_roster(path: &Path, lang: Lang) -> Result<Roster, String> {
    crate::roster::load(path).map_err(|e| e.render(lang))
}
