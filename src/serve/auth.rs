//! Who may join a room: the room password, and how wrong tries are slowed,
//! per connection and per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Addresses remembered at most (the oldest is forgotten first): a bound
/// on the memory a crowd of guessers can take.
const ADDRESSES: usize = 4096;

/// An address is forgiven its wrong tries after this long without one.
const FORGIVE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Wrong passwords by address, over all its connections: a stranger who
/// opens a new connection for every guess, or many at once, is slowed as
/// much as one who guesses on one connection. Every try from an address
/// that guessed wrong waits its turn, one after another, each turn as long
/// as [`delay_after`] its wrong tries; a right password clears them.
#[derive(Debug, Default)]
pub struct Guesses {
    by_address: Mutex<HashMap<IpAddr, Tally>>,
}

#[derive(Debug, Clone, Copy)]
struct Tally {
    wrong: u32,
    /// When the next try from the address may be checked.
    next_turn: Instant,
    /// The last wrong try.
    last: Instant,
}

impl Guesses {
    /// No wrong tries yet.
    pub fn new() -> Guesses {
        Guesses::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Tally>> {
        self.by_address.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// When a try from `address`, made at `now`, may be checked: at once
    /// for an address with no wrong tries; otherwise at its turn, the
    /// tries that come meanwhile queued after it.
    pub fn turn(&self, address: IpAddr, now: Instant) -> Instant {
        let mut map = self.lock();
        let Some(t) = map.get_mut(&address) else {
            return now;
        };
        if now.saturating_duration_since(t.last) >= FORGIVE_AFTER {
            map.remove(&address);
            return now;
        }
        let at = t.next_turn.max(now);
        t.next_turn = at + delay_after(t.wrong);
        at
    }

    /// A wrong try from `address` at `now`; returns the address's wrong
    /// tries so far.
    pub fn wrong(&self, address: IpAddr, now: Instant) -> u32 {
        let mut map = self.lock();
        if map.len() >= ADDRESSES && !map.contains_key(&address) {
            let oldest = map.iter().min_by_key(|(_, t)| t.last).map(|(a, _)| *a);
            if let Some(a) = oldest {
                map.remove(&a);
            }
        }
        let t = map.entry(address).or_insert(Tally {
            wrong: 0,
            next_turn: now,
            last: now,
        });
        if now.saturating_duration_since(t.last) >= FORGIVE_AFTER {
            t.wrong = 0;
        }
        t.wrong += 1;
        t.last = now;
        t.next_turn = t.next_turn.max(now + delay_after(t.wrong));
        t.wrong
    }

    /// The right password came from `address`: its wrong tries are
    /// forgotten.
    pub fn right(&self, address: IpAddr) {
        self.lock().remove(&address);
    }
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

    fn at(t0: Instant, ms: u64) -> Instant {
        t0 + Duration::from_millis(ms)
    }

    #[test]
    fn an_address_that_guessed_wrong_waits_its_turn_on_any_connection() {
        let g = Guesses::new();
        let t0 = Instant::now();
        let stranger: IpAddr = [192, 168, 1, 66].into();
        let member: IpAddr = [192, 168, 1, 20].into();
        assert_eq!(g.turn(stranger, t0), t0);
        assert_eq!(g.wrong(stranger, t0), 1);
        assert_eq!(g.wrong(stranger, at(t0, 10)), 2);
        // Two wrong tries: the next try, on a new connection at once, is
        // checked only after 2 s (delay_after(2)); the three after it (say
        // three more connections opened together) wait 2 s more each.
        let turns: Vec<u64> = (0..4)
            .map(|_| {
                g.turn(stranger, at(t0, 20))
                    .duration_since(t0)
                    .as_millis()
                    .try_into()
                    .unwrap_or(u64::MAX)
            })
            .collect();
        assert_eq!(turns, [2010, 4010, 6010, 8010]);
        // Another address is not slowed.
        assert_eq!(g.turn(member, at(t0, 20)), at(t0, 20));
        // Wrong tries keep counting across connections, up to 8 s a try.
        for n in 3..=6 {
            assert_eq!(g.wrong(stranger, at(t0, 30)), n);
        }
        let a = g.turn(stranger, at(t0, 40));
        let b = g.turn(stranger, at(t0, 40));
        assert_eq!(b.duration_since(a), Duration::from_secs(8));
    }

    #[test]
    fn the_right_password_or_ten_quiet_minutes_forgive_an_address() {
        let g = Guesses::new();
        let t0 = Instant::now();
        let a: IpAddr = [10, 0, 0, 7].into();
        g.wrong(a, t0);
        g.right(a);
        assert_eq!(g.turn(a, at(t0, 5)), at(t0, 5));
        g.wrong(a, t0);
        let later = t0 + FORGIVE_AFTER;
        assert_eq!(g.turn(a, later), later);
        assert_eq!(g.wrong(a, later), 1);
    }

    #[test]
    fn a_crowd_of_addresses_is_remembered_within_a_bound() {
        let g = Guesses::new();
        let t0 = Instant::now();
        for i in 0..(ADDRESSES as u32 + 100) {
            g.wrong(IpAddr::from(i.to_be_bytes()), at(t0, u64::from(i)));
        }
        let map = g.lock();
        assert_eq!(map.len(), ADDRESSES);
        // The oldest went, the newest are kept.
        assert!(!map.contains_key(&IpAddr::from(0u32.to_be_bytes())));
        assert!(map.contains_key(&IpAddr::from((ADDRESSES as u32 + 99).to_be_bytes())));
    }

    #[test]
    fn wrong_tries_wait_longer_each_time_up_to_eight_seconds() {
        let waits: Vec<u64> = (1..=6).map(|n| delay_after(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8]);
    }
}
