//! Question statistics: what the `answers` column says of each question and
//! choice (facility, discrimination, efficiency, flags), and the bank's
//! reliability. Moodle's item analysis is the model; see the parent module
//! for the decisions every figure follows.

use std::collections::{BTreeSet, HashMap};

use serde::{Serialize, Serializer};

use super::{Counted, mean, percent_of, ser_opt_1, ser_opt_3, ser_points, std_dev};
use crate::bank::{Bank, letter, letter_index};

/// A question is flagged when its discrimination index is under this
/// (Moodle's guidance: below 0.2 the question tells strong and weak members
/// apart poorly).
pub const LOW_DISCRIMINATION: f64 = 0.2;
/// A question is flagged as too hard when its facility is under this percent.
pub const HARD_FACILITY: f64 = 20.0;
/// A question is flagged as too easy when its facility is over this percent.
pub const EASY_FACILITY: f64 = 95.0;

/// One question's entry of the `answers` column: its id and the chosen
/// indices in bank order (empty when unanswered).
pub fn parse_answers(answers: &str) -> Vec<(&str, Vec<usize>)> {
    answer_entries(answers)
        .map(|(id, chosen)| (id, choices_in(chosen).collect()))
        .collect()
}

/// A set of bank choice indices (letters A–Z) as bits: the answers of
/// 100,000 attempts are read without a list per question.
type ChoiceSet = u32;

/// The entries of an `answers` column, each chosen set as bits.
fn answer_entries(answers: &str) -> impl Iterator<Item = (&str, ChoiceSet)> {
    answers
        .split(';')
        .filter(|part| !part.trim().is_empty())
        .filter_map(|part| {
            let (id, letters) = part.rsplit_once(':')?;
            let chosen = letters
                .trim()
                .chars()
                .filter_map(letter_index)
                .filter(|&i| i < 32)
                .fold(0, |set: ChoiceSet, i| set | 1 << i);
            Some((id.trim(), chosen))
        })
}

/// The indices in a set, smallest first.
fn choices_in(set: ChoiceSet) -> impl Iterator<Item = usize> {
    (0..32).filter(move |i| set & (1 << i) != 0)
}

/// Why a question deserves a look before the next course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Strong members get it wrong more than weak ones.
    NegativeDiscrimination,
    /// Discrimination under [`LOW_DISCRIMINATION`].
    LowDiscrimination,
    /// Moodle's "likely to need checking": discriminative efficiency under
    /// [`DUBIOUS_EFFICIENCY`] % or a negative discrimination index.
    Dubious,
    /// Facility under [`HARD_FACILITY`] %.
    TooHard,
    /// Facility over [`EASY_FACILITY`] %.
    TooEasy,
}

impl Flag {
    /// The machine name, as in CSV and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Flag::NegativeDiscrimination => "negative_discrimination",
            Flag::LowDiscrimination => "low_discrimination",
            Flag::Dubious => "dubious",
            Flag::TooHard => "too_hard",
            Flag::TooEasy => "too_easy",
        }
    }
}

/// A question is dubious when its discriminative efficiency (percent) is
/// under this, as Moodle's question bank flags it.
pub const DUBIOUS_EFFICIENCY: f64 = 15.0;

/// A question's flags; written as space-separated codes in CSV and JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags(pub Vec<Flag>);

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let codes: Vec<&str> = self.0.iter().map(|f| f.code()).collect();
        s.serialize_str(&codes.join(" "))
    }
}

/// The flags of a question with this facility (percent), discrimination
/// index (−1 to 1) and discriminative efficiency (percent).
pub fn flags(facility: Option<f64>, discrimination: Option<f64>, efficiency: Option<f64>) -> Flags {
    let mut out = Vec::new();
    match discrimination {
        Some(d) if d < 0.0 => out.push(Flag::NegativeDiscrimination),
        Some(d) if d < LOW_DISCRIMINATION => out.push(Flag::LowDiscrimination),
        _ => {}
    }
    if discrimination.is_some_and(|d| d < 0.0) || efficiency.is_some_and(|e| e < DUBIOUS_EFFICIENCY)
    {
        out.push(Flag::Dubious);
    }
    match facility {
        Some(f) if f < HARD_FACILITY => out.push(Flag::TooHard),
        Some(f) if f > EASY_FACILITY => out.push(Flag::TooEasy),
        _ => {}
    }
    Flags(out)
}

