//! The area a full-screen program draws in: the whole window up to a cap,
//! and beyond it the cap, centred, with the rest of the window left blank.
//!
//! ratatui keeps two buffers of the drawn area (the frame being drawn and
//! the one on screen) and diffs them, so memory and drawing time follow the
//! area's size. Over SSH that is paid once per participant: at 300×120 a
//! session cost 3.4 MB against 375 KiB at 100×30 (issue 19). A quiz needs
//! no more than [`view::MAX_WIDTH`](crate::view::MAX_WIDTH) ×
//! [`view::MAX_HEIGHT`](crate::view::MAX_HEIGHT), so it draws through
//! ratatui's fixed viewport ([`Viewport::Fixed`]): the buffers have the
//! capped size, and the backend places every cell at its position in the
//! window. The local quiz and the SSH server both open their terminals with
//! [`bounded`], so both centre the same way.

use ratatui::backend::{Backend, ClearType};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

/// No cap: the program draws in the whole window (the workshop dashboard,
/// one per room and shown on a projector, where big digits use the room).
pub const UNBOUNDED: Size = Size::new(u16::MAX, u16::MAX);

/// The part of `window` a program capped at `max` draws in: the whole
/// window when it fits, otherwise at most `max`, centred (an odd leftover
/// column or row goes to the right or bottom margin).
pub fn drawn_area(window: Size, max: Size) -> Rect {
    let width = window.width.min(max.width);
    let height = window.height.min(max.height);
    Rect::new(
        (window.width - width) / 2,
        (window.height - height) / 2,
        width,
        height,
    )
}

/// A terminal on `backend`, whose window is `window`, that draws in
/// [`drawn_area`]. Opening one asks the backend nothing, so the SSH server
/// can open one per participant without touching its own tty.
pub fn bounded<B: Backend>(backend: B, window: Size, max: Size) -> Result<Terminal<B>, B::Error> {
    let viewport = Viewport::Fixed(drawn_area(window, max));
    Terminal::with_options(backend, TerminalOptions { viewport })
}

/// The window became `window`: clears all of it (margins included: the
/// terminal may have kept old cells there) and moves the drawn area, so the
/// next draw repaints every cell. The backend must already have the new
/// size (ratatui asks it while clearing).
pub fn refit<B: Backend>(term: &mut Terminal<B>, window: Size, max: Size) -> Result<(), B::Error> {
    let area = drawn_area(window, max);
    term.backend_mut().clear_region(ClearType::All)?;
    term.resize(area)?;
    // `Terminal::resize` moves a viewport that narrows to the top row
    // (right for inline viewports); a second call, no longer narrowing,
    // puts it where it belongs.
    if term.get_frame().area() != area {
        term.resize(area)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::{Block, Borders};

    const MAX: Size = Size::new(160, 50);

    #[test]
    fn windows_up_to_the_cap_are_drawn_whole_and_bigger_ones_centred() {
        assert_eq!(drawn_area(Size::new(80, 24), MAX), Rect::new(0, 0, 80, 24));
        assert_eq!(
            drawn_area(Size::new(160, 50), MAX),
            Rect::new(0, 0, 160, 50)
        );
        assert_eq!(
            drawn_area(Size::new(300, 120), MAX),
            Rect::new(70, 35, 160, 50)
        );
        assert_eq!(
            drawn_area(Size::new(161, 30), MAX),
            Rect::new(0, 0, 160, 30)
        );
        assert_eq!(
            drawn_area(Size::new(u16::MAX, u16::MAX), MAX),
            Rect::new(32687, 32742, 160, 50)
        );
        assert_eq!(drawn_area(Size::new(0, 0), MAX), Rect::ZERO);
        assert_eq!(
            drawn_area(Size::new(300, 120), UNBOUNDED),
            Rect::new(0, 0, 300, 120)
        );
    }

    /// Rows of the backend's buffer, as a terminal would show them.
    fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
        let b = t.backend().buffer();
        (0..b.area.height)
            .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
            .collect()
    }

    fn boxed(t: &mut Terminal<TestBackend>) {
        t.draw(|f| f.render_widget(Block::new().borders(Borders::ALL), f.area()))
            .unwrap();
    }

    #[test]
    fn the_buffers_have_the_capped_size_and_the_box_is_centred() {
        let max = Size::new(4, 3);
        let mut t = bounded(TestBackend::new(10, 7), Size::new(10, 7), max).unwrap();
        boxed(&mut t);
        assert_eq!(t.get_frame().area(), Rect::new(3, 2, 4, 3));
        assert_eq!(t.current_buffer_mut().content().len(), 12);
        let blank = " ".repeat(10);
        assert_eq!(
            rows(&t),
            [
                &blank,
                &blank,
                "   ┌──┐   ",
                "   │  │   ",
                "   └──┘   ",
                &blank,
                &blank
            ]
        );
    }

    #[test]
    fn resizes_past_the_cap_and_below_it_repaint_in_the_right_place() {
        let max = Size::new(4, 3);
        let mut t = bounded(TestBackend::new(10, 7), Size::new(10, 7), max).unwrap();
        boxed(&mut t);
        // Narrower and shorter than the cap: the whole window.
        for (w, h, area) in [
            (3, 2, Rect::new(0, 0, 3, 2)),
            (9, 9, Rect::new(2, 3, 4, 3)),
            (6, 9, Rect::new(1, 3, 4, 3)),
            // Narrower than the cap but taller: the area narrows, and
            // must stay in the middle, not move to the top.
            (3, 9, Rect::new(0, 3, 3, 3)),
            (4, 3, Rect::new(0, 0, 4, 3)),
        ] {
            t.backend_mut().resize(w, h);
            refit(&mut t, Size::new(w, h), max).unwrap();
            boxed(&mut t);
            assert_eq!(t.get_frame().area(), area, "{w}x{h}");
            let mut want = Terminal::new(TestBackend::new(w, h)).unwrap();
            want.draw(|f| f.render_widget(Block::new().borders(Borders::ALL), area))
                .unwrap();
            assert_eq!(rows(&t), rows(&want), "{w}x{h}");
        }
    }
}
