//! Watching the workshop folder with `notify` (inotify on Linux, FSEvents
//! on macOS, ReadDirectoryChangesW on Windows) so the dashboard updates
//! within a second of a result arriving.
//!
//! Events are debounced by `notify-debouncer-full`: an event is handed on
//! once its file has been quiet for [`QUIET`], a batch at a time, and one
//! batch with a relevant event means one "changed", after which the
//! dashboard rescans the whole folder. A rescan instead of applying event
//! paths keeps every way of writing a file right: `store::submit` writes a
//! hidden temporary file and renames it, a shell redirect writes in place,
//! a copy tool may do either. The debouncer keeps no file-id cache
//! ([`NoCache`]): it would walk the whole folder at start and hold an entry
//! per file, and rename tracking is not needed for a rescan.
//!
//! `--poll` uses notify's [`PollWatcher`] alone: it lists the folder every
//! interval and compares each file's modification time, which sees writes
//! made by any machine. The system's watcher hears only of writes made
//! through this machine's kernel, so on NFS (or SMB) a result another
//! machine writes would never show. The poll compares whole seconds (as
//! notify keeps them), so a file replaced within the same second as the
//! version it replaces waits for the next change in the folder.

use crate::tui::dashboard::model::Link;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};
use std::path::Path;
use std::time::Duration;

/// How long a file must be quiet before its events are handed on; the
/// debouncer's thread checks this often, and sleeps in between.
const QUIET: Duration = Duration::from_millis(150);
/// How to watch the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The system's watcher; polling this often if it cannot start.
    System { fallback: Duration },
    /// Polling only, this often (`--poll`).
    Poll(Duration),
}

/// The watch in progress; dropping it stops watching.
pub enum Watching {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    /// Polling, and how often.
    Polling(Debouncer<PollWatcher, NoCache>, Duration),
}

impl Watching {
    /// How the dashboard hears of changes through this watch.
    pub fn link(&self) -> Link {
        match self {
            Watching::Native(_) => Link::Live,
            Watching::Polling(_, every) => Link::Polling(*every),
        }
    }
}

/// Whether an event can mean a result appeared, changed or went away.
/// Opening and reading are not changes: the dashboard's own rescans open
/// every file, and counting those would make it rescan forever.
fn relevant(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The debouncer's handler: one call of `changed` per batch that holds a
/// relevant event (an error counts: something may have changed unseen).
fn handler(changed: impl Fn() -> bool + Send + 'static) -> impl FnMut(DebounceEventResult) {
    move |batch: DebounceEventResult| {
        let any = match &batch {
            Ok(events) => events.iter().any(|e| relevant(e.event.kind)),
            Err(_) => true,
        };
        if any {
            // The receiver is gone when the dashboard has ended; the
            // watcher is dropped right after, so nothing is lost.
            let _ = changed();
        }
    }
}

/// Starts watching `dir` recursively; `changed` runs on the debouncer's
/// thread. Keep the returned watch alive for as long as events are wanted.
/// When the platform watcher fails (e.g. inotify's watch limit), polling
/// takes over and the note says so.
pub fn start(
    dir: &Path,
    how: How,
    changed: impl Fn() -> bool + Send + Sync + 'static,
) -> Result<(Watching, Option<String>), String> {
    let changed = std::sync::Arc::new(changed);
    let fallback = match how {
        How::Poll(every) => return poll(dir, every, move || changed()).map(|w| (w, None)),
        How::System { fallback } => fallback,
    };
    let native = {
        let c = std::sync::Arc::clone(&changed);
        new_debouncer_opt::<_, RecommendedWatcher, _>(
            QUIET,
            Some(QUIET),
            handler(move || c()),
            NoCache,
            notify::Config::default(),
        )
        .and_then(|mut d| d.watch(dir, RecursiveMode::Recursive).map(|()| d))
    };
    match native {
        Ok(d) => Ok((Watching::Native(d), None)),
        Err(e) => {
            let w = poll(dir, fallback, move || changed())?;
            Ok((w, Some(format!("watching by polling ({e})"))))
        }
    }
}

/// Watches `dir` by listing it every `every`.
fn poll(
    dir: &Path,
    every: Duration,
    changed: impl Fn() -> bool + Send + 'static,
) -> Result<Watching, String> {
    let mut d = new_debouncer_opt::<_, PollWatcher, _>(
        QUIET,
        Some(QUIET),
        handler(changed),
        NoCache,
        notify::Config::default().with_poll_interval(every),
    )
    .map_err(|e| e.to_string())?;
    d.watch(dir, RecursiveMode::Recursive)
        .map_err(|e| e.to_string())?;
    Ok(Watching::Polling(d, every))
}