/// Under this (co)variance a set of scores is taken as not varying: scores
/// are multiples of points, so anything this small is rounding.
const TINY: f64 = 1e-12;

/// The sample covariance (n − 1) of `x` and `y` (same length, at least 2).
fn covariance(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let (x, y) = (x.get(..n)?, y.get(..n)?);
    let (mx, my) = (mean(x)?, mean(y)?);
    let sum: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    Some(sum / (n - 1) as f64)
}

/// Pearson's correlation of `x` and `y` with n − 1 (co)variances; `None`
/// under two pairs or when either side does not vary.
pub fn correlation(x: &[f64], y: &[f64]) -> Option<f64> {
    let cov = covariance(x, y)?;
    let vx = covariance(x, x)?;
    let vy = covariance(y, y)?;
    if vx <= TINY || vy <= TINY {
        return None;
    }
    Some(cov / (vx * vy).sqrt())
}

/// The largest covariance `x` and `y` could have with the same values:
/// both sorted, then paired (Moodle's "covariancemax", the denominator of
/// discriminative efficiency).
pub fn max_covariance(x: &[f64], y: &[f64]) -> Option<f64> {
    let mut xs = x.to_vec();
    let mut ys = y.to_vec();
    xs.sort_by(f64::total_cmp);
    ys.sort_by(f64::total_cmp);
    covariance(&xs, &ys)
}

/// `--by question`: one line per question of a bank, with Moodle's
/// definitions (`question/classes/statistics/questions/calculator.php`):
/// every figure is over the counted attempts that showed the question,
/// with n − 1 (co)variances.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionLine {
    /// The bank's id.
    pub bank: String,
    /// 1-based position in the bank.
    pub number: u32,
    /// The question's id.
    pub question: String,
    /// The right letters, in bank letters.
    pub key: String,
    /// Points for the question.
    #[serde(serialize_with = "ser_points")]
    pub points: f64,
    /// Counted attempts in which the question was shown.
    pub shown: u32,
    /// Mean score ÷ points, in percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub facility: Option<f64>,
    /// Standard deviation (n − 1) of the score, in percent of the points.
    #[serde(serialize_with = "ser_opt_1")]
    pub sd: Option<f64>,
    /// The score a member choosing one choice at random would expect, in
    /// percent: 100 ÷ choices for a one-answer question; `None` for a
    /// several-answers one (Moodle does not try either).
    #[serde(serialize_with = "ser_opt_1")]
    pub random_guess: Option<f64>,
    /// The question's points ÷ the attempt's points, in percent (the mean
    /// over attempts when questions are drawn).
    #[serde(serialize_with = "ser_opt_1")]
    pub intended_weight: Option<f64>,
    /// How much the question actually moved the totals: √cov(score, total)
    /// ÷ Σ of that over the bank's questions, in percent; `None` when the
    /// covariance is negative.
    #[serde(serialize_with = "ser_opt_1")]
    pub effective_weight: Option<f64>,
    /// Correlation of the question's score with the rest of the attempt's
    /// score (total minus this question), −1 to 1 (Moodle shows it × 100).
    #[serde(serialize_with = "ser_opt_3")]
    pub discrimination: Option<f64>,
    /// cov(score, rest) ÷ the largest covariance the same values allow, in
    /// percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub discriminative_efficiency: Option<f64>,
    /// Times shown but not answered.
    pub blank: u32,
    /// Times each letter was chosen (A–J; `None` past the question's
    /// choices).
    #[serde(rename = "A")]
    pub a: Option<u32>,
    /// See `a`.
    #[serde(rename = "B")]
    pub b: Option<u32>,
    /// See `a`.
    #[serde(rename = "C")]
    pub c: Option<u32>,
    /// See `a`.
    #[serde(rename = "D")]
    pub d: Option<u32>,
    /// See `a`.
    #[serde(rename = "E")]
    pub e: Option<u32>,
    /// See `a`.
    #[serde(rename = "F")]
    pub f: Option<u32>,
    /// See `a`.
    #[serde(rename = "G")]
    pub g: Option<u32>,
    /// See `a`.
    #[serde(rename = "H")]
    pub h: Option<u32>,
    /// See `a`.
    #[serde(rename = "I")]
    pub i: Option<u32>,
    /// See `a`.
    #[serde(rename = "J")]
    pub j: Option<u32>,
    /// Why the question deserves a look.
    pub flags: Flags,
    /// The distractor table: one line per choice, in bank order. Not a CSV
    /// column (a list); the JSON, `--detail` and the workbook show it.
    #[serde(skip)]
    pub choices: Vec<ChoiceLine>,
}

