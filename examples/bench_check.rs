//! Loads and checks a generated 5,000-question bank several times and
//! prints the fastest and median times.
//!
//! `cargo run --release --example bench_check` (target: under 100 ms).
//! On Linux it also prints the loading thread's on-CPU time, which a busy
//! machine does not inflate.

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

    let Some(clean) = time_runs(&path, QUESTIONS, 0) else {
        return;
    };
    // The same bank with one error in its last question: read again with
    // positions, as every bank with a diagnostic is.
    let Some(at) = src.rfind("answer: B") else {
        return;
    };
    let mut bad = src.clone();
    bad.replace_range(at..at + "answer: B".len(), "answer: E");
    if let Err(e) = std::fs::write(&path, &bad) {
        eprintln!("cannot write {}: {e}", path.display());
        return;
    }
    let with_error = time_runs(&path, QUESTIONS, 1);
    let _ = std::fs::remove_dir_all(&dir);
    let mib = src.len() as f64 / (1024.0 * 1024.0);
    println!(
        "load + check of {QUESTIONS} questions ({mib:.1} MiB), {RUNS} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        clean[0],
        clean[RUNS / 2],
        clean[RUNS - 1],
    );
    if let Some(t) = with_error {
        println!(
            "the same with one error (positions computed): min {:.1} ms, median {:.1} ms",
            t[0],
            t[RUNS / 2],
        );
    }
}

/// Loads `path` RUNS times; sorted times in ms, or `None` (after saying
/// why) when the bank did not give `questions` questions and `errors`
/// errors.
fn time_runs(path: &std::path::Path, questions: usize, errors: usize) -> Option<[f64; RUNS]> {
    let mut times = [0.0; RUNS];
    let mut cpu = [0.0; RUNS];
    for (t, c) in times.iter_mut().zip(&mut cpu) {
        let cpu_before = cpu_ms();
        let started = Instant::now();
        let result = union_quiz::bank::load(path);
        *t = started.elapsed().as_secs_f64() * 1000.0;
        *c = cpu_ms().zip(cpu_before).map_or(f64::NAN, |(a, b)| a - b);
        let ok = match &result {
            Ok(bank) => errors == 0 && bank.questions.len() == questions,
            Err(e) => e.diagnostics.iter().filter(|d| d.is_error()).count() == errors,
        };
        if !ok {
            match result {
                Ok(bank) => eprintln!("loaded {} questions", bank.questions.len()),
                Err(e) => eprintln!("{e}"),
            }
            return None;
        }
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    if cpu[0].is_finite() {
        println!(
            "  (on-CPU time of the loading thread: min {:.1} ms, median {:.1} ms)",
            cpu[0],
            cpu[RUNS / 2]
        );
    }
    Some(times)
}

/// Time this thread has spent on a CPU, in ms (Linux only): on a shared
/// machine wall time also counts waiting for a core.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}
