//! The banks and the roster shipped in `quizzes/` (issue 6): they check
//! clean, and they keep the shape the course needs — enough banks and
//! questions, a source and an explanation on every question, one timed exam
//! and one untimed practice bank, and a roster with the two real unions.
//! Every `source` names a document of the facts file the banks are written
//! from (`docs/cchc-2018-facts.md`, a copy of the project's reference), and
//! none issued after the course year.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use unicode_normalization::is_nfc;
use union_quiz::bank::{self, Bank, Review, Scoring};
use union_quiz::roster;

/// The two grassroots unions the 2018 news article names; every other unit
/// in the sample roster must say in its name that it is an example.
const REAL_UNITS: [&str; 2] = ["Công đoàn Kho bạc Nhà nước tỉnh", "Công đoàn Cục Thuế tỉnh"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn quizzes() -> PathBuf {
    root().join("quizzes")
}

/// Every shipped bank; fails on any diagnostic, warnings included, so the
/// other tests only ever look at banks that load cleanly.
fn shipped_banks() -> Vec<Bank> {
    let (banks, diagnostics) = bank::load_all(&quizzes());
    let rendered: Vec<String> = diagnostics
        .iter()
        .map(|d| d.render(union_quiz::i18n::Lang::En))
        .collect();
    assert!(
        rendered.is_empty(),
        "quizzes/ has diagnostics:\n{}",
        rendered.join("\n")
    );
    banks
}

fn bank_file(name: &str) -> PathBuf {
    quizzes().join(name)
}

#[test]
fn check_binary_reports_no_errors_and_no_warnings() {
    let out = Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["check", "--format", "json", "quizzes/"])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run union-quiz: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
    assert_eq!(report["errors"], 0, "{stdout}");
    assert_eq!(report["warnings"], 0, "{stdout}");
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{stdout}");
    // Every bank plus the roster was read.
    let files = report["files"].as_u64().unwrap_or(0);
    assert!(files >= 5, "only {files} files checked: {stdout}");
}

#[test]
fn check_binary_text_summary_is_clean_in_vietnamese() {
    let out = Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["check", "quizzes/"])
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run union-quiz: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.lines().count(),
        1,
        "expected only the summary: {stdout}"
    );
    assert!(stdout.ends_with(", 0 lỗi, 0 cảnh báo\n"), "{stdout}");
}

#[test]
fn enough_banks_and_questions() {
    // Issue 14: the whole 2018 course, 160 questions in at least 8 banks.
    let banks = shipped_banks();
    assert!(banks.len() >= 8, "{} banks", banks.len());
    let total: usize = banks.iter().map(|b| b.questions.len()).sum();
    assert!(total >= 160, "{total} questions");
}

#[test]
fn the_general_sample_bank_has_at_least_15_questions() {
    let chung = bank::load(&bank_file("cchc-2018-chung.yaml"))
        .unwrap_or_else(|e| panic!("cchc-2018-chung.yaml: {e}"));
    assert_eq!(chung.id, "cchc-2018-chung");
    assert!(chung.questions.len() >= 15, "{}", chung.questions.len());
}

#[test]
fn every_question_has_a_topic_a_source_and_an_explanation() {
    for b in shipped_banks() {
        for q in &b.questions {
            let filled = |f: Option<&str>| f.is_some_and(|s| !s.trim().is_empty());
            assert!(
                filled(q.source.as_deref()),
                "{}:{} has no source",
                b.id,
                q.id
            );
            assert!(
                filled(q.explanation.as_deref()),
                "{}:{} has no explanation",
                b.id,
                q.id
            );
            assert!(filled(q.topic.as_deref()), "{}:{} has no topic", b.id, q.id);
        }
    }
}

/// The news article the province's questions rest on, as the facts file
/// names it.
const ARTICLE: &str = "Công đoàn Viên chức tỉnh: Tích cực tham gia cải cách hành chính";

