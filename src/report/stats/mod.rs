//! The report's figures, computed from rows of the results file (and, for
//! question statistics, the bank; for participation, the roster).
//!
//! Everything here is pure: no file, no terminal, no clock. Each view is a
//! list of `#[derive(Serialize)]` lines, so CSV and JSON come from serde and
//! the table and the workbook are drawn from the same values.
//!
//! Decisions, so that every figure can be checked by hand:
//! - **A member** is one person at one bank. Two rows belong to the same
//!   member when the NFC-normalised, lower-cased, space-collapsed name, code
//!   and unit are equal (diacritics count: "Lan" and "Lân" are two people).
//! - **Which attempt counts** ([`AttemptPick`]): the first or last by
//!   `finished_at` (rows whose time does not parse come after the others, in
//!   file order), or the best (highest percent, then least time, then first).
//!   Every view uses the counted attempt only.
//! - **Ranks** are competition ranks ("1, 2, 2, 4"): members by percent
//!   (high first) then time used (short first); units by mean percent then
//!   pass rate. Equal keys share a rank. Ranks are per bank.
//! - **Units** are reported per bank; a unit is matched to the roster by its
//!   normalised name or code. Roster units without participants are listed
//!   (participation 0 %) without a rank.
//! - **Spread**: the standard deviation is the sample one (n − 1); medians
//!   of an even count are the mean of the two middle values.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::{Serialize, Serializer};

use crate::bank::Bank;
use crate::results::ResultRow;
use crate::roster::Roster;

/// Which attempt of a member counts when they took a bank several times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AttemptPick {
    /// The first by `finished_at`, as in a real test (the default).
    #[default]
    First,
    /// The best: highest percent, then least time, then first.
    Best,
    /// The most recent by `finished_at`.
    Last,
}

/// Rows with the same `attempt_id` (a file given twice, copies from several
/// computers) count once: the first is kept. Returns the rows left and the
/// number dropped.
pub fn dedupe(mut rows: Vec<ResultRow>) -> (Vec<ResultRow>, usize) {
    // Which rows repeat an earlier id, found with borrowed ids (no copy of
    // 100,000 of them); then the list is thinned in place.
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(rows.len());
        rows.iter()
            .map(|r| seen.insert(r.attempt_id.as_str()))
            .collect()
    };
    let before = rows.len();
    let mut keep = keep.into_iter();
    rows.retain(|_| keep.next().unwrap_or(true));
    let dropped = before - rows.len();
    (rows, dropped)
}

/// The form of a name, code or unit used to tell people and units apart:
/// NFC, lower case, surrounding spaces trimmed and inner runs collapsed.
pub fn identity(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    identity_into(&mut out, s);
    out
}

/// Appends [`identity`] of `s` to `out` (one buffer for a whole key: this
/// runs for every row of a results file).
fn identity_into(out: &mut String, s: &str) {
    let composed;
    let s = if unicode_normalization::is_nfc(s) {
        s
    } else {
        composed = crate::text::nfc(s);
        &composed
    };
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
}

/// Numbers for the banks and units of a results file, so that a member's
/// key holds two small numbers instead of the bank's id and the unit's
/// name: each spelling of a unit is normalised once (a province has 87
/// units and 100,000 rows), and the keys hashed and compared are short.
#[derive(Default)]
struct KeyParts<'r> {
    banks: HashMap<&'r str, usize>,
    /// The unit's number of each spelling as typed.
    spellings: HashMap<&'r str, usize>,
    /// The unit's number of each identity.
    units: HashMap<String, usize>,
}

impl<'r> KeyParts<'r> {
    /// The key of a member at a bank: the bank's and the unit's numbers,
    /// then the identity of name and code, separated by a character no
    /// typed field holds.
    fn member_key(&mut self, row: &'r ResultRow) -> String {
        let next = self.banks.len();
        let bank = *self.banks.entry(row.bank_id.as_str()).or_insert(next);
        let unit = match self.spellings.get(row.unit.as_str()) {
            Some(&u) => u,
            None => {
                let next = self.units.len();
                let u = *self.units.entry(identity(&row.unit)).or_insert(next);
                self.spellings.insert(row.unit.as_str(), u);
                u
            }
        };
        let mut key = String::with_capacity(row.member_name.len() + row.member_code.len() + 12);
        let _ = write!(key, "{bank}\u{1f}{unit}\u{1f}");
        identity_into(&mut key, &row.member_name);
        key.push('\u{1f}');
        identity_into(&mut key, &row.member_code);
        key
    }
}

