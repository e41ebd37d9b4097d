//! Welcome (and resume) screen: what the quiz measures and what it does not.

use super::{footer, frame_areas, header_line, wrapped};
use crate::model::{Model, Stage};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let q = &m.quiz;
    let (head, body, foot) = frame_areas(area);
    let version = format!("v{}", q.version);
    f.render_widget(
        Paragraph::new(header_line(t, "careerfit", &version, head.width)),
        head,
    );
    let w = body.width;
    let mut lines: Vec<Line> = Vec::new();
    // First, so it shows even on the smallest terminal.
    if let Some(n) = &m.notice {
        lines.extend(wrapped(n, w, t.warn, ""));
        lines.push(Line::raw(""));
    }
    lines.extend(wrapped(&q.title, w, t.title, ""));
    lines.push(Line::raw(""));
    lines.push(Line::styled("What it measures", t.accent));
    lines.extend(wrapped(&q.description, w, t.text, ""));
    if !q.disclaimer.is_empty() {
        lines.push(Line::styled("What it is not", t.accent));
        lines.extend(wrapped(&q.disclaimer, w, t.muted, ""));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(format!("{} questions", q.questions.len()), t.accent),
        Span::styled(format!(" · about {} minutes", q.minutes()), t.text),
        Span::styled(" · skip any you cannot answer", t.muted),
    ]));
    // Where the answers go, truthfully: the participant decides on this.
    let privacy = match (&m.submit_to, m.remote, &m.name) {
        (_, true, Some(n)) => format!(
            "Your result is saved for the workshop facilitator, under the name “{n}” (your SSH user name)."
        ),
        (_, true, None) => {
            "Your result is saved for the workshop facilitator, without a name.".into()
        }
        (Some(dir), false, Some(n)) => format!(
            "When you finish, your result is saved in the workshop folder {dir}, under the name “{n}”."
        ),
        (Some(dir), false, None) => format!(
            "When you finish, your result is saved in the workshop folder {dir}, without your name."
        ),
        (None, false, _) => "Your answers stay on this machine.".into(),
    };
    lines.extend(wrapped(&privacy, w, t.good, ""));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("1–9", t.key),
        Span::styled(" choose  ", t.muted),
        Span::styled("Enter", t.key),
        Span::styled(" next  ", t.muted),
        Span::styled("←", t.key),
        Span::styled(" back  ", t.muted),
        Span::styled("s", t.key),
        Span::styled(" skip  ", t.muted),
        Span::styled("?", t.key),
        Span::styled(" all keys", t.muted),
    ]));
    let body_text = |lines| Paragraph::new(lines).wrap(Wrap { trim: false });
    if let Stage::Resume { answers, .. } = &m.stage {
        let done = answers.iter().filter(|x| x.is_some()).count();
        let total = answers.len();
        lines.push(Line::raw(""));
        lines.push(Line::styled("Resume where you left off?", t.title));
        lines.push(Line::styled(
            format!("You had answered {done} of {total} questions."),
            t.text,
        ));
        f.render_widget(body_text(lines), body);
        let keys = [("Enter/y", "resume"), ("n", "start over"), ("q", "quit")];
        f.render_widget(Paragraph::new(footer(t, &keys)), foot);
        return;
    }
    f.render_widget(body_text(lines), body);
    let keys = [("Enter", "start"), ("?", "help"), ("q", "quit")];
    f.render_widget(Paragraph::new(footer(t, &keys)), foot);
}
