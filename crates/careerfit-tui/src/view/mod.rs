//! `view`: draws a [`Model`] into a frame with ratatui's widgets, one file
//! per screen. Layout is computed from the frame's area on every draw, so
//! resizing just works and nothing laid out can go stale. The only thing a
//! frame writes back is what scrolling needs to know about the text it
//! showed (see [`Scroll`](super::model::Scroll)), as ratatui's own stateful
//! widgets do.

mod clear;
mod overlay;
mod question;
mod results;
mod review;
mod small;
mod welcome;

pub use results::ResultsScreen;

use super::model::{Model, Panel, Popup, Scroll, Stage};
use super::theme::Theme;
use careerfit_core::i18n::Lang;
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};
use std::borrow::Cow;

/// Smallest terminal the quiz draws in; below it a notice asks for more room.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;

/// Largest area the quiz draws in; a bigger window shows it centred, the
/// rest blank (see [`bounds`](crate::bounds)). Nothing in the quiz needs
/// more: the widest layouts begin at 110 columns (the results in two
/// columns) and 100×30 (the wide margins), the overlays are at most 76
/// wide, and a line of text longer than about 150 columns is hard to read
/// anyway. At this size every screen of the default quiz shows all its
/// text without scrolling (tests/tui_snapshots.rs checks it). It is 8,000
/// cells, where a 300×120 window is 36,000, each kept twice by ratatui.
pub const MAX_WIDTH: u16 = 160;
pub const MAX_HEIGHT: u16 = 50;
/// [`MAX_WIDTH`] × [`MAX_HEIGHT`], as a size.
pub const MAX: ratatui::layout::Size = ratatui::layout::Size::new(MAX_WIDTH, MAX_HEIGHT);

/// Draws the whole UI for the model. It takes the model mutably only so
/// that scroll positions learn how much text the frame had.
pub fn view(m: &mut Model, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        small::draw(m, f, area);
        return;
    }
    match m.stage {
        Stage::Welcome { .. } | Stage::Resume { .. } => welcome::draw(m, f, area),
        Stage::Question(_) => question::draw(m, f, area),
        Stage::Review(_) => review::draw(m, f, area),
        Stage::Results(_) => {
            let screen = ResultsScreen::new(m, area);
            if let Stage::Results(fin) = &mut m.stage {
                f.render_stateful_widget(screen, area, &mut fin.scroll);
            }
        }
    }
    let t = m.theme;
    if let Stage::Results(fin) = &mut m.stage {
        match &mut fin.panel {
            Some(Panel::Card(scroll)) => {
                let mut scroll = *scroll;
                overlay::card(&t, m.lang, fin, &mut scroll, f, area);
                fin.panel = Some(Panel::Card(scroll));
            }
            Some(Panel::Qr(scroll)) => {
                let mut scroll = *scroll;
                overlay::qr(&t, m.lang, fin, &mut scroll, f, area);
                fin.panel = Some(Panel::Qr(scroll));
            }
            Some(Panel::SaveDir) => overlay::save_dir(&t, m.lang, fin, f, area),
            None => {}
        }
    }
    match &mut m.popup {
        Some(Popup::Help(scroll)) => overlay::help(&t, m.lang, m.remote, scroll, f, area),
        Some(Popup::ConfirmQuit) => overlay::confirm_quit(m, f, area),
        None => {}
    }
}

/// Splits a screen into a one-line header, a body and a one-line footer,
/// with a margin that shrinks on small terminals (the compact layout).
pub(crate) fn frame_areas(area: Rect) -> (Rect, Rect, Rect) {
    let margin = if area.width >= 100 && area.height >= 30 {
        2
    } else {
        1
    };
    let inner = Rect {
        x: area.x + margin,
        y: area.y,
        width: area.width.saturating_sub(margin * 2),
        height: area.height,
    };
    if inner.height >= 4 {
        // What the layout below gives whenever everything fits, worked out
        // directly: on the first frame the constraint solver behind
        // `Layout` was a tenth of start-up (callgrind), before its cache
        // has anything in it. A test checks both agree.
        let row = |dy: u16, height: u16| Rect {
            y: inner.y + dy,
            height,
            ..inner
        };
        let h = inner.height;
        return (row(0, 2), row(2, h - 3), row(h - 1, 1));
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    (header, body, footer)
}

/// A footer of `key description` pairs, keys highlighted, in one line of
/// `width` columns. Screens list their pairs most needed first and end
/// with `?` help and `q` quit; when they do not all fit, pairs are left
/// out from the one before those two backwards. The help lists every key,
/// so no key becomes unreachable on a narrow terminal, where a cut-off
/// `? he` would have hidden exactly that. Each description is a
/// catalogue message, said in `lang`.
pub(crate) fn footer(t: &Theme, lang: Lang, pairs: &[(&str, &str)], width: u16) -> Line<'static> {
    let mut pairs = said(lang, pairs);
    while pairs.len() > 2 && pairs_width(&pairs) > usize::from(width) {
        pairs.remove(pairs.len() - 3);
    }
    footer_line(t, &pairs)
}

/// The pairs with their descriptions looked up in the catalogue.
fn said(lang: Lang, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, d)| ((*k).to_owned(), lang.t(d)))
        .collect()
}

