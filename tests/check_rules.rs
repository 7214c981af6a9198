//! Rules of issue 2 that need more than a fixture: exact positions in a long
//! bank, aliases, file size, encodings, and the JSON output.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use union_quiz::bank::check::check_paths;
use union_quiz::bank::{self, Diagnostic};
use union_quiz::i18n::Lang;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn codes(diags: &[Diagnostic]) -> Vec<(usize, usize, &'static str)> {
    diags.iter().map(|d| (d.line, d.col, d.code())).collect()
}

/// A bank of `n` questions; `edit` may change the YAML of question `i`.
fn bank_yaml(n: usize, edit: impl Fn(usize, &mut String)) -> String {
    let mut s = String::from("title: Bộ đề dài\nquestions:\n");
    for i in 0..n {
        let mut q = String::new();
        let _ = write!(
            q,
            "  - id: q{i}\n    text: Câu hỏi số {i} về Nghị định 61/2018/NĐ-CP?\n    choices:\n      - 23/4/2018\n      - 21/6/2018\n      - 01/7/2018\n      - 15/5/2015\n    answer: B\n"
        );
        edit(i, &mut q);
        s.push_str(&q);
    }
    s
}

fn line_of(src: &str, needle: &str, nth: usize) -> usize {
    src.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(nth)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("{needle} #{nth} not found"))
}

#[test]
fn the_answer_line_of_question_12_not_the_questions_line() {
    let src = bank_yaml(15, |i, q| {
        if i == 11 {
            *q = q.replace("answer: B", "answer: E");
        }
    });
    let diags = bank::check_bytes(Path::new("dai.yaml"), src.as_bytes());
    let line = line_of(&src, "answer: E", 0);
    assert_eq!(line, 2 + 11 * 8 + 8);
    assert_eq!(codes(&diags), [(line, 5, "answer-out-of-range")]);
}

