//! Imports a generated 1,000-question Word document and Excel workbook
//! several times each and prints the fastest and median times.
//!
//! `cargo run --release --example bench_import` (target: under 1 s each).
//! The files are the printable tests `union-quiz export` writes from a
//! 1,000-question bank: a .docx of "Câu N:" and "A." paragraphs with the
//! answer key as a table on the last page, and an .xlsx with the questions
//! on one sheet and the key on another; both are read back in full.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use union_quiz::export::{ExportFormat, export};
use union_quiz::i18n::Lang;
use union_quiz::import::{Naming, import_bytes};

const QUESTIONS: usize = 1_000;
const RUNS: usize = 7;

fn main() {
    let mut src = String::from("title: Bộ đề đo tốc độ nhập\nid: bench\nquestions:\n");
    for i in 0..QUESTIONS {
        let answer = if i % 7 == 0 { "[A, C]" } else { "B" };
        let _ = write!(
            src,
            "  - id: cau-{i}\n    topic: Chủ đề {}\n    text: \"Câu hỏi đo tốc độ số {i}: nội dung câu hỏi dài vừa phải, có chữ tiếng Việt đủ dấu?\"\n    choices:\n      - Lựa chọn thứ nhất của câu {i}\n      - Lựa chọn thứ hai của câu {i}\n      - Lựa chọn thứ ba của câu {i}\n      - Lựa chọn thứ tư của câu {i}\n    answer: {answer}\n    explanation: Giải thích của câu {i}.\n    source: Văn bản số {i}\n",
            i / 100
        );
    }
    let bank = match union_quiz::bank::load_bytes(Path::new("bench.yaml"), src.as_bytes()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", e.render(Lang::En));
            return;
        }
    };
    for (format, name) in [
        (ExportFormat::Docx, "bench.docx"),
        (ExportFormat::Xlsx, "bench.xlsx"),
    ] {
        let bytes = match export(&bank, format, Lang::Vi) {
            Ok(e) => e.bytes,
            Err(e) => {
                eprintln!("{e}");
                return;
            }
        };
        let mut times: Vec<Duration> = Vec::new();
        let mut imported = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let result = import_bytes(Path::new(name), &bytes, &Naming::default(), Lang::Vi);
            times.push(start.elapsed());
            imported = if result.yaml.is_some() {
                result.questions.len()
            } else {
                0
            };
        }
        times.sort();
        println!(
            "{name}: {imported} questions from {:.0} KiB; fastest {:.1} ms, median {:.1} ms over {RUNS} runs (target < 1000 ms)",
            bytes.len() as f64 / 1024.0,
            times[0].as_secs_f64() * 1000.0,
            times[RUNS / 2].as_secs_f64() * 1000.0,
        );
    }
}
