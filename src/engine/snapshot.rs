//! An attempt saved and resumed: the [`Snapshot`] the autosave writes, and
//! the checks a resume makes against the bank.

use super::*;

impl Attempt {
    /// The state to autosave: enough to resume the attempt exactly, with the
    /// time used as of `now`.
    pub fn snapshot(&self, now: Instant) -> Snapshot {
        let mut question_used: Vec<Duration> = self.question_used_before.clone();
        if let Some(slot) = question_used.get_mut(self.current) {
            *slot = self.question_used(now);
        }
        Snapshot {
            version: SNAPSHOT_VERSION,
            attempt_id: self.attempt_id.clone(),
            bank_id: self.bank_id.clone(),
            bank_sha256: self.bank_sha256.clone(),
            seed: self.plan.seed,
            questions: self.plan.questions.clone(),
            time_limit_ms: self.plan.time_limit.map(millis),
            question_time_limit_ms: self.plan.question_time_limit.map(millis),
            member: self.member.clone(),
            answers: self.answers.iter().map(|a| a.iter().collect()).collect(),
            flags: self.flags.clone(),
            locks: self.locks.clone(),
            current: self.current,
            used_ms: millis(self.used(now)),
            question_used_ms: question_used.into_iter().map(millis).collect(),
            finish: self.finish.map(|f| SnapshotFinish {
                timed_out: f.timed_out,
                duration_ms: millis(f.duration),
            }),
        }
    }

    /// The state to autosave, as [`Attempt::snapshot`] encodes it, but
    /// borrowed from the attempt: a whole save needs no copy of every
    /// question's draw and answers (about 100 KB at 1,000 questions).
    pub fn snapshot_view(&self, now: Instant) -> SnapshotView<'_> {
        SnapshotView {
            attempt: self,
            used_ms: millis(self.used(now)),
            current_used_ms: millis(self.question_used(now)),
        }
    }

    /// Rebuilds an attempt from its autosave. The clock goes on from the
    /// time used at the save; time since then is not counted.
    pub fn resume(bank: &Bank, snap: Snapshot, now: Instant) -> Result<Attempt, ResumeError> {
        if snap.version != SNAPSHOT_VERSION {
            return Err(ResumeError::Version(snap.version));
        }
        if snap.bank_id != bank.id || snap.bank_sha256 != bank.sha256 {
            return Err(ResumeError::BankChanged);
        }
        let n = snap.questions.len();
        if snap.answers.len() != n
            || snap.flags.len() != n
            || snap.locks.len() != n
            || snap.question_used_ms.len() != n
            || (n > 0 && snap.current >= n)
        {
            return Err(ResumeError::Inconsistent);
        }
        for (drawn, answer) in snap.questions.iter().zip(&snap.answers) {
            let q = bank
                .questions
                .get(drawn.index)
                .ok_or(ResumeError::Inconsistent)?;
            let mut seen = drawn.order.to_vec();
            seen.sort_unstable();
            if seen != (0..q.choices.len()).collect::<Vec<_>>()
                || answer.iter().any(|&c| c >= q.choices.len())
            {
                return Err(ResumeError::Inconsistent);
            }
        }
        let plan = AttemptPlan {
            seed: snap.seed,
            questions: snap.questions,
            time_limit: snap.time_limit_ms.map(Duration::from_millis),
            question_time_limit: snap.question_time_limit_ms.map(Duration::from_millis),
        };
        let mut attempt = Attempt::start(bank, plan, snap.member, snap.attempt_id, now);
        attempt.answers = snap
            .answers
            .into_iter()
            .map(|a| a.into_iter().collect())
            .collect();
        attempt.flags = snap.flags;
        attempt.locks = snap.locks;
        attempt.current = snap.current;
        attempt.used_before = Duration::from_millis(snap.used_ms);
        attempt.question_used_before = snap
            .question_used_ms
            .into_iter()
            .map(Duration::from_millis)
            .collect();
        attempt.finish = snap.finish.map(|f| Finish {
            timed_out: f.timed_out,
            duration: Duration::from_millis(f.duration_ms),
        });
        Ok(attempt)
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The version of the [`Snapshot`] layout.
pub const SNAPSHOT_VERSION: u32 = 1;

/// An attempt's state as saved to disk (issue 4's autosave), in JSON-friendly
/// units (milliseconds). The draw is stored, not just the seed, so that a
/// resume never depends on the command-line overrides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// [`SNAPSHOT_VERSION`] at the time of saving.
    pub version: u32,
    /// The attempt's id.
    pub attempt_id: String,
    /// The bank's id.
    pub bank_id: String,
    /// The bank's SHA-256; a changed bank cannot be resumed.
    pub bank_sha256: String,
    /// The seed of the draw.
    pub seed: u64,
    /// The draw.
    pub questions: Vec<DrawnQuestion>,
    /// The attempt's limit.
    pub time_limit_ms: Option<u64>,
    /// The per-question limit.
    pub question_time_limit_ms: Option<u64>,
    /// Who takes it.
    pub member: Member,
    /// Chosen bank choice indices per question.
    pub answers: Vec<Vec<usize>>,
    /// Flags per question.
    pub flags: Vec<bool>,
    /// Locks per question.
    pub locks: Vec<QuestionLock>,
    /// The current question.
    pub current: usize,
    /// Time used as of the save.
    pub used_ms: u64,
    /// Time each question was current, as of the save.
    pub question_used_ms: Vec<u64>,
    /// Set when the attempt was finished but its row not yet written.
    pub finish: Option<SnapshotFinish>,
}

