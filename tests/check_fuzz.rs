//! The checker never panics: random bytes, truncated and mutated good
//! banks, and YAML-like token soup. Whenever a bank loads anyway, it keeps
//! the promises of `Bank` (2 to 10 choices, answers among them, NFC text
//! without control characters).

use std::path::Path;

use proptest::prelude::*;
use union_quiz::bank::{self, Bank};
use union_quiz::i18n::Lang;

const GOOD: &[&[u8]] = &[
    include_bytes!("fixtures/banks/good/mot-cua.yaml"),
    include_bytes!("fixtures/banks/good/toi-thieu.yaml"),
    include_bytes!("fixtures/banks/good/bom-crlf.yaml"),
    include_bytes!("fixtures/banks/good/decomposed.yaml"),
    include_bytes!("fixtures/rosters/good/roster.yaml"),
];

/// Bytes that matter to YAML, to make mutations reach the parser's corners.
const SPECIAL: &[u8] =
    b":-#[]{}&*!|>'\"\t\n\r %@`,?~\\0123456789ABCabc\xC3\xA0\xE1\xBB\x87\x1b\x00\xFF";

const TOKENS: &[&str] = &[
    "title: ",
    "questions:\n",
    "  - ",
    "text: ",
    "choices: ",
    "answer: ",
    "[",
    "]",
    ", ",
    "{",
    "}",
    "\n",
    "    ",
    "&a ",
    "*a",
    "- ",
    "A",
    "B",
    "[A, C]",
    "\"",
    "'",
    "|\n",
    ">-\n",
    "#",
    ": ",
    "---\n",
    "...\n",
    "!!str ",
    "!x ",
    "pick: ",
    "0",
    "-5m",
    "20m",
    "1h30m",
    "true",
    "~",
    "\t",
    "points: ",
    "1e308",
    "-.inf",
    ".nan",
    "units:\n",
    "name: ",
    "members: ",
    "? ",
    "<<: *a\n",
    "Nghị định 61/2018/NĐ-CP",
    "\u{202e}",
    "\\e",
    "\\u0000",
];

fn check(bytes: &[u8]) {
    let path = Path::new("fuzz.yaml");
    let _ = bank::check_bytes(path, bytes);
    if let Ok(b) = bank::load_bytes(path, bytes) {
        promises(&b);
    }
}

fn promises(b: &Bank) {
    assert!(!b.questions.is_empty());
    assert!(bank::is_valid_id(&b.id));
    assert!((0.0..=100.0).contains(&b.pass_percent));
    if let Some(p) = b.pick {
        assert!(p >= 1 && p <= b.questions.len());
    }
    for q in &b.questions {
        assert!((2..=10).contains(&q.choices.len()));
        assert!(!q.answer.is_empty());
        assert!(q.answer.windows(2).all(|w| w[0] < w[1]));
        assert!(q.answer.iter().all(|&a| a < q.choices.len()));
        assert!(q.points > 0.0 && q.points.is_finite());
        for t in std::iter::once(&q.text).chain(&q.choices) {
            assert!(!t.is_empty());
            assert_eq!(*t, union_quiz::text::nfc(t));
            assert!(
                t.chars()
                    .all(|c| c == '\n' || !union_quiz::text::is_forbidden_control(c))
            );
        }
        for c in &q.choices {
            assert!(!c.contains('\n'));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes);
    }

    #[test]
    fn truncated_good_files(which in 0..GOOD.len(), cut in any::<prop::sample::Index>()) {
        let good = GOOD[which];
        check(&good[..cut.index(good.len() + 1)]);
    }

    #[test]
    fn mutated_good_files(
        which in 0..GOOD.len(),
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0..3u8, any::<prop::sample::Index>()),
            1..8,
        ),
    ) {
        let mut bytes = GOOD[which].to_vec();
        for (at, kind, with) in edits {
            let b = SPECIAL[with.index(SPECIAL.len())];
            match kind {
                0 if !bytes.is_empty() => { let i = at.index(bytes.len()); bytes[i] = b; }
                1 => { let i = at.index(bytes.len() + 1); bytes.insert(i, b); }
                _ if !bytes.is_empty() => { let i = at.index(bytes.len()); bytes.remove(i); }
                _ => {}
            }
        }
        check(&bytes);
    }

    #[test]
    fn token_soup(tokens in proptest::collection::vec(0..TOKENS.len(), 0..80)) {
        let s: String = tokens.iter().map(|&i| TOKENS[i]).collect();
        check(s.as_bytes());
    }
}

/// 5,000 levels of each kind of nesting, in files under the size limit so
/// that the nesting itself is what the checker meets: it refuses each file
/// with one "nested too deeply" error where the nesting gets too deep,
/// without overflowing the stack. (Indented block mappings need one more
/// space per level: 5,000 levels would pass 10 MiB, so they get 4,000.)
#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    const LEVELS: usize = 5000;
    const INDENTED_LEVELS: usize = 4000;
    let indented_maps =
        (0..INDENTED_LEVELS).fold(String::from("title: x\nquestions:\n"), |mut s, i| {
            s.push_str(&" ".repeat(i + 1));
            s.push_str("a:\n");
            s
        });
    for (src, at) in [
        // Flow lists and mappings: refused by the bracket count.
        (
            format!("title: x\nquestions: {}\n", "[".repeat(LEVELS)),
            (2, 44),
        ),
        (
            format!("title: x\nquestions: {}\n", "{a: ".repeat(LEVELS)),
            (2, 140),
        ),
        // Block lists, one per "- " on a line, and block mappings, one
        // per indented line: refused by the parser's depth limit.
        (
            format!("title: x\nquestions:\n  {}x\n", "- ".repeat(LEVELS)),
            (3, 257),
        ),
        (indented_maps, (130, 129)),
    ] {
        assert!(
            (src.len() as u64) < bank::MAX_FILE_BYTES,
            "{} bytes",
            src.len()
        );
        check(src.as_bytes());
        let diags = bank::check_bytes(Path::new("x.yaml"), src.as_bytes());
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.line, d.col, d.code(), d.message(Lang::Vi)))
            .collect();
        assert_eq!(
            got,
            [(
                at.0,
                at.1,
                "yaml-syntax",
                "sai cú pháp YAML: lồng nhau quá sâu".to_owned()
            )],
            "{}",
            src.get(..60).unwrap_or_default()
        );
    }
}

#[test]
fn odd_but_valid_yaml_is_handled() {
    for src in [
        "",
        "~",
        "---\n...\n",
        "title: x\nquestions:\n  - text: a\n    choices: [a, b]\n    answer: A\n    <<: {points: 2}\n",
        "? [a, b]\n: c\n",
        "title: x\nquestions:\n  - !!map {text: a, choices: [a, b], answer: A}\n",
        "title: !!binary aGVsbG8=\n",
        "title: x\nquestions:\n  - text: a\n    choices: [.nan, .inf]\n    answer: A\n    points: .inf\n",
        "title: x\n1: y\ntrue: z\nnull: w\n",
        "title: &t x\nid: *t\n",
        "title: *nope\n",
    ] {
        check(src.as_bytes());
    }
}