/// One choice of a question in the distractor table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceLine {
    /// The bank letter.
    pub letter: String,
    /// The choice's text, whole (views shorten it to fit).
    pub text: String,
    /// Whether it is a right answer.
    pub right: bool,
    /// Counted attempts that chose it.
    pub chosen: u32,
    /// chosen ÷ shown, in percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub chosen_percent: Option<f64>,
    /// The mean percent (whole attempt) of the members who chose it: a
    /// wrong choice that draws strong members deserves a look.
    #[serde(serialize_with = "ser_opt_1")]
    pub mean_percent: Option<f64>,
}

/// The most choices a question has (A–J).
pub const MAX_CHOICES: usize = 10;

impl QuestionLine {
    /// Times each letter was chosen, A first.
    pub fn letter_counts(&self) -> [Option<u32>; MAX_CHOICES] {
        [
            self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h, self.i, self.j,
        ]
    }
}

/// The question view of one bank, with what the caller should warn about.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionReport {
    /// One line per question, in bank order.
    pub lines: Vec<QuestionLine>,
    /// Counted attempts at this bank.
    pub attempts: usize,
    /// Of those, attempts whose `bank_sha256` differs from the bank file's.
    pub sha_mismatch: usize,
    /// Question ids in the answers that the bank does not have.
    pub unknown: BTreeSet<String>,
}

/// One question of one attempt, re-scored with the bank.
#[derive(Debug, Clone, PartialEq)]
struct ScoredQuestion {
    /// Index in the bank.
    index: usize,
    /// Points scored.
    score: f64,
    /// Bank choice indices chosen (within the question's choices).
    chosen: ChoiceSet,
}

/// One counted attempt, re-scored question by question.
#[derive(Debug, Clone, PartialEq)]
struct ScoredAttempt {
    /// Its questions, in attempt order, each once.
    questions: Vec<ScoredQuestion>,
    /// The attempt's percent, as written.
    percent: f64,
}

impl ScoredAttempt {
    fn total(&self) -> f64 {
        self.questions.iter().map(|q| q.score).sum()
    }
}

/// The counted attempts at `bank`, re-scored with it.
struct ScoredBank {
    attempts: Vec<ScoredAttempt>,
    sha_mismatch: usize,
    unknown: BTreeSet<String>,
}

/// FNV-1a, for maps whose keys are a bank's own question ids: looked up
/// for every question of every attempt (a question report of 100,000 rows
/// took 445 ms of CPU with it, 480 with SipHash). Its weakness to chosen
/// keys does not matter here: the keys are the bank's, and a lookup of any
/// other string only misses.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn score_attempts(bank: &Bank, counted: &[Counted<'_>]) -> ScoredBank {
    let index: HashMap<&str, usize, std::hash::BuildHasherDefault<Fnv>> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut out = ScoredBank {
        attempts: Vec::new(),
        sha_mismatch: 0,
        unknown: BTreeSet::new(),
    };
    for c in counted.iter().filter(|c| c.row.bank_id == bank.id) {
        if !c.row.bank_sha256.eq_ignore_ascii_case(&bank.sha256) {
            out.sha_mismatch += 1;
        }
        let mut questions: Vec<ScoredQuestion> = Vec::new();
        for (id, chosen) in answer_entries(&c.row.answers) {
            let Some((qi, q)) = index
                .get(id)
                .and_then(|&i| Some((i, bank.questions.get(i)?)))
            else {
                out.unknown.insert(id.to_owned());
                continue;
            };
            // A question listed twice in one attempt counts once.
            if questions.iter().any(|s| s.index == qi) {
                continue;
            }
            let chosen = choices_in(chosen)
                .filter(|&i| i < q.choices.len())
                .fold(0, |set: ChoiceSet, i| set | 1 << i);
            // The indices on the stack: this runs for every question of
            // every attempt.
            let mut buf = [0usize; 32];
            let mut n = 0;
            for (slot, i) in buf.iter_mut().zip(choices_in(chosen)) {
                *slot = i;
                n += 1;
            }
            questions.push(ScoredQuestion {
                index: qi,
                score: q.score(buf.get(..n).unwrap_or(&[]), bank.scoring),
                chosen,
            });
        }
        out.attempts.push(ScoredAttempt {
            questions,
            percent: c.row.percent,
        });
    }
    out
}

