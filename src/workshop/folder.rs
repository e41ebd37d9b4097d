//! The workshop folder as a [`Source`] of results: read by a full
//! [`Scanner`] scan, watched by [`super::watch`].
//!
//! A watch follows the folder, not its path: when the folder is removed
//! and created again, the old watch sees nothing more. So a thread of the
//! source's own checks once a second which folder is at the path (device
//! and inode); when that changes it says the folder is missing, or watches
//! the new one. That thread owns the watch and stops, dropping it, soon
//! after the source is dropped.

use super::scan::Scanner;
use super::source::{Notifier, Source};
use super::watch::{self, How, Watching};
use crate::core::aggregate::Aggregate;
use crate::tui::dashboard::model::Link;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the folder's identity is checked.
const FOLDER_CHECK: Duration = Duration::from_secs(1);

/// Results in a workshop folder.
pub struct Folder {
    scanner: Scanner,
    how: How,
    /// Set when the source is dropped; its thread then stops.
    stop: Arc<AtomicBool>,
}

impl Folder {
    pub fn new(scanner: Scanner, how: How) -> Self {
        Folder {
            scanner,
            how,
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
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

/// Starts watching `dir`: the watch (if it started), how the dashboard
/// hears from it, and a note for the footer.
fn watch(dir: &Path, how: How, notify: &Notifier) -> (Option<Watching>, Link, Option<String>) {
    let n = notify.clone();
    match watch::start(dir, how, move || n.changed()) {
        Ok((w, note)) => {
            let link = w.link();
            (Some(w), link, note)
        }
        Err(e) => (
            None,
            Link::NotWatching,
            Some(format!("not watching the folder: {e}")),
        ),
    }
}

impl Source for Folder {
    fn start(&mut self, notify: Notifier) -> (Link, Option<String>) {
        let dir: PathBuf = self.scanner.dir.clone();
        let how = self.how;
        let mut watched = identity(&dir);
        let (mut w, link, note) = watch(&dir, how, &notify);
        let stop = Arc::clone(&self.stop);
        let checks = move || {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(FOLDER_CHECK);
                let now = identity(&dir);
                if now == watched {
                    continue;
                }
                w = None;
                watched = now;
                let told = if now.is_none() {
                    let gone = "The folder is gone; waiting for it to come back.";
                    notify.link(Link::NotWatching, Some(gone.into()))
                } else {
                    let (again, link, note) = watch(&dir, how, &notify);
                    w = again;
                    let note =
                        note.unwrap_or_else(|| "The folder was created again; watching it.".into());
                    notify.link(link, Some(note))
                };
                if !told || !notify.changed() {
                    return;
                }
            }
            drop(w);
        };
        if let Err(e) = std::thread::Builder::new()
            .name("folder-check".into())
            .spawn(checks)
        {
            // The watch went with the thread that was to own it.
            return (
                Link::NotWatching,
                Some(format!("not watching the folder: {e}")),
            );
        }
        (link, note)
    }

    fn read(&mut self) -> Result<Aggregate, String> {
        Ok(self.scanner.scan(None))
    }

    fn export(&mut self, min_group: u64) -> String {
        self.scanner.export(min_group)
    }
}
