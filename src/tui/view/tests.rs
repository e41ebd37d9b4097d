//! Frames that skip work must still come out cell for cell the same.

use super::*;
use crate::tui::model::{Model, Overlay, Screen};
use crate::tui::msg::Message;
use crate::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use std::sync::Arc;

fn results(overlay: Overlay) -> Model {
    let quiz = crate::core::load::load(crate::bundled::BUNDLED[0].2.as_bytes()).unwrap();
    let mut m = Model::new(Arc::new(quiz), None, Theme::color());
    let r = crate::core::report::build(&m.quiz, &m.answers, Some("Sam"));
    m.card = crate::core::card::text_card(&r, false);
    m.qr = crate::core::qr::qr_lines(&r.share_code);
    m.report = Some(r);
    m.screen = Screen::Results;
    m.overlay = overlay;
    m
}

fn frame(w: u16, h: u16, draw: impl FnOnce(&mut Frame)) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(draw).unwrap();
    t.backend().buffer().clone()
}

#[test]
fn the_results_under_an_overlay_leave_out_only_what_it_clears() {
    for overlay in [Overlay::Card, Overlay::SaveDir] {
        for (w, h) in [(120, 40), (80, 24), (50, 14), (200, 60), (60, 50)] {
            let mut m = results(overlay);
            update(&mut m, Message::Resize(w, h));
            assert!(overlay::cleared(&m, Rect::new(0, 0, w, h)).is_some());
            let fast = frame(w, h, |f| view(&m, f));
            // The screen drawn whole, then the overlay over it.
            let whole = frame(w, h, |f| {
                let area = f.area();
                results::draw(&m, f, area, None);
                match overlay {
                    Overlay::Card => overlay::card(&m, f, area),
                    _ => overlay::save_dir(&m, f, area),
                }
            });
            assert_eq!(fast, whole, "{overlay:?} at {w}x{h}");
        }
    }
}

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
