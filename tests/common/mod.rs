//! Helpers shared by integration tests.
#![allow(dead_code)]

use careerfit::core::load::load;
use careerfit::core::model::Quiz;
use careerfit::tui::model::Model;
use careerfit::tui::msg::Message;
use careerfit::tui::theme::Theme;
use careerfit::tui::update::update;
use std::path::Path;
use std::sync::Arc;

/// The bundled default quiz.
pub fn default_quiz() -> Quiz {
    load(careerfit::bundled::BUNDLED[0].2.as_bytes()).expect("default quiz loads")
}

/// Version 1 of the default quiz, still bundled for its share codes.
pub fn v1_quiz() -> Quiz {
    let (_, src) = careerfit::bundled::find("pm-vs-pd-v1").expect("v1 is bundled");
    load(src.as_bytes()).expect("v1 loads")
}

/// Questions in the default quiz.
pub const QUESTIONS: usize = 40;

/// A fresh model on the default quiz in file order, monochrome.
pub fn model() -> Model {
    Model::new(Arc::new(default_quiz()), None, Theme::mono())
}

/// Applies messages in order.
pub fn send(m: &mut Model, msgs: &[Message]) {
    for msg in msgs {
        update(m, msg.clone());
    }
}

/// A PM-leaning answer SPEC for the default quiz (1-based, file order).
pub const PM_SPEC: &str =
    "5,2,3,5,4,1,2,5,1,4,5,4,3,1,2,1,4,5,3,2,1,2,5,1,4,1,2,3,4,1,2,3,4,5,4,1,2,5,1,1";

/// Answers every question with the 1-based option numbers of `spec` (file
/// order == display order with no shuffle) and goes to the results.
pub fn finish(m: &mut Model, spec: &str) {
    send(m, &[Message::Confirm]);
    for d in spec.split(',') {
        let n: usize = d.parse().expect("digit");
        send(m, &[Message::Choose(n), Message::Confirm]);
    }
    send(m, &[Message::Confirm]);
}
pub mod pg;
pub mod tmux;

/// A small deterministic generator, so tests need no RNG crate API.
pub struct Lcg(pub u64);
impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `n` results of the quiz `id` in `dir`, with varied answers; the first
/// has the nickname `name`.
pub fn room(dir: &Path, id: &str, n: usize, name: Option<&str>) {
    let (_, src) = careerfit::bundled::find(id).unwrap();
    let quiz = load(src.as_bytes()).unwrap();
    for i in 0..n {
        let answers: Vec<Option<usize>> = quiz
            .questions
            .iter()
            .enumerate()
            .map(|(q, x)| Some((i * 7 + q * 3 + i * q) % x.choices.len()))
            .collect();
        let r = careerfit::core::report::build(&quiz, &answers, if i == 0 { name } else { None })
            .stamped(&format!("{id}-{i:04}"), "2026-12-01T10:00:00Z");
        std::fs::write(dir.join(format!("{id}-{i}.json")), r.to_json()).unwrap();
    }
}

/// The share code of a result of the bundled quiz `id` (answers 1-based,
/// file order), made now so it follows the quiz's current fingerprint.
pub fn share_code(id: &str, answers: &[usize]) -> String {
    let (_, src) = careerfit::bundled::find(id).unwrap();
    let quiz = load(src.as_bytes()).unwrap();
    let answers: Vec<Option<usize>> = answers.iter().map(|a| Some(a - 1)).collect();
    careerfit::core::report::build(&quiz, &answers, None).share_code
}

/// A Japanese-quiz answer sheet with a PM lean (1-based, file order).
pub const JA_SPEC: [usize; 30] = [
    5, 4, 1, 5, 1, 5, 2, 4, 5, 2, 1, 5, 4, 5, 1, 2, 3, 5, 4, 1, 5, 1, 2, 4, 2, 5, 4, 1, 2, 5,
];

/// The careerfit binary under test, as an assert_cmd command.
pub fn cf() -> assert_cmd::Command {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_careerfit"))
}

/// Runs careerfit with `args` and `stdin`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = cf()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("careerfit runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}
