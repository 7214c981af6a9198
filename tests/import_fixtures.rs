//! Every import fixture (built by `tests/fixtures/import/make.py` with
//! python-docx, openpyxl and msoffcrypto-tool, or written as GIFT/Aiken
//! text) with its exact diagnostics and the bank it gives, as insta
//! snapshots; and the answers each marker convention must give.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use union_quiz::i18n::Lang;
use union_quiz::import::{Imported, Naming, import_file};

const ROOT: &str = "tests/fixtures/import";

/// Every fixture file, relative to the crate root, sorted.
fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            fixtures(&p, out);
        } else if p.extension().is_some_and(|e| e != "py") {
            out.push(p);
        }
    }
}

fn all() -> Vec<PathBuf> {
    let mut v = Vec::new();
    fixtures(Path::new(ROOT), &mut v);
    v
}

/// Imports in a thread, failing instead of hanging if it takes more than
/// 30 s (a hostile file must never hang the importer).
fn import(path: &Path, lang: Lang) -> Imported {
    let (tx, rx) = mpsc::channel();
    let p = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(import_file(&p, &Naming::default(), lang));
    });
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{}: import did not finish", path.display()))
}

/// The diagnostics, then the bank.
fn report(i: &Imported, lang: Lang) -> String {
    format!(
        "{}---\n{}",
        i.render(lang),
        i.yaml.as_deref().unwrap_or("(no bank written)\n")
    )
}

fn name(path: &Path) -> String {
    path.strip_prefix(ROOT)
        .unwrap_or(path)
        .with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "-")
}

#[test]
fn every_fixture_gives_its_diagnostics_and_bank() {
    let files = all();
    assert!(files.len() >= 30, "{} fixtures", files.len());
    for path in files {
        let imported = import(&path, Lang::Vi);
        let bad = path.components().any(|c| {
            let c = c.as_os_str();
            c == "bad" || c == "hostile"
        });
        assert_eq!(
            imported.errors() > 0,
            bad,
            "{}: {}",
            path.display(),
            imported.render(Lang::Vi)
        );
        // What is written passes `check`, through the bank loader.
        if let Some(yaml) = &imported.yaml {
            let out = path.with_extension("yaml");
            if let Err(e) = union_quiz::bank::load_bytes(&out, yaml.as_bytes()) {
                panic!("{}: {}", path.display(), e.render(Lang::En));
            }
        }
        insta::assert_snapshot!(
            format!("import-{}", name(&path)),
            report(&imported, Lang::Vi)
        );
    }
}

#[test]
fn some_in_english() {
    for f in [
        "docx/bad/markers-disagree.docx",
        "docx/bad/key-missing-question.docx",
        "docx/markers-agree.docx",
        "xlsx/bad/errors.xlsx",
        "gift/bad/errors.gift",
        "aiken/bad/errors.txt",
        "hostile/password.xlsx",
        "hostile/renamed.docx",
    ] {
        let path = Path::new(ROOT).join(f);
        insta::assert_snapshot!(
            format!("import-{}-en", name(&path)),
            report(&import(&path, Lang::En), Lang::En)
        );
    }
}

/// Right answers of each question, as letters.
fn answers(path: &str) -> Vec<String> {
    let imported = import(&Path::new(ROOT).join(path), Lang::Vi);
    imported
        .questions
        .iter()
        .map(|q| {
            q.answer
                .iter()
                .map(|&a| union_quiz::bank::letter(a))
                .collect()
        })
        .collect()
}

