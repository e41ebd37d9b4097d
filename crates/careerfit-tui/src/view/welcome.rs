//! Welcome (and resume) screen: what the quiz measures and what it does not.

use super::{footer, frame_areas, header_line, pairs_wrapped, scrolled, wrapped};
use crate::model::{Model, Stage, SubmitTo};
use careerfit_core::tr;
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
        &[
            ("Enter/y", "key-resume"),
            ("n", "key-start-over"),
            ("q", "key-quit"),
        ]
    } else {
        &[("Enter", "key-start"), ("?", "key-help"), ("q", "key-quit")]
    };
    let lang = m.lang;
    let (Stage::Welcome { scroll } | Stage::Resume { scroll, .. }) = &mut m.stage else {
        return;
    };
    scrolled(&t, lang, lines, scroll, "↑↓ PgUp PgDn", f, body);
    f.render_widget(Paragraph::new(footer(&t, lang, keys, foot.width)), foot);
}

/// Everything the welcome (or resume) screen says, wrapped to `w` columns
/// so that it scrolls line by line.
fn body_lines(m: &Model, w: u16) -> Vec<Line<'static>> {
    let t = &m.theme;
    let l = m.lang;
    let q = &m.quiz;
    let mut lines: Vec<Line<'static>> = Vec::new();
    // First, so it shows even on the smallest terminal.
    // A status that arrived here (over SSH: the room is closing) is
    // news for the person, so it goes first too.
    if let Some(s) = &m.status {
        lines.extend(wrapped(s, w, t.warn, ""));
        lines.push(Line::raw(""));
    }
    if let Some(n) = &m.notice {
        lines.extend(wrapped(n, w, t.warn, ""));
        lines.push(Line::raw(""));
    }
    if let Stage::Resume { answers, .. } = &m.stage {
        // Before the description: the question this screen asks must show
        // without scrolling.
        let done = answers.iter().filter(|x| x.is_some()).count();
        let total = answers.len();
        lines.extend(wrapped(&l.t("resume-title"), w, t.title, ""));
        lines.extend(wrapped(
            &tr!(l, "resume-progress", done = done, total = total),
            w,
            t.text,
            "",
        ));
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
    let about = format!(
        "{} · {} · {}",
        tr!(l, "count-questions", n = q.questions.len()),
        tr!(l, "minutes-about", n = q.minutes()),
        l.t("welcome-skip-any")
    );
    lines.extend(wrapped(&about, w, t.accent, ""));
    // Where the answers go, truthfully: the participant decides on this.
    let privacy = match (&m.submit_to, m.remote, &m.name) {
        (_, true, Some(n)) => tr!(l, "privacy-remote-named", name = n),
        (_, true, None) => l.t("privacy-remote-anonymous"),
        (Some(SubmitTo::Database(db)), false, Some(n)) => {
            tr!(l, "privacy-database-named", target = db, name = n)
        }
        (Some(SubmitTo::Database(db)), false, None) => {
            tr!(l, "privacy-database-anonymous", target = db)
        }
        (Some(SubmitTo::Folder(dir)), false, Some(n)) => {
            tr!(l, "privacy-folder-named", dir = dir, name = n)
        }
        (Some(SubmitTo::Folder(dir)), false, None) => {
            tr!(l, "privacy-folder-anonymous", dir = dir)
        }
        (None, false, _) => l.t("privacy-local"),
    };
    lines.extend(wrapped(&privacy, w, t.good, ""));
    lines.push(Line::raw(""));
    lines.extend(pairs_wrapped(
        t,
        l,
        &[
            ("1–9", "key-choose"),
            ("Enter", "key-next"),
            ("←", "key-back"),
            ("s", "key-skip"),
            ("?", "key-all-keys"),
        ],
        w,
    ));
    lines
}