#[test]
fn a_question_from_the_news_article_names_it() {
    // The facts file wraps the title over two lines.
    let facts = std::fs::read_to_string(root().join("docs/cchc-2018-facts.md"))
        .unwrap_or_else(|e| panic!("facts file: {e}"));
    let facts = facts.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(facts.contains(&format!("Báo Tuyên Quang, \"{ARTICLE}\", 2018")));
    let named = format!("Theo bài \"{ARTICLE}\" (Báo Tuyên Quang, 2018), ");
    let mut citing = 0;
    for b in shipped_banks() {
        for q in &b.questions {
            // "Theo bài báo, …": a member cannot know which article.
            assert!(
                !q.text.contains("bài báo"),
                "{}:{} does not name the article: {}",
                b.id,
                q.id,
                q.text
            );
            if q.text.starts_with("Theo bài ") {
                assert!(q.text.starts_with(&named), "{}:{} {}", b.id, q.id, q.text);
                citing += 1;
            }
        }
    }
    assert!(citing >= 17, "{citing} questions cite the article");
}

#[test]
fn one_bank_is_a_15_minute_exam_with_a_random_pick() {
    let banks = shipped_banks();
    let exam = banks.iter().find(|b| {
        b.time_limit == Some(Duration::from_secs(15 * 60))
            && b.review == Review::AfterSubmit
            && b.pick.is_some_and(|n| n < b.questions.len())
    });
    assert!(
        exam.is_some(),
        "no bank with time_limit 15m, pick < questions and review after_submit"
    );
}

#[test]
fn one_bank_is_untimed_practice_with_the_answer_after_each_question() {
    let banks = shipped_banks();
    let practice = banks.iter().find(|b| {
        b.time_limit.is_none()
            && b.question_time_limit.is_none()
            && b.review == Review::EachQuestion
    });
    assert!(
        practice.is_some(),
        "no untimed bank with review each_question"
    );
}

#[test]
fn several_right_answers_appear_and_one_bank_scores_them_partially() {
    let banks = shipped_banks();
    let multiple = banks
        .iter()
        .flat_map(|b| &b.questions)
        .filter(|q| q.is_multiple())
        .count();
    assert!(
        multiple >= 3,
        "{multiple} questions with several right answers"
    );
    assert!(banks.iter().any(|b| b.scoring == Scoring::Partial));
}