/// One member's counted attempt at one bank.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a> {
    /// The attempt that counts.
    pub row: &'a ResultRow,
    /// How many attempts the member made at this bank.
    pub attempts: u32,
}

fn finished_key(row: &ResultRow) -> Option<jiff::Timestamp> {
    row.finished_at.trim().parse::<jiff::Timestamp>().ok()
}

/// Orders attempts by time; attempts whose time does not parse come last.
fn by_time(a: &(Option<jiff::Timestamp>, usize), b: &(Option<jiff::Timestamp>, usize)) -> Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.1.cmp(&b.1)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    }
}

/// Picks one attempt per member and bank, in first-seen order.
pub fn counted_attempts(rows: &[ResultRow], pick: AttemptPick) -> Vec<Counted<'_>> {
    let mut groups: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    let mut parts = KeyParts::default();
    // Each member's rows; the Vec only allocates for a second attempt.
    let mut members: Vec<(usize, Vec<usize>)> = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let next = members.len();
        let g = *groups.entry(parts.member_key(row)).or_insert(next);
        if g == next {
            members.push((i, Vec::new()));
        } else if let Some(m) = members.get_mut(g) {
            m.1.push(i);
        }
    }
    members
        .iter()
        .filter_map(|(first, more)| {
            let chosen = if more.is_empty() {
                Some(*first)
            } else {
                let idx: Vec<usize> = std::iter::once(*first)
                    .chain(more.iter().copied())
                    .collect();
                let timed: Vec<(Option<jiff::Timestamp>, usize)> = idx
                    .iter()
                    .filter_map(|&i| rows.get(i).map(|r| (finished_key(r), i)))
                    .collect();
                match pick {
                    AttemptPick::First => timed.iter().min_by(|a, b| by_time(a, b)).map(|t| t.1),
                    AttemptPick::Last => timed.iter().max_by(|a, b| by_time(a, b)).map(|t| t.1),
                    AttemptPick::Best => timed
                        .iter()
                        .filter_map(|t| Some((t, rows.get(t.1)?)))
                        .min_by(|(a, ra), (b, rb)| {
                            rb.percent
                                .total_cmp(&ra.percent)
                                .then(ra.duration_s.cmp(&rb.duration_s))
                                .then_with(|| by_time(a, b))
                        })
                        .map(|(t, _)| t.1),
                }
            };
            let row = rows.get(chosen?)?;
            Some(Counted {
                row,
                attempts: u32::try_from(more.len() + 1).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// Competition ranks ("1, 2, 2, 4") of items already sorted by `cmp`.
fn competition_ranks<T>(sorted: &[T], cmp: impl Fn(&T, &T) -> Ordering) -> Vec<u32> {
    let mut ranks: Vec<u32> = Vec::with_capacity(sorted.len());
    for (i, item) in sorted.iter().enumerate() {
        let tied = i
            .checked_sub(1)
            .and_then(|p| sorted.get(p))
            .is_some_and(|prev| cmp(prev, item) == Ordering::Equal);
        let rank = match (tied, ranks.last()) {
            (true, Some(&r)) => r,
            _ => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        ranks.push(rank);
    }
    ranks
}

fn round_to(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

fn ser_1<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*v, 1))
}

fn ser_opt_1<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&round_to(*v, 1)),
        None => s.serialize_none(),
    }
}

fn ser_opt_3<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&round_to(*v, 3)),
        None => s.serialize_none(),
    }
}

fn ser_points<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*v, 2))
}

/// `--by member`: one line per member and bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberLine {
    /// The bank's id.
    pub bank: String,
    /// Competition rank within the bank.
    pub rank: u32,
    /// The name, as typed in the counted attempt.
    pub name: String,
    /// The member code, empty when none.
    pub code: String,
    /// The unit, as typed.
    pub unit: String,
    /// Points scored.
    #[serde(serialize_with = "ser_points")]
    pub score: f64,
    /// Points available.
    #[serde(serialize_with = "ser_points")]
    pub max_score: f64,
    /// Percent, one decimal.
    #[serde(serialize_with = "ser_1")]
    pub percent: f64,
    /// Whether the counted attempt passed.
    pub passed: bool,
    /// Seconds used.
    pub time_used_s: u64,
    /// Attempts the member made at this bank.
    pub attempts: u32,
    /// The counted attempt's id.
    pub attempt_id: String,
}

