//! Drawing lines of styled text straight into the frame's buffer.
//!
//! Every frame is drawn whole (issue 8 asks for any screen in under
//! 250 µs), and most of a frame is text. `Paragraph` splits every span into
//! grapheme clusters, collects them per line and then writes them; for the
//! plain text the screens show, where each character is a cluster of its
//! own, that work is most of the frame. [`lines`] writes such spans
//! character by character and hands anything else to the same grapheme
//! iterator `Paragraph` uses, so the cells come out the same (the tests
//! below compare the two on mixed, wide, combining and control text).

use ratatui::Frame;
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use std::ops::Range;

/// Draws `lines` into `area` from its top row, one row each, cut at the
/// right edge: what `Paragraph::new(lines)` draws.
pub(crate) fn lines(f: &mut Frame, area: Rect, lines: &[Line<'_>]) {
    draw_into(f.buffer_mut(), area, lines, None);
}

/// [`lines`] under an overlay that clears `hidden` later in the frame:
/// cells in there are left alone, since whatever went there would be
/// cleared before anyone sees it. The rest of the area comes out the same.
pub(crate) fn lines_under(f: &mut Frame, area: Rect, lines: &[Line<'_>], hidden: Option<Rect>) {
    draw_into(f.buffer_mut(), area, lines, hidden);
}

/// `lines` in a bordered box with `title`: what `Paragraph::new(lines)`
/// with `Block::bordered().border_style(border).title(title)` draws.
pub(crate) fn framed(
    f: &mut Frame,
    area: Rect,
    border: Style,
    title: Line<'_>,
    lines: &[Line<'_>],
) {
    framed_into(f.buffer_mut(), area, border, title, lines);
}

/// What `Paragraph::new(lines).wrap(Wrap { trim: false })` draws.
pub(crate) fn wrapped(f: &mut Frame, area: Rect, lines: &[Line<'_>]) {
    wrapped_into(f.buffer_mut(), area, lines);
}

/// `lines` in `block`: what `Paragraph::new(lines).block(block)` draws.
fn boxed_into(buf: &mut Buffer, area: Rect, block: Block<'_>, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    let inner = block.inner(area);
    block.render(area, buf);
    draw_into(buf, inner, lines, None);
}

/// `Block` first sets the style of every cell in the box (a no-op for the
/// default style, but a pass over the whole box); this draws only the
/// border, then lets a borderless `Block` draw the title where the bordered
/// one would.
fn framed_into(buf: &mut Buffer, area: Rect, border: Style, title: Line<'_>, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        let block = Block::bordered().border_style(border).title(title);
        boxed_into(buf, area, block, lines);
        return;
    }
    let set = ratatui::symbols::border::PLAIN;
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        buf[(x, y)].set_symbol(symbol).set_style(border);
    };
    for y in top + 1..bottom {
        put(left, y, set.vertical_left);
        put(right, y, set.vertical_right);
    }
    for x in left + 1..right {
        put(x, top, set.horizontal_top);
        put(x, bottom, set.horizontal_bottom);
    }
    put(right, bottom, set.bottom_right);
    put(right, top, set.top_right);
    put(left, bottom, set.bottom_left);
    put(left, top, set.top_left);
    let title_row = Rect::new(left + 1, top, area.width - 2, 1);
    Block::new().title(title).render(title_row, buf);
    let inner = Rect::new(left + 1, top + 1, area.width - 2, area.height - 2);
    draw_into(buf, inner, lines, None);
}

/// When every line fits the width, wrapping changes nothing and the lines
/// are drawn as they are; otherwise `Paragraph` does the wrapping.
fn wrapped_into(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    if lines.iter().all(|l| fits(l, area.width)) {
        draw_into(buf, area, lines, None);
    } else {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}

fn draw_into(buf: &mut Buffer, area: Rect, lines: &[Line<'_>], hidden: Option<Rect>) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    if lines
        .iter()
        .any(|l| l.alignment.is_some_and(|a| a != Alignment::Left))
    {
        Paragraph::new(lines.to_vec()).render(area, buf);
        return;
    }
    let width = usize::from(area.width);
    let hidden = hidden
        .map(|h| h.intersection(area))
        .filter(|h| !h.is_empty());
    for (y, line) in (area.top()..area.bottom()).zip(lines) {
        // Columns of this row under the overlay, counted from the area's left.
        let skip = match hidden {
            Some(h) if (h.top()..h.bottom()).contains(&y) => {
                usize::from(h.left() - area.left())..usize::from(h.right() - area.left())
            }
            _ => 0..0,
        };
        if skip == (0..width) {
            continue;
        }
        let start = buf.index_of(area.x, y);
        let mut row = Row {
            cells: &mut buf.content[start..start + width],
            used: 0,
            hidden: skip,
        };
        row.line(line);
    }
}

/// The cells of one row of the area, filled from the left.
struct Row<'b> {
    cells: &'b mut [Cell],
    used: usize,
    /// Columns to leave alone (see [`lines_under`]).
    hidden: Range<usize>,
}

impl Row<'_> {
    /// Mirrors ratatui's `LineTruncator` and `render_line`: a cluster wider
    /// than the whole row is left out, the first one that does not fit ends
    /// the line, and zero-width clusters take no cell.
    fn line(&mut self, line: &Line<'_>) {
        let base = Style::default().patch(line.style);
        for span in &line.spans {
            if self.hidden.end == self.cells.len() && self.used >= self.hidden.start {
                return; // the rest of the row is hidden
            }
            let text = span.content.as_ref();
            let style = base.patch(span.style);
            let done = if text.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
                self.ascii(text, style)
            } else if text.chars().all(stands_alone) {
                self.alone(text, style)
            } else {
                span.styled_graphemes(base)
                    .all(|g| self.put(g.symbol, g.style))
            };
            if !done {
                return;
            }
        }
    }

    /// Characters that stand alone: runs of ASCII (printable, as no
    /// control character stands alone) one cell a byte, others one by one.
    fn alone(&mut self, mut text: &str, style: Style) -> bool {
        while let Some(c) = text.chars().next() {
            let (symbol, rest) = match text.bytes().position(|b| !b.is_ascii()) {
                Some(0) => text.split_at(c.len_utf8()),
                Some(n) => text.split_at(n),
                None => text.split_at(text.len()),
            };
            let fits = if c.is_ascii() {
                self.ascii(symbol, style)
            } else {
                self.put_width(
                    symbol,
                    one_column(c).unwrap_or_else(|| symbol.cell_width()),
                    style,
                )
            };
            if !fits {
                return false;
            }
            text = rest;
        }
        true
    }

    /// Printable ASCII: one cell per byte. False when the row is full.
    fn ascii(&mut self, text: &str, style: Style) -> bool {
        let room = self.cells.len() - self.used;
        let n = text.len().min(room);
        let (start, end) = (self.used, self.used + n);
        // The columns before and after the hidden ones.
        let shown = [
            start..end.min(self.hidden.start),
            start.max(self.hidden.end)..end,
        ];
        for cols in shown {
            for x in cols {
                let i = x - start;
                self.cells[x].set_symbol(&text[i..=i]).set_style(style);
            }
        }
        self.used += n;
        n == text.len()
    }

    /// One cluster. False when it does not fit, which ends the line.
    fn put(&mut self, symbol: &str, style: Style) -> bool {
        self.put_width(symbol, symbol.cell_width(), style)
    }

    /// [`Row::put`] with the cluster's width already known.
    fn put_width(&mut self, symbol: &str, w: u16, style: Style) -> bool {
        let w = usize::from(w);
        if w > self.cells.len() {
            return true;
        }
        if self.used + w > self.cells.len() {
            return false;
        }
        if w > 0 {
            if !self.hidden.contains(&self.used) {
                self.cells[self.used].set_symbol(symbol).set_style(style);
            }
            self.used += w;
        }
        true
    }
}

/// The width of the frequent characters whose width is plain: Latin
/// letters and the box and block drawing of borders and bars (what
/// `cell_width` says for them, checked in the tests).
fn one_column(c: char) -> Option<u16> {
    matches!(c, '\u{A0}'..='\u{24F}' | '\u{2500}'..='\u{259F}').then_some(1)
}

/// Whether the line is at most `max` columns wide and made only of
/// characters that stand alone (so its width is the sum of theirs).
fn fits(line: &Line<'_>, max: u16) -> bool {
    let mut w = 0usize;
    for span in &line.spans {
        let text = span.content.as_ref();
        for (i, c) in text.char_indices() {
            if !stands_alone(c) {
                return false;
            }
            w += usize::from(text[i..i + c.len_utf8()].cell_width());
        }
    }
    w <= usize::from(max)
}

/// Characters that are always a grapheme cluster of their own, whatever
/// stands next to them, and are neither control characters nor zero
/// width: printable ASCII, Latin-1 and Latin Extended letters, general
/// punctuation, arrows and technical signs, box drawing, blocks,
/// geometric shapes and miscellaneous symbols. Checked against the
/// grapheme iterator for every character and pair in the tests.
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{24F}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2190}'..='\u{23FF}'
        | '\u{2500}'..='\u{26FF}')
}

#[cfg(test)]
mod tests;
