//! The frame split worked out directly must match the layout solver.

use super::*;

#[test]
fn frame_areas_match_the_layout_solver_at_every_size() {
    for w in 0..130u16 {
        for h in 0..45u16 {
            let area = Rect::new(3, 5, w, h);
            let (head, body, foot) = frame_areas(area);
            let margin = if w >= 100 && h >= 30 { 2 } else { 1 };
            let inner = Rect::new(3 + margin, 5, w.saturating_sub(margin * 2), h);
            let [h2, b2, f2] = Layout::vertical([
                Constraint::Length(2),
                Constraint::Min(1),
                Constraint::Length(1),
            ])
            .areas(inner);
            assert_eq!((head, body, foot), (h2, b2, f2), "{w}x{h}");
        }
    }
}
