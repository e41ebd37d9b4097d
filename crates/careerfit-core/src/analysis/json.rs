//! The item analysis as JSON, for other programs.
//!
//! `{"read", "skipped", "min_sheets", "groups": [...]}`; each group names
//! its quiz and either carries the figures or `"count_only"` with the
//! reason. A withheld figure is `null` with a `"withheld"` message beside
//! it, so a program never mistakes a missing number for a zero.

use super::{Analysis, Body, Figure, MIN_SHEETS, Report, Scale};
use crate::model::Quiz;
use serde_json::{Map, Value, json};

fn r3(x: f64) -> Value {
    json!((x * 1000.0).round() / 1000.0)
}

/// `{name: value}` and, when withheld, `{name_withheld: why}`.
fn put<T>(m: &mut Map<String, Value>, name: &str, f: &Figure<T>, v: impl Fn(&T) -> Value) {
    match f {
        Ok(x) => {
            m.insert(name.into(), v(x));
        }
        Err(w) => {
            m.insert(name.into(), Value::Null);
            m.insert(format!("{name}_withheld"), json!(w.to_string()));
        }
    }
}

fn scale(quiz: &Quiz, s: &Scale) -> Value {
    let id = match s.kind {
        super::ScaleKind::Dimension => &quiz.dimensions[s.index].id,
        super::ScaleKind::Profile => &quiz.profiles[s.index].id,
    };
    let mut m = Map::new();
    m.insert("kind".into(), json!(s.kind.as_str()));
    m.insert("id".into(), json!(id));
    m.insert("name".into(), json!(super::text::scale_name(quiz, s)));
    m.insert("sheets".into(), json!(s.sheets));
    m.insert("range".into(), json!([r3(s.range.0), r3(s.range.1)]));
    put(&mut m, "alpha", &s.alpha, |a| r3(a.value));
    if let Ok(a) = &s.alpha {
        m.insert(
            "alpha_interval".into(),
            a.interval
                .map_or(Value::Null, |(lo, hi)| json!([r3(lo), r3(hi)])),
        );
    }
    put(&mut m, "mean", &s.mean_sd, |x| r3(x.0));
    put(&mut m, "sd", &s.mean_sd, |x| r3(x.1));
    let items: Vec<Value> = s
        .items
        .iter()
        .map(|it| {
            let mut i = Map::new();
            i.insert("question".into(), json!(quiz.questions[it.question].id));
            put(&mut i, "item_total", &it.item_rest, |r| r3(*r));
            put(&mut i, "alpha_if_deleted", &it.alpha_without, |r| r3(*r));
            Value::Object(i)
        })
        .collect();
    m.insert("items".into(), Value::Array(items));
    Value::Object(m)
}

fn analysis(quiz: &Quiz, a: &Analysis) -> Value {
    let questions: Vec<Value> = quiz
        .questions
        .iter()
        .zip(&a.answers)
        .map(|(q, ans)| {
            json!({
                "id": q.id, "kind": q.kind.as_str(), "answered": ans.answered(),
                "skipped": ans.skipped,
                "options": q.choices.iter().zip(&ans.counts)
                    .map(|(c, n)| json!({"label": c.label, "count": n})).collect::<Vec<_>>(),
                "spread": ans.spread.map(r3),
            })
        })
        .collect();
    let flags: Vec<Value> = a
        .flags
        .iter()
        .map(|f| {
            json!({
                "question": quiz.questions[f.question].id,
                "reason": f.concern.code(),
                "message": f.concern.describe(quiz, a, f.question),
            })
        })
        .collect();
    let correlations: Vec<Value> = a
        .correlations
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("a".into(), json!(quiz.profiles[c.a].id));
            m.insert("b".into(), json!(quiz.profiles[c.b].id));
            m.insert("sheets".into(), json!(c.sheets));
            put(&mut m, "r", &c.r, |x| r3(x.0));
            if let Ok((_, ci)) = &c.r {
                m.insert(
                    "interval".into(),
                    ci.map_or(Value::Null, |(lo, hi)| json!([r3(lo), r3(hi)])),
                );
            }
            Value::Object(m)
        })
        .collect();
    let outcomes: Vec<Value> = quiz
        .outcomes
        .iter()
        .zip(&a.outcomes)
        .map(|(o, n)| json!({"outcome": o.id, "title": o.title, "count": n}))
        .collect();
    json!({
        "sheets": a.sheets, "complete": a.complete, "partial": a.partial(),
        "scales": a.scales.iter().map(|s| scale(quiz, s)).collect::<Vec<_>>(),
        "questions": questions, "flags": flags,
        "fit_correlations": correlations, "outcomes": outcomes,
    })
}

/// The whole report as one JSON object.
pub fn json(r: &Report) -> String {
    let groups: Vec<Value> = r
        .sections
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("quiz".into(), json!(s.label));
            m.insert("fingerprint".into(), json!(s.fingerprint));
            m.insert("results".into(), json!(s.results));
            match &s.body {
                Body::CountOnly(why) => {
                    m.insert("count_only".into(), json!(why));
                }
                Body::Analysed(q, a) => {
                    m.insert("id".into(), json!(q.id));
                    m.insert("version".into(), json!(q.version));
                    m.insert("analysis".into(), analysis(q, a));
                }
            }
            Value::Object(m)
        })
        .collect();
    let v = json!({
        "read": r.read, "skipped": r.skipped, "min_sheets": MIN_SHEETS, "groups": groups,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    crate::sanitize::clean(&s)
}
