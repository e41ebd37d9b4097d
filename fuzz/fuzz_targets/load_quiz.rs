//! Any bytes as a quiz file: loading must return a quiz or errors, never
//! panic, and a loaded quiz must score and encode without panicking.
#![no_main]

use careerfit::core::{code, load, report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(quiz) = load::load(data) {
        let answers: Vec<Option<usize>> = quiz.questions.iter().map(|q| Some(q.choices.len() - 1)).collect();
        let r = report::build(&quiz, &answers, None);
        let back = code::decode(&quiz, &r.share_code, &[]);
        assert_eq!(back.ok(), Some(answers));
    }
});
