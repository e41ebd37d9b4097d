//! The dashboard screen, drawn from the model alone. Layout comes from the
//! frame's area on every draw: large digits on a projector-sized terminal,
//! half-height digits at 80×24, and a notice below the minimum size that
//! still shows the count.

use super::model::{Link, Model};
use crate::theme::Theme;
use careerfit_core::aggregate::Group;
use careerfit_core::text::{bar, pad, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

/// Smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Draws the whole dashboard.
pub fn view(m: &Model, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        small(m, f, area);
        return;
    }
    let t = &m.theme;
    let large = area.width >= 100 && area.height >= 32;
    let digits = if large { 8 } else { 4 };
    let inner = Rect {
        x: area.x + 1,
        width: area.width - 2,
        ..area
    };
    let [header, top, body, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(digits + 2),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(inner);
    let title = m
        .main_group()
        .map_or("waiting for results", |g| g.quiz.title.as_str());
    f.render_widget(
        crate::view::header(
            t,
            &format!("careerfit workshop · {title}"),
            &m.link.label(),
            inner.width,
        ),
        header,
    );
    let count = m.count().to_string();
    let count_w = (count.len() as u16 * 8 + 2).max(24).min(top.width / 2);
    let [left, right] =
        Layout::horizontal([Constraint::Length(count_w), Constraint::Min(10)]).areas(top);
    big_count(m, f, left, &count, large);
    join(m, f, right);
    if m.showing() {
        if let Some(g) = m.main_group() {
            let [a, b] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .spacing(1)
                    .areas(body);
            outcomes(t, f, a, g);
            averages(t, f, b, g);
        }
    } else {
        hidden(m, f, body);
    }
    let reveal = if m.revealed { "hide" } else { "reveal" };
    let mut spans = keys(t, &[("r", reveal), ("e", "export"), ("q", "quit")]);
    if let Some(s) = &m.status {
        spans.push(Span::styled(format!("  {s}"), t.accent));
    } else if let Some(p) = m.problems() {
        spans.push(Span::styled(format!("  {p}"), t.accent));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), footer);
}

fn keys(t: &Theme, pairs: &[(&str, &str)]) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (k, d)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", t.muted));
        }
        spans.push(Span::styled(k.to_string(), t.key));
        spans.push(Span::styled(format!(" {d}"), t.muted));
    }
    spans
}

fn big_count(m: &Model, f: &mut Frame, area: Rect, count: &str, large: bool) {
    let t = &m.theme;
    let digits_h = area.height.saturating_sub(2);
    let [digits, label] =
        Layout::vertical([Constraint::Length(digits_h), Constraint::Length(2)]).areas(area);
    let size = if large {
        PixelSize::Full
    } else {
        PixelSize::HalfHeight
    };
    let big = BigText::builder()
        .pixel_size(size)
        .style(t.title)
        .lines(vec![Line::from(count.to_string())])
        .build();
    f.render_widget(big, digits);
    let noun = if m.count() == 1 {
        "result so far"
    } else {
        "results so far"
    };
    // The number again in plain digits: for screen readers and for a
    // terminal font that draws block glyphs badly.
    let mut lines = vec![Line::styled(format!("{} {noun}", m.count()), t.text)];
    let mut notes = Vec::new();
    if m.others() > 0 {
        notes.push(Span::styled(
            format!("+{} of other quizzes, kept apart", m.others()),
            t.muted,
        ));
    }
    // Files nobody can count must not go unnoticed: a result the
    // dashboard cannot read is a person missing from the room's numbers.
    for (n, what) in [(m.agg.unreadable, "unreadable"), (m.agg.invalid, "invalid")] {
        if n > 0 {
            if !notes.is_empty() {
                notes.push(Span::styled(" · ", t.muted));
            }
            notes.push(Span::styled(format!("{n} {what}"), t.accent));
        }
    }
    if !notes.is_empty() {
        lines.push(Line::from(notes));
    }
    f.render_widget(Paragraph::new(lines), label);
}

fn join(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Join ", t.title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines = vec![
        Line::styled("Take the quiz and submit your result:", t.text),
        Line::styled(format!("  {}", m.join_command()), t.accent),
        Line::styled("Or send the facilitator your share code.", t.text),
        Line::styled("Results are anonymous unless you add --name.", t.muted),
    ];
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        middle(inner, 4),
    );
}

/// The `h` rows in the vertical middle of `area`.
fn middle(area: Rect, h: u16) -> Rect {
    let h = h.min(area.height);
    Rect {
        y: area.y + (area.height - h) / 2,
        height: h,
        ..area
    }
}

