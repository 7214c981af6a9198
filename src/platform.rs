//! How the program was started, as Windows users start it, and the console
//! it runs in. On other systems nothing here changes anything.
//!
//! A trainer on Windows does not type commands. The program is started:
//! - by a **double-click** on `union-quiz.exe`: it opens the quiz on the
//!   `quizzes` folder beside the .exe, whatever the current folder is (a
//!   shortcut may set another), and writes results to `results\` beside it;
//! - by **dropping a .yaml file** (or a folder) on the .exe: Explorer starts
//!   it with that one path, and it runs `check` on it;
//!
//! and in both cases the console window was opened for this program alone
//! and closes with it, so before it ends it waits for a key, for the
//! diagnostics (or the error that stopped the quiz) to be read.
//!
//! "Started from Explorer" is told by the console's process list: a program
//! started from `cmd.exe`, PowerShell or Windows Terminal shares the console
//! with that shell, so `GetConsoleProcessList` counts two processes or
//! more; Explorer (or a shortcut, or Win+R) makes a new console, and this
//! program is the only one in it. The arguments alone cannot tell: a
//! double-click and `union-quiz` typed in a shell both give none.
//!
//! The console's output and input code pages are set to UTF-8 (65001) for
//! the run, and put back after, so that Vietnamese is right in the classic
//! console (`cmd.exe`, conhost) as in Windows Terminal, also for programs
//! that read the output through a pipe.

use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::i18n::Lang;

/// Whether the system refused a file because another program has it: on
/// Windows, opened without sharing (Excel holds the workbook it shows; an
/// antivirus, the file it scans) or a locked range of it
/// (`ERROR_SHARING_VIOLATION`, `ERROR_LOCK_VIOLATION`). Unix has no such
/// refusals: its locks are advisory and only union-quiz takes them.
pub fn is_in_use(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// When to wait for a key before the program ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// Never: the console belongs to a shell, which stays open.
    Never,
    /// Only when the command failed (a quiz that could not start: exit
    /// status 1 or 2).
    OnError,
    /// Always (diagnostics of a dropped file, or any other command in a
    /// console of its own).
    Always,
}

/// What to run: the command line to parse, and whether to wait for a key
/// at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// The command line, program name first, as `clap` parses it.
    pub args: Vec<OsString>,
    /// Whether to wait for a key before the window closes.
    pub pause: Pause,
    /// The language of the wait's message (from `--lang`).
    pub lang: Lang,
}

/// Decides what to run from the command line `args`, whether the program
/// has its console to itself (`own_console`, see the module's doc) and the
/// folder of the executable (`exe_dir`).
pub fn plan(args: Vec<OsString>, own_console: bool, exe_dir: Option<&Path>) -> Start {
    let lang = lang_of(&args);
    if !own_console {
        return Start {
            args,
            pause: Pause::Never,
            lang,
        };
    }
    let program = args
        .first()
        .cloned()
        .unwrap_or_else(|| OsString::from("union-quiz"));
    match (args.len(), exe_dir) {
        (1, Some(dir)) => Start {
            args: vec![
                program,
                "run".into(),
                dir.join("quizzes").into_os_string(),
                "--results".into(),
                dir.join("results").join("results.csv").into_os_string(),
            ],
            pause: Pause::OnError,
            lang,
        },
        (2, _) if args.get(1).is_some_and(|a| is_dropped(a)) => Start {
            args: vec![program, "check".into(), args[1].clone()],
            pause: Pause::Always,
            lang,
        },
        _ => Start {
            args,
            pause: Pause::Always,
            lang,
        },
    }
}

/// Whether an argument is what Explorer passes for a file dropped on the
/// .exe: a bank or roster file (`.yaml`, `.yml`) or a folder.
fn is_dropped(arg: &OsStr) -> bool {
    let path = Path::new(arg);
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    yaml || path.is_dir()
}

