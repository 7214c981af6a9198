//! The report's statistics against an independent computation with numpy.
//!
//! A results file of a few hundred attempts at two generated banks is
//! written (members of varied ability answering questions of varied
//! difficulty, some twice, some leaving questions blank; one bank all or
//! nothing with every question shown, one with partial credit and 6 of 10
//! questions drawn per attempt). `tests/report_numpy.py` re-scores the
//! answers from the keys and computes every figure with numpy; this test
//! compares them with the report's, to 1e-9.
//!
//! Needs `python3` with numpy (`pip install numpy`); `.ci/run` installs it.
//! Without it the test fails and says so: a check that quietly does not run
//! proves nothing.

// The statistics are the same arithmetic on every system; Python runs here
// on Linux, where CI installs numpy (a Windows build under Wine cannot start it).
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use union_quiz::bank::Bank;
use union_quiz::i18n::Lang;
use union_quiz::report::{self, AttemptPick, Views};
use union_quiz::results::{self, ResultRow};

/// A small deterministic generator, so every run checks the same file.
struct Lcg(u64);

impl Lcg {
    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n - 1)
    }
}

/// One question of a generated bank: choices, key, points, difficulty.
struct Spec {
    choices: usize,
    answer: Vec<usize>,
    points: f64,
    difficulty: f64,
}

fn specs(n: usize, rng: &mut Lcg) -> Vec<Spec> {
    (0..n)
        .map(|i| {
            let choices = [4, 4, 3, 5, 4][i % 5];
            let answer = if i == 6 {
                vec![0, 2]
            } else {
                vec![rng.below(choices)]
            };
            Spec {
                choices,
                answer,
                points: [1.0, 1.0, 2.0, 1.0, 0.5][i % 5],
                difficulty: rng.unit() * 3.0 - 1.5,
            }
        })
        .collect()
}

/// The bank as YAML, for the report's loader.
fn yaml(id: &str, specs: &[Spec], scoring: &str, pick: Option<usize>) -> String {
    let mut s = format!("title: Bộ đề kiểm tra {id}\nid: {id}\nscoring: {scoring}\n");
    if let Some(p) = pick {
        s.push_str(&format!("pick: {p}\n"));
    }
    s.push_str("questions:\n");
    for (i, q) in specs.iter().enumerate() {
        s.push_str(&format!(
            "  - id: {id}-q{}\n    text: Câu hỏi số {} của {id}?\n    choices:\n",
            i + 1,
            i + 1
        ));
        for c in 0..q.choices {
            s.push_str(&format!("      - Phương án {} của câu {}\n", c + 1, i + 1));
        }
        let letters: Vec<String> = q
            .answer
            .iter()
            .map(|&a| char::from(b'A' + a as u8).to_string())
            .collect();
        s.push_str(&format!(
            "    answer: [{}]\n    points: {}\n",
            letters.join(", "),
            q.points
        ));
    }
    s
}

/// The bank as the Python script reads it.
fn key_json(bank: &Bank) -> Value {
    json!({
        "id": bank.id,
        "scoring": match bank.scoring {
            union_quiz::bank::Scoring::AllOrNothing => "all_or_nothing",
            union_quiz::bank::Scoring::Partial => "partial",
        },
        "questions": bank.questions.iter().map(|q| json!({
            "id": q.id,
            "choices": q.choices,
            "answer": q.answer,
            "points": q.points,
        })).collect::<Vec<_>>(),
    })
}

