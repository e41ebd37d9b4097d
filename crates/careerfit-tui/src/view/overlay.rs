//! Boxes over the current screen: help, quit confirmation, the text card
//! and the QR code.

use super::clear::ClearWide;
use super::{centered, wrapped};
use crate::keys::{HELP, LOCAL_ONLY};
use crate::model::{Finished, Model, Scroll};
use crate::theme::Theme;
use careerfit_core::i18n::Lang;
use careerfit_core::text::{pad, wrap};
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
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

/// The keys, without those that act on the host when `remote`. Each
/// description wraps under itself, so a narrow terminal cuts none off.
pub fn help(t: &Theme, lang: Lang, remote: bool, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    let key_w = HELP
        .iter()
        .map(|(k, _)| careerfit_core::text::width(k))
        .max()
        .unwrap_or(0);
    let rect_w = area.width.min(70);
    // Inside the borders: a space, the keys, two spaces, the description.
    let desc_w = usize::from(rect_w.saturating_sub(2)).saturating_sub(key_w + 3);
    let mut lines: Vec<Line> = Vec::new();
    for (k, d) in HELP
        .iter()
        .filter(|(k, _)| !(remote && LOCAL_ONLY.contains(k)))
    {
        for (i, part) in wrap(&lang.t(d), desc_w.max(8)).into_iter().enumerate() {
            let keys = if i == 0 { *k } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {}  ", pad(keys, key_w)), t.key),
                Span::styled(part, t.text),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", lang.t("help-close")), t.muted));
    let rect = centered(
        area,
        rect_w,
        u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2),
    );
    let rows = inner_rows(rect);
    let heading = if lines.len() > usize::from(rows) {
        lang.t("help-title-scroll")
    } else {
        lang.t("help-title")
    };
    let inner = Rect {
        x: rect.x + 1,
        y: rect.y + 1,
        width: rect.width.saturating_sub(2),
        height: rows,
    };
    f.render_widget(ClearWide, rect);
    f.render_widget(boxed(t, &heading), rect);
    super::scrolled(t, lang, lines_owned(lines), scroll, "↑↓", f, inner);
}

/// Lines that no longer borrow their text.
fn lines_owned(lines: Vec<Line<'_>>) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|l| {
            Line::from(
                l.spans
                    .into_iter()
                    .map(|s| Span::styled(s.content.into_owned(), s.style))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// Asks before answers are left: sized to its text wrapped, so the
/// `y`/`n` line shows at every supported size.
pub fn confirm_quit(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let l = m.lang;
    let w = area.width.min(58);
    let inner = w.saturating_sub(2);
    let mut lines = wrapped(
        &tr!(
            l,
            "quit-answered",
            done = m.answered(),
            total = m.answers.len()
        ),
        inner,
        t.text,
        "",
    );
    lines.extend(wrapped(&l.t("quit-saved"), inner, t.muted, ""));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", t.key),
        Span::styled(format!(" {}   ", l.t("quit-yes")), t.text),
        Span::styled("n", t.key),
        Span::styled(format!(" {}", l.t("quit-no")), t.text),
    ]));
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    framed(f, centered(area, w, h), t, &l.t("quit-title"), lines);
}

/// The text card made with the result, scrolled by `scroll`.
pub fn card(t: &Theme, lang: Lang, fin: &Finished, scroll: &mut Scroll, f: &mut Frame, area: Rect) {
    let rect = centered(area, 76, area.height.saturating_sub(2));
    let rows = inner_rows(rect);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    // The card is 72 columns wide; a narrower box wraps its lines rather
    // than cutting them off.
    let card: Vec<Cow<str>> = fin
        .card
        .lines()
        .flat_map(|l| {
            if careerfit_core::text::width(l) <= inner_w {
                vec![Cow::Borrowed(l)]
            } else if l.chars().all(|c| c == '─' || c == '-') {
                // A rule is as wide as the box, not two lines.
                vec![Cow::Owned(careerfit_core::text::truncate(l, inner_w))]
            } else {
                wrap(l, inner_w.max(1))
                    .into_iter()
                    .map(Cow::Owned)
                    .collect()
            }
        })
        .collect();
    let offset = scroll.fit(card.len(), rows);
    let lines: Vec<Line> = card
        .into_iter()
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
/// when it fits in `width` columns (with its label), otherwise a pointer
/// to the QR view, which shows it wrapped. A long code was cut off at the
/// edge.
pub fn code_in_line(lang: Lang, code: &str, width: u16) -> Cow<'_, str> {
    let label = careerfit_core::text::width(&lang.t("share-code-label")) + 1;
    let room = usize::from(width).saturating_sub(label);
    if code.chars().count() <= room {
        return Cow::Borrowed(code);
    }
    let long = tr!(lang, "code-too-long-for-line", n = code.len());
    if careerfit_core::text::width(&long) <= room {
        Cow::Owned(long)
    } else {
        Cow::Owned(tr!(lang, "code-press-r", n = code.len()))
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
        // Too small for the code: a box as big as this note, with the
        // share code whole (wrapped when the box is narrower).
        let bw = area.width.min(50);
        let inner = bw.saturating_sub(2);
        let mut note = wrapped(&lang.t("qr-larger"), inner, t.text, "");
        note.extend(
            code_rows(&fin.report.share_code, usize::from(inner))
                .into_iter()
                .map(|r| Line::styled(r.to_string(), t.key)),
        );
        let h = u16::try_from(note.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        framed(f, centered(area, bw, h), t, "QR", note);
        return;
    }
    framed(f, rect, t, &lang.t("qr-title"), lines);
}

pub fn save_dir(t: &Theme, lang: Lang, fin: &Finished, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(76);
    // The end of a long folder name, where the typing happens.
    let shown = tail(&fin.save_input, w.saturating_sub(6) as usize);
    let mut lines = wrapped(&lang.t("save-prompt"), w.saturating_sub(2), t.text, "");
    lines.push(Line::from(vec![
        Span::styled("> ", t.key),
        Span::styled(shown, t.title),
        Span::styled("▏", t.accent),
    ]));
    lines.push(Line::styled(lang.t("save-keys"), t.muted));
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    framed(f, centered(area, w, h), t, &lang.t("save-title"), lines);
}

/// The last characters of `s` that fit in `cols` columns, after an `…`
/// when some had to go.
fn tail(s: &str, cols: usize) -> String {
    use careerfit_core::text::width;
    if width(s) <= cols {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut out = String::from("…");
    out.extend(kept.into_iter().rev());
    out
}
