//! Welcome (and resume) screen: what the quiz measures and what it does not.

use super::{footer, frame_areas, header_line, pairs_wrapped, scrolled, wrapped};
use crate::model::{Model, Stage};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(m: &mut Model, f: &mut Frame, area: Rect) {
    let t = m.theme;
    let (head, body, foot) = frame_areas(area);
    let version = format!("v{}", m.quiz.version);
    f.render_widget(
        Paragraph::new(header_line(&t, "careerfit", &version, head.width)),
        head,
    );
    let lines = body_lines(m, body.width);
    let keys: &[(&str, &str)] = if matches!(m.stage, Stage::Resume { .. }) {
        &[("Enter/y", "resume"), ("n", "start over"), ("q", "quit")]
    } else {
        &[("Enter", "start"), ("?", "help"), ("q", "quit")]
    };
    let (Stage::Welcome { scroll } | Stage::Resume { scroll, .. }) = &mut m.stage else {
        return;
    };
    scrolled(&t, lines, scroll, "↑↓ PgUp PgDn", f, body);
    f.render_widget(Paragraph::new(footer(&t, keys, foot.width)), foot);
}

/// Everything the welcome (or resume) screen says, wrapped to `w` columns
/// so that it scrolls line by line.
fn body_lines(m: &Model, w: u16) -> Vec<Line<'static>> {
    let t = &m.theme;
    let q = &m.quiz;
    let mut lines: Vec<Line<'static>> = Vec::new();
    // First, so it shows even on the smallest terminal.
    if let Some(n) = &m.notice {
        lines.extend(wrapped(n, w, t.warn, ""));
        lines.push(Line::raw(""));
    }
    if let Stage::Resume { answers, .. } = &m.stage {
        // Before the description: the question this screen asks must show
        // without scrolling.
        let done = answers.iter().filter(|x| x.is_some()).count();
        let total = answers.len();
        lines.extend(wrapped("Resume where you left off?", w, t.title, ""));
        lines.extend(wrapped(
            &format!("You had answered {done} of {total} questions."),
            w,
            t.text,
            "",
        ));
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
    let about = format!(
        "{} questions · about {} minutes · skip any you cannot answer",
        q.questions.len(),
        q.minutes()
    );
    lines.extend(wrapped(&about, w, t.accent, ""));
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
    lines.extend(pairs_wrapped(
        t,
        &[
            ("1–9", "choose"),
            ("Enter", "next"),
            ("←", "back"),
            ("s", "skip"),
            ("?", "all keys"),
        ],
        w,
    ));
    lines
}
