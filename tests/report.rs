//! `union-quiz report` against figures worked out by hand.
//!
//! The fixture `tests/fixtures/results/small.csv` holds 9 rows of the bank
//! `tests/fixtures/report/cchc-mini.yaml` (4 questions of 1 point; q4 has two
//! right answers, A and C; all or nothing; pass mark 50 %):
//!
//! | row | member (unit)               | answers (bank letters)  | score | %   | time | finished |
//! |-----|-----------------------------|-------------------------|-------|-----|------|----------|
//! | a1  | Nguyễn Văn An (Kho bạc)     | q1 B q2 A q3 D q4 AC    | 4     | 100 | 300  | 09:10    |
//! | a2  | Trần Thị Bình (Kho bạc)     | q1 B q2 A q3 D q4 A     | 3     | 75  | 420  | 09:12    |
//! | a7  | LÊ VĂN CƯỜNG, cd003 (Tư pháp)| q1 B q2 A q3 D q4 -    | 3     | 75  | 450  | 10:30    |
//! | a3  | Lê Văn Cường (Tư pháp)      | q1 B q2 A q3 A q4 -     | 2     | 50  | 500  | 09:40    |
//! | a4  | Phạm Thị Dung ("công đoàn  Sở Tư pháp") | q1 B q2 C q3 D q4 AC | 3 | 75 | 420 | 09:15 |
//! | a5  | Hoàng Văn Em (Nội vụ)       | q1 A q2 A q3 B q4 -     | 1     | 25  | 600  | 09:20    |
//! | a2  | (the same attempt again: counts once)                                      |
//! | a6  | Đỗ Thị Phương (Nội vụ)      | q1 C q2 B q3 D q4 C     | 1     | 25  | 550  | 09:25    |
//! | a8  | Lê Văn Cường (Tư pháp)      | q1 B q2 B q3 D q4 -     | 2     | 50  | 350  | 11:00    |
//!
//! Cường made three attempts (a3 first, a7 best, a8 last); the other five
//! members one each.

mod engine_support;
mod report_support;

use std::path::PathBuf;
use std::process::ExitCode;

use report_support::{SHA, args, fixture};
use union_quiz::bank::Bank;
use union_quiz::cli::{AttemptPick, ReportArgs, ReportBy, ReportFormat};
use union_quiz::i18n::Lang;
use union_quiz::report::{self, Views, stats};
use union_quiz::results::ResultRow;
use union_quiz::roster::{Roster, Unit};

fn rows() -> Vec<ResultRow> {
    let loaded = report::load(&[fixture("results/small.csv")]).expect("fixture reads");
    assert!(loaded.bad.is_empty());
    assert_eq!(loaded.duplicates, 1);
    loaded.rows
}

/// The bank of `cchc-mini.yaml` as far as statistics need it.
fn bank() -> Bank {
    let question = |id: &str, answer: &[usize]| {
        engine_support::question(id, &format!("{id}?"), &["a", "b", "c", "d"], answer)
    };
    let mut bank = engine_support::bank(
        "cchc-mini",
        vec![
            question("q1", &[1]),
            question("q2", &[0]),
            question("q3", &[3]),
            question("q4", &[0, 2]),
        ],
    );
    bank.title = "Cải cách hành chính — bài kiểm tra ngắn".into();
    bank.path = fixture("report/cchc-mini.yaml");
    bank.sha256 = SHA.into();
    bank
}

fn roster() -> Roster {
    let unit = |name: &str, code: &str, members| Unit {
        name: name.into(),
        code: Some(code.into()),
        members,
    };
    Roster {
        units: vec![
            unit("Công đoàn Kho bạc Nhà nước tỉnh", "KBNN", Some(45)),
            unit("Công đoàn Sở Tư pháp", "STP", Some(20)),
            unit("Công đoàn Sở Nội vụ", "SNV", None),
            unit("Công đoàn Sở Y tế", "SYT", Some(30)),
        ],
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn opt_close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| close(a, b))
}

// ---- members -------------------------------------------------------------

fn ranking(pick: AttemptPick) -> Vec<(u32, String, f64, u64)> {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, pick);
    stats::member_lines(&counted)
        .into_iter()
        .map(|l| (l.rank, l.name, l.percent, l.time_used_s))
        .collect()
}

