//! Text handling shared by every module: NFC normalisation, removal of
//! control characters, display width, and the diacritics-free form used for
//! type-to-filter.
//!
//! Vietnamese typed on some systems arrives decomposed (a base letter followed
//! by combining marks), which terminals draw wrongly and which compares
//! unequal to the composed form; everything that enters the app goes through
//! [`nfc`] or [`clean_line`].

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthStr;

/// Returns `s` in Unicode Normalisation Form C.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Whether `c` must never reach the terminal or a spreadsheet: C0 and C1
/// control characters (ESC starts terminal escape sequences), DEL, and the
/// bidirectional overrides that can make text display in a misleading order.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// NFC-normalises one line of user input (a name, a code, a filter) and drops
/// every control character, so that nothing pasted can move the cursor,
/// change colours or break a CSV row. Tabs and newlines become spaces.
pub fn clean_line(s: &str) -> String {
    nfc(s)
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !is_forbidden_control(*c))
        .collect()
}

/// Like [`clean_line`] but keeps newlines (for question text and
/// explanations, where a trainer may break lines on purpose).
pub fn clean_multiline(s: &str) -> String {
    nfc(&s.replace("\r\n", "\n"))
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !is_forbidden_control(*c))
        .collect()
}

/// The number of terminal cells `s` takes (Vietnamese letters with
/// diacritics are one cell each once in NFC; CJK and emoji take two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The form used to compare text for type-to-filter: lower case, without
/// diacritics, `đ` as `d`, runs of spaces folded. "Kho bạc" and "kho bac"
/// fold to the same string.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Cuts `s` to at most `max` characters (not bytes), never inside a
/// character.
pub fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Compares two strings with runs of digits as numbers: "b2" < "b10".
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a, b);
    loop {
        let (ca, cb) = match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => (x, y),
        };
        if ca.is_ascii_digit() && cb.is_ascii_digit() {
            let na = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
            let nb = b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len());
            let (da, db) = (a.get(..na).unwrap_or(""), b.get(..nb).unwrap_or(""));
            let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
            let order = ta
                .len()
                .cmp(&tb.len())
                .then_with(|| ta.cmp(tb))
                .then_with(|| da.len().cmp(&db.len()));
            if order != Ordering::Equal {
                return order;
            }
            a = a.get(na..).unwrap_or("");
            b = b.get(nb..).unwrap_or("");
        } else {
            if ca != cb {
                return ca.cmp(&cb);
            }
            a = a.get(ca.len_utf8()..).unwrap_or("");
            b = b.get(cb.len_utf8()..).unwrap_or("");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_becomes_composed() {
        let decomposed = "Vie\u{0302}\u{0323}t Nam"; // "Việt" as e + ^ + dot below
        let composed = nfc(decomposed);
        assert_eq!(composed, "Việt Nam");
        assert_eq!(composed.chars().count(), 8);
        assert_eq!(width(&composed), 8);
    }

    #[test]
    fn clean_line_removes_escape_sequences_and_controls() {
        assert_eq!(clean_line("Lan\x1b[2J\x07 Anh\u{202E}"), "Lan[2J Anh");
        assert_eq!(clean_line("a\tb\nc"), "a b c");
    }

    #[test]
    fn clean_multiline_keeps_newlines_only() {
        assert_eq!(clean_multiline("a\r\nb\x1bc\x00"), "a\nbc");
    }

    #[test]
    fn fold_ignores_diacritics_case_and_spacing() {
        assert_eq!(
            fold("Công đoàn  Kho bạc Nhà nước tỉnh"),
            "cong doan kho bac nha nuoc tinh"
        );
        assert_eq!(fold("ĐỒNG"), "dong");
        assert!(fold("Công đoàn Kho bạc Nhà nước tỉnh").contains(&fold("kho bac")));
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate_chars("Trương Thị Sâm", 6), "Trương");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
