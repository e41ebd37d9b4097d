//! Welcome (and resume) screen: what the quiz measures and what it does not.

use super::{footer, frame_areas, header_line, paint, wrapped};
use crate::tui::model::{Model, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let q = &m.quiz;
    let (head, body, foot) = frame_areas(area);
    let version = format!("v{}", q.version);
    paint::lines(
        f,
        head,
        &[header_line(t, "careerfit", &version, head.width)],
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
    let privacy = if m.remote {
        "Your result is saved for the workshop facilitator, under your SSH user name."
    } else {
        "Your answers stay on this machine."
    };
    lines.push(Line::styled(privacy, t.good));
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
    if m.screen == Screen::Resume {
        let (done, total) = m.saved.as_ref().map_or((0, 0), |(a, _)| {
            (a.iter().filter(|x| x.is_some()).count(), a.len())
        });
        lines.push(Line::raw(""));
        lines.push(Line::styled("Resume where you left off?", t.title));
        lines.push(Line::styled(
            format!("You had answered {done} of {total} questions."),
            t.text,
        ));
        paint::wrapped(f, body, &lines);
        let keys = [("Enter/y", "resume"), ("n", "start over"), ("q", "quit")];
        paint::lines(f, foot, &[footer(t, &keys)]);
        return;
    }
    paint::wrapped(f, body, &lines);
    let keys = [("Enter", "start"), ("?", "help"), ("q", "quit")];
    paint::lines(f, foot, &[footer(t, &keys)]);
}
