//! From raw syntax to a validated [`Quiz`]: resolve every reference, check
//! every limit, and fingerprint the result.

use super::check::Checker;
use super::question::build_question;
use super::*;
use crate::diag::{Diagnostic, Locator, Severity};
use crate::sanitize::{clean_line, is_plain_id};
use sha2::{Digest, Sha256};

pub(super) fn build(src: &str, raw: RawQuiz) -> Result<Quiz, LoadError> {
    let mut c = Checker {
        loc: Locator::new(src),
        diags: Vec::new(),
    };
    let f = |c: &Checker, name: &str| c.loc.find_field_after(0, name);
    let at_id = c.loc.find_id(&raw.id, 0);
    if !is_plain_id(&raw.id) {
        c.err_at(
            f(&c, "id"),
            format!("quiz id {:?} is not a plain identifier (lowercase letters, digits, `_` or `-`, starting with a letter, at most 64 characters)", clean_line(&raw.id)),
        );
    }
    let _ = at_id;
    let title = c.line(f(&c, "title"), "`title`", &raw.title);
    let version = c.line(f(&c, "version"), "`version`", &raw.version);
    let language = c.line(f(&c, "language"), "`language`", &raw.language);
    let description = c.text(
        f(&c, "description"),
        "`description`",
        &raw.description,
        true,
    );
    let disclaimer = c.text(
        f(&c, "disclaimer"),
        "`disclaimer`",
        raw.disclaimer.as_deref().unwrap_or(""),
        false,
    );
    let source = c.text(f(&c, "source"), "`source`", &raw.source, false);
    let scale_at = f(&c, "scale");
    if raw.scale.len() < 2 || raw.scale.len() > MAX_OPTIONS {
        c.err_at(
            scale_at,
            format!(
                "`scale` needs between 2 and {MAX_OPTIONS} points, found {}",
                raw.scale.len()
            ),
        );
    }
    let scale: Vec<String> = raw
        .scale
        .iter()
        .take(MAX_OPTIONS)
        .map(|s| c.line(scale_at, "a `scale` label", s))
        .collect();
    if !(-MAX_SCALE_START..=MAX_SCALE_START).contains(&raw.scale_start) {
        c.err_at(
            f(&c, "scale_start"),
            format!(
                "`scale_start` must be a whole number from -{MAX_SCALE_START} to {MAX_SCALE_START}, found {}",
                raw.scale_start
            ),
        );
    }
    let rules_at = f(&c, "rules");
    let r = raw.rules;
    if !(r.strong.is_finite() && (0.0..=100.0).contains(&r.strong)) {
        c.err_at(
            rules_at,
            format!("`strong` must be between 0 and 100, found {}", r.strong),
        );
    }
    if !(r.z.is_finite() && (0.0..=5.0).contains(&r.z)) {
        c.err_at(
            rules_at,
            format!("`z` must be between 0 and 5, found {}", r.z),
        );
    }
    if !(r.min_answered.is_finite() && (0.0..=1.0).contains(&r.min_answered)) {
        c.err_at(
            rules_at,
            format!(
                "`min_answered` must be between 0 and 1, found {}",
                r.min_answered
            ),
        );
    }
    let mut rules = Rules {
        strong: r.strong,
        z: r.z,
        min_answered: r.min_answered,
        bands: None,
    };

    // Dimensions.
    c.count(
        f(&c, "dimensions"),
        "dimensions",
        raw.dimensions.len(),
        1,
        MAX_DIMENSIONS,
    );
    let (dim_map, dim_at) = c.ids(
        "dimension",
        "dimensions",
        raw.dimensions.iter().map(|d| d.id.as_str()),
    );
    let dimensions: Vec<Dimension> = raw
        .dimensions
        .iter()
        .zip(&dim_at)
        .map(|(d, at)| Dimension {
            id: d.id.clone(),
            name: c.line(*at, "dimension `name`", &d.name),
            description: c.text(*at, "dimension `description`", &d.description, false),
        })
        .collect();

    if let Some(b) = &r.bands {
        rules.bands = Some(build_bands(&mut c, rules_at, b, &dim_map));
    }

    // Profiles.
    c.count(
        f(&c, "profiles"),
        "profiles",
        raw.profiles.len(),
        1,
        MAX_PROFILES,
    );
    let (prof_map, prof_at) = c.ids(
        "profile",
        "profiles",
        raw.profiles.iter().map(|p| p.id.as_str()),
    );
    let mut profiles = Vec::new();
    for (p, at) in raw.profiles.iter().zip(&prof_at) {
        let mut weights = Vec::new();
        for (d, w) in &p.weights.0 {
            let w = c.weight(*at, *w);
            if let Some(i) = c.resolve(&dim_map, "dimension", *at, d)
                && w != 0.0
            {
                weights.push((i, w));
            }
        }
        if weights.is_empty() {
            c.err_at(*at, format!("profile `{}` has no non-zero weights", p.id));
        }
        profiles.push(Profile {
            id: p.id.clone(),
            name: c.line(*at, "profile `name`", &p.name),
            summary: c.text(*at, "profile `summary`", &p.summary, false),
            weights,
        });
    }

    // Questions.
    c.count(
        f(&c, "questions"),
        "questions",
        raw.questions.len(),
        1,
        MAX_QUESTIONS,
    );
    let (_, q_at) = c.ids(
        "question",
        "questions",
        raw.questions.iter().map(|q| match q {
            RawQuestion::Agreement { id, .. }
            | RawQuestion::Scenario { id, .. }
            | RawQuestion::ForcedChoice { id, .. } => id.as_str(),
        }),
    );
    let mut questions = Vec::new();
    for (q, at) in raw.questions.iter().zip(&q_at) {
        if let Some(q) = build_question(&mut c, &dim_map, (&scale, raw.scale_start), q, *at) {
            questions.push(q);
        }
    }

    // Outcomes.
    let outcomes_at = f(&c, "outcomes");
    c.count(outcomes_at, "outcomes", raw.outcomes.len(), 1, MAX_OUTCOMES);
    let (_, out_at) = c.ids(
        "outcome",
        "outcomes",
        raw.outcomes.iter().map(|o| o.id.as_str()),
    );
    let mut outcomes: Vec<Outcome> = Vec::new();
    for (o, at) in raw.outcomes.iter().zip(&out_at) {
        let when = match &o.when {
            RawWhen::Explore => Some(When::Explore),
            RawWhen::Profile(p) => c.resolve(&prof_map, "profile", *at, p).map(When::Profile),
            RawWhen::Hybrid(a, b) => {
                let a = c.resolve(&prof_map, "profile", *at, a);
                let b = c.resolve(&prof_map, "profile", *at, b);
                match (a, b) {
                    (Some(a), Some(b)) if a == b => {
                        c.err_at(
                            *at,
                            format!("hybrid outcome `{}` names the same profile twice", o.id),
                        );
                        None
                    }
                    (Some(a), Some(b)) => Some(When::Hybrid(a, b)),
                    _ => None,
                }
            }
        };
        let Some(when) = when else { continue };
        let clash = outcomes.iter().any(|x| match (&x.when, &when) {
            (When::Hybrid(a, b), When::Hybrid(c2, d)) => (a, b) == (c2, d) || (a, b) == (d, c2),
            (x, y) => x == y,
        });
        if clash {
            let what = match when {
                When::Explore => "more than one `Explore` outcome".to_string(),
                When::Profile(p) => {
                    format!("profile `{}` has more than one outcome", raw.profiles[p].id)
                }
                When::Hybrid(a, b) => format!(
                    "profiles `{}` and `{}` have more than one hybrid outcome",
                    raw.profiles[a].id, raw.profiles[b].id
                ),
            };
            c.err_at(*at, what);
        }
        outcomes.push(Outcome {
            id: o.id.clone(),
            when,
            title: c.line(*at, "outcome `title`", &o.title),
            summary: c.text(*at, "outcome `summary`", &o.summary, true),
            day_to_day: c.text(*at, "outcome `day_to_day`", &o.day_to_day, false),
            key_questions: c.list(*at, "outcome `key_questions`", &o.key_questions),
            next_steps: c.list(*at, "outcome `next_steps`", &o.next_steps),
        });
    }
    for (i, p) in raw.profiles.iter().enumerate() {
        if !raw.outcomes.is_empty()
            && prof_map.get(&p.id) == Some(&i)
            && !outcomes.iter().any(|o| o.when == When::Profile(i))
        {
            c.err_at(
                prof_at[i],
                format!(
                    "profile `{}` has no outcome: add one with `when: Profile(\"{}\")`",
                    p.id, p.id
                ),
            );
        }
    }
    if !raw.outcomes.is_empty() && !outcomes.iter().any(|o| o.when == When::Explore) {
        c.err_at(
            outcomes_at,
            "no `Explore` outcome: every quiz needs one for when nothing stands out".into(),
        );
    }

    let allow = build_allow(&mut c, &raw.allow);

    if !c.diags.is_empty() {
        c.diags.sort_by_key(|d| (d.line, d.col));
        c.diags.dedup();
        if c.diags.len() > MAX_DIAGNOSTICS {
            let more = c.diags.len() - MAX_DIAGNOSTICS;
            c.diags.truncate(MAX_DIAGNOSTICS);
            let (line, col) = c.diags.last().map_or((1, 1), |d| (d.line, d.col));
            c.diags.push(Diagnostic {
                severity: Severity::Error,
                line,
                col,
                message: format!("{more} more error(s) not shown"),
            });
        }
        return Err(LoadError {
            diagnostics: c.diags,
        });
    }
    let mut quiz = Quiz {
        id: raw.id,
        title,
        version,
        language,
        description,
        disclaimer,
        source,
        scale,
        rules,
        dimensions,
        profiles,
        outcomes,
        questions,
        fingerprint: String::new(),
        scale_start: raw.scale_start,
        allow,
    };
    quiz.fingerprint = fingerprint(&quiz);
    Ok(quiz)
}

