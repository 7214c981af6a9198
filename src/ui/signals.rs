//! SIGHUP (the SSH connection dropped, the terminal window closed) and
//! SIGTERM (shutdown, `kill`): instead of dying at once, the app saves the
//! attempt in progress and restores the terminal before it exits.
//!
//! A thread waits for the signals and hands each to a callback (the event
//! loop's channel), so the loop hears of it at once, even while it sleeps
//! for an hour on an idle screen. A second signal while the first is being
//! handled ends the process at once, so a stuck save can never make the
//! app unkillable. The autosave is current after every change anyway; what
//! the signal adds is the time used since the last save and a clean
//! terminal.
//!
//! On Windows the same [`install`] hands over the console's control events
//! (Ctrl-C, Ctrl-Break, the window closed, logoff, shutdown) instead: see
//! `signals/windows.rs`.

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{HANDLED, Reaction, handler_routine, install, react, signal_number};

#[cfg(unix)]
use std::io;
#[cfg(unix)]
use std::sync::Arc;
#[cfg(unix)]
use std::sync::atomic::AtomicBool;

#[cfg(unix)]
use signal_hook::consts::{SIGHUP, SIGTERM};
#[cfg(unix)]
use signal_hook::flag;
#[cfg(unix)]
use signal_hook::iterator::Signals;

/// The signals that end the app after a save.
#[cfg(unix)]
pub const HANDLED: [i32; 2] = [SIGHUP, SIGTERM];

/// Installs the handlers for [`HANDLED`] and calls `on_signal` (on a thread
/// of its own) with each signal that arrives.
#[cfg(unix)]
pub fn install(mut on_signal: impl FnMut(i32) + Send + 'static) -> io::Result<()> {
    let arrived = Arc::new(AtomicBool::new(false));
    for sig in HANDLED {
        // Registered first, so it sees the flag before this signal sets it.
        flag::register_conditional_shutdown(sig, 1, Arc::clone(&arrived))?;
        flag::register(sig, Arc::clone(&arrived))?;
    }
    let mut signals = Signals::new(HANDLED)?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for sig in signals.forever() {
                on_signal(sig);
            }
        })?;
    Ok(())
}
