//! Results in PostgreSQL for the commands `careerfit` hands over when it
//! is given a `postgres://` URL: `serve --results URL` (through
//! [`Writer`]), `take --submit URL`, `aggregate URL`, `analyze URL`, and
//! the hook for `workshop URL`. The database code itself is careerfit-pg;
//! this is where it meets the commands, their messages and exit codes.

use crate::Error;
use careerfit::commands::analyze::AnalyzeArgs;
use careerfit::commands::take::{SubmitTo, TakeArgs};
use careerfit::edge::{Failure, io_reason};
use careerfit::results::DbUrl;
use careerfit::workshop::aggregate_cmd::AggregateArgs;
use careerfit::workshop::dashboard::WorkshopArgs;
use careerfit::workshop::inputs::{Item, Walk};
use careerfit_core::sanitize::clean_path;
use careerfit_pg::{Db, Event, Sender, Settings, Spool};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long a command that is ending waits for the spool to be sent.
pub(crate) const LAST_SEND: Duration = Duration::from_secs(10);

/// A database opened for writing: settings checked, its spool open.
pub struct Writer {
    pub db: Db,
    pub spool: Spool,
}

impl Writer {
    /// Resolves `url` (the environment and `~/.pgpass` fill in) and opens
    /// its spool: `spool`, else a folder for this database under the data
    /// folder's `spool/`. Nothing connects yet.
    pub fn open(url: &DbUrl, spool: Option<&Path>) -> Result<Writer, Error> {
        let settings = settings(url)?;
        let dir = match spool {
            Some(d) => d.to_path_buf(),
            None => careerfit::store::data_dir()
                .map(|d| Spool::dir_for(&d.join("spool"), &settings.identity()))
                .ok_or(Error::NoSpoolDir)?,
        };
        let spool = Spool::open(dir).map_err(Error::Database)?;
        let db = Db::new(settings).map_err(Error::Database)?;
        Ok(Writer { db, spool })
    }

    /// Connects once and brings the schema up to date, so a bad URL,
    /// refused credentials or a schema too new stop the command here.
    /// A database that cannot be reached does not: `Some(why)`, and
    /// results wait in the spool meanwhile.
    pub async fn check(&self) -> Result<Option<String>, Error> {
        match self.db.migrate().await {
            Ok(_) => Ok(None),
            Err(e) if e.is_unreachable() => Ok(Some(e.to_string())),
            Err(e) => Err(Error::Database(e)),
        }
    }

    /// Starts sending the spool in the background (on the current
    /// runtime), its events in the facilitator's log. `migrated`: what
    /// [`Writer::check`] said (`None`), so the schema is not brought up to
    /// date twice.
    pub fn start(&self, migrated: bool) -> Sender {
        let spool = clean_path(self.spool.dir());
        Sender::start(self.db.clone(), self.spool.clone(), migrated, move |e| {
            crate::state::log(&event_line(&e, &spool));
        })
    }
}

/// What the facilitator reads about the database.
pub fn event_line(e: &Event, spool: &str) -> String {
    match e {
        Event::Earlier { waiting } => {
            format!("spool: {waiting} result(s) left in {spool} by an earlier run; sending them")
        }
        Event::Down { waiting, why } => {
            format!("database: {why}; {waiting} result(s) waiting in {spool}, sent when it answers")
        }
        Event::StillDown { waiting } => {
            format!("database still unreachable: {waiting} result(s) waiting in {spool}")
        }
        Event::Back { sent, waiting: 0 } => {
            format!("database back: {sent} waiting result(s) sent, none left")
        }
        Event::Back { sent, waiting } => {
            format!("database back: {sent} waiting result(s) sent, {waiting} still waiting")
        }
        Event::Rejected { file, why } => {
            format!("spool: {file} is not a result ({why}); moved to {spool}/rejected")
        }
    }
}

/// The closing words on what waits in the spool.
pub fn left_line(shown: &str, spool: &Path, left: usize) -> String {
    format!(
        "{left} result(s) could not reach the database {shown} and wait in {}; they are sent \
         the next time careerfit reaches it (serve --results or take --submit with this \
         database)",
        clean_path(spool)
    )
}

/// Settings for `url`, a warning about them (a password file that others
/// may read, say) said on stderr.
fn settings(url: &DbUrl) -> Result<Settings, Error> {
    let settings = Settings::from_url(url).map_err(Error::Database)?;
    if let Some(w) = &settings.warning {
        eprintln!("warning: {w}");
    }
    Ok(settings)
}

/// A runtime for a command that is not a server: one worker, so the
/// sender runs in the background while the quiz has this thread.
fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| Error::Runtime(io_reason(&e)))
}

