//! The background task that empties a [`Spool`] into the database: at
//! once when told a result arrived ([`Sender::kick`]), every 30 s anyway,
//! and while the database is down with a back-off of 1 s doubling to
//! 15 s. What the facilitator should know comes out as [`Event`]s: the
//! database gone (and how many results wait), still gone with more
//! waiting, back (and how many were sent), a spool file rejected.

use crate::{Db, Pass, Spool};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// How often the spool is looked at when nothing said a result arrived.
const IDLE: Duration = Duration::from_secs(30);
/// The back-off while the database is down: first and longest wait.
const RETRY_FIRST: Duration = Duration::from_secs(1);
const RETRY_MAX: Duration = Duration::from_secs(15);

/// Something the facilitator is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The spool already held `waiting` results when the sender started:
    /// an earlier run (stopped with the database down, or killed) left
    /// them, and they go first.
    Earlier { waiting: usize },
    /// The database cannot be reached; `waiting` results are in the spool.
    Down { waiting: usize, why: String },
    /// Still down, and the number waiting changed.
    StillDown { waiting: usize },
    /// It answers again: `sent` results went in, `waiting` remain.
    Back { sent: usize, waiting: usize },
    /// A spool file that is not a result was moved to `rejected/`.
    Rejected { file: String, why: String },
}

/// The running sender; dropping it stops the task.
#[derive(Debug)]
pub struct Sender {
    kick: Arc<Notify>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
    spool: Spool,
    db: Db,
}

impl Sender {
    /// Starts sending `spool` into `db` on the current tokio runtime.
    /// `migrated`: the caller has just brought the schema up to date, so
    /// the first pass need not.
    pub fn start(
        db: Db,
        spool: Spool,
        migrated: bool,
        report: impl Fn(Event) + Send + Sync + 'static,
    ) -> Sender {
        let kick = Arc::new(Notify::new());
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(
            db.clone(),
            spool.clone(),
            Arc::clone(&kick),
            stopped,
            migrated,
            report,
        ));
        Sender {
            kick,
            stop,
            task: Some(task),
            spool,
            db,
        }
    }

    /// What a session notifies when it has just put a result in the
    /// spool, so it is sent at once.
    pub fn kicker(&self) -> Arc<Notify> {
        Arc::clone(&self.kick)
    }

    /// Stops the background task, then tries once more, for at most
    /// `within`, to send what waits; returns how many results still wait.
    pub async fn finish(mut self, within: Duration) -> usize {
        let _ = self.stop.send(true);
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        // A pass the stop cut short left its file claimed.
        let _ = self.spool.recover();
        let _ =
            tokio::time::timeout(within, self.spool.send(self.db.pool(), self.db.shown())).await;
        self.spool.waiting()
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        if let Some(t) = &self.task {
            t.abort();
        }
    }
}

async fn run(
    db: Db,
    spool: Spool,
    kick: Arc<Notify>,
    mut stopped: watch::Receiver<bool>,
    mut migrated: bool,
    report: impl Fn(Event) + Send + Sync,
) {
    let earlier = spool.waiting();
    if earlier > 0 {
        report(Event::Earlier { waiting: earlier });
    }
    let mut down = false;
    let mut last_waiting = 0;
    let mut backoff = RETRY_FIRST;
    // Not `migrated`: the database was down at start, so the schema may
    // not be there yet.
    loop {
        let attempt = async {
            if !migrated {
                db.migrate().await?;
                migrated = true;
            }
            spool.send(db.pool(), db.shown()).await
        };
        // A stop does not wait for a connection attempt to time out.
        let pass = tokio::select! {
            pass = attempt => pass,
            _ = stopped.changed() => return,
        };
        let wait = match pass {
            Ok(Pass { sent, rejected, .. }) => {
                for (file, why) in rejected {
                    report(Event::Rejected { file, why });
                }
                if down {
                    down = false;
                    report(Event::Back {
                        sent,
                        waiting: spool.waiting(),
                    });
                }
                backoff = RETRY_FIRST;
                IDLE
            }
            Err(e) => {
                let waiting = spool.waiting();
                if !down {
                    down = true;
                    report(Event::Down {
                        waiting,
                        why: e.to_string(),
                    });
                } else if waiting != last_waiting {
                    report(Event::StillDown { waiting });
                }
                last_waiting = waiting;
                let wait = backoff;
                backoff = (backoff * 2).min(RETRY_MAX);
                wait
            }
        };
        tokio::select! {
            () = kick.notified(), if !down => {}
            () = tokio::time::sleep(wait) => {}
            _ = stopped.changed() => return,
        }
    }
}
