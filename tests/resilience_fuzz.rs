//! Issue 4, item 7: the bank loader and the results-file reader never panic
//! and never hang on hostile files: nesting 100,000 levels deep, lines of
//! megabytes, random bytes and files cut short. (Random and mutated banks
//! are also in `check_fuzz.rs`, the results reader's in `results_file.rs`.)

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use union_quiz::bank::{self, MAX_FILE_BYTES};
use union_quiz::results;

/// Loads and checks `bytes` as a bank; must return, with an error or not.
fn bank_survives(bytes: &[u8]) -> bool {
    let path = Path::new("hostile.yaml");
    let diagnostics = bank::check_bytes(path, bytes);
    let loaded = bank::load_bytes(path, bytes);
    loaded.is_ok() || !diagnostics.is_empty()
}

/// Wall time is a loose guard here, not a measurement: a quadratic parser
/// takes minutes on these inputs, a linear one milliseconds.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn nesting_a_hundred_thousand_levels_deep_is_refused_quickly() {
    for open in ["[", "{a: ", "{", "[{a: "] {
        let src = format!("title: x\nquestions: {}", open.repeat(100_000));
        let start = Instant::now();
        let diagnostics = bank::check_bytes(Path::new("deep.yaml"), src.as_bytes());
        assert!(
            !diagnostics.is_empty(),
            "{open:?} × 100,000 must be an error"
        );
        assert!(bank::load_bytes(Path::new("deep.yaml"), src.as_bytes()).is_err());
        assert!(
            start.elapsed() < PATIENCE,
            "{open:?} × 100,000 took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn deep_block_nesting_is_refused_without_overflowing_the_stack() {
    let mut src = String::from("title: x\nquestions:\n");
    for depth in 0..3_000 {
        src.push_str(&" ".repeat(depth));
        src.push_str("- \n");
    }
    let start = Instant::now();
    assert!(bank_survives(src.as_bytes()));
    assert!(bank::load_bytes(Path::new("deep.yaml"), src.as_bytes()).is_err());
    assert!(start.elapsed() < PATIENCE, "took {:?}", start.elapsed());
}

#[test]
fn huge_lines_are_handled() {
    // One question text of 2 MB on one line: a real (if silly) bank.
    let long = "ệ".repeat(700_000);
    let src = format!(
        "title: Dài\nquestions:\n  - text: \"{long}\"\n    choices: [a, b]\n    answer: A\n"
    );
    let start = Instant::now();
    let bank =
        bank::load_bytes(Path::new("long.yaml"), src.as_bytes()).expect("a long line is valid");
    assert_eq!(bank.questions[0].text.chars().count(), 700_000);
    assert!(start.elapsed() < PATIENCE, "took {:?}", start.elapsed());
    // A file over the size limit, on one line, is refused without parsing.
    let over = "x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX) + 1);
    assert!(bank::load_bytes(Path::new("big.yaml"), over.as_bytes()).is_err());
    // A line of a megabyte of flow punctuation.
    let punct = format!("title: x\nquestions: {}", "[]{},:?".repeat(150_000));
    assert!(bank_survives(punct.as_bytes()));
}

#[test]
fn a_results_file_with_deep_quotes_and_huge_lines_is_read() {
    let path = Path::new("results.csv");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(results::COLUMNS.join(",").as_bytes());
    bytes.push(b'\n');
    // An unterminated quote that swallows the rest of the file.
    bytes.extend_from_slice(b"\"");
    bytes.extend_from_slice("\"\"".repeat(500_000).as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice("[".repeat(100_000).as_bytes());
    let read = results::read_bytes(path, &bytes);
    assert!(read.rows.is_empty());
    assert!(!read.bad.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn nesting_of_any_depth_and_shape_never_panics(
        opens in proptest::collection::vec(prop::sample::select(vec!["[", "{", "{a: ", "- ", "? ", "&x ", "*x ", "\"", "'"]), 0..400),
        depth in 1usize..2_000,
    ) {
        let unit: String = opens.concat();
        let src = format!("title: x\nquestions: {}", unit.repeat(depth.min(20_000 / unit.len().max(1))));
        bank_survives(src.as_bytes());
    }

    #[test]
    fn truncated_banks_and_results_never_panic(cut in 0usize..4_000, bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let good = include_bytes!("fixtures/banks/good/mot-cua.yaml");
        let mut b = good[..cut.min(good.len())].to_vec();
        b.extend_from_slice(&bytes);
        bank_survives(&b);
        let _ = results::read_bytes(Path::new("r.csv"), &b);
    }
}
