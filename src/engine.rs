//! The quiz engine: one member's attempt at one bank.
//!
//! Pure: it takes the time as an argument and never reads a clock, touches
//! the terminal or does file I/O, so tests drive it with a fake clock.
