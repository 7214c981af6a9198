//! The quiz engine, driven by a fake clock (`t0 + n seconds`; nothing sleeps).

mod engine_support;

use std::time::{Duration, Instant};

use engine_support::{bank, question, ten, vietnamese};
use union_quiz::bank::{Bank, Scoring};
use union_quiz::engine::{
    Attempt, AttemptPlan, Member, Overrides, QuestionLock, Refusal, ResumeError, Snapshot,
    TickEvent, countdown_secs,
};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn member() -> Member {
    Member {
        name: "Nguyễn Thị Hoa".to_owned(),
        code: Some("KB-017".to_owned()),
        unit: "Công đoàn Kho bạc Nhà nước tỉnh".to_owned(),
    }
}

fn start(bank: &Bank, seed: u64, t0: Instant) -> Attempt {
    let plan = AttemptPlan::draw(bank, seed, &Overrides::default());
    Attempt::start(bank, plan, member(), "a1".to_owned(), t0)
}

/// An unshuffled bank, so display positions equal bank positions.
fn fixed(mut b: Bank) -> Bank {
    b.shuffle_questions = false;
    b.shuffle_choices = false;
    b
}

/// The display position of bank choice `bank_choice` on the current question.
fn display_of(a: &Attempt, bank_choice: usize) -> usize {
    let drawn = a.drawn(a.current()).expect("current question");
    drawn
        .order
        .iter()
        .position(|c| c == bank_choice)
        .expect("choice drawn")
}

#[test]
fn same_seed_gives_the_same_draw_and_other_seeds_differ() {
    let b = ten();
    let one = AttemptPlan::draw(&b, 42, &Overrides::default());
    let again = AttemptPlan::draw(&b, 42, &Overrides::default());
    assert_eq!(one, again);
    let others: Vec<AttemptPlan> = (0..5)
        .map(|s| AttemptPlan::draw(&b, 1000 + s, &Overrides::default()))
        .collect();
    assert!(others.iter().all(|p| p.questions != one.questions));
    // Every question once, each with a permutation of its choices.
    let mut idx: Vec<usize> = one.questions.iter().map(|d| d.index).collect();
    idx.sort_unstable();
    assert_eq!(idx, (0..10).collect::<Vec<_>>());
    for d in &one.questions {
        let mut o = d.order.to_vec();
        o.sort_unstable();
        assert_eq!(o, vec![0, 1, 2, 3]);
    }
    // Shuffling really happens somewhere with this seed.
    assert!(one.questions.iter().any(|d| d.order != vec![0, 1, 2, 3]));
    assert_ne!(
        one.questions.iter().map(|d| d.index).collect::<Vec<_>>(),
        (0..10).collect::<Vec<_>>()
    );
}

#[test]
fn pick_draws_a_subset_and_overrides_win() {
    let mut b = ten();
    b.pick = Some(4);
    let plan = AttemptPlan::draw(&b, 7, &Overrides::default());
    assert_eq!(plan.questions.len(), 4);
    let over = Overrides {
        pick: Some(6),
        time_limit: Some(secs(90)),
    };
    let plan = AttemptPlan::draw(&b, 7, &over);
    assert_eq!(plan.questions.len(), 6);
    assert_eq!(plan.time_limit, Some(secs(90)));
    let plan = AttemptPlan::draw(
        &b,
        7,
        &Overrides {
            pick: Some(99),
            time_limit: None,
        },
    );
    assert_eq!(plan.questions.len(), 10, "pick is capped at the bank size");
}

#[test]
fn no_shuffle_keeps_bank_order_even_with_pick() {
    let mut b = fixed(ten());
    let plan = AttemptPlan::draw(&b, 3, &Overrides::default());
    assert_eq!(
        plan.questions.iter().map(|d| d.index).collect::<Vec<_>>(),
        (0..10).collect::<Vec<_>>()
    );
    assert!(plan.questions.iter().all(|d| d.order == vec![0, 1, 2, 3]));
    b.pick = Some(5);
    let plan = AttemptPlan::draw(&b, 3, &Overrides::default());
    let idx: Vec<usize> = plan.questions.iter().map(|d| d.index).collect();
    assert_eq!(idx.len(), 5);
    assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
}

