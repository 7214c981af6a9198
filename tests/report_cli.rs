//! `union-quiz report` with real bank and roster files: `--bank`, banks
//! found in the quizzes folder by id, a bank changed after the attempts,
//! and `--roster`.

mod report_support;

use std::process::ExitCode;

use report_support::{SHA, fixture, run};
use union_quiz::bank::Scoring;
use union_quiz::i18n::Lang;
use union_quiz::report::{ReportArgs, ReportBy};

/// The report of `tests/fixtures/results/small.csv` by `by`.
fn args(by: ReportBy) -> ReportArgs {
    report_support::args(vec![fixture("results/small.csv")], by)
}

fn no_quizzes() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The figures of tests/report.rs, as the table shows them.
const QUESTION_TABLE: &str = "\
Bộ đề      Câu  Mã câu  Đáp án  Số lần ra  Độ dễ %  Độ lệch chuẩn %  Đoán bừa %  Trọng số dự kiến %  Trọng số thực %  Độ phân biệt  Hiệu quả phân biệt %  A  B  C  D  Bỏ trống  Cần xem lại
─────────  ───  ──────  ──────  ─────────  ───────  ───────────────  ──────────  ──────────────────  ───────────────  ────────────  ────────────────────  ─  ─  ─  ─  ────────  ────────────────────────
cchc-mini    1  q1      B               6     66,7             51,6        25,0                25,0             31,0         0,632                 100,0  1  4  1  0         0
cchc-mini    2  q2      A               6     66,7             51,6        25,0                25,0             15,5        -0,213                 -28,6  4  1  1  0         0  phân biệt âm, đáng ngờ
cchc-mini    3  q3      D               6     66,7             51,6        25,0                25,0             24,5         0,125                  14,3  1  1  0  4         0  phân biệt thấp, đáng ngờ
cchc-mini    4  q4      AC              6     33,3             51,6           —                25,0             29,0         0,433                  50,0  3  0  3  0         2
";

#[test]
fn the_fixture_bank_file_is_the_bank_the_figures_assume() {
    let bank = union_quiz::bank::load(&fixture("report/cchc-mini.yaml")).expect("loads");
    assert_eq!(bank.id, "cchc-mini");
    assert_eq!(bank.sha256, SHA, "small.csv records this hash");
    assert_eq!(bank.scoring, Scoring::AllOrNothing);
    let shape: Vec<(&str, Vec<usize>, f64)> = bank
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.answer.clone(), q.points))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("q1", vec![1], 1.0),
            ("q2", vec![0], 1.0),
            ("q3", vec![3], 1.0),
            ("q4", vec![0, 2], 1.0)
        ]
    );
}

