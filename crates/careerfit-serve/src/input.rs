//! The bytes an SSH client types, turned into key events. Over SSH there is
//! no local terminal for crossterm to read, so this pure parser does its job:
//! UTF-8 text, control keys, and the CSI (`ESC [`) and SS3 (`ESC O`) escape
//! sequences of arrows, Home/End and paging keys, even when a sequence is
//! split across packets. A lone Esc cannot be told from the start of a
//! sequence until more bytes arrive or a short wait passes, so the caller
//! calls [`Parser::timeout`] when [`Parser::pending`] has stayed true for
//! [`ESC_WAIT`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

/// How long an incomplete escape sequence may wait for its end before a
/// lone Esc is assumed (terminals send a whole sequence in one write).
pub const ESC_WAIT: Duration = Duration::from_millis(50);

/// Longest escape sequence kept while waiting for its final byte; anything
/// longer is junk and dropped, so a client cannot grow the buffer.
const MAX_SEQ: usize = 32;

const ESC: u8 = 0x1b;

/// Incremental parser: feed it packets, get key presses.
#[derive(Debug, Default)]
pub struct Parser {
    /// An incomplete escape sequence or UTF-8 character from the last packet.
    buf: Vec<u8>,
}

/// What the bytes at the front of the buffer are.
enum Parsed {
    Key(KeyEvent, usize),
    /// Bytes that mean nothing to the quiz (unknown sequences, invalid UTF-8).
    Skip(usize),
    /// A sequence that may still be completed by the next packet.
    Incomplete,
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl Parser {
    pub fn new() -> Self {
        Parser::default()
    }

    /// Parses a packet; keeps an incomplete trailing sequence for later.
    /// `\r\n` in one packet is one Enter (some clients send both).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut i = 0;
        let mut after_cr = false;
        while i < self.buf.len() {
            let rest = self.buf.get(i..).unwrap_or_default();
            match parse_one(rest) {
                Parsed::Key(k, n) => {
                    let lf = rest.first() == Some(&b'\n');
                    if !(lf && after_cr) {
                        out.push(k);
                    }
                    after_cr = rest.first() == Some(&b'\r');
                    i += n;
                }
                Parsed::Skip(n) => i += n.max(1),
                Parsed::Incomplete => break,
            }
        }
        self.buf.drain(..i.min(self.buf.len()));
        out
    }

    /// Whether bytes are waiting for the rest of a sequence.
    pub fn pending(&self) -> bool {
        !self.buf.is_empty()
    }

    /// No more bytes came in time: a lone ESC is the Esc key, ESC plus a
    /// character is Alt+character (as crossterm reports them locally), and
    /// any other fragment is dropped.
    pub fn timeout(&mut self) -> Vec<KeyEvent> {
        let buf = std::mem::take(&mut self.buf);
        match buf.as_slice() {
            [ESC] => vec![key(KeyCode::Esc)],
            [ESC, c @ 0x20..=0x7e] => vec![KeyEvent::new(
                KeyCode::Char(char::from(*c)),
                KeyModifiers::ALT,
            )],
            _ => vec![],
        }
    }
}

fn parse_one(b: &[u8]) -> Parsed {
    let Some(&first) = b.first() else {
        return Parsed::Incomplete;
    };
    match first {
        ESC => parse_escape(b),
        b'\r' | b'\n' => Parsed::Key(key(KeyCode::Enter), 1),
        0x7f | 0x08 => Parsed::Key(key(KeyCode::Backspace), 1),
        b'\t' => Parsed::Key(key(KeyCode::Tab), 1),
        // Ctrl-A … Ctrl-Z (Ctrl-C quits; the keymap ignores the rest, and
        // nothing here can suspend the server on Ctrl-Z).
        0x01..=0x1a => Parsed::Key(
            KeyEvent::new(
                KeyCode::Char(char::from(b'a' + first - 1)),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        0x00 | 0x1c..=0x1f => Parsed::Skip(1),
        0x20..=0x7e => {
            let c = char::from(first);
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Parsed::Key(KeyEvent::new(KeyCode::Char(c), mods), 1)
        }
        _ => parse_utf8(b),
    }
}

fn parse_utf8(b: &[u8]) -> Parsed {
    let len = match b.first() {
        Some(0xc2..=0xdf) => 2,
        Some(0xe0..=0xef) => 3,
        Some(0xf0..=0xf4) => 4,
        _ => return Parsed::Skip(1),
    };
    let have = b.len().min(len);
    // Every byte after the lead must be a continuation byte.
    if b.iter().take(have).skip(1).any(|&c| c & 0xc0 != 0x80) {
        return Parsed::Skip(1);
    }
    if have < len {
        return Parsed::Incomplete;
    }
    match b.get(..len).map(std::str::from_utf8) {
        Some(Ok(s)) => match s.chars().next() {
            Some(c) if !c.is_control() => Parsed::Key(key(KeyCode::Char(c)), len),
            _ => Parsed::Skip(len),
        },
        _ => Parsed::Skip(1),
    }
}

fn parse_escape(b: &[u8]) -> Parsed {
    match b.get(1) {
        None => Parsed::Incomplete,
        Some(b'[') => parse_csi(b),
        Some(b'O') => match b.get(2) {
            None => Parsed::Incomplete,
            Some(&f) => match final_key(f) {
                Some(code) => Parsed::Key(key(code), 3),
                None => Parsed::Skip(3),
            },
        },
        Some(&c @ 0x20..=0x7e) => Parsed::Key(
            KeyEvent::new(KeyCode::Char(char::from(c)), KeyModifiers::ALT),
            2,
        ),
        // ESC ESC, ESC + control byte, ESC + UTF-8: the first ESC is Esc.
        Some(_) => Parsed::Key(key(KeyCode::Esc), 1),
    }
}

/// The key of a CSI or SS3 sequence ending in `f` without a number.
fn final_key(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        b'Z' => KeyCode::BackTab,
        _ => return None,
    })
}

/// The key of `ESC [ n ~`.
fn tilde_key(n: u32) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23 | 24 => KeyCode::F((n - 12) as u8),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4).
fn modifiers(p: Option<u32>) -> KeyModifiers {
    let bits = p.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// `ESC [ params intermediates final`, per ECMA-48.
fn parse_csi(b: &[u8]) -> Parsed {
    let mut i = 2;
    loop {
        if i >= MAX_SEQ {
            return Parsed::Skip(i);
        }
        match b.get(i) {
            None => return Parsed::Incomplete,
            Some(0x20..=0x3f) => i += 1,
            Some(&f @ 0x40..=0x7e) => {
                let params = b.get(2..i).unwrap_or_default();
                return match csi_key(params, f) {
                    Some(k) => Parsed::Key(k, i + 1),
                    None => Parsed::Skip(i + 1),
                };
            }
            // A control byte inside a sequence: drop the broken prefix and
            // read the byte on its own.
            Some(_) => return Parsed::Skip(i),
        }
    }
}

fn csi_key(params: &[u8], f: u8) -> Option<KeyEvent> {
    let text = std::str::from_utf8(params).ok()?;
    let mut nums = text.split(';').map(|p| p.parse::<u32>().ok());
    let first = nums.next().flatten();
    let mods = modifiers(nums.next().flatten());
    let code = if f == b'~' {
        tilde_key(first?)?
    } else {
        // Plain finals take no number other than 1 (`ESC [ 1 ; 5 A`).
        if first.is_some_and(|n| n != 1) {
            return None;
        }
        final_key(f)?
    };
    Some(KeyEvent::new(code, mods))
}

#[cfg(test)]
#[path = "input_tests.rs"]
mod tests;
