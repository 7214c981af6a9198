//! Times `union-quiz report` on 100,000 generated rows, every view.
//!
//! Run with `cargo build --release && cargo run --release --example
//! bench_report`. The rows are written straight to a temporary results file
//! with the `csv` crate, in the results file's own format (BOM, header,
//! rows): `results::append_row` syncs every row, which is right for a quiz
//! and far too slow here. A 20-question bank for the rows is written to a
//! `quizzes/` folder beside it, so that `--by question` and the bank
//! view's α find it.
//!
//! Prints the minimum and median of several runs of the library call
//! (read, deduplicate, count, rank, draw the table) per view, and of the
//! whole binary when it has been built next to this example: wall time and
//! (on Linux) the CPU time of the process, which a busy machine inflates
//! less. With `BASELINE=/path/to/an/older/union-quiz`, that binary is timed
//! too, run for run interleaved with this one, so before and after are
//! measured side by side under the same load.

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

/// The bank the generated rows answer: q1 … q20, right answer A.
fn write_bank(dir: &Path) -> std::io::Result<PathBuf> {
    let quizzes = dir.join("quizzes");
    std::fs::create_dir_all(&quizzes)?;
    let mut yaml = String::from(
        "title: Cải cách thủ tục hành chính — kiến thức chung\nid: cchc-2018-chung\nquestions:\n",
    );
    for q in 1..=20 {
        yaml.push_str(&format!(
            "  - id: q{q}\n    text: Câu hỏi {q}?\n    choices: [Một, Hai, Ba, Bốn]\n    answer: A\n"
        ));
    }
    let path = quizzes.join("cchc-2018-chung.yaml");
    std::fs::write(&path, yaml)?;
    Ok(path)
}

/// CPU time (user + system) of this process's waited-for children, from
/// /proc/self/stat; `None` off Linux.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the whole line, so 13 and
    // 14 after the name (state is the first); in clock ticks, 100 a second
    // on Linux.
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `bin report --by VIEW FILE` in `dir`: wall time and CPU time.
fn time_binary(
    bin: &Path,
    view: &str,
    file: &Path,
    dir: &Path,
) -> std::io::Result<(Duration, Option<Duration>)> {
    let cpu0 = children_cpu();
    let t = Instant::now();
    let out = std::process::Command::new(bin)
        .args(["report", "--by", view])
        .arg(file)
        .current_dir(dir)
        .output()?;
    let wall = t.elapsed();
    let cpu = cpu0.zip(children_cpu()).map(|(a, b)| b.saturating_sub(a));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((wall, cpu))
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

    let bank_path = write_bank(&dir)?;
    let bank = union_quiz::bank::load(&bank_path).map_err(|e| e.render(Lang::En))?;
    let banks = [bank];
    let files = vec![path.clone()];
    let views = [
        (ReportBy::Member, "member"),
        (ReportBy::Unit, "unit"),
        (ReportBy::Question, "question"),
        (ReportBy::Bank, "bank"),
    ];
    for (by, name) in views {
        let (mut lib, mut read, mut compute) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let t = Instant::now();
            let loaded = report::load_columns(&files, report::columns_for(by))?;
            let t_read = t.elapsed();
            let views =
                Views::compute_only(Some(by), &loaded.rows, AttemptPick::First, &banks, None);
            let t_compute = t.elapsed();
            let text = report::render(&views, by, ReportFormat::Table, Lang::Vi)?;
            lib.push(t.elapsed());
            read.push(t_read);
            compute.push(t_compute - t_read);
            assert!(text.lines().count() > 2);
        }
        summary(
            &format!("report --by {name} (library: read + compute + table)"),
            lib,
        );
        summary("  of which reading the file", read);
        summary("  of which computing", compute);
    }

    // The binary, when `cargo build --release` has built it beside us; and
    // the baseline, if given, interleaved with it.
    let bin = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("union-quiz"))
        .filter(|b| b.exists());
    let baseline = std::env::var_os("BASELINE").map(PathBuf::from);
    let Some(bin) = bin else {
        println!("(binary not built: `cargo build --release` to time it too)");
        std::fs::remove_dir_all(&dir)?;
        return Ok(());
    };
    for (_, name) in views {
        let (mut wall, mut cpu, mut base_wall, mut base_cpu) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let (w, c) = time_binary(&bin, name, &path, &dir)?;
            wall.push(w);
            cpu.extend(c);
            if let Some(base) = &baseline {
                let (w, c) = time_binary(base, name, &path, &dir)?;
                base_wall.push(w);
                base_cpu.extend(c);
            }
        }
        summary(&format!("report --by {name} (whole binary, wall)"), wall);
        if !cpu.is_empty() {
            summary(&format!("report --by {name} (whole binary, CPU)"), cpu);
        }
        if baseline.is_some() {
            summary(
                &format!("report --by {name} (BASELINE binary, wall)"),
                base_wall,
            );
            if !base_cpu.is_empty() {
                summary(
                    &format!("report --by {name} (BASELINE binary, CPU)"),
                    base_cpu,
                );
            }
        }
    }
    if std::env::var_os("KEEP").is_some() {
        println!("kept {}", dir.display());
    } else {
        std::fs::remove_dir_all(&dir)?;
    }
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
