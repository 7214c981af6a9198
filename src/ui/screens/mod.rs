//! One module per screen: its state, how commands change it, and the
//! lines of its body. The chrome around them (header, footer, help) is
//! `chrome.rs`; the page layout and scrolling are `view.rs`.

pub mod banks;
pub mod identity;
pub mod instructions;
pub mod pin;
pub mod question;
pub mod result;
pub mod resume;
pub mod submit;
