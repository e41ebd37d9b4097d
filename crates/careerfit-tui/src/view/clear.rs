//! [`Clear`] that also mends wide characters cut by the cleared area's
//! edges, so an overlay's border stays straight over Japanese text.
//!
//! ratatui's `Clear` resets only the cells inside its area (ratatui issue
//! #2526; the fix, PR #2628, is not released). A two-column character just
//! left of the area keeps drawing its right half over the overlay's left
//! border, and one whose left half was inside leaves its right half
//! orphaned just past the right edge. Both are replaced by a blank. Drop
//! this widget for `Clear` once ratatui fixes the issue.

use careerfit_core::text::width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// Clears `area` like [`Clear`], mending the wide characters it cuts.
pub struct ClearWide;

impl Widget for ClearWide {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        for y in area.top()..area.bottom() {
            // A wide character starting just left of the area covers its
            // first column.
            if area.x > buf.area.x
                && let Some(cell) = buf.cell_mut((area.x - 1, y))
                && width(cell.symbol()) > 1
            {
                cell.reset();
            }
            // A wide character starting in the last column covers the
            // first one outside: once cleared, its right half must go too.
            let last = area.right() - 1;
            let cut = buf.cell((last, y)).is_some_and(|c| width(c.symbol()) > 1);
            if cut
                && area.right() < buf.area.right()
                && let Some(cell) = buf.cell_mut((area.right(), y))
            {
                cell.reset();
            }
        }
        Clear.render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect()
    }

    #[test]
    fn a_wide_character_just_left_of_the_area_is_blanked() {
        // 字 at columns 3–4; the overlay starts at column 4.
        let mut buf = Buffer::with_lines(["abc字de"]);
        ClearWide.render(Rect::new(4, 0, 2, 1), &mut buf);
        assert_eq!(row(&buf, 0), "abc   e");
        // Plain Clear leaves the glyph, whose right half covers column 4.
        let mut plain = Buffer::with_lines(["abc字de"]);
        Clear.render(Rect::new(4, 0, 2, 1), &mut plain);
        assert_eq!(plain[(3, 0)].symbol(), "字");
    }

    #[test]
    fn a_wide_character_cut_by_the_right_edge_loses_its_right_half() {
        // 字 at columns 3–4; the overlay covers columns 0–3.
        let mut buf = Buffer::with_lines(["abc字d"]);
        ClearWide.render(Rect::new(0, 0, 4, 1), &mut buf);
        assert_eq!(row(&buf, 0), "     d");
    }

    #[test]
    fn narrow_neighbours_and_buffer_edges_are_left_alone() {
        let mut buf = Buffer::with_lines(["abcdef"]);
        ClearWide.render(Rect::new(2, 0, 2, 1), &mut buf);
        assert_eq!(row(&buf, 0), "ab  ef");
        let mut edge = Buffer::with_lines(["字字"]);
        ClearWide.render(Rect::new(0, 0, 4, 1), &mut edge);
        assert_eq!(row(&edge, 0), "    ");
        ClearWide.render(Rect::new(0, 0, 9, 3), &mut edge);
    }
}
