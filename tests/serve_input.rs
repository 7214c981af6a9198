//! The Unikey fixture through the room's input decoding: the backspaces
//! fused with the rebuilt syllable become Backspace keys and characters in
//! order, however the bytes are split into reads.

mod tmux_support;
mod unikey_support;

use ratatui::crossterm::event::{Event, KeyCode};
use unikey_support::{NAME, reads};
use union_quiz::serve::input::InputParser;

/// What a text field holds after these events.
fn typed(events: impl IntoIterator<Item = Event>) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Key(k) = e {
            match k.code {
                KeyCode::Char(c) => s.push(c),
                KeyCode::Backspace => {
                    s.pop();
                }
                other => panic!("unexpected key {other:?}"),
            }
        }
    }
    s
}

#[test]
fn unikey_reads_give_the_name_with_either_backspace() {
    for bs in [0x7f, 0x08] {
        let mut p = InputParser::new();
        let events: Vec<Event> = reads(bs).iter().flat_map(|r| p.feed(r)).collect();
        let name = typed(events);
        assert_eq!(name, NAME, "backspace {bs:#04x}");
        assert!(unicode_normalization::is_nfc(&name));
    }
}

#[test]
fn unikey_bytes_split_anywhere_give_the_name() {
    for bs in [0x7f, 0x08] {
        let all: Vec<u8> = reads(bs).concat();
        // One byte per read (UTF-8 characters split), and everything in one.
        let mut p = InputParser::new();
        let one_by_one = typed(all.iter().flat_map(|b| p.feed(std::slice::from_ref(b))));
        assert_eq!(one_by_one, NAME);
        let mut p = InputParser::new();
        assert_eq!(typed(p.feed(&all)), NAME);
        // Every split into two reads.
        for cut in 0..all.len() {
            let mut p = InputParser::new();
            let mut events = p.feed(&all[..cut]);
            events.extend(p.feed(&all[cut..]));
            assert_eq!(typed(events), NAME, "cut at {cut}");
        }
    }
}