fn hidden(m: &Model, f: &mut Frame, area: Rect) {
    let t = &m.theme;
    let lines = match m.main_group() {
        None if m.link == Link::Waiting => vec![
            Line::styled("Waiting for the database…", t.warn),
            Line::styled("Results appear here once it answers.", t.muted),
        ],
        None => vec![Line::styled("Waiting for the first result…", t.muted)],
        Some(g) if m.revealed && g.suppressed(m.min_group) => vec![
            Line::styled(format!("Results appear from {} on", m.min_group), t.warn),
            Line::styled("so that no one's answers can be singled out.", t.muted),
        ],
        Some(_) => vec![
            Line::styled("Results are hidden", t.warn),
            Line::styled("so early finishers don't sway the room.", t.muted),
            Line::from(vec![
                Span::styled("Press ", t.muted),
                Span::styled("r", t.key),
                Span::styled(" to reveal them.", t.muted),
            ]),
        ],
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let h = lines.len() as u16;
    f.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        middle(inner, h),
    );
}

/// `label  ████░░░░  value` rows that fit `w` columns exactly.
fn bar_line(t: &Theme, label: &str, lw: usize, pct: f64, value: &str, w: usize) -> Line<'static> {
    let bw = w.saturating_sub(lw + 2 + width(value)).max(1);
    Line::from(vec![
        Span::styled(pad(label, lw), t.text),
        Span::raw(" "),
        Span::styled(bar(pct, bw, false), t.bar),
        Span::styled(format!(" {value}"), t.text),
    ])
}

fn panel(t: &Theme, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(format!(" {title} "), t.title))
}

/// The outcome distribution as a bar chart: a label row and a full-width
/// bar per outcome when there is room (readable from the back of a room),
/// one row each otherwise.
fn outcomes(t: &Theme, f: &mut Frame, area: Rect, g: &Group) {
    let block = panel(t, "Outcomes");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let list = g.ordered_outcomes();
    let tall = inner.height as usize >= list.len() * 3;
    let lw = list
        .iter()
        .map(|o| width(&o.title))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let mut lines: Vec<Line> = Vec::new();
    for o in &list {
        let pct = g.percent(o.count);
        let value = format!("{:>4} {pct:>3}%", o.count);
        if tall {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            let label = truncate(&o.title, w.saturating_sub(width(&value) + 1));
            let gap = w.saturating_sub(width(&label) + width(&value));
            lines.push(Line::from(vec![
                Span::styled(label, t.text),
                Span::raw(" ".repeat(gap)),
                Span::styled(value, t.text),
            ]));
            lines.push(Line::styled(bar(pct as f64, w, false), t.bar));
        } else {
            lines.push(bar_line(t, &o.title, lw, pct as f64, &value, w));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn averages(t: &Theme, f: &mut Frame, area: Rect, g: &Group) {
    let block = panel(t, "Averages (0–100)");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let rows: Vec<(&str, Option<f64>)> = g
        .profiles
        .iter()
        .map(|p| (p.name.as_str(), p.fit.mean()))
        .chain(std::iter::once(("", None)))
        .chain(
            g.dimensions
                .iter()
                .map(|d| (d.name.as_str(), d.score.mean())),
        )
        .collect();
    let lw = rows
        .iter()
        .map(|(n, _)| width(n))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let room = inner.height as usize;
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(name, v)| match v {
            _ if name.is_empty() => Line::raw(""),
            Some(x) => bar_line(t, name, lw, *x, &format!("{x:>3.0}"), w),
            None => Line::from(vec![
                Span::styled(pad(name, lw), t.text),
                Span::styled(" not measured", t.muted),
            ]),
        })
        .collect();
    if lines.len() > room && room > 0 {
        let more = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(Line::styled(
            truncate(&format!("… {more} more in `careerfit aggregate`"), w),
            t.muted,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn small(m: &Model, f: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = &m.theme;
    let mut lines = vec![Line::styled(
        format!("Results so far: {}", m.count()),
        t.title,
    )];
    if m.link == Link::Waiting {
        lines.push(Line::styled("Waiting for the database", t.warn));
    }
    lines.extend([
        Line::styled("Terminal too small", t.warn),
        Line::styled(format!("need {MIN_WIDTH}×{MIN_HEIGHT}"), t.text),
        Line::styled(format!("have {}×{}", area.width, area.height), t.muted),
        Line::styled("q quits", t.muted),
    ]);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
