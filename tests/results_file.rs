//! The results file: BOM and header once, whole rows under a lock, many
//! writers at once, formula neutralising, and a reader that skips bad rows.

mod holder_support;

use std::path::Path;
use std::process::Command;

use union_quiz::results::{self, BadReason, COLUMNS, FieldKind, ResultRow};

fn row(n: u32) -> ResultRow {
    ResultRow {
        attempt_id: format!("a{n:04}"),
        finished_at: "2018-06-21T09:30:00+07:00".into(),
        member_name: "Trương Thị Sâm".into(),
        member_code: String::new(),
        unit: "Công đoàn Kho bạc Nhà nước tỉnh".into(),
        bank_id: "cchc-2018-chung".into(),
        bank_title: "Cải cách thủ tục hành chính, kiến thức chung".into(),
        bank_sha256: "ab".repeat(32),
        score: 7.5,
        max_score: 10.0,
        percent: 75.0,
        passed: true,
        answered: 9,
        questions: 10,
        duration_s: 612,
        time_limit_s: Some(900),
        timed_out: false,
        seed: 42,
        answers: "nd61-hieu-luc:B;nq30c-6:AC;q7:-".into(),
        app_version: "0.1.0".into(),
    }
}

#[test]
fn first_row_writes_bom_and_header_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/results.csv");
    results::append_row(&path, &row(1)).unwrap();
    results::append_row(&path, &row(2)).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with('\u{FEFF}'));
    assert_eq!(text.matches('\u{FEFF}').count(), 1);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], format!("\u{FEFF}{}", COLUMNS.join(",")));
    assert_eq!(
        lines[1],
        "a0001,2018-06-21T09:30:00+07:00,Trương Thị Sâm,,Công đoàn Kho bạc Nhà nước tỉnh,\
         cchc-2018-chung,\"Cải cách thủ tục hành chính, kiến thức chung\",\
         abababababababababababababababababababababababababababababababab,7.5,10,75.0,true,9,10,\
         612,900,false,42,nd61-hieu-luc:B;nq30c-6:AC;q7:-,0.1.0"
    );
}

#[test]
fn rows_read_back_equal_rows_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    let mut untimed = row(2);
    untimed.time_limit_s = None;
    untimed.member_code = "CD-07".into();
    for r in [row(1), untimed.clone()] {
        results::append_row(&path, &r).unwrap();
    }
    let read = results::read_file(&path).unwrap();
    assert!(read.bad.is_empty(), "{:?}", read.bad);
    assert_eq!(read.rows, vec![row(1), untimed]);
}

#[test]
fn formula_like_fields_are_neutralised_and_read_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    let mut r = row(1);
    r.member_name = "=HYPERLINK(\"http://x\",\"bấm\")".into();
    r.member_code = "-5".into();
    r.unit = "@SUM(A1)".into();
    r.bank_title = "+1".into();
    results::append_row(&path, &r).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let data = text.lines().nth(1).unwrap();
    assert!(
        data.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\""),
        "{data}"
    );
    assert!(data.contains(",'-5,'@SUM(A1),"), "{data}");
    assert!(data.contains(",'+1,"), "{data}");
    assert_eq!(results::read_file(&path).unwrap().rows, vec![r]);
}

#[test]
fn neutralise_covers_every_formula_start() {
    for start in ["=", "+", "-", "@", "\t", "\r"] {
        let field = format!("{start}x");
        assert_eq!(results::neutralise(&field), format!("'{field}"));
        assert_eq!(results::unneutralise(&results::neutralise(&field)), field);
    }
    assert_eq!(results::neutralise("Lê Mạnh Hải"), "Lê Mạnh Hải");
    assert_eq!(results::unneutralise("'quoted"), "'quoted");
}

#[test]
fn a_row_after_a_torn_line_starts_on_a_fresh_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    results::append_row(&path, &row(1)).unwrap();
    // A writer that died mid-row left a line without its newline.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut f, b"a0002,2018-06-21T09:3").unwrap();
    drop(f);
    results::append_row(&path, &row(3)).unwrap();
    let read = results::read_file(&path).unwrap();
    assert_eq!(read.rows, vec![row(1), row(3)]);
    assert_eq!(read.bad.len(), 1);
    assert_eq!(read.bad[0].line, 3);
}

