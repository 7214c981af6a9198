//! The report reads what the quiz writes and scores it the same way.
//!
//! The question statistics need per-question scores, which the results file
//! does not hold: the report parses the `answers` column and re-scores each
//! question with `Question::score`, the rule the engine uses too. This test
//! drives the engine through random attempts and checks that the re-scored
//! questions add up to the score the engine wrote, in both scoring modes, so
//! the answers column always carries what the score was made of.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use union_quiz::bank::Scoring;
use union_quiz::engine::{Attempt, AttemptPlan, Member, Overrides};
use union_quiz::report::stats;

fn bank(scoring: Scoring) -> union_quiz::bank::Bank {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/cchc-mini.yaml");
    let mut bank = union_quiz::bank::load(&path).expect("fixture bank loads");
    bank.scoring = scoring;
    // Points other than 1, so partial credit shows in the sum.
    if let Some(q) = bank.questions.last_mut() {
        q.points = 3.0;
    }
    bank
}

proptest! {
    #[test]
    fn report_scores_add_up_to_the_engine_score(
        seed in any::<u64>(),
        partial in any::<bool>(),
        // Per question, display positions chosen (toggles on q4).
        picks in proptest::collection::vec(proptest::collection::vec(0usize..4, 0..4), 4),
    ) {
        let scoring = if partial { Scoring::Partial } else { Scoring::AllOrNothing };
        let bank = bank(scoring);
        let t0 = Instant::now();
        let plan = AttemptPlan::draw(&bank, seed, &Overrides::default());
        let member = Member { name: "Nguyễn Văn An".into(), code: None, unit: "Công đoàn Sở Tư pháp".into() };
        let mut attempt = Attempt::start(&bank, plan, member, "p1".into(), t0);
        for (i, choices) in picks.iter().enumerate() {
            let now = t0 + Duration::from_secs(i as u64 + 1);
            attempt.go_to(i, now).expect("go to");
            for &d in choices {
                attempt.choose(d, now).expect("choose");
            }
        }
        let end = t0 + Duration::from_secs(60);
        attempt.submit(end).expect("submit");
        let outcome = attempt.outcome(&bank).expect("finished");
        let row = attempt.result_row(&bank, &outcome, "2026-11-20T09:00:00+07:00".into(), "t");

        let rescored: f64 = stats::parse_answers(&row.answers)
            .iter()
            .map(|(id, chosen)| {
                let q = bank.questions.iter().find(|q| q.id == *id).expect("known question");
                q.score(chosen, scoring)
            })
            .sum();
        prop_assert!((rescored - outcome.score).abs() < 1e-9, "report {rescored} vs engine {}", outcome.score);
        prop_assert!((rescored - row.score).abs() < 0.005, "row {} (2 decimals)", row.score);
    }
}
