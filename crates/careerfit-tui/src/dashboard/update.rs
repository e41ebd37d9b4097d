//! The pure half of the dashboard: keys become messages, messages change
//! the model and may ask for effects. No I/O here.

use super::model::{Effect, Model, Msg};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The message a key press means, if any.
pub fn message_for(k: KeyEvent) -> Option<Msg> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Char('c') if ctrl => Some(Msg::Quit),
        _ if ctrl => None,
        KeyCode::Char('r' | 'R') => Some(Msg::ToggleReveal),
        KeyCode::Char('e' | 'E') => Some(Msg::Export),
        KeyCode::Char('q' | 'Q') | KeyCode::Esc => Some(Msg::Quit),
        _ => None,
    }
}

/// Applies one message.
pub fn update(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::ToggleReveal => {
            m.revealed = !m.revealed;
            vec![]
        }
        Msg::Export => vec![Effect::Export],
        Msg::Quit => vec![Effect::Quit],
        Msg::FilesChanged => vec![Effect::Rescan],
        Msg::Scanned(agg) => {
            m.agg = agg;
            vec![]
        }
        Msg::Status(s) => {
            m.status = Some(s);
            vec![]
        }
        Msg::Link(link) => {
            m.link = link;
            vec![]
        }
    }
}