#[test]
fn members_rank_by_percent_then_time_with_shared_ranks() {
    // First attempts: 100, 75 (420 s), 75 (420 s), 50, 25 (550 s), 25 (600 s).
    // Bình and Dung tie on percent and time: both 2nd, then 4th ("1,2,2,4").
    let r = ranking(AttemptPick::First);
    let expected = [
        (1, "Nguyễn Văn An", 100.0, 300),
        (2, "Phạm Thị Dung", 75.0, 420),
        (2, "Trần Thị Bình", 75.0, 420),
        (4, "Lê Văn Cường", 50.0, 500),
        (5, "Đỗ Thị Phương", 25.0, 550),
        (6, "Hoàng Văn Em", 25.0, 600),
    ];
    assert_eq!(r.len(), expected.len());
    for (got, want) in r.iter().zip(expected) {
        assert_eq!((got.0, got.1.as_str(), got.2, got.3), want);
    }
}

#[test]
fn the_attempt_that_counts_is_first_best_or_last_by_finish_time() {
    let cuong = |pick| {
        let r = ranking(pick);
        r.into_iter()
            .find(|l| l.1.to_lowercase() == "lê văn cường")
            .map(|l| (l.0, l.2, l.3))
    };
    // a3 finished 09:40 although it comes after a7 (10:30) in the file.
    assert_eq!(cuong(AttemptPick::First), Some((4, 50.0, 500)));
    // a7: 75 % in 450 s, behind the two 75 % in 420 s.
    assert_eq!(cuong(AttemptPick::Best), Some((4, 75.0, 450)));
    // a8: 50 % at 11:00.
    assert_eq!(cuong(AttemptPick::Last), Some((4, 50.0, 350)));
}

#[test]
fn one_member_despite_case_and_code_spelling() {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let lines = stats::member_lines(&counted);
    assert_eq!(
        lines.len(),
        6,
        "a3, a7 (upper case, code cd003) and a8 are one member"
    );
    let cuong = lines.iter().find(|l| l.attempt_id == "a3");
    assert_eq!(cuong.map(|l| l.attempts), Some(3));
}

