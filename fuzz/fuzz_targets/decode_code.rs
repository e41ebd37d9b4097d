//! Any string as a share code for the default quiz: decoding returns the
//! answers or an error, never panics, and accepted answers re-encode to a
//! code that decodes to the same answers.
#![no_main]

use careerfit::core::{code, load};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn quiz() -> &'static careerfit::core::model::Quiz {
    static Q: OnceLock<careerfit::core::model::Quiz> = OnceLock::new();
    Q.get_or_init(|| load::load(careerfit::bundled::BUNDLED[0].2.as_bytes()).expect("default quiz loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(answers) = code::decode(quiz(), s, &[]) {
        let again = code::encode(quiz(), &answers);
        assert_eq!(code::decode(quiz(), &again, &[]).ok(), Some(answers));
    }
});
