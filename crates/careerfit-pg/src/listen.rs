//! `careerfit workshop postgres://…`: the live dashboard over a results
//! database, as a [`Source`] for the dashboard's event loop.
//!
//! A connection of its own (outside the pool) runs `LISTEN` on
//! [`CHANNEL`], which the results table's trigger notifies on every insert
//! and replacement. Notifications that arrive together are handed on as one
//! "changed" ([`BATCH`]): a room submitting at once means a few full reads,
//! not one per result. A slow poll (every `--poll-interval`, [`POLL`] by
//! default) reads again anyway, in case a notification went missing, and
//! checks that the listening connection still answers: a network that
//! drops silently would leave its socket open for hours. With `--poll`
//! there is no `LISTEN` (PgBouncer's transaction pooling cannot pass
//! notifications on), only the poll.
//!
//! When the connection ends or stops answering, the header says the
//! dashboard is waiting for the database, the last results stay on screen,
//! and the task connects again, waiting [`RETRY_FIRST`] doubling to
//! [`RETRY_MAX`] between attempts. Once it is back the results are read
//! again, since notifications sent meanwhile are lost.
//!
//! One "changed" at most waits for the dashboard at a time ([`Asked`]): a
//! read takes every result there is, so asking again before it has started
//! adds nothing, and a read slower than the notifications cannot make a
//! queue of reads.
//!
//! The dashboard's thread reads through the pool with
//! [`tokio::runtime::Handle::block_on`], for at most [`READ_TIMEOUT`], and
//! not at all while the task knows the database is away, so keys are never
//! held up for long.

use crate::{CHANNEL, Db, Error, Settings, rows};
use careerfit::core::aggregate::Aggregate;
use careerfit::edge::{Failure, io_reason};
use careerfit::results::DbUrl;
use careerfit::tui::dashboard::model::{Link, Msg};
use careerfit::tui::dashboard::update::update;
use careerfit::workshop::dashboard::{self, WorkshopArgs};
use careerfit::workshop::scan::{Counter, export};
use careerfit::workshop::source::{Notifier, Source};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_postgres::AsyncMessage;

/// How often the results are read again without a notification.
pub const POLL: Duration = Duration::from_secs(30);
/// How long notifications are gathered before one "changed".
pub const BATCH: Duration = Duration::from_millis(250);
/// The wait between connection attempts: first, and longest.
pub const RETRY_FIRST: Duration = Duration::from_secs(1);
pub const RETRY_MAX: Duration = Duration::from_secs(30);
/// How long the listening connection may take to answer the poll's check.
const CHECK_TIMEOUT: Duration = Duration::from_secs(10);
/// How long `workshop` tries the database before it starts the dashboard.
const FIRST_TRY: Duration = Duration::from_secs(3);
/// How long the dashboard's thread waits for a read.
pub const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether the database answers, as the listening task last saw it.
/// `Some(why)` while it is away; the dashboard's reads then fail at once
/// with that reason instead of waiting for a timeout.
type Away = Arc<Mutex<Option<String>>>;

/// Whether a "changed" was sent that the dashboard has not read for yet.
type Asked = Arc<AtomicBool>;

/// The results database as the dashboard's source.
pub struct Listen {
    db: Db,
    rt: Handle,
    counter: Counter,
    every: Duration,
    /// `--poll`: read every `every`, no `LISTEN`.
    poll_only: bool,
    away: Away,
    asked: Asked,
    /// Where `e` writes the report (the folder the dashboard started in).
    exports: PathBuf,
    task: Option<JoinHandle<()>>,
}

impl Listen {
    /// The dashboard's source for `db`, counting against `counter`'s quiz;
    /// background work runs on `rt`. `every` is the poll's interval;
    /// `poll_only` leaves `LISTEN` out.
    pub fn new(
        db: Db,
        rt: Handle,
        counter: Counter,
        every: Duration,
        poll_only: bool,
        exports: PathBuf,
    ) -> Self {
        Listen {
            db,
            rt,
            counter,
            every,
            poll_only,
            away: Arc::new(Mutex::new(Some("Connecting to the database…".into()))),
            asked: Arc::new(AtomicBool::new(false)),
            exports,
            task: None,
        }
    }

