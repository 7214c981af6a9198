//! Who may join a room: the room password, and how wrong tries are slowed.

use std::time::Duration;

use rand::RngExt;

/// Password tries allowed on one connection before it is closed.
pub const MAX_TRIES: u32 = 6;

/// The room's password, or none with `--open`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Members type this (6 digits, shown on the trainer's screen).
    Password(String),
    /// Anyone on the network may join (`--open`).
    Open,
}

impl Access {
    /// A new room password: 6 random digits, easy to read out and to type.
    pub fn generate() -> Access {
        let n: u32 = rand::rng().random_range(0..1_000_000);
        Access::Password(format!("{n:06}"))
    }

    /// Whether `typed` lets the member in. Spaces around it are forgiven
    /// (members copy it from a projector); the comparison takes the same
    /// time wherever the first wrong digit is.
    pub fn admits(&self, typed: &str) -> bool {
        match self {
            Access::Open => true,
            Access::Password(p) => {
                let typed = typed.trim().as_bytes();
                let p = p.as_bytes();
                typed.len() == p.len()
                    && typed.iter().zip(p).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
            }
        }
    }
}

/// The wait before answering the `n`th wrong try on a connection (1, 2, 4,
/// then 8 s): a person who mistyped waits a moment, a program guessing the
/// million passwords waits for ever.
pub fn delay_after(wrong_tries: u32) -> Duration {
    let exp = wrong_tries.saturating_sub(1).min(3);
    Duration::from_secs(1 << exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_password_is_six_digits() {
        for _ in 0..100 {
            let Access::Password(p) = Access::generate() else {
                panic!("generate gave an open room");
            };
            assert_eq!(p.len(), 6);
            assert!(p.chars().all(|c| c.is_ascii_digit()), "{p}");
        }
    }

    #[test]
    fn only_the_password_admits() {
        let a = Access::Password("042917".to_owned());
        assert!(a.admits("042917"));
        assert!(a.admits(" 042917\n"));
        assert!(!a.admits("042918"));
        assert!(!a.admits("42917"));
        assert!(!a.admits("0429170"));
        assert!(!a.admits(""));
        assert!(Access::Open.admits("anything"));
    }

    #[test]
    fn wrong_tries_wait_longer_each_time_up_to_eight_seconds() {
        let waits: Vec<u64> = (1..=6).map(|n| delay_after(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8]);
    }
}
