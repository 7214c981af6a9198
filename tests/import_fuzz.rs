//! The importer never panics or hangs: truncated and mutated Word, Excel
//! and GIFT files, both as bytes (a damaged download) and with the XML
//! inside the archive mutated and packed again (to reach the XML readers).
//! Whenever a bank comes out, it passes `check`.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use proptest::prelude::*;
use union_quiz::i18n::Lang;
use union_quiz::import::{Naming, import_bytes};

const DOCX: &[u8] = include_bytes!("fixtures/import/docx/layouts.docx");
const DOCX_KEY: &[u8] = include_bytes!("fixtures/import/docx/key-table.docx");
const XLSX: &[u8] = include_bytes!("fixtures/import/xlsx/vietnamese-headers.xlsx");
const XLSX_KEY: &[u8] = include_bytes!("fixtures/import/xlsx/key-sheet.xlsx");
const GIFT: &[u8] = include_bytes!("fixtures/import/gift/good.gift");
const AIKEN: &[u8] = include_bytes!("fixtures/import/aiken/good.txt");

/// Bytes that matter to XML, GIFT and the layouts the importer reads.
const SPECIAL: &[u8] = b"<>/=\"'&;:#{}~%\\\n\t .)*ABCD1234\xC3\xA0\xE1\xBB\x87\x00\xFF";

/// Imports and checks the promise: a bank written loads through the bank
/// loader.
fn import(name: &str, bytes: &[u8]) {
    let path = Path::new(name);
    let imported = import_bytes(path, bytes, &Naming::default(), Lang::Vi);
    if let Some(yaml) = &imported.yaml {
        let loaded = union_quiz::bank::load_bytes(&path.with_extension("yaml"), yaml.as_bytes());
        assert!(loaded.is_ok(), "{name}: {yaml}");
    }
    // Rendering must not panic either.
    let _ = imported.render(Lang::En);
}

fn mutate(base: &[u8], cut: usize, edits: &[(usize, u8)]) -> Vec<u8> {
    let mut v = base.to_vec();
    for &(at, b) in edits {
        if v.is_empty() {
            break;
        }
        let i = at % v.len();
        match b % 3 {
            0 => v[i] = SPECIAL[usize::from(b) % SPECIAL.len()],
            1 => v.insert(i, SPECIAL[usize::from(b) % SPECIAL.len()]),
            _ => {
                v.remove(i);
            }
        }
    }
    v.truncate(cut % (v.len() + 1));
    v
}

/// The archive with `part` replaced by `f(part)`, packed again.
fn repack(archive: &[u8], part: &str, f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).unwrap_or_else(|e| panic!("{e}"));
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = if name == part { f(&bytes) } else { bytes };
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        out.write_all(&bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    out.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn damaged_office_files_never_panic(
        which in 0usize..4,
        cut in any::<usize>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
    ) {
        let (name, base) = [
            ("de-thi.docx", DOCX),
            ("dap-an.docx", DOCX_KEY),
            ("cau-hoi.xlsx", XLSX),
            ("dap-an.xlsx", XLSX_KEY),
        ][which];
        import(name, &mutate(base, cut, &edits));
    }

    #[test]
    fn mutated_xml_inside_never_panics(
        which in 0usize..5,
        cut in any::<usize>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..12),
    ) {
        let (name, base, part) = [
            ("de-thi.docx", DOCX, "word/document.xml"),
            ("dap-an.docx", DOCX_KEY, "word/document.xml"),
            ("de-thi.docx", DOCX, "word/numbering.xml"),
            ("cau-hoi.xlsx", XLSX, "xl/worksheets/sheet1.xml"),
            ("dap-an.xlsx", XLSX_KEY, "xl/sharedStrings.xml"),
        ][which];
        let bytes = repack(base, part, |xml| {
            let mut v = mutate(xml, usize::MAX, &edits);
            // Cut only sometimes: a whole mutated part reaches further.
            if cut % 3 == 0 {
                v.truncate(cut % (v.len() + 1));
            }
            v
        });
        import(name, &bytes);
    }

    #[test]
    fn mutated_gift_and_aiken_never_panic(
        which in 0usize..2,
        cut in any::<usize>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..16),
    ) {
        let (name, base) = [("bank.gift", GIFT), ("bank.txt", AIKEN)][which];
        import(name, &mutate(base, cut, &edits));
    }

    #[test]
    fn gift_token_soup_never_panics(
        tokens in prop::collection::vec(prop::sample::select(vec![
            "::", "{", "}", "=", "~", "%", "%50%", "%-100%", "#", "####", "\\", "\\{", "\\n",
            "->", "$CATEGORY:", "//", "\n", "\n\n", " ", "câu", "A", "T", "[html]",
        ]), 0..60),
    ) {
        import("soup.gift", tokens.concat().as_bytes());
    }
}
