//! The member's text as it is kept: typed, pasted, or read back from an
//! autosave file (outside input like any other).

use crate::engine::Member;
use crate::text::{clean_line, truncate_chars};

/// Longest full name kept, in characters.
pub const NAME_MAX: usize = 80;
/// Longest member code kept, in characters.
pub const CODE_MAX: usize = 30;
/// Longest unit name (typed freely, or the roster filter), in characters.
pub const UNIT_MAX: usize = 120;

/// The member's fields, as typed on the identity screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field {
    /// Full name (required).
    #[default]
    Name,
    /// Member code (optional).
    Code,
    /// Grassroots union: a filter over the roster, or free text.
    Unit,
}

impl Field {
    /// The longest text kept in the field, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            Field::Name => NAME_MAX,
            Field::Code => CODE_MAX,
            Field::Unit => UNIT_MAX,
        }
    }
}

/// The member's text in a saved attempt, cleaned as if typed.
pub fn clean_member(member: &mut Member) {
    member.name = clean_name(&member.name);
    member.code = member
        .code
        .as_deref()
        .map(|c| truncate_chars(clean_line(c).trim(), CODE_MAX).to_owned())
        .filter(|c| !c.is_empty());
    member.unit = truncate_chars(clean_line(&member.unit).trim(), UNIT_MAX).to_owned();
}

/// A full name as it is kept: control characters removed, NFC, runs of
/// spaces folded to one, trimmed, at most [`NAME_MAX`] characters.
pub fn clean_name(s: &str) -> String {
    let cleaned = clean_line(s);
    let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate_chars(&folded, NAME_MAX).to_owned()
}

/// Whether a cleaned name can be a member's name: it must have at least one
/// letter or digit (a name of spaces or of invisible marks is refused).
pub fn is_acceptable_name(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}
