#![forbid(unsafe_code)]
//! Workshop results in PostgreSQL, for `careerfit-serve` (the quiz binary
//! never links this crate; see docs/results-db.md).
//!
//! - [`Settings`]: a `postgres://` URL completed from the `PG*`
//!   environment and `~/.pgpass`, TLS as libpq's `sslmode` says.
//! - [`Db`]: a connection pool; [`Db::open`] connects and runs the
//!   migrations ([`schema`]).
//! - [`rows`]: the idempotent insert by result id (which notifies
//!   `careerfit_results`) and the read-back as untrusted inputs.
//! - [`Spool`] and [`Sender`]: results wait on disk while the database
//!   is down and are sent in the background when it is back.
//! - [`listen`]: the live dashboard's source, `LISTEN` on [`CHANNEL`]
//!   with a slow poll, reconnecting while the database is away.

mod config;
mod error;
pub mod listen;
mod pgpass;
pub mod rows;
pub mod schema;
mod sender;
mod spool;
pub mod tls;

pub use config::{Connection, DEFAULT_CONNECT_TIMEOUT, Env, Settings, process_env};
pub use error::Error;
pub use rows::{Saved, Stored};
pub use sender::{Event, Sender};
pub use spool::{BATCH as SPOOL_BATCH, Pass, Spool};

use careerfit::results::DbUrl;
use deadpool_postgres::{Pool, PoolError};
/// The driver, for callers that hold a connection of their own (`LISTEN`).
pub use tokio_postgres;

/// The channel the results table's trigger notifies on every insert and
/// replacement, with the result's id as the payload.
pub const CHANNEL: &str = "careerfit_results";

/// Connections a server keeps: the spool sender uses one; the others
/// serve readers (the dashboard) without waiting behind it.
pub const POOL_SIZE: usize = 4;

/// A results database: settings and a pool of connections.
#[derive(Clone)]
pub struct Db {
    settings: Settings,
    pool: Pool,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("url", &self.settings.shown())
            .finish()
    }
}

impl Db {
    /// The database at `settings`, not connected yet.
    pub fn new(settings: Settings) -> Result<Db, Error> {
        let pool = settings.pool(POOL_SIZE)?;
        Ok(Db { settings, pool })
    }

    /// Connects to `url` and brings its schema up to date.
    pub async fn open(url: &DbUrl) -> Result<Db, Error> {
        let db = Db::new(Settings::from_url(url)?)?;
        db.migrate().await?;
        Ok(db)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The URL as it may be shown (no password).
    pub fn shown(&self) -> &str {
        self.settings.shown()
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Runs the missing migrations; returns how many ran.
    pub async fn migrate(&self) -> Result<usize, Error> {
        let mut client = self.client().await?;
        schema::migrate(&mut client, self.shown()).await
    }

    /// A pooled connection.
    pub async fn client(&self) -> Result<deadpool_postgres::Object, Error> {
        self.pool
            .get()
            .await
            .map_err(|e| pool_error(self.shown(), e))
    }

    /// Stores one result's JSON text, submitted at `submitted_us`
    /// (microseconds since the epoch).
    pub async fn insert(&self, body: &str, submitted_us: i64) -> Result<Saved, Error> {
        let client = self.client().await?;
        rows::insert(&**client, self.shown(), body, submitted_us).await
    }

    /// Every stored result (or quiz `quiz`'s), untrusted, in id order.
    pub async fn read_all(&self, quiz: Option<&str>) -> Result<Vec<Stored>, Error> {
        let client = self.client().await?;
        rows::read_all(&**client, self.shown(), quiz).await
    }

    /// Up to `limit` stored results after id `after` ([`rows::read_page`]).
    pub async fn read_page(
        &self,
        quiz: Option<&str>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Stored>, Error> {
        let client = self.client().await?;
        rows::read_page(&**client, self.shown(), quiz, after, limit).await
    }
}

/// A pool failure as an [`Error`].
pub(crate) fn pool_error(url: &str, e: PoolError) -> Error {
    match e {
        PoolError::Backend(e) => Error::from_driver(url, &e),
        PoolError::Timeout(_) => Error::Unreachable {
            url: url.to_string(),
            why: "no answer in time".into(),
        },
        other => Error::Unreachable {
            url: url.to_string(),
            why: careerfit_core::sanitize::clean_line(&other.to_string()),
        },
    }
}
