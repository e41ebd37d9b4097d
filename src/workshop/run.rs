//! The dashboard as an [`App`] for the one event loop in
//! [`crate::tui::runtime`]: the TUI's model, update and view, with the
//! reads and exports they ask for carried out by the results' [`Source`].
//!
//! The source's own threads (a folder watch, a database's notifications)
//! and the runtime's (keys, signals) feed one channel, so an idle
//! dashboard blocks and uses next to no CPU.

use super::source::{Change, Notifier, Source};
use crate::tui::dashboard::model::{Effect, Model, Msg};
use crate::tui::dashboard::update::{message_for, update};
use crate::tui::dashboard::view::view;
use crate::tui::runtime::{self, App, Ended, Flow, Input};
use ratatui::crossterm::event::KeyEvent;
use std::io::Write;

/// The dashboard on this process's terminal.
struct Dashboard<S> {
    model: Model,
    source: S,
}

impl<S: Source> Dashboard<S> {
    /// Applies `msg` and carries out what it asks for.
    fn apply(&mut self, msg: Msg) -> Flow {
        for effect in update(&mut self.model, msg) {
            match effect {
                Effect::Quit => return Flow::Quit,
                Effect::Rescan => self.read(),
                Effect::Export => {
                    let note = self.source.export(self.model.min_group);
                    update(&mut self.model, Msg::Status(note));
                }
            }
        }
        Flow::Continue
    }

    /// Reads every result again; a failure is said in the footer and the
    /// last results stay on screen.
    fn read(&mut self) {
        let msg = match self.source.read() {
            Ok(agg) => Msg::Scanned(agg),
            Err(e) => Msg::Status(e),
        };
        update(&mut self.model, msg);
    }
}

impl<S: Source> App for Dashboard<S> {
    /// The results' source has news.
    type Event = Change;

    fn key(&mut self, key: KeyEvent, _out: &mut dyn Write) -> std::io::Result<Flow> {
        Ok(message_for(key).map_or(Flow::Continue, |msg| self.apply(msg)))
    }

    fn event(&mut self, c: Change) -> Flow {
        match c {
            Change::Results => self.apply(Msg::FilesChanged),
            Change::Link(link, note) => {
                update(&mut self.model, Msg::Link(link));
                if let Some(n) = note {
                    update(&mut self.model, Msg::Status(n));
                }
                Flow::Continue
            }
        }
    }

    fn draw(&mut self, f: &mut ratatui::Frame) {
        view(&self.model, f);
    }
}

/// Starts the source's news, reads it once, then runs the dashboard until
/// it quits or a signal ends it.
pub fn run<S: Source>(mut model: Model, mut source: S) -> Result<Ended, crate::tui::Error> {
    let (tx, rx) = runtime::channel::<Change>();
    let news = tx.clone();
    let (link, note) = source.start(Notifier::new(move |c| news.send(Input::Other(c)).is_ok()));
    update(&mut model, Msg::Link(link));
    if let Some(n) = note {
        update(&mut model, Msg::Status(n));
    }
    let mut app = Dashboard { model, source };
    app.read();
    runtime::run(&mut app, tx, &rx)
}