fn member_order(a: &Counted<'_>, b: &Counted<'_>) -> Ordering {
    b.row
        .percent
        .total_cmp(&a.row.percent)
        .then(a.row.duration_s.cmp(&b.row.duration_s))
}

/// Groups counted attempts by bank id, in bank id order.
fn by_bank<'r>(counted: &[Counted<'r>]) -> BTreeMap<&'r str, Vec<Counted<'r>>> {
    let mut banks: BTreeMap<&str, Vec<Counted<'_>>> = BTreeMap::new();
    for c in counted {
        banks.entry(c.row.bank_id.as_str()).or_default().push(*c);
    }
    banks
}

/// The member view: per bank (in id order), members by rank, ties by name.
pub fn member_lines(counted: &[Counted<'_>]) -> Vec<MemberLine> {
    let mut out = Vec::with_capacity(counted.len());
    for (bank, mut list) in by_bank(counted) {
        // Ties are listed by name; the names' identities are computed once.
        let mut keyed: Vec<(String, Counted<'_>)> = list
            .drain(..)
            .map(|c| (identity(&c.row.member_name), c))
            .collect();
        keyed.sort_by(|(na, a), (nb, b)| member_order(a, b).then_with(|| na.cmp(nb)));
        list.extend(keyed.into_iter().map(|(_, c)| c));
        let ranks = competition_ranks(&list, member_order);
        for (c, rank) in list.iter().zip(ranks) {
            let r = c.row;
            out.push(MemberLine {
                bank: bank.to_owned(),
                rank,
                name: r.member_name.clone(),
                code: r.member_code.clone(),
                unit: r.unit.clone(),
                score: r.score,
                max_score: r.max_score,
                percent: r.percent,
                passed: r.passed,
                time_used_s: r.duration_s,
                attempts: c.attempts,
                attempt_id: r.attempt_id.clone(),
            });
        }
    }
    out
}

/// `--by unit`: one line per unit and bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitLine {
    /// The bank's id.
    pub bank: String,
    /// Rank within the bank; `None` for a roster unit with no participant.
    pub rank: Option<u32>,
    /// The unit's name (the roster's spelling when it matched).
    pub unit: String,
    /// Members of the unit with a counted attempt.
    pub participants: u32,
    /// Head count from the roster.
    pub members: Option<u32>,
    /// participants ÷ members, in percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub participation: Option<f64>,
    /// Mean of the counted percents.
    #[serde(serialize_with = "ser_opt_1")]
    pub mean_percent: Option<f64>,
    /// Median of the counted percents.
    #[serde(serialize_with = "ser_opt_1")]
    pub median_percent: Option<f64>,
    /// Passed ÷ participants, in percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub pass_rate: Option<f64>,
}

/// The mean, or `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(values.iter().sum::<f64>() / values.len() as f64)
}

/// The median (mean of the two middle values for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => v.get(n / 2).copied(),
        _ => Some((v.get(n / 2 - 1)? + v.get(n / 2)?) / 2.0),
    }
}

/// The sample standard deviation (n − 1), `None` under two values.
pub fn std_dev(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    let ss: f64 = values.iter().map(|v| (v - m).powi(2)).sum();
    Some((ss / (values.len() - 1) as f64).sqrt())
}

