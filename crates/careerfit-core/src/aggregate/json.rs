//! The group report as JSON, for other programs.
//!
//! The top level describes the largest group (the quiz most results
//! belong to) with `count`, `skipped`, `suppressed`, `outcomes`,
//! `profiles`, `dimensions` and `questions`; results of any other quiz or
//! quiz version are never mixed in but listed in `other_groups`, each with
//! the same fields. A suppressed group (fewer than `min_group` results)
//! carries its count and empty lists, and so does a quiz careerfit does
//! not know (`known: false`): only its results are counted.

use super::Aggregate;
use super::group::Group;
use crate::sanitize::clean;
use serde_json::{Value, json};

fn r1(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |v| json!((v * 10.0).round() / 10.0))
}

fn group(g: &Group, min_group: u64) -> serde_json::Map<String, Value> {
    let quiz = json!({
        "id": g.quiz.id,
        "title": g.quiz.title,
        "version": g.quiz.version,
        "fingerprint": g.quiz.fingerprint,
    });
    let hidden = g.count_only(min_group);
    let list = |v: Vec<Value>| if hidden { json!([]) } else { Value::Array(v) };
    let outcomes = g
        .ordered_outcomes()
        .into_iter()
        .map(|o| json!({"outcome": o.id, "title": o.title, "count": o.count}))
        .collect();
    let profiles = g
        .profiles
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "name": p.name, "mean": r1(p.fit.mean()),
                "median": r1(p.hist.median()), "stdev": r1(p.fit.stdev()),
            })
        })
        .collect();
    let dimensions = g
        .dimensions
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "name": d.name, "mean": r1(d.score.mean()),
                "stdev": r1(d.score.stdev()), "histogram": d.hist,
            })
        })
        .collect();
    let questions = g
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let options: Vec<Value> = q
                .options
                .iter()
                .enumerate()
                .map(|(k, &count)| {
                    json!({"option": k + 1, "label": q.labels.get(k), "count": count})
                })
                .collect();
            json!({
                "number": i + 1, "id": q.id, "text": q.text,
                "skipped": q.skipped, "options": options,
            })
        })
        .collect();
    let mut m = serde_json::Map::new();
    m.insert("quiz".into(), quiz);
    m.insert("count".into(), json!(g.count));
    m.insert("known".into(), json!(g.known));
    m.insert("suppressed".into(), json!(g.suppressed(min_group)));
    m.insert("outcomes".into(), list(outcomes));
    m.insert("profiles".into(), list(profiles));
    m.insert("dimensions".into(), list(dimensions));
    m.insert("questions".into(), list(questions));
    m
}

/// Pretty JSON with a trailing newline.
pub fn json(a: &Aggregate, min_group: u64) -> String {
    let groups = a.ordered();
    let mut top = match groups.first() {
        Some(g) => group(g, min_group),
        None => {
            let mut m = serde_json::Map::new();
            m.insert("quiz".into(), Value::Null);
            m.insert("count".into(), json!(0));
            m.insert("suppressed".into(), json!(true));
            for k in ["outcomes", "profiles", "dimensions", "questions"] {
                m.insert(k.into(), json!([]));
            }
            m
        }
    };
    top.insert("skipped".into(), json!(a.skipped));
    top.insert("unreadable".into(), json!(a.unreadable));
    top.insert("invalid".into(), json!(a.invalid));
    top.insert("duplicates".into(), json!(a.duplicates));
    top.insert("total".into(), json!(a.count()));
    top.insert("min_group".into(), json!(min_group));
    let others: Vec<Value> = groups
        .iter()
        .skip(1)
        .map(|g| Value::Object(group(g, min_group)))
        .collect();
    top.insert("other_groups".into(), Value::Array(others));
    let mut s = serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default();
    s.push('\n');
    clean(&s)
}
