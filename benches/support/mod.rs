//! Helpers shared by the benchmarks (kept out of `src` on purpose): models
//! in every TUI state, deterministic answer sheets, and generated quizzes
//! of any size for the growth curve.
#![allow(dead_code)]

pub mod generate;

use careerfit::core::load::load;
use careerfit::core::model::Quiz;
use careerfit::core::scoring::Answers;
use careerfit::tui::model::Model;
use careerfit::tui::msg::Message;
use careerfit::tui::theme::Theme;
use careerfit::tui::update::update;
use std::sync::Arc;

/// The bundled default quiz (the one `careerfit` starts with).
pub fn default_quiz() -> Quiz {
    let src = careerfit::bundled::BUNDLED[0].2;
    load(src.as_bytes()).expect("the default quiz loads")
}

/// A full answer sheet that uses every option position in turn, so scoring
/// walks every code path a real sheet does (file order, 0-based choices).
pub fn answers_for(quiz: &Quiz) -> Answers {
    quiz.questions
        .iter()
        .enumerate()
        .map(|(i, q)| Some((i * 7 + 3) % q.choices.len()))
        .collect()
}

/// Applies messages in order.
pub fn send(m: &mut Model, msgs: &[Message]) {
    for msg in msgs {
        update(m, msg.clone());
    }
}

/// A fresh model on the default quiz in file order, with colours (the
/// colour theme is what people see; it costs the same or more than mono).
pub fn welcome() -> Model {
    Model::new(Arc::new(default_quiz()), None, Theme::color())
}

/// The first question, nothing chosen yet.
pub fn question() -> Model {
    let mut m = welcome();
    send(&mut m, &[Message::Confirm]);
    m
}

/// The first scenario question (five labelled options), one highlighted.
pub fn scenario() -> Model {
    let mut m = welcome();
    send(&mut m, &[Message::Confirm]);
    let first = m
        .quiz()
        .questions
        .iter()
        .position(|q| q.kind != careerfit::core::model::Kind::Agreement)
        .unwrap_or(0);
    for _ in 0..first {
        send(&mut m, &[Message::Skip]);
    }
    send(&mut m, &[Message::Choose(2)]);
    m
}

/// The review screen after answering the first question and skipping the rest.
pub fn review() -> Model {
    let mut m = welcome();
    send(
        &mut m,
        &[Message::Confirm, Message::Choose(1), Message::Confirm],
    );
    for _ in 1..m.answers().len() {
        send(&mut m, &[Message::Skip]);
    }
    send(&mut m, &[Message::Down]);
    m
}

/// The results screen after answering every question.
pub fn results() -> Model {
    let mut m = welcome();
    let sheet = answers_for(m.quiz());
    send(&mut m, &[Message::Confirm]);
    for a in sheet {
        send(
            &mut m,
            &[Message::Choose(a.unwrap_or(0) + 1), Message::Confirm],
        );
    }
    send(&mut m, &[Message::Confirm]);
    m
}

/// `screen` with `msg` applied (an overlay opened on top of it).
pub fn with(mut m: Model, msg: Message) -> Model {
    send(&mut m, &[msg]);
    m
}

/// Every screen and overlay the quiz can show, by name.
pub fn screens() -> Vec<(&'static str, Model)> {
    vec![
        ("welcome", welcome()),
        ("question", question()),
        ("scenario", scenario()),
        ("review", review()),
        ("results", results()),
        ("help", with(question(), Message::ToggleHelp)),
        ("confirm_quit", {
            let mut m = question();
            send(&mut m, &[Message::Choose(1), Message::Quit]);
            m
        }),
        ("card", with(results(), Message::ViewCard)),
        ("qr", with(results(), Message::ShowQr)),
        ("save_dir", with(results(), Message::WriteTo)),
    ]
}