    /// Every row, counted (CSV rows into `csv` when given).
    fn count(
        &self,
        csv: Option<&mut careerfit::workshop::csv_out::CsvSinks>,
    ) -> Result<Aggregate, String> {
        // Cleared before the read: a change from now on asks again.
        self.asked.store(false, Ordering::SeqCst);
        if let Some(why) = lock(&self.away).clone() {
            return Err(why);
        }
        let read = self
            .rt
            .block_on(async { tokio::time::timeout(READ_TIMEOUT, self.db.read_all(None)).await })
            .map_err(|_| "the database did not answer in time".to_string())?;
        let rows = match read {
            Ok(rows) => rows,
            // No one has submitted yet (the first writer makes the table;
            // a dashboard only reads, as an analyst's account may only).
            Err(Error::NoResults { .. }) => Vec::new(),
            Err(e) => return Err(reason(&e)),
        };
        Ok(self.counter.count(rows::items(self.db.shown(), rows), csv))
    }
}

impl Drop for Listen {
    fn drop(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
        }
    }
}

/// The lock's value even if a thread panicked while holding it (the value
/// is a plain note, never half-written).
fn lock(away: &Away) -> std::sync::MutexGuard<'_, Option<String>> {
    away.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Source for Listen {
    fn start(&mut self, notify: Notifier) -> (Link, Option<String>) {
        let watcher = Watcher {
            db: self.db.clone(),
            notify,
            every: self.every,
            poll_only: self.poll_only,
            away: Arc::clone(&self.away),
            asked: Arc::clone(&self.asked),
        };
        self.task = Some(self.rt.spawn(watcher.run()));
        (Link::Waiting, lock(&self.away).clone())
    }

    fn read(&mut self) -> Result<Aggregate, String> {
        self.count(None)
    }

    fn export(&mut self, min_group: u64) -> String {
        let place = careerfit::core::sanitize::clean_path(&self.exports);
        export(&self.exports.clone(), &place, min_group, |sinks| {
            self.count(Some(sinks))
        })
    }
}

/// The background task's state.
struct Watcher {
    db: Db,
    notify: Notifier,
    every: Duration,
    poll_only: bool,
    away: Away,
    asked: Asked,
}

/// How one connection ended.
enum Ended {
    /// The dashboard has gone: stop.
    Gone,
    /// The database went away (or never answered): why, and whether the
    /// connection had been made (then the back-off starts again).
    Lost { why: String, connected: bool },
}

/// What the task that drives the listening connection passes on.
enum Heard {
    Notified,
    Closed(String),
}

/// Aborts the connection's driver when the connection is given up.
struct Driver(JoinHandle<()>);

impl Drop for Driver {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Watcher {
    /// Asks the dashboard to read, unless it has been asked already and
    /// not read yet; false once the dashboard has ended.
    fn changed(&self) -> bool {
        self.asked.swap(true, Ordering::SeqCst) || self.notify.changed()
    }

