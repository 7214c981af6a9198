//! Windows: console control events instead of signals.
//!
//! The console calls a handler routine, on a thread it creates, for Ctrl-C,
//! Ctrl-Break, the window's close button, logoff and shutdown. For the last
//! three the process is ended as soon as the routine returns, and in any
//! case about 5 seconds later. So the routine hands the event to the
//! callback (the event loop saves and exits) and then *blocks*: the process
//! ends when `main` returns after the save, never before it. Ctrl-C and
//! Ctrl-Break do not end the process by themselves, so the routine returns
//! at once for them and the loop ends the app in its own time. (In raw mode
//! the console delivers Ctrl-C as a key, not as an event; Ctrl-Break is
//! always an event.)
//!
//! As on Unix, a second event while the first is being handled ends the
//! process at once (the routine declines it and the system's default
//! handler exits), so a stuck save can never make the app unkillable.

use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use windows_sys::Win32::System::Console::{
    CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
    SetConsoleCtrlHandler,
};
use windows_sys::core::BOOL;

/// The console control events that end the app after a save.
pub const HANDLED: [u32; 5] = [
    CTRL_C_EVENT,
    CTRL_BREAK_EVENT,
    CTRL_CLOSE_EVENT,
    CTRL_LOGOFF_EVENT,
    CTRL_SHUTDOWN_EVENT,
];

/// The number handed to the callback for each event: the Unix signal of
/// the same meaning, so that the exit status (128 + number) and the
/// caller's code are the same on both systems. Ctrl-Break is 21, the C
/// runtime's `SIGBREAK`.
pub fn signal_number(ctrl_type: u32) -> Option<i32> {
    match ctrl_type {
        CTRL_C_EVENT => Some(2),
        CTRL_BREAK_EVENT => Some(21),
        CTRL_CLOSE_EVENT => Some(1),
        CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => Some(15),
        _ => None,
    }
}

/// What the handler routine does with one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    /// Not ours, or a second event while the first is handled: decline it,
    /// so the next handler (in the end the system's, which exits) has it.
    Decline,
    /// Hand `signal` to the callback and return.
    Hand {
        /// The number for the callback ([`signal_number`]).
        signal: i32,
        /// Whether to block afterwards: the system ends the process as
        /// soon as the routine returns from a close, logoff or shutdown.
        block: bool,
    },
}

/// Decides what to do with `ctrl_type`; `arrived` remembers that an event
/// has been handed over already.
pub fn react(ctrl_type: u32, arrived: &AtomicBool) -> Reaction {
    let Some(signal) = signal_number(ctrl_type) else {
        return Reaction::Decline;
    };
    if arrived.swap(true, Ordering::SeqCst) {
        return Reaction::Decline;
    }
    Reaction::Hand {
        signal,
        block: matches!(
            ctrl_type,
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT
        ),
    }
}

type Callback = Box<dyn FnMut(i32) + Send>;

static CALLBACK: Mutex<Option<Callback>> = Mutex::new(None);
static ARRIVED: AtomicBool = AtomicBool::new(false);
static REGISTERED: AtomicBool = AtomicBool::new(false);

/// Installs the console control handler and calls `on_signal` (on the
/// thread the console creates) with the number of each event that arrives
/// ([`signal_number`]). Installing again replaces the callback.
pub fn install(on_signal: impl FnMut(i32) + Send + 'static) -> io::Result<()> {
    *CALLBACK.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(on_signal));
    if !REGISTERED.swap(true, Ordering::SeqCst) {
        // SAFETY: `handler_routine` has the signature the console expects and
        // lives for the whole process.
        let ok = unsafe { SetConsoleCtrlHandler(Some(handler_routine), 1) };
        if ok == 0 {
            REGISTERED.store(false, Ordering::SeqCst);
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// The routine the console calls. Public so that tests can call it as the
/// console would, for events no program can send (closing the window).
pub extern "system" fn handler_routine(ctrl_type: u32) -> BOOL {
    match react(ctrl_type, &ARRIVED) {
        Reaction::Decline => 0,
        Reaction::Hand { signal, block } => {
            if let Some(callback) = CALLBACK.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
                callback(signal);
            }
            if block {
                // Until `main` returns after the save and the process exits
                // (which ends this thread), or the system's grace runs out.
                loop {
                    std::thread::park();
                }
            }
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_logoff_and_shutdown_block_ctrl_c_and_break_do_not() {
        for (event, signal, block) in [
            (CTRL_C_EVENT, 2, false),
            (CTRL_BREAK_EVENT, 21, false),
            (CTRL_CLOSE_EVENT, 1, true),
            (CTRL_LOGOFF_EVENT, 15, true),
            (CTRL_SHUTDOWN_EVENT, 15, true),
        ] {
            let arrived = AtomicBool::new(false);
            assert_eq!(
                react(event, &arrived),
                Reaction::Hand { signal, block },
                "event {event}"
            );
        }
    }

    #[test]
    fn a_second_event_and_unknown_ones_are_declined() {
        let arrived = AtomicBool::new(false);
        assert_eq!(
            react(CTRL_BREAK_EVENT, &arrived),
            Reaction::Hand {
                signal: 21,
                block: false
            }
        );
        assert_eq!(react(CTRL_CLOSE_EVENT, &arrived), Reaction::Decline);
        assert_eq!(react(99, &AtomicBool::new(false)), Reaction::Decline);
    }
}
