//! Welcome (and resume) screen: what the quiz measures and what it does not.

use super::{footer, frame_areas, header_line, wrapped};
use crate::model::{Model, Stage};
use careerfit_core::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let l = m.lang;
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
    lines.push(Line::styled(l.t("welcome-measures"), t.accent));
    lines.extend(wrapped(&q.description, w, t.text, ""));
    if !q.disclaimer.is_empty() {
        lines.push(Line::styled(l.t("welcome-not"), t.accent));
        lines.extend(wrapped(&q.disclaimer, w, t.muted, ""));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(tr!(l, "count-questions", n = q.questions.len()), t.accent),
        Span::styled(
            format!(" · {}", tr!(l, "minutes-about", n = q.minutes())),
            t.text,
        ),
        Span::styled(format!(" · {}", l.t("welcome-skip-any")), t.muted),
    ]));
    // Where the answers go, truthfully: the participant decides on this.
    let privacy = match (&m.submit_to, m.remote, &m.name) {
        (_, true, Some(n)) => tr!(l, "privacy-remote-named", name = n),
        (_, true, None) => l.t("privacy-remote-anonymous"),
        (Some(dir), false, Some(n)) => tr!(l, "privacy-folder-named", dir = dir, name = n),
        (Some(dir), false, None) => tr!(l, "privacy-folder-anonymous", dir = dir),
        (None, false, _) => l.t("privacy-local"),
    };
    lines.extend(wrapped(&privacy, w, t.good, ""));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("1–9", t.key),
        Span::styled(format!(" {}  ", l.t("key-choose")), t.muted),
        Span::styled("Enter", t.key),
        Span::styled(format!(" {}  ", l.t("key-next")), t.muted),
        Span::styled("←", t.key),
        Span::styled(format!(" {}  ", l.t("key-back")), t.muted),
        Span::styled("s", t.key),
        Span::styled(format!(" {}  ", l.t("key-skip")), t.muted),
        Span::styled("?", t.key),
        Span::styled(format!(" {}", l.t("key-all-keys")), t.muted),
    ]));
    let body_text = |lines| Paragraph::new(lines).wrap(Wrap { trim: false });
    if let Stage::Resume { answers, .. } = &m.stage {
        let done = answers.iter().filter(|x| x.is_some()).count();
        let total = answers.len();
        lines.push(Line::raw(""));
        lines.push(Line::styled(l.t("resume-title"), t.title));
        lines.push(Line::styled(
            tr!(l, "resume-progress", done = done, total = total),
            t.text,
        ));
        f.render_widget(body_text(lines), body);
        let keys = [
            ("Enter/y", "key-resume"),
            ("n", "key-start-over"),
            ("q", "key-quit"),
        ];
        f.render_widget(Paragraph::new(footer(t, l, &keys)), foot);
        return;
    }
    f.render_widget(body_text(lines), body);
    let keys = [("Enter", "key-start"), ("?", "key-help"), ("q", "key-quit")];
    f.render_widget(Paragraph::new(footer(t, l, &keys)), foot);
}
