//! Parsing and validating untrusted quiz files.
//!
//! Bytes in, a [`Quiz`] or every error found out. Nothing here panics and
//! nothing reads files: the caller hands over the bytes (already capped at
//! [`MAX_BYTES`]).

use super::diag::{Diagnostic, Locator, Severity};
use super::model::*;
use super::raw::*;
use super::sanitize::{clean, clean_line, is_plain_id};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Largest quiz file accepted, in bytes.
pub const MAX_BYTES: usize = 1 << 20;
/// Nesting depth ron may descend to (a quiz needs about 6).
pub const RECURSION_LIMIT: usize = 32;
pub const MAX_QUESTIONS: usize = 5000;
pub const MAX_DIMENSIONS: usize = 64;
pub const MAX_PROFILES: usize = 32;
pub const MAX_OUTCOMES: usize = 128;
/// Options a question may have; digit keys 1–9 must reach all of them.
pub const MAX_OPTIONS: usize = 9;
/// Longest one-line field (titles, names, labels), in characters.
pub const MAX_LINE: usize = 200;
/// Longest paragraph field (descriptions, question texts), in characters.
pub const MAX_TEXT: usize = 2000;
/// Longest list of key questions or next steps.
pub const MAX_LIST: usize = 20;
/// Weights lie in `-MAX_WEIGHT..=MAX_WEIGHT`; importance in `(0, MAX_WEIGHT]`.
pub const MAX_WEIGHT: f64 = 10.0;

/// Why a quiz was rejected: every error found, in source order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the quiz has {} error(s)", .diagnostics.len())]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    fn one(line: usize, col: usize, message: impl Into<String>) -> Self {
        LoadError {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                line,
                col,
                message: message.into(),
            }],
        }
    }

    /// All diagnostics as `FILE:LINE:COL: message` lines.
    pub fn render(&self, file: &str) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(file))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Parses and validates quiz bytes.
pub fn load(bytes: &[u8]) -> Result<Quiz, LoadError> {
    let (src, raw) = parse(bytes)?;
    build(src, raw)
}

/// Syntax only: UTF-8, size, no extensions, RON into the raw types.
pub fn parse(bytes: &[u8]) -> Result<(&str, RawQuiz), LoadError> {
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::one(
            1,
            1,
            format!("quiz file is larger than {MAX_BYTES} bytes"),
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let good = std::str::from_utf8(good).unwrap_or("");
            let (l, c) = Locator::new(good).line_col(good.len());
            return Err(LoadError::one(l, c, "quiz file is not valid UTF-8"));
        }
    };
    // Editors on Windows save a byte-order mark; it carries no meaning.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if only_comments(src) {
        return Err(LoadError::one(1, 1, "quiz file is empty"));
    }
    if let Some(at) = extension_attribute(src) {
        let (l, c) = Locator::new(src).line_col(at);
        return Err(LoadError::one(
            l,
            c,
            "RON extensions (`#![enable(...)]`) are not allowed in quiz files",
        ));
    }
    let opts = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    match opts.from_str::<RawQuiz>(src) {
        Ok(raw) => Ok((src, raw)),
        Err(e) => {
            let mut message = ron_message(&e.code);
            // An error that runs into the end of the file is almost always truncation.
            let (end_line, end_col) = Locator::new(src).line_col(src.trim_end().len());
            let at_end = (e.span.end.line, e.span.end.col) >= (end_line, end_col);
            if at_end && !matches!(e.code, ron::Error::Eof) {
                message.push_str(" (the file ends here: is it truncated?)");
            }
            Err(LoadError::one(
                e.span.start.line.max(1),
                e.span.start.col.max(1),
                message,
            ))
        }
    }
}

/// Whether the source holds nothing but whitespace and comments.
fn only_comments(src: &str) -> bool {
    let mut rest = src.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]).trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]).trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Most diagnostics reported for one file; past this the rest are summarised.
pub const MAX_DIAGNOSTICS: usize = 100;

/// ron's message with the internal `Raw*` type names replaced by the words
/// an author uses.
fn ron_message(e: &ron::Error) -> String {
    let mut s = e.to_string();
    for (raw, word) in [
        ("RawQuiz", "quiz"),
        ("RawRules", "rules"),
        ("RawDimension", "dimension"),
        ("RawProfile", "profile"),
        ("RawOutcome", "outcome"),
        ("RawWhen", "when"),
        ("RawKey", "agreement key"),
        ("RawOption", "option"),
        ("RawQuestion", "question"),
        ("WeightMap", "weights"),
    ] {
        s = s
            .replace(&format!("`{raw}`"), &format!("`{word}`"))
            .replace(raw, word);
    }
    match e {
        ron::Error::Eof => "unexpected end of file (is the quiz truncated?)".into(),
        ron::Error::ExceededRecursionLimit => {
            format!("nested more than {RECURSION_LIMIT} levels deep")
        }
        _ => s,
    }
}

