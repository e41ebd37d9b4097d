//! Human-readable renderings of a [`Report`] and of a quiz: the text card
//! (chat-sized, at most [`CARD_WIDTH`] columns), the Markdown document, and
//! the `inspect` views. All output passes through the sanitizer again.

use super::model::{Quiz, When};
use super::report::{ReasonOut, Report};
use super::sanitize::{clean, clean_line};
use super::text::{bar, pad, truncate, width, wrap};
use crate::tr;
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
        None => format!(
            "careerfit show {} --quiz {}",
            r.share_code,
            r.lang().t("quiz-file-placeholder")
        ),
    }
}

/// The lines left on the terminal when a finished quiz closes (locally
/// and over SSH): the headline and the share code with the command that
/// shows it again, so the result outlives the full-screen view.
pub fn farewell(r: &Report) -> String {
    let lang = r.lang();
    format!(
        "{}\n{}\n",
        tr!(lang, "goodbye-result", headline = r.headline()),
        tr!(
            lang,
            "goodbye-code",
            code = &r.share_code,
            command = show_command(r)
        )
    )
}

fn push_wrapped(out: &mut String, indent: &str, text: &str) {
    for l in wrap(text, CARD_WIDTH - width(indent)) {
        let _ = writeln!(out, "{indent}{l}");
    }
}

/// The text card: recommendation, bars, reasons, code and how to reproduce it.
pub fn text_card(r: &Report, ascii: bool) -> String {
    let lang = r.lang();
    let ascii_copy;
    let r = if ascii {
        ascii_copy = crate::ascii::report(r);
        &ascii_copy
    } else {
        r
    };
    let mut o = String::new();
    let dash = if ascii { "-" } else { "─" };
    push_wrapped(
        &mut o,
        "",
        &format!("careerfit · {} (v{})", r.quiz.title, r.quiz.version),
    );
    if let Some(n) = &r.name {
        push_wrapped(&mut o, "", &tr!(lang, "card-result-for", name = n));
    }
    let _ = writeln!(o, "{}", dash.repeat(CARD_WIDTH));
    push_wrapped(&mut o, "", &r.headline());
    push_wrapped(
        &mut o,
        "",
        &tr!(
            lang,
            "card-confidence",
            confidence = r.confidence_text(),
            done = r.answered,
            total = r.answers.len()
        ),
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
                &tr!(
                    lang,
                    "card-reason",
                    sign = sign,
                    text = q,
                    answer = &re.answer,
                    effect = reason_effect(r, re)
                ),
            );
        }
    }
    for f in &r.explanation.flags {
        o.push('\n');
        push_wrapped(&mut o, "", &tr!(lang, "card-note", message = &f.message));
    }
    o.push('\n');
    let _ = writeln!(o, "{}", lang.t("card-skills"));
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
    let _ = writeln!(o, "{}", tr!(lang, "card-share-code", code = &r.share_code));
    push_wrapped(
        &mut o,
        "",
        &tr!(lang, "card-see-again", command = show_command(r)),
    );
    if !r.disclaimer.is_empty() {
        push_wrapped(&mut o, "", &r.disclaimer);
    }
    let o = clean(&o);
    if ascii {
        // The texts are ASCII already; what is left is the card's own
        // punctuation and the `…` of a cut text, which keeps its one
        // column as `~` in a padded column so the columns stay in line.
        // A cut quotation ends in `...` (it is wrapped text).
        let o = o.replace("…”", "...\"").replace('…', "~");
        crate::ascii::to_ascii(&o).into_owned()
    } else {
        o
    }
}

/// The reasons split into the answers that pulled towards the result and
/// those that pulled the other way, each under its heading.
pub fn reason_groups(r: &Report) -> Vec<(String, Vec<&ReasonOut>)> {
    let (towards, against): (Vec<&ReasonOut>, Vec<&ReasonOut>) =
        r.explanation.reasons.iter().partition(|re| re.pull > 0.0);
    let mut groups = Vec::new();
    if !towards.is_empty() {
        groups.push((r.lang().t("reasons-towards"), towards));
    }
    if !against.is_empty() {
        groups.push((r.lang().t("reasons-against"), against));
    }
    groups
}

/// What an answer did, e.g. `raised Product Management`.
pub fn reason_effect(r: &Report, re: &ReasonOut) -> String {
    let profile = r.profile_name(&re.profile);
    if re.raised {
        tr!(r.lang(), "effect-raised", profile = profile)
    } else {
        tr!(r.lang(), "effect-lowered", profile = profile)
    }
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
    let lang = r.lang();
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", tr!(lang, "md-title", title = &r.quiz.title));
    if let Some(n) = &r.name {
        let _ = writeln!(o, "{}\n", tr!(lang, "md-result-for", name = md_text(n)));
    }
    let _ = writeln!(
        o,
        "{}\n",
        tr!(
            lang,
            "md-headline",
            label = md_cell(&r.recommendation.headline),
            title = md_cell(&r.recommendation.title),
            confidence = r.confidence_text(),
            done = r.answered,
            total = r.answers.len()
        )
    );
    if !r.recommendation.confidence_note.is_empty() {
        let _ = writeln!(o, "*{}*\n", r.recommendation.confidence_note);
    }
    let _ = writeln!(o, "{}\n", r.explanation.summary);
    let _ = writeln!(
        o,
        "## {}\n\n{}\n|---|---:|---:|",
        lang.t("md-fit-heading"),
        lang.t("md-fit-columns")
    );
    for p in &r.profiles {
        let fit = p.fit.map_or("–".into(), |f| format!("{f:.1}"));
        let _ = writeln!(o, "| {} | {fit} | {:.1} |", md_cell(&p.name), p.se);
    }
    let _ = writeln!(
        o,
        "\n## {}\n\n{}\n|---|---:|---:|---:|",
        lang.t("md-skills-heading"),
        lang.t("md-skills-columns")
    );
    for d in &r.dimensions {
        let s = d
            .score
            .map_or_else(|| lang.t("md-not-measured"), |s| format!("{s:.1}"));
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
                "{}",
                tr!(
                    lang,
                    "md-reason",
                    pull = format!("{:+.1}", re.pull),
                    effect = reason_effect(r, re),
                    text = re.text.replace('\n', " "),
                    answer = &re.answer
                )
            );
        }
    }
    if !r.explanation.flags.is_empty() {
        let _ = writeln!(o, "\n## {}\n", lang.t("md-pattern-heading"));
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
        let _ = writeln!(o, "\n**{}**\n", lang.t("md-key-questions"));
        for q in &r.outcome.key_questions {
            let _ = writeln!(o, "- {q}");
        }
    }
    if !r.outcome.next_steps.is_empty() {
        let _ = writeln!(o, "\n## {}\n", lang.t("md-next-steps"));
        for (i, s) in r.outcome.next_steps.iter().enumerate() {
            let _ = writeln!(o, "{}. {s}", i + 1);
        }
    }
    let _ = writeln!(
        o,
        "\n---\n\n{}",
        tr!(
            lang,
            "md-share",
            code = &r.share_code,
            command = show_command(r)
        )
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
        "scale_start": q.scale_start,
        "allow": q.allow.iter().map(|a| json!({"lint": a.lint, "reason": a.reason})).collect::<Vec<_>>(),
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
    if q.scale_start != 1 {
        let last = q.scale_start + q.scale.len() as i64 - 1;
        let _ = writeln!(o, "scale points: {} to {last}", q.scale_start);
    }
    for a in &q.allow {
        let _ = writeln!(o, "lint allowed: {} ({})", a.lint, a.reason);
    }
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
