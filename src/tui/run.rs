//! The local runtime: terminal set-up and restore, the event loop, signals
//! and suspend. Input arrives on one channel from two threads (keys and
//! signals), so an idle quiz blocks and uses no CPU.

use super::effects::{self, Settings};
use super::keys::message_for;
use super::model::Model;
use super::msg::Message;
use super::update::update;
use super::view::view;
use crate::term::{
    Guard, enter_terminal, install_panic_hook, is_suspend_key, read_input, register_signals,
    resume, suspend, watch_signals,
};
use ratatui::crossterm::event::Event;
use signal_hook::consts::{SIGCONT, SIGTSTP};
use std::io::Write;
use std::sync::mpsc;

pub use crate::term::Ended;

/// The quiz has no events of its own besides keys and signals.
type Input = crate::term::Input<std::convert::Infallible>;

/// Runs the quiz on this process's terminal until it ends.
pub fn run(mut model: Model, settings: Settings) -> std::io::Result<Ended> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel::<Input>();
    let signals = register_signals()?;
    enter_terminal()?;
    let _guard = Guard;
    // The first frame goes out before the input and signal threads start:
    // starting them first delayed it by about 1 ms (scripts/bench-startup,
    // docs/performance.md). Nothing is lost meanwhile: the handlers above
    // are registered, so signals queue until their thread reads them, and
    // the tty holds keys typed until the input thread reads them.
    let mut term = crate::term::screen()?;
    let size = term.size()?;
    update(&mut model, Message::Resize(size.width, size.height));
    term.draw(|f| view(&mut model, f))?;
    let handle = watch_signals(signals, tx.clone());
    read_input(tx);
    let result = event_loop(&mut model, &settings, &mut term, &rx);
    handle.close();
    result
}

fn event_loop(
    model: &mut Model,
    settings: &Settings,
    term: &mut crate::term::Screen,
    rx: &mpsc::Receiver<Input>,
) -> std::io::Result<Ended> {
    loop {
        let Ok(input) = rx.recv() else {
            return Ok(Ended::Quit);
        };
        let msg = match input {
            Input::Signal(SIGTSTP) => {
                // `kill -TSTP` from outside: the same as Ctrl-Z.
                suspend(term)?;
                None
            }
            Input::Signal(SIGCONT) => {
                // Back from a suspend that someone else caused: redraw everything.
                resume(term)?;
                None
            }
            Input::Signal(s) => {
                // Save what we have; answers are never lost to a closed terminal.
                effects::apply(model, vec![super::msg::Effect::SaveProgress], settings);
                return Ok(Ended::Signal(s));
            }
            Input::ReadError(e) => return Err(std::io::Error::other(e)),
            Input::Term(Event::Resize(w, h)) => {
                term.autoresize()?;
                Some(Message::Resize(w, h))
            }
            Input::Term(Event::Key(k)) if is_suspend_key(&k) => {
                suspend(term)?;
                None
            }
            Input::Term(Event::Key(k)) => message_for(model, k),
            Input::Term(_) => None,
        };
        if let Some(msg) = msg {
            let fx = update(model, msg);
            if !fx.is_empty() {
                let out = effects::apply(model, fx, settings);
                if !out.terminal.is_empty() {
                    let w = term.backend_mut();
                    w.write_all(&out.terminal)?;
                    w.flush()?;
                }
                if let Some(s) = out.status {
                    update(model, Message::Status(s));
                }
                if out.quit {
                    return Ok(Ended::Quit);
                }
            }
        }
        term.draw(|f| view(model, f))?;
    }
}