#[test]
fn bad_rows_are_reported_with_line_numbers_and_skipped() {
    let mut text = format!("\u{FEFF}{}\n", COLUMNS.join(","));
    let good = |id: &str| {
        format!(
            "{id},2018-06-21T09:30:00+07:00,Lan,,KBNN,b,B,h,3,4,75.0,true,4,4,60,,false,1,q1:A,0.1.0\n"
        )
    };
    text.push_str(&good("a1"));
    text.push_str("a2,too,few,columns\n");
    text.push_str(&good("a3").replace(",3,4,75.0,", ",ba,4,75.0,"));
    text.push_str(&good("a4"));
    let read = results::read_bytes(Path::new("r.csv"), text.as_bytes());
    let ids: Vec<&str> = read.rows.iter().map(|r| r.attempt_id.as_str()).collect();
    assert_eq!(ids, ["a1", "a4"]);
    let lines: Vec<u64> = read.bad.iter().map(|b| b.line).collect();
    assert_eq!(lines, [3, 4]);
    assert_eq!(
        read.bad[0].reason,
        BadReason::ColumnCount {
            found: 4,
            expected: 20
        }
    );
    assert_eq!(read.bad[0].reason.to_string(), "4 columns instead of 20");
    // The CSV reader counts fields from 0; the reason names the column.
    assert_eq!(
        read.bad[1].reason,
        BadReason::Field {
            column: "score".into(),
            value: "ba".into(),
            kind: FieldKind::Number
        }
    );
}

#[test]
fn each_bad_field_names_its_column_and_what_it_needs() {
    let good =
        "a1,2018-06-21T09:30:00+07:00,Lan,,KBNN,b,B,h,3,4,75.0,true,4,4,60,,false,1,q1:A,0.1.0\n";
    let cases = [
        (
            ",75.0,true,",
            ",75.0,có,",
            "passed",
            "có",
            FieldKind::TrueFalse,
        ),
        (
            ",4,4,60,",
            ",4,4,1.5,",
            "duration_s",
            "1.5",
            FieldKind::WholeNumber,
        ),
        (
            ",4,4,60,",
            ",-4,4,60,",
            "answered",
            "-4",
            FieldKind::WholeNumber,
        ),
        (
            ",3,4,75.0,",
            ",3,4,75%,",
            "percent",
            "75%",
            FieldKind::Number,
        ),
        (
            ",60,,false,",
            ",60,20m,false,",
            "time_limit_s",
            "20m",
            FieldKind::WholeNumber,
        ),
    ];
    for (from, to, column, value, kind) in cases {
        let text = format!("{}\n{}", COLUMNS.join(","), good.replace(from, to));
        let read = results::read_bytes(Path::new("r.csv"), text.as_bytes());
        assert!(read.rows.is_empty(), "{to}");
        assert_eq!(
            read.bad
                .iter()
                .map(|b| (b.line, b.reason.clone()))
                .collect::<Vec<_>>(),
            vec![(
                2,
                BadReason::Field {
                    column: column.into(),
                    value: value.into(),
                    kind
                }
            )],
            "{to}"
        );
    }
}

#[test]
fn a_line_that_is_not_utf8_is_said_so() {
    let mut bytes = format!("{}\n", COLUMNS.join(",")).into_bytes();
    // "Nguyễn" saved in a Windows code page, not UTF-8.
    bytes.extend_from_slice(b"a1,2018-06-21T09:30:00+07:00,Nguy\xea\xe3n,,K,b,B,h,3,4,75.0,true,4,4,60,,false,1,q1:A,0.1.0\n");
    let read = results::read_bytes(Path::new("r.csv"), &bytes);
    assert_eq!(read.bad.len(), 1);
    assert_eq!(
        (read.bad[0].line, &read.bad[0].reason),
        (2, &BadReason::NotUtf8)
    );
}

#[test]
fn a_file_that_is_not_a_results_file_is_one_bad_row() {
    let read = results::read_bytes(Path::new("x.csv"), b"name,score\nLan,3\n");
    assert!(read.rows.is_empty());
    assert_eq!(read.bad.len(), 1);
    assert_eq!(read.bad[0].line, 1);
    assert_eq!(read.bad[0].reason, BadReason::NotResultsHeader);
    let empty = results::read_bytes(Path::new("x.csv"), b"");
    assert!(empty.rows.is_empty() && empty.bad.is_empty());
}

#[test]
fn check_writable_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/results.csv");
    results::check_writable(&path).unwrap();
    assert!(!path.exists());
    // A folder where the file should be cannot be written.
    std::fs::create_dir_all(dir.path().join("taken.csv")).unwrap();
    assert!(results::check_writable(&dir.path().join("taken.csv")).is_err());
    // Nor can a file under a path whose parent is a file.
    std::fs::write(dir.path().join("plain"), "x").unwrap();
    let err = results::append_row(&dir.path().join("plain/results.csv"), &row(1)).unwrap_err();
    assert!(err.to_string().contains("plain"), "{err}");
}

