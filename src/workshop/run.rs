//! The dashboard as an [`App`] for the one event loop in
//! [`crate::tui::runtime`]: the TUI's model, update and view, with the
//! folder scans and exports they ask for carried out here.
//!
//! Three threads feed one channel (keys, signals, debounced folder
//! changes), so an idle dashboard blocks and uses no CPU.

use super::scan::Scanner;
use crate::tui::dashboard::model::{Effect, Model, Msg};
use crate::tui::dashboard::update::{message_for, update};
use crate::tui::dashboard::view::view;
use crate::tui::runtime::{self, App, Ended, Flow, Input};
use ratatui::crossterm::event::KeyEvent;
use std::io::Write;

/// The dashboard on this process's terminal.
struct Dashboard {
    model: Model,
    scanner: Scanner,
}

impl Dashboard {
    /// Applies `msg` and carries out what it asks for.
    fn apply(&mut self, msg: Msg) -> Flow {
        for effect in update(&mut self.model, msg) {
            match effect {
                Effect::Quit => return Flow::Quit,
                Effect::Rescan => {
                    update(&mut self.model, Msg::Scanned(self.scanner.scan(None)));
                }
                Effect::Export => {
                    let note = self.scanner.export(self.model.min_group);
                    update(&mut self.model, Msg::Status(note));
                }
            }
        }
        Flow::Continue
    }
}

impl App for Dashboard {
    /// The folder changed.
    type Event = ();

    fn key(&mut self, key: KeyEvent, _out: &mut dyn Write) -> std::io::Result<Flow> {
        Ok(message_for(key).map_or(Flow::Continue, |msg| self.apply(msg)))
    }

    fn event(&mut self, (): ()) -> Flow {
        self.apply(Msg::FilesChanged)
    }

    fn draw(&mut self, f: &mut ratatui::Frame) {
        view(&self.model, f);
    }
}

/// Watches the folder, scans it once, then runs the dashboard until it
/// quits or a signal ends it.
pub fn run(mut model: Model, scanner: Scanner) -> Result<Ended, crate::tui::Error> {
    let (tx, rx) = runtime::channel::<()>();
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
    let mut app = Dashboard { model, scanner };
    runtime::run(&mut app, tx, &rx)
}
