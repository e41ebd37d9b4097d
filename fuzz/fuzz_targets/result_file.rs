//! Any bytes as a result file in a workshop folder or in history. The
//! aggregator (knowing every bundled quiz, as `careerfit aggregate` does)
//! counts or skips it, never panics, keeps at most a fixed amount per
//! unknown quiz, and every report format renders. The bytes are also tried
//! with the default quiz's id and fingerprint put in, so the checks
//! against a known quiz are reached, and as a history entry.
#![no_main]

use careerfit::core::aggregate::{self, Aggregate, ResultView, csv_row};
use careerfit::core::{load, report::Report};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn template() -> &'static (Aggregate, String, String) {
    static T: OnceLock<(Aggregate, String, String)> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Aggregate::new();
        for (_, _, src) in careerfit::bundled::BUNDLED {
            t.expect(&load::load(src.as_bytes()).expect("bundled quiz loads"));
        }
        let q = load::load(careerfit::bundled::BUNDLED[0].2.as_bytes()).expect("default quiz");
        (t, q.id, q.fingerprint)
    })
}

fn add(agg: &mut Aggregate, bytes: &[u8]) {
    let Ok(v) = ResultView::parse(bytes) else {
        agg.skip();
        return;
    };
    match agg.add_view(&v) {
        Ok(g) => {
            let g = &agg.groups()[g];
            let _ = csv_row(g, &v);
            if !g.known {
                assert!(g.profiles.is_empty() && g.questions.is_empty() && g.dimensions.is_empty());
                assert!(g.quiz.id.chars().count() <= load::MAX_LINE);
            }
        }
        Err(_) => agg.skip(),
    }
}

fuzz_target!(|data: &[u8]| {
    let (t, id, fingerprint) = template();
    let mut agg = t.clone();
    add(&mut agg, data);
    add(&mut agg, data);
    if let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(data)
        && let Some(quiz) = v.get_mut("quiz").and_then(|q| q.as_object_mut())
    {
        quiz.insert("id".into(), id.clone().into());
        quiz.insert("fingerprint".into(), fingerprint.clone().into());
        add(&mut agg, &serde_json::to_vec(&v).expect("json"));
    }
    let _ = aggregate::text(&agg, 1);
    let _ = aggregate::json(&agg, 1);
    let _ = aggregate::markdown(&agg, 1);
    if let Ok(r) = serde_json::from_slice::<Report>(data) {
        let _ = r.headline();
    }
});
