//! Bytes from a member's SSH channel become terminal events.
//!
//! The decoding of escape sequences is `terminput`'s (the same parser that
//! crossterm uses for a local terminal on Unix, so a key means the same over
//! SSH and at the trainer's own keyboard). This module only feeds it: bytes
//! arrive in reads of any size, so a sequence or a UTF-8 character may be
//! split between two reads, and several keys may come in one (Unikey and
//! EVKey send the backspaces that erase a syllable and the rebuilt syllable
//! together).

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::ui::input::backspace_for_ctrl_h;

/// How long a lone ESC at the end of a read waits for the rest of an escape
/// sequence before it counts as the Esc key. Terminals write a sequence in
/// one go, so a split is rare and the rest follows within a few
/// milliseconds; a person does not notice this delay on Esc.
pub const ESC_WAIT: Duration = Duration::from_millis(60);

/// The longest sequence kept while it is incomplete. A bracketed paste is
/// one sequence, so this is also the longest paste accepted; anything longer
/// is dropped rather than held without end.
pub const MAX_PENDING: usize = 64 * 1024;

/// Turns the bytes of one channel into events, keeping an incomplete
/// sequence between reads.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
}

impl InputParser {
    /// A parser with nothing pending.
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Decodes one read. Events complete in `bytes` (with what was pending)
    /// are returned in order; an incomplete tail is kept for the next read.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, &b) in bytes.iter().enumerate() {
            self.pending.push(b);
            let more = i + 1 < bytes.len();
            // A lone ESC with more bytes in the same read starts a sequence;
            // at the end of a read it waits (see `flush`).
            if self.pending == [0x1b] {
                continue;
            }
            self.parse_pending(&mut events, more);
        }
        events
    }

    fn parse_pending(&mut self, events: &mut Vec<Event>, _more: bool) {
        match terminput::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                if let Some(event) = convert(event) {
                    events.push(event);
                }
            }
            // Incomplete: wait for more bytes, within reason.
            Ok(None) => {
                if self.pending.len() > MAX_PENDING {
                    self.pending.clear();
                }
            }
            // Not a sequence the parser knows: drop it, as crossterm does.
            Err(_) => self.pending.clear(),
        }
    }

    /// Whether bytes wait for the rest of a sequence; the caller then calls
    /// [`InputParser::flush`] after [`ESC_WAIT`] without new bytes.
    pub fn is_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more bytes came in time: a lone ESC is the Esc key, and an
    /// incomplete sequence is dropped.
    pub fn flush(&mut self) -> Option<Event> {
        let lone_esc = self.pending == [0x1b];
        self.pending.clear();
        lone_esc.then(|| Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)))
    }
}

/// terminput's event as crossterm's, which the app reads, with 0x08
/// (Ctrl-H) as the Backspace key it is (see
/// [`crate::ui::input::backspace_for_ctrl_h`]).
fn convert(event: terminput::Event) -> Option<Event> {
    Some(match terminput_crossterm::to_crossterm(event).ok()? {
        Event::Key(k) => Event::Key(backspace_for_ctrl_h(k)),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn typed(events: &[Event]) -> String {
        let mut s = String::new();
        for e in events {
            if let Event::Key(k) = e {
                match k.code {
                    KeyCode::Char(c) => s.push(c),
                    KeyCode::Backspace => {
                        s.pop();
                    }
                    _ => {}
                }
            }
        }
        s
    }

    #[test]
    fn a_utf8_character_split_between_reads_is_one_key() {
        let mut p = InputParser::new();
        let bytes = "ễ".as_bytes();
        assert!(p.feed(&bytes[..1]).is_empty());
        assert!(p.feed(&bytes[1..2]).is_empty());
        let events = p.feed(&bytes[2..]);
        assert_eq!(events.len(), 1);
        assert_eq!(typed(&events), "ễ");
    }

    #[test]
    fn an_escape_sequence_split_between_reads_is_one_key() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.is_pending());
        assert!(p.feed(b"[").is_empty());
        assert_eq!(p.feed(b"A"), vec![key(KeyCode::Up)]);
        assert!(!p.is_pending());
        // F1 in the SS3 form, split after ESC O.
        assert!(p.feed(b"\x1bO").is_empty());
        assert_eq!(p.feed(b"P"), vec![key(KeyCode::F(1))]);
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_once_nothing_follows() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b").is_empty());
        assert_eq!(p.flush(), Some(key(KeyCode::Esc)));
        assert!(!p.is_pending());
        // An incomplete sequence is dropped, not taken for keys.
        assert!(p.feed(b"\x1b[1;").is_empty());
        assert_eq!(p.flush(), None);
        assert_eq!(p.feed(b"a"), vec![key(KeyCode::Char('a'))]);
    }

    #[test]
    fn several_keys_in_one_read() {
        let mut p = InputParser::new();
        let events = p.feed(b"ab\x1b[B\r");
        assert_eq!(
            events,
            vec![
                key(KeyCode::Char('a')),
                key(KeyCode::Char('b')),
                key(KeyCode::Down),
                key(KeyCode::Enter)
            ]
        );
    }

    #[test]
    fn both_backspace_bytes_are_backspace() {
        let mut p = InputParser::new();
        assert_eq!(
            p.feed(b"\x08\x7f"),
            vec![key(KeyCode::Backspace), key(KeyCode::Backspace)]
        );
    }

    #[test]
    fn bracketed_paste_split_between_reads() {
        let mut p = InputParser::new();
        assert!(p.feed("\x1b[200~Nguyễn".as_bytes()).is_empty());
        let events = p.feed(" Văn\x1b[201~".as_bytes());
        assert_eq!(events, vec![Event::Paste("Nguyễn Văn".to_owned())]);
    }

    #[test]
    fn sgr_mouse_click() {
        let mut p = InputParser::new();
        let events = p.feed(b"\x1b[<0;12;5M");
        let [Event::Mouse(m)] = events.as_slice() else {
            panic!("one mouse event expected, got {events:?}");
        };
        assert_eq!(m.kind, MouseEventKind::Down(MouseButton::Left));
        assert_eq!((m.column, m.row), (11, 4));
    }

    #[test]
    fn garbage_is_dropped_and_what_follows_still_parses() {
        let mut p = InputParser::new();
        let events = p.feed(b"\x1b[999;999;999;999Zx");
        assert_eq!(events.last(), Some(&key(KeyCode::Char('x'))));
    }
}
