//! `union-quiz import` and `export` end to end: the built binary, its
//! files, messages and exit codes; and `union-quiz check` on what import
//! wrote.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_union-quiz"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run union-quiz: {e}"))
}

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(rel)
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_clean_import_exits_0_and_the_bank_passes_check() {
    let dir = tempdir();
    let o = run(
        &[
            "import",
            &fixture("docx/key-table.docx"),
            "-o",
            "de-thi.yaml",
            "--title",
            "Đề thi thử",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "đã ghi 5 câu hỏi vào de-thi.yaml; 0 câu bị bỏ vì lỗi\n"
    );
    let yaml =
        std::fs::read_to_string(dir.path().join("de-thi.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(yaml.contains("\ntitle: Đề thi thử\nid: de-thi\n"), "{yaml}");
    let check = run(&["check", "de-thi.yaml"], dir.path());
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "1 tệp, 0 lỗi, 0 cảnh báo\n"
    );
}

#[test]
fn questions_with_errors_are_left_out_listed_and_exit_1() {
    let dir = tempdir();
    let o = run(
        &[
            "import",
            "--lang",
            "en",
            &fixture("docx/bad/no-answer.docx"),
            "-o",
            "out.yaml",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("no-answer.docx: paragraph 7: error: no right answer is marked\n    hint: "),
        "{err}"
    );
    assert!(
        err.ends_with("wrote 1 question to out.yaml; 1 left out for errors\n"),
        "{err}"
    );
    let check = run(&["check", "out.yaml"], dir.path());
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn the_default_output_is_beside_the_file_and_never_overwritten() {
    let dir = tempdir();
    let src = dir.path().join("cau-hoi.gift");
    std::fs::copy(fixture("gift/good.gift"), &src).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["import", "cau-hoi.gift"], dir.path());
    // Three questions of other types are skipped with a warning: exit 0.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = std::fs::read(dir.path().join("cau-hoi.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let again = run(&["import", "cau-hoi.gift"], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("lỗi: tệp cau-hoi.yaml đã có; không ghi đè"),
        "{}",
        stderr(&again)
    );
    let after = std::fs::read(dir.path().join("cau-hoi.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, after);
}

#[test]
fn a_refused_file_writes_nothing_and_exits_1() {
    let dir = tempdir();
    let o = run(
        &["import", &fixture("hostile/renamed.docx"), "-o", "x.yaml"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "renamed.docx: lỗi: tệp này thực ra là bảng tính Excel (.xlsx), không phải tài liệu Word (.docx)"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("x.yaml").exists());
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let dir = tempdir();
    let o = run(&["import", "khong-co.docx"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "union-quiz import: không có tệp khong-co.docx\n"
    );
    let o = run(&["export", "khong-co.yaml", "--format", "gift"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn import_to_stdout() {
    let dir = tempdir();
    let o = run(
        &["import", &fixture("aiken/good.txt"), "-o", "-"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("# Nhập từ good.txt"), "{out}");
    assert!(out.contains("answer: C\n"), "{out}");
}

#[test]
fn export_writes_every_format_and_says_what_aiken_cannot_carry() {
    let dir = tempdir();
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes/cchc-2018-mot-cua.yaml");
    let bank = bank.display().to_string();
    for (format, file) in [
        ("gift", "a.gift"),
        ("moodle-xml", "a.xml"),
        ("xlsx", "a.xlsx"),
        ("docx", "a.docx"),
    ] {
        let o = run(
            &["export", &bank, "--format", format, "-o", file],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(dir.path().join(file).is_file(), "{format}");
    }
    let o = run(
        &[
            "export", "--lang", "en", &bank, "--format", "aiken", "-o", "a.txt",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(
        err.contains(
            "Aiken: question nd61-doi-tuong: has several right answers and the format allows one; question left out\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "Aiken: question nd61-hieu-luc: no place for the explanation, source, topic; dropped\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("wrote 17 questions to a.txt; 1 left out\n"),
        "{err}"
    );
    // The printable files import back.
    for file in ["a.xlsx", "a.docx", "a.gift", "a.txt"] {
        let o = run(&["import", file, "-o", "-"], dir.path());
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
    }
}

#[test]
fn an_invalid_id_is_replaced_with_a_warning() {
    let dir = tempdir();
    let o = run(
        &[
            "import",
            &fixture("aiken/good.txt"),
            "--id",
            "Một cửa",
            "-o",
            "mot-cua.yaml",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "good.txt: cảnh báo: mã \"Một cửa\" chỉ được gồm chữ cái không dấu, chữ số, \".\", \"_\", \"-\"; đã đặt mã khác\n"
        ),
        "{}",
        stderr(&o)
    );
    let yaml =
        std::fs::read_to_string(dir.path().join("mot-cua.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(yaml.contains("\nid: mot-cua\n"), "{yaml}");
}