#[test]
fn an_attempt_in_two_files_counts_once() {
    // The room folder splits small.csv over two computers' files, with a3 in both.
    let folder = report::load(&[fixture("results/room")]).expect("folder reads");
    assert_eq!(folder.duplicates, 1);
    let single = rows();
    let key = |rows: &[ResultRow]| {
        let mut ids: Vec<String> = rows.iter().map(|r| r.attempt_id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(key(&folder.rows), key(&single));
    assert_eq!(folder.rows.len(), 8);
}

// ---- units ---------------------------------------------------------------

#[test]
fn units_by_hand() {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let units = stats::unit_lines(&counted, None);
    // Kho bạc: An 100, Bình 75 → mean 87.5, median 87.5, 2/2 passed.
    // Tư pháp: Cường 50, Dung 75 ("công đoàn  Sở Tư pháp" is the same unit)
    //          → mean 62.5, median 62.5, 2/2 passed (50 ≥ pass mark 50).
    // Nội vụ: Em 25, Phương 25 → mean 25, median 25, 0/2 passed.
    type Figures<'a> = (
        Option<u32>,
        &'a str,
        u32,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    );
    let got: Vec<Figures<'_>> = units
        .iter()
        .map(|u| {
            (
                u.rank,
                u.unit.as_str(),
                u.participants,
                u.mean_percent,
                u.median_percent,
                u.pass_rate,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some(1),
                "Công đoàn Kho bạc Nhà nước tỉnh",
                2,
                Some(87.5),
                Some(87.5),
                Some(100.0)
            ),
            (
                Some(2),
                "Công đoàn Sở Tư pháp",
                2,
                Some(62.5),
                Some(62.5),
                Some(100.0)
            ),
            (
                Some(3),
                "Công đoàn Sở Nội vụ",
                2,
                Some(25.0),
                Some(25.0),
                Some(0.0)
            ),
        ]
    );
    assert!(units.iter().all(|u| u.participation.is_none()));
}

#[test]
fn roster_gives_participation_and_lists_absent_units() {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let roster = roster();
    let units = stats::unit_lines(&counted, Some(&roster));
    let part: Vec<(&str, Option<u32>, Option<f64>)> = units
        .iter()
        .map(|u| (u.unit.as_str(), u.members, u.participation))
        .collect();
    assert_eq!(part.len(), 4);
    // 2 of 45 = 4.444… %; 2 of 20 = 10 %; Nội vụ has no head count; Y tế 0 of 30.
    assert_eq!(part[0].0, "Công đoàn Kho bạc Nhà nước tỉnh");
    assert!(opt_close(part[0].2, 200.0 / 45.0));
    assert_eq!(part[1], ("Công đoàn Sở Tư pháp", Some(20), Some(10.0)));
    assert_eq!(part[2], ("Công đoàn Sở Nội vụ", None, None));
    assert_eq!(part[3], ("Công đoàn Sở Y tế", Some(30), Some(0.0)));
    assert_eq!(units[3].rank, None);
    assert_eq!(units[3].participants, 0);
}

#[test]
fn unit_ties_on_mean_are_broken_by_pass_rate() {
    let mk = |id: &str, unit: &str, percent: f64, passed: bool| ResultRow {
        attempt_id: id.into(),
        finished_at: "2026-11-20T09:00:00+07:00".into(),
        member_name: id.into(),
        member_code: String::new(),
        unit: unit.into(),
        bank_id: "b".into(),
        bank_title: "B".into(),
        bank_sha256: String::new(),
        score: percent,
        max_score: 100.0,
        percent,
        passed,
        answered: 1,
        questions: 1,
        duration_s: 60,
        time_limit_s: None,
        timed_out: false,
        seed: 1,
        answers: String::new(),
        app_version: "t".into(),
    };
    // Both units average 60; X passes 1 of 2 (pass mark 60: 70 passes, 50 not),
    // Y 2 of 2 (60 and 60), so Y ranks first. Z averages 60 too, 1 of 2: tied with X.
    let rows = vec![
        mk("x1", "X", 70.0, true),
        mk("x2", "X", 50.0, false),
        mk("y1", "Y", 60.0, true),
        mk("y2", "Y", 60.0, true),
        mk("z1", "Z", 40.0, false),
        mk("z2", "Z", 80.0, true),
    ];
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let ranks: Vec<(String, Option<u32>)> = stats::unit_lines(&counted, None)
        .into_iter()
        .map(|u| (u.unit, u.rank))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("Y".to_owned(), Some(1)),
            ("X".to_owned(), Some(2)),
            ("Z".to_owned(), Some(2))
        ]
    );
}

// ---- bank ----------------------------------------------------------------

#[test]
fn bank_summary_by_hand() {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let banks = stats::bank_lines(&rows, &counted);
    assert_eq!(banks.len(), 1);
    let b = &banks[0];
    // 8 distinct attempts; 6 members counted: 100, 75, 50, 75, 25, 25.
    assert_eq!((b.attempts, b.members), (8, 6));
    // Mean 350 / 6 = 58.33…; median (50 + 75) / 2 = 62.5.
    assert!(opt_close(b.mean_percent, 350.0 / 6.0));
    assert_eq!(b.median_percent, Some(62.5));
    // Deviations 41.67, 16.67, −8.33, 16.67, −33.33, −33.33; squares sum
    // 4583.33; ÷ (6 − 1) = 916.67; √ = 30.277.
    let var = [100.0, 75.0, 50.0, 75.0, 25.0, 25.0]
        .iter()
        .map(|p: &f64| (p - 350.0 / 6.0).powi(2))
        .sum::<f64>()
        / 5.0;
    assert!(close(var, 916.666_666_666_666_6));
    assert!(opt_close(b.std_dev, var.sqrt()));
    assert!((b.std_dev.unwrap_or_default() - 30.277).abs() < 1e-3);
    // 4 of 6 passed.
    assert!(opt_close(b.pass_rate, 400.0 / 6.0));
    // 25, 25 → bin 20–29.9; 50 → 50–59.9; 75, 75 → 70–79.9; 100 → the last bin.
    assert_eq!(b.bins(), [0, 0, 2, 0, 0, 1, 0, 2, 0, 1]);
}

