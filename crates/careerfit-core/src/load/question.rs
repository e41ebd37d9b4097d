//! One question: its options turned into per-dimension effects, and what
//! it measures.

use super::check::Checker;
use super::*;
use std::collections::HashMap;

pub(super) fn importance(c: &mut Checker, at: Option<usize>, w: f64) -> f64 {
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

/// A choice before effects are summed: label, `(dimension, effect)`
/// pairs as written, and whether the file gave it any weight at all.
type RawChoice = (String, Vec<(usize, f64)>, bool);

pub(super) fn build_question(
    c: &mut Checker,
    dims: &HashMap<String, usize>,
    (scale, start): (&[String], i64),
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
    let raw_choices: Vec<RawChoice> = match q {
        RawQuestion::Agreement { keys, .. } => {
            if keys.is_empty() {
                c.err_at(at, format!("agreement question `{id}` has no `keys`"));
            }
            let mut resolved = Vec::new();
            for k in keys {
                let w = c.weight(at, k.weight);
                if let Some(i) = c.resolve(dims, "dimension", at, &k.dimension) {
                    resolved.push((i, w, k.reverse));
                    // A negative weight turns a statement round just as
                    // `reverse` does; both together cancel out.
                    if k.reverse != (w < 0.0) {
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
                            // Points run start, start + 1, …; a reverse
                            // key runs them the other way.
                            let step = if rev { n - 1 - p } else { p };
                            let points = start + step as i64;
                            (d, imp * w * points as f64)
                        })
                        .collect();
                    (label.clone(), effects, true)
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
                        !o.weights.0.is_empty(),
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
                    !o.weights.0.is_empty(),
                )
            })
            .collect(),
    };
    // Sum effects per dimension, and give every choice an entry (0 when absent)
    // for every dimension any choice touches, so min/max are over all options.
    let mut touched: Vec<usize> = raw_choices
        .iter()
        .flat_map(|(_, e, _)| e.iter().map(|(d, _)| *d))
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let choices: Vec<Choice> = raw_choices
        .into_iter()
        .map(|(label, e, weighted)| Choice {
            label,
            weighted,
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
