//! The roster: the grassroots unions (units) members choose from, as
//! read by [`super::load_roster`].

/// One grassroots union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its full name, e.g. "Công đoàn Kho bạc Nhà nước tỉnh".
    pub name: String,
    /// An optional short code, e.g. "KBNN".
    pub code: Option<String>,
    /// Optional head count, for participation rates.
    pub members: Option<u32>,
}

/// A validated roster.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roster {
    /// The units, in the file's order.
    pub units: Vec<Unit>,
}