// ---- questions -----------------------------------------------------------

fn question_report() -> stats::QuestionReport {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    stats::question_report(&bank(), &counted)
}

#[test]
fn facility_and_letter_counts_by_hand() {
    let q = question_report();
    assert_eq!(q.attempts, 6);
    assert_eq!(q.sha_mismatch, 0);
    assert!(q.unknown.is_empty());
    let l = &q.lines;
    // Each question shown in all 6 counted attempts (a1–a6).
    assert!(l.iter().all(|l| l.shown == 6));
    // Right: q1 by a1 a2 a3 a4; q2 by a1 a2 a3 a5; q3 by a1 a2 a4 a6; q4 by a1 a4.
    assert!(opt_close(l[0].facility, 400.0 / 6.0));
    assert!(opt_close(l[1].facility, 400.0 / 6.0));
    assert!(opt_close(l[2].facility, 400.0 / 6.0));
    assert!(opt_close(l[3].facility, 200.0 / 6.0));
    // q1: A a5; B a1 a2 a3 a4; C a6.
    assert_eq!(
        &l[0].letter_counts()[..5],
        &[Some(1), Some(4), Some(1), Some(0), None]
    );
    // q4: A in a1 a2 a4; C in a1 a4 a6; blank a3 a5.
    assert_eq!(
        &l[3].letter_counts()[..4],
        &[Some(3), Some(0), Some(3), Some(0)]
    );
    assert_eq!((l[3].blank, l[0].blank), (2, 0));
    assert_eq!(l[3].key, "AC");
}

#[test]
fn discrimination_index_by_hand() {
    // Per-question scores of the counted attempts a1 … a6, and their totals:
    //        a1 a2 a3 a4 a5 a6
    //   q1:   1  1  1  1  0  0
    //   q2:   1  1  1  0  1  0
    //   q3:   1  1  0  1  0  1
    //   q4:   1  0  0  1  0  0
    //   T :   4  3  2  3  1  1
    //
    // q1: x = 1 1 1 1 0 0, rest y = T − x = 3 2 1 2 1 1.
    //   x̄ = 2/3, ȳ = 5/3; dx = 1/3 ×4, −2/3 ×2; dy = 4/3 1/3 −2/3 1/3 −2/3 −2/3.
    //   Σdx·dy = (4 + 1 − 2 + 1 + 4 + 4)/9 = 12/9; Σdx² = 12/9; Σdy² = 30/9.
    //   With n − 1 = 5 in every (co)variance, r = (12/9) / √(12/9 · 30/9)
    //   = 12 / √360 = 2/√10 = 0.6325.
    // q2: x = 1 1 1 0 1 0, y = 3 2 1 3 0 1; dy = 4/3 1/3 −2/3 4/3 −5/3 −2/3.
    //   Σdx·dy = (4 + 1 − 2 − 8 − 5 + 4)/9 = −6/9; Σdx² = 12/9; Σdy² = 66/9.
    //   r = −6 / √(12 · 66) = −6/√792 = −0.2132: negative, flagged.
    // q3: x = 1 1 0 1 0 1, y = 3 2 2 2 1 0; dy = 4/3 1/3 1/3 1/3 −2/3 −5/3.
    //   Σdx·dy = (4 + 1 − 2 + 1 + 4 − 5)/9 = 3/9; Σdx² = 12/9; Σdy² = 48/9.
    //   r = 3 / √(12 · 48) = 3/24 = 0.125: under 0.2, flagged low.
    // q4: x = 1 0 0 1 0 0, y = 3 3 2 2 1 1; x̄ = 1/3, ȳ = 2.
    //   Σdx·dy = 2/3 − 1/3 + 0 + 0 + 1/3 + 1/3 = 1; Σdx² = 4/3; Σdy² = 4.
    //   r = 1 / √(16/3) = √3/4 = 0.4330.
    let q = question_report();
    let d: Vec<Option<f64>> = q.lines.iter().map(|l| l.discrimination).collect();
    assert!(opt_close(d[0], 2.0 / 10f64.sqrt()));
    assert!(opt_close(d[1], -6.0 / 792f64.sqrt()));
    assert!(opt_close(d[2], 0.125));
    assert!(opt_close(d[3], 3f64.sqrt() / 4.0));
    let flags: Vec<Vec<stats::Flag>> = q.lines.iter().map(|l| l.flags.0.clone()).collect();
    assert_eq!(
        flags,
        vec![
            vec![],
            vec![stats::Flag::NegativeDiscrimination],
            vec![stats::Flag::LowDiscrimination],
            vec![]
        ]
    );
}