#[test]
fn question_level_shuffle_choices_false_is_respected() {
    let b = vietnamese();
    for seed in 0..20 {
        let plan = AttemptPlan::draw(&b, seed, &Overrides::default());
        let q3 = plan
            .questions
            .iter()
            .find(|d| d.index == 2)
            .expect("q3 drawn");
        assert_eq!(q3.order, vec![0, 1, 2], "seed {seed}");
    }
}

#[test]
fn answers_are_recorded_in_bank_letters_under_shuffled_display() {
    let b = vietnamese();
    let t0 = Instant::now();
    let mut a = start(&b, 99, t0);
    // Answer every question by its BANK letter: nd61 → B, nq30c-6 → A and C, mot-cua unanswered.
    for _ in 0..a.len() {
        let index = a.drawn(a.current()).expect("q").index;
        match index {
            0 => a.choose(display_of(&a, 1), t0 + secs(5)).expect("choose"),
            1 => {
                a.choose(display_of(&a, 0), t0 + secs(6)).expect("choose");
                a.choose(display_of(&a, 2), t0 + secs(7)).expect("choose");
            }
            _ => {}
        }
        let _ = a.next(t0 + secs(8));
    }
    let field = a.answers_field(&b);
    let mut parts: Vec<&str> = field.split(';').collect();
    assert_eq!(parts.len(), 3);
    // In attempt order: the order of the draw.
    let ids: Vec<&str> = a
        .plan()
        .questions
        .iter()
        .map(|d| b.questions[d.index].id.as_str())
        .collect();
    for (part, id) in parts.iter().zip(&ids) {
        assert!(part.starts_with(&format!("{id}:")), "{field}");
    }
    parts.sort_unstable();
    assert_eq!(parts, vec!["mot-cua:-", "nd61-hieu-luc:B", "nq30c-6:AC"]);
    // The display order really was shuffled for this seed.
    assert!(
        a.plan()
            .questions
            .iter()
            .any(|d| d.order != (0..d.order.len()).collect::<Vec<_>>())
    );
}

#[test]
fn one_answer_replaces_several_answers_toggle() {
    let b = fixed(ten());
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    a.choose(1, t0).expect("choose");
    a.choose(2, t0).expect("choose");
    assert_eq!(a.chosen(0), vec![2]);
    a.go_to(9, t0).expect("q10");
    assert!(a.is_multiple(9));
    a.choose(0, t0).expect("choose");
    a.choose(2, t0).expect("choose");
    a.choose(3, t0).expect("choose");
    a.choose(3, t0).expect("unchoose");
    assert_eq!(a.chosen(9), vec![0, 2]);
    assert_eq!(a.choose(4, t0), Err(Refusal::OutOfRange));
}

#[test]
fn deadline_submits_automatically_and_refuses_later_answers() {
    let mut b = fixed(ten());
    b.time_limit = Some(secs(1200));
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    a.choose(0, t0 + secs(10)).expect("q1 answered");
    assert_eq!(a.remaining(t0 + secs(1199)), Some(secs(1)));
    assert!(a.tick(t0 + secs(1199)).is_empty());
    assert!(!a.is_finished());
    assert_eq!(a.tick(t0 + secs(1201)), vec![TickEvent::TimeUp]);
    let finish = a.finish().expect("finished");
    assert!(finish.timed_out);
    assert_eq!(finish.duration, secs(1200), "never more than the limit");
    assert_eq!(a.choose(1, t0 + secs(1202)), Err(Refusal::Finished));
    assert_eq!(a.next(t0 + secs(1202)), Err(Refusal::Finished));
    let o = a.outcome(&b).expect("outcome");
    assert!(o.timed_out);
    assert_eq!(o.answered, 1);
    assert_eq!(o.score, 1.0);
}