#[test]
fn each_marker_convention_gives_the_right_answers() {
    let four = ["B", "B", "ACD", "C"];
    for f in [
        "docx/underline-letter.docx",
        "docx/bold-choice.docx",
        "docx/italic-letter.docx",
        "docx/red-text.docx",
        "docx/highlight.docx",
        "docx/answer-line.docx",
    ] {
        assert_eq!(answers(f), four, "{f}");
    }
    assert_eq!(answers("docx/star.docx"), ["B", "B", "ACD"]);
    assert_eq!(answers("docx/key-list.docx"), ["B", "B", "ACD", "C", "B"]);
    assert_eq!(answers("docx/key-table.docx"), ["B", "B", "ACD", "C", "B"]);
    assert_eq!(answers("docx/layouts.docx"), ["B", "C"]);
    assert_eq!(answers("docx/choices-in-table.docx"), ["B", "C"]);
    assert_eq!(answers("docx/word-numbering.docx"), ["B", "B", "ACD"]);
    assert_eq!(answers("docx/markers-agree.docx"), ["B", "B"]);
    assert_eq!(answers("docx/choice-split.docx"), ["ACD"]);
    assert_eq!(
        answers("xlsx/vietnamese-headers.xlsx"),
        ["B", "B", "ACD", "C", "B"]
    );
    assert_eq!(answers("xlsx/english-headers.xlsx"), ["B", "B", "C", "B"]);
    assert_eq!(answers("xlsx/key-sheet.xlsx"), ["B", "B", "ACD", "C", "B"]);
    assert_eq!(answers("csv/semicolons.csv"), ["B", "B"]);
    assert_eq!(answers("gift/good.gift"), ["B", "ACD", "B", "A", "B"]);
    assert_eq!(answers("aiken/good.txt"), ["B", "C", "B"]);
}

#[test]
fn a_50_mb_spreadsheet_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("cau-hoi.xlsx");
    let real = std::fs::read(Path::new(ROOT).join("xlsx/vietnamese-headers.xlsx"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, &real).unwrap_or_else(|e| panic!("{e}"));
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    f.set_len(50 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(f);
    let imported = import(&path, Lang::En);
    assert_eq!(imported.diagnostics.len(), 1);
    assert_eq!(imported.diagnostics[0].code(), "file-too-large");
    assert_eq!(
        imported.diagnostics[0].message(Lang::En),
        "file too large (50 MiB); the limit is 20 MiB"
    );
}

#[test]
fn hostile_files_are_refused_with_their_reason() {
    for (f, code) in [
        ("hostile/bomb.docx", "too-large-unpacked"),
        ("hostile/deep.docx", "xml-too-deep"),
        ("hostile/many-cells.xlsx", "too-many-cells"),
        ("hostile/password.xlsx", "encrypted-or-old"),
        ("hostile/renamed.docx", "wrong-kind"),
        ("hostile/truncated.docx", "corrupt"),
        ("hostile/text.xlsx", "corrupt"),
    ] {
        let imported = import(&Path::new(ROOT).join(f), Lang::Vi);
        let codes: Vec<&str> = imported.diagnostics.iter().map(|d| d.code()).collect();
        assert_eq!(codes, [code], "{f}");
        assert!(imported.yaml.is_none(), "{f}");
    }
}

#[test]
fn the_examples_in_the_docs_import_cleanly() {
    let mut files: Vec<PathBuf> = std::fs::read_dir("docs/examples")
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    for path in files {
        let imported = import(&path, Lang::Vi);
        assert_eq!(imported.diagnostics, [], "{}", path.display());
        assert!(imported.yaml.is_some(), "{}", path.display());
        assert!(imported.questions.len() >= 2, "{}", path.display());
    }
}

#[test]
fn a_question_with_50000_choices_is_refused_without_comparing_them_all() {
    let mut gift = String::from("Hỏi? {\n=đúng\n");
    for i in 0..50_000 {
        gift.push_str(&format!("~sai {i}\n"));
    }
    gift.push('}');
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let i = union_quiz::import::import_bytes(
            Path::new("lon.gift"),
            gift.as_bytes(),
            &Naming::default(),
            Lang::En,
        );
        let _ = tx.send(i);
    });
    let imported = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("import did not finish"));
    let codes: Vec<&str> = imported.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, ["too-many-choices"]);
}
