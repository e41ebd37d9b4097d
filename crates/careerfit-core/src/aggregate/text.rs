//! The group report as plain text for the terminal.

use super::Aggregate;
use super::group::{Group, QuestionStats};
use super::stats::DIM_BINS;
use crate::sanitize::clean;
use crate::text::{bar, pad, wrap};
use std::fmt::Write;

const WIDTH: usize = 72;

/// A value with one decimal, or `–` when there is none.
pub fn fmt1(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{v:.1}"))
}

/// Ten bins as a sparkline, scaled to the fullest bin (`·` for empty).
pub fn spark(hist: &[u64; DIM_BINS]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = hist.iter().copied().max().unwrap_or(0).max(1);
    hist.iter()
        .map(|&c| {
            if c == 0 {
                '·'
            } else {
                LEVELS[((c * 8).div_ceil(max) as usize).clamp(1, 8) - 1]
            }
        })
        .collect()
}

/// `Agree 50 · Disagree 10 · skipped 2` for one question.
pub fn answer_counts(q: &QuestionStats) -> String {
    let mut parts: Vec<String> = q
        .options
        .iter()
        .enumerate()
        .map(|(k, c)| match q.labels.get(k) {
            Some(l) => format!("{l}: {c}"),
            None => format!("option {}: {c}", k + 1),
        })
        .collect();
    if q.skipped > 0 {
        parts.push(format!("skipped: {}", q.skipped));
    }
    parts.join(" · ")
}

/// What the anonymity rule says in place of a small group's details.
pub fn suppressed_note(min_group: u64) -> String {
    format!(
        "Fewer than {min_group} results, so only the count is shown: with so few, \
         answers could be traced back to people."
    )
}

/// What a report says about a quiz careerfit does not know.
pub fn unknown_note() -> &'static str {
    "careerfit does not know this quiz, so only the count is shown. \
     To see the rest, give its file with --quiz FILE."
}

/// The note that appears when results of several quizzes or versions were read.
pub fn groups_note(n: usize) -> String {
    format!(
        "Results of {n} different quizzes or quiz versions were found. They are \
         never mixed: each is reported on its own."
    )
}

fn group(o: &mut String, g: &Group, min_group: u64) {
    let _ = writeln!(o, "{}", g.quiz.label());
    let _ = writeln!(o, "fingerprint {}", g.quiz.fingerprint);
    let _ = writeln!(o, "Results: {}", g.count);
    if !g.known {
        for l in wrap(unknown_note(), WIDTH) {
            let _ = writeln!(o, "{l}");
        }
        return;
    }
    if g.suppressed(min_group) {
        for l in wrap(&suppressed_note(min_group), WIDTH) {
            let _ = writeln!(o, "{l}");
        }
        return;
    }
    let names = g
        .outcomes
        .iter()
        .map(|x| x.title.as_str())
        .chain(g.profiles.iter().map(|p| p.name.as_str()))
        .chain(g.dimensions.iter().map(|d| d.name.as_str()));
    let col = names
        .map(crate::text::width)
        .max()
        .unwrap_or(0)
        .clamp(8, 28)
        + 2;
    let _ = writeln!(o, "\nOutcomes:");
    for x in g.ordered_outcomes() {
        let pct = g.percent(x.count);
        let _ = writeln!(
            o,
            "  {}{:>5} {pct:>4}%  {}",
            pad(&x.title, col),
            x.count,
            bar(pct as f64, 20, false)
        );
    }
    let _ = writeln!(
        o,
        "\nProfile fit (0–100):\n  {}  mean  median  stdev",
        pad("", col)
    );
    for p in &g.profiles {
        let _ = writeln!(
            o,
            "  {}{:>6}  {:>6}  {:>5}",
            pad(&p.name, col),
            fmt1(p.fit.mean()),
            fmt1(p.hist.median()),
            fmt1(p.fit.stdev())
        );
    }
    let _ = writeln!(
        o,
        "\nSkills (0–100):\n  {}  mean  stdev  0…100",
        pad("", col)
    );
    for d in &g.dimensions {
        let _ = writeln!(
            o,
            "  {}{:>6}  {:>5}  {}",
            pad(&d.name, col),
            fmt1(d.score.mean()),
            fmt1(d.score.stdev()),
            spark(&d.hist)
        );
    }
    let _ = writeln!(o, "\nAnswers per question:");
    for (i, q) in g.questions.iter().enumerate() {
        let head = format!("{:>3}. ", i + 1);
        let text = q
            .text
            .clone()
            .unwrap_or_else(|| format!("question {}", i + 1));
        for (j, l) in wrap(&text, WIDTH - 5).iter().enumerate() {
            let lead = if j == 0 { head.as_str() } else { "     " };
            let _ = writeln!(o, "{lead}{l}");
        }
        for l in wrap(&answer_counts(q), WIDTH - 7) {
            let _ = writeln!(o, "       {l}");
        }
    }
}

/// What a facilitator must know about inputs that were not counted:
/// unreadable files (named: people missing from the numbers) and copies
/// of results already counted.
pub fn problem_notes(a: &Aggregate) -> Vec<String> {
    let mut v = Vec::new();
    if a.unreadable > 0 {
        let more = if a.unreadable > a.unreadable_names.len() as u64 {
            ", …"
        } else {
            ""
        };
        v.push(format!(
            "Unreadable: {} ({}{more}); careerfit could not open them, check their permissions.",
            a.unreadable,
            a.unreadable_names.join(", ")
        ));
    }
    if a.duplicates > 0 {
        v.push(format!(
            "Copies of results already counted, left out: {}.",
            a.duplicates
        ));
    }
    v
}

/// The whole report: totals, then each group, largest first.
pub fn text(a: &Aggregate, min_group: u64) -> String {
    let mut o = String::new();
    let rule = "─".repeat(WIDTH);
    let _ = writeln!(o, "careerfit · group report\n{rule}");
    let _ = writeln!(
        o,
        "Results read: {} · inputs skipped: {}",
        a.count(),
        a.skipped
    );
    for note in problem_notes(a) {
        for l in wrap(&note, WIDTH) {
            let _ = writeln!(o, "{l}");
        }
    }
    let groups = a.ordered();
    if groups.len() > 1 {
        for l in wrap(&groups_note(groups.len()), WIDTH) {
            let _ = writeln!(o, "{l}");
        }
    }
    for g in groups {
        let _ = writeln!(o, "{rule}");
        group(&mut o, g, min_group);
    }
    let _ = writeln!(o, "{rule}");
    clean(&o)
}