#[test]
fn by_question_with_bank_given() {
    let mut a = args(ReportBy::Question);
    a.bank = Some(fixture("report/cchc-mini.yaml"));
    let quizzes = no_quizzes();
    let (code, out, err) = run(&a, quizzes.path(), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert_eq!(out, QUESTION_TABLE);
    assert!(!err.contains("cảnh báo"), "{err}");
}

#[test]
fn by_question_finds_the_bank_in_quizzes_by_id() {
    let (code, out, _) = run(&args(ReportBy::Question), &fixture("report"), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert_eq!(out, QUESTION_TABLE);
}

#[test]
fn by_question_without_the_bank_says_how_to_give_it() {
    let quizzes = no_quizzes();
    let (code, out, err) = run(&args(ReportBy::Question), quizzes.path(), Lang::Vi);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(out.is_empty());
    assert!(
        err.contains("không tìm thấy tệp bộ đề \"cchc-mini\"") && err.contains("--bank"),
        "{err}"
    );
}

#[test]
fn a_bank_changed_after_the_attempts_is_said_clearly_and_still_computed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let changed = dir.path().join("cchc-mini.yaml");
    let mut text = std::fs::read_to_string(fixture("report/cchc-mini.yaml")).expect("reads");
    text.push_str("# edited after the course\n");
    std::fs::write(&changed, text).expect("writes");
    let mut a = args(ReportBy::Question);
    a.bank = Some(changed.clone());
    let quizzes = no_quizzes();
    let (code, out, err) = run(&a, quizzes.path(), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert_eq!(
        out, QUESTION_TABLE,
        "a comment changes the hash, not the figures"
    );
    assert!(
        err.contains(&format!(
            "cảnh báo: tệp bộ đề {} (\"cchc-mini\") đã thay đổi sau khi làm bài: mã băm sha256 khác với 6/6 lượt làm bài.",
            changed.display()
        )),
        "{err}"
    );
    let (_, _, err_en) = run(&a, quizzes.path(), Lang::En);
    assert!(
        err_en.contains("its sha256 differs from 6 of 6 attempts"),
        "{err_en}"
    );
}

#[test]
fn roster_given_or_found_in_quizzes_adds_participation() {
    let expected = "\
Bộ đề      Hạng  Công đoàn cơ sở                  Dự thi  Số ĐV  Tỷ lệ dự thi %  TB %  Trung vị %  Tỷ lệ đạt %
─────────  ────  ───────────────────────────────  ──────  ─────  ──────────────  ────  ──────────  ───────────
cchc-mini     1  Công đoàn Kho bạc Nhà nước tỉnh       2     45             4,4  87,5        87,5        100,0
cchc-mini     2  Công đoàn Sở Tư pháp                  2     20            10,0  62,5        62,5        100,0
cchc-mini     3  Công đoàn Sở Nội vụ                   2      —               —  25,0        25,0          0,0
cchc-mini     —  Công đoàn Sở Y tế                     0     30             0,0     —           —            —
";
    let mut a = args(ReportBy::Unit);
    a.roster = Some(fixture("report/roster.yaml"));
    let quizzes = no_quizzes();
    let (code, out, _) = run(&a, quizzes.path(), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert_eq!(out, expected);
    // The same roster as quizzes/roster.yaml, without --roster.
    let (_, out, _) = run(&args(ReportBy::Unit), &fixture("report"), Lang::Vi);
    assert_eq!(out, expected);
}

#[test]
fn a_broken_roster_given_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let roster = dir.path().join("roster.yaml");
    std::fs::write(&roster, "units:\n  - code: X\n").expect("writes");
    let mut a = args(ReportBy::Unit);
    a.roster = Some(roster);
    let quizzes = no_quizzes();
    let (code, out, err) = run(&a, quizzes.path(), Lang::Vi);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(out.is_empty());
    assert!(
        err.contains("lỗi: không đọc được danh sách công đoàn cơ sở:\n"),
        "{err}"
    );
    assert!(
        err.contains("roster.yaml:2:5: lỗi: "),
        "the loader's diagnostic: {err}"
    );
}

#[test]
fn workbook_with_every_sheet_when_the_bank_is_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bao-cao.xlsx");
    let mut a = args(ReportBy::Member);
    a.output = Some(path.clone());
    let (code, _, err) = run(&a, &fixture("report"), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(err.contains("(7 trang tính)"), "{err}");
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("opens");
    assert_eq!(book.sheet_names(), report_support::SHEETS_VI);
}

#[test]
fn output_must_be_an_xlsx_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let quizzes = no_quizzes();
    for name in ["x.csv", "bao-cao", "bao-cao.xls", "bao-cao.xlsx.txt"] {
        let path = dir.path().join(name);
        let mut a = args(ReportBy::Member);
        a.output = Some(path.clone());
        let (code, out, err) = run(&a, quizzes.path(), Lang::Vi);
        assert_eq!(code, ExitCode::from(2), "{name}");
        assert!(out.is_empty());
        assert!(
            err.starts_with("lỗi: --output ghi bảng tính Excel, tên tệp phải có đuôi .xlsx: ")
                && err.contains(name)
                && err.contains("--format csv"),
            "{err}"
        );
        assert!(!path.exists(), "nothing written to {name}");
    }
    // Any case of the extension is a workbook.
    let upper = dir.path().join("BAO-CAO.XLSX");
    let mut a = args(ReportBy::Member);
    a.output = Some(upper.clone());
    let (code, _, err) = run(&a, quizzes.path(), Lang::En);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert!(upper.exists());
    // Through the binary, as the trainer types it.
    let bin = std::process::Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(["report", "--lang", "en", "--output"])
        .arg(dir.path().join("y.csv"))
        .arg(fixture("results/small.csv"))
        .current_dir(quizzes.path())
        .output()
        .expect("runs");
    assert_eq!(bin.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bin.stderr);
    assert!(
        stderr.starts_with("error: --output writes an Excel workbook, its name must end in .xlsx"),
        "{stderr}"
    );
    assert!(!dir.path().join("y.csv").exists());
}

#[test]
fn a_bank_not_found_is_named_for_the_workbook_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bao-cao.xlsx");
    let quizzes = no_quizzes();
    for by in [ReportBy::Member, ReportBy::Question] {
        let mut a = args(by);
        a.output = Some(path.clone());
        let (code, _, err) = run(&a, quizzes.path(), Lang::Vi);
        // The workbook is still written, without the question sheet.
        assert_eq!(code, ExitCode::SUCCESS, "{by:?}: {err}");
        assert!(
            err.contains(
                "cảnh báo: không tìm thấy tệp bộ đề \"cchc-mini\" trong quizzes/\n  gợi ý: chỉ tệp bộ đề bằng --bank ĐƯỜNG_DẪN"
            ),
            "{by:?}: {err}"
        );
        assert!(err.contains("(5 trang tính)"), "{by:?}: {err}");
    }
    // The same as the table view says, there as an error.
    let (code, _, err) = run(&args(ReportBy::Question), quizzes.path(), Lang::Vi);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(
        err.contains("\nlỗi: không tìm thấy tệp bộ đề \"cchc-mini\" trong quizzes/"),
        "{err}"
    );
}

