//! A finished attempt scored: the review of each question, the outcome and
//! the row of the results file.

use super::*;

impl Attempt {
    /// Whether the answer of question `i` is exactly right, once the member
    /// may see it: after the attempt, or in practice once checked.
    pub fn feedback(&self, bank: &Bank, i: usize) -> Option<bool> {
        let visible = match self.review {
            Review::EachQuestion => self.lock(i) == QuestionLock::Checked || self.is_finished(),
            Review::AfterSubmit => self.is_finished(),
            Review::None => false,
        };
        if !visible {
            return None;
        }
        let q = bank.questions.get(self.drawn(i)?.index)?;
        let chosen = self.chosen(i);
        Some(chosen == q.answer)
    }

    /// Points earned and available on question `i`, by the bank's
    /// scoring, once the member may see them (as [`Attempt::feedback`]).
    pub fn points(&self, bank: &Bank, i: usize) -> Option<(f64, f64)> {
        self.feedback(bank, i)?;
        let q = bank.questions.get(self.drawn(i)?.index)?;
        Some((q.score(&self.chosen(i), bank.scoring), q.points))
    }

    /// Scores the attempt once it is finished.
    pub fn outcome(&self, bank: &Bank) -> Option<Outcome> {
        let finish = self.finish?;
        let mut score = 0.0;
        let mut max_score = 0.0;
        let mut review = Vec::with_capacity(self.len());
        for (i, drawn) in self.plan.questions.iter().enumerate() {
            let Some(q) = bank.questions.get(drawn.index) else {
                continue;
            };
            let chosen = self.chosen(i);
            let exact = chosen == q.answer;
            let earned = q.score(&chosen, bank.scoring);
            score += earned;
            max_score += q.points;
            review.push(QuestionReview {
                position: i,
                bank_index: drawn.index,
                question_id: q.id.clone(),
                chosen,
                right: q.answer.clone(),
                order: drawn.order.to_vec(),
                correct: exact,
                points: earned,
                max_points: q.points,
            });
        }
        let percent = if max_score > 0.0 {
            score / max_score * 100.0
        } else {
            0.0
        };
        // A tiny tolerance, so 7/14 = 49.999… is not a fail at 50 %.
        let passed = percent + 1e-9 >= bank.pass_percent;
        Some(Outcome {
            score,
            max_score,
            percent,
            passed,
            answered: self.answered_count(),
            questions: self.len(),
            duration: finish.duration,
            timed_out: finish.timed_out,
            review,
        })
    }

    /// The `answers` column: every question in attempt order as
    /// `question_id:LETTERS` in the bank's own letters, `-` when unanswered,
    /// `;`-separated.
    pub fn answers_field(&self, bank: &Bank) -> String {
        self.plan
            .questions
            .iter()
            .enumerate()
            .map(|(i, drawn)| {
                let id = bank
                    .questions
                    .get(drawn.index)
                    .map_or("?", |q| q.id.as_str());
                let chosen = self.chosen(i);
                let letters: String = if chosen.is_empty() {
                    "-".to_owned()
                } else {
                    chosen.into_iter().map(letter).collect()
                };
                format!("{id}:{letters}")
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The row of the results file for this finished attempt. `finished_at`
    /// is RFC 3339 with the local offset, made by the caller (the engine
    /// reads no clock); `app_version` is the caller's
    /// `env!("CARGO_PKG_VERSION")`.
    pub fn result_row(
        &self,
        bank: &Bank,
        outcome: &Outcome,
        finished_at: String,
        app_version: &str,
    ) -> ResultRow {
        ResultRow {
            attempt_id: self.attempt_id.clone(),
            finished_at,
            member_name: self.member.name.clone(),
            member_code: self.member.code.clone().unwrap_or_default(),
            unit: self.member.unit.clone(),
            bank_id: bank.id.clone(),
            bank_title: bank.title.clone(),
            bank_sha256: bank.sha256.clone(),
            score: outcome.score,
            max_score: outcome.max_score,
            percent: outcome.percent,
            passed: outcome.passed,
            answered: u32::try_from(outcome.answered).unwrap_or(u32::MAX),
            questions: u32::try_from(outcome.questions).unwrap_or(u32::MAX),
            duration_s: outcome.duration.as_secs(),
            time_limit_s: self.plan.time_limit.map(|d| d.as_secs()),
            timed_out: outcome.timed_out,
            seed: self.plan.seed,
            answers: self.answers_field(bank),
            app_version: app_version.to_owned(),
        }
    }
}

/// One question of a scored attempt, for the review on the result screen.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionReview {
    /// Position in the attempt (from 0).
    pub position: usize,
    /// Index of the question in the bank.
    pub bank_index: usize,
    /// The question's id.
    pub question_id: String,
    /// The member's choices, bank indices, sorted.
    pub chosen: Vec<usize>,
    /// The right choices, bank indices, sorted.
    pub right: Vec<usize>,
    /// Display position → bank choice index, as the member saw it.
    pub order: Vec<usize>,
    /// Whether the member chose exactly the right set.
    pub correct: bool,
    /// Points earned.
    pub points: f64,
    /// Points available.
    pub max_points: f64,
}

/// A scored, finished attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Points earned.
    pub score: f64,
    /// Sum of the points of the drawn questions.
    pub max_score: f64,
    /// score ÷ max_score × 100.
    pub percent: f64,
    /// percent ≥ the bank's pass mark.
    pub passed: bool,
    /// Questions with at least one choice chosen.
    pub answered: usize,
    /// Questions in the attempt.
    pub questions: usize,
    /// Time used.
    pub duration: Duration,
    /// Submitted by the deadline.
    pub timed_out: bool,
    /// Each question, in attempt order.
    pub review: Vec<QuestionReview>,
}