/// The `--lang` of the command line, for the messages said outside any
/// command; Vietnamese when absent or not understood.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut value = None;
    for (i, a) in args.iter().enumerate() {
        let a = a.to_string_lossy();
        if a == "--lang" {
            value = args.get(i + 1).map(|v| v.to_string_lossy().into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            value = Some(v.to_owned());
        }
    }
    value.and_then(|v| v.parse().ok()).unwrap_or_default()
}

/// Reads how the program was started (the real command line and console)
/// and sets the console to UTF-8. Call once, first thing in `main`.
pub fn start() -> Start {
    console::use_utf8();
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(PathBuf::from));
    // A console of its own that nobody types into (stdin redirected, as in
    // a script or CI) is not a double-click: never wait for a key there.
    let own = console::is_own() && std::io::stdin().is_terminal();
    plan(std::env::args_os().collect(), own, exe_dir.as_deref())
}

impl Start {
    /// Waits for a key when the window would otherwise close on text
    /// nobody has read, puts the console's code pages back, and returns
    /// `code`.
    pub fn finish(&self, code: ExitCode) -> ExitCode {
        if self.waits(code) {
            println!();
            println!("{}", crate::i18n::platform::press_a_key(self.lang));
            wait_for_key();
        }
        console::restore();
        code
    }

    /// Whether [`Start::finish`] waits for a key after a command that
    /// ended with `code`.
    pub fn waits(&self, code: ExitCode) -> bool {
        match self.pause {
            Pause::Never => false,
            // 1 and 2: the quiz could not start (a bank, the roster, an
            // option). Not 128 + n: the window is being closed, or the
            // system shuts down, and the attempt is saved; nobody reads.
            Pause::OnError => code == ExitCode::from(1) || code == ExitCode::from(2),
            Pause::Always => true,
        }
    }
}

/// The file name of the executable that `union-quiz` hands the trainer's
/// commands to.
pub const TOOLS_EXE: &str = if cfg!(windows) {
    "union-quiz-tools.exe"
} else {
    "union-quiz-tools"
};

/// `union-quiz-tools` could not be started by [`hand_over`].
#[derive(Debug)]
pub struct Missing {
    /// Where it was looked for.
    pub path: PathBuf,
    /// The trainer's command it was wanted for (`report`, …), if one was
    /// named.
    pub command: Option<String>,
    /// What the system said.
    pub error: std::io::Error,
}

impl Missing {
    /// The message for the trainer: what was wanted, where the file was
    /// looked for, and how to get it there.
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::platform::tools_missing(
            lang,
            self.command.as_deref(),
            &self.path.display().to_string(),
            &self.error,
        )
    }
}

/// Runs `union-quiz-tools`, from the folder of this executable, with the
/// command line `args` (program name first), and gives its exit status.
/// `command` is the trainer's command it is wanted for, named when it is
/// missing.
///
/// On Unix it replaces this process (`exec`): the process id, signals and
/// the terminal stay as they were, so a trainer's Ctrl+C or a supervisor's
/// `kill` reaches the command itself. Windows has no `exec`: the command
/// runs as a child with this console, while this process waits for it,
/// leaving the console's Ctrl+C and close events to it.
pub fn hand_over(args: &[OsString], command: Option<&str>) -> Result<ExitCode, Missing> {
    let path = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|dir| dir.join(TOOLS_EXE)))
        .unwrap_or_else(|| PathBuf::from(TOOLS_EXE));
    let command = command.map(str::to_owned);
    let mut child = std::process::Command::new(&path);
    child.args(args.iter().skip(1));
    run_instead(child, args.first()).map_err(|error| Missing {
        path,
        command,
        error,
    })
}

#[cfg(unix)]
fn run_instead(
    mut child: std::process::Command,
    program: Option<&OsString>,
) -> std::io::Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    if let Some(program) = program {
        child.arg0(program);
    }
    // Returns only if the exec failed.
    Err(child.exec())
}

#[cfg(windows)]
fn run_instead(
    mut child: std::process::Command,
    _program: Option<&OsString>,
) -> std::io::Result<ExitCode> {
    let mut child = child.spawn()?;
    console::leave_events_to_child();
    let status = child.wait()?;
    Ok(status
        .code()
        .and_then(|c| u8::try_from(c).ok())
        .map_or(ExitCode::FAILURE, ExitCode::from))
}

