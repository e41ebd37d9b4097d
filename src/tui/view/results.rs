//! The results screen: headline with confidence, fit bars, the skill
//! chart, the reasons in the person's own answers, and what to do next.
//! The body scrolls; the share code stays visible below it.

use super::{footer, frame_areas, header_line, paint, wrapped};
use crate::core::text::{bar, pad, width};
use crate::tui::model::{Model, ResultLines};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use std::borrow::Cow;

/// Widest terminal body that still uses one column; wider ones put the
/// scores on the left and the explanation on the right.
const TWO_COLUMNS_FROM: u16 = 110;
/// Width of the left column in the two-column layout.
const LEFT_COLUMN: u16 = 60;

/// The whole body in one column (narrow terminals).
pub fn content_lines(m: &Model, width_cols: u16) -> Vec<Line<'static>> {
    let mut lines = summary_lines(m, width_cols);
    lines.push(Line::raw(""));
    lines.extend(detail_lines(m, width_cols));
    lines
}

/// Headline, fit bars, flags and the skill chart.
fn summary_lines(m: &Model, width_cols: u16) -> Vec<Line<'static>> {
    let t = &m.theme;
    let Some(r) = &m.report else {
        return vec![];
    };
    let w = width_cols;
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", r.recommendation.headline), t.muted),
        Span::styled(r.recommendation.title.clone(), t.title),
    ]));
    lines.push(Line::styled(
        format!(
            "Confidence {} · {} of {} answered",
            r.confidence_text(),
            r.answered,
            r.answers.len()
        ),
        t.accent,
    ));
    lines.extend(wrapped(&r.recommendation.confidence_note, w, t.muted, ""));
    lines.extend(wrapped(&r.explanation.summary, w, t.text, ""));
    lines.push(Line::raw(""));
    let name_w = r
        .profiles
        .iter()
        .map(|p| width(&p.name))
        .max()
        .unwrap_or(0)
        .min(30);
    let bar_w = (w as usize).saturating_sub(name_w + 8).clamp(4, 50);
    for p in &r.profiles {
        let fit = p.fit.map_or("  -".into(), |f| format!("{f:>3.0}"));
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", pad(&p.name, name_w)), t.text),
            Span::styled(bar(p.fit.unwrap_or(0.0), bar_w, false), t.bar),
            Span::styled(format!(" {fit}"), t.title),
        ]));
    }
    for fl in &r.explanation.flags {
        lines.push(Line::raw(""));
        lines.extend(wrapped(&format!("⚠ {}", fl.message), w, t.warn, ""));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Skills (0–100)", t.title));
    let dn = r
        .dimensions
        .iter()
        .map(|d| width(&d.name))
        .max()
        .unwrap_or(0)
        .min(28);
    let dbar = (w as usize).saturating_sub(dn + 8).clamp(4, 40);
    for d in &r.dimensions {
        let s = d.score.map_or("  -".into(), |s| format!("{s:>3.0}"));
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", pad(&d.name, dn)), t.text),
            Span::styled(bar(d.score.unwrap_or(0.0), dbar, false), t.bar),
            Span::styled(format!(" {s}"), t.text),
        ]));
    }
    lines
}

/// Why, what the path involves, next steps and the disclaimer.
fn detail_lines(m: &Model, w: u16) -> Vec<Line<'static>> {
    let t = &m.theme;
    let Some(r) = &m.report else {
        return vec![];
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (heading, list) in crate::core::card::reason_groups(r) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, t.title));
        for re in list {
            let sign = if re.pull > 0.0 { "+" } else { "−" };
            let text = format!(
                "{sign} “{}” — you answered {} ({})",
                re.text,
                re.answer,
                crate::core::card::reason_effect(r, re)
            );
            lines.extend(wrapped(&text, w, t.text, "  "));
        }
    }
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        format!("About: {}", r.recommendation.title),
        t.title,
    ));
    lines.extend(wrapped(&r.outcome.summary, w, t.text, ""));
    if !r.outcome.day_to_day.is_empty() {
        lines.extend(wrapped(&r.outcome.day_to_day, w, t.text, ""));
    }
    if !r.outcome.key_questions.is_empty() {
        lines.push(Line::styled("Questions this path answers:", t.accent));
        for q in &r.outcome.key_questions {
            lines.extend(wrapped(&format!("• {q}"), w, t.text, "  "));
        }
    }
    if !r.outcome.next_steps.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Next steps", t.title));
        for (i, s) in r.outcome.next_steps.iter().enumerate() {
            lines.extend(wrapped(&format!("{}. {s}", i + 1), w, t.text, "  "));
        }
    }
    if !r.disclaimer.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(wrapped(&r.disclaimer, w, t.muted, ""));
    }
    lines
}

