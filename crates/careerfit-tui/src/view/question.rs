//! The question screen: progress, the wrapped question, numbered options
//! with glyphs for the chosen one and the cursor (never colour alone).
//!
//! On a small terminal nothing is hidden without saying so (issue 20: at
//! 60×16 the cursor could move onto an option that was not drawn, and
//! Enter recorded it). The options are a ratatui [`List`] whose state keeps
//! the cursor on screen, with "more above / below" rows when some options
//! do not fit; the question text keeps at least half the rows for the
//! options and scrolls with PgUp/PgDn beyond that.

use super::{footer, frame_areas, header_line, more_marker, wrapped};
use crate::model::{Asking, Model, Stage};
use crate::theme::Theme;
use careerfit_core::i18n::Lang;
use careerfit_core::model::Kind;
use careerfit_core::text::{truncate, wrap};
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Gauge, List, ListItem, ListState, Paragraph};

/// What to ask for each kind of question, under the question text.
fn prompt(kind: Kind, lang: Lang) -> String {
    lang.t(match kind {
        Kind::Agreement => "prompt-agreement",
        Kind::Scenario => "prompt-scenario",
        Kind::ForcedChoice => "prompt-forced-choice",
    })
}

/// Columns before an option's label: cursor, number, mark and spaces.
const LEAD: usize = 6;

pub fn draw(m: &mut Model, f: &mut Frame, area: Rect) {
    let t = m.theme;
    let Stage::Question(mut a) = m.stage else {
        return;
    };
    let total = m.order.questions.len();
    let qi = m.question_index();
    let (head, body, foot) = frame_areas(area);
    let progress = format!("{} / {total}", m.pos() + 1);
    f.render_widget(
        Paragraph::new(header_line(&t, &m.quiz.title, &progress, head.width)),
        head,
    );
    // The blank row under the gauge goes first when rows are scarce.
    let gap = u16::from(body.height >= 14);
    let [gauge_area, _, content] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(gap),
        Constraint::Min(1),
    ])
    .areas(body);
    let ratio = if total == 0 {
        0.0
    } else {
        m.answered() as f64 / total as f64
    };
    f.render_widget(
        Gauge::default()
            .gauge_style(t.bar)
            .ratio(ratio.clamp(0.0, 1.0))
            .label(Span::styled(
                tr!(m.lang, "answered-count", n = m.answered()),
                t.text,
            ))
            .use_unicode(true),
        gauge_area,
    );
    let w = content.width;
    let q = &m.quiz.questions[qi];
    let mut text = wrapped(&q.text, w, t.title, "");
    text.extend(wrapped(&prompt(q.kind, m.lang), w, t.muted, ""));
    let items = option_items(m, &t, qi, a.cursor, w);
    let status = m
        .status
        .as_deref()
        .map(|s| wrapped(s, w, t.warn, ""))
        .unwrap_or_default();
    // The status goes at the bottom, wrapped (never cut at the edge), with
    // a blank line above it when there is room for one.
    let status_rows = rows(status.len()).min(content.height.saturating_sub(3));
    let spare = content.height.saturating_sub(status_rows);
    let status_gap = u16::from(status_rows > 0 && spare >= 12);
    let avail = spare.saturating_sub(status_gap);
    let options_h = items.iter().map(ListItem::height).sum::<usize>() + 1;
    // The options get what the text leaves, and at least half.
    let option_rows = rows(options_h).min(
        avail
            .saturating_sub(rows(text.len()))
            .max(avail.div_ceil(2)),
    );
    // The text on top, the options right under it and down to the status.
    let text_rows = rows(text.len()).min(avail - option_rows);
    let [text_area, options_area, _, status_area] = Layout::vertical([
        Constraint::Length(text_rows),
        Constraint::Length(avail - text_rows),
        Constraint::Length(status_gap),
        Constraint::Length(status_rows),
    ])
    .areas(content);
    super::scrolled(&t, m.lang, text, &mut a.text, "PgUp PgDn", f, text_area);
    options(&t, m.lang, items, &mut a, f, options_area);
    f.render_widget(Paragraph::new(status), status_area);
    m.stage = Stage::Question(a);
    let keys = [
        ("1–9", "key-choose"),
        ("Enter", "key-next"),
        ("←", "key-back"),
        ("s", "key-skip"),
        ("?", "key-help"),
        ("q", "key-quit"),
    ];
    f.render_widget(Paragraph::new(footer(&t, m.lang, &keys, foot.width)), foot);
}

/// A count of lines as terminal rows.
fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// One list item per option: its number, a mark for the saved answer and
/// a pointer for the cursor, the label wrapped under itself.
fn option_items(
    m: &Model,
    t: &Theme,
    qi: usize,
    cursor: Option<usize>,
    w: u16,
) -> Vec<ListItem<'static>> {
    let q = &m.quiz.questions[qi];
    let chosen = m.chosen_position(qi);
    let label_w = usize::from(w).saturating_sub(LEAD + 2).max(1);
    m.order.options[qi]
        .iter()
        .enumerate()
        .map(|(pos, &c)| {
            let is_cursor = cursor == Some(pos);
            let pointer = if is_cursor { "▶" } else { " " };
            let mark = if chosen == Some(pos) { "●" } else { "○" };
            let style = if is_cursor {
                t.selected
            } else if chosen == Some(pos) {
                t.chosen
            } else {
                t.text
            };
            let lead_style = if is_cursor { t.selected } else { t.key };
            let lines: Vec<Line<'static>> = wrap(&q.choices[c].label, label_w)
                .into_iter()
                .enumerate()
                .map(|(k, part)| {
                    let lead = if k == 0 {
                        format!("{pointer}{:>2} {mark} ", pos + 1)
                    } else {
                        " ".repeat(LEAD)
                    };
                    Line::from(vec![
                        Span::styled(lead, lead_style),
                        Span::styled(part, style),
                    ])
                })
                .collect();
            ListItem::new(Text::from(lines))
        })
        .collect()
}

/// The options in `area`: a blank row and every option when they fit;
/// otherwise a "more above" row, as many options as fit around the cursor
/// and a "more below" row.
fn options(
    t: &Theme,
    lang: Lang,
    items: Vec<ListItem<'static>>,
    a: &mut Asking,
    f: &mut Frame,
    area: Rect,
) {
    let heights: Vec<usize> = items.iter().map(ListItem::height).collect();
    let n = items.len();
    if heights.iter().sum::<usize>() < usize::from(area.height) || area.height < 3 {
        let list_area = Rect {
            y: area.y + u16::from(area.height > 0),
            height: area.height.saturating_sub(1),
            ..area
        };
        a.options = ListState::default();
        f.render_widget(List::new(items), list_area);
        return;
    }
    let [top, list_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut state = a.options.with_selected(a.cursor);
    f.render_stateful_widget(List::new(items), list_area, &mut state);
    // What the list drew: whole items from its offset while they fit (the
    // same rule ratatui's List follows).
    let first = state.offset().min(n);
    let mut used = 0;
    let mut last = first;
    for h in &heights[first..] {
        if used + h > usize::from(list_area.height) && last > first {
            break;
        }
        used += h;
        last += 1;
    }
    let keys = "↑↓";
    let marker = |s: String| Line::styled(truncate(&s, usize::from(area.width)), t.accent);
    f.render_widget(
        Paragraph::new(marker(more_marker(lang, first, 0, keys))),
        top,
    );
    f.render_widget(
        Paragraph::new(marker(more_marker(lang, 0, n - last, keys))),
        bottom,
    );
    a.options = ListState::default().with_offset(state.offset());
}
