//! The review screen: every question with its answer, skipped ones marked.

use super::{footer, frame_areas, header_line, more_marker, spaces, wrapped};
use crate::model::Model;
use careerfit_core::text::{cut, truncate, width};
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let total = m.order.questions.len();
    let (head, body, foot) = frame_areas(area);
    let right = tr!(m.lang, "review-header", done = m.answered(), total = total);
    f.render_widget(
        Paragraph::new(header_line(t, &m.quiz.title, &right, head.width)),
        head,
    );
    // A status (a progress save that failed on the last answer, the room
    // closing over SSH) shows above the list, wrapped.
    let mut lines = m
        .status
        .as_deref()
        .map(|s| wrapped(s, body.width, t.warn, ""))
        .unwrap_or_default();
    lines.extend(wrapped(&m.lang.t("review-intro"), body.width, t.muted, ""));
    let room = usize::from(body.height).saturating_sub(lines.len());
    // A row under the list says what is above and below it when not
    // every question fits.
    let rows = if total > room {
        room.saturating_sub(1)
    } else {
        room
    };
    let review_cursor = m.review_cursor().unwrap_or(0);
    let first = review_cursor.saturating_sub(rows.saturating_sub(1).min(rows / 2));
    let first = first.min(total.saturating_sub(rows));
    let w = body.width as usize;
    let answer_of = |qi: usize| match m.answers[qi] {
        Some(c) => {
            let shown = m.order.options[qi]
                .iter()
                .position(|&x| x == c)
                .unwrap_or(c);
            format!("{}. {}", shown + 1, m.quiz.questions[qi].choices[c].label)
        }
        None => m.lang.t("review-skipped"),
    };
    let visible: Vec<(usize, usize, String)> = m
        .order
        .questions
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(pos, &qi)| (pos, qi, answer_of(qi)))
        .collect();
    let answer_w = visible
        .iter()
        .map(|(_, _, a)| width(a))
        .max()
        .unwrap_or(0)
        .clamp(10, (w / 2).max(10));
    for (pos, qi, answer) in &visible {
        let (pos, qi) = (*pos, *qi);
        let q = &m.quiz.questions[qi];
        let cursor = pos == review_cursor;
        let num = format!("{}{:>3} ", if cursor { "▶" } else { " " }, pos + 1);
        let answer = cut(answer, answer_w);
        let text_w = w.saturating_sub(width(&num) + answer_w + 3);
        let text = cut(&q.text, text_w);
        // Padded to `text_w` characters, then to `text_w` columns (which
        // differ for wide characters).
        let by_chars = text_w.saturating_sub(text.chars().count());
        let pad = by_chars + text_w.saturating_sub(width(&text) + by_chars);
        let row_style = if cursor { t.selected } else { t.text };
        let ans_style = if cursor {
            t.selected
        } else if m.answers[qi].is_some() {
            t.chosen
        } else {
            t.warn
        };
        lines.push(Line::from(vec![
            Span::styled(num, if cursor { t.selected } else { t.key }),
            Span::styled(text, row_style),
            Span::styled(spaces(pad), row_style),
            Span::styled(" → ", row_style),
            Span::styled(answer, ans_style),
        ]));
    }
    if total > rows {
        let below = total.saturating_sub(first + rows);
        let marker = more_marker(m.lang, first, below, "↑↓ PgUp PgDn");
        lines.push(Line::styled(truncate(&marker, w), t.accent));
    }
    f.render_widget(Paragraph::new(lines), body);
    // Most needed first (a narrow footer leaves out from the end).
    let keys = [
        ("Enter", "key-see-result"),
        ("e", "key-change"),
        ("↑↓", "key-select"),
        ("←", "key-back"),
        ("?", "key-help"),
        ("q", "key-quit"),
    ];
    f.render_widget(Paragraph::new(footer(t, m.lang, &keys, foot.width)), foot);
}