/// Attempts at `bank` by `members` members, `again` of whom try twice;
/// `pick` questions drawn (in bank order) per attempt when given. Question
/// 5 is made to trip strong members, so a negative discrimination shows.
#[allow(clippy::too_many_arguments)]
fn attempts(
    bank: &Bank,
    specs: &[Spec],
    members: usize,
    again: usize,
    pick: Option<usize>,
    rng: &mut Lcg,
    rows: &mut Vec<ResultRow>,
) {
    for m in 0..members + again {
        let member = m % members;
        let second = m >= members;
        let ability = (0..3).map(|_| rng.unit()).sum::<f64>() * 2.0 - 3.0;
        let mut shown: Vec<usize> = (0..specs.len()).collect();
        if let Some(p) = pick {
            while shown.len() > p {
                let drop = rng.below(shown.len());
                shown.remove(drop);
            }
        }
        let mut answers = Vec::new();
        let (mut score, mut available) = (0.0, 0.0);
        for &i in &shown {
            let (q, spec) = (&bank.questions[i], &specs[i]);
            let edge = if i == 4 {
                -ability
            } else {
                ability - spec.difficulty
            };
            let right = rng.unit() < 1.0 / (1.0 + (-3.0 * edge).exp());
            let chosen: Vec<usize> = if right {
                spec.answer.clone()
            } else if rng.unit() < 0.12 {
                Vec::new()
            } else {
                vec![rng.below(spec.choices)]
            };
            score += q.score(&chosen, bank.scoring);
            available += q.points;
            let letters: String = chosen.iter().map(|&c| char::from(b'A' + c as u8)).collect();
            answers.push(format!(
                "{}:{}",
                q.id,
                if letters.is_empty() {
                    "-".into()
                } else {
                    letters
                }
            ));
        }
        let percent = (score / available * 1000.0).round() / 10.0;
        rows.push(ResultRow {
            attempt_id: format!("{}-{m}", bank.id),
            finished_at: format!(
                "2026-11-20T{:02}:{:02}:00+07:00",
                if second { 14 } else { 9 + member / 60 },
                member % 60
            ),
            member_name: format!("Đoàn viên {member}"),
            member_code: format!("CD{member:04}"),
            unit: format!("Công đoàn cơ sở {}", member % 9 + 1),
            bank_id: bank.id.clone(),
            bank_title: bank.title.clone(),
            bank_sha256: bank.sha256.clone(),
            score: (score * 100.0).round() / 100.0,
            max_score: available,
            percent,
            passed: percent >= 50.0,
            answered: 0,
            questions: u32::try_from(shown.len()).unwrap_or(0),
            duration_s: 300 + rng.below(600) as u64,
            time_limit_s: None,
            timed_out: false,
            seed: 0,
            answers: answers.join(";"),
            app_version: "test".into(),
        });
    }
}

/// Whether `ours` (the report) and `theirs` (numpy) agree: both absent, or
/// both present within 1e-9 (relative for large values).
fn agree(ours: Option<f64>, theirs: &Value) -> bool {
    match (ours, theirs.as_f64()) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        _ => false,
    }
}

fn python_figures(results: &Path, keys: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/report_numpy.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(results)
        .arg(keys)
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            panic!("python3 is needed for this test ({e}); install it and `pip install numpy`")
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "tests/report_numpy.py failed (is numpy installed? `pip install numpy`):\n{stderr}"
    );
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

