//! The notice shown when the terminal is below the minimum size.

use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::model::Model;
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = vec![
        Line::styled(m.lang.t("small-title"), m.theme.warn),
        Line::styled(
            tr!(m.lang, "small-need", w = MIN_WIDTH, h = MIN_HEIGHT),
            m.theme.text,
        ),
        Line::styled(
            tr!(m.lang, "small-have", w = area.width, h = area.height),
            m.theme.muted,
        ),
        Line::styled(m.lang.t("small-quit"), m.theme.muted),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