#[test]
fn an_answer_after_the_deadline_is_refused_even_without_a_tick() {
    let mut b = fixed(ten());
    b.time_limit = Some(secs(60));
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    assert_eq!(a.choose(0, t0 + secs(60)), Err(Refusal::TimeUp));
    assert!(a.chosen(0).is_empty());
    assert!(a.finish().expect("finished").timed_out);
    assert_eq!(a.submit(t0 + secs(61)), Err(Refusal::Finished));
}

#[test]
fn submit_after_the_deadline_counts_as_timed_out() {
    let mut b = fixed(ten());
    b.time_limit = Some(secs(60));
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    assert_eq!(a.submit(t0 + secs(75)), Err(Refusal::TimeUp));
    assert!(a.finish().expect("finished").timed_out);
    let mut a = start(&b, 1, t0);
    a.submit(t0 + secs(30)).expect("in time");
    let f = a.finish().expect("finished");
    assert!(!f.timed_out);
    assert_eq!(f.duration, secs(30));
}

#[test]
fn per_question_limit_locks_and_moves_on() {
    let mut b = fixed(ten());
    b.question_time_limit = Some(secs(45));
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    a.choose(0, t0 + secs(10)).expect("q1");
    assert_eq!(a.question_remaining(t0 + secs(40)), Some(secs(5)));
    assert_eq!(
        a.tick(t0 + secs(45)),
        vec![TickEvent::QuestionTimeUp {
            question: 0,
            next: 1
        }]
    );
    assert_eq!(a.current(), 1);
    assert_eq!(a.lock(0), QuestionLock::TimeUp);
    // The question can be viewed again but not changed.
    a.go_to(0, t0 + secs(50)).expect("view");
    assert_eq!(a.choose(1, t0 + secs(51)), Err(Refusal::QuestionLocked));
    assert_eq!(a.chosen(0), vec![0]);
    assert_eq!(a.question_remaining(t0 + secs(51)), None);
    // Q2 had 45 s - it was current from 45 to 50 s: 5 s used so far.
    a.go_to(1, t0 + secs(60)).expect("back to q2");
    assert_eq!(a.question_remaining(t0 + secs(60)), Some(secs(40)));
}

#[test]
fn a_key_pressed_as_the_question_limit_runs_out_is_not_applied_to_the_next() {
    let mut b = fixed(ten());
    b.question_time_limit = Some(secs(30));
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    assert_eq!(a.choose(2, t0 + secs(31)), Err(Refusal::QuestionTimeUp));
    assert_eq!(a.current(), 1);
    assert!(a.chosen(0).is_empty());
    assert!(a.chosen(1).is_empty());
}

#[test]
fn a_late_tick_gives_each_question_its_own_limit_and_finishes_when_none_is_open() {
    let mut b = fixed(bank(
        "three",
        vec![
            question("x", "X?", &["a", "b"], &[0]),
            question("y", "Y?", &["a", "b"], &[0]),
            question("z", "Z?", &["a", "b"], &[1]),
        ],
    ));
    b.question_time_limit = Some(secs(10));
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    let events = a.tick(t0 + secs(25));
    assert_eq!(
        events,
        vec![
            TickEvent::QuestionTimeUp {
                question: 0,
                next: 1
            },
            TickEvent::QuestionTimeUp {
                question: 1,
                next: 2
            },
        ]
    );
    assert_eq!(a.question_remaining(t0 + secs(25)), Some(secs(5)));
    assert_eq!(a.tick(t0 + secs(30)), vec![TickEvent::TimeUp]);
    let f = a.finish().expect("finished");
    assert!(f.timed_out);
    assert_eq!(f.duration, secs(30));
}

