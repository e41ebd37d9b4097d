//! Human-readable renderings of a [`Report`] and of a quiz: the text card
//! (chat-sized, at most [`CARD_WIDTH`] columns), the Markdown document, and
//! the `inspect` views. All output passes through the sanitizer again.

use super::model::{Quiz, When};
use super::report::{ReasonOut, Report};
use super::sanitize::{clean, clean_line};
use super::text::{bar, pad, truncate, width, wrap};
use serde_json::{Value, json};
use std::fmt::Write;

/// Widest line of the text card, so it fits a chat code block.
pub const CARD_WIDTH: usize = 72;
/// The id of the quiz built into the binary.
pub const DEFAULT_QUIZ_ID: &str = "pm-vs-pd";

/// The command that shows this result again.
pub fn show_command(r: &Report) -> String {
    let by_code = format!("careerfit show {}", r.share_code);
    if r.quiz.id == DEFAULT_QUIZ_ID {
        // Every version of the default quiz is bundled and found by the code.
        return by_code;
    }
    match crate::bundled::id_for_fingerprint(&r.quiz.fingerprint) {
        Some(id) if id == r.quiz.id => {
            format!("careerfit show {} --quiz {id}", r.share_code)
        }
        // An older version of a bundled quiz (such as `pm-vs-pd-ja-v1`):
        // `--quiz` with its own id would load the newer version, while the
        // code alone finds the version it was made with.
        Some(_) => by_code,
        // A quiz from a file: the id alone would not find it.
        None => format!("careerfit show {} --quiz <quiz file>", r.share_code),
    }
}

/// The lines left on the terminal when a finished quiz closes (locally
/// and over SSH): the headline and the share code with the command that
/// shows it again, so the result outlives the full-screen view.
pub fn farewell(r: &Report) -> String {
    format!(
        "Your result: {}\nShare code: {}  (see it again: {})\n",
        r.headline(),
        r.share_code,
        show_command(r)
    )
}

fn push_wrapped(out: &mut String, indent: &str, text: &str) {
    for l in wrap(text, CARD_WIDTH - width(indent)) {
        let _ = writeln!(out, "{indent}{l}");
    }
}

/// The text card: recommendation, bars, reasons, code and how to reproduce it.
pub fn text_card(r: &Report, ascii: bool) -> String {
    let mut o = String::new();
    let dash = if ascii { "-" } else { "─" };
    push_wrapped(
        &mut o,
        "",
        &format!("careerfit · {} (v{})", r.quiz.title, r.quiz.version),
    );
    if let Some(n) = &r.name {
        push_wrapped(&mut o, "", &format!("Result for {n}"));
    }
    let _ = writeln!(o, "{}", dash.repeat(CARD_WIDTH));
    push_wrapped(&mut o, "", &r.headline());
    let _ = writeln!(
        o,
        "Confidence: {} · {} of {} questions answered",
        r.confidence_text(),
        r.answered,
        r.answers.len()
    );
    if !r.recommendation.confidence_note.is_empty() {
        push_wrapped(&mut o, "", &r.recommendation.confidence_note);
    }
    o.push('\n');
    let name_w = r
        .profiles
        .iter()
        .map(|p| width(&p.name))
        .max()
        .unwrap_or(0)
        .min(28);
    let bar_w = CARD_WIDTH - name_w - 2 - 5;
    for p in &r.profiles {
        let fit = p.fit.map_or("  -".to_string(), |f| format!("{f:>3.0}"));
        let _ = writeln!(
            o,
            "{}  {} {fit}",
            pad(&p.name, name_w),
            bar(p.fit.unwrap_or(0.0), bar_w, ascii)
        );
    }
    o.push('\n');
    push_wrapped(&mut o, "", &r.explanation.summary);
    for (heading, list) in reason_groups(r) {
        o.push('\n');
        let _ = writeln!(o, "{heading}");
        for re in list {
            let q = truncate(&re.text, 56);
            let sign = if re.pull > 0.0 { "+" } else { "-" };
            push_wrapped(
                &mut o,
                "  ",
                &format!("{sign} “{q}” — {} ({})", re.answer, reason_effect(r, re)),
            );
        }
    }
    for f in &r.explanation.flags {
        o.push('\n');
        push_wrapped(&mut o, "", &format!("Note: {}", f.message));
    }
    o.push('\n');
    let _ = writeln!(o, "Skills (0–100):");
    let dn = r
        .dimensions
        .iter()
        .map(|d| width(&d.name))
        .max()
        .unwrap_or(0)
        .min(30);
    for d in &r.dimensions {
        let s = d.score.map_or("  -".to_string(), |s| format!("{s:>3.0}"));
        let _ = writeln!(
            o,
            "  {}  {} {s}",
            pad(&d.name, dn),
            bar(d.score.unwrap_or(0.0), CARD_WIDTH - dn - 8, ascii)
        );
    }
    let _ = writeln!(o, "{}", dash.repeat(CARD_WIDTH));
    let _ = writeln!(o, "Share code: {}", r.share_code);
    push_wrapped(&mut o, "", &format!("See it again: {}", show_command(r)));
    if !r.disclaimer.is_empty() {
        push_wrapped(&mut o, "", &r.disclaimer);
    }
    clean(&o)
}

