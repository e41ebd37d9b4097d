//! Any string as `--answers SPEC`: parse or error, never panic; accepted
//! answers print back to a SPEC that parses to the same answers.
#![no_main]

use careerfit::core::{answers, load};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn quiz() -> &'static careerfit::core::model::Quiz {
    static Q: OnceLock<careerfit::core::model::Quiz> = OnceLock::new();
    Q.get_or_init(|| load::load(careerfit::bundled::BUNDLED[0].2.as_bytes()).expect("default quiz loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(a) = answers::parse_spec(quiz(), s) {
        let spec = answers::to_spec(&a);
        assert_eq!(answers::parse_spec(quiz(), &spec).ok(), Some(a));
    }
});