#[test]
fn untimed_banks_never_time_out() {
    let b = fixed(ten());
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    let late = t0 + secs(10 * 24 * 3600);
    assert!(a.tick(late).is_empty());
    assert_eq!(a.remaining(late), None);
    assert_eq!(a.next_visible_change(late), None);
    assert!(!a.time_warning(late));
    a.choose(0, late).expect("still open");
    a.submit(late).expect("submit");
    assert_eq!(a.finish().expect("f").duration, secs(10 * 24 * 3600));
}

#[test]
fn countdown_wakes_at_the_next_whole_second_and_warns_late() {
    let mut b = fixed(ten());
    b.time_limit = Some(secs(1200));
    let t0 = Instant::now();
    let a = start(&b, 1, t0);
    let now = t0 + Duration::from_millis(2300);
    assert_eq!(countdown_secs(a.remaining(now).expect("timed")), 1198);
    assert_eq!(a.next_visible_change(now), Some(Duration::from_millis(700)));
    assert_eq!(a.next_visible_change(t0 + secs(5)), Some(secs(1)));
    // 20 min: the warning starts at the last 2 minutes (10 % would be 2 min too).
    assert!(!a.time_warning(t0 + secs(1079)));
    assert!(a.time_warning(t0 + secs(1080)));
    // 5 min: 10 % (30 s) is shorter than 2 minutes.
    b.time_limit = Some(secs(300));
    let a = start(&b, 1, t0);
    assert!(!a.time_warning(t0 + secs(269)));
    assert!(a.time_warning(t0 + secs(270)));
}

fn scored(b: &Bank, picks: &[&[usize]]) -> union_quiz::engine::Outcome {
    let t0 = Instant::now();
    let mut a = start(b, 1, t0);
    for (i, chosen) in picks.iter().enumerate() {
        a.go_to(i, t0).expect("go");
        for &c in *chosen {
            a.choose(c, t0).expect("choose");
        }
    }
    a.submit(t0 + secs(100)).expect("submit");
    a.outcome(b).expect("outcome")
}

fn scoring_bank(scoring: Scoring) -> Bank {
    let mut q1 = question("m1", "M1?", &["a", "b", "c", "d"], &[0, 1, 2]);
    q1.points = 3.0;
    let mut q2 = question("m2", "M2?", &["a", "b", "c", "d"], &[0, 2]);
    q2.points = 2.0;
    let q3 = question("s1", "S1?", &["a", "b", "c", "d"], &[3]);
    let mut q4 = question("m3", "M3?", &["a", "b", "c", "d"], &[1, 3]);
    q4.points = 2.0;
    let mut b = fixed(bank("scoring", vec![q1, q2, q3, q4]));
    b.scoring = scoring;
    b.pass_percent = 60.0;
    b
}

// m1: chose A, B, D → 2 right, 1 wrong of 3 right. m2: chose exactly A, C.
// s1: chose D (right). m3: chose A, B → 1 right, 1 wrong.
const PICKS: [&[usize]; 4] = [&[0, 1, 3], &[0, 2], &[3], &[0, 1]];

#[test]
fn all_or_nothing_scores_only_exact_sets() {
    let o = scored(&scoring_bank(Scoring::AllOrNothing), &PICKS);
    // m2 (2) + s1 (1) = 3 of 8.
    assert_eq!(o.score, 3.0);
    assert_eq!(o.max_score, 8.0);
    assert_eq!(o.percent, 37.5);
    assert!(!o.passed);
    assert_eq!(o.answered, 4);
    assert_eq!(
        o.review.iter().map(|r| r.correct).collect::<Vec<_>>(),
        vec![false, true, true, false]
    );
}

