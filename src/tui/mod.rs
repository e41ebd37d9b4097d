//! The full-screen quiz in the Elm style: [`model::Model`], [`msg::Message`],
//! a pure [`update::update`], and [`view::view`] drawing from state only.
//! The runtime in [`run`] is the only part that knows about this process's
//! terminal; the SSH server drives the same model, update and view.

pub mod effects;
pub mod keys;
pub mod model;
pub mod msg;
pub mod run;
pub mod theme;
pub mod update;
pub mod view;

use crate::cli::TakeArgs;
use crate::core::model::Quiz;
use crate::store;
use std::sync::Arc;

/// Runs the quiz on the local terminal; returns `Err` only for terminal
/// failures. `Ok(Some(n))` means a signal ended it (exit 128 + n).
pub fn run_local(quiz: &Quiz, seed: Option<u64>, args: &TakeArgs) -> std::io::Result<Option<i32>> {
    let data_dir = store::data_dir();
    let quiz = Arc::new(quiz.clone());
    let slot = data_dir
        .as_ref()
        .map(|d| store::ProgressSlot::open(d, &quiz));
    let (saved, note, progress) = match &slot {
        Some(s) => (s.saved.clone(), s.note.clone(), s.owned),
        None => (None, None, false),
    };
    // A resumed quiz keeps the order it was started with.
    let seed = saved.as_ref().map_or(seed, |p| p.seed);
    let theme = theme::Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let mut model = model::Model::new(quiz, seed, theme)
        .with_name(args.name.clone())
        .with_notice(note);
    if let Some(p) = saved {
        model = model.with_saved(p.answers, p.pos);
    }
    let settings = effects::Settings {
        data_dir,
        save_dir: args.save_dir.clone().unwrap_or_else(|| ".".into()),
        submit_dir: args.submit.clone(),
        seed,
        progress,
    };
    let ended = run::run(model, settings)?;
    // The progress lock is held until the quiz has ended.
    drop(slot);
    match ended {
        run::Ended::Quit => Ok(None),
        run::Ended::Signal(s) => Ok(Some(s)),
    }
}
