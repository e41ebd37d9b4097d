//! Watching the workshop folder with `notify` (inotify on Linux, FSEvents
//! on macOS, ReadDirectoryChangesW on Windows) so the dashboard updates
//! within a second of a result arriving, and sleeps while nothing does.
//!
//! Events are debounced: the first relevant one opens a burst that closes
//! after 150 ms of quiet or 500 ms at most, then one "changed" is sent and
//! the dashboard rescans the whole folder. A rescan instead of applying
//! event paths keeps every way of writing a file right: `store::submit`
//! writes a hidden temporary file and renames it, a shell redirect writes
//! in place, a copy tool may do either.

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const QUIET: Duration = Duration::from_millis(150);
const LONGEST: Duration = Duration::from_millis(500);
/// Polling interval when the platform watcher is unavailable.
const POLL: Duration = Duration::from_secs(1);

/// Whether an event can mean a result appeared, changed or went away.
/// Opening and reading are not changes: the dashboard's own rescans open
/// every file, and counting those would make it rescan forever.
fn relevant(e: &notify::Result<notify::Event>) -> bool {
    match e {
        Ok(ev) => match ev.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        },
        Err(_) => true,
    }
}

/// Forwards one call of `changed` per burst of relevant events; blocks
/// (no CPU) between bursts; ends when `changed` returns false or the
/// watcher is dropped.
fn debounce(rx: mpsc::Receiver<notify::Result<notify::Event>>, changed: impl Fn() -> bool) {
    while let Ok(e) = rx.recv() {
        if !relevant(&e) {
            continue;
        }
        let start = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(start.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(left.min(QUIET)) {
                Ok(_) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        if !changed() {
            return;
        }
    }
}

fn native(
    dir: &Path,
    tx: mpsc::Sender<notify::Result<notify::Event>>,
) -> notify::Result<Box<dyn Watcher + Send>> {
    let mut w = notify::recommended_watcher(tx)?;
    w.watch(dir, RecursiveMode::Recursive)?;
    Ok(Box::new(w))
}

fn polling(
    dir: &Path,
    tx: mpsc::Sender<notify::Result<notify::Event>>,
) -> notify::Result<Box<dyn Watcher + Send>> {
    let cfg = notify::Config::default().with_poll_interval(POLL);
    let mut w = notify::PollWatcher::new(tx, cfg)?;
    w.watch(dir, RecursiveMode::Recursive)?;
    Ok(Box::new(w))
}

/// Starts watching `dir` recursively; `changed` runs on a helper thread.
/// Keep the returned watcher alive for as long as events are wanted. When
/// the platform watcher fails (e.g. inotify's watch limit), polling once a
/// second takes over and the note says so.
pub fn start(
    dir: &Path,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<(Box<dyn Watcher + Send>, Option<String>), String> {
    let (tx, rx) = mpsc::channel();
    let (watcher, note) = match native(dir, tx.clone()) {
        Ok(w) => (w, None),
        Err(e) => {
            let w = polling(dir, tx).map_err(|e| e.to_string())?;
            (w, Some(format!("watching by polling ({e})")))
        }
    };
    std::thread::spawn(move || debounce(rx, changed));
    Ok((watcher, note))
}
