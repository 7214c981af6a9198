//! SIGHUP (the SSH connection dropped, the terminal window closed) and
//! SIGTERM (shutdown, `kill`): instead of dying at once, the app saves the
//! attempt in progress and restores the terminal before it exits.
//!
//! The handlers only set a flag (all a signal handler may safely do); the
//! event loop checks it at least once a second. A second signal while the
//! first is being handled ends the process at once, so a stuck save can
//! never make the app unkillable. The autosave is current after every
//! change anyway; what the flag adds is the time used since the last save
//! and a clean terminal.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::flag;

/// The signals that end the app after a save.
pub const HANDLED: [i32; 2] = [SIGHUP, SIGTERM];

/// Which of [`HANDLED`] arrived, if any.
#[derive(Debug, Clone)]
pub struct Signals {
    arrived: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
}

impl Signals {
    /// Installs the handlers for [`HANDLED`].
    pub fn install() -> io::Result<Signals> {
        let arrived = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicUsize::new(0));
        for sig in HANDLED {
            // Registered first, so it sees the flag before this signal sets it.
            flag::register_conditional_shutdown(sig, 1, Arc::clone(&arrived))?;
            flag::register(sig, Arc::clone(&arrived))?;
            let n = usize::try_from(sig).unwrap_or(0);
            flag::register_usize(sig, Arc::clone(&which), n)?;
        }
        Ok(Signals { arrived, which })
    }

    /// The signal that arrived, if one did.
    pub fn pending(&self) -> Option<i32> {
        if !self.arrived.load(Ordering::SeqCst) {
            return None;
        }
        let n = self.which.load(Ordering::SeqCst);
        Some(i32::try_from(n).unwrap_or(SIGTERM))
            .filter(|&s| s != 0)
            .or(Some(SIGTERM))
    }
}