/// Checks `allow`: known lint ids, each once, each with a reason.
fn build_allow(c: &mut Checker, raw: &[crate::raw::RawAllow]) -> Vec<Allowed> {
    let at = c.loc.find_field_after(0, "allow");
    let mut out: Vec<Allowed> = Vec::new();
    for a in raw {
        let lint = clean_line(&a.lint);
        if !crate::lint::LINTS.contains(&a.lint.as_str()) {
            c.err_at(
                at,
                format!(
                    "`allow` names an unknown lint {lint:?}; the lints are: {}",
                    crate::lint::LINTS.join(", ")
                ),
            );
            continue;
        }
        if out.iter().any(|x| x.lint == a.lint) {
            c.err_at(at, format!("`allow` names the lint `{lint}` twice"));
            continue;
        }
        let reason = c.line(at, "an `allow` reason", &a.reason);
        out.push(Allowed { lint, reason });
    }
    out
}

/// Checks the two-sided rule's settings and resolves its bridge dimension.
fn build_bands(
    c: &mut Checker,
    at: Option<usize>,
    b: &crate::raw::RawBands,
    dim_map: &std::collections::HashMap<String, usize>,
) -> Bands {
    let mut range = |name: &str, v: f64, hi: f64| {
        if !(v.is_finite() && (0.0..=hi).contains(&v)) {
            c.err_at(
                at,
                format!("`bands.{name}` must be between 0 and {hi}, found {v}"),
            );
        }
    };
    range("lean", b.lean, 100.0);
    range("margin", b.margin, 100.0);
    range("relief", b.relief, 100.0);
    range("max_spread", b.max_spread, 100.0);
    range("retest", b.retest, 5.0);
    let bridge = b
        .bridge
        .as_deref()
        .and_then(|d| c.resolve(dim_map, "dimension", at, d));
    Bands {
        lean: b.lean,
        margin: b.margin,
        bridge,
        relief: b.relief,
        max_spread: b.max_spread,
        retest: b.retest,
    }
}

/// Hex SHA-256 of the quiz's canonical JSON (whitespace and comments in the
/// file do not matter; any change of meaning does), shortened to 16 digits.
fn fingerprint(q: &Quiz) -> String {
    let json = serde_json::to_vec(q).unwrap_or_default();
    let digest = Sha256::digest(&json);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
