//! The results screen: headline with confidence, fit bars, the skill
//! chart, the reasons in the person's own answers, and what to do next.
//! The body scrolls; the share code stays visible below it.

use super::{Scrolled, footer, frame_areas, header_line, wrapped};
use crate::model::{Model, Scroll};
use crate::theme::Theme;
use careerfit_core::i18n::Lang;
use careerfit_core::text::{bar, pad, width};
use careerfit_core::tr;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};

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
    let Some(r) = m.report() else {
        return vec![];
    };
    let w = width_cols;
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", r.recommendation.headline), t.muted),
        Span::styled(r.recommendation.title.clone(), t.title),
    ]));
    lines.push(Line::styled(
        tr!(
            m.lang,
            "results-confidence",
            confidence = r.confidence_text(),
            done = r.answered,
            total = r.answers.len()
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
        .min(name_room(w));
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
    lines.push(Line::styled(m.lang.t("results-skills"), t.title));
    let dn = r
        .dimensions
        .iter()
        .map(|d| width(&d.name))
        .max()
        .unwrap_or(0)
        .min(name_room(w));
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
    let Some(r) = m.report() else {
        return vec![];
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (heading, list) in careerfit_core::card::reason_groups(r) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, t.title));
        for re in list {
            let sign = if re.pull > 0.0 { "+" } else { "−" };
            let text = tr!(
                m.lang,
                "reason-line",
                sign = sign,
                text = &re.text,
                answer = &re.answer,
                effect = careerfit_core::card::reason_effect(r, re)
            );
            lines.extend(wrapped(&text, w, t.text, "  "));
        }
    }
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        tr!(m.lang, "results-about", title = &r.recommendation.title),
        t.title,
    ));
    lines.extend(wrapped(&r.outcome.summary, w, t.text, ""));
    if !r.outcome.day_to_day.is_empty() {
        lines.extend(wrapped(&r.outcome.day_to_day, w, t.text, ""));
    }
    if !r.outcome.key_questions.is_empty() {
        lines.push(Line::styled(m.lang.t("results-key-questions"), t.accent));
        for q in &r.outcome.key_questions {
            lines.extend(wrapped(&format!("• {q}"), w, t.text, "  "));
        }
    }
    if !r.outcome.next_steps.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(m.lang.t("results-next-steps"), t.title));
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
    head: Rect,
    left: Option<Rect>,
    scrolling: Rect,
    code: Rect,
    foot: Rect,
}

/// The status message wrapped to the width of `area`'s body, in at most
/// half of its rows (the OSC 52 note takes five at 50 columns).
fn status_lines(m: &Model, area: Rect) -> Vec<Line<'static>> {
    let (_, body, _) = frame_areas(area);
    let mut lines = m
        .status
        .as_deref()
        .map(|s| wrapped(s, body.width, m.theme.good, ""))
        .unwrap_or_default();
    lines.truncate(usize::from((body.height / 2).max(1)));
    lines
}

/// The areas of the screen; `two_columns` false keeps one column even on
/// a wide terminal (for a summary taller than the left column).
fn areas(area: Rect, status_rows: u16, two_columns: bool) -> Areas {
    let (head, body, foot) = frame_areas(area);
    let code_rows = 1 + status_rows.max(1);
    let [content, code] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(code_rows)]).areas(body);
    let wide = content.width >= TWO_COLUMNS_FROM && content.height >= 20;
    let (left, scrolling) = if two_columns && wide {
        let [left, _, right] = Layout::horizontal([
            Constraint::Length(LEFT_COLUMN),
            Constraint::Length(3),
            Constraint::Min(1),
        ])
        .areas(content);
        (Some(left), right)
    } else {
        (None, content)
    };
    Areas {
        head,
        left,
        scrolling,
        code,
        foot,
    }
}

/// The results screen, laid out for one area: a widget whose state is the
/// scroll position of its body. Made afresh for every frame, so the text
/// always belongs to the result and the size on screen.
pub struct ResultsScreen {
    theme: Theme,
    /// Whether the summary fits the fixed left column (see `new`).
    two_columns: bool,
    lang: Lang,
    title: Line<'static>,
    /// The fixed left column of the two-column layout (empty in one column).
    left: Vec<Line<'static>>,
    /// The part that scrolls.
    scrolling: Vec<Line<'static>>,
    share_code: String,
    /// The status message, wrapped to the screen's width.
    status: Vec<Line<'static>>,
}

impl ResultsScreen {
    /// The screen of `m`'s result (empty when it has none) for `area`.
    pub fn new(m: &Model, area: Rect) -> Self {
        let status = status_lines(m, area);
        let status_rows = rows(status.len());
        let a = areas(area, status_rows, true);
        // The left column does not scroll: a summary taller than it (a quiz
        // with many skills) gets the one scrolling column instead, so no
        // line of it is cut off (issue 20).
        let summary = a.left.map(|left| (left, summary_lines(m, left.width)));
        let (two_columns, left, scrolling) = match summary {
            Some((left, lines)) if lines.len() <= usize::from(left.height) => {
                (true, lines, detail_lines(m, a.scrolling.width))
            }
            _ => {
                let a = areas(area, status_rows, false);
                (false, vec![], content_lines(m, a.scrolling.width))
            }
        };
        ResultsScreen {
            theme: m.theme,
            lang: m.lang,
            title: header_line(
                &m.theme,
                &m.quiz.title,
                &m.lang.t("results-header"),
                a.head.width,
            ),
            two_columns,
            left,
            scrolling,
            share_code: m.report().map(|r| r.share_code.clone()).unwrap_or_default(),
            status,
        }
    }
}

impl StatefulWidget for ResultsScreen {
    type State = Scroll;

    fn render(self, area: Rect, buf: &mut Buffer, scroll: &mut Scroll) {
        let t = &self.theme;
        let a = areas(area, rows(self.status.len()), self.two_columns);
        Paragraph::new(self.title).render(a.head, buf);
        if let Some(left) = a.left {
            Paragraph::new(self.left).render(left, buf);
        }
        let body = Scrolled {
            theme: *t,
            lines: self.scrolling,
            keys: "↑↓ PgUp PgDn",
            lang: self.lang,
        };
        body.render(a.scrolling, buf, scroll);
        let mut code_lines = vec![Line::from(vec![
            Span::styled(format!("{} ", self.lang.t("share-code-label")), t.muted),
            Span::styled(
                super::overlay::code_in_line(self.lang, &self.share_code, a.code.width)
                    .into_owned(),
                t.key,
            ),
        ])];
        // Wrapped, never cut at the edge: a saved file's name or a save
        // error is what the person needs to read in full (issue 20).
        code_lines.extend(self.status);
        Paragraph::new(code_lines).render(a.code, buf);
        // Most needed first: a narrow footer leaves out from the end
        // (before help and quit), and `r` is how a long code is seen.
        let keys = [
            ("↑↓", "key-scroll"),
            ("r", "key-qr"),
            ("c", "key-copy"),
            ("v", "key-card"),
            ("w", "key-save"),
            ("←", "key-review"),
            ("?", "key-help"),
            ("q", "key-quit"),
        ];
        Paragraph::new(footer(t, self.lang, &keys, a.foot.width)).render(a.foot, buf);
    }
}

/// A count of lines as terminal rows.
fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Columns a name may take before its bar in `w` columns: as many as
/// leave a bar of 8 cells and its number, so a long skill name is cut
/// only on a terminal too narrow for it (it was cut at 28 columns even
/// with room to spare, hiding "Bridging business and engineering").
fn name_room(w: u16) -> usize {
    usize::from(w).saturating_sub(8 + 8).max(8)
}
