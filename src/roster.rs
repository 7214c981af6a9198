//! The roster: the grassroots unions (units) members choose from. The
//! types live with the bank module that reads them (the only one that
//! knows YAML); this is the name the rest of the crate uses.

pub use crate::bank::roster::{Roster, Unit};

/// Loads and validates a roster file (`units:` list).
pub fn load(path: &std::path::Path) -> Result<Roster, crate::bank::BankError> {
    crate::bank::load_roster(path)
}