#[test]
fn only_the_missing_bank_is_named_when_another_is_found() {
    // Two banks in the results; quizzes/ holds only cchc-mini.
    let dir = tempfile::tempdir().expect("temp dir");
    let results = dir.path().join("results.csv");
    let mut text = std::fs::read_to_string(fixture("results/small.csv")).expect("reads");
    let extra = text
        .lines()
        .nth(1)
        .expect("a row")
        .replacen("a1,", "z1,", 1)
        .replace(",cchc-mini,", ",khac,");
    text.push_str(&extra);
    text.push('\n');
    std::fs::write(&results, text).expect("writes");
    let book = dir.path().join("bao-cao.xlsx");
    let mut a = args(ReportBy::Member);
    a.results = vec![results];
    a.output = Some(book.clone());
    let (code, _, err) = run(&a, &fixture("report"), Lang::En);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    assert!(
        err.contains("warning: bank \"khac\" not found in quizzes/"),
        "{err}"
    );
    assert!(!err.contains("\"cchc-mini\" not found"), "{err}");
    assert!(err.contains("(7 sheets)"), "{err}");
}

#[test]
fn detail_adds_each_questions_choices() {
    let mut a = args(ReportBy::Question);
    a.detail = true;
    let (code, out, _) = run(&a, &fixture("report"), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.starts_with(QUESTION_TABLE), "{out}");
    let detail = &out[QUESTION_TABLE.len()..];
    // q1 of tests/report.rs: A by a5 (25 %), B by four (mean 75 %), C by
    // a6, D by nobody; a long choice is cut at a word, with "…", to fit 40
    // cells.
    let q1: Vec<&str> = detail.lines().skip(1).take(7).collect();
    assert_eq!(
        q1,
        [
            "cchc-mini · Câu 1 (q1) · đáp án B",
            "Phương án  Đúng    Nội dung                             Số người chọn  % chọn  TB % người chọn",
            "─────────  ──────  ───────────────────────────────────  ─────────────  ──────  ───────────────",
            "A                  Tổ chức chính quyền địa phương                   1    16,7             25,0",
            "B          ✓ đúng  Cơ chế một cửa, một cửa liên thông…              4    66,7             75,0",
            "C                  Tuyển dụng công chức                             1    16,7             25,0",
            "D                  Ngân sách nhà nước                               0     0,0                —",
        ]
    );
    assert_eq!(detail.matches("· đáp án ").count(), 4);
}

#[test]
fn by_bank_finds_the_bank_for_alpha_or_says_why_not() {
    let (code, out, _) = run(&args(ReportBy::Bank), &fixture("report"), Lang::Vi);
    assert_eq!(code, ExitCode::SUCCESS);
    assert!(out.contains("    0,364 "), "{out}");
    assert!(out.contains("Lưu ý: bộ đề cchc-mini mới có 6 đoàn viên được tính (dưới 30)"));
    let quizzes = no_quizzes();
    let (code, out, _) = run(&args(ReportBy::Bank), quizzes.path(), Lang::En);
    assert_eq!(
        code,
        ExitCode::SUCCESS,
        "the bank view goes on without the bank"
    );
    assert!(
        out.contains("Bank cchc-mini: no alpha: the bank file was not found to score each question (use --bank)."),
        "{out}"
    );
}
