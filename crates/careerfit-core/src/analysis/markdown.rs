//! The item analysis as Markdown, for a wiki page or a pull request.

use super::text::{f3, num, scale_name};
use super::{Analysis, Body, Figure, MIN_SHEETS, Report};
use crate::model::Quiz;
use crate::sanitize::clean_line;
use std::fmt::Write;

/// A table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    clean_line(s).replace('|', "\\|")
}

fn fig<T>(f: &Figure<T>, show: impl Fn(&T) -> String) -> String {
    match f {
        Ok(v) => show(v),
        Err(w) => w.to_string(),
    }
}

fn analysis(o: &mut String, quiz: &Quiz, a: &Analysis) {
    let _ = writeln!(
        o,
        "Sheets: {} ({} complete, {} partial)\n\n### Scales\n\n\
         | scale | items | sheets | alpha | 95% interval (Feldt) | mean | sd | range |\n\
         |---|---:|---:|---:|---|---:|---:|---|",
        a.sheets,
        a.complete,
        a.partial()
    );
    for s in &a.scales {
        let (alpha, ci) = match &s.alpha {
            Ok(al) => (
                f3(al.value),
                al.interval
                    .map_or("–".into(), |(lo, hi)| format!("{} to {}", f3(lo), f3(hi))),
            ),
            Err(w) => (w.to_string(), String::new()),
        };
        let (m, sd) = match &s.mean_sd {
            Ok((m, sd)) => (format!("{m:.1}"), format!("{sd:.1}")),
            Err(w) => (w.to_string(), String::new()),
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {alpha} | {ci} | {m} | {sd} | {}–{} |",
            cell(&scale_name(quiz, s)),
            s.items.len(),
            s.sheets,
            num(s.range.0),
            num(s.range.1)
        );
    }
    let _ = writeln!(
        o,
        "\n### Items\n\n| scale | question | item–total r | alpha if deleted |\n|---|---|---:|---:|"
    );
    for s in &a.scales {
        for it in &s.items {
            let _ = writeln!(
                o,
                "| {} | `{}` | {} | {} |",
                cell(&scale_name(quiz, s)),
                cell(&quiz.questions[it.question].id),
                fig(&it.item_rest, |r| f3(*r)),
                fig(&it.alpha_without, |r| f3(*r))
            );
        }
    }
    let _ = writeln!(
        o,
        "\n### Answers\n\n| question | answered | skipped | answers (option: count) |\n|---|---:|---:|---|"
    );
    for (q, ans) in quiz.questions.iter().zip(&a.answers) {
        let counts: Vec<String> = ans
            .counts
            .iter()
            .enumerate()
            .map(|(k, c)| format!("{}: {c}", k + 1))
            .collect();
        let _ = writeln!(
            o,
            "| `{}` | {} | {} | {} |",
            cell(&q.id),
            ans.answered(),
            ans.skipped,
            counts.join(", ")
        );
    }
    let _ = writeln!(o, "\n### Flagged items\n");
    if a.flags.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for f in &a.flags {
        let _ = writeln!(
            o,
            "- `{}`: {}",
            cell(&quiz.questions[f.question].id),
            cell(&f.concern.describe(quiz, a, f.question))
        );
    }
    let _ = writeln!(o, "\n### Fit correlations\n");
    for c in &a.correlations {
        let r = fig(&c.r, |(r, ci)| match ci {
            Some((lo, hi)) => format!("r = {} (95% interval {} to {})", f3(*r), f3(*lo), f3(*hi)),
            None => format!("r = {}", f3(*r)),
        });
        let _ = writeln!(
            o,
            "- {} – {}: {r}, {} sheets",
            cell(&quiz.profiles[c.a].name),
            cell(&quiz.profiles[c.b].name),
            c.sheets
        );
    }
    let _ = writeln!(o, "\n### Outcomes\n\n| outcome | sheets |\n|---|---:|");
    for (x, n) in quiz.outcomes.iter().zip(&a.outcomes) {
        let _ = writeln!(o, "| {} | {n} |", cell(&x.title));
    }
}

/// The whole report as one Markdown document.
pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Item analysis\n\nResults read: {} · inputs skipped: {}. Each figure rests on the \
         sheets stated next to it; one resting on fewer than {MIN_SHEETS} is withheld.",
        r.read, r.skipped
    );
    for s in &r.sections {
        let _ = writeln!(
            o,
            "\n## {}\n\nfingerprint `{}`\n",
            cell(&s.label),
            cell(&s.fingerprint)
        );
        match &s.body {
            Body::CountOnly(why) => {
                let _ = writeln!(o, "Results: {}. {}", s.results, cell(why));
            }
            Body::Analysed(q, a) => analysis(&mut o, q, a),
        }
    }
    crate::sanitize::clean(&o)
}
