//! The dashboard's runtime: the terminal, one channel, and effects.
//!
//! Three threads feed one channel (keys, signals, debounced folder
//! changes), so an idle dashboard blocks and uses no CPU. The terminal is
//! handled as in `tui::run`: raw mode and the alternate screen, restored
//! by a guard, by the panic hook and before a signal exit (128 + n).

use super::model::{Effect, Model, Msg};
use super::scan::Scanner;
use super::update::{message_for, update};
use super::view::view;
use crate::term::{
    Ended, Guard, enter_terminal, install_panic_hook, is_suspend_key, read_input, register_signals,
    resume, suspend, watch_signals,
};
use ratatui::crossterm::event::Event;
use signal_hook::consts::{SIGCONT, SIGTSTP};
use std::sync::mpsc;

type Input = crate::term::Input<()>;

/// Runs the dashboard on this process's terminal until `q` or a signal.
pub fn run(mut model: Model, scanner: Scanner) -> std::io::Result<Ended> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel::<Input>();
    let handle = watch_signals(register_signals()?, tx.clone());
    let ftx = tx.clone();
    let watched = super::watch::start(&scanner.dir, move || ftx.send(Input::Other(())).is_ok());
    let _watcher = match watched {
        Ok((w, note)) => {
            if let Some(n) = note {
                update(&mut model, Msg::Status(n));
            }
            Some(w)
        }
        Err(e) => {
            update(
                &mut model,
                Msg::Status(format!("not watching the folder: {e}")),
            );
            None
        }
    };
    update(&mut model, Msg::Scanned(scanner.scan(None)));
    enter_terminal()?;
    let _guard = Guard;
    read_input(tx);
    let mut term = crate::term::screen()?;
    let result = event_loop(&mut model, &scanner, &mut term, &rx);
    handle.close();
    result
}

fn event_loop(
    model: &mut Model,
    scanner: &Scanner,
    term: &mut crate::term::Screen,
    rx: &mpsc::Receiver<Input>,
) -> std::io::Result<Ended> {
    term.draw(|f| view(model, f))?;
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
                resume(term)?;
                None
            }
            Input::Signal(s) => return Ok(Ended::Signal(s)),
            Input::ReadError(e) => return Err(std::io::Error::other(e)),
            Input::Other(()) => Some(Msg::FilesChanged),
            Input::Term(Event::Resize(..)) => {
                term.autoresize()?;
                None
            }
            Input::Term(Event::Key(k)) if is_suspend_key(&k) => {
                suspend(term)?;
                None
            }
            Input::Term(Event::Key(k)) => message_for(k),
            Input::Term(_) => None,
        };
        if let Some(msg) = msg {
            for effect in update(model, msg) {
                match effect {
                    Effect::Quit => return Ok(Ended::Quit),
                    Effect::Rescan => {
                        update(model, Msg::Scanned(scanner.scan(None)));
                    }
                    Effect::Export => {
                        update(model, Msg::Status(scanner.export(model.min_group)));
                    }
                }
            }
        }
        term.draw(|f| view(model, f))?;
    }
}
