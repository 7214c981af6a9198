//! SIGHUP and SIGTERM are caught and handed to the event loop instead of
//! killing the app at once (so it can save and restore the terminal).
//! Alone in its own test binary: the handlers stay for the whole process.
// Unix signals; Windows has console events (tests/windows_console_close.rs).
#![cfg(unix)]

use std::sync::mpsc;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGTERM};
use union_quiz::ui::signals::{HANDLED, install};

#[test]
fn a_hangup_is_caught_and_handed_over() {
    assert_eq!(HANDLED, [SIGHUP, SIGTERM]);
    let (tx, rx) = mpsc::channel();
    install(move |sig| {
        let _ = tx.send(sig);
    })
    .expect("install");
    // Without the handler this would end the test process.
    signal_hook::low_level::raise(SIGHUP).expect("raise");
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(SIGHUP));
}
