//! Boxes over the current screen: help, quit confirmation, the text card
//! and the QR code.

use super::{centered, wrapped};
use crate::keys::{HELP, LOCAL_ONLY};
use crate::model::{Finished, Model, Scroll};
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::borrow::Cow;

fn title(t: &Theme, title: &str) -> Line<'static> {
    Line::from(Span::styled(format!(" {title} "), t.title))
}

/// The bordered box every overlay is drawn in.
fn boxed<'a>(t: &Theme, title_text: &str) -> Block<'a> {
    Block::bordered()
        .border_style(t.border)
        .title(title(t, title_text))
}

/// `lines` in a box titled `heading`, over whatever is under `rect`.
fn framed(f: &mut Frame, rect: Rect, t: &Theme, heading: &str, lines: Vec<Line<'_>>) {
    f.render_widget(Clear, rect);
    f.render_widget(Paragraph::new(lines).block(boxed(t, heading)), rect);
}

/// Rows inside a box of `rect`'s height.
fn inner_rows(rect: Rect) -> u16 {
    rect.height.saturating_sub(2)
}

/// The keys, without those that act on the host when `remote`.
pub fn help(t: &Theme, remote: bool, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    let key_w = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = HELP
        .iter()
        .filter(|(k, _)| !(remote && LOCAL_ONLY.contains(k)))
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), t.key),
                Span::styled(d.to_string(), t.text),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(" any key closes this help", t.muted));
    let rect = centered(
        area,
        70,
        u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2),
    );
    let offset = scroll.fit(lines.len(), inner_rows(rect));
    lines.drain(..usize::from(offset));
    framed(f, rect, t, "Keys", lines);
}

pub fn confirm_quit(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let lines = vec![
        Line::styled(
            format!(
                "You have answered {} of {} questions.",
                m.answered(),
                m.answers.len()
            ),
            t.text,
        ),
        Line::styled("Your progress is saved; you can resume next time.", t.muted),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", t.key),
            Span::styled(" quit   ", t.text),
            Span::styled("n", t.key),
            Span::styled(" keep going", t.text),
        ]),
    ];
    let rect = centered(area, 58, 6);
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(boxed(t, "Quit the quiz?"))
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// The text card made with the result, scrolled by `scroll`.
pub fn card(t: &Theme, fin: &Finished, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let rows = inner_rows(rect);
    let offset = scroll.fit(fin.card.lines().count(), rows);
    // Only the rows that show, borrowed from the card.
    let lines: Vec<Line> = fin
        .card
        .lines()
        .skip(usize::from(offset))
        .take(usize::from(rows))
        .map(|l| Line::styled(l, t.text))
        .collect();
    let heading = "Text card · ↑↓ scroll · c copy · any other key closes";
    framed(f, rect, t, heading, lines);
}

/// The QR code's rows and the share code under them.
fn qr_lines<'a>(t: &Theme, fin: &'a Finished) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = match &fin.qr {
        Some(rows) => rows.iter().map(|r| Line::raw(r.as_str())).collect(),
        None => vec![Line::raw("This code is too long for a QR code.")],
    };
    lines.push(Line::styled(fin.report.share_code.as_str(), t.key));
    lines
}

/// The QR box and the width the lines need inside it.
fn qr_rect(area: Rect, lines: &[Line]) -> (Rect, u16) {
    let w = lines.iter().map(|l| l.width() as u16).max().unwrap_or(0) + 2;
    (centered(area, w.max(30), lines.len() as u16 + 2), w)
}

/// The share code cut into rows of at most `w` characters, so a code too
/// long for one line is shown whole (codes are ASCII: letters, digits and
/// dashes).
pub fn code_rows(code: &str, w: usize) -> Vec<&str> {
    if !code.is_ascii() {
        return vec![code];
    }
    let w = w.max(1);
    (0..code.len())
        .step_by(w)
        .map(|i| &code[i..(i + w).min(code.len())])
        .collect()
}

/// The share code as the results screen's one code line shows it: whole
/// when it fits in `width` columns (with its label and the scroll hint),
/// otherwise a pointer to the QR view, which shows it wrapped. A long code
/// was cut off at the edge.
pub fn code_in_line(code: &str, width: u16) -> Cow<'_, str> {
    let room = usize::from(width).saturating_sub("Share code ".len() + "  ↓ more".len());
    if code.chars().count() <= room {
        Cow::Borrowed(code)
    } else {
        Cow::Owned(format!(
            "{} characters, too long for this line: press r to see it",
            code.len()
        ))
    }
}

/// A code too long for a QR code: said so, and the code itself wrapped,
/// scrolled by `scroll` when it is taller than the terminal.
fn long_code(t: &Theme, code: &str, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(76);
    let inner = w.saturating_sub(2);
    let note = format!(
        "This code has {} characters, too many for a QR code. Copy it with c on the text card (v), or from here:",
        code.len()
    );
    let mut lines = wrapped(&note, inner, t.warn, "");
    lines.push(Line::raw(""));
    lines.extend(
        code_rows(code, usize::from(inner))
            .into_iter()
            .map(|r| Line::styled(r, t.key)),
    );
    let rect = centered(
        area,
        w,
        (lines.len() as u16).saturating_add(2).min(area.height),
    );
    let offset = scroll.fit(lines.len(), inner_rows(rect));
    lines.drain(..usize::from(offset).min(lines.len()));
    framed(
        f,
        rect,
        t,
        "Share code · ↑↓ scroll · any other key closes",
        lines,
    );
}

pub fn qr(t: &Theme, fin: &Finished, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    if fin.qr.is_none() {
        return long_code(t, &fin.report.share_code, scroll, f, area);
    }
    let lines = qr_lines(t, fin);
    let (rect, w) = qr_rect(area, &lines);
    if rect.height < lines.len() as u16 + 2 || rect.width < w {
        f.render_widget(Clear, rect);
        f.render_widget(
            Paragraph::new(vec![
                Line::raw("Make the terminal larger to show the QR code."),
                Line::styled(fin.report.share_code.as_str(), t.key),
            ])
            .block(boxed(t, "QR"))
            .wrap(Wrap { trim: true }),
            rect,
        );
        return;
    }
    framed(f, rect, t, "Scan the share code", lines);
}

pub fn save_dir(t: &Theme, fin: &Finished, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(76);
    let shown = careerfit_core::text::truncate(&fin.save_input, w.saturating_sub(6) as usize);
    let lines = vec![
        Line::styled(
            "Folder to write the result files and card image into:",
            t.text,
        ),
        Line::from(vec![
            Span::styled("> ", t.key),
            Span::styled(shown, t.title),
            Span::styled("▏", t.accent),
        ]),
        Line::styled("Enter save · Esc cancel", t.muted),
    ];
    framed(f, centered(area, w, 5), t, "Save result", lines);
}
