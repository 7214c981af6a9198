//! Issue 4, item 5: hostile text. Control characters and escape sequences
//! in bank text, names and pasted input never reach the terminal or the
//! results file; names are trimmed, NFC, folded and capped; a name of only
//! spaces is refused; formula-like fields are neutralised in the file and
//! read back unchanged.

mod engine_support;
mod resilience_support;

use std::fs;
use std::path::Path;
use std::time::Instant;

use ratatui::crossterm::event::KeyCode;
use resilience_support::{Harness, has_control, plain_bank, results_in};
use union_quiz::bank;
use union_quiz::i18n::Lang;
use union_quiz::results;
use union_quiz::session::member::NAME_MAX;
use union_quiz::ui::app::{Command, Field, Screen};

/// Every way of driving a terminal we know of, one per entry.
const NASTY: &[&str] = &[
    "\x1b[2J",                // clear screen (CSI)
    "\x1b]0;pwned\x07",       // set the window title (OSC)
    "\x1b]52;c;ZWNobw==\x07", // write the clipboard (OSC 52)
    "\u{9b}31m",              // C1 CSI
    "\u{9d}0;x\u{9c}",        // C1 OSC … ST
    "\x1bP+q\x1b\\",          // DCS
    "\u{202e}",               // right-to-left override
    "\u{2066}",               // left-to-right isolate
    "\x08\x7f",               // backspace, DEL
    "\r\n\t",                 // line breaks in a one-line field
    "\x00",                   // NUL
];

fn finish_as(h: &mut Harness, typed: &str, pasted: &str) {
    h.typed(typed);
    h.cmd(Command::Paste(pasted.to_owned()));
    h.key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .typed("Công đoàn Sở Tư pháp")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
}

#[test]
fn escape_sequences_typed_or_pasted_reach_neither_screen_nor_file() {
    for nasty in NASTY {
        let dir = tempfile::tempdir().expect("dir");
        let results = results_in(dir.path());
        let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
        // Typed key by key (as a terminal delivers unknown bytes) and pasted.
        h.typed(&format!("Lan{nasty}"));
        assert!(
            !has_control(&h.app.form().name),
            "{nasty:?} typed: {:?}",
            h.app.form().name
        );
        h.cmd(Command::Paste(format!("{nasty} Anh{nasty}")));
        assert!(
            !has_control(&h.app.form().name),
            "{nasty:?} pasted: {:?}",
            h.app.form().name
        );
        assert!(!has_control(&h.screen()), "{nasty:?} on screen");
        finish_as(&mut h, "", "");
        assert_eq!(h.app.screen(), Screen::Question, "{nasty:?}");
        h.submit();
        assert!(!has_control(&h.screen()));
        let raw = fs::read_to_string(&results).expect("results");
        assert!(
            !has_control(&raw.replace("\r\n", "\n")),
            "{nasty:?} in the file: {raw:?}"
        );
        let row = &results::read_file(&results).expect("read").rows[0];
        assert!(!has_control(&row.member_name));
        // What is left is printable residue ("[2J"), harmless on its own.
        assert!(
            row.member_name.starts_with("Lan") && row.member_name.contains("Anh"),
            "{:?}",
            row.member_name
        );
    }
}

#[test]
fn a_name_of_only_spaces_or_invisible_marks_is_refused() {
    for blank in ["   ", "\u{a0}\u{3000}", "\u{200b}\u{200b}", "\t \u{202e}"] {
        let dir = tempfile::tempdir().expect("dir");
        let mut h = Harness::new(
            vec![plain_bank()],
            &results_in(dir.path()),
            Lang::Vi,
            Instant::now(),
        );
        h.cmd(Command::Paste(blank.to_owned())).key(KeyCode::Enter);
        assert_eq!(h.app.form().error, Some(Field::Name), "{blank:?}");
        assert_eq!(h.app.form().field, Field::Name);
        assert!(h.screen().contains("Vui lòng nhập họ và tên."));
    }
}