/// What one question's figures are computed from.
#[derive(Debug, Default, Clone)]
struct QuestionData {
    /// Its score in each attempt showing it.
    x: Vec<f64>,
    /// The rest of that attempt's score.
    rest: Vec<f64>,
    /// That attempt's whole score.
    total: Vec<f64>,
    /// That attempt's points available (its questions' points).
    available: Vec<f64>,
    blank: u32,
    letters: [u32; MAX_CHOICES],
    /// Sum of the percents of the attempts that chose each letter.
    letter_percents: [f64; MAX_CHOICES],
}

/// Question statistics of `bank` over the counted attempts at it.
pub fn question_report(bank: &Bank, counted: &[Counted<'_>]) -> QuestionReport {
    let scored = score_attempts(bank, counted);
    let mut data = vec![QuestionData::default(); bank.questions.len()];
    for a in &scored.attempts {
        let total = a.total();
        let available: f64 = a
            .questions
            .iter()
            .filter_map(|s| bank.questions.get(s.index))
            .map(|q| q.points)
            .sum();
        for s in &a.questions {
            let Some(d) = data.get_mut(s.index) else {
                continue;
            };
            d.x.push(s.score);
            d.rest.push(total - s.score);
            d.total.push(total);
            d.available.push(available);
            if s.chosen == 0 {
                d.blank += 1;
            }
            for i in choices_in(s.chosen) {
                if let (Some(n), Some(p)) = (d.letters.get_mut(i), d.letter_percents.get_mut(i)) {
                    *n += 1;
                    *p += a.percent;
                }
            }
        }
    }
    // Effective weights share out the √covariances with the total that
    // are not negative (Moodle's sum skips the negative ones).
    let cov_total: Vec<Option<f64>> = data.iter().map(|d| covariance(&d.x, &d.total)).collect();
    let sum_sqrt: f64 = cov_total
        .iter()
        .flatten()
        .filter(|c| **c >= 0.0)
        .map(|c| c.sqrt())
        .sum();
    let lines = bank
        .questions
        .iter()
        .zip(&data)
        .zip(&cov_total)
        .enumerate()
        .map(|(qi, ((q, d), cov_t))| {
            let points = (q.points > 0.0).then_some(q.points);
            let facility = points.and_then(|p| Some(mean(&d.x)? / p * 100.0));
            let sd = points.and_then(|p| Some(std_dev(&d.x)? / p * 100.0));
            let random_guess =
                (!q.is_multiple() && !q.choices.is_empty()).then(|| 100.0 / q.choices.len() as f64);
            let intended_weight = mean(&d.available)
                .filter(|a| *a > 0.0)
                .map(|a| 100.0 * q.points / a)
                .filter(|_| !d.x.is_empty());
            let effective_weight = cov_t
                .filter(|c| *c >= 0.0 && sum_sqrt > TINY)
                .map(|c| 100.0 * c.sqrt() / sum_sqrt);
            let discrimination = correlation(&d.x, &d.rest);
            let discriminative_efficiency = covariance(&d.x, &d.rest)
                .zip(max_covariance(&d.x, &d.rest))
                .filter(|(_, max)| max.abs() > TINY)
                .map(|(cov, max)| 100.0 * cov / max);
            let shown = d.x.len();
            let count =
                |i: usize| (i < q.choices.len()).then(|| d.letters.get(i).copied().unwrap_or(0));
            let choices = q
                .choices
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let chosen = d.letters.get(i).copied().unwrap_or(0);
                    let sum = d.letter_percents.get(i).copied().unwrap_or(0.0);
                    ChoiceLine {
                        letter: letter(i).to_string(),
                        text: text.clone(),
                        right: q.answer.contains(&i),
                        chosen,
                        chosen_percent: percent_of(chosen as usize, shown),
                        mean_percent: (chosen > 0).then(|| sum / f64::from(chosen)),
                    }
                })
                .collect();
            QuestionLine {
                bank: bank.id.clone(),
                number: u32::try_from(qi + 1).unwrap_or(u32::MAX),
                question: q.id.clone(),
                key: q.answer.iter().map(|&i| letter(i)).collect(),
                points: q.points,
                shown: u32::try_from(shown).unwrap_or(u32::MAX),
                facility,
                sd,
                random_guess,
                intended_weight,
                effective_weight,
                discrimination,
                discriminative_efficiency,
                blank: d.blank,
                a: count(0),
                b: count(1),
                c: count(2),
                d: count(3),
                e: count(4),
                f: count(5),
                g: count(6),
                h: count(7),
                i: count(8),
                j: count(9),
                flags: flags(facility, discrimination, discriminative_efficiency),
                choices,
            }
        })
        .collect();
    QuestionReport {
        lines,
        attempts: scored.attempts.len(),
        sha_mismatch: scored.sha_mismatch,
        unknown: scored.unknown,
    }
}