#[test]
fn positions_of_items_inside_lists() {
    let src = bank_yaml(13, |i, q| match i {
        // the third choice of question 5 duplicates the first
        4 => *q = q.replace("01/7/2018", "23/4/2018"),
        // question 9: a repeated letter inside a flow list
        8 => *q = q.replace("answer: B", "answer: [B, C, b]"),
        // question 13: an unknown key, last line of the file
        12 => q.push_str("    anwser: B\n"),
        _ => {}
    });
    let diags = bank::check_bytes(Path::new("dai.yaml"), src.as_bytes());
    assert_eq!(
        codes(&diags),
        [
            (line_of(&src, "- 23/4/2018", 4) + 2, 9, "duplicate-choice"),
            (line_of(&src, "answer: [B, C, b]", 0), 20, "answer-repeated"),
            (line_of(&src, "anwser", 0), 5, "unknown-key"),
        ]
    );
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let src = bank_yaml(20, |i, q| {
        if i % 5 == 0 {
            *q = q.replace("answer: B", "answer: Z");
        }
    });
    let diags = bank::check_bytes(Path::new("dai.yaml"), src.as_bytes());
    assert_eq!(diags.len(), 4);
    assert!(diags.iter().all(|d| d.code() == "answer-out-of-range"));
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let started = Instant::now();
    let err = bank::load(&fixture("banks/bad/billion-laughs.yaml"))
        .err()
        .unwrap_or_else(|| panic!("loaded"));
    assert_eq!(codes(&err.diagnostics), [(3, 8, "alias-expansion")]);
    // Not a speed measurement: a generous bound that only a hang exceeds.
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn many_aliases_to_a_big_list_are_refused_before_expanding() {
    // 2,000 aliases to a 1,000-item list: 2 million nodes once expanded,
    // under serde_yaml's own repetition limit (it counts jumps, not nodes).
    let mut src = String::from("title: x\nbig: &big [");
    src.push_str(&vec!["a"; 1000].join(","));
    src.push_str("]\ncopies:\n");
    for _ in 0..2000 {
        src.push_str("  - *big\n");
    }
    let started = Instant::now();
    let diags = bank::check_bytes(Path::new("x.yaml"), src.as_bytes());
    assert_eq!(codes(&diags), [(4, 5, "alias-expansion")]);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_small_alias_is_fine() {
    let src = "title: Đúng hay sai\nquestions:\n  - text: Nghị định 61/2018/NĐ-CP có 41 điều?\n    choices: &ds [Đúng, Sai]\n    answer: A\n  - text: Nghị định 61/2018/NĐ-CP có 8 chương?\n    choices: *ds\n    answer: B\n";
    let b =
        bank::load_bytes(Path::new("ds.yaml"), src.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.questions[1].choices, ["Đúng", "Sai"]);
}

#[test]
fn a_file_over_10_mib_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("lon.yaml");
    let f = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    f.set_len(bank::MAX_FILE_BYTES + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    let err = bank::load(&path).err().unwrap_or_else(|| panic!("loaded"));
    assert_eq!(codes(&err.diagnostics), [(0, 0, "file-too-large")]);
    // Exactly 10 MiB is read (and then fails as YAML, not for its size).
    f.set_len(bank::MAX_FILE_BYTES)
        .unwrap_or_else(|e| panic!("{e}"));
    let err = bank::load(&path).err().unwrap_or_else(|| panic!("loaded"));
    assert_ne!(err.diagnostics[0].code(), "file-too-large");
}

#[test]
fn not_utf8_says_where() {
    let err = bank::load(&fixture("banks/bad/not-utf8.yaml"))
        .err()
        .unwrap_or_else(|| panic!("loaded"));
    assert_eq!(codes(&err.diagnostics), [(3, 14, "not-utf8")]);
    assert!(err.diagnostics[0].message(Lang::En).contains("offset 42"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let bytes =
        std::fs::read(fixture("banks/good/bom-crlf.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF") && bytes.windows(2).any(|w| w == b"\r\n"));
    let b = bank::load(&fixture("banks/good/bom-crlf.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.title, "Tệp có BOM và CRLF");
    let q = &b.questions[0];
    assert_eq!(q.choices, ["23/4/2018", "21/6/2018"]);
    assert_eq!(
        q.explanation.as_deref(),
        Some("Ký ngày 23/4/2018.\nCó hiệu lực từ 21/6/2018.")
    );
    // The hash is of the file's bytes, BOM included.
    assert_eq!(b.sha256.len(), 64);
}

#[test]
fn decomposed_unicode_is_normalised_to_nfc() {
    let raw = std::fs::read_to_string(fixture("banks/good/decomposed.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(raw.contains("e\u{0302}\u{0323}") || raw.contains("e\u{0323}\u{0302}"));
    let b = bank::load(&fixture("banks/good/decomposed.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.title, "Chữ tổ hợp (NFD)");
    let q = &b.questions[0];
    assert_eq!(
        q.text,
        "Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?"
    );
    assert_eq!(q.choices, ["Ngày 23/4/2018", "Ngày 21/6/2018"]);
    // The derived id is the one of the composed text.
    assert_eq!(
        q.id,
        bank::derived_id("Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?")
    );
}

#[test]
fn question_ids_derive_from_the_text_and_stay_stable() {
    let one = bank::load_bytes(
        Path::new("a.yaml"),
        b"title: a\nquestions:\n  - text: Hai?\n    choices: [a, b]\n    answer: A\n  - text: Hai?\n    choices: [c, d]\n    answer: B\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let base = bank::derived_id("Hai?");
    assert_eq!(one.questions[0].id, base);
    assert_eq!(one.questions[1].id, format!("{base}-2"));
    // Other questions or other keys do not change an id; the text does.
    let two = bank::load_bytes(
        Path::new("b.yaml"),
        b"title: b\npick: 1\nquestions:\n  - text: Hai?\n    choices: [x, y, z]\n    answer: C\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(two.questions[0].id, base);
}

#[test]
fn two_banks_with_one_id_are_both_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good =
        std::fs::read(fixture("banks/good/toi-thieu.yaml")).unwrap_or_else(|e| panic!("{e}"));
    for name in ["a.yaml", "b.yml"] {
        let mut bytes = b"id: chung\n".to_vec();
        bytes.extend_from_slice(&good);
        std::fs::write(dir.path().join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(dir.path().join("notes.txt"), "not a bank").unwrap_or_else(|e| panic!("{e}"));
    let (banks, diags) = bank::load_all(dir.path());
    assert!(banks.is_empty());
    assert_eq!(diags.len(), 2);
    assert!(diags.iter().all(|d| d.code() == "duplicate-bank-id"));
}

#[test]
fn a_top_level_units_key_makes_a_roster() {
    let diags = bank::check_bytes(
        Path::new("don-vi.yaml"),
        "units:\n  - name: Công đoàn Cục Thuế tỉnh\n    members: -3\n".as_bytes(),
    );
    assert_eq!(codes(&diags), [(3, 5, "bad-members")]);
}

#[test]
fn json_has_stable_fields_and_codes() {
    let report = check_paths(&[fixture("banks/bad/duplicate-choices.yaml")])
        .unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value =
        serde_json::from_str(&report.render_json(Lang::Vi)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["files"], 1);
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 1);
    let d = &json["diagnostics"][0];
    assert_eq!(d["line"], 7);
    assert_eq!(d["column"], 9);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "duplicate-choice");
    assert_eq!(d["message"], "lựa chọn C giống hệt lựa chọn A");
    assert!(d["hint"].is_null());
    assert!(
        d["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("duplicate-choices.yaml"))
    );
    assert_eq!(json["diagnostics"][1]["severity"], "warning");
    assert_eq!(json["diagnostics"][1]["code"], "similar-choices");
}

#[cfg(unix)]
#[test]
fn a_symlink_cycle_in_the_banks_folder_ends() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        fixture("banks/good/toi-thieu.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (banks, diags) = bank::load_all(dir.path());
    assert_eq!(banks.len(), 1);
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn messages_never_repeat_control_characters_or_whole_files() {
    let long = "x".repeat(5000);
    let src = format!(
        "title: x\n\"k\\e[2J\": 1\nquestions:\n  - text: a\n    choices: [a, b]\n    answer: \"\\e[31mA\"\n  - text: b\n    choices: [a, b]\n    answer: {long}\n"
    );
    let diags = bank::check_bytes(Path::new("x.yaml"), src.as_bytes());
    assert_eq!(diags.len(), 3, "{diags:?}");
    for d in &diags {
        for lang in [Lang::Vi, Lang::En] {
            let shown = d.render(lang);
            // Only the newline before a hint.
            assert!(
                shown
                    .chars()
                    .all(|c| c == '\n' || !union_quiz::text::is_forbidden_control(c)),
                "{shown:?}"
            );
            assert!(shown.chars().count() < 300, "{shown}");
        }
    }
    assert!(diags[0].message(Lang::En).contains("k\\u{1b}[2J"));
    assert!(
        diags[2]
            .message(Lang::En)
            .contains(&format!("{}…", "x".repeat(60)))
    );
}

/// Bounds that only a hang exceeds: these are behaviour tests, not speed
/// measurements (bench_check measures speed).
const NO_HANG: Duration = Duration::from_secs(30);

#[test]
fn deep_nesting_is_refused_without_parsing_it() {
    for src in [
        format!("title: x\nq: {}\n", "[".repeat(200_000)),
        format!("title: x\nq: {}\n", "{a: ".repeat(100_000)),
        format!("title: x\nq: {}x\n", "- ".repeat(500_000)),
        (0..300).fold(String::from("title: x\nq:\n"), |mut s, i| {
            s.push_str(&" ".repeat(i));
            s.push_str("- \n");
            s
        }),
    ] {
        let started = Instant::now();
        let diags = bank::check_bytes(Path::new("x.yaml"), src.as_bytes());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code(), "yaml-syntax");
        assert!(started.elapsed() < NO_HANG);
    }
}

#[test]
fn too_many_nodes_are_refused() {
    let mut src = String::from("title: x\nquestions:\n");
    for i in 0..130_000 {
        let _ = writeln!(src, "  - [{i}, {i}, {i}, {i}]");
    }
    let started = Instant::now();
    let diags = bank::check_bytes(Path::new("x.yaml"), src.as_bytes());
    assert_eq!(codes(&diags).len(), 1);
    assert_eq!(diags[0].code(), "too-many-nodes");
    assert!(started.elapsed() < NO_HANG);
}

#[test]
fn at_most_1000_diagnostics_then_a_note() {
    let src = bank_yaml(1500, |_, q| *q = q.replace("    answer: B\n", ""));
    let diags = bank::check_bytes(Path::new("x.yaml"), src.as_bytes());
    assert_eq!(diags.len(), 1001);
    assert!(diags[..1000].iter().all(|d| d.code() == "missing-key"));
    assert_eq!(diags[1000].code(), "too-many-problems");
    assert!(!diags[1000].is_error());
    assert_eq!(
        diags[1000].message(Lang::Vi),
        "quá nhiều vấn đề; chỉ hiện 1000 vấn đề đầu tiên"
    );
}