    async fn run(self) {
        let mut wait = RETRY_FIRST;
        loop {
            let (why, connected) = match self.connection().await {
                Ended::Gone => return,
                Ended::Lost { why, connected } => (why, connected),
            };
            if connected {
                wait = RETRY_FIRST;
            }
            let note = format!("{why}; trying again in {}s", wait.as_secs());
            *lock(&self.away) = Some(note.clone());
            if !self.notify.link(Link::Waiting, Some(note)) {
                return;
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(RETRY_MAX);
        }
    }

    /// Connects, listens and passes on what it hears until the connection
    /// is lost or the dashboard ends.
    async fn connection(&self) -> Ended {
        let lost = |e: Error, connected| Ended::Lost {
            why: reason(&e),
            connected,
        };
        let settings: &Settings = self.db.settings();
        let (client, conn) = match settings.connect().await {
            Ok(c) => c,
            Err(e) => return lost(e, false),
        };
        let (tx, mut heard) = mpsc::unbounded_channel();
        let _driver = Driver(tokio::spawn(drive(conn, tx, self.db.shown().to_string())));
        let link = if self.poll_only {
            Link::Polling(self.every)
        } else {
            if let Err(e) = client.batch_execute(&format!("LISTEN {CHANNEL}")).await {
                return lost(Error::from_driver(self.db.shown(), &e), true);
            }
            Link::Live
        };
        *lock(&self.away) = None;
        if !self
            .notify
            .link(link, Some("Connected to the database.".into()))
            || !self.changed()
        {
            return Ended::Gone;
        }
        let mut poll = tokio::time::interval(self.every);
        poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        poll.tick().await;
        loop {
            tokio::select! {
                h = heard.recv() => match h {
                    Some(Heard::Notified) => {
                        tokio::time::sleep(BATCH).await;
                        while let Ok(h) = heard.try_recv() {
                            if let Heard::Closed(why) = h {
                                return Ended::Lost { why, connected: true };
                            }
                        }
                    }
                    Some(Heard::Closed(why)) => return Ended::Lost { why, connected: true },
                    None => return Ended::Lost {
                        why: "lost the connection to the database".into(),
                        connected: true,
                    },
                },
                _ = poll.tick() => {
                    match tokio::time::timeout(CHECK_TIMEOUT, client.simple_query("SELECT 1")).await {
                        Ok(Ok(_)) => {}
                        Ok(Err(e)) => return lost(Error::from_driver(self.db.shown(), &e), true),
                        Err(_) => return Ended::Lost {
                            why: "the database stopped answering".into(),
                            connected: true,
                        },
                    }
                }
            }
            if !self.changed() {
                return Ended::Gone;
            }
        }
    }
}

/// Why the database cannot be used, short enough for the footer: the
/// header already says the dashboard waits for it, and the join box shows
/// its URL.
fn reason(e: &Error) -> String {
    match e {
        Error::Unreachable { why, .. } => format!("cannot reach the database: {why}"),
        Error::Refused { why, .. } => format!("the database refused the connection: {why}"),
        Error::Tls { why, .. } => format!("no secure connection to the database: {why}"),
        Error::NoResults { .. } => "no careerfit results there yet".into(),
        Error::BadUrl { why, .. }
        | Error::Schema { why, .. }
        | Error::Query { why, .. }
        | Error::Spool { why, .. } => format!("the database: {why}"),
    }
}

/// Drives the listening connection (it makes no progress otherwise) and
/// passes its notifications on; says why when it ends.
async fn drive(mut conn: crate::Connection, tx: mpsc::UnboundedSender<Heard>, shown: String) {
    loop {
        let heard = match std::future::poll_fn(|cx| conn.poll_message(cx)).await {
            Some(Ok(AsyncMessage::Notification(_))) => Heard::Notified,
            // Notices (a warning from the server) change no result.
            Some(Ok(_)) => continue,
            Some(Err(e)) => Heard::Closed(reason(&Error::from_driver(&shown, &e))),
            None => Heard::Closed("the database closed the connection".into()),
        };
        let closed = matches!(heard, Heard::Closed(_));
        if tx.send(heard).is_err() || closed {
            return;
        }
    }
}

/// `careerfit workshop postgres://…` (run by `careerfit-serve`): the
/// dashboard until `q` or a signal, its source on a runtime of one worker
/// thread, exports into the current folder.
pub fn workshop(a: &WorkshopArgs, url: &DbUrl) -> Result<String, Failure> {
    let settings = Settings::from_url(url)?;
    let exports = std::env::current_dir().map_err(|e| {
        Failure::other(format!(
            "error: cannot use the current folder: {}",
            io_reason(&e)
        ))
    })?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("careerfit-db")
        .enable_all()
        .build()
        .map_err(|e| Failure::other(format!("error: cannot start: {}", io_reason(&e))))?;
    let warning = settings.warning.clone();
    let db = {
        let _inside = rt.enter();
        Db::new(settings)?
    };
    // A wrong password or database name is the facilitator's to fix now,
    // not a dashboard that waits for ever; a database that does not answer
    // yet may still come, and the dashboard waits for it.
    // (The timer is made inside the runtime, which it needs.)
    if let Ok(Err(e)) = rt.block_on(async { tokio::time::timeout(FIRST_TRY, db.client()).await })
        && e.is_input()
    {
        return Err(e.into());
    }
    let quiz = dashboard::begin(a)?;
    let mut model = dashboard::model(a, &url.without_password());
    if let Some(w) = warning {
        update(&mut model, Msg::Status(w));
    }
    let source = Listen::new(
        db,
        rt.handle().clone(),
        Counter::new(quiz),
        a.poll_interval.unwrap_or(POLL),
        a.poll,
        exports,
    );
    let shown = dashboard::show(model, source);
    rt.shutdown_timeout(Duration::from_secs(1));
    shown
}
