//! What every connection of one `careerfit serve` run shares: the quiz,
//! the settings, the counters behind the session cap, and the log.

use careerfit::store::{now_secs, utc_string};
use careerfit_core::model::Quiz;
use careerfit_core::sanitize::clean_line;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::watch;

/// How each session orders the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shuffle {
    /// `--seed N` or `--no-shuffle` (`None`): the same for everyone.
    Fixed(Option<u64>),
    /// A fresh random order per session.
    Random,
}

/// Settings and counters shared by all connections.
#[derive(Debug)]
pub struct Shared {
    pub quiz: Arc<Quiz>,
    pub shuffle: Shuffle,
    pub results: PathBuf,
    /// `None` with `--open`.
    pub join_code: Option<String>,
    pub max_sessions: usize,
    /// Most TCP connections at once (sessions plus some in the handshake).
    pub max_connections: usize,
    pub idle: Duration,
    /// Longest a quiz session may last, whatever happens in it.
    pub max_time: Duration,
    /// Time to authenticate and ask for a shell.
    pub grace: Duration,
    sessions: AtomicUsize,
    connections: AtomicUsize,
    next_id: AtomicU64,
    /// Results saved in this run.
    pub saved: AtomicUsize,
    /// Set once the facilitator pressed Ctrl-C: running sessions are told.
    pub closing: watch::Sender<bool>,
    /// The command participants run, for messages that tell them how.
    pub hint: String,
    /// With `--results postgres://…`: the URL without its password, for
    /// messages (`results` is then the database's spool folder).
    pub database: Option<String>,
    /// Told after each result reaches the spool, so it is sent at once.
    pub on_saved: Option<Arc<tokio::sync::Notify>>,
    /// Wrong join codes per address and in all (lockouts and back-off).
    pub failures: std::sync::Mutex<super::failures::Failures>,
}

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        quiz: Arc<Quiz>,
        shuffle: Shuffle,
        results: PathBuf,
        join_code: Option<String>,
        max_sessions: usize,
        idle: Duration,
        max_time: Duration,
        grace: Duration,
    ) -> Self {
        Shared {
            quiz,
            shuffle,
            results,
            join_code,
            max_sessions,
            max_connections: max_sessions + (max_sessions / 4).max(64),
            idle,
            max_time,
            grace,
            sessions: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            next_id: AtomicU64::new(1),
            saved: AtomicUsize::new(0),
            closing: watch::channel(false).0,
            hint: "ssh -t -p PORT anyname@HOST".into(),
            database: None,
            on_saved: None,
            failures: std::sync::Mutex::new(super::failures::Failures::new(
                std::time::Instant::now(),
            )),
        }
    }

    /// The shuffle seed for a new session.
    pub fn seed(&self) -> Option<u64> {
        match self.shuffle {
            Shuffle::Fixed(s) => s,
            Shuffle::Random => Some(rand::random()),
        }
    }

    /// A number for log lines.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Claims a quiz session under `--max-sessions`, or `None` when full.
    pub fn try_session(self: &Arc<Self>) -> Option<Slot> {
        claim(&self.sessions, self.max_sessions).then(|| Slot {
            shared: Arc::clone(self),
            kind: Kind::Session,
        })
    }

    /// Claims a connection under the connection cap, or `None` when full.
    pub fn try_connection(self: &Arc<Self>) -> Option<Slot> {
        claim(&self.connections, self.max_connections).then(|| Slot {
            shared: Arc::clone(self),
            kind: Kind::Connection,
        })
    }

    pub fn sessions(&self) -> usize {
        self.sessions.load(Ordering::SeqCst)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// One line on the facilitator's console: UTC time, then the event.
    /// Anything from a client (names) passes the sanitizer first.
    pub fn log(&self, line: &str) {
        log(line);
    }
}

/// One line on the facilitator's console (see [`Shared::log`]), for what
/// runs before or beside the shared state (the database's sender).
pub fn log(line: &str) {
    eprintln!("{} {}", utc_string(now_secs()), clean_line(line));
}

fn claim(counter: &AtomicUsize, max: usize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < max).then_some(n + 1)
        })
        .is_ok()
}

#[derive(Debug)]
enum Kind {
    Session,
    Connection,
}

/// A claimed session or connection; dropping it frees the place.
#[derive(Debug)]
pub struct Slot {
    shared: Arc<Shared>,
    kind: Kind,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let c = match self.kind {
            Kind::Session => &self.shared.sessions,
            Kind::Connection => &self.shared.connections,
        };
        c.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_cap_and_free() {
        let quiz =
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let s = Arc::new(Shared::new(
            Arc::new(quiz),
            Shuffle::Fixed(None),
            PathBuf::from("."),
            None,
            2,
            Duration::from_secs(1),
            Duration::from_secs(1),
            Duration::from_secs(1),
        ));
        let a = s.try_session().unwrap();
        let _b = s.try_session().unwrap();
        assert!(s.try_session().is_none());
        drop(a);
        assert_eq!(s.sessions(), 1);
        assert!(s.try_session().is_some());
        assert_eq!(s.max_connections, 66);
        assert_eq!(s.seed(), None);
    }
}