fn percent_of(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

fn unit_order(a: &UnitLine, b: &UnitLine) -> Ordering {
    let key = |u: &UnitLine| {
        (
            u.mean_percent.unwrap_or(f64::NEG_INFINITY),
            u.pass_rate.unwrap_or(f64::NEG_INFINITY),
        )
    };
    let (ka, kb) = (key(a), key(b));
    kb.0.total_cmp(&ka.0).then(kb.1.total_cmp(&ka.1))
}

/// The unit view: per bank, units by rank; roster units without a
/// participant last, in roster order.
pub fn unit_lines(counted: &[Counted<'_>], roster: Option<&Roster>) -> Vec<UnitLine> {
    // Roster units by normalised name and by code.
    let mut roster_index: HashMap<String, usize> = HashMap::new();
    if let Some(roster) = roster {
        for (i, u) in roster.units.iter().enumerate() {
            roster_index.entry(identity(&u.name)).or_insert(i);
            if let Some(code) = &u.code {
                roster_index.entry(identity(code)).or_insert(i);
            }
        }
    }
    let mut out = Vec::new();
    for (bank, list) in by_bank(counted) {
        // Group key: the roster unit when matched, else the typed name.
        let mut groups: Vec<(String, Option<usize>, Vec<&ResultRow>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        // The group of each spelling as typed, so that each is normalised
        // and matched once, not once per member.
        let mut typed: HashMap<&str, usize> = HashMap::new();
        for c in &list {
            if let Some(group) = typed
                .get(c.row.unit.as_str())
                .and_then(|&g| groups.get_mut(g))
            {
                group.2.push(c.row);
                continue;
            }
            let id = identity(&c.row.unit);
            let roster_unit = roster_index.get(&id).copied();
            let key = match roster_unit {
                Some(i) => format!("\u{0}{i}"),
                None => id,
            };
            let next = groups.len();
            let g = *index.entry(key).or_insert(next);
            if g == next {
                let name = roster
                    .zip(roster_unit)
                    .and_then(|(r, i)| r.units.get(i))
                    .map_or_else(
                        || c.row.unit.split_whitespace().collect::<Vec<_>>().join(" "),
                        |u| u.name.clone(),
                    );
                groups.push((name, roster_unit, Vec::new()));
            }
            typed.insert(c.row.unit.as_str(), g);
            if let Some(group) = groups.get_mut(g) {
                group.2.push(c.row);
            }
        }
        let mut lines: Vec<UnitLine> = groups
            .iter()
            .map(|(name, roster_unit, rows)| {
                let percents: Vec<f64> = rows.iter().map(|r| r.percent).collect();
                let passed = rows.iter().filter(|r| r.passed).count();
                let members = roster
                    .zip(*roster_unit)
                    .and_then(|(r, i)| r.units.get(i))
                    .and_then(|u| u.members);
                UnitLine {
                    bank: bank.to_owned(),
                    rank: None,
                    unit: name.clone(),
                    participants: u32::try_from(rows.len()).unwrap_or(u32::MAX),
                    members,
                    participation: members.and_then(|m| percent_of(rows.len(), m as usize)),
                    mean_percent: mean(&percents),
                    median_percent: median(&percents),
                    pass_rate: percent_of(passed, rows.len()),
                }
            })
            .collect();
        lines.sort_by(|a, b| {
            unit_order(a, b).then_with(|| identity(&a.unit).cmp(&identity(&b.unit)))
        });
        let ranks = competition_ranks(&lines, unit_order);
        for (line, rank) in lines.iter_mut().zip(ranks) {
            line.rank = Some(rank);
        }
        if let Some(roster) = roster {
            let present: BTreeSet<usize> = groups.iter().filter_map(|g| g.1).collect();
            for (i, u) in roster.units.iter().enumerate() {
                if present.contains(&i) {
                    continue;
                }
                lines.push(UnitLine {
                    bank: bank.to_owned(),
                    rank: None,
                    unit: u.name.clone(),
                    participants: 0,
                    members: u.members,
                    participation: u.members.and_then(|m| percent_of(0, m as usize)),
                    mean_percent: None,
                    median_percent: None,
                    pass_rate: None,
                });
            }
        }
        out.extend(lines);
    }
    out
}

/// The number of 10-point bins of a histogram of percents.
pub const BINS: usize = 10;

/// The bin of a percent: 0–9.9 → 0 … 90–100 → 9 (100 goes in the last bin;
/// values outside 0–100 go in the nearest end bin).
pub fn bin_of(percent: f64) -> usize {
    if percent.is_nan() || percent < 10.0 {
        return 0;
    }
    // Truncation is the point: 19.9 → 1. The cast saturates for huge values.
    ((percent / 10.0) as usize).min(BINS - 1)
}

/// Counts of percents per 10-point bin.
pub fn histogram(percents: impl IntoIterator<Item = f64>) -> [u32; BINS] {
    let mut bins = [0u32; BINS];
    for p in percents {
        if let Some(b) = bins.get_mut(bin_of(p)) {
            *b = b.saturating_add(1);
        }
    }
    bins
}

/// `--by bank`: one line per bank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BankLine {
    /// The bank's id.
    pub bank: String,
    /// The bank's title (from the rows).
    pub title: String,
    /// Every distinct attempt at the bank, counted or not.
    pub attempts: u32,
    /// Members, i.e. counted attempts, that the figures below describe.
    pub members: u32,
    /// Mean percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub mean_percent: Option<f64>,
    /// Median percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub median_percent: Option<f64>,
    /// Sample standard deviation (n − 1) of the percents.
    #[serde(serialize_with = "ser_opt_1")]
    pub std_dev: Option<f64>,
    /// Passed ÷ members, in percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub pass_rate: Option<f64>,
    /// Cronbach's α, the coefficient of internal consistency (0–1).
    #[serde(serialize_with = "ser_opt_3")]
    pub alpha: Option<f64>,
    /// Why there is no α, when there is none.
    pub no_alpha: Option<NoAlpha>,
    /// Error ratio, in percent.
    #[serde(serialize_with = "ser_opt_1")]
    pub error_ratio: Option<f64>,
    /// Standard error, in percentage points.
    #[serde(serialize_with = "ser_opt_1")]
    pub standard_error: Option<f64>,
    /// Skewness of the percents (3 members or more).
    #[serde(serialize_with = "ser_opt_3")]
    pub skewness: Option<f64>,
    /// Excess kurtosis of the percents (4 members or more).
    #[serde(serialize_with = "ser_opt_3")]
    pub kurtosis: Option<f64>,
    /// Fewer than [`FEW_ATTEMPTS`] members: too few to judge the test by.
    pub too_few: bool,
    /// Members with a percent in 0–9.9.
    #[serde(rename = "bin_0_9")]
    pub bin0: u32,
    /// 10–19.9.
    #[serde(rename = "bin_10_19")]
    pub bin1: u32,
    /// 20–29.9.
    #[serde(rename = "bin_20_29")]
    pub bin2: u32,
    /// 30–39.9.
    #[serde(rename = "bin_30_39")]
    pub bin3: u32,
    /// 40–49.9.
    #[serde(rename = "bin_40_49")]
    pub bin4: u32,
    /// 50–59.9.
    #[serde(rename = "bin_50_59")]
    pub bin5: u32,
    /// 60–69.9.
    #[serde(rename = "bin_60_69")]
    pub bin6: u32,
    /// 70–79.9.
    #[serde(rename = "bin_70_79")]
    pub bin7: u32,
    /// 80–89.9.
    #[serde(rename = "bin_80_89")]
    pub bin8: u32,
    /// 90–100.
    #[serde(rename = "bin_90_100")]
    pub bin9: u32,
}

impl BankLine {
    /// The histogram's bins, low to high.
    pub fn bins(&self) -> [u32; BINS] {
        [
            self.bin0, self.bin1, self.bin2, self.bin3, self.bin4, self.bin5, self.bin6, self.bin7,
            self.bin8, self.bin9,
        ]
    }
}

/// The bank view, in bank id order. `rows` are all distinct attempts (for
/// the attempt count), `counted` the counted ones; `banks` the bank files
/// found, for the reliability figures.
pub fn bank_lines(rows: &[ResultRow], counted: &[Counted<'_>], banks: &[Bank]) -> Vec<BankLine> {
    let mut all: HashMap<&str, u32> = HashMap::new();
    for r in rows {
        *all.entry(r.bank_id.as_str()).or_default() += 1;
    }
    by_bank(counted)
        .into_iter()
        .map(|(bank, list)| {
            let percents: Vec<f64> = list.iter().map(|c| c.row.percent).collect();
            let passed = list.iter().filter(|c| c.row.passed).count();
            let [bin0, bin1, bin2, bin3, bin4, bin5, bin6, bin7, bin8, bin9] =
                histogram(percents.iter().copied());
            let sd = std_dev(&percents);
            let reliability = banks
                .iter()
                .find(|b| b.id == bank)
                .ok_or(NoAlpha::NoBank)
                .and_then(|b| reliability(b, &list, sd));
            let (reliability, no_alpha) = match reliability {
                Ok(r) => (r, None),
                Err(why) => (Reliability::default(), Some(why)),
            };
            BankLine {
                bank: bank.to_owned(),
                title: list
                    .first()
                    .map(|c| c.row.bank_title.clone())
                    .unwrap_or_default(),
                attempts: all.get(bank).copied().unwrap_or(0),
                members: u32::try_from(list.len()).unwrap_or(u32::MAX),
                mean_percent: mean(&percents),
                median_percent: median(&percents),
                std_dev: sd,
                pass_rate: percent_of(passed, list.len()),
                alpha: reliability.alpha,
                no_alpha,
                error_ratio: reliability.error_ratio,
                standard_error: reliability.standard_error,
                skewness: skewness(&percents),
                kurtosis: kurtosis(&percents),
                too_few: list.len() < FEW_ATTEMPTS,
                bin0,
                bin1,
                bin2,
                bin3,
                bin4,
                bin5,
                bin6,
                bin7,
                bin8,
                bin9,
            }
        })
        .collect()
}

mod questions;
pub use questions::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Question, Scoring};

    fn question(answer: Vec<usize>, points: f64) -> Question {
        Question {
            id: "q".into(),
            topic: None,
            text: "?".into(),
            choices: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            answer,
            shuffle_choices: None,
            points,
            explanation: None,
            source: None,
        }
    }

    #[test]
    fn all_or_nothing_needs_exactly_the_right_set() {
        let q = question(vec![0, 2], 2.0);
        assert_eq!(q.score(&[0, 2], Scoring::AllOrNothing), 2.0);
        assert_eq!(q.score(&[0], Scoring::AllOrNothing), 0.0);
        assert_eq!(q.score(&[0, 1, 2], Scoring::AllOrNothing), 0.0);
        assert_eq!(q.score(&[], Scoring::AllOrNothing), 0.0);
    }

    #[test]
    fn partial_subtracts_wrong_choices_and_never_goes_negative() {
        let q = question(vec![0, 2], 2.0);
        assert_eq!(q.score(&[0], Scoring::Partial), 1.0);
        assert_eq!(q.score(&[0, 2], Scoring::Partial), 2.0);
        assert_eq!(q.score(&[0, 1], Scoring::Partial), 0.0);
        assert_eq!(q.score(&[1, 3], Scoring::Partial), 0.0);
        assert_eq!(q.score(&[0, 1, 2], Scoring::Partial), 1.0);
    }

    #[test]
    fn competition_ranking_shares_ties_and_skips() {
        let v = [90, 80, 80, 70, 70, 70, 10];
        assert_eq!(
            competition_ranks(&v, |a, b| b.cmp(a)),
            vec![1, 2, 2, 4, 4, 4, 7]
        );
        assert_eq!(
            competition_ranks::<i32>(&[], |a, b| a.cmp(b)),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn bins_put_100_in_the_last_bin() {
        assert_eq!(bin_of(0.0), 0);
        assert_eq!(bin_of(9.9), 0);
        assert_eq!(bin_of(10.0), 1);
        assert_eq!(bin_of(89.9), 8);
        assert_eq!(bin_of(90.0), 9);
        assert_eq!(bin_of(100.0), 9);
        assert_eq!(bin_of(-5.0), 0);
        assert_eq!(bin_of(f64::NAN), 0);
        assert_eq!(bin_of(1e300), 9);
    }

    #[test]
    fn spread_uses_n_minus_1() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares sum 32, 32 / 7.
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&v), Some(5.0));
        assert_eq!(median(&v), Some(4.5));
        let sd = std_dev(&v).unwrap_or_default();
        assert!((sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        assert_eq!(std_dev(&[3.0]), None);
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn identity_ignores_case_spacing_and_normal_form() {
        assert_eq!(identity("  Nguyễn   Văn AN "), identity("nguyễn văn an"));
        // "Lê" typed decomposed: e + combining circumflex.
        assert_eq!(identity("Le\u{0302} Va\u{0306}n"), identity("lê văn"));
        assert_ne!(identity("Lan"), identity("Lân"));
    }
}