/// Under this many counted attempts, the bank view says the figures are
/// too few to judge a test by.
pub const FEW_ATTEMPTS: usize = 30;

/// Why a bank has no coefficient of internal consistency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoAlpha {
    /// The bank file was not found, so questions cannot be scored.
    NoBank,
    /// Attempts drew different questions (`pick`): Cronbach's α needs the
    /// same questions in every attempt.
    DrawnQuestions,
    /// Three attempts or more and two questions or more are needed
    /// (Moodle's conditions).
    TooFew,
    /// Every attempt has the same total.
    NoVariance,
}

/// The test's reliability, as Moodle's quiz statistics compute it
/// (`mod/quiz/report/statistics/classes/calculator.php`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reliability {
    /// Cronbach's α (0–1): p ÷ (p − 1) × (1 − Σ question variances ÷ total
    /// variance), all n − 1.
    pub alpha: Option<f64>,
    /// 100 × √(1 − α), in percent: the share of the spread that is noise.
    pub error_ratio: Option<f64>,
    /// error ratio × standard deviation, in percentage points.
    pub standard_error: Option<f64>,
}

/// Skewness of `values` with Moodle's (and Excel's SKEW) formula; `None`
/// under 3 values or without spread.
pub fn skewness(values: &[f64]) -> Option<f64> {
    let (k2, k3, _) = cumulants(values)?;
    k3.map(|k3| k3 / k2.powf(1.5))
}

/// Excess kurtosis of `values` with Moodle's (and Excel's KURT) formula;
/// `None` under 4 values or without spread.
pub fn kurtosis(values: &[f64]) -> Option<f64> {
    let (k2, _, k4) = cumulants(values)?;
    k4.map(|k4| k4 / (k2 * k2))
}

/// Moodle's k-statistics: k2 (needs 3 values and spread, as Moodle only
/// goes on from there), k3 (3 values) and k4 (4 values).
fn cumulants(values: &[f64]) -> Option<(f64, Option<f64>, Option<f64>)> {
    let n = values.len();
    if n < 3 {
        return None;
    }
    let m = mean(values)?;
    let s = n as f64;
    let moment = |p: i32| values.iter().map(|v| (v - m).powi(p)).sum::<f64>() / s;
    let (m2, m3, m4) = (moment(2), moment(3), moment(4));
    let k2 = s * m2 / (s - 1.0);
    if k2.abs() <= TINY {
        return None;
    }
    let k3 = s * s * m3 / ((s - 1.0) * (s - 2.0));
    let k4 = (n > 3).then(|| {
        s * s * ((s + 1.0) * m4 - 3.0 * (s - 1.0) * m2 * m2) / ((s - 1.0) * (s - 2.0) * (s - 3.0))
    });
    Some((k2, Some(k3), k4))
}

