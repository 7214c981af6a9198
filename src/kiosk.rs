//! The trainer's PIN for kiosk mode.
//!
//! In kiosk mode only the trainer's exit ends the app. The PIN typed at start
//! is kept only as a salted SHA-256 hash in memory, so that it cannot be read
//! back from the process's memory as typed, and it is compared in constant
//! time.

use sha2::{Digest, Sha256};

/// A salted hash of the trainer's PIN.
#[derive(Clone)]
pub struct Pin {
    salt: [u8; 16],
    hash: [u8; 32],
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(<hidden>)")
    }
}

/// Why a PIN was refused when the trainer set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// Fewer than 4 characters.
    #[error("the PIN must have at least 4 characters")]
    TooShort,
}

fn digest(salt: &[u8; 16], pin: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(pin.as_bytes());
    h.finalize().into()
}

impl Pin {
    /// Hashes `pin` with a fresh random salt. The caller should drop the typed
    /// text right after.
    pub fn new(pin: &str) -> Result<Pin, PinError> {
        Pin::with_salt(pin, rand::random())
    }

    fn with_salt(pin: &str, salt: [u8; 16]) -> Result<Pin, PinError> {
        if pin.chars().count() < 4 {
            return Err(PinError::TooShort);
        }
        Ok(Pin {
            salt,
            hash: digest(&salt, pin),
        })
    }

    /// Whether `attempt` is the PIN; takes the same time whatever the input.
    pub fn verify(&self, attempt: &str) -> bool {
        let other = digest(&self.salt, attempt);
        self.hash
            .iter()
            .zip(other.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_pin_opens_and_others_do_not() {
        let pin = Pin::new("2018").unwrap();
        assert!(pin.verify("2018"));
        assert!(!pin.verify("2019"));
        assert!(!pin.verify(""));
        assert!(!pin.verify("20180"));
    }

    #[test]
    fn the_same_pin_hashes_differently_with_another_salt() {
        let a = Pin::with_salt("2018", [1; 16]).unwrap();
        let b = Pin::with_salt("2018", [2; 16]).unwrap();
        assert_ne!(a.hash, b.hash);
        assert!(a.verify("2018") && b.verify("2018"));
    }

    #[test]
    fn short_pins_are_refused_and_debug_hides_the_hash() {
        assert_eq!(Pin::new("123").unwrap_err(), PinError::TooShort);
        assert_eq!(format!("{:?}", Pin::new("1234").unwrap()), "Pin(<hidden>)");
    }
}