#[test]
fn a_changed_bank_and_unknown_questions_are_counted() {
    let rows = rows();
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let mut changed = bank();
    changed.sha256 = "0".repeat(64);
    changed.questions.truncate(3);
    let q = stats::question_report(&changed, &counted);
    assert_eq!(q.sha_mismatch, 6);
    assert_eq!(q.unknown.iter().collect::<Vec<_>>(), vec!["q4"]);
    // Without q4, totals lose it: q1's rest becomes 2 2 1 1 1 1 − still computed.
    assert_eq!(q.lines.len(), 3);
    assert!(q.lines[0].discrimination.is_some());
}

// ---- snapshots of every view in every format -----------------------------

fn views() -> Views {
    Views::compute(&rows(), AttemptPick::First, &[bank()], Some(&roster()))
}

fn render(by: ReportBy, format: ReportFormat, lang: Lang) -> String {
    report::render(&views(), by, format, lang).expect("renders")
}

#[test]
fn snapshot_every_view_in_every_format() {
    for (by, name) in [
        (ReportBy::Member, "member"),
        (ReportBy::Unit, "unit"),
        (ReportBy::Question, "question"),
        (ReportBy::Bank, "bank"),
    ] {
        for (format, fname) in [
            (ReportFormat::Table, "table"),
            (ReportFormat::Csv, "csv"),
            (ReportFormat::Json, "json"),
        ] {
            insta::assert_snapshot!(format!("{name}_{fname}"), render(by, format, Lang::Vi));
        }
        insta::assert_snapshot!(
            format!("{name}_table_en"),
            render(by, ReportFormat::Table, Lang::En)
        );
    }
}

/// The character drawn at display column `col` of `line`.
fn char_at_column(line: &str, col: usize) -> Option<char> {
    let mut w = 0;
    for c in line.chars() {
        if w == col {
            return Some(c);
        }
        w += union_quiz::text::width(c.encode_utf8(&mut [0; 4]));
    }
    None
}

#[test]
fn table_columns_line_up_by_display_width() {
    let text = render(ReportBy::Member, ReportFormat::Table, Lang::Vi);
    let lines: Vec<&str> = text.lines().collect();
    // The rule under the header gives each column's width.
    let widths: Vec<usize> = lines[1].split("  ").map(union_quiz::text::width).collect();
    // Column 6 (score) is right-aligned: on every row its last digit sits at
    // the same display column, whatever the diacritics of name and unit.
    let last = widths[..6].iter().sum::<usize>() + 2 * 5 - 1;
    for line in &lines[2..] {
        let c = char_at_column(line, last);
        assert!(c.is_some_and(|c| c.is_ascii_digit()), "{line:?}: {c:?}");
        assert_eq!(char_at_column(line, last + 1), Some(' '), "{line:?}");
    }
}

// ---- workbook --------------------------------------------------------------