#[test]
fn the_reports_figures_match_numpy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = Lcg(2018);
    let mut rows = Vec::new();
    let mut banks = Vec::new();
    for (id, n, scoring, pick, members, again) in [
        ("kiem-tra-a", 12, "all_or_nothing", None, 300, 60),
        ("kiem-tra-b", 10, "partial", Some(6), 150, 0),
    ] {
        let specs = specs(n, &mut rng);
        let path = dir.path().join(format!("{id}.yaml"));
        std::fs::write(&path, yaml(id, &specs, scoring, pick)).expect("writes the bank");
        let bank = union_quiz::bank::load(&path).expect("the generated bank loads");
        attempts(&bank, &specs, members, again, pick, &mut rng, &mut rows);
        banks.push(bank);
    }
    let results_path = dir.path().join("results.csv");
    for row in &rows {
        results::append_row(&results_path, row).expect("appends");
    }
    let keys_path = dir.path().join("banks.json");
    let keys: Vec<Value> = banks.iter().map(key_json).collect();
    std::fs::write(&keys_path, serde_json::to_string(&keys).expect("json")).expect("writes");

    let theirs = python_figures(&results_path, &keys_path);
    let loaded = report::load(std::slice::from_ref(&results_path)).expect("reads");
    assert_eq!(loaded.rows.len(), 510);
    let views = Views::compute(&loaded.rows, AttemptPick::First, &banks, None);
    let mut compared = 0;
    for q in &views.questions {
        for l in &q.lines {
            let bank = &theirs[&l.bank];
            let t = &bank["questions"][usize::try_from(l.number).unwrap_or(0) - 1];
            assert_eq!(t["question"], json!(l.question));
            assert_eq!(t["shown"], json!(l.shown), "{}", l.question);
            assert_eq!(t["blank"], json!(l.blank), "{}", l.question);
            for (name, ours) in [
                ("facility", l.facility),
                ("sd", l.sd),
                ("random_guess", l.random_guess),
                ("intended_weight", l.intended_weight),
                ("effective_weight", l.effective_weight),
                ("discrimination", l.discrimination),
                ("discriminative_efficiency", l.discriminative_efficiency),
            ] {
                assert!(
                    agree(ours, &t[name]),
                    "{} {name}: report {ours:?}, numpy {}",
                    l.question,
                    t[name]
                );
                compared += 1;
            }
            for (c, tc) in l
                .choices
                .iter()
                .zip(t["choices"].as_array().into_iter().flatten())
            {
                assert_eq!(json!(c.chosen), tc["chosen"], "{} {}", l.question, c.letter);
                assert!(
                    agree(c.mean_percent, &tc["mean_percent"]),
                    "{} {}: {:?} vs {}",
                    l.question,
                    c.letter,
                    c.mean_percent,
                    tc["mean_percent"]
                );
                compared += 2;
            }
        }
    }
    for b in &views.banks {
        let t = &theirs[&b.bank]["bank"];
        assert_eq!(t["members"], json!(b.members));
        for (name, ours) in [
            ("mean", b.mean_percent),
            ("median", b.median_percent),
            ("sd", b.std_dev),
            ("skewness", b.skewness),
            ("kurtosis", b.kurtosis),
            ("alpha", b.alpha),
            ("error_ratio", b.error_ratio),
            ("standard_error", b.standard_error),
        ] {
            assert!(
                agree(ours, &t[name]),
                "{} {name}: report {ours:?}, numpy {}",
                b.bank,
                t[name]
            );
            compared += 1;
        }
    }
    // The generated data exercise every branch that matters: a negative
    // discrimination (question 5 of bank a: no effective weight), a
    // several-answers question (no random guess), α for the bank that shows
    // every question and none for the one that draws.
    let a = &views.questions[0].lines;
    assert!(a[4].discrimination.is_some_and(|d| d < 0.0), "{:?}", a[4]);
    assert_eq!(a[4].effective_weight, None);
    assert_eq!(a[6].random_guess, None);
    assert!(
        views.banks[0].alpha.is_some_and(|x| x > 0.5),
        "{:?}",
        views.banks[0]
    );
    assert_eq!(views.banks[1].alpha, None);
    assert_eq!(views.banks[0].members, 300);
    assert!(compared > 300, "{compared} figures compared");
    // And the command's JSON carries the same figures (rounded).
    let json = report::render(
        &views,
        report::ReportBy::Question,
        report::ReportFormat::Json,
        Lang::En,
    )
    .expect("renders");
    let parsed: Value = serde_json::from_str(&json).expect("json");
    let first = &parsed[0];
    let t = &theirs["kiem-tra-a"]["questions"][0];
    let rounded = |v: &Value| v.as_f64().map(|v| (v * 10.0).round() / 10.0);
    assert_eq!(first["facility"].as_f64(), rounded(&t["facility"]));
    assert_eq!(first["choices"][0]["chosen"], t["choices"][0]["chosen"]);
}