#[test]
fn names_are_trimmed_folded_composed_and_capped() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    // Decomposed "Nguyễn" (e + circumflex + tilde), spaces around and inside.
    finish_as(&mut h, "", "   Nguye\u{302}\u{303}n   Văn \u{a0} An  ");
    h.submit();
    let row = &results::read_file(&results).expect("read").rows[0];
    assert_eq!(row.member_name, "Nguyễn Văn An");
    assert!(unicode_normalization::is_nfc(&row.member_name));

    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    let long = "Tôn Nữ Thị Hoàng Yến ".repeat(20);
    finish_as(&mut h, "", &long);
    assert!(h.app.form().name.chars().count() <= NAME_MAX);
    h.submit();
    let row = &results::read_file(&results).expect("read").rows[0];
    assert!(row.member_name.chars().count() <= NAME_MAX);
    assert!(row.member_name.starts_with("Tôn Nữ Thị Hoàng Yến Tôn"));
    assert_eq!(row.member_name, row.member_name.trim());
}

#[test]
fn a_member_named_like_a_formula_is_plain_text_in_the_spreadsheet() {
    let dir = tempfile::tempdir().expect("dir");
    let results = results_in(dir.path());
    let mut h = Harness::new(vec![plain_bank()], &results, Lang::Vi, Instant::now());
    h.typed("=1+1")
        .key(KeyCode::Enter)
        .typed("@SUM(A1)")
        .key(KeyCode::Enter)
        .typed("+cmd|' /C calc'!A0")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    h.submit();
    let raw = fs::read_to_string(&results).expect("raw");
    assert!(raw.contains(",'=1+1,"), "{raw}");
    assert!(raw.contains(",'@SUM(A1),"), "{raw}");
    assert!(raw.contains("'+cmd|' /C calc'!A0"), "{raw}");
    let row = &results::read_file(&results).expect("read").rows[0];
    assert_eq!(row.member_name, "=1+1");
    assert_eq!(row.member_code, "@SUM(A1)");
    assert_eq!(row.unit, "+cmd|' /C calc'!A0");
}

#[test]
fn bank_text_with_control_characters_is_refused_by_the_loader() {
    let good = "title: T\nquestions:\n  - text: Câu hỏi?\n    choices: [Một, Hai]\n    answer: A\n";
    assert!(bank::load_bytes(Path::new("ok.yaml"), good.as_bytes()).is_ok());
    for nasty in NASTY.iter().filter(|n| !n.starts_with('\r')) {
        // YAML escapes put the raw character in the value, past the YAML reader.
        let escaped: String = nasty
            .chars()
            .map(|c| format!("\\u{:04x}", u32::from(c)))
            .collect();
        for place in ["title", "text", "choice", "explanation"] {
            let src = match place {
                "title" => format!(
                    "title: \"T{escaped}\"\nquestions:\n  - text: Câu?\n    choices: [Một, Hai]\n    answer: A\n"
                ),
                "text" => format!(
                    "title: T\nquestions:\n  - text: \"Câu{escaped}?\"\n    choices: [Một, Hai]\n    answer: A\n"
                ),
                "choice" => format!(
                    "title: T\nquestions:\n  - text: Câu?\n    choices: [Một, \"Hai{escaped}\"]\n    answer: A\n"
                ),
                _ => format!(
                    "title: T\nquestions:\n  - text: Câu?\n    choices: [Một, Hai]\n    answer: A\n    explanation: \"Vì{escaped}\"\n"
                ),
            };
            match bank::load_bytes(Path::new("nasty.yaml"), src.as_bytes()) {
                Err(_) => {}
                Ok(b) => {
                    // Only tabs/newlines may be kept (as spaces) — never a control.
                    let all = [b.title.clone(), b.questions[0].text.clone()]
                        .into_iter()
                        .chain(b.questions[0].choices.clone())
                        .chain(b.questions[0].explanation.clone());
                    for t in all {
                        assert!(!has_control(&t), "{place} {nasty:?}: {t:?}");
                    }
                }
            }
        }
    }
}