#[test]
fn workbook_reads_back_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bao-cao.xlsx");
    let views = views();
    report::xlsx::write_workbook(&path, &views.sheets(Lang::Vi)).expect("writes");
    let mut book: Xlsx<_> = open_workbook(&path).expect("opens");
    assert_eq!(
        book.sheet_names(),
        vec!["Đoàn viên", "Công đoàn cơ sở", "Câu hỏi", "Bộ đề"]
    );
    let members = book.worksheet_range("Đoàn viên").expect("sheet");
    let header: Vec<String> = members
        .rows()
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    assert_eq!(header[..3], ["Bộ đề", "Hạng", "Họ và tên"]);
    let first: Vec<Data> = members
        .rows()
        .nth(1)
        .map(|r| r.to_vec())
        .unwrap_or_default();
    assert_eq!(first[2], Data::String("Nguyễn Văn An".into()));
    assert_eq!(first[1], Data::Float(1.0));
    assert_eq!(first[7], Data::Float(100.0));
    // 300 s is 5 minutes: 300 / 86400 of a day, formatted [h]:mm:ss.
    let time = match &first[9] {
        Data::DateTime(d) => d.as_f64(),
        Data::Float(f) => *f,
        other => panic!("time is {other:?}"),
    };
    assert!(close(time * 86_400.0, 300.0));
    let banks = book.worksheet_range("Bộ đề").expect("sheet");
    let row: Vec<Data> = banks.rows().nth(1).map(|r| r.to_vec()).unwrap_or_default();
    assert_eq!(row[3], Data::Float(6.0));
    // The histogram's bins follow the summary: 0,0,2,0,0,1,0,2,0,1.
    let bins: Vec<f64> = row[8..18]
        .iter()
        .map(|c| match c {
            Data::Float(f) => *f,
            _ => -1.0,
        })
        .collect();
    assert_eq!(bins, [0.0, 0.0, 2.0, 0.0, 0.0, 1.0, 0.0, 2.0, 0.0, 1.0]);
    let questions = book.worksheet_range("Câu hỏi").expect("sheet");
    let q2: Vec<Data> = questions
        .rows()
        .nth(2)
        .map(|r| r.to_vec())
        .unwrap_or_default();
    assert_eq!(q2[2], Data::String("q2".into()));
    match q2[6] {
        Data::Float(d) => assert!((d - (-6.0 / 792f64.sqrt())).abs() < 1e-9),
        ref other => panic!("discrimination is {other:?}"),
    }
}

// ---- the command -----------------------------------------------------------

/// The report with an empty quizzes folder: only what the results file
/// and `--bank` say.
fn run(args: &ReportArgs, lang: Lang) -> (ExitCode, String, String) {
    let empty = tempfile::tempdir().expect("temp dir");
    report_support::run(args, empty.path(), lang)
}

#[test]
fn bad_rows_are_reported_by_line_and_the_rest_still_counts() {
    let path = fixture("results/bad.csv");
    let (code, out, err) = run(&args(vec![path.clone()], ReportBy::Member), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    let p = path.display();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(
        lines[0],
        format!("{p}:3: bỏ qua dòng lỗi: 19 cột thay vì 20")
    );
    // The column by its header name (score is the 9th, field 8 counted from
    // 0 by the CSV reader), and no English from the reader.
    assert_eq!(
        lines[1],
        format!("{p}:4: bỏ qua dòng lỗi: cột \"score\": \"ba\" không phải là số")
    );
    // a1 and a6 are reported; a2 (short) and a5 (score "ba") are not.
    assert!(out.contains("Nguyễn Văn An") && out.contains("Đỗ Thị Phương"));
    assert!(!out.contains("Trần Thị Bình") && !out.contains("Hoàng Văn Em"));
    let (_, _, err_en) = run(&args(vec![path], ReportBy::Member), Lang::En);
    assert!(err_en.contains(":3: bad row skipped: 19 columns instead of 20"));
    assert!(
        err_en.contains(":4: bad row skipped: column \"score\": \"ba\" is not a number"),
        "{err_en}"
    );
}

#[test]
fn duplicates_are_counted_once_and_said_so() {
    let (code, out, err) = run(
        &args(vec![fixture("results/small.csv")], ReportBy::Bank),
        Lang::Vi,
    );
    assert_eq!(code, ExitCode::SUCCESS);
    assert_eq!(
        err.trim(),
        "1 dòng trùng mã lượt làm bài (attempt_id) chỉ được tính một lần"
    );
    assert!(out.contains("cchc-mini"));
}

#[test]
fn a_missing_results_file_is_a_clear_error() {
    let (code, out, err) = run(
        &args(vec![fixture("results/khong-co.csv")], ReportBy::Member),
        Lang::Vi,
    );
    assert_eq!(code, ExitCode::FAILURE);
    assert!(out.is_empty());
    assert!(err.starts_with("lỗi: không có tệp kết quả "), "{err}");
    assert!(err.contains("khong-co.csv"));
}

#[test]
fn xlsx_output_through_the_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bao-cao.xlsx");
    let mut a = args(vec![fixture("results/small.csv")], ReportBy::Member);
    a.output = Some(path.clone());
    let (code, out, err) = run(&a, Lang::En);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.is_empty());
    assert!(err.contains("Wrote") && err.contains("(3 sheets)"), "{err}");
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("opens");
    assert_eq!(book.sheet_names(), vec!["Members", "Units", "Banks"]);
}

