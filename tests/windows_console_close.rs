//! Windows: closing the console window (and logoff, shutdown) is handed to
//! the app like SIGHUP, and the handler holds the process open while the
//! app saves, since Windows ends it as soon as the handler returns. Alone
//! in its test binary: the handler stays for the whole process.
//!
//! No program can close a console window on purpose, so the test calls the
//! handler routine as the console would, on a thread of its own.
#![cfg(windows)]

use std::sync::mpsc;
use std::time::Duration;

use union_quiz::ui::signals::{handler_routine, install};
use windows_sys::Win32::System::Console::CTRL_CLOSE_EVENT;

#[test]
fn closing_the_window_is_handed_over_and_waits_for_the_save() {
    let (tx, rx) = mpsc::channel();
    install(move |sig| {
        let _ = tx.send(sig);
    })
    .expect("install");
    let (returned_tx, returned) = mpsc::channel();
    std::thread::spawn(move || {
        let r = handler_routine(CTRL_CLOSE_EVENT);
        let _ = returned_tx.send(r);
    });
    // The event loop hears of it as SIGHUP: it saves and exits.
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(1));
    // Meanwhile the routine has not returned, so Windows does not end the
    // process before the save; it ends when main returns.
    assert_eq!(
        returned.recv_timeout(Duration::from_millis(500)),
        Err(mpsc::RecvTimeoutError::Timeout)
    );
}