#[test]
fn partial_scores_right_minus_wrong_over_right() {
    let o = scored(&scoring_bank(Scoring::Partial), &PICKS);
    // m1: 3 × (2−1)/3 = 1; m2: 2; s1: 1; m3: 2 × (1−1)/2 = 0 → 4 of 8.
    let points: Vec<f64> = o.review.iter().map(|r| r.points).collect();
    assert_eq!(points, vec![1.0, 2.0, 1.0, 0.0]);
    assert_eq!(o.score, 4.0);
    assert_eq!(o.percent, 50.0);
    assert!(!o.passed, "50 % < 60 %");
    // More wrong than right is 0, never negative.
    let o = scored(
        &scoring_bank(Scoring::Partial),
        &[&[0, 3], &[1, 3], &[], &[]],
    );
    assert_eq!(o.review[1].points, 0.0);
    assert_eq!(o.review[0].points, 0.0);
    assert_eq!(o.answered, 2);
}

#[test]
fn pass_mark_is_inclusive() {
    let mut b = scoring_bank(Scoring::Partial);
    b.pass_percent = 50.0;
    let o = scored(&b, &PICKS);
    assert!(o.passed, "50 % ≥ 50 %");
}

#[test]
fn result_row_columns() {
    let mut b = vietnamese();
    b.shuffle_questions = false;
    let t0 = Instant::now();
    let mut a = start(&b, 5, t0);
    a.choose(display_of(&a, 1), t0 + secs(3)).expect("B");
    a.submit(t0 + secs(125)).expect("submit");
    let o = a.outcome(&b).expect("outcome");
    let row = a.result_row(&b, &o, "2026-11-27T14:00:00+07:00".to_owned(), "0.1.0");
    assert_eq!(row.attempt_id, "a1");
    assert_eq!(row.member_name, "Nguyễn Thị Hoa");
    assert_eq!(row.member_code, "KB-017");
    assert_eq!(row.unit, "Công đoàn Kho bạc Nhà nước tỉnh");
    assert_eq!(row.bank_id, "cchc-2018-chung");
    assert_eq!(row.score, 1.0);
    assert_eq!(row.max_score, 3.0);
    assert_eq!(row.answered, 1);
    assert_eq!(row.questions, 3);
    assert_eq!(row.duration_s, 125);
    assert_eq!(row.time_limit_s, Some(1200));
    assert!(!row.timed_out);
    assert!(!row.passed);
    assert_eq!(row.seed, 5);
    assert_eq!(row.answers, "nd61-hieu-luc:B;nq30c-6:-;mot-cua:-");
}

/// Ten questions, 10 minutes for the attempt and 2 for each question.
fn timed_ten() -> Bank {
    let mut b = ten();
    b.time_limit = Some(secs(600));
    b.question_time_limit = Some(secs(120));
    b
}

#[test]
fn snapshot_and_resume_keep_answers_and_remaining_time() {
    let b = timed_ten();
    let t0 = Instant::now();
    let mut a = start(&b, 11, t0);
    a.choose(2, t0 + secs(10)).expect("q1");
    a.toggle_flag(t0 + secs(11)).expect("flag");
    a.go_to(9, t0 + secs(20)).expect("q10");
    a.choose(0, t0 + secs(25)).expect("q10 a");
    let snap = a.snapshot(t0 + secs(30));
    // Through JSON, as the autosave will store it.
    let json = serde_json::to_string(&snap).expect("json");
    let snap: Snapshot = serde_json::from_str(&json).expect("parse");
    assert_eq!(snap.used_ms, 30_000);
    // The app was not running for an hour: that hour is not counted.
    let t1 = t0 + secs(3600);
    let r = Attempt::resume(&b, snap, t1).expect("resume");
    assert_eq!(r.remaining(t1), Some(secs(570)));
    assert_eq!(r.question_remaining(t1), Some(secs(110)));
    assert_eq!(r.current(), 9);
    assert_eq!(r.chosen(0), a.chosen(0));
    assert_eq!(r.chosen(9), a.chosen(9));
    assert_eq!(r.flagged(), vec![0]);
    assert_eq!(r.plan(), a.plan());
    assert_eq!(r.member(), a.member());
    assert_eq!(r.attempt_id(), "a1");
    assert_eq!(r.answers_field(&b), a.answers_field(&b));
}

