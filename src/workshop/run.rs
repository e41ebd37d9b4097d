//! The dashboard as an [`App`] for the one event loop in
//! [`crate::tui::runtime`]: the TUI's model, update and view, with the
//! folder scans and exports they ask for carried out here.
//!
//! Four threads feed one channel (keys, signals, debounced folder
//! changes, and a check once a second of which folder is at the path), so
//! an idle dashboard blocks and uses next to no CPU. The folder check is
//! there because a watch follows the folder, not its path: when the folder
//! is removed and created again, the old watch sees nothing more, so the
//! dashboard says the folder is missing, then watches the new one.

use super::scan::Scanner;
use crate::tui::dashboard::model::{Effect, Model, Msg};
use crate::tui::dashboard::update::{message_for, update};
use crate::tui::dashboard::view::view;
use crate::tui::runtime::{self, App, Ended, Flow, Input};
use ratatui::crossterm::event::KeyEvent;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How often the folder's identity is checked.
const FOLDER_CHECK: Duration = Duration::from_secs(1);

/// What the background threads report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Files in the folder changed.
    Files,
    /// The folder at the path is another one, or gone, or back.
    Folder,
}

/// Which folder is at `dir` (device and inode), if any.
fn identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir)
            .ok()
            .filter(std::fs::Metadata::is_dir)
            .map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        dir.is_dir().then_some((0, 0))
    }
}

/// The dashboard on this process's terminal.
struct Dashboard {
    model: Model,
    scanner: Scanner,
    /// The watch on the folder now at the path (None: not watching).
    watch: Option<super::watch::Watching>,
    /// Which folder `watch` watches.
    watched: Option<(u64, u64)>,
    tx: Sender<Input<Change>>,
}

/// Starts watching `dir`; returns the watch and a note for the footer.
fn watch(
    dir: &Path,
    tx: &Sender<Input<Change>>,
) -> (Option<super::watch::Watching>, Option<String>) {
    let ftx = tx.clone();
    match super::watch::start(dir, move || ftx.send(Input::Other(Change::Files)).is_ok()) {
        Ok((w, note)) => (Some(w), note),
        Err(e) => (None, Some(format!("not watching the folder: {e}"))),
    }
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

impl Dashboard {
    /// The folder at the path changed: say so, and watch the new one.
    fn folder_changed(&mut self) {
        let now = identity(&self.scanner.dir);
        if now == self.watched {
            return;
        }
        self.watch = None;
        self.watched = now;
        if now.is_none() {
            update(&mut self.model, Msg::Live(false));
            update(
                &mut self.model,
                Msg::Status("The folder is gone; waiting for it to come back.".into()),
            );
            return;
        }
        let (w, note) = watch(&self.scanner.dir, &self.tx);
        self.watch = w;
        update(&mut self.model, Msg::Live(self.watch.is_some()));
        let note = note.unwrap_or_else(|| "The folder was created again; watching it.".into());
        update(&mut self.model, Msg::Status(note));
    }
}

impl App for Dashboard {
    /// The folder changed.
    type Event = Change;

    fn key(&mut self, key: KeyEvent, _out: &mut dyn Write) -> std::io::Result<Flow> {
        Ok(message_for(key).map_or(Flow::Continue, |msg| self.apply(msg)))
    }

    fn event(&mut self, c: Change) -> Flow {
        if c == Change::Folder {
            self.folder_changed();
        }
        self.apply(Msg::FilesChanged)
    }

    fn draw(&mut self, f: &mut ratatui::Frame) {
        view(&self.model, f);
    }
}

/// Watches the folder, scans it once, then runs the dashboard until it
/// quits or a signal ends it.
pub fn run(mut model: Model, scanner: Scanner) -> Result<Ended, crate::tui::Error> {
    let (tx, rx) = runtime::channel::<Change>();
    let watched = identity(&scanner.dir);
    let (w, note) = watch(&scanner.dir, &tx);
    if let Some(n) = note {
        update(&mut model, Msg::Status(n));
    }
    update(&mut model, Msg::Live(w.is_some()));
    let dir = scanner.dir.clone();
    let ctx = tx.clone();
    // Ends when the dashboard has ended (its receiver is gone).
    let _ = std::thread::Builder::new()
        .name("folder-check".into())
        .spawn(move || {
            let mut last = watched;
            loop {
                std::thread::sleep(FOLDER_CHECK);
                let now = identity(&dir);
                if now != last {
                    last = now;
                    if ctx.send(Input::Other(Change::Folder)).is_err() {
                        return;
                    }
                }
            }
        });
    update(&mut model, Msg::Scanned(scanner.scan(None)));
    let mut app = Dashboard {
        model,
        scanner,
        watch: w,
        watched,
        tx: tx.clone(),
    };
    runtime::run(&mut app, tx, &rx)
}
