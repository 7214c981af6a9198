//! union-quiz: timed quizzes on question banks written in YAML, for the
//! training courses of a provincial civil servants' trade union.
//!
//! Arrows point one way: front-ends → [`session`] → [`engine`] and
//! [`bank`] → leaves. Each module owns one outside thing:
//! - [`cli`]: parses the command line and dispatches; each subcommand owns
//!   its options ([`ui::RunArgs`], [`check::CheckArgs`],
//!   [`ui::recover::RecoverArgs`], the report's);
//! - [`bank`]: question banks and rosters (the only module that reads
//!   YAML) and what `check` finds; [`check`] prints it; [`roster`] names
//!   the units;
//! - [`engine`]: the pure quiz engine (draws, answers, timing, scoring); it
//!   takes the time as an argument and does no I/O;
//! - [`session`]: a member's attempt from start or resume to its row, for
//!   any front-end (the terminal, `recover`, a room server); its `save`
//!   module is the one place that saves, and a [`session::Room`] shares
//!   the banks between sessions;
//! - [`autosave`]: attempts in progress; [`results`]: the results file (CSV,
//!   one row per finished attempt);
//! - [`report`]: rankings and question statistics for trainers;
//! - [`ui`]: the terminal front-end: the app and its screens, and a runner
//!   that drives it on any ratatui backend from a stream of inputs;
//! - [`import`] and [`export`]: banks from and to Word, Excel, CSV,
//!   Aiken, GIFT and Moodle XML;
//! - [`i18n`]: every string a person reads, in Vietnamese and English;
//!   [`lang`]: the language;
//! - [`text`]: NFC normalisation, sanitising and display width;
//!   [`kiosk`]: the trainer's PIN;
//! - [`platform`]: how Windows users start the program (double-click, a
//!   bank dropped on the .exe) and the console's UTF-8 code page.

pub mod autosave;
pub mod bank;
pub mod check;
pub mod cli;
pub mod engine;
pub mod export;
pub mod i18n;
pub mod import;
pub mod kiosk;
pub mod lang;
pub mod platform;
pub mod report;
pub mod results;
pub mod roster;
pub mod session;
pub mod text;
pub mod ui;
