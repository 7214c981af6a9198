//! The report never panics, whatever a hand-edited results file holds:
//! odd answers strings, letters past the choices, percents outside 0–100,
//! unparseable times, empty names.

mod engine_support;

use proptest::prelude::*;
use union_quiz::bank::{Bank, Scoring};
use union_quiz::i18n::Lang;
use union_quiz::report::{self, Views};
use union_quiz::report::{AttemptPick, ReportBy, ReportFormat};
use union_quiz::results::ResultRow;

fn bank(scoring: Scoring) -> Bank {
    let q = |id: &str, n: usize, answer: &[usize]| {
        let mut q = engine_support::question(id, "?", &[], answer);
        q.choices = (0..n).map(|i| format!("c{i}")).collect();
        q.points = 1.5;
        q
    };
    let mut bank = engine_support::bank(
        "b",
        vec![q("q1", 2, &[0]), q("q2", 4, &[1, 3]), q("q3", 10, &[9])],
    );
    bank.title = "B".into();
    bank.scoring = scoring;
    bank.path = "b.yaml".into();
    bank.sha256 = "x".into();
    bank
}

fn row() -> impl Strategy<Value = ResultRow> {
    (
        "[a-c]{1,2}",
        prop_oneof![
            Just("2026-11-20T09:00:00+07:00".to_owned()),
            Just("2026-11-20T10:00:00Z".to_owned()),
            "[0-9T:+-]{0,12}",
        ],
        "[A-Za-zĐđ ]{0,6}",
        "[A-Z ]{0,2}",
        "(b|c)",
        -50.0f64..150.0,
        any::<bool>(),
        0u64..5000,
        "((q[1-4]|x|)(:[A-La-l-]{0,4})?;?){0,6}",
    )
        .prop_map(
            |(id, finished_at, name, unit, bank, percent, passed, duration_s, answers)| ResultRow {
                attempt_id: id,
                finished_at,
                member_name: name,
                member_code: String::new(),
                unit,
                bank_id: bank,
                bank_title: "B".into(),
                bank_sha256: "y".into(),
                score: percent / 10.0,
                max_score: 10.0,
                percent,
                passed,
                answered: 0,
                questions: 3,
                duration_s,
                time_limit_s: None,
                timed_out: false,
                seed: 0,
                answers,
                app_version: "t".into(),
            },
        )
}

proptest! {
    #[test]
    fn every_view_in_every_format_survives_any_rows(
        rows in proptest::collection::vec(row(), 0..30),
        partial in any::<bool>(),
    ) {
        let scoring = if partial { Scoring::Partial } else { Scoring::AllOrNothing };
        let loaded = report::loaded_from(rows, Vec::new());
        for pick in [AttemptPick::First, AttemptPick::Best, AttemptPick::Last] {
            let views = Views::compute(&loaded.rows, pick, &[bank(scoring)], None);
            // Every member and bank line comes from a distinct attempt.
            prop_assert!(views.members.len() <= loaded.rows.len());
            for q in &views.questions {
                for l in &q.lines {
                    prop_assert!(l.discrimination.is_none_or(|d| (-1.0 - 1e-9..=1.0 + 1e-9).contains(&d)));
                    prop_assert!(l.facility.is_none_or(|f| (0.0..=100.0 + 1e-9).contains(&f)));
                }
            }
            for by in [ReportBy::Member, ReportBy::Unit, ReportBy::Question, ReportBy::Bank] {
                for format in [ReportFormat::Table, ReportFormat::Csv, ReportFormat::Json] {
                    for lang in [Lang::Vi, Lang::En] {
                        prop_assert!(report::render(&views, by, format, lang).is_ok());
                    }
                }
            }
        }
    }
}
