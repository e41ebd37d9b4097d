//! The accept loop: rate limits and connection caps before any SSH work,
//! a login grace time and a hard time limit per connection, and the
//! facilitator's Ctrl-C: stop accepting, let running sessions finish, then
//! exit (a second Ctrl-C disconnects everyone at once).

use super::handler::Conn;
use super::limits::{RateLimiter, Rates, Refusal};
use super::state::Shared;
use russh::server::{Config, run_stream};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// Accepts connections until Ctrl-C (or SIGTERM), then drains.
pub async fn run(listener: TcpListener, config: Arc<Config>, shared: Arc<Shared>) {
    let (force_tx, force_rx) = watch::channel(false);
    let mut limiter = RateLimiter::new(Rates::default(), std::time::Instant::now());
    let mut last_refusal_log = None::<std::time::Instant>;
    let stop = stop_signal();
    tokio::pin!(stop);
    let signal = loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => {
                    let now = std::time::Instant::now();
                    let refusal = match limiter.check(peer.ip(), now) {
                        Err(Refusal::Address) => Some("too many connections from this address"),
                        Err(Refusal::Server) => Some("too many connections at once"),
                        Ok(()) => None,
                    };
                    let slot = if refusal.is_none() { shared.try_connection() } else { None };
                    let Some(slot) = slot else {
                        // Log refusals at most once a second: a flood must
                        // not flood the facilitator's console too.
                        if last_refusal_log.is_none_or(|t| now.duration_since(t) >= Duration::from_secs(1)) {
                            let why = refusal.unwrap_or("connection limit reached");
                            shared.log(&format!("refused {}: {why}", peer.ip()));
                            last_refusal_log = Some(now);
                        }
                        drop(socket);
                        continue;
                    };
                    let (config, shared, force) = (Arc::clone(&config), Arc::clone(&shared), force_rx.clone());
                    tokio::spawn(async move {
                        connection(socket, peer, config, Arc::clone(&shared), force).await;
                        drop(slot);
                    });
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
async fn connection(
    socket: TcpStream,
    peer: SocketAddr,
    config: Arc<Config>,
    shared: Arc<Shared>,
    mut force: watch::Receiver<bool>,
) {
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