/// `take --submit URL`: the quiz as ever, the result kept in the spool
/// and sent at once (or when the database answers again).
pub fn take(t: &TakeArgs) -> Result<String, Failure> {
    let Some(url) = t.submit.as_ref().and_then(|s| s.url()) else {
        return careerfit::commands::take::take(t);
    };
    let w = Writer::open(url, t.spool.as_deref()).map_err(Failure::from)?;
    let rt = runtime()?;
    let down = rt.block_on(w.check()).map_err(Failure::from)?;
    if let Some(why) = &down {
        eprintln!(
            "warning: {why}; your result will wait in {} and be sent when the database answers",
            clean_path(w.spool.dir())
        );
    }
    let sender = {
        let _in = rt.enter();
        Sender::start(w.db.clone(), w.spool.clone(), down.is_none(), |_| {})
    };
    let kick = sender.kicker();
    let finished = Arc::new(AtomicBool::new(false));
    let saw = Arc::clone(&finished);
    let submit = SubmitTo {
        dir: w.spool.dir().to_path_buf(),
        database: Some(w.db.shown().to_string()),
        saved: Some(Arc::new(move || {
            saw.store(true, Ordering::Relaxed);
            kick.notify_one();
        })),
    };
    let said = careerfit::commands::take::take_with(t, Some(&submit));
    let left = rt.block_on(sender.finish(LAST_SEND));
    let mut said = said?;
    if left > 0 {
        said.push_str(&format!(
            "{}.\n",
            left_line(w.db.shown(), w.spool.dir(), left)
        ));
    } else if finished.load(Ordering::Relaxed) {
        said.push_str(&format!(
            "Sent to the workshop database {}.\n",
            w.db.shown()
        ));
    }
    Ok(said)
}

/// The inputs `paths` name, in order: a database's rows where a path is
/// a URL, files and folders as ever otherwise. A database is read a page
/// at a time as the readers go, so memory stays bounded whatever its
/// size; its first page is read here, so a database that cannot be used
/// at all stops the command.
fn inputs(paths: &[PathBuf]) -> Result<impl Iterator<Item = Item>, Failure> {
    let rt = Arc::new(runtime()?);
    let mut parts: Vec<Box<dyn Iterator<Item = Item>>> = Vec::new();
    for p in paths {
        match p.to_str().and_then(DbUrl::parse) {
            Some(url) => {
                let settings = settings(&url)?;
                let mut rows = Rows {
                    rt: Arc::clone(&rt),
                    db: Db::new(settings)?,
                    page: std::collections::VecDeque::new(),
                    after: None,
                    done: false,
                };
                rows.fetch()?;
                parts.push(Box::new(rows));
            }
            None => parts.push(Box::new(Walk::new(vec![p.clone()]))),
        }
    }
    Ok(parts.into_iter().flatten())
}

/// A database's rows as inputs, a page at a time.
struct Rows {
    rt: Arc<tokio::runtime::Runtime>,
    db: Db,
    page: std::collections::VecDeque<careerfit_pg::Stored>,
    after: Option<String>,
    done: bool,
}

impl Rows {
    fn fetch(&mut self) -> Result<(), careerfit_pg::Error> {
        let limit = careerfit_pg::rows::PAGE;
        let page = self
            .rt
            .block_on(self.db.read_page(None, self.after.as_deref(), limit))?;
        self.done = (page.len() as i64) < limit;
        self.after = page.last().map(|r| r.id.clone());
        self.page.extend(page);
        Ok(())
    }
}

impl Iterator for Rows {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.page.is_empty()
            && !self.done
            && let Err(e) = self.fetch()
        {
            // Gone mid-read: said and counted like a folder that could not
            // be read, with what came before still counted.
            self.done = true;
            return Some(Item::Unreadable(
                PathBuf::from(self.db.shown()),
                format!("cannot read the rest: {e}"),
            ));
        }
        let row = self.page.pop_front()?;
        Some(careerfit_pg::rows::item(self.db.shown(), row))
    }
}

/// `aggregate URL…`: the same report as for a folder of the same results.
pub fn aggregate(a: &AggregateArgs) -> Result<String, Failure> {
    careerfit::workshop::aggregate_cmd::run_from(a, inputs(&a.paths)?)
}

/// `analyze URL…`: the same analysis as for a folder of the same results.
pub fn analyze(a: &AnalyzeArgs) -> Result<String, Failure> {
    careerfit::commands::analyze::run_from(a, inputs(&a.paths)?)
}

/// `workshop URL`: the live dashboard of a database (careerfit-pg's
/// [`careerfit_pg::listen`]).
pub fn workshop(a: &WorkshopArgs) -> Result<String, Failure> {
    match a.dir.to_str().and_then(DbUrl::parse) {
        Some(url) => careerfit_pg::listen::workshop(a, &url),
        None => careerfit::workshop::dashboard::workshop(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_facilitator_is_told_in_words() {
        let s = "/d/spool/ab";
        assert_eq!(
            event_line(
                &Event::Down {
                    waiting: 2,
                    why: "cannot reach the database postgres://h/db: connection refused".into()
                },
                s
            ),
            "database: cannot reach the database postgres://h/db: connection refused; \
             2 result(s) waiting in /d/spool/ab, sent when it answers"
        );
        assert_eq!(
            event_line(
                &Event::Back {
                    sent: 3,
                    waiting: 0
                },
                s
            ),
            "database back: 3 waiting result(s) sent, none left"
        );
        assert_eq!(
            event_line(&Event::Earlier { waiting: 1 }, s),
            "spool: 1 result(s) left in /d/spool/ab by an earlier run; sending them"
        );
        assert_eq!(
            event_line(&Event::StillDown { waiting: 4 }, s),
            "database still unreachable: 4 result(s) waiting in /d/spool/ab"
        );
    }
}
