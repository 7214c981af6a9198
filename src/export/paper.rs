//! The printable test: questions with lettered choices, then the answer
//! key on a sheet (xlsx) or page (docx) of its own. The xlsx is laid out so
//! that `import` reads it back (a header row, and an `STT` + `Đáp án` key
//! sheet), and the docx in the layout `import` reads from Word.

use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use zip::write::SimpleFileOptions;

use super::{ExportError, Exported};
use crate::bank::{Bank, letter};
use crate::i18n::Lang;
use crate::i18n::import::paper;

/// The most choices of any question of the bank.
fn widest(bank: &Bank) -> usize {
    bank.questions
        .iter()
        .map(|q| q.choices.len())
        .max()
        .unwrap_or(0)
}

/// About how many lines `text` takes in a column `width` characters wide.
fn lines_in(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum()
}

/// The test on a sheet "Đề thi" (title, a line for the member's name, then
/// STT, question, A, B, C …) and the key on a sheet "Đáp án" (STT, answer,
/// id, topic, explanation, source); printed landscape, one page wide, the
/// header row repeated on each page.
pub fn xlsx(bank: &Bank, lang: Lang) -> Result<Exported, ExportError> {
    let words = paper(lang);
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let n = widest(bank);
    {
        let sheet = book.add_worksheet();
        sheet.set_name(words.test_sheet)?;
        sheet.write_string_with_format(0, 0, &bank.title, &title)?;
        sheet.write_string(1, 0, words.name_line)?;
        let header_row = 3;
        sheet.write_string_with_format(header_row, 0, words.number, &head)?;
        sheet.write_string_with_format(header_row, 1, words.question, &head)?;
        for i in 0..n {
            let col = u16::try_from(i + 2).unwrap_or(u16::MAX);
            sheet.write_string_with_format(header_row, col, letter(i).to_string(), &head)?;
            sheet.set_column_width(col, 24)?;
        }
        sheet.set_column_width(0, 5)?;
        sheet.set_column_width(1, 50)?;
        for (r, q) in (header_row + 1..).zip(&bank.questions) {
            // Excel grows wrapped rows when it opens a file, but other
            // spreadsheets and printers keep the default height: give each
            // row the lines its longest cell needs.
            let lines = std::iter::once(lines_in(&q.text, 50))
                .chain(q.choices.iter().map(|c| lines_in(c, 24)))
                .max()
                .unwrap_or(1);
            sheet.set_row_height(r, 15.0 * lines as f64)?;
            let number = r - header_row;
            sheet.write_number_with_format(r, 0, f64::from(number), &wrap)?;
            sheet.write_string_with_format(r, 1, &q.text, &wrap)?;
            for (i, c) in q.choices.iter().enumerate() {
                let col = u16::try_from(i + 2).unwrap_or(u16::MAX);
                sheet.write_string_with_format(r, col, c, &wrap)?;
            }
        }
        sheet.set_landscape();
        sheet.set_paper_size(9);
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(header_row, header_row)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(words.key_sheet)?;
        let cols = [
            words.number,
            words.answer,
            words.id,
            words.topic,
            words.explanation,
            words.source,
        ];
        for (c, h) in (0u16..).zip(cols) {
            sheet.write_string_with_format(0, c, h, &head)?;
        }
        for (r, q) in (1u32..).zip(&bank.questions) {
            let lines = [
                lines_in(q.explanation.as_deref().unwrap_or(""), 60),
                lines_in(q.source.as_deref().unwrap_or(""), 30),
                lines_in(q.topic.as_deref().unwrap_or(""), 20),
            ]
            .into_iter()
            .max()
            .unwrap_or(1);
            sheet.set_row_height(r, 15.0 * lines as f64)?;
            sheet.write_number_with_format(r, 0, f64::from(r), &wrap)?;
            let answer: Vec<String> = q.answer.iter().map(|&a| letter(a).to_string()).collect();
            sheet.write_string_with_format(r, 1, answer.join(","), &wrap)?;
            sheet.write_string_with_format(r, 2, &q.id, &wrap)?;
            sheet.write_string_with_format(r, 3, q.topic.as_deref().unwrap_or(""), &wrap)?;
            sheet.write_string_with_format(r, 4, q.explanation.as_deref().unwrap_or(""), &wrap)?;
            sheet.write_string_with_format(r, 5, q.source.as_deref().unwrap_or(""), &wrap)?;
        }
        sheet.set_column_width(0, 5)?;
        sheet.set_column_width(1, 9)?;
        sheet.set_column_width(2, 20)?;
        sheet.set_column_width(3, 20)?;
        sheet.set_column_width(4, 60)?;
        sheet.set_column_width(5, 30)?;
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
    }
    let bytes = book.save_to_buffer()?;
    Ok(Exported {
        bytes,
        written: bank.questions.len(),
        lost: Vec::new(),
    })
}

/// 1 → I, 4 → IV, 12 → XII.
fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (v, s) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

type W = Writer<Vec<u8>>;

