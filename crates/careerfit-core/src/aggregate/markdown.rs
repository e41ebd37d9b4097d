//! The group report as Markdown, for sharing after a workshop.

use super::Aggregate;
use super::group::Group;
use super::text::{answer_counts, fmt1, groups_note, suppressed_note, unknown_note};
use crate::sanitize::clean;
use std::fmt::Write;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn group(o: &mut String, g: &Group, min_group: u64) {
    let _ = writeln!(o, "## {}\n", cell(&g.quiz.title));
    let _ = writeln!(
        o,
        "Quiz `{}` v{} (fingerprint `{}`) · **{} results**\n",
        g.quiz.id, g.quiz.version, g.quiz.fingerprint, g.count
    );
    if !g.known {
        let _ = writeln!(o, "{}\n", unknown_note());
        return;
    }
    if g.suppressed(min_group) {
        let _ = writeln!(o, "{}\n", suppressed_note(min_group));
        return;
    }
    let _ = writeln!(
        o,
        "### Outcomes\n\n| Outcome | Results | Share |\n|---|---:|---:|"
    );
    for x in g.ordered_outcomes() {
        let _ = writeln!(
            o,
            "| {} | {} | {}% |",
            cell(&x.title),
            x.count,
            g.percent(x.count)
        );
    }
    let _ = writeln!(
        o,
        "\n### Profile fit (0–100)\n\n| Profile | Mean | Median | Stdev |\n|---|---:|---:|---:|"
    );
    for p in &g.profiles {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            cell(&p.name),
            fmt1(p.fit.mean()),
            fmt1(p.hist.median()),
            fmt1(p.fit.stdev())
        );
    }
    let _ = writeln!(
        o,
        "\n### Skills (0–100)\n\n| Skill | Mean | Stdev | Results per band 0–10 … 90–100 |\n|---|---:|---:|---|"
    );
    for d in &g.dimensions {
        let bands: Vec<String> = d.hist.iter().map(u64::to_string).collect();
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            cell(&d.name),
            fmt1(d.score.mean()),
            fmt1(d.score.stdev()),
            bands.join(" · ")
        );
    }
    let _ = writeln!(o, "\n### Answers per question\n");
    for (i, q) in g.questions.iter().enumerate() {
        let text = q
            .text
            .clone()
            .unwrap_or_else(|| format!("Question {}", i + 1));
        let _ = writeln!(
            o,
            "{}. **{}**  \n   {}",
            i + 1,
            text.replace('\n', " "),
            answer_counts(q)
        );
    }
    o.push('\n');
}

/// The whole report as one Markdown document.
pub fn markdown(a: &Aggregate, min_group: u64) -> String {
    let mut o = String::from("# careerfit group report\n\n");
    let _ = writeln!(
        o,
        "{} results read · {} inputs skipped\n",
        a.count(),
        a.skipped
    );
    for note in super::text::problem_notes(a) {
        let _ = writeln!(o, "{}\n", crate::card::md_text(&note));
    }
    let groups = a.ordered();
    if groups.len() > 1 {
        let _ = writeln!(o, "{}\n", groups_note(groups.len()));
    }
    for g in groups {
        group(&mut o, g, min_group);
    }
    clean(&o)
}
