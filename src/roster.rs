//! The roster: the grassroots unions (units) members choose from. The
//! types live with the bank module that reads them (the only one that
//! knows YAML); this is the name the rest of the crate uses.

pub use crate::bank::roster::{Roster, Unit};

/// Loads and validates a roster file (`units:` list).
pub fn load(path: &std::path::Path) -> Result<Roster, crate::bank::BankError> {
    crate::bank::load_roster(path)
}

/// The roster of a room: `explicit` (`--roster`) when given, else
/// `roster.yaml` beside the banks (`banks` is a bank file or a folder of
/// banks) when there is one, else none.
pub fn load_for(
    explicit: Option<&std::path::Path>,
    banks: &std::path::Path,
) -> Result<Option<Roster>, crate::bank::BankError> {
    let path = match explicit {
        Some(p) => p.to_owned(),
        None => {
            let dir = if banks.is_dir() {
                banks
            } else {
                banks.parent().unwrap_or(std::path::Path::new("."))
            };
            let p = dir.join("roster.yaml");
            if !p.is_file() {
                return Ok(None);
            }
            p
        }
    };
    load(&path).map(Some)
}
