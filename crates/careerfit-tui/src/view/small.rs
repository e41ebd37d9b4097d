//! The notice shown when the terminal is below the minimum size.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::model::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = vec![
        Line::styled("Terminal too small", m.theme.warn),
        Line::styled(format!("need {MIN_WIDTH}×{MIN_HEIGHT}"), m.theme.text),
        Line::styled(
            format!("have {}×{}", area.width, area.height),
            m.theme.muted,
        ),
        Line::styled("q quits", m.theme.muted),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
