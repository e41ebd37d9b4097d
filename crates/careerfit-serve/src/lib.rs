//! `careerfit serve`: the quiz over SSH for workshops where nobody installs
//! anything. Participants run `ssh -p 2222 anyname@HOST`, type the join code
//! and get the same full-screen quiz as `careerfit take`, in their own
//! terminal; each finished result lands in the workshop folder exactly as
//! `take --submit` writes it. Built on `russh` directly (see
//! docs/security.md for the threat model).

mod auth;
mod error;
mod failures;
mod handler;
mod hostkey;
pub mod input;
mod limits;
mod output;
mod proxy;
pub mod results;
mod server;
mod session;
mod state;
mod terminal;

pub use careerfit::commands::serve::ServeArgs;
pub use error::Error;

use careerfit::edge::{io_reason, load_quiz};
use careerfit::results::Target;
use russh::MethodKind;
use russh::server::Config;
use state::{Shared, Shuffle};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Longest a quiz session may last.
/// The SSH greeting, also the health check's answer (server.rs).
pub(crate) const SSH_ID: &str = concat!("SSH-2.0-careerfit_", env!("CARGO_PKG_VERSION"));
const MAX_SESSION: Duration = Duration::from_secs(60 * 60);
/// Time to finish the handshake, log in and ask for a shell.
const LOGIN_GRACE: Duration = Duration::from_secs(60);
/// How long a wrong join code is held before the answer goes back.
const REJECT_DELAY: Duration = Duration::from_millis(1500);

/// Runs the server until Ctrl-C; returns the closing summary.
pub fn serve(args: &ServeArgs) -> Result<String, Error> {
    let quiz = load_quiz(&args.quiz).map_err(Error::Quiz)?;
    let addr = resolve(&args.listen)?;
    // A folder as ever, or a database whose results wait in a spool
    // folder until it has them (results.rs).
    let (results_dir, writer) = match &args.results {
        Target::Folder(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::CreateDir {
                path: careerfit::core::sanitize::clean_path(dir),
                why: io_reason(&e),
            })?;
            (dir.clone(), None)
        }
        Target::Postgres(url) => {
            let w = results::Writer::open(url, args.spool.as_deref())?;
            (w.spool.dir().to_path_buf(), Some(w))
        }
    };
    let key = hostkey::load_or_create(&hostkey::default_path(args.host_key.as_deref())?)?;
    let join_code = match (&args.join_code, args.open) {
        (_, true) => None,
        (Some(c), false) => Some(c.clone()),
        (None, false) => Some(random_code()),
    };
    let shuffle = match (args.no_shuffle, args.seed) {
        (true, _) => Shuffle::Fixed(None),
        (false, Some(s)) => Shuffle::Fixed(Some(s)),
        (false, None) => Shuffle::Random,
    };
    let fingerprint = key.fingerprint();
    let mut banner = Vec::new();
    if let Some(w) = &key.warning {
        banner.push(w.clone());
    }
    let config = Arc::new(Config {
        server_id: russh::SshId::Standard(SSH_ID.into()),
        methods: russh::MethodSet::from(&[MethodKind::KeyboardInteractive][..]),
        auth_rejection_time: REJECT_DELAY,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key.key.clone()],
        max_auth_attempts: 6,
        inactivity_timeout: Some(args.idle_timeout + LOGIN_GRACE),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        channel_buffer_size: 32,
        nodelay: true,
        ..Default::default()
    });
    // Result files are written off the async workers; a few threads are
    // plenty, and the cap bounds what a burst of finishes can cost.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(16)
        .enable_all()
        .build()
        .map_err(|e| Error::Runtime(io_reason(&e)))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| Error::Bind {
            addr,
            why: io_reason(&e),
        })?;
    let local = listener.local_addr().unwrap_or(addr);
    let sender = match &writer {
        Some(w) => {
            let down = runtime.block_on(w.check())?;
            if let Some(why) = &down {
                banner.push(format!(
                    "Database: {why}; results wait in {} and are sent when it answers",
                    careerfit::core::sanitize::clean_path(w.spool.dir())
                ));
            }
            let _in = runtime.enter();
            Some(w.start(down.is_none()))
        }
        None => None,
    };
    let mut shared = Shared::new(
        Arc::new(quiz),
        shuffle,
        results_dir,
        join_code,
        args.max_sessions as usize,
        args.idle_timeout,
        MAX_SESSION,
        LOGIN_GRACE,
    );
    // Behind a balancer participants connect to it, not to this address.
    shared.hint = if args.proxy_protocol {
        "ssh -p PORT anyname@HOST".into()
    } else {
        connect_command(local)
    };
    shared.database = writer.as_ref().map(|w| w.db.shown().to_string());
    shared.on_saved = sender.as_ref().map(careerfit_pg::Sender::kicker);
    let shared = Arc::new(shared);
    banner.extend(instructions(
        local,
        &shared,
        &key,
        &fingerprint,
        args.proxy_protocol,
    ));
    println!("{}", banner.join("\n"));
    let admission = server::Admission {
        rates: limits::Rates::new(
            args.per_address_burst,
            args.per_address_rate.0,
            shared.max_connections,
        ),
        proxy_protocol: args.proxy_protocol,
    };
    runtime.block_on(server::run(
        listener,
        config,
        Arc::clone(&shared),
        admission,
    ));
    let saved = shared.saved.load(Ordering::Relaxed);
    let summary = match (&writer, sender) {
        (Some(w), Some(sender)) => {
            // What still waits gets one last chance to go.
            let left = runtime.block_on(sender.finish(results::LAST_SEND));
            let mut s = format!("Stopped. {saved} result(s) saved for {}", w.db.shown());
            if left > 0 {
                s.push_str(&format!(
                    "; {}",
                    results::left_line(w.db.shown(), w.spool.dir(), left)
                ));
            }
            s + ".\n"
        }
        _ => format!(
            "Stopped. {saved} result(s) saved in {}.\n",
            careerfit::core::sanitize::clean_path(&shared.results)
        ),
    };
    // Connection tasks that outlived the drain are dropped with the runtime.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(summary)
}