/// Finds a `#!` attribute before the first value, skipping whitespace and comments.
fn extension_attribute(src: &str) -> Option<usize> {
    let mut i = 0;
    let b = src.as_bytes();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let rest = src.get(i..)?;
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if rest.starts_with("#!") || rest.starts_with("#![") {
            return Some(i);
        } else {
            return None;
        }
    }
}

/// Collects errors with positions while a quiz is built.
struct Checker<'a> {
    loc: Locator<'a>,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn err_at(&mut self, at: Option<usize>, message: String) {
        let (line, col) = at.map_or((1, 1), |o| self.loc.line_col(o));
        self.diags.push(Diagnostic {
            severity: Severity::Error,
            line,
            col,
            message,
        });
    }

    fn line(&mut self, at: Option<usize>, what: &str, s: &str) -> String {
        let s = clean_line(s);
        if s.is_empty() {
            self.err_at(at, format!("{what} is empty"));
        } else if s.chars().count() > MAX_LINE {
            self.err_at(at, format!("{what} is longer than {MAX_LINE} characters"));
        }
        s
    }

    fn text(&mut self, at: Option<usize>, what: &str, s: &str, required: bool) -> String {
        let s = clean(s).trim().to_string();
        if required && s.is_empty() {
            self.err_at(at, format!("{what} is empty"));
        } else if s.chars().count() > MAX_TEXT {
            self.err_at(at, format!("{what} is longer than {MAX_TEXT} characters"));
        }
        s
    }

    fn list(&mut self, at: Option<usize>, what: &str, items: &[String]) -> Vec<String> {
        if items.len() > MAX_LIST {
            self.err_at(at, format!("{what} has more than {MAX_LIST} entries"));
        }
        items
            .iter()
            .take(MAX_LIST)
            .map(|s| self.line(at, what, s))
            .collect()
    }

    fn weight(&mut self, at: Option<usize>, w: f64) -> f64 {
        if !w.is_finite() || w.abs() > MAX_WEIGHT {
            self.err_at(
                at,
                format!("weight must be a finite number between -{MAX_WEIGHT} and {MAX_WEIGHT}, found {w}"),
            );
            return 0.0;
        }
        w
    }

    fn count(&mut self, at: Option<usize>, what: &str, n: usize, min: usize, max: usize) {
        if n < min {
            let one = what.strip_suffix('s').unwrap_or(what);
            self.err_at(at, format!("a quiz needs at least one {one}"));
        } else if n > max {
            self.err_at(at, format!("too many {what} ({n}; the limit is {max})"));
        }
    }

    /// Checks ids are plain and unique; returns id → index and each item's offset.
    fn ids<'s>(
        &mut self,
        kind: &str,
        section: &str,
        ids: impl Iterator<Item = &'s str>,
    ) -> (HashMap<String, usize>, Vec<Option<usize>>) {
        // Count occurrences from the section's own field, so an id shared by
        // a dimension and a profile points at the right one.
        let from = self.loc.find_field_after(0, section);
        let mut map = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut at = Vec::new();
        for (i, id) in ids.enumerate() {
            let n = seen.entry(id.to_string()).or_insert(0);
            let pos = self.loc.find_id_after(id, from.unwrap_or(0), *n).or(from);
            *n += 1;
            at.push(pos);
            if !is_plain_id(id) {
                self.err_at(
                    pos,
                    format!(
                        "{kind} id {:?} is not a plain identifier (lowercase letters, digits, `_` or `-`, starting with a letter, at most 64 characters)",
                        clean_line(id)
                    ),
                );
            } else if map.contains_key(id) {
                self.err_at(pos, format!("duplicate {kind} id `{id}`"));
            } else {
                map.insert(id.to_string(), i);
            }
        }
        (map, at)
    }

    fn resolve(
        &mut self,
        map: &HashMap<String, usize>,
        kind: &str,
        from: Option<usize>,
        id: &str,
    ) -> Option<usize> {
        let r = map.get(id).copied();
        if r.is_none() {
            let at = self.loc.find_quoted_after(from.unwrap_or(0), id).or(from);
            self.err_at(at, format!("unknown {kind} `{}`", clean_line(id)));
        }
        r
    }
}

