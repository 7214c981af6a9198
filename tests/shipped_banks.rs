//! The banks and the roster shipped in `quizzes/` (issue 6): they check
//! clean, and they keep the shape the course needs — enough banks and
//! questions, a source and an explanation on every question, one timed exam
//! and one untimed practice bank, and a roster with the two real unions.

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
    let banks = shipped_banks();
    assert!(banks.len() >= 4, "{} banks", banks.len());
    let total: usize = banks.iter().map(|b| b.questions.len()).sum();
    assert!(total >= 80, "{total} questions");
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
            let filled = |f: &Option<String>| f.as_deref().is_some_and(|s| !s.trim().is_empty());
            assert!(filled(&q.source), "{}:{} has no source", b.id, q.id);
            assert!(
                filled(&q.explanation),
                "{}:{} has no explanation",
                b.id,
                q.id
            );
            assert!(filled(&q.topic), "{}:{} has no topic", b.id, q.id);
        }
    }
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