/// One line of pairs, as they are.
fn footer_line(t: &Theme, pairs: &[(String, String)]) -> Line<'static> {
    let mut spans = Vec::with_capacity(pairs.len() * 4);
    for (i, (k, d)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", t.muted));
        }
        spans.push(Span::styled(k.clone(), t.key));
        spans.push(Span::styled(" ", t.muted));
        spans.push(Span::styled(d.clone(), t.muted));
    }
    Line::from(spans)
}

/// Columns the pairs take in one line, two spaces between pairs.
fn pairs_width(pairs: &[(String, String)]) -> usize {
    let text: usize = pairs
        .iter()
        .map(|(k, d)| careerfit_core::text::width(k) + 1 + careerfit_core::text::width(d))
        .sum();
    text + 2 * pairs.len().saturating_sub(1)
}

/// `key description` pairs packed into as many lines of `width` columns
/// as they need, never splitting a pair, for key hints inside a text that
/// scrolls (where every line must be a line of the screen).
pub(crate) fn pairs_wrapped(
    t: &Theme,
    lang: Lang,
    pairs: &[(&str, &str)],
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut row: Vec<(String, String)> = Vec::new();
    for pair in said(lang, pairs) {
        row.push(pair);
        if row.len() > 1 && pairs_width(&row) > usize::from(width) {
            let last = row.pop();
            lines.push(footer_line(t, &row));
            row = last.into_iter().collect();
        }
    }
    if !row.is_empty() {
        lines.push(footer_line(t, &row));
    }
    lines
}

/// Lines of text, already wrapped to the width they are drawn in,
/// scrolled by a [`Scroll`]. When they do not fit, the last row says how
/// much is above and below and which keys scroll: a cut-off text must
/// never look complete (issue 20: the welcome screen ended mid-disclaimer
/// with no hint).
pub(crate) struct Scrolled<'k> {
    pub theme: Theme,
    pub lines: Vec<Line<'static>>,
    /// The keys that scroll this text, for the marker row.
    pub keys: &'k str,
    /// The language of the marker row.
    pub lang: Lang,
}

impl StatefulWidget for Scrolled<'_> {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let total = self.lines.len();
        if total <= usize::from(area.height) || area.height < 2 {
            scroll.fit(total, area.height);
            Paragraph::new(self.lines).render(area, buf);
            return;
        }
        let rows = area.height - 1;
        let offset = scroll.fit(total, rows);
        let text = Rect {
            height: rows,
            ..area
        };
        Paragraph::new(self.lines)
            .scroll((offset, 0))
            .render(text, buf);
        let below = total.saturating_sub(usize::from(offset) + usize::from(rows));
        let marker = more_marker(self.lang, usize::from(offset), below, self.keys);
        let marker = careerfit_core::text::truncate(&marker, usize::from(area.width));
        let row = Rect {
            y: area.y + rows,
            height: 1,
            ..area
        };
        Paragraph::new(Line::styled(marker, self.theme.accent)).render(row, buf);
    }
}

/// Draws [`Scrolled`] text into a frame.
pub(crate) fn scrolled(
    t: &Theme,
    lang: Lang,
    lines: Vec<Line<'static>>,
    scroll: &mut Scroll,
    keys: &str,
    f: &mut Frame,
    area: Rect,
) {
    let widget = Scrolled {
        theme: *t,
        lines,
        keys,
        lang,
    };
    f.render_stateful_widget(widget, area, scroll);
}

/// "↑ 3 more above · ↓ 2 more below (keys)": what a scrolled part hides.
pub(crate) fn more_marker(lang: Lang, above: usize, below: usize, keys: &str) -> String {
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(tr!(lang, "more-above", n = above));
    }
    if below > 0 {
        parts.push(tr!(lang, "more-below-count", n = below));
    }
    let mut s = parts.join(" · ");
    if !s.is_empty() && !keys.is_empty() {
        s.push_str(&format!(" ({keys})"));
    }
    s
}

/// The header line: quiz title on the left, `right` on the right.
pub(crate) fn header(t: &Theme, title: &str, right: &str, width: u16) -> Paragraph<'static> {
    Paragraph::new(header_line(t, title, right, width))
}

/// The line [`header`] shows, for screens that draw it themselves.
pub(crate) fn header_line(t: &Theme, title: &str, right: &str, width: u16) -> Line<'static> {
    let right_w = careerfit_core::text::width(right);
    let room = (width as usize).saturating_sub(right_w + 2);
    let left = careerfit_core::text::truncate(title, room);
    let gap = (width as usize).saturating_sub(careerfit_core::text::width(&left) + right_w);
    Line::from(vec![
        Span::styled(left, t.title),
        Span::raw(spaces(gap)),
        Span::styled(right.to_string(), t.muted),
    ])
}

/// `n` spaces, borrowed for the widths a terminal has.
pub(crate) fn spaces(n: usize) -> Cow<'static, str> {
    const SPACES: &str = match str::from_utf8(&[b' '; 512]) {
        Ok(s) => s,
        Err(_) => "",
    };
    match SPACES.get(..n) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(" ".repeat(n)),
    }
}

/// Wrapped lines of `text` in `style`, each one a ratatui line.
pub(crate) fn wrapped(text: &str, width: u16, style: Style, indent: &str) -> Vec<Line<'static>> {
    let w = (width as usize)
        .saturating_sub(careerfit_core::text::width(indent))
        .max(1);
    careerfit_core::text::wrap(text, w)
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{indent}{l}"), style)))
        .collect()
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests;