/// One run of text, bold or not; lines of `text` are joined by line breaks.
fn run(w: &mut W, text: &str, bold: bool) -> std::io::Result<()> {
    w.create_element("w:r").write_inner_content(|w| {
        if bold {
            w.create_element("w:rPr")
                .write_inner_content(|w| w.create_element("w:b").write_empty().map(|_| ()))?;
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                w.create_element("w:br").write_empty()?;
            }
            w.create_element("w:t")
                .with_attribute(("xml:space", "preserve"))
                .write_text_content(BytesText::new(line))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A paragraph of runs (text, bold).
fn para(w: &mut W, runs: &[(&str, bool)], center: bool, indent: bool) -> std::io::Result<()> {
    w.create_element("w:p").write_inner_content(|w| {
        if center || indent {
            w.create_element("w:pPr").write_inner_content(|w| {
                if center {
                    w.create_element("w:jc")
                        .with_attribute(("w:val", "center"))
                        .write_empty()?;
                }
                if indent {
                    w.create_element("w:ind")
                        .with_attribute(("w:left", "567"))
                        .write_empty()?;
                }
                Ok(())
            })?;
        }
        for (t, b) in runs {
            run(w, t, *b)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn cell(w: &mut W, text: &str, bold: bool) -> std::io::Result<()> {
    w.create_element("w:tc")
        .write_inner_content(|w| para(w, &[(text, bold)], false, false))?;
    Ok(())
}

/// The test as a Word document: the title, a line for the member's name,
/// "Câu N:" and "A." paragraphs, then after a page break the key as a table
/// (Câu, Đáp án, Giải thích, Căn cứ). Written as WordprocessingML with
/// quick-xml in a zip archive: three parts are all Word needs.
pub fn docx(bank: &Bank, lang: Lang) -> Result<Exported, ExportError> {
    let words = paper(lang);
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    w.create_element("w:document")
        .with_attribute(("xmlns:w", W_NS))
        .write_inner_content(|w| {
            w.create_element("w:body").write_inner_content(|w| {
                para(w, &[(&bank.title, true)], true, false)?;
                para(w, &[(words.name_line, false)], false, false)?;
                let mut topic: Option<&str> = None;
                let mut part = 0;
                for (n, q) in bank.questions.iter().enumerate() {
                    if q.topic.is_some() && q.topic.as_deref() != topic {
                        topic = q.topic.as_deref();
                        part += 1;
                        let heading =
                            format!("{} {}. {}", words.part, roman(part), topic.unwrap_or(""));
                        para(w, &[(&heading, true)], false, false)?;
                    }
                    let label = format!("{} {}: ", words.question_word, n + 1);
                    para(w, &[(&label, true), (&q.text, false)], false, false)?;
                    for (i, c) in q.choices.iter().enumerate() {
                        let l = format!("{}. ", letter(i));
                        para(w, &[(&l, false), (c, false)], false, true)?;
                    }
                }
                w.create_element("w:p").write_inner_content(|w| {
                    w.create_element("w:r").write_inner_content(|w| {
                        w.create_element("w:br")
                            .with_attribute(("w:type", "page"))
                            .write_empty()?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                para(w, &[(&words.key_sheet.to_uppercase(), true)], true, false)?;
                w.create_element("w:tbl").write_inner_content(|w| {
                    w.create_element("w:tblPr").write_inner_content(|w| {
                        // Borders written out: the document has no
                        // styles part for a "Table Grid" style to come from.
                        w.create_element("w:tblBorders").write_inner_content(|w| {
                            for side in [
                                "w:top",
                                "w:left",
                                "w:bottom",
                                "w:right",
                                "w:insideH",
                                "w:insideV",
                            ] {
                                w.create_element(side)
                                    .with_attribute(("w:val", "single"))
                                    .with_attribute(("w:sz", "4"))
                                    .with_attribute(("w:space", "0"))
                                    .with_attribute(("w:color", "000000"))
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        w.create_element("w:tblW")
                            .with_attribute(("w:w", "0"))
                            .with_attribute(("w:type", "auto"))
                            .write_empty()?;
                        Ok(())
                    })?;
                    w.create_element("w:tr").write_inner_content(|w| {
                        for h in [
                            words.question_word,
                            words.answer,
                            words.explanation,
                            words.source,
                        ] {
                            cell(w, h, true)?;
                        }
                        Ok(())
                    })?;
                    for (n, q) in bank.questions.iter().enumerate() {
                        let answer: Vec<String> =
                            q.answer.iter().map(|&a| letter(a).to_string()).collect();
                        w.create_element("w:tr").write_inner_content(|w| {
                            cell(w, &(n + 1).to_string(), false)?;
                            cell(w, &answer.join(", "), false)?;
                            cell(w, q.explanation.as_deref().unwrap_or(""), false)?;
                            cell(w, q.source.as_deref().unwrap_or(""), false)?;
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                // Word wants a paragraph after a table at the end.
                para(w, &[], false, false)?;
                Ok(())
            })?;
            Ok(())
        })?;
    let document = w.into_inner();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts)?;
    zip.write_all(CONTENT_TYPES.as_bytes())?;
    zip.start_file("_rels/.rels", opts)?;
    zip.write_all(RELS.as_bytes())?;
    zip.start_file("word/document.xml", opts)?;
    zip.write_all(&document)?;
    let bytes = zip.finish()?.into_inner();
    Ok(Exported {
        bytes,
        written: bank.questions.len(),
        lost: Vec::new(),
    })
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