/// The autosave writes the attempt through a borrowed view; it must be
/// the snapshot's bytes exactly, in every state the attempt goes through
/// (the saved files, and every resume, depend on it).
#[test]
fn a_snapshot_view_is_written_as_the_snapshot_is() {
    let b = timed_ten();
    let t0 = Instant::now();
    let mut a = start(&b, 11, t0);
    let same = |a: &Attempt, at: Instant| {
        let view = a.snapshot_view(at);
        let snap = a.snapshot(at);
        assert_eq!(
            serde_json::to_string_pretty(&view).expect("view"),
            serde_json::to_string_pretty(&snap).expect("snapshot")
        );
        assert_eq!(
            serde_json::to_string(&view).expect("view"),
            serde_json::to_string(&snap).expect("snapshot")
        );
    };
    same(&a, t0);
    a.choose(2, t0 + secs(10)).expect("q1");
    a.toggle_flag(t0 + secs(11)).expect("flag");
    same(&a, t0 + secs(12));
    a.go_to(9, t0 + secs(20)).expect("q10");
    a.choose(0, t0 + secs(25)).expect("q10 a");
    same(&a, t0 + secs(30));
    // The question's own limit runs out: it is locked.
    a.tick(t0 + secs(200));
    assert_eq!(a.lock(9), QuestionLock::TimeUp);
    same(&a, t0 + secs(201));
    a.go_to(3, t0 + secs(210)).expect("q4");
    a.submit(t0 + secs(230)).expect("submit");
    same(&a, t0 + secs(240));
}

#[test]
fn resume_refuses_a_changed_bank_or_a_bad_snapshot() {
    let b = ten();
    let t0 = Instant::now();
    let a = start(&b, 11, t0);
    let snap = a.snapshot(t0);
    let mut changed = b.clone();
    changed.sha256 = "cd".repeat(32);
    assert_eq!(
        Attempt::resume(&changed, snap.clone(), t0).err(),
        Some(ResumeError::BankChanged)
    );
    let mut bad = snap.clone();
    bad.answers[0] = vec![7];
    assert_eq!(
        Attempt::resume(&b, bad, t0).err(),
        Some(ResumeError::Inconsistent)
    );
    let mut bad = snap;
    bad.current = 10;
    assert_eq!(
        Attempt::resume(&b, bad, t0).err(),
        Some(ResumeError::Inconsistent)
    );
}

#[test]
fn practice_mode_locks_a_checked_question_and_shows_feedback() {
    let mut b = fixed(ten());
    b.review = union_quiz::bank::Review::EachQuestion;
    let t0 = Instant::now();
    let mut a = start(&b, 1, t0);
    assert_eq!(a.check(t0), Ok(false), "nothing chosen yet");
    a.choose(1, t0).expect("wrong answer");
    assert_eq!(a.feedback(&b, 0), None);
    assert_eq!(a.check(t0), Ok(true));
    assert_eq!(a.check(t0), Ok(false), "already checked");
    assert_eq!(a.lock(0), QuestionLock::Checked);
    assert_eq!(a.feedback(&b, 0), Some(false));
    assert_eq!(a.choose(0, t0), Err(Refusal::QuestionLocked));
    // After-submit review shows nothing during the attempt.
    let b2 = fixed(ten());
    let mut a2 = start(&b2, 1, t0);
    a2.choose(0, t0).expect("right");
    assert_eq!(a2.check(t0), Ok(false));
    assert_eq!(a2.feedback(&b2, 0), None);
    a2.submit(t0).expect("submit");
    assert_eq!(a2.feedback(&b2, 0), Some(true));
}
