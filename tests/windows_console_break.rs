//! Windows: Ctrl-Break, sent by the console to every process attached to
//! it, reaches the app through the handler `signals::install` registers,
//! as SIGBREAK (21), instead of ending the process. Alone in its test
//! binary: the handler stays for the whole process.
#![cfg(windows)]

use std::sync::mpsc;
use std::time::Duration;

use union_quiz::ui::signals::install;
use windows_sys::Win32::System::Console::{CTRL_BREAK_EVENT, GenerateConsoleCtrlEvent};

#[test]
fn ctrl_break_is_caught_and_handed_over() {
    let (tx, rx) = mpsc::channel();
    install(move |sig| {
        let _ = tx.send(sig);
    })
    .expect("install");
    // Group 0: every process on this console, this one included. Without
    // the handler this would end the test process.
    // SAFETY: a plain call; it fails (returns 0) without a console.
    let sent = unsafe { GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0) };
    assert_ne!(sent, 0, "{}", std::io::Error::last_os_error());
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(21));
}
