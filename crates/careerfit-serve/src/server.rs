//! The accept loop: rate limits and connection caps before any SSH work,
//! a login grace time and a hard time limit per connection, and the
//! facilitator's Ctrl-C: stop accepting, let running sessions finish, then
//! exit (a second Ctrl-C disconnects everyone at once). With
//! `--proxy-protocol` each connection's PROXY header is read first, off the
//! accept loop, and the per-address limit applies to the address it names.

use super::handler::Conn;
use super::limits::{RateLimiter, Rates, Refusal};
use super::proxy::{self, Proxied};
use super::state::{Shared, Slot};
use russh::server::{Config, run_stream};
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// How connections are let in.
#[derive(Debug, Clone, Copy)]
pub struct Admission {
    pub rates: Rates,
    /// `--proxy-protocol`: every connection starts with a PROXY header.
    pub proxy_protocol: bool,
}

/// The limiter and the refusal log, shared by the accept loop and the
/// tasks that read PROXY headers.
struct Gate {
    limiter: Mutex<RateLimiter>,
    last_refusal_log: Mutex<Option<Instant>>,
}

impl Gate {
    /// The limiter (a poisoned lock is still usable: plain counters).
    fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        self.limiter.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Logs a refusal at most once a second: a flood must not flood the
    /// facilitator's console too.
    fn log_refusal(&self, shared: &Shared, line: &str) {
        let now = Instant::now();
        let mut last = self
            .last_refusal_log
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if last.is_none_or(|t| now.duration_since(t) >= Duration::from_secs(1)) {
            shared.log(line);
            *last = Some(now);
        }
    }
}

/// What a connection needs once it is let in.
#[derive(Clone)]
struct Ctx {
    config: Arc<Config>,
    shared: Arc<Shared>,
    gate: Arc<Gate>,
    force: watch::Receiver<bool>,
}

/// Accepts connections until Ctrl-C (or SIGTERM), then drains.
pub async fn run(
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    admission: Admission,
) {
    let (force_tx, force_rx) = watch::channel(false);
    let gate = Arc::new(Gate {
        limiter: Mutex::new(RateLimiter::new(admission.rates, Instant::now())),
        last_refusal_log: Mutex::new(None),
    });
    let ctx = Ctx {
        config,
        shared: Arc::clone(&shared),
        gate: Arc::clone(&gate),
        force: force_rx,
    };
    let stop = stop_signal();
    tokio::pin!(stop);
    let signal = loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => {
                    let now = Instant::now();
                    // Behind a balancer the peer is the balancer: only the
                    // global bucket applies until the header names the source.
                    let refusal = if admission.proxy_protocol {
                        gate.limiter().check_server(now)
                    } else {
                        gate.limiter().check(peer.ip(), now)
                    };
                    let slot = if refusal.is_ok() { shared.try_connection() } else { None };
                    let Some(slot) = slot else {
                        let why = match refusal {
                            Err(r) => refusal_reason(r),
                            Ok(()) => "connection limit reached",
                        };
                        gate.log_refusal(&shared, &format!("refused {}: {why}", peer.ip()));
                        drop(socket);
                        continue;
                    };
                    let ctx = ctx.clone();
                    if admission.proxy_protocol {
                        tokio::spawn(proxied(socket, peer, ctx, slot));
                    } else {
                        tokio::spawn(async move {
                            connection(socket, peer, ctx).await;
                            drop(slot);
                        });
                    }
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    shared.log(&format!("accept failed: {e}"));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            },
            name = &mut stop => break name,
        }
    };
    drop(listener);
    let _ = shared.closing.send(true);
    shared.log(&format!(
        "stopping ({signal}): no new sessions; waiting for {} running (Ctrl-C again to disconnect everyone)",
        shared.sessions()
    ));
    let again = stop_signal();
    tokio::pin!(again);
    while shared.connections() > 0 {
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(100)) => {}
            _ = &mut again => {
                shared.log("disconnecting everyone");
                let _ = force_tx.send(true);
                // Give the disconnect messages a moment to go out.
                let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
                while shared.connections() > 0 && tokio::time::Instant::now() < deadline {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                break;
            }
        }
    }
}

fn refusal_reason(r: Refusal) -> &'static str {
    match r {
        Refusal::Address => "too many connections from this address",
        Refusal::Server => "too many connections at once",
    }
}

/// A connection through the balancer: its PROXY header first (refused and
/// logged when missing, malformed or slow), then the per-address limit for
/// the participant's own address, then SSH as usual.
async fn proxied(mut socket: TcpStream, balancer: SocketAddr, ctx: Ctx, slot: Slot) {
    let header = proxy::read_within(&mut socket, proxy::HEADER_TIMEOUT).await;
    let peer = match header {
        Ok(Proxied::Source(source)) => source,
        Ok(Proxied::Unknown) => balancer,
        Ok(Proxied::Local) => {
            // A health check: the SSH greeting shows this server is up
            // (for `tcp-check expect`), then goodbye. No participant, no log.
            let hello = format!("{}\r\n", crate::SSH_ID);
            let _ = socket.write_all(hello.as_bytes()).await;
            let _ = socket.shutdown().await;
            return;
        }
        Err(e) => {
            let line = format!("refused {}: {e}", balancer.ip());
            ctx.gate.log_refusal(&ctx.shared, &line);
            return;
        }
    };
    let refusal = ctx.gate.limiter().check_address(peer.ip(), Instant::now());
    if let Err(r) = refusal {
        let line = format!(
            "refused {} (via {}): {}",
            peer.ip(),
            balancer.ip(),
            refusal_reason(r)
        );
        ctx.gate.log_refusal(&ctx.shared, &line);
        return;
    }
    connection(socket, peer, ctx).await;
    drop(slot);
}

/// Resolves on Ctrl-C, SIGTERM or SIGHUP (the facilitator's terminal
/// closing) with the signal's name. All three drain the same way: with
/// SIGHUP's default action, closing the terminal killed every session.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = term.recv() => "SIGTERM",
                _ = hup.recv() => "SIGHUP",
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "SIGINT"
}

/// One TCP connection from handshake to close, within its time limits.
async fn connection(socket: TcpStream, peer: SocketAddr, ctx: Ctx) {
    let Ctx {
        config,
        shared,
        mut force,
        ..
    } = ctx;
    let id = shared.next_id();
    let handler = Conn::new(Arc::clone(&shared), id, peer.ip());
    let authed = Arc::clone(&handler.authed);
    let Ok(Ok(session)) =
        tokio::time::timeout(shared.grace, run_stream(config, socket, handler)).await
    else {
        return;
    };
    let handle = session.handle();
    tokio::pin!(session);
    let grace = async {
        tokio::time::sleep(shared.grace).await;
        if authed.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
    };
    // Every connection ends by this time, whatever the client does.
    let limit = tokio::time::sleep(shared.max_time + shared.grace);
    let reason = tokio::select! {
        _ = &mut session => return,
        () = grace => "login took too long",
        () = limit => "time limit reached",
        _ = force.wait_for(|f| *f) => "the server is stopping",
    };
    shared.log(&format!("#{id} {} disconnected: {reason}", peer.ip()));
    let _ = handle
        .disconnect(
            russh::Disconnect::ByApplication,
            reason.into(),
            String::new(),
        )
        .await;
    let _ = tokio::time::timeout(Duration::from_secs(5), session).await;
}
