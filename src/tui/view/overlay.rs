//! Boxes over the current screen: help, quit confirmation, the text card
//! and the QR code.

use super::{centered, paint, wrapped};
use crate::tui::keys::{HELP, LOCAL_ONLY};
use crate::tui::model::{Model, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::borrow::Cow;

fn title(m: &Model, title: &str) -> Line<'static> {
    Line::from(Span::styled(format!(" {title} "), m.theme.title))
}

fn boxed<'a>(m: &Model, title_text: &'a str) -> Block<'a> {
    Block::bordered()
        .border_style(m.theme.border)
        .title(title(m, title_text))
}

/// The box the overlay on screen clears, worked out as its drawing does, so
/// the screen under it can leave those cells alone (`paint::lines_under`).
/// `None` leaves nothing out.
pub fn cleared(m: &Model, area: Rect) -> Option<Rect> {
    // The QR box is small, so it is left out: working out its size
    // costs about what it saves.
    m.report.as_ref()?;
    match m.overlay {
        Overlay::Card => Some(card_rect(area)),
        Overlay::SaveDir => Some(save_dir_rect(area)),
        _ => None,
    }
}

pub fn help(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let key_w = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = HELP
        .iter()
        .filter(|(k, _)| !(m.remote && LOCAL_ONLY.contains(k)))
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), t.key),
                Span::styled(d.to_string(), t.text),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(" any key closes this help", t.muted));
    let rect = centered(area, 70, lines.len() as u16 + 2);
    f.render_widget(Clear, rect);
    let shown = lines.get(usize::from(m.scroll)..).unwrap_or_default();
    paint::framed(f, rect, m.theme.border, title(m, "Keys"), shown);
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
            .block(boxed(m, "Quit the quiz?"))
            .wrap(Wrap { trim: true }),
        rect,
    );
}

pub fn card(m: &Model, f: &mut Frame, area: Rect) {
    if m.report.is_none() {
        return;
    }
    let rect = card_rect(area);
    let rows = rect.height.saturating_sub(2);
    let max = (m.card.lines().count() as u16).saturating_sub(rows);
    // Only the rows that show, borrowed from the card made with the result.
    let lines: Vec<Line> = m
        .card
        .lines()
        .skip(usize::from(m.scroll.min(max)))
        .take(usize::from(rows))
        .map(|l| Line::styled(l, m.theme.text))
        .collect();
    f.render_widget(Clear, rect);
    let heading = "Text card · ↑↓ scroll · c copy · any other key closes";
    paint::framed(f, rect, m.theme.border, title(m, heading), &lines);
}

fn card_rect(area: Rect) -> Rect {
    centered(area, 76, area.height.saturating_sub(2))
}

/// The QR code's rows and the share code under them.
fn qr_lines<'a>(m: &'a Model, code: &'a str) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = match &m.qr {
        Some(rows) => rows.iter().map(|r| Line::raw(r.as_str())).collect(),
        None => vec![Line::raw("This code is too long for a QR code.")],
    };
    lines.push(Line::styled(code, m.theme.key));
    lines
}

/// The QR box and the width the lines need inside it.
fn qr_rect(area: Rect, lines: &[Line]) -> (Rect, u16) {
    let w = lines.iter().map(|l| l.width() as u16).max().unwrap_or(0) + 2;
    (centered(area, w.max(30), lines.len() as u16 + 2), w)
}

fn save_dir_rect(area: Rect) -> Rect {
    centered(area, save_dir_width(area), 5)
}

fn save_dir_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(76)
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
/// scrolling with ↑↓ when it is taller than the terminal.
fn long_code(m: &Model, f: &mut Frame, area: Rect, code: &str) {
    let w = area.width.saturating_sub(4).min(76);
    let inner = w.saturating_sub(2);
    let note = format!(
        "This code has {} characters, too many for a QR code. Copy it with c on the text card (v), or from here:",
        code.len()
    );
    let mut lines = wrapped(&note, inner, m.theme.warn, "");
    lines.push(Line::raw(""));
    lines.extend(
        code_rows(code, usize::from(inner))
            .into_iter()
            .map(|r| Line::styled(r.to_string(), m.theme.key)),
    );
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    let rows = usize::from(h.saturating_sub(2));
    let first = usize::from(m.scroll).min(lines.len().saturating_sub(rows));
    f.render_widget(Clear, rect);
    paint::framed(
        f,
        rect,
        m.theme.border,
        title(m, "Share code · ↑↓ scroll · any other key closes"),
        &lines[first..],
    );
}

pub fn qr(m: &Model, f: &mut Frame, area: Rect) {
    let Some(r) = &m.report else { return };
    if m.qr.is_none() {
        return long_code(m, f, area, &r.share_code);
    }
    let lines = qr_lines(m, &r.share_code);
    let (rect, w) = qr_rect(area, &lines);
    f.render_widget(Clear, rect);
    if rect.height < lines.len() as u16 + 2 || rect.width < w {
        f.render_widget(
            Paragraph::new(vec![
                Line::raw("Make the terminal larger to show the QR code."),
                Line::styled(r.share_code.clone(), m.theme.key),
            ])
            .block(boxed(m, "QR"))
            .wrap(Wrap { trim: true }),
            rect,
        );
        return;
    }
    paint::framed(
        f,
        rect,
        m.theme.border,
        title(m, "Scan the share code"),
        &lines,
    );
}

pub fn save_dir(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let w = save_dir_width(area);
    let shown = crate::core::text::truncate(&m.save_input, w.saturating_sub(6) as usize);
    let lines = vec![
        Line::styled("Folder to write the JSON and Markdown files into:", t.text),
        Line::from(vec![
            Span::styled("> ", t.key),
            Span::styled(shown, t.title),
            Span::styled("▏", t.accent),
        ]),
        Line::styled("Enter save · Esc cancel", t.muted),
    ];
    let rect = save_dir_rect(area);
    f.render_widget(Clear, rect);
    paint::framed(f, rect, m.theme.border, title(m, "Save result"), &lines);
}