/// `--listen`: an address, or a name that resolves to one.
fn resolve(listen: &str) -> Result<SocketAddr, Error> {
    let bad = |why: String| Error::Listen {
        listen: listen.to_string(),
        why,
    };
    let mut addrs = listen.to_socket_addrs().map_err(|e| {
        bad(format!(
            "{} (expected HOST:PORT, e.g. 0.0.0.0:2222)",
            io_reason(&e)
        ))
    })?;
    addrs.next().ok_or_else(|| bad("no address found".into()))
}

/// A short code that is easy to read aloud (no 0/O, 1/I/L).
fn random_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    (0..6)
        .map(|_| char::from(ALPHABET[rand::random_range(0..ALPHABET.len())]))
        .collect()
}

/// `ssh -p PORT anyname@HOST` for this address (`HOST` when it listens on
/// every interface, since only the facilitator knows the room's address).
fn connect_command(local: SocketAddr) -> String {
    let host = if local.ip().is_unspecified() {
        "HOST".to_string()
    } else {
        local.ip().to_string()
    };
    let port = if local.port() == 22 {
        String::new()
    } else {
        format!("-p {} ", local.port())
    };
    format!("ssh {port}anyname@{host}")
}

/// What the facilitator shows the room.
fn instructions(
    local: SocketAddr,
    shared: &Shared,
    key: &hostkey::HostKey,
    fingerprint: &str,
    proxy_protocol: bool,
) -> Vec<String> {
    let mut lines = vec![
        format!("careerfit serve: listening on {local}"),
        format!(
            "Host key: {fingerprint} (ED25519, {}{})",
            careerfit::core::sanitize::clean_path(&key.path),
            if key.created { ", new" } else { "" }
        ),
    ];
    match &shared.join_code {
        Some(code) => lines.push(format!("Join code: {code}")),
        None => {
            lines.push("Join code: none (--open: anyone who can connect may take the quiz)".into());
        }
    }
    lines.push(format!(
        "Participants run:  {}   (the name before @ becomes their nickname)",
        shared.hint
    ));
    if proxy_protocol {
        lines.push(
            "PROXY protocol: on; connections must come through the load balancer \
             (HOST and PORT above are its address)"
                .into(),
        );
    } else if local.ip().is_unspecified() {
        lines.push("  (HOST is this machine's address on the room's network)".into());
    }
    lines.push(match &shared.database {
        Some(db) => format!(
            "Results: {db}  (while it cannot be reached they wait in {}; \
             watch the room: careerfit workshop {db})",
            careerfit::core::sanitize::clean_path(&shared.results)
        ),
        None => format!(
            "Results: {}  (watch the room: careerfit workshop {})",
            careerfit::core::sanitize::clean_path(&shared.results),
            careerfit::core::sanitize::clean_path(&shared.results)
        ),
    });
    lines.push(format!(
        "Up to {} sessions at once. Ctrl-C stops new sessions and waits for running ones.",
        shared.max_sessions
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use careerfit::edge::Failure;

    #[test]
    fn random_codes_are_short_and_unambiguous() {
        for _ in 0..100 {
            let c = random_code();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|ch| !"01ILO".contains(ch)), "{c}");
        }
    }

    #[test]
    fn listen_addresses() {
        assert_eq!(resolve("127.0.0.1:2222").unwrap().port(), 2222);
        let e = Failure::from(resolve("nonsense").err().unwrap());
        assert_eq!(e.code, 2);
        assert!(
            e.message.starts_with("error: --listen nonsense:"),
            "{}",
            e.message
        );
    }
}