/// The reasons split into the answers that pulled towards the result and
/// those that pulled the other way, each under its heading.
pub fn reason_groups(r: &Report) -> Vec<(&'static str, Vec<&ReasonOut>)> {
    let (towards, against): (Vec<&ReasonOut>, Vec<&ReasonOut>) =
        r.explanation.reasons.iter().partition(|re| re.pull > 0.0);
    let mut groups = Vec::new();
    if !towards.is_empty() {
        groups.push(("Why, in your own answers:", towards));
    }
    if !against.is_empty() {
        groups.push(("What pulled the other way:", against));
    }
    groups
}

/// What an answer did, e.g. `raised Product Management`.
pub fn reason_effect(r: &Report, re: &ReasonOut) -> String {
    let verb = if re.raised { "raised" } else { "lowered" };
    format!("{verb} {}", r.profile_name(&re.profile))
}

/// User text (a nickname) as literal Markdown: HTML characters become
/// entities and Markdown punctuation is backslash-escaped, so a nickname
/// can't add a link, an image, HTML or emphasis to the document.
pub fn md_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in clean_line(s).chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '"' | '\'' | ':' | '=' => {
                o.push('\\');
                o.push(c);
            }
            c => o.push(c),
        }
    }
    o
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown document: headings, tables, explanation and next steps.
pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {} — result\n", r.quiz.title);
    if let Some(n) = &r.name {
        let _ = writeln!(o, "Result for **{}**.\n", md_text(n));
    }
    let _ = writeln!(
        o,
        "**{}:** {} · confidence {} · {} of {} questions answered\n",
        md_cell(&r.recommendation.headline),
        md_cell(&r.recommendation.title),
        r.confidence_text(),
        r.answered,
        r.answers.len()
    );
    if !r.recommendation.confidence_note.is_empty() {
        let _ = writeln!(o, "*{}*\n", r.recommendation.confidence_note);
    }
    let _ = writeln!(o, "{}\n", r.explanation.summary);
    let _ = writeln!(
        o,
        "## Fit by profile\n\n| Profile | Fit (0–100) | ± (std. error) |\n|---|---:|---:|"
    );
    for p in &r.profiles {
        let fit = p.fit.map_or("–".into(), |f| format!("{f:.1}"));
        let _ = writeln!(o, "| {} | {fit} | {:.1} |", md_cell(&p.name), p.se);
    }
    let _ = writeln!(
        o,
        "\n## Skills\n\n| Skill | Score (0–100) | Raw | Range |\n|---|---:|---:|---:|"
    );
    for d in &r.dimensions {
        let s = d.score.map_or("not measured".into(), |s| format!("{s:.1}"));
        let _ = writeln!(
            o,
            "| {} | {s} | {} | {}–{} |",
            md_cell(&d.name),
            d.raw,
            d.min,
            d.max
        );
    }
    for (heading, list) in reason_groups(r) {
        let _ = writeln!(o, "\n**{heading}**\n");
        for re in list {
            let _ = writeln!(
                o,
                "- ({:+.1}, {}): “{}” — you answered *{}*",
                re.pull,
                reason_effect(r, re),
                re.text.replace('\n', " "),
                re.answer
            );
        }
    }
    if !r.explanation.flags.is_empty() {
        let _ = writeln!(o, "\n## About your answer pattern\n");
        for f in &r.explanation.flags {
            let _ = writeln!(o, "- {}", f.message);
        }
    }
    let _ = writeln!(
        o,
        "\n## {}\n\n{}",
        r.recommendation.title, r.outcome.summary
    );
    if !r.outcome.day_to_day.is_empty() {
        let _ = writeln!(o, "\n{}", r.outcome.day_to_day);
    }
    if !r.outcome.key_questions.is_empty() {
        let _ = writeln!(o, "\n**Questions this path answers**\n");
        for q in &r.outcome.key_questions {
            let _ = writeln!(o, "- {q}");
        }
    }
    if !r.outcome.next_steps.is_empty() {
        let _ = writeln!(o, "\n## Next steps\n");
        for (i, s) in r.outcome.next_steps.iter().enumerate() {
            let _ = writeln!(o, "{}. {s}", i + 1);
        }
    }
    let _ = writeln!(
        o,
        "\n---\n\nShare code: `{}` · reproduce with `{}`",
        r.share_code,
        show_command(r)
    );
    if !r.disclaimer.is_empty() {
        let _ = writeln!(o, "\n*{}*", r.disclaimer);
    }
    clean(&o)
}

fn when_value(q: &Quiz, w: &When) -> Value {
    match w {
        When::Profile(p) => json!({ "profile": q.profiles[*p].id }),
        When::Hybrid(a, b) => json!({ "hybrid": [q.profiles[*a].id, q.profiles[*b].id] }),
        When::Explore => json!("explore"),
    }
}

