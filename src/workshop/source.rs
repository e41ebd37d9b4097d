//! Where the dashboard's results come from: a workshop folder (here, in
//! [`super::folder`]) or a PostgreSQL database (in `careerfit-serve`, the
//! program that may link a network stack). The dashboard's event loop
//! ([`super::run`]) knows only this trait: a source reads all results on
//! request, and its own threads or tasks tell the loop when to read again
//! and how it is heard from, through a [`Notifier`].

use crate::core::aggregate::Aggregate;
use crate::tui::dashboard::model::Link;
use std::sync::Arc;

/// What a source's background work tells the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The results may have changed: read them again.
    Results,
    /// The source is heard from another way now (the folder came back, the
    /// database went away), with a note for the footer.
    Link(Link, Option<String>),
}

/// The way a source's threads reach the dashboard. Each call returns false
/// once the dashboard has ended, so the thread can stop.
#[derive(Clone)]
pub struct Notifier(Arc<dyn Fn(Change) -> bool + Send + Sync>);

impl Notifier {
    /// A notifier that hands every change to `send` (the dashboard's
    /// channel; in tests, whatever records them).
    pub fn new(send: impl Fn(Change) -> bool + Send + Sync + 'static) -> Self {
        Notifier(Arc::new(send))
    }

    /// The results may have changed.
    pub fn changed(&self) -> bool {
        (self.0)(Change::Results)
    }

    /// The source is heard from as `link` now; `note` goes in the footer.
    pub fn link(&self, link: Link, note: Option<String>) -> bool {
        (self.0)(Change::Link(link, note))
    }
}

/// A place the dashboard reads results from. Calls come from the
/// dashboard's thread, one at a time.
pub trait Source {
    /// Starts the background work that calls `notify` when results may have
    /// changed; it stops when the source is dropped. Returns how the source
    /// is heard from at first, and a note for the footer.
    fn start(&mut self, notify: Notifier) -> (Link, Option<String>);

    /// Every result now, counted as `careerfit aggregate` counts them. An
    /// error is a message for the footer; the last results stay on screen.
    fn read(&mut self) -> Result<Aggregate, String>;

    /// Writes the report (Markdown, CSV, HTML) somewhere the facilitator
    /// can find it; returns the footer's message saying where, or why not.
    fn export(&mut self, min_group: u64) -> String;
}
