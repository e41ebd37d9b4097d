//! Unit tests of the SSH input parser: every key, and sequences split
//! across packets.

use super::*;

fn keys(bytes: &[u8]) -> Vec<KeyEvent> {
    let mut p = Parser::new();
    let mut out = p.feed(bytes);
    out.extend(p.timeout());
    out
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn printable_ascii_and_utf8() {
    assert_eq!(keys(b"q1?"), vec![ch('q'), ch('1'), ch('?')]);
    assert_eq!(
        keys(b"G"),
        vec![KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)]
    );
    assert_eq!(keys("é€😀".as_bytes()), vec![ch('é'), ch('€'), ch('😀')]);
    assert_eq!(keys(b" "), vec![ch(' ')]);
}

#[test]
fn enter_backspace_tab() {
    assert_eq!(keys(b"\r"), vec![key(KeyCode::Enter)]);
    assert_eq!(keys(b"\n"), vec![key(KeyCode::Enter)]);
    // CR LF from one key press is one Enter; two presses are two.
    assert_eq!(keys(b"\r\n"), vec![key(KeyCode::Enter)]);
    assert_eq!(keys(b"\r\r"), vec![key(KeyCode::Enter); 2]);
    assert_eq!(keys(b"\n\n"), vec![key(KeyCode::Enter); 2]);
    assert_eq!(keys(b"\x7f"), vec![key(KeyCode::Backspace)]);
    assert_eq!(keys(b"\x08"), vec![key(KeyCode::Backspace)]);
    assert_eq!(keys(b"\t"), vec![key(KeyCode::Tab)]);
}

#[test]
fn control_keys() {
    assert_eq!(keys(b"\x03"), vec![ctrl('c')]);
    assert_eq!(keys(b"\x1a"), vec![ctrl('z')]);
    assert_eq!(keys(b"\x04"), vec![ctrl('d')]);
    assert_eq!(keys(b"\x00\x1c\x1f"), vec![]);
}

#[test]
fn lone_escape_waits_for_the_timeout() {
    let mut p = Parser::new();
    assert_eq!(p.feed(b"\x1b"), vec![]);
    assert!(p.pending());
    assert_eq!(p.timeout(), vec![key(KeyCode::Esc)]);
    assert!(!p.pending());
    // Two Esc presses in one packet.
    assert_eq!(keys(b"\x1b\x1b"), vec![key(KeyCode::Esc); 2]);
    // Alt+key is ESC plus the key.
    assert_eq!(
        keys(b"\x1bq"),
        vec![KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)]
    );
}

#[test]
fn arrows_in_csi_and_ss3_form() {
    for (seq, code) in [
        ("A", KeyCode::Up),
        ("B", KeyCode::Down),
        ("C", KeyCode::Right),
        ("D", KeyCode::Left),
        ("H", KeyCode::Home),
        ("F", KeyCode::End),
    ] {
        assert_eq!(keys(format!("\x1b[{seq}").as_bytes()), vec![key(code)]);
        assert_eq!(keys(format!("\x1bO{seq}").as_bytes()), vec![key(code)]);
    }
}

#[test]
fn tilde_keys() {
    for (n, code) in [
        (1, KeyCode::Home),
        (7, KeyCode::Home),
        (4, KeyCode::End),
        (8, KeyCode::End),
        (5, KeyCode::PageUp),
        (6, KeyCode::PageDown),
        (2, KeyCode::Insert),
        (3, KeyCode::Delete),
        (15, KeyCode::F(5)),
        (24, KeyCode::F(12)),
    ] {
        assert_eq!(keys(format!("\x1b[{n}~").as_bytes()), vec![key(code)]);
    }
    assert_eq!(keys(b"\x1b[99~"), vec![]);
}

#[test]
fn modifiers_and_other_sequences() {
    assert_eq!(
        keys(b"\x1b[1;5A"),
        vec![KeyEvent::new(KeyCode::Up, KeyModifiers::CONTROL)]
    );
    assert_eq!(
        keys(b"\x1b[5;2~"),
        vec![KeyEvent::new(KeyCode::PageUp, KeyModifiers::SHIFT)]
    );
    assert_eq!(keys(b"\x1b[Z"), vec![key(KeyCode::BackTab)]);
    assert_eq!(keys(b"\x1bOP"), vec![key(KeyCode::F(1))]);
    // Unknown sequences (mouse, focus, cursor reports) are swallowed whole.
    assert_eq!(keys(b"\x1b[?1;2c1"), vec![ch('1')]);
    assert_eq!(keys(b"\x1b[I\x1b[O2"), vec![ch('2')]);
}

#[test]
fn sequences_split_across_packets() {
    let all = b"1\x1b[A\x1bOB\x1b[5~\xe2\x82\xac\r\x1b[1;5C";
    let want = keys(all);
    assert_eq!(want.len(), 7);
    // Every way of cutting the stream in two gives the same keys.
    for cut in 0..=all.len() {
        let mut p = Parser::new();
        let mut got = p.feed(&all[..cut]);
        got.extend(p.feed(&all[cut..]));
        got.extend(p.timeout());
        assert_eq!(got, want, "cut at {cut}");
    }
    // Byte by byte too.
    let mut p = Parser::new();
    let mut got = Vec::new();
    for b in all {
        got.extend(p.feed(&[*b]));
    }
    assert_eq!(got, want);
}

#[test]
fn junk_is_bounded_and_skipped() {
    let mut p = Parser::new();
    let mut junk = b"\x1b[".to_vec();
    junk.extend(std::iter::repeat_n(b'1', 1000));
    let keys_from_junk = p.feed(&junk);
    // The over-long sequence is dropped; what follows it is plain digits.
    assert!(keys_from_junk.iter().all(|k| *k == ch('1')));
    assert!(p.buf.len() < MAX_SEQ);
    assert_eq!(keys(b"\xff\xfe\xc3q"), vec![ch('q')]);
    // A control byte inside a sequence breaks it; the byte still counts.
    assert_eq!(keys(b"\x1b[1\r"), vec![key(KeyCode::Enter)]);
    // A split UTF-8 character that never completes is dropped.
    let mut p = Parser::new();
    assert!(p.feed(b"\xe2\x82").is_empty());
    assert!(p.pending());
    assert!(p.timeout().is_empty());
}

#[test]
fn ctrl_z_is_a_plain_key_the_keymap_ignores() {
    let m = careerfit_tui::model::Model::new(
        std::sync::Arc::new(
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap(),
        ),
        None,
        careerfit_tui::theme::Theme::mono(),
    );
    let k = keys(b"\x1a");
    assert_eq!(careerfit_tui::keys::message_for(&m, k[0]), None);
    let k = keys(b"\x03");
    assert_eq!(
        careerfit_tui::keys::message_for(&m, k[0]),
        Some(careerfit_tui::msg::Message::Quit)
    );
}