/// An attempt's [`Snapshot`] as of one moment, borrowed from the attempt;
/// it serializes to the same bytes as the snapshot.
#[derive(Debug)]
pub struct SnapshotView<'a> {
    attempt: &'a Attempt,
    used_ms: u64,
    /// The time the current question was current, as of the moment.
    current_used_ms: u64,
}

impl Serialize for SnapshotView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// A sequence serialized from an iterator, as the `Vec` it would
        /// make.
        struct Seq<F>(F);
        impl<I, F> Serialize for Seq<F>
        where
            F: Fn() -> I,
            I: IntoIterator<Item: Serialize>,
        {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq((self.0)())
            }
        }
        let a = self.attempt;
        // The fields of `Snapshot`, in its order.
        let mut out = serializer.serialize_struct("Snapshot", 15)?;
        out.serialize_field("version", &SNAPSHOT_VERSION)?;
        out.serialize_field("attempt_id", &a.attempt_id)?;
        out.serialize_field("bank_id", &a.bank_id)?;
        out.serialize_field("bank_sha256", &a.bank_sha256)?;
        out.serialize_field("seed", &a.plan.seed)?;
        out.serialize_field("questions", &a.plan.questions)?;
        out.serialize_field("time_limit_ms", &a.plan.time_limit.map(millis))?;
        out.serialize_field(
            "question_time_limit_ms",
            &a.plan.question_time_limit.map(millis),
        )?;
        out.serialize_field("member", &a.member)?;
        out.serialize_field("answers", &a.answers)?;
        out.serialize_field("flags", &a.flags)?;
        out.serialize_field("locks", &a.locks)?;
        out.serialize_field("current", &a.current)?;
        out.serialize_field("used_ms", &self.used_ms)?;
        let used = Seq(|| {
            a.question_used_before.iter().enumerate().map(|(i, &d)| {
                if i == a.current {
                    self.current_used_ms
                } else {
                    millis(d)
                }
            })
        });
        out.serialize_field("question_used_ms", &used)?;
        let finish = a.finish.map(|f| SnapshotFinish {
            timed_out: f.timed_out,
            duration_ms: millis(f.duration),
        });
        out.serialize_field("finish", &finish)?;
        out.end()
    }
}

/// How a saved attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotFinish {
    /// Submitted by the deadline.
    pub timed_out: bool,
    /// Time used.
    pub duration_ms: u64,
}

/// Why an autosave cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    /// Written by another layout version.
    #[error("autosave layout version {0} is not supported")]
    Version(u32),
    /// The bank file changed (or is another bank) since the attempt began.
    #[error("the bank has changed since the attempt began")]
    BankChanged,
    /// The saved state does not fit the bank.
    #[error("the autosave does not match the bank")]
    Inconsistent,
}
