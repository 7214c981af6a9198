//! Times `union-quiz report --by unit` on 100,000 generated rows.
//!
//! Run with `cargo run --release --example bench_report`. The rows are
//! written straight to a temporary results file with the `csv` crate, in the
//! results file's own format (BOM, header, rows): `results::append_row`
//! syncs every row, which is right for a quiz and far too slow here.
//!
//! Prints the minimum and median of several runs of the library call (read,
//! deduplicate, count, rank, draw the table), and of the whole binary when
//! it has been built next to this example.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use union_quiz::i18n::Lang;
use union_quiz::report::{self, Views};
use union_quiz::report::{AttemptPick, ReportBy, ReportFormat};
use union_quiz::results::{COLUMNS, ResultRow};

const ROWS: usize = 100_000;
const UNITS: usize = 87;
const RUNS: usize = 7;

/// A small deterministic generator, so every run times the same file.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn generate(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(file);
    w.write_record(COLUMNS)?;
    let mut rng = Lcg(2018);
    let units: Vec<String> = (1..=UNITS)
        .map(|i| format!("Công đoàn cơ sở số {i}"))
        .collect();
    for i in 0..ROWS {
        let right = rng.next() % 21;
        let percent = right as f64 * 5.0;
        let answers: Vec<String> = (1..=20)
            .map(|q| {
                let letter = ["A", "B", "C", "D", "-"][(rng.next() % 5) as usize];
                format!("q{q}:{letter}")
            })
            .collect();
        let row = ResultRow {
            attempt_id: format!("{i:08x}-bench"),
            finished_at: format!(
                "2026-11-20T{:02}:{:02}:{:02}+07:00",
                8 + i / 36_000 % 10,
                i / 600 % 60,
                i / 10 % 60
            ),
            member_name: format!("Đoàn viên Nguyễn Văn {i}"),
            member_code: format!("CD{i:06}"),
            unit: units[i % UNITS].clone(),
            bank_id: "cchc-2018-chung".into(),
            bank_title: "Cải cách thủ tục hành chính — kiến thức chung".into(),
            bank_sha256: "0".repeat(64),
            score: right as f64,
            max_score: 20.0,
            percent,
            passed: percent >= 50.0,
            answered: 20,
            questions: 20,
            duration_s: 300 + rng.next() % 900,
            time_limit_s: Some(1200),
            timed_out: false,
            seed: rng.next(),
            answers: answers.join(";"),
            app_version: "0.1.0".into(),
        };
        w.serialize(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let min = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    println!(
        "{name}: min {:.1} ms, median {:.1} ms ({} runs)",
        ms(min),
        ms(median),
        times.len()
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile_dir()?;
    let path = dir.join("results.csv");
    let t = Instant::now();
    generate(&path)?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "generated {ROWS} rows ({:.1} MB) in {:.0} ms",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1000.0
    );

    let files = vec![path.clone()];
    let (mut lib, mut read, mut compute) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let loaded = report::load(&files)?;
        let t_read = t.elapsed();
        let views = Views::compute_only(
            Some(ReportBy::Unit),
            &loaded.rows,
            AttemptPick::First,
            &[],
            None,
        );
        let t_compute = t.elapsed();
        let text = report::render(&views, ReportBy::Unit, ReportFormat::Table, Lang::Vi)?;
        lib.push(t.elapsed());
        read.push(t_read);
        compute.push(t_compute - t_read);
        assert!(text.lines().count() > UNITS);
    }
    summary("  of which reading the file", read);
    summary("  of which counting and ranking", compute);
    summary("report --by unit (library: read + count + table)", lib);

    // The binary, when `cargo build --release` has built it beside us.
    let bin = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("union-quiz"));
    match bin.filter(|b| b.exists()) {
        Some(bin) => {
            let mut whole = Vec::new();
            for _ in 0..RUNS {
                let t = Instant::now();
                let out = std::process::Command::new(&bin)
                    .args(["report", "--by", "unit"])
                    .arg(&path)
                    .current_dir(&dir)
                    .output()?;
                whole.push(t.elapsed());
                assert!(out.status.success());
            }
            summary("report --by unit (whole binary)", whole);
        }
        None => println!("(binary not built: `cargo build --release` to time it too)"),
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

/// A fresh folder under the system's temporary folder (tempfile is only a
/// dev-dependency, which examples may use, but this keeps the file after a
/// crash for a look).
fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("union-quiz-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
