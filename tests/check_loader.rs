//! The loader API other areas use: `bank::load`, `bank::load_all`,
//! `bank::parse_duration`, `roster::load`.

use std::path::Path;
use std::time::Duration;

use union_quiz::bank::{self, Review, Scoring};
use union_quiz::roster;

fn fixture(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

#[test]
fn loads_a_bank_with_every_key() {
    let b = bank::load(&fixture("banks/good/mot-cua.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.id, "mot-cua-2018");
    assert_eq!(b.title, "Một cửa, một cửa liên thông");
    assert_eq!(
        b.course.as_deref(),
        Some("Tập huấn cải cách hành chính năm 2018")
    );
    assert_eq!(
        b.description.as_deref(),
        Some("Bài kiểm tra ngắn về cơ chế một cửa.\nCó 3 câu hỏi.")
    );
    assert_eq!(b.time_limit, Some(Duration::from_secs(20 * 60)));
    assert_eq!(b.question_time_limit, Some(Duration::from_secs(45)));
    assert_eq!(b.pick, Some(2));
    assert!(b.shuffle_questions && b.shuffle_choices);
    assert_eq!(b.pass_percent, 50.0);
    assert_eq!(b.review, Review::AfterSubmit);
    assert_eq!(b.scoring, Scoring::AllOrNothing);
    assert_eq!(b.questions.len(), 3);
    assert_eq!(b.sha256.len(), 64);
    assert!(
        b.sha256
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );

    let q = &b.questions[0];
    assert_eq!(q.id, "nd61-hieu-luc");
    assert_eq!(q.topic.as_deref(), Some("Một cửa, một cửa liên thông"));
    assert_eq!(
        q.choices,
        ["23/4/2018", "21/6/2018", "01/7/2018", "15/5/2015"]
    );
    assert_eq!(q.answer, [1]);
    assert_eq!(q.points, 1.0);
    assert_eq!(q.source.as_deref(), Some("Nghị định 61/2018/NĐ-CP"));

    // No id: derived from the text; lower-case answer accepted.
    let q = &b.questions[1];
    assert_eq!(q.id, bank::derived_id(&q.text));
    assert_eq!(q.answer, [0]);
    assert_eq!(q.points, 1.0);
    assert_eq!(q.shuffle_choices, None);

    let q = &b.questions[2];
    assert_eq!(q.answer, [0, 1]);
    assert!(q.is_multiple());
    assert_eq!(q.shuffle_choices, Some(false));
    assert_eq!(q.points, 2.0);
    assert!(q.text.ends_with("(Chọn tất cả đáp án đúng)"));
}

#[test]
fn defaults_apply_and_id_is_the_file_stem() {
    let b = bank::load(&fixture("banks/good/toi-thieu.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(b.id, "toi-thieu");
    assert_eq!(b.time_limit, None);
    assert_eq!(b.pick, None);
    assert!(b.shuffle_questions && b.shuffle_choices);
    assert_eq!(b.pass_percent, 50.0);
    assert_eq!(b.review, Review::AfterSubmit);
    assert_eq!(b.scoring, Scoring::AllOrNothing);
}

#[test]
fn load_all_reads_a_folder_in_name_order() {
    let (banks, diags) = bank::load_all(&fixture("banks/good"));
    assert!(diags.is_empty(), "{diags:?}");
    let ids: Vec<&str> = banks.iter().map(|b| b.id.as_str()).collect();
    assert!(ids.contains(&"mot-cua-2018") && ids.contains(&"toi-thieu"));
    let mut sorted = banks.iter().map(|b| b.path.clone()).collect::<Vec<_>>();
    sorted.sort();
    assert_eq!(
        sorted,
        banks.iter().map(|b| b.path.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn load_all_skips_rosters() {
    let (banks, diags) = bank::load_all(&fixture("rosters/good"));
    assert!(banks.is_empty());
    // The folder holds no bank: one warning, no error.
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error());
}

#[test]
fn load_refuses_a_bad_bank_listing_every_problem() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("x.yaml");
    std::fs::write(
        &path,
        "title: x\nquestions:\n  - text: a\n    choices: [a, b]\n    anwser: A\n  - text: b\n    choices: [a]\n    answer: E\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let err = bank::load(&path).err().unwrap_or_else(|| panic!("loaded"));
    let codes: Vec<(usize, &str)> = err.diagnostics.iter().map(|d| (d.line, d.code())).collect();
    assert_eq!(
        codes,
        [
            (5, "unknown-key"),
            (7, "too-few-choices"),
            (8, "answer-out-of-range")
        ]
    );
    let shown = err.render(union_quiz::i18n::Lang::Vi);
    assert!(
        shown.contains("x.yaml:5:5: lỗi: khóa không hợp lệ \"anwser\""),
        "{shown}"
    );
    // `Display` is for logs: place and code, in no language.
    let logged = err.to_string();
    assert!(
        logged.contains("x.yaml:5:5: error[unknown-key]"),
        "{logged}"
    );
    assert!(!logged.contains("lỗi"), "{logged}");
}

#[test]
fn roster_loads() {
    let r = roster::load(&fixture("rosters/good/roster.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.units.len(), 3);
    assert_eq!(r.units[0].name, "Công đoàn Kho bạc Nhà nước tỉnh");
    assert_eq!(r.units[0].code.as_deref(), Some("KBNN"));
    assert_eq!(r.units[0].members, Some(45));
    assert_eq!(r.units[1].members, None);
    assert_eq!(r.units[2].code, None);
}

#[test]
fn durations() {
    assert_eq!(bank::parse_duration("90s"), Some(Duration::from_secs(90)));
    assert_eq!(
        bank::parse_duration("1h30m"),
        Some(Duration::from_secs(5400))
    );
    assert_eq!(bank::parse_duration("20"), None);
}

/// Questions that cite the same document (or have the same topic) share
/// one copy of it, and each still reads as written.
#[test]
fn questions_share_their_topics_and_sources() {
    let yaml = "title: Chung\nquestions:\n\
        - text: Câu một?\n  topic: Một cửa\n  source: Nghị định 61/2018/NĐ-CP\n  choices: [Có, Không]\n  answer: A\n\
        - text: Câu hai?\n  topic: Một cửa\n  source: Nghị định 61/2018/NĐ-CP\n  choices: [Có, Không]\n  answer: B\n\
        - text: Câu ba?\n  topic: Cải cách\n  source: Nghị quyết 30c/NQ-CP\n  choices: [Có, Không]\n  answer: A\n";
    let b = bank::load_bytes(Path::new("chung.yaml"), yaml.as_bytes()).expect("bank");
    let [one, two, three] = &b.questions[..] else {
        panic!("three questions: {:?}", b.questions);
    };
    let (Some(s1), Some(s2), Some(s3)) = (&one.source, &two.source, &three.source) else {
        panic!("sources");
    };
    assert!(std::sync::Arc::ptr_eq(s1, s2));
    assert_eq!(&**s1, "Nghị định 61/2018/NĐ-CP");
    assert_eq!(&**s3, "Nghị quyết 30c/NQ-CP");
    let (Some(t1), Some(t2)) = (&one.topic, &two.topic) else {
        panic!("topics");
    };
    assert!(std::sync::Arc::ptr_eq(t1, t2));
    assert_eq!(three.topic.as_deref(), Some("Cải cách"));
}
