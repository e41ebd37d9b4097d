//! Why a database step failed, as one type. `Display` is the message
//! without the `error: ` every message of the programs starts with; the
//! URL in it never shows a password. Into careerfit's [`Failure`]: exit 2
//! for what the person gave (a bad URL, credentials or database name the
//! server refused), 1 for the rest (the server unreachable, TLS, I/O).

use careerfit::edge::Failure;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The URL or an environment setting cannot be used.
    #[error("{url}: {why}")]
    BadUrl { url: String, why: String },
    /// Nothing answered (refused, timed out, name not found).
    #[error("cannot reach the database {url}: {why}")]
    Unreachable { url: String, why: String },
    /// The server answered and refused us: user, password or database.
    #[error("the database {url} refused the connection: {why}")]
    Refused { url: String, why: String },
    /// The TLS handshake failed (certificate, or no TLS where required).
    #[error("no secure connection to the database {url}: {why}")]
    Tls { url: String, why: String },
    /// The schema in the database is not one this program can use.
    #[error("the database {url}: {why}")]
    Schema { url: String, why: String },
    /// The database has no results table: nothing careerfit wrote is there.
    #[error(
        "{url}: no careerfit results there yet (no careerfit_results table); \
         `careerfit serve --results URL` or `careerfit take --submit URL` creates it"
    )]
    NoResults { url: String },
    /// A statement failed.
    #[error("the database {url}: {why}")]
    Query { url: String, why: String },
    /// The spool folder could not be used.
    #[error("the spool folder {path}: {why}")]
    Spool { path: String, why: String },
}

impl Error {
    /// Whether this is the person's input (exit 2) rather than the
    /// machine or network (exit 1).
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            Error::BadUrl { .. } | Error::Refused { .. } | Error::NoResults { .. }
        )
    }

    /// Whether the database could not be reached at all, so results are
    /// kept in the spool and sent later.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Error::Unreachable { .. })
    }

    /// The error for a driver failure while talking to `url`.
    pub(crate) fn from_driver(url: &str, e: &tokio_postgres::Error) -> Error {
        use tokio_postgres::error::SqlState;
        let url = url.to_string();
        if let Some(db) = e.as_db_error() {
            let why = careerfit_core::sanitize::clean_line(db.message());
            let refused = [
                SqlState::INVALID_PASSWORD,
                SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
                SqlState::INVALID_CATALOG_NAME,
                SqlState::INSUFFICIENT_PRIVILEGE,
            ];
            if refused.contains(db.code()) {
                return Error::Refused { url, why };
            }
            if db.code() == &SqlState::TOO_MANY_CONNECTIONS
                || db.code() == &SqlState::CANNOT_CONNECT_NOW
                || db.code() == &SqlState::ADMIN_SHUTDOWN
                || db.code() == &SqlState::CRASH_SHUTDOWN
            {
                return Error::Unreachable { url, why };
            }
            return Error::Query { url, why };
        }
        let text = chain(e);
        // The handshake's own failures reach us as I/O errors too, so
        // they are told apart first.
        if let Some(why) = text.strip_prefix("error performing TLS handshake") {
            let why = why.trim_start_matches(": ");
            let why = if why.is_empty() {
                "the handshake failed"
            } else {
                why
            };
            return Error::Tls {
                url,
                why: why.to_string(),
            };
        }
        let io = std::error::Error::source(e).and_then(|s| s.downcast_ref::<std::io::Error>());
        if let Some(io) = io {
            return Error::Unreachable {
                url,
                why: careerfit::edge::io_reason(io),
            };
        }
        if text.contains("password missing") {
            return Error::Refused {
                url,
                why: "the server asks for a password and none was given (in the URL, \
                      PGPASSWORD or ~/.pgpass)"
                    .into(),
            };
        }
        if text.contains("timeout") || e.is_closed() || text.contains("closed") {
            return Error::Unreachable { url, why: text };
        }
        Error::Query { url, why: text }
    }
}

/// An error and its causes, `: `-joined, cleaned for a terminal: the
/// driver's own `Display` leaves out what went wrong.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let s = c.to_string();
        if !out.ends_with(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        cause = c.source();
    }
    careerfit_core::sanitize::clean_line(&out)
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure {
            code: if e.is_input() { 2 } else { 1 },
            message: format!("error: {e}"),
        }
    }
}
