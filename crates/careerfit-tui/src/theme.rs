//! Styles by role, never raw colours at call sites, so `NO_COLOR` and
//! monochrome terminals get a readable UI from one switch.

use ratatui::style::{Color, Modifier, Style};

/// Every style the screens use, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub selected: Style,
    pub chosen: Style,
    pub key: Style,
    pub good: Style,
    pub warn: Style,
    pub bar: Style,
    pub border: Style,
}

impl Theme {
    /// Named ANSI colours only, so the terminal's own palette decides the look.
    pub fn color() -> Self {
        Theme {
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            accent: Style::new().fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            chosen: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bar: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
        }
    }

    /// No colour at all (honours `NO_COLOR`): meaning carried by modifiers and glyphs.
    pub fn mono() -> Self {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            text: plain,
            muted: plain.add_modifier(Modifier::DIM),
            accent: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            chosen: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            good: plain,
            warn: plain.add_modifier(Modifier::BOLD),
            bar: plain,
            border: plain,
        }
    }

    /// Colour unless the `NO_COLOR` convention (any non-empty value) says no.
    pub fn from_env(no_color: Option<&str>) -> Self {
        match no_color {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::color(),
        }
    }
}