/// The name `union-quiz-tools` says in its help and usage: the one the
/// trainer types, `union-quiz`, whichever of the two was started.
pub fn quiz_name(program: &OsStr) -> OsString {
    match program.to_str() {
        Some(p) => match p.rfind("union-quiz-tools") {
            Some(i) => format!(
                "{}union-quiz{}",
                &p[..i],
                &p[i + "union-quiz-tools".len()..]
            )
            .into(),
            None => program.to_owned(),
        },
        None => program.to_owned(),
    }
}

/// Waits for one key press (raw mode, so any key will do, not only Enter).
fn wait_for_key() {
    use ratatui::crossterm::event::{self, Event, KeyEventKind};
    use ratatui::crossterm::terminal;
    if terminal::enable_raw_mode().is_err() {
        return;
    }
    loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => break,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    let _ = terminal::disable_raw_mode();
}

#[cfg(windows)]
mod console {
    use std::sync::atomic::{AtomicU32, Ordering};

    use windows_sys::Win32::System::Console::{
        GetConsoleCP, GetConsoleOutputCP, GetConsoleProcessList, SetConsoleCP,
        SetConsoleCtrlHandler, SetConsoleOutputCP,
    };

    const UTF8: u32 = 65001;

    /// The code pages found at start (0: none, not changed).
    static OUTPUT_CP: AtomicU32 = AtomicU32::new(0);
    static INPUT_CP: AtomicU32 = AtomicU32::new(0);

    /// Whether this process is the only one attached to its console.
    pub fn is_own() -> bool {
        let mut list = [0u32; 4];
        // SAFETY: the buffer holds `list.len()` process ids. The result is
        // the number attached (0 on failure: no console).
        let n = unsafe { GetConsoleProcessList(list.as_mut_ptr(), list.len() as u32) };
        n == 1
    }

    pub fn use_utf8() {
        // SAFETY: plain calls on the process's console; each fails harmlessly
        // (returns 0) when there is none.
        unsafe {
            let out = GetConsoleOutputCP();
            if out != 0 && out != UTF8 && SetConsoleOutputCP(UTF8) != 0 {
                OUTPUT_CP.store(out, Ordering::SeqCst);
            }
            let inp = GetConsoleCP();
            if inp != 0 && inp != UTF8 && SetConsoleCP(UTF8) != 0 {
                INPUT_CP.store(inp, Ordering::SeqCst);
            }
        }
    }

    /// While `union-quiz-tools` runs as a child in this console, Ctrl+C,
    /// Ctrl+Break and the window's close are the child's to handle (it
    /// saves, says goodbye, and ends): this process only waits, and is not
    /// ended by Ctrl+C before its child is. Set after the child started, so
    /// the child does not inherit it.
    pub fn leave_events_to_child() {
        unsafe extern "system" fn handled(_event: u32) -> i32 {
            1
        }
        // SAFETY: `handled` is a plain function valid for the process's
        // life, as the handler list requires.
        unsafe {
            SetConsoleCtrlHandler(Some(handled), 1);
        }
    }

    /// Puts back the code pages of the shell the console belongs to.
    pub fn restore() {
        let out = OUTPUT_CP.swap(0, Ordering::SeqCst);
        let inp = INPUT_CP.swap(0, Ordering::SeqCst);
        // SAFETY: as in `use_utf8`.
        unsafe {
            if out != 0 {
                SetConsoleOutputCP(out);
            }
            if inp != 0 {
                SetConsoleCP(inp);
            }
        }
    }
}

#[cfg(not(windows))]
mod console {
    //! Unix terminals are UTF-8 by their locale, and a program started by a
    //! file manager has no terminal at all: nothing to do.

    pub fn is_own() -> bool {
        false
    }

    pub fn use_utf8() {}

