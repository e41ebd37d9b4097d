//! How the server fails to start, as one type. The program's `main` turns
//! it into careerfit's [`Failure`]: the `error: …` line on stderr and exit
//! code 2 for bad input (arguments, the quiz, the host-key file) or 1 for
//! what the machine refused.

use careerfit::edge::Failure;

/// Why the server did not start. `Display` is the message without the
/// `error: ` that every message of the program starts with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--quiz` did not load (already a complete message).
    #[error("{}", .0.message.strip_prefix("error: ").unwrap_or(&.0.message))]
    Quiz(Failure),
    #[error("--listen {listen}: {why}")]
    Listen { listen: String, why: String },
    #[error("cannot listen on {addr}: {why}")]
    Bind {
        addr: std::net::SocketAddr,
        why: String,
    },
    #[error("cannot start: {0}")]
    Runtime(String),
    #[error("cannot create {path}: {why}")]
    CreateDir { path: String, why: String },
    #[error("no data folder for the host key; pass --host-key FILE")]
    NoDataDir,
    #[error("cannot create a host key: {0}")]
    GenerateKey(String),
    #[error("cannot encode the host key: {0}")]
    EncodeKey(String),
    #[error("cannot write {path}: {why}")]
    WriteKey { path: String, why: String },
    /// The host-key file could not be read (already a complete message).
    #[error("{}", .0.message.strip_prefix("error: ").unwrap_or(&.0.message))]
    ReadKey(Failure),
    #[error("{path}: not an OpenSSH private key")]
    NotOpenSsh { path: String },
    #[error("{path}: the host key is encrypted; use a key without a passphrase")]
    Encrypted { path: String },
    #[error("{path}: not an Ed25519 key ({algorithm})")]
    NotEd25519 { path: String, algorithm: String },
    /// `--results postgres://…` could not be used.
    #[error("{0}")]
    Database(careerfit_pg::Error),
    #[error("no data folder for the spool where results wait for the database; pass --spool DIR")]
    NoSpoolDir,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        let input = matches!(
            e,
            Error::Listen { .. }
                | Error::NoDataDir
                | Error::NotOpenSsh { .. }
                | Error::Encrypted { .. }
                | Error::NotEd25519 { .. }
        );
        let code = match &e {
            Error::Quiz(f) | Error::ReadKey(f) => f.code,
            Error::Database(d) if d.is_input() => 2,
            Error::NoSpoolDir => 2,
            _ if input => 2,
            _ => 1,
        };
        Failure {
            code,
            message: format!("error: {e}"),
        }
    }
}
