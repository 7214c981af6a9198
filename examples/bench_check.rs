//! Loads and checks a generated 5,000-question bank several times and
//! prints the fastest and median times.
//!
//! `cargo run --release --example bench_check` (target: under 100 ms).

use std::fmt::Write as _;
use std::time::Instant;

const QUESTIONS: usize = 5_000;
const RUNS: usize = 9;

fn main() {
    let mut src = String::from(
        "title: Bộ đề đo tốc độ\nid: bench\ntime_limit: 1h30m\npick: 40\nquestions:\n",
    );
    for i in 0..QUESTIONS {
        let answer = if i % 7 == 0 { "[A, B]" } else { "B" };
        let _ = write!(
            src,
            "  - id: cau-{i}\n    topic: Một cửa, một cửa liên thông\n    text: \"Câu {i}: Nghị định 61/2018/NĐ-CP có hiệu lực thi hành từ ngày nào?\"\n    choices:\n      - 23/4/2018 ({i})\n      - 21/6/2018 ({i})\n      - 01/7/2018 ({i})\n      - 15/5/2015 ({i})\n    answer: {answer}\n    points: 1\n    explanation: Nghị định 61/2018/NĐ-CP ký ngày 23/4/2018, có hiệu lực từ 21/6/2018.\n    source: Nghị định 61/2018/NĐ-CP\n",
        );
    }

    let dir = std::env::temp_dir().join(format!("union-quiz-bench-{}", std::process::id()));
    let path = dir.join("bench.yaml");
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, &src)) {
        eprintln!("cannot write {}: {e}", path.display());
        return;
    }

    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let result = union_quiz::bank::load(&path);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        match result {
            Ok(bank) if bank.questions.len() == QUESTIONS => {}
            Ok(bank) => {
                eprintln!("loaded {} questions, not {QUESTIONS}", bank.questions.len());
                return;
            }
            Err(e) => {
                eprintln!("{e}");
                return;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    times.sort_by(f64::total_cmp);
    println!(
        "load + check of {QUESTIONS} questions ({:.1} MiB), {RUNS} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        src.len() as f64 / (1024.0 * 1024.0),
        times.first().copied().unwrap_or_default(),
        times.get(RUNS / 2).copied().unwrap_or_default(),
        times.last().copied().unwrap_or_default(),
    );
}