#[test]
fn end_to_end_through_the_binary() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["report", "--by", "unit", "--format", "csv"])
        .arg(fixture("results/small.csv"))
        // No quizzes/roster.yaml there: the figures are without a roster.
        .current_dir(tempfile::tempdir().expect("temp dir").path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "\u{FEFF}bank,rank,unit,participants,members,participation,mean_percent,median_percent,pass_rate\n\
         cchc-mini,1,Công đoàn Kho bạc Nhà nước tỉnh,2,,,87.5,87.5,100.0\n\
         cchc-mini,2,Công đoàn Sở Tư pháp,2,,,62.5,62.5,100.0\n\
         cchc-mini,3,Công đoàn Sở Nội vụ,2,,,25.0,25.0,0.0\n"
    );
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["report", "khong-co-tep.csv"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("khong-co-tep.csv"));
}

#[test]
fn rows_whose_numbers_are_not_numbers_are_left_out_and_named() {
    let mut rows = rows();
    rows[0].percent = f64::NAN;
    rows[1].score = f64::INFINITY;
    let loaded = report::loaded_from(rows, Vec::new());
    assert_eq!(loaded.not_finite, vec!["a1".to_owned(), "a2".to_owned()]);
    assert_eq!(loaded.rows.len(), 6);
}

#[test]
fn a_unit_typed_as_its_roster_code_is_that_unit() {
    let mut rows = rows();
    for r in rows.iter_mut().filter(|r| r.attempt_id == "a2") {
        r.unit = " kbnn ".into();
    }
    let counted = stats::counted_attempts(&rows, AttemptPick::First);
    let roster = roster();
    let units = stats::unit_lines(&counted, Some(&roster));
    let kb = units
        .iter()
        .find(|u| u.unit == "Công đoàn Kho bạc Nhà nước tỉnh")
        .map(|u| (u.participants, u.mean_percent));
    assert_eq!(kb, Some((2, Some(87.5))));
    // Without a roster "kbnn" is a unit of its own (shown without the spaces).
    let alone = stats::unit_lines(&counted, None);
    assert!(
        alone
            .iter()
            .any(|u| u.unit == "kbnn" && u.participants == 1)
    );
}

#[test]
fn the_verdict_uses_the_quiz_screens_words() {
    // A member saw "Chưa đạt" on the result screen; the report must not say
    // something else ("Không đạt") for the same verdict.
    for lang in [Lang::Vi, Lang::En] {
        let ui = union_quiz::i18n::ui::texts(lang);
        let text = render(ReportBy::Member, ReportFormat::Table, lang);
        let verdicts: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("Phương") || l.contains("Nguyễn Văn An"))
            .collect();
        assert_eq!(verdicts.len(), 2, "{text}");
        assert!(verdicts[0].contains(ui.passed), "{}", verdicts[0]);
        assert!(verdicts[1].contains(ui.failed), "{}", verdicts[1]);
    }
    let vi = render(ReportBy::Member, ReportFormat::Table, Lang::Vi);
    assert!(!vi.contains("Không đạt"), "{vi}");
}

#[test]
fn csv_starts_with_a_bom_and_json_does_not() {
    // Excel reads a CSV file as UTF-8 only with the mark; the results file
    // has one too. JSON must not have one.
    for by in [
        ReportBy::Member,
        ReportBy::Unit,
        ReportBy::Question,
        ReportBy::Bank,
    ] {
        let csv = render(by, ReportFormat::Csv, Lang::Vi);
        assert!(csv.starts_with("\u{FEFF}bank,"), "{by:?}: {csv:?}");
        assert_eq!(csv.matches('\u{FEFF}').count(), 1, "{by:?}");
        let json = render(by, ReportFormat::Json, Lang::Vi);
        assert!(json.starts_with('['), "{by:?}: {json:?}");
    }
    // The bytes written by the command, as a redirect to a file gets them.
    let mut a = args(vec![fixture("results/small.csv")], ReportBy::Member);
    a.format = ReportFormat::Csv;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let empty = tempfile::tempdir().expect("temp dir");
    let code = report::run_with(&a, Lang::Vi, empty.path(), &mut out, &mut err);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.starts_with(b"\xEF\xBB\xBFbank,"), "{out:?}");
}

