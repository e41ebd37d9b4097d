//! Any bytes as an aggregate input: a result file (JSON) and, line by line,
//! a list of share codes. The aggregator counts or skips each, never
//! panics, and every report format renders.
#![no_main]

use careerfit::core::aggregate::{self, Aggregate};
use careerfit::core::{code, load, report};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn quiz() -> &'static careerfit::core::model::Quiz {
    static Q: OnceLock<careerfit::core::model::Quiz> = OnceLock::new();
    Q.get_or_init(|| load::load(careerfit::bundled::BUNDLED[0].2.as_bytes()).expect("default quiz loads"))
}

fuzz_target!(|data: &[u8]| {
    let mut agg = Aggregate::new();
    if agg.add_json(data).is_err() {
        agg.skip();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            match code::decode(quiz(), line, &[]) {
                Ok(answers) => {
                    let r = report::build(quiz(), &answers, None);
                    let _ = agg.add(&r);
                }
                Err(_) => agg.skip(),
            }
        }
    }
    let _ = aggregate::text(&agg, 1);
    let _ = aggregate::json(&agg, 1);
    let _ = aggregate::markdown(&agg, 1);
});
