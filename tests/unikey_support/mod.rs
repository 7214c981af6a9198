//! The Unikey fixture (`tests/fixtures/unikey/nguyen-van-an.txt`): the
//! reads a terminal receives while a member types "Nguyễn Văn Ấn" with
//! Unikey's Telex in backspace mode.
#![allow(dead_code)]

/// The name the fixture types.
pub const NAME: &str = "Nguyễn Văn Ấn";

/// The fixture's reads, with `backspace` (0x7F or 0x08) for `{BS}`.
pub fn reads(backspace: u8) -> Vec<Vec<u8>> {
    let text = include_str!("../fixtures/unikey/nguyen-van-an.txt");
    let bs = char::from(backspace).to_string();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.replace("{BS}", &bs).replace("{SP}", " ").into_bytes())
        .collect()
}