/// Set in the child processes of `many_writers_never_mix_rows`.
const CHILD_ENV: &str = "UNION_QUIZ_TEST_APPEND_TO";

/// Not a test on its own: appends 50 rows to the file the environment names.
/// `many_writers_never_mix_rows` runs this in 32 processes at once.
#[test]
#[ignore = "run in child processes by many_writers_never_mix_rows"]
fn child_appends_fifty_rows() {
    let path = std::env::var(CHILD_ENV).expect("set by the parent test");
    let who = std::process::id();
    for n in 0..50 {
        let mut r = row(n);
        r.attempt_id = format!("p{who}-{n}");
        // Long enough that a row spans several pipe-sized writes if unlocked.
        r.answers = (0..200)
            .map(|i| format!("q{i}:ABD"))
            .collect::<Vec<_>>()
            .join(";");
        results::append_row(Path::new(&path), &r).unwrap();
    }
}

#[test]
fn many_writers_never_mix_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..32)
        .map(|_| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "child_appends_fifty_rows",
                    "--ignored",
                    "--quiet",
                ])
                .env(CHILD_ENV, &path)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes.windows(3).filter(|w| w == b"\xEF\xBB\xBF").count(), 1);
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.matches("attempt_id,finished_at").count(), 1);
    let read = results::read_file(&path).unwrap();
    assert!(read.bad.is_empty(), "{:?}", read.bad);
    assert_eq!(read.rows.len(), 1600);
    let mut ids: Vec<&str> = read.rows.iter().map(|r| r.attempt_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1600);
    assert!(
        read.rows
            .iter()
            .all(|r| r.answers.split(';').count() == 200)
    );
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn sample_file() -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("results.csv");
        for n in 0..3 {
            results::append_row(&path, &row(n)).unwrap();
        }
        std::fs::read(&path).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let read = results::read_bytes(Path::new("r.csv"), &bytes);
            prop_assert!(read.rows.len() + read.bad.len() <= bytes.len() + 1);
        }

        #[test]
        fn truncated_and_mutated_files_never_panic(cut in 0usize..2000, flips in proptest::collection::vec((0usize..2000, any::<u8>()), 0..8)) {
            let mut bytes = sample_file();
            for (at, b) in flips {
                let n = bytes.len();
                bytes[at % n] = b;
            }
            bytes.truncate(cut.min(bytes.len()));
            let read = results::read_bytes(Path::new("r.csv"), &bytes);
            prop_assert!(read.rows.len() <= 3);
        }
    }

    #[test]
    fn a_huge_line_is_one_bad_row() {
        let mut bytes = sample_file();
        bytes.extend(std::iter::repeat_n(b'x', 5 * 1024 * 1024));
        bytes.push(b'\n');
        let read = results::read_bytes(Path::new("r.csv"), &bytes);
        assert_eq!(read.rows.len(), 3);
        assert_eq!(read.bad.len(), 1);
        assert_eq!(read.bad[0].line, 5);
    }
}

/// Not a test on its own: the other program of
/// `a_file_held_by_another_program_is_reported_and_written_once_free`.
#[test]
#[ignore = "run in a child process by the tests of a held results file"]
fn child_holds_the_results_file() {
    holder_support::hold();
}

#[test]
fn a_file_held_by_another_program_is_reported_and_written_once_free() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    results::append_row(&path, &row(1)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let holder = holder_support::Holder::start("child_holds_the_results_file", &path);
    // Short waits: what is tested is the report, not how long it waits.
    let wait = std::time::Duration::from_millis(50);
    let err = results::append_row_waiting(&path, &row(2), wait, wait).unwrap_err();
    assert!(
        matches!(&err, results::ResultsError::InUse { path: p } if *p == path),
        "{err:?}"
    );
    assert!(
        err.to_string().ends_with("in use by another program"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    holder.release();
    results::append_row_waiting(&path, &row(2), wait, wait).unwrap();
    let read = results::read_file(&path).unwrap();
    assert!(read.bad.is_empty(), "{:?}", read.bad);
    let ids: Vec<&str> = read.rows.iter().map(|r| r.attempt_id.as_str()).collect();
    assert_eq!(ids, [row(1).attempt_id, row(2).attempt_id]);
}