/// Cronbach's α, error ratio and standard error of `bank` over the counted
/// attempts at it; `sd_percent` is the standard deviation of their
/// percents.
pub fn reliability(
    bank: &Bank,
    counted: &[Counted<'_>],
    sd_percent: Option<f64>,
) -> Result<Reliability, NoAlpha> {
    let scored = score_attempts(bank, counted);
    let set = |a: &ScoredAttempt| {
        let mut ids: Vec<usize> = a.questions.iter().map(|q| q.index).collect();
        ids.sort_unstable();
        ids
    };
    let Some(first) = scored.attempts.first().map(set) else {
        return Err(NoAlpha::TooFew);
    };
    if scored.attempts.iter().any(|a| set(a) != first) {
        return Err(NoAlpha::DrawnQuestions);
    }
    let (s, p) = (scored.attempts.len(), first.len());
    if s < 3 || p < 2 {
        return Err(NoAlpha::TooFew);
    }
    let totals: Vec<f64> = scored.attempts.iter().map(ScoredAttempt::total).collect();
    let k2 = covariance(&totals, &totals).ok_or(NoAlpha::TooFew)?;
    if k2 <= TINY {
        return Err(NoAlpha::NoVariance);
    }
    // One column of scores per question, filled attempt by attempt.
    let column: HashMap<usize, usize> = first.iter().enumerate().map(|(c, &qi)| (qi, c)).collect();
    let mut columns = vec![Vec::with_capacity(s); p];
    for a in &scored.attempts {
        for q in &a.questions {
            if let Some(col) = column.get(&q.index).and_then(|&c| columns.get_mut(c)) {
                col.push(q.score);
            }
        }
    }
    let sum_var: f64 = columns.iter().filter_map(|x| covariance(x, x)).sum();
    let p = p as f64;
    let alpha = p / (p - 1.0) * (1.0 - sum_var / k2);
    let error_ratio = 100.0 * (1.0 - alpha).max(0.0).sqrt();
    Ok(Reliability {
        alpha: Some(alpha),
        error_ratio: Some(error_ratio),
        standard_error: sd_percent.map(|sd| error_ratio * sd / 100.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_parse_in_bank_letters_with_blanks() {
        assert_eq!(
            parse_answers("nd61-hieu-luc:B;nq30c-6:AC;q7:-"),
            vec![
                ("nd61-hieu-luc", vec![1]),
                ("nq30c-6", vec![0, 2]),
                ("q7", vec![])
            ]
        );
        assert_eq!(parse_answers(""), vec![]);
        assert_eq!(parse_answers("garbage;q1:ca"), vec![("q1", vec![0, 2])]);
    }

    #[test]
    fn flags_follow_the_documented_thresholds() {
        assert_eq!(
            flags(Some(50.0), Some(-0.1), Some(40.0)).0,
            vec![Flag::NegativeDiscrimination, Flag::Dubious]
        );
        assert_eq!(
            flags(Some(50.0), Some(0.19), Some(40.0)).0,
            vec![Flag::LowDiscrimination]
        );
        assert_eq!(flags(Some(50.0), Some(0.2), Some(15.0)).0, vec![]);
        assert_eq!(
            flags(Some(50.0), Some(0.3), Some(14.9)).0,
            vec![Flag::Dubious]
        );
        assert_eq!(flags(Some(19.9), None, None).0, vec![Flag::TooHard]);
        assert_eq!(flags(Some(20.0), None, None).0, vec![]);
        assert_eq!(flags(Some(95.1), Some(0.5), None).0, vec![Flag::TooEasy]);
        assert_eq!(flags(Some(95.0), Some(0.5), None).0, vec![]);
    }

    #[test]
    fn correlation_is_none_without_variance() {
        assert_eq!(correlation(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(correlation(&[1.0], &[2.0]), None);
        let r = correlation(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]).unwrap_or_default();
        assert!((r - 1.0).abs() < 1e-12);
    }
}