/// Where the body goes: one scrolling column, or a fixed left column of
/// scores and a scrolling right column of explanation.
struct Areas {
    left: Option<Rect>,
    scrolling: Rect,
    code: Rect,
}

fn areas(area: Rect) -> Areas {
    let (_, body, _) = frame_areas(area);
    let [content, code] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(body);
    if content.width >= TWO_COLUMNS_FROM && content.height >= 20 {
        let [left, _, right] = Layout::horizontal([
            Constraint::Length(LEFT_COLUMN),
            Constraint::Length(3),
            Constraint::Min(1),
        ])
        .areas(content);
        Areas {
            left: Some(left),
            scrolling: right,
            code,
        }
    } else {
        Areas {
            left: None,
            scrolling: content,
            code,
        }
    }
}

/// The results screen's lines for a terminal of `size`.
pub fn lay_out(m: &Model, size: (u16, u16)) -> ResultLines {
    let a = areas(Rect::new(0, 0, size.0, size.1));
    let (left, scrolling) = match a.left {
        Some(left) => (
            summary_lines(m, left.width),
            detail_lines(m, a.scrolling.width),
        ),
        None => (vec![], content_lines(m, a.scrolling.width)),
    };
    ResultLines {
        size,
        theme: m.theme,
        share_code: share_code(m).to_string(),
        left,
        scrolling,
    }
}

fn share_code(m: &Model) -> &str {
    m.report.as_ref().map_or("", |r| r.share_code.as_str())
}

/// The lines kept in the model when they were made for this size, theme
/// and result (as `update` keeps them); laid out afresh otherwise.
fn lines_for(m: &Model, size: (u16, u16)) -> Cow<'_, ResultLines> {
    match &m.result_lines {
        Some(l) if l.size == size && l.theme == m.theme && l.share_code == share_code(m) => {
            Cow::Borrowed(l)
        }
        _ => Cow::Owned(lay_out(m, size)),
    }
}

/// Largest useful scroll offset for the model's terminal size.
pub fn max_scroll(m: &Model) -> u16 {
    let a = areas(Rect::new(0, 0, m.size.0, m.size.1));
    (lines_for(m, m.size).scrolling.len() as u16).saturating_sub(a.scrolling.height)
}

/// Draws the results screen; cells in `hidden` are left to the overlay
/// that clears them.
pub fn draw(m: &Model, f: &mut Frame, area: Rect, hidden: Option<Rect>) {
    let t = &m.theme;
    let (head, _, foot) = frame_areas(area);
    let title = header_line(t, &m.quiz.title, "your result", head.width);
    paint::lines_under(f, head, &[title], hidden);
    let a = areas(area);
    let laid = lines_for(m, (area.width, area.height));
    if let Some(left) = a.left {
        paint::lines_under(f, left, &laid.left, hidden);
    }
    let body = &laid.scrolling;
    let max_scroll = (body.len() as u16).saturating_sub(a.scrolling.height);
    let scroll = m.scroll.min(max_scroll);
    paint::lines_under(f, a.scrolling, &body[usize::from(scroll)..], hidden);
    let more = if max_scroll > scroll {
        "  ↓ more"
    } else {
        ""
    };
    let mut code_lines = vec![Line::from(vec![
        Span::styled("Share code ", t.muted),
        Span::styled(share_code(m), t.key),
        Span::styled(more, t.muted),
    ])];
    code_lines.push(match &m.status {
        Some(s) => Line::styled(s.as_str(), t.good),
        None => Line::raw(""),
    });
    paint::lines_under(f, a.code, &code_lines, hidden);
    let keys = [
        ("↑↓", "scroll"),
        ("c", "copy"),
        ("v", "card"),
        ("w", "save"),
        ("r", "QR"),
        ("←", "review"),
        ("q", "quit"),
    ];
    paint::lines_under(f, foot, &[footer(t, &keys)], hidden);
}
