//! The question screen: progress, the wrapped question, numbered options
//! with glyphs for the chosen one and the cursor (never colour alone).

use super::{footer, frame_areas, header_line, wrapped};
use crate::model::Model;
use careerfit_core::i18n::Lang;
use careerfit_core::model::Kind;
use careerfit_core::text::wrap;
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

/// What to ask for each kind of question, under the question text.
fn prompt(kind: Kind, lang: Lang) -> String {
    lang.t(match kind {
        Kind::Agreement => "prompt-agreement",
        Kind::Scenario => "prompt-scenario",
        Kind::ForcedChoice => "prompt-forced-choice",
    })
}

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let total = m.order.questions.len();
    let qi = m.question_index();
    let q = &m.quiz.questions[qi];
    let (head, body, foot) = frame_areas(area);
    let progress = format!("{} / {total}", m.pos() + 1);
    f.render_widget(
        Paragraph::new(header_line(t, &m.quiz.title, &progress, head.width)),
        head,
    );
    let [gauge_area, _, content] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
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
    let mut lines: Vec<Line> = wrapped(&q.text, w, t.title, "");
    lines.push(Line::styled(prompt(q.kind, m.lang), t.muted));
    lines.push(Line::raw(""));
    let chosen = m.chosen_position(qi);
    let label_w = (w as usize).saturating_sub(8).max(1);
    for (pos, &c) in m.order.options[qi].iter().enumerate() {
        let is_cursor = m.cursor() == Some(pos);
        let is_chosen = chosen == Some(pos);
        let pointer = if is_cursor { "▶" } else { " " };
        let mark = if is_chosen { "●" } else { "○" };
        let style = if is_cursor {
            t.selected
        } else if is_chosen {
            t.chosen
        } else {
            t.text
        };
        for (k, part) in wrap(&q.choices[c].label, label_w).into_iter().enumerate() {
            let lead = if k == 0 {
                format!("{pointer}{:>2} {mark} ", pos + 1)
            } else {
                "      ".to_string()
            };
            lines.push(Line::from(vec![
                Span::styled(lead, if is_cursor { t.selected } else { t.key }),
                Span::styled(part, style),
            ]));
        }
    }
    if let Some(s) = &m.status {
        lines.push(Line::raw(""));
        lines.extend(wrapped(s, w, t.warn, ""));
    }
    f.render_widget(Paragraph::new(lines), content);
    let keys = [
        ("1–9", "key-choose"),
        ("Enter", "key-next"),
        ("←", "key-back"),
        ("s", "key-skip"),
        ("?", "key-help"),
        ("q", "key-quit"),
    ];
    f.render_widget(Paragraph::new(footer(t, m.lang, &keys)), foot);
}
