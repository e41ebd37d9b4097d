//! Boxes over the current screen: help, quit confirmation, the text card
//! and the QR code.

use super::clear::ClearWide;
use super::{centered, wrapped};
use crate::keys::{HELP, LOCAL_ONLY};
use crate::model::{Finished, Model, Scroll};
use crate::theme::Theme;
use careerfit_core::i18n::Lang;
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
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
    f.render_widget(ClearWide, rect);
    f.render_widget(Paragraph::new(lines).block(boxed(t, heading)), rect);
}

/// Rows inside a box of `rect`'s height.
fn inner_rows(rect: Rect) -> u16 {
    rect.height.saturating_sub(2)
}

/// The keys, without those that act on the host when `remote`.
pub fn help(t: &Theme, lang: Lang, remote: bool, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
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
                Span::styled(lang.t(d), t.text),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", lang.t("help-close")), t.muted));
    let rect = centered(
        area,
        70,
        u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2),
    );
    let offset = scroll.fit(lines.len(), inner_rows(rect));
    lines.drain(..usize::from(offset));
    framed(f, rect, t, &lang.t("help-title"), lines);
}

pub fn confirm_quit(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let l = m.lang;
    let lines = vec![
        Line::styled(
            tr!(
                l,
                "quit-answered",
                done = m.answered(),
                total = m.answers.len()
            ),
            t.text,
        ),
        Line::styled(l.t("quit-saved"), t.muted),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", t.key),
            Span::styled(format!(" {}   ", l.t("quit-yes")), t.text),
            Span::styled("n", t.key),
            Span::styled(format!(" {}", l.t("quit-no")), t.text),
        ]),
    ];
    let rect = centered(area, 58, 6);
    f.render_widget(ClearWide, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(boxed(t, &l.t("quit-title")))
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// The text card made with the result, scrolled by `scroll`.
pub fn card(t: &Theme, lang: Lang, fin: &Finished, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
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
    framed(f, rect, t, &lang.t("card-title"), lines);
}

/// The QR code's rows and the share code under them.
fn qr_lines<'a>(t: &Theme, lang: Lang, fin: &'a Finished) -> Vec<Line<'a>> {
    let mut lines: Vec<Line> = match &fin.qr {
        Some(rows) => rows.iter().map(|r| Line::raw(r.as_str())).collect(),
        None => vec![Line::raw(lang.t("qr-too-long"))],
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
pub fn code_in_line(lang: Lang, code: &str, width: u16) -> Cow<'_, str> {
    let label = careerfit_core::text::width(&lang.t("share-code-label")) + 1;
    let more = careerfit_core::text::width(&lang.t("more-below")) + 2;
    let room = usize::from(width).saturating_sub(label + more);
    if code.chars().count() <= room {
        Cow::Borrowed(code)
    } else {
        Cow::Owned(tr!(lang, "code-too-long-for-line", n = code.len()))
    }
}

/// A code too long for a QR code: said so, and the code itself wrapped,
/// scrolled by `scroll` when it is taller than the terminal.
fn long_code(t: &Theme, lang: Lang, code: &str, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(76);
    let inner = w.saturating_sub(2);
    let note = tr!(lang, "qr-long-code", n = code.len());
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
    framed(f, rect, t, &lang.t("qr-long-title"), lines);
}

pub fn qr(t: &Theme, lang: Lang, fin: &Finished, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    if fin.qr.is_none() {
        return long_code(t, lang, &fin.report.share_code, scroll, f, area);
    }
    let lines = qr_lines(t, lang, fin);
    let (rect, w) = qr_rect(area, &lines);
    if rect.height < lines.len() as u16 + 2 || rect.width < w {
        f.render_widget(ClearWide, rect);
        f.render_widget(
            Paragraph::new(vec![
                Line::raw(lang.t("qr-larger")),
                Line::styled(fin.report.share_code.as_str(), t.key),
            ])
            .block(boxed(t, "QR"))
            .wrap(Wrap { trim: true }),
            rect,
        );
        return;
    }
    framed(f, rect, t, &lang.t("qr-title"), lines);
}

pub fn save_dir(t: &Theme, lang: Lang, fin: &Finished, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(76);
    let shown = careerfit_core::text::truncate(&fin.save_input, w.saturating_sub(6) as usize);
    let lines = vec![
        Line::styled(lang.t("save-prompt"), t.text),
        Line::from(vec![
            Span::styled("> ", t.key),
            Span::styled(shown, t.title),
            Span::styled("▏", t.accent),
        ]),
        Line::styled(lang.t("save-keys"), t.muted),
    ];
    framed(f, centered(area, w, 5), t, &lang.t("save-title"), lines);
}
