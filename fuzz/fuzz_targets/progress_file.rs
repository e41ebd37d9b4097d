//! Any bytes as a saved progress file for the default quiz. Reading must
//! accept or refuse, never panic; and whatever is accepted must survive a
//! resume: every screen drawn, every question answered, the review and the
//! result shown (a bad answer once crashed the review screen, issue 14).
//! The bytes are also tried with the quiz's own id and fingerprint put in,
//! so the fuzzer reaches the checks behind them.
#![no_main]

use careerfit::core::{load, model::Quiz};
use careerfit::store::{Progress, parse_progress};
use careerfit::tui::model::Model;
use careerfit::tui::msg::Message;
use careerfit::tui::theme::Theme;
use careerfit::tui::update::update;
use careerfit::tui::view::view;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, OnceLock};

fn quiz() -> &'static Arc<Quiz> {
    static Q: OnceLock<Arc<Quiz>> = OnceLock::new();
    Q.get_or_init(|| Arc::new(load::load(careerfit::bundled::BUNDLED[0].2.as_bytes()).expect("default quiz loads")))
}

fn draw(term: &mut Terminal<TestBackend>, m: &mut Model) {
    term.draw(|f| view(m, f)).expect("draw");
}

/// Resumes `p` and walks the quiz to its result, drawing every screen.
fn resume(p: Progress) {
    let q = quiz();
    let mut m = Model::new(Arc::clone(q), p.seed, Theme::mono()).with_saved(p.answers, p.pos);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    draw(&mut term, &mut m);
    update(&mut m, Message::Yes);
    draw(&mut term, &mut m);
    for _ in 0..=q.questions.len() {
        update(&mut m, Message::Confirm);
        draw(&mut term, &mut m);
    }
    update(&mut m, Message::Confirm);
    draw(&mut term, &mut m);
}

fuzz_target!(|data: &[u8]| {
    let q = quiz();
    if let Ok(p) = parse_progress(data, q) {
        resume(p);
    }
    if let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(data)
        && let Some(o) = v.as_object_mut()
    {
        o.insert("quiz".into(), q.id.clone().into());
        o.insert("fingerprint".into(), q.fingerprint.clone().into());
        let bytes = serde_json::to_vec(&v).expect("json");
        if let Ok(p) = parse_progress(&bytes, q) {
            resume(p);
        }
    }
});