#[test]
fn the_help_says_csv_has_a_bom() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["report", "--help"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("byte order mark (BOM)"), "{help}");
}

#[test]
fn system_errors_are_worded_in_the_trainers_language() {
    // The OS says "Permission denied (os error 13)" in English.
    let e = report::ReportError::Unreadable {
        path: PathBuf::from("ketqua"),
        // EACCES on Unix, ERROR_ACCESS_DENIED on Windows.
        source: std::io::Error::from_raw_os_error(if cfg!(windows) { 5 } else { 13 }),
    };
    assert_eq!(
        e.message(Lang::Vi),
        "lỗi: không đọc được tệp kết quả ketqua: không có quyền truy cập"
    );
    assert_eq!(
        e.message(Lang::En),
        "error: cannot read the results file ketqua: permission denied"
    );
    // A workbook in a folder that does not exist.
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("khong-co").join("bao-cao.xlsx");
    let mut a = args(vec![fixture("results/small.csv")], ReportBy::Member);
    a.output = Some(book.clone());
    let (code, _, err) = run(&a, Lang::Vi);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(
        err.contains(&format!(
            "lỗi: không ghi được {}: không tìm thấy tệp hoặc thư mục",
            book.display()
        )),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn every_bad_row_reason_is_worded_in_both_languages() {
    use union_quiz::i18n::report::bad_row_reason;
    use union_quiz::results::{BadReason, FieldKind};
    let field = |column: &str, value: &str, kind| BadReason::Field {
        column: column.into(),
        value: value.into(),
        kind,
    };
    let cases = [
        (
            BadReason::ColumnCount {
                found: 19,
                expected: 20,
            },
            "19 cột thay vì 20",
            "19 columns instead of 20",
        ),
        (
            field("score", "abc", FieldKind::Number),
            "cột \"score\": \"abc\" không phải là số",
            "column \"score\": \"abc\" is not a number",
        ),
        (
            field("seed", "-1", FieldKind::WholeNumber),
            "cột \"seed\": \"-1\" không phải là số nguyên không âm",
            "column \"seed\": \"-1\" is not a whole number",
        ),
        (
            field("passed", "có", FieldKind::TrueFalse),
            "cột \"passed\": \"có\" phải là true hoặc false",
            "column \"passed\": \"có\" must be true or false",
        ),
        (
            BadReason::NotResultsHeader,
            "dòng tiêu đề không phải tiêu đề của tệp kết quả",
            "the header is not the results header (attempt_id,finished_at,member_name,member_code,unit,bank_id,bank_title,bank_sha256,score,max_score,percent,passed,answered,questions,duration_s,time_limit_s,timed_out,seed,answers,app_version)",
        ),
        (
            BadReason::NotUtf8,
            "dòng không phải văn bản UTF-8 (tệp bị hỏng hoặc đã lưu bằng bảng mã khác)",
            "the line is not UTF-8 text (a damaged file, or saved in another encoding)",
        ),
        (
            BadReason::BrokenCsv {
                detail: "CSV error: something".into(),
            },
            "dòng CSV bị hỏng",
            "broken CSV line",
        ),
    ];
    for (reason, vi, en) in cases {
        assert_eq!(bad_row_reason(Lang::Vi, &reason), vi);
        assert_eq!(bad_row_reason(Lang::En, &reason), en);
    }
    // A hand-edited value cannot move the cursor, nor fill the screen.
    let nasty = field(
        "score",
        &format!("\x1b[2J{}", "9".repeat(60)),
        FieldKind::Number,
    );
    assert_eq!(
        bad_row_reason(Lang::Vi, &nasty),
        format!("cột \"score\": \"[2J{}…\" không phải là số", "9".repeat(37))
    );
}