fn build(src: &str, raw: RawQuiz) -> Result<Quiz, LoadError> {
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
    let rules = Rules {
        strong: r.strong,
        z: r.z,
        min_answered: r.min_answered,
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
        if let Some(q) = build_question(&mut c, &dim_map, &scale, q, *at) {
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
    };
    quiz.fingerprint = fingerprint(&quiz);
    Ok(quiz)
}

/// Hex SHA-256 of the quiz's canonical JSON (whitespace and comments in the
/// file do not matter; any change of meaning does), shortened to 16 digits.
fn fingerprint(q: &Quiz) -> String {
    let json = serde_json::to_vec(q).unwrap_or_default();
    let digest = Sha256::digest(&json);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn importance(c: &mut Checker, at: Option<usize>, w: f64) -> f64 {
    if !w.is_finite() || w <= 0.0 || w > MAX_WEIGHT {
        c.err_at(
            at,
            format!(
                "importance `weight` must be greater than 0 and at most {MAX_WEIGHT}, found {w}"
            ),
        );
        return 1.0;
    }
    w
}

fn option_effects(
    c: &mut Checker,
    dims: &HashMap<String, usize>,
    at: Option<usize>,
    o: &RawOption,
    imp: f64,
) -> Vec<(usize, f64)> {
    let mut effects = Vec::new();
    for (d, w) in &o.weights.0 {
        let w = c.weight(at, *w);
        if let Some(i) = c.resolve(dims, "dimension", at, d) {
            effects.push((i, w * imp));
        }
    }
    effects
}

fn build_question(
    c: &mut Checker,
    dims: &HashMap<String, usize>,
    scale: &[String],
    q: &RawQuestion,
    at: Option<usize>,
) -> Option<Question> {
    let (id, text, weight, kind) = match q {
        RawQuestion::Agreement {
            id, text, weight, ..
        } => (id, text, weight, Kind::Agreement),
        RawQuestion::Scenario {
            id, text, weight, ..
        } => (id, text, weight, Kind::Scenario),
        RawQuestion::ForcedChoice {
            id, text, weight, ..
        } => (id, text, weight, Kind::ForcedChoice),
    };
    let errors_before = c.diags.len();
    let text = c.text(at, "question `text`", text, true);
    let imp = importance(c, at, *weight);
    let mut reverse = Vec::new();
    let raw_choices: Vec<(String, Vec<(usize, f64)>)> = match q {
        RawQuestion::Agreement { keys, .. } => {
            if keys.is_empty() {
                c.err_at(at, format!("agreement question `{id}` has no `keys`"));
            }
            let mut resolved = Vec::new();
            for k in keys {
                let w = c.weight(at, k.weight);
                if let Some(i) = c.resolve(dims, "dimension", at, &k.dimension) {
                    resolved.push((i, w, k.reverse));
                    if k.reverse {
                        reverse.push(i);
                    }
                }
            }
            let n = scale.len();
            scale
                .iter()
                .enumerate()
                .map(|(p, label)| {
                    let effects = resolved
                        .iter()
                        .map(|&(d, w, rev)| {
                            let points = if rev { n - p } else { p + 1 };
                            (d, imp * w * points as f64)
                        })
                        .collect();
                    (label.clone(), effects)
                })
                .collect()
        }
        RawQuestion::Scenario { options, .. } => {
            if options.len() < 2 || options.len() > MAX_OPTIONS {
                c.err_at(
                    at,
                    format!(
                        "scenario `{id}` needs between 2 and {MAX_OPTIONS} options, found {}",
                        options.len()
                    ),
                );
            }
            options
                .iter()
                .take(MAX_OPTIONS)
                .map(|o| {
                    (
                        c.line(at, "option `label`", &o.label),
                        option_effects(c, dims, at, o, imp),
                    )
                })
                .collect()
        }
        RawQuestion::ForcedChoice { a, b, .. } => [a, b]
            .into_iter()
            .map(|o| {
                (
                    c.line(at, "option `label`", &o.label),
                    option_effects(c, dims, at, o, imp),
                )
            })
            .collect(),
    };
    // Sum effects per dimension, and give every choice an entry (0 when absent)
    // for every dimension any choice touches, so min/max are over all options.
    let mut touched: Vec<usize> = raw_choices
        .iter()
        .flat_map(|(_, e)| e.iter().map(|(d, _)| *d))
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let choices: Vec<Choice> = raw_choices
        .into_iter()
        .map(|(label, e)| Choice {
            label,
            effects: touched
                .iter()
                .map(|&d| {
                    // `+ 0.0` turns the -0.0 of an empty sum into 0.0.
                    let v: f64 = e.iter().filter(|(x, _)| *x == d).map(|(_, v)| v).sum();
                    (d, v + 0.0)
                })
                .collect(),
        })
        .collect();
    let measures: Vec<usize> = touched
        .iter()
        .enumerate()
        .filter(|(k, _)| {
            let vals = choices.iter().map(|ch| ch.effects[*k].1);
            let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
            hi - lo > 1e-12
        })
        .map(|(_, d)| *d)
        .collect();
    if measures.is_empty() && c.diags.len() == errors_before {
        c.err_at(
            at,
            format!("question `{id}` does not measure anything: every option has the same effect"),
        );
    }
    reverse.sort_unstable();
    reverse.dedup();
    Some(Question {
        id: id.clone(),
        kind,
        text,
        weight: imp,
        choices,
        measures,
        reverse,
    })
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn first(e: LoadError) -> (usize, usize, String) {
        let d = &e.diagnostics[0];
        (d.line, d.col, d.message.clone())
    }

    #[test]
    fn extension_attributes_are_found_after_comments_only() {
        assert_eq!(extension_attribute("#![enable(implicit_some)]"), Some(0));
        assert_eq!(
            extension_attribute("  // a\n /* b\n c */ #![enable(x)]\n()"),
            Some(19)
        );
        assert_eq!(extension_attribute("#!"), Some(0));
        assert_eq!(extension_attribute("(a: \"#![enable(x)]\")"), None);
        assert_eq!(extension_attribute("/* never closed #![x]"), None);
        assert_eq!(extension_attribute("// only a comment"), None);
        assert_eq!(extension_attribute(""), None);
    }

    #[test]
    fn size_limit_is_exact() {
        let mut bytes = vec![b' '; MAX_BYTES];
        assert_eq!(
            first(parse(&bytes).unwrap_err()),
            (1, 1, "quiz file is empty".into())
        );
        bytes.push(b' ');
        assert_eq!(
            first(parse(&bytes).unwrap_err()),
            (1, 1, format!("quiz file is larger than {MAX_BYTES} bytes"))
        );
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        assert_eq!(
            first(parse(b"(\n  \xff").unwrap_err()),
            (2, 3, "quiz file is not valid UTF-8".into())
        );
        assert_eq!(
            first(parse(b"\xc3").unwrap_err()),
            (1, 1, "quiz file is not valid UTF-8".into())
        );
        let wide = ["é\n€\u{1F600}".as_bytes(), b"\xff"].concat();
        assert_eq!(
            first(parse(&wide).unwrap_err()),
            (2, 3, "quiz file is not valid UTF-8".into())
        );
    }

    #[test]
    fn end_of_file_says_truncated() {
        assert_eq!(
            first(parse(b"(").unwrap_err()),
            (
                1,
                1,
                "unexpected end of file (is the quiz truncated?)".into()
            )
        );
    }

    #[test]
    fn the_bundled_quiz_loads_with_a_stable_fingerprint() {
        let src = crate::bundled::BUNDLED[0].2;
        let a = load(src.as_bytes()).unwrap();
        let b = load(src.replace("    ", "\t").as_bytes()).unwrap();
        assert_eq!(a.fingerprint.len(), 16);
        assert_eq!(
            a.fingerprint, b.fingerprint,
            "whitespace does not change the fingerprint"
        );
        let c = load(
            src.replacen("\"market\": 1.0", "\"market\": 1.5", 1)
                .as_bytes(),
        )
        .unwrap();
        assert_ne!(a.fingerprint, c.fingerprint);
        let d = load(
            src.replacen(
                "\"Agree\", \"Strongly agree\"]",
                "\"Agree\", \"Totally agree\"]",
                1,
            )
            .as_bytes(),
        )
        .unwrap();
        assert_ne!(
            a.fingerprint, d.fingerprint,
            "any change of meaning changes it"
        );
        let e = load(
            src.replacen("// Career quiz", "// A career quiz", 1)
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(a.fingerprint, e.fingerprint, "comments do not change it");
    }

    #[test]
    fn errors_are_sorted_and_deduplicated() {
        let src = crate::bundled::BUNDLED[0]
            .2
            .replace("(dimension: \"market\")", "(dimension: \"nope\")")
            .replacen(
                "title: \"Product Management or Product Development?\"",
                "title: \"\"",
                1,
            );
        let e = load(src.as_bytes()).unwrap_err();
        let positions: Vec<(usize, usize)> =
            e.diagnostics.iter().map(|d| (d.line, d.col)).collect();
        let mut sorted = positions.clone();
        sorted.sort();
        assert_eq!(positions, sorted);
        assert!(e.diagnostics.windows(2).all(|w| w[0] != w[1]));
        assert_eq!(e.diagnostics[0].message, "`title` is empty");
    }
}
