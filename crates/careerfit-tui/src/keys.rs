//! The keymap: one function from a key to a [`Message`], depending on what
//! is on screen. Keeping it apart from `update` makes the key contract
//! easy to read and lets the SSH server reuse it unchanged.

use super::model::{Model, Overlay, Screen};
use super::msg::Message;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The message a key press means in the current state, if any.
pub fn message_for(model: &Model, key: KeyEvent) -> Option<Message> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Message::Quit);
    }
    if ctrl {
        return None;
    }
    if model.overlay() == Overlay::ConfirmQuit {
        return match key.code {
            KeyCode::Char('y' | 'Y') => Some(Message::Yes),
            KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Some(Message::No),
            _ => None,
        };
    }
    if matches!(model.overlay(), Overlay::Help | Overlay::Card | Overlay::Qr) {
        return Some(match key.code {
            KeyCode::Up | KeyCode::Char('k') => Message::Up,
            KeyCode::Down | KeyCode::Char('j') => Message::Down,
            KeyCode::Char('c') if model.overlay() == Overlay::Card => Message::Copy,
            _ => Message::Dismiss,
        });
    }
    if model.overlay() == Overlay::SaveDir {
        return match key.code {
            KeyCode::Enter => Some(Message::Confirm),
            KeyCode::Esc => Some(Message::Dismiss),
            KeyCode::Backspace => Some(Message::Erase),
            KeyCode::Char(c) => Some(Message::Type(c)),
            _ => None,
        };
    }
    if model.screen() == Screen::Resume {
        return match key.code {
            KeyCode::Enter | KeyCode::Char('y' | 'Y') => Some(Message::Yes),
            KeyCode::Char('n' | 'N') => Some(Message::No),
            KeyCode::Char('q') | KeyCode::Esc => Some(Message::Quit),
            // The resume screen's text scrolls on a small terminal.
            KeyCode::Up | KeyCode::Char('k') => Some(Message::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Message::Down),
            KeyCode::PageUp => Some(Message::PageUp),
            KeyCode::PageDown => Some(Message::PageDown),
            KeyCode::Home | KeyCode::Char('g') => Some(Message::Home),
            KeyCode::End | KeyCode::Char('G') => Some(Message::End),
            _ => None,
        };
    }
    let m = match key.code {
        KeyCode::Up | KeyCode::Char('k') => Message::Up,
        KeyCode::Down | KeyCode::Char('j') => Message::Down,
        KeyCode::Char(c @ '1'..='9') => Message::Choose(c as usize - '0' as usize),
        KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => Message::Confirm,
        KeyCode::Left | KeyCode::Char('h') | KeyCode::Backspace => Message::Back,
        KeyCode::Char('s') => Message::Skip,
        KeyCode::Char('e' | ' ') if model.screen() == Screen::Review => Message::Edit,
        KeyCode::PageUp => Message::PageUp,
        KeyCode::PageDown => Message::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Message::Home,
        KeyCode::End | KeyCode::Char('G') => Message::End,
        KeyCode::Char('?') => Message::ToggleHelp,
        KeyCode::Char('q') | KeyCode::Esc => Message::Quit,
        KeyCode::Char('c') => Message::Copy,
        KeyCode::Char('v') => Message::ViewCard,
        KeyCode::Char('w') => Message::Write,
        KeyCode::Char('W') => Message::WriteTo,
        KeyCode::Char('r') => Message::ShowQr,
        _ => return None,
    };
    Some(m)
}

/// Keys of [`HELP`] that act on the host, hidden over SSH.
pub const LOCAL_ONLY: &[&str] = &["w", "W", "Ctrl-Z"];

/// Every key, for the help overlay: `(keys, the catalogue message saying
/// what they do)`.
pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  k j", "help-move"),
    ("1 – 9", "help-number"),
    ("Enter → l", "help-confirm"),
    ("← h Backspace", "help-back"),
    ("s", "help-skip"),
    ("e Space", "help-change"),
    ("PgUp PgDn g G", "help-scroll-results"),
    ("c", "help-copy"),
    ("v", "help-view-card"),
    ("w", "help-write"),
    ("W", "help-write-elsewhere"),
    ("r", "help-qr"),
    ("?", "help-this"),
    ("q Esc Ctrl-C", "help-quit"),
    ("Ctrl-L", "help-repaint"),
    ("Ctrl-Z", "help-suspend"),
];