/// Whether a choice only makes sense next to the others, in their order:
/// "Cả A và B", "Cả A, B và C", "Tất cả các đáp án trên".
fn points_at_other_choices(choice: &str) -> bool {
    let letters = choice
        .split_whitespace()
        .map(|w| w.trim_matches(','))
        .filter(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        .count();
    letters >= 2 || choice.to_lowercase().contains("đáp án trên")
}

#[test]
fn a_choice_that_points_at_other_letters_is_never_shuffled() {
    assert!(points_at_other_choices("Cả A và B"));
    assert!(points_at_other_choices("Cả A, B và C"));
    assert!(!points_at_other_choices(
        "Cả các bộ, ngành và chính quyền địa phương"
    ));
    let mut seen = 0;
    for b in shipped_banks() {
        for q in &b.questions {
            if q.choices.iter().any(|c| points_at_other_choices(c)) {
                seen += 1;
                assert_eq!(q.shuffle_choices, Some(false), "{}:{}", b.id, q.id);
            }
        }
    }
    assert!(
        seen >= 1,
        "no question with a \"Cả A và B\" choice to check"
    );
}

/// A date, count or percentage, as opposed to a document's number: the
/// name of a decree may appear in many questions without giving anything
/// away.
fn is_figure(choice: &str) -> bool {
    const DOCUMENT_MARKS: [&str; 5] = ["NĐ-CP", "NQ-CP", "QĐ-", "TT-", "VBHN-"];
    choice.chars().any(|c| c.is_ascii_digit()) && !DOCUMENT_MARKS.iter().any(|m| choice.contains(m))
}

#[test]
fn no_question_states_a_numeric_answer_of_another_in_the_same_bank() {
    // Dates, counts and percentages are the answers most easily given away:
    // a right choice containing a digit must not appear in the text of any
    // other question of its bank, nor, in practice banks (where explanations
    // show after each answer), in another question's explanation.
    for b in shipped_banks() {
        for q in &b.questions {
            for &i in &q.answer {
                let Some(right) = q.choices.get(i) else {
                    panic!("{}:{} answer index {i} out of range", b.id, q.id);
                };
                if !is_figure(right) {
                    continue;
                }
                for other in b.questions.iter().filter(|o| o.id != q.id) {
                    assert!(
                        !other.text.contains(right.as_str()),
                        "{}: the text of {} gives away the answer of {} ({right})",
                        b.id,
                        other.id,
                        q.id
                    );
                    if b.review == Review::EachQuestion {
                        let shown = other.explanation.as_deref().unwrap_or("");
                        assert!(
                            !shown.contains(right.as_str()),
                            "{}: the explanation of {} gives away the answer of {} ({right})",
                            b.id,
                            other.id,
                            q.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn bank_files_are_stored_in_nfc() {
    // The loader normalises anyway; stored NFC keeps diffs and searches of
    // the files themselves reliable.
    let mut seen = 0;
    for entry in std::fs::read_dir(quizzes()).unwrap_or_else(|e| panic!("quizzes/: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("quizzes/: {e}")).path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(is_nfc(&text), "{} is not NFC", path.display());
        seen += 1;
    }
    assert!(seen >= 5, "{seen} YAML files");
}

#[test]
fn the_sample_roster_has_both_real_unions_and_marks_every_other_unit_as_an_example() {
    let r = roster::load(&bank_file("roster.yaml")).unwrap_or_else(|e| panic!("roster.yaml: {e}"));
    for real in REAL_UNITS {
        let unit = r.units.iter().find(|u| u.name == real);
        let Some(unit) = unit else {
            panic!("roster.yaml lacks {real}");
        };
        // The article gives no head count for them: none may be invented.
        assert_eq!(unit.members, None, "{real} has an invented member count");
    }
    let examples: Vec<_> = r
        .units
        .iter()
        .filter(|u| !REAL_UNITS.contains(&u.name.as_str()))
        .collect();
    assert!(!examples.is_empty(), "no example units");
    for u in examples {
        assert!(
            u.name.contains("Ví dụ") && u.name.contains("(mẫu)"),
            "unit {:?} is neither named in the article nor marked as an example",
            u.name
        );
    }
}

/// The facts file every question must be traceable to.
const FACTS: &str = "docs/cchc-2018-facts.md";

/// The last year of documents a 2018 course may cite (the facts file's
/// course-year rule).
const COURSE_YEAR: u32 = 2018;

/// Kinds of numbered documents, by full name and by the abbreviation the
/// facts file and document numbers use (`61/2018/NĐ-CP`, `QĐ 225/QĐ-TTg`).
const KINDS: [(&str, &str); 6] = [
    ("Nghị định", "NĐ"),
    ("Quyết định", "QĐ"),
    ("Nghị quyết", "NQ"),
    ("Thông tư", "TT"),
    ("Chỉ thị", "CT"),
    ("văn bản hợp nhất", "VBHN"),
];

/// A document named in a text: a numbered act (`NĐ 61/2018`, `QĐ 225`,
/// `QH 12/2012` for a law by its number), or one known by name (`Luật Công
/// đoàn 2012`, `Báo Tuyên Quang`, `PAR Index 2017`, `Đại hội XII`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum DocKey {
    Numbered {
        kind: String,
        number: String,
        year: Option<u32>,
    },
    Named(String),
}

impl std::fmt::Display for DocKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocKey::Numbered {
                kind,
                number,
                year: Some(y),
            } => write!(f, "{kind} {number}/{y}"),
            DocKey::Numbered { kind, number, .. } => write!(f, "{kind} {number}"),
            DocKey::Named(name) => f.write_str(name),
        }
    }
}

fn is_year(s: &str) -> Option<u32> {
    (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `NĐ-CP` → `NĐ`, `QH13` → `QH`, `TT-VPCP` → `TT`: the kind a document
/// number's suffix names, if it is one of ours.
fn kind_of_suffix(suffix: &str) -> Option<String> {
    let head: String = suffix.chars().take_while(|c| c.is_alphabetic()).collect();
    (head == "QH" || KINDS.iter().any(|(_, abbr)| *abbr == head)).then_some(head)
}

/// Every document a text names. Full kind names are folded into their
/// abbreviations and "năm" dropped, so `Luật Công đoàn năm 2012` and the
/// facts file's `Luật Công đoàn 2012` meet.
fn document_keys(text: &str) -> BTreeSet<DocKey> {
    let mut folded = text.replace("năm ", "");
    for (full, abbr) in KINDS {
        folded = folded.replace(full, abbr);
    }
    let tokens: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut keys = BTreeSet::new();
    // A newspaper: its capitalised name up to the punctuation that ends it
    // ("Báo Tuyên Quang, «…»", "Báo Tuyên Quang (2018)").
    for (at, _) in folded.match_indices("Báo ") {
        let rest = &folded[at + "Báo ".len()..];
        let end = rest
            .find([',', '(', '«', '"', '.', ';', ':', '\n'])
            .unwrap_or(rest.len());
        let name = rest[..end].trim();
        if !name.is_empty()
            && name
                .split(' ')
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        {
            keys.insert(DocKey::Named(format!("Báo {name}")));
        }
    }
    for (i, tok) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| tokens.get(j)).copied();
        let prev2 = i.checked_sub(2).and_then(|j| tokens.get(j)).copied();
        // Numbered: "61/2018/NĐ-CP", "225/QĐ-TTg", "12/2012/QH13", or a
        // bare "61/2018" / "26" after "NĐ" / "CT" (optionally "số").
        if tok.starts_with(|c: char| c.is_ascii_digit()) {
            let parts: Vec<&str> = tok.split('/').collect();
            let number = parts[0];
            if !number.chars().all(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let year = parts.get(1).and_then(|p| is_year(p));
            let suffix_kind = parts
                .last()
                .filter(|_| parts.len() > 1)
                .and_then(|s| kind_of_suffix(s));
            let lead = if prev == Some("số") { prev2 } else { prev };
            let lead_kind = lead.filter(|p| KINDS.iter().any(|(_, a)| a == p));
            let kind = suffix_kind.or(lead_kind.map(str::to_string));
            if let Some(kind) = kind {
                keys.insert(DocKey::Numbered {
                    kind,
                    number: number.to_string(),
                    year,
                });
            }
            continue;
        }
        // Named: a law by name and year, an index and its year, a union
        // congress.
        let rest = &tokens[i + 1..];
        match *tok {
            "Luật" => {
                let name: Vec<&str> = rest
                    .iter()
                    .take_while(|t| is_year(t).is_none() && !t.chars().any(|c| c.is_ascii_digit()))
                    .copied()
                    .collect();
                if let Some(y) = rest.get(name.len()).filter(|t| is_year(t).is_some())
                    && !name.is_empty()
                    && name.len() <= 6
                {
                    keys.insert(DocKey::Named(format!("Luật {} {y}", name.join(" "))));
                }
            }
            "SIPAS" | "Index" if *tok == "SIPAS" || prev == Some("PAR") => {
                let index = if *tok == "SIPAS" {
                    "SIPAS"
                } else {
                    "PAR Index"
                };
                if let Some(y) = rest.first().filter(|t| is_year(t).is_some()) {
                    keys.insert(DocKey::Named(format!("{index} {y}")));
                }
            }
            "hội" if prev == Some("Đại") => {
                if let Some(n) = rest
                    .first()
                    .filter(|t| t.chars().all(|c| "IVXLC".contains(c)))
                {
                    keys.insert(DocKey::Named(format!("Đại hội {n}")));
                }
            }
            _ => {}
        }
    }
    keys
}

fn facts_keys() -> BTreeSet<DocKey> {
    let text =
        std::fs::read_to_string(root().join(FACTS)).unwrap_or_else(|e| panic!("{FACTS}: {e}"));
    document_keys(&text)
}

/// Why a source is refused, or None when it names documents of the facts
/// file only (at least one), none issued after the course year.
fn source_problem(source: &str, facts: &BTreeSet<DocKey>) -> Option<String> {
    let keys = document_keys(source);
    if keys.is_empty() {
        return Some("names no document".into());
    }
    for k in &keys {
        if let DocKey::Numbered { year: Some(y), .. } = k
            && *y > COURSE_YEAR
        {
            return Some(format!("cites {k}, issued after {COURSE_YEAR}"));
        }
        if matches!(k, DocKey::Numbered { .. }) && !facts.contains(k) {
            return Some(format!("cites {k}, which is not in {FACTS}"));
        }
    }
    if !keys.iter().any(|k| facts.contains(k)) {
        let named: Vec<String> = keys.iter().map(ToString::to_string).collect();
        return Some(format!(
            "names {}, none of them in {FACTS}",
            named.join(", ")
        ));
    }
    None
}

#[test]
fn the_facts_file_yields_the_documents_it_describes() {
    let facts = facts_keys();
    let numbered = |kind: &str, number: &str, year: Option<u32>| DocKey::Numbered {
        kind: kind.into(),
        number: number.into(),
        year,
    };
    // A few documents of different kinds and spellings, as the facts file
    // writes them.
    for k in [
        numbered("NĐ", "61", Some(2018)),
        numbered("NQ", "30c", None),
        numbered("QĐ", "225", None),
        numbered("TT", "01", Some(2018)),
        numbered("CT", "26", None),
        numbered("QH", "12", Some(2012)),
        DocKey::Named("Báo Tuyên Quang".into()),
        DocKey::Named("PAR Index 2017".into()),
        DocKey::Named("Luật Công đoàn 2012".into()),
        DocKey::Named("Đại hội XII".into()),
    ] {
        assert!(facts.contains(&k), "{k} not found in {FACTS}");
    }
    assert!(
        facts.len() >= 40,
        "only {} documents in {FACTS}",
        facts.len()
    );
}

#[test]
fn a_source_outside_the_facts_file_or_the_course_year_is_refused() {
    let facts = facts_keys();
    let ok = |s: &str| source_problem(s, &facts);
    assert_eq!(ok("Nghị định 61/2018/NĐ-CP, Điều 11 khoản 1"), None);
    assert_eq!(ok("Luật Công đoàn năm 2012, Điều 21"), None);
    assert_eq!(
        ok("Luật Cán bộ, công chức năm 2008 (Luật số 22/2008/QH12), Điều 3"),
        None
    );
    assert_eq!(
        ok("Chỉ thị 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ"),
        None
    );
    assert_eq!(ok("Bộ Nội vụ, kết quả SIPAS năm 2018"), None);
    // Fact 44 names no document: its old question had to go.
    assert_eq!(
        ok("Chương trình phối hợp công tác giữa Bộ Nội vụ và Công đoàn Viên chức Việt Nam")
            .as_deref(),
        Some("names no document")
    );
    assert_eq!(
        ok("Nghị định 999/2018/NĐ-CP").as_deref(),
        Some("cites NĐ 999/2018, which is not in docs/cchc-2018-facts.md")
    );
    // In the facts file only as a later change: not for a 2018 course.
    assert_eq!(
        ok("Nghị định 107/2021/NĐ-CP").as_deref(),
        Some("cites NĐ 107/2021, issued after 2018")
    );
    assert!(ok("Nghị định 61/2018/NĐ-CP và Nghị định 999/2018/NĐ-CP").is_some());
}

#[test]
fn every_source_names_a_document_of_the_facts_file() {
    let facts = facts_keys();
    let mut problems = Vec::new();
    for b in shipped_banks() {
        for q in &b.questions {
            let source = q.source.as_deref().unwrap_or("");
            if let Some(p) = source_problem(source, &facts) {
                problems.push(format!("{}:{}: {p} ({source})", b.id, q.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
