//! union-quiz: timed quizzes on question banks written in YAML, for the
//! training courses of a provincial civil servants' trade union.
//!
//! The crate is split by the outside thing each module owns:
//! - [`bank`]: question banks (the only module that reads YAML), their
//!   validation and the diagnostics of `union-quiz check`;
//! - [`roster`]: the list of grassroots unions (units);
//! - [`engine`]: the pure quiz engine (draws, answers, timing, scoring); it
//!   takes the time as an argument and does no I/O;
//! - [`autosave`]: attempts in progress, saved after every change;
//! - [`results`]: the results file (CSV, one row per finished attempt);
//! - [`report`]: rankings and question statistics for trainers;
//! - [`ui`]: the terminal (ratatui + crossterm);
//! - [`i18n`]: every string a person reads, in Vietnamese and English;
//! - [`text`]: NFC normalisation, sanitising and display width.

pub mod autosave;
pub mod bank;
pub mod check;
pub mod cli;
pub mod engine;
pub mod i18n;
pub mod kiosk;
pub mod lang;
pub mod report;
pub mod results;
pub mod roster;
pub mod session;
pub mod text;
pub mod ui;