    pub fn restore() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tools_call_themselves_union_quiz() {
        for (given, said) in [
            ("union-quiz-tools", "union-quiz"),
            (
                "target/release/union-quiz-tools",
                "target/release/union-quiz",
            ),
            (r"C:\quiz\union-quiz-tools.exe", r"C:\quiz\union-quiz.exe"),
            ("union-quiz", "union-quiz"),
            ("other", "other"),
        ] {
            assert_eq!(quiz_name(OsStr::new(given)), OsString::from(said));
        }
    }

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn in_a_shell_nothing_changes() {
        let args = os(&["union-quiz.exe", "check", "quizzes"]);
        let start = plan(args.clone(), false, Some(Path::new("/x")));
        assert_eq!(start.args, args);
        assert_eq!(start.pause, Pause::Never);
        // Not even with no argument: `union-quiz` typed in a shell runs the
        // current folder's quizzes, as on Linux.
        let bare = plan(os(&["union-quiz.exe"]), false, Some(Path::new("/x")));
        assert_eq!(bare.args, os(&["union-quiz.exe"]));
    }

    #[test]
    fn a_double_click_runs_the_quizzes_beside_the_exe() {
        let dir = Path::new("/d/union-quiz");
        let start = plan(os(&["union-quiz.exe"]), true, Some(dir));
        assert_eq!(
            start.args,
            vec![
                OsString::from("union-quiz.exe"),
                "run".into(),
                dir.join("quizzes").into_os_string(),
                "--results".into(),
                dir.join("results").join("results.csv").into_os_string(),
            ]
        );
        assert_eq!(start.pause, Pause::OnError);
    }

    #[test]
    fn a_dropped_yaml_file_is_checked_and_waits() {
        for name in ["C:\\Bộ đề\\Đề 1.yaml", "de.YML"] {
            let start = plan(os(&["union-quiz.exe", name]), true, None);
            assert_eq!(start.args, os(&["union-quiz.exe", "check", name]));
            assert_eq!(start.pause, Pause::Always);
        }
    }

    #[test]
    fn a_dropped_folder_is_checked_too() {
        let dir = std::env::temp_dir().into_os_string();
        let start = plan(vec!["union-quiz.exe".into(), dir.clone()], true, None);
        assert_eq!(
            start.args,
            vec!["union-quiz.exe".into(), "check".into(), dir]
        );
    }

    #[test]
    fn other_commands_in_a_console_of_their_own_wait_at_the_end() {
        let args = os(&["union-quiz.exe", "report", "--lang", "en"]);
        let start = plan(args.clone(), true, None);
        assert_eq!(start.args, args);
        assert_eq!(start.pause, Pause::Always);
        assert_eq!(start.lang, Lang::En);
        // A dropped file that is not a bank is not taken for one.
        let start = plan(os(&["union-quiz.exe", "notes.txt"]), true, None);
        assert_eq!(start.args, os(&["union-quiz.exe", "notes.txt"]));
    }

    #[test]
    fn a_quiz_that_ends_waits_only_when_it_could_not_start() {
        let start = plan(os(&["union-quiz.exe"]), true, Some(Path::new("/d")));
        assert!(!start.waits(ExitCode::SUCCESS), "the member quit");
        assert!(start.waits(ExitCode::from(1)), "no bank, a broken roster");
        assert!(start.waits(ExitCode::from(2)), "a bad option");
        assert!(!start.waits(ExitCode::from(129)), "the window was closed");
        let check = plan(os(&["union-quiz.exe", "de.yaml"]), true, None);
        assert!(check.waits(ExitCode::SUCCESS));
        let shell = plan(os(&["union-quiz.exe", "de.yaml"]), false, None);
        assert!(!shell.waits(ExitCode::from(1)));
    }

    #[test]
    fn the_language_of_the_wait_follows_lang() {
        assert_eq!(lang_of(&os(&["x", "--lang=en"])), Lang::En);
        assert_eq!(lang_of(&os(&["x", "--lang", "vi"])), Lang::Vi);
        assert_eq!(lang_of(&os(&["x", "--lang", "fr"])), Lang::Vi);
        assert_eq!(lang_of(&os(&["x"])), Lang::Vi);
    }
}