/// The quiz as the engine understood it, as JSON.
pub fn inspect_json(q: &Quiz) -> String {
    let dim = |d: usize| q.dimensions[d].id.clone();
    let v = json!({
        "id": q.id,
        "title": q.title,
        "version": q.version,
        "language": q.language,
        "description": q.description,
        "disclaimer": q.disclaimer,
        "source": q.source,
        "fingerprint": q.fingerprint,
        "scale": q.scale,
        "rules": q.rules,
        "dimensions": q.dimensions.iter().map(|d| json!({"id": d.id, "name": d.name, "description": d.description})).collect::<Vec<_>>(),
        "profiles": q.profiles.iter().map(|p| json!({
            "id": p.id, "name": p.name, "summary": p.summary,
            "weights": p.weights.iter().map(|&(d, w)| (dim(d), json!(w))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "outcomes": q.outcomes.iter().map(|o| json!({"id": o.id, "when": when_value(q, &o.when), "title": o.title})).collect::<Vec<_>>(),
        "questions": q.questions.iter().map(|qq| json!({
            "id": qq.id,
            "kind": qq.kind.as_str(),
            "text": qq.text,
            "weight": qq.weight,
            "measures": qq.measures.iter().map(|&d| dim(d)).collect::<Vec<_>>(),
            "reverse_keyed": qq.reverse.iter().map(|&d| dim(d)).collect::<Vec<_>>(),
            "options": qq.choices.iter().map(|c| json!({
                "label": c.label,
                "effects": c.effects.iter().map(|&(d, v)| (dim(d), json!(v))).collect::<serde_json::Map<_, _>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    clean(&s)
}

/// The quiz as the engine understood it, for people.
pub fn inspect_text(q: &Quiz) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} ({}) v{} [{}]", q.title, q.id, q.version, q.language);
    let _ = writeln!(o, "fingerprint {}", q.fingerprint);
    let _ = writeln!(
        o,
        "{} questions, {} dimensions, {} profiles, {} outcomes; scale: {}",
        q.questions.len(),
        q.dimensions.len(),
        q.profiles.len(),
        q.outcomes.len(),
        q.scale.join(" / ")
    );
    match q.rules.bands {
        None => {
            let _ = writeln!(
                o,
                "rules: gap rule; strong ≥ {}, separation z = {}, at least {:.0}% answered",
                q.rules.strong,
                q.rules.z,
                q.rules.min_answered * 100.0
            );
        }
        Some(b) => {
            let bridge = b
                .bridge
                .map_or("none".to_string(), |d| q.dimensions[d].id.clone());
            let _ = writeln!(
                o,
                "rules: two-sided rule; strong ≥ {}, lean ≥ {}, margin {}, bridge {bridge} (relief {}), inconsistent above a spread of {}, retest scale {}, at least {:.0}% answered",
                q.rules.strong,
                b.lean,
                b.margin,
                b.relief,
                b.max_spread,
                b.retest,
                q.rules.min_answered * 100.0
            );
        }
    }
    let _ = writeln!(o, "\nDimensions:");
    for d in &q.dimensions {
        let n = q
            .questions
            .iter()
            .filter(|x| {
                x.measures
                    .contains(&(q.dimensions.iter().position(|y| y.id == d.id).unwrap_or(0)))
            })
            .count();
        let _ = writeln!(o, "  {:<16} {} ({n} questions)", d.id, d.name);
    }
    let _ = writeln!(o, "\nProfiles:");
    for p in &q.profiles {
        let w: Vec<String> = p
            .weights
            .iter()
            .map(|&(d, w)| format!("{}×{w}", q.dimensions[d].id))
            .collect();
        let _ = writeln!(o, "  {:<16} {}: {}", p.id, p.name, w.join(", "));
    }
    let _ = writeln!(o, "\nOutcomes:");
    for oc in &q.outcomes {
        let _ = writeln!(
            o,
            "  {:<16} {} [{}]",
            oc.id,
            oc.title,
            when_value(q, &oc.when)
        );
    }
    let _ = writeln!(o, "\nQuestions:");
    for (i, qq) in q.questions.iter().enumerate() {
        let dims: Vec<String> = qq
            .measures
            .iter()
            .map(|&d| {
                let rev = if qq.reverse.contains(&d) {
                    " (reverse)"
                } else {
                    ""
                };
                format!("{}{rev}", q.dimensions[d].id)
            })
            .collect();
        let _ = writeln!(
            o,
            "{:>4}. [{}] {} — measures {}",
            i + 1,
            qq.kind.as_str(),
            qq.id,
            dims.join(", ")
        );
        for l in wrap(&qq.text, 70) {
            let _ = writeln!(o, "      {l}");
        }
        if qq.kind != super::model::Kind::Agreement {
            for (k, c) in qq.choices.iter().enumerate() {
                let _ = writeln!(o, "        {}) {}", k + 1, c.label);
            }
        }
    }
    clean(&o)
}
