//! Issue 14 case 14: SIGHUP drains like Ctrl-C, and every refused request
//! (X11, agent forwarding, environment variables) is logged, as
//! docs/security.md says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod ssh_client;

use ssh_client::{Participant, Server};
use std::time::{Duration, Instant};

const SECS: Duration = Duration::from_secs(30);

async fn log_contains(server: &Server, needle: &str) -> bool {
    let deadline = Instant::now() + SECS;
    while Instant::now() < deadline {
        if server.log().contains(needle) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn x11_agent_and_env_requests_are_refused_and_logged() {
    let server = Server::start(&["--open"]);
    let mut p = Participant::start(server.port, "r", "", 80, 24)
        .await
        .unwrap();
    p.wait_for("Enter start", SECS).await.unwrap();
    let ch = p.channel();
    ch.request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .unwrap();
    ch.agent_forward(true).await.unwrap();
    ch.set_env(true, "LD_PRELOAD\u{1b}[2J", "/tmp/x.so")
        .await
        .unwrap();
    ch.set_env(true, "NO_COLOR", "1").await.unwrap();
    for line in [
        "refused X11 forwarding (x11-req)",
        "refused agent forwarding (auth-agent-req)",
        "refused setting the environment variable LD_PRELOAD[2J",
    ] {
        assert!(
            log_contains(&server, line).await,
            "{line}:\n{}",
            server.log()
        );
    }
    assert!(!server.log().contains("NO_COLOR"), "{}", server.log());
    assert!(!server.log().contains('\u{1b}'));
    // A flood of refusals is logged up to a limit per connection.
    for i in 0..100 {
        ch.set_env(false, format!("V{i}"), "x").await.unwrap();
    }
    assert!(
        log_contains(
            &server,
            "further refusals on this connection are not logged"
        )
        .await,
        "{}",
        server.log()
    );
    // The quiz still works.
    p.send(b"\r").await.unwrap();
    p.wait_for("1 / 40", SECS).await.unwrap();
    let log = server.log();
    assert!(
        log.matches(" refused setting the environment variable V")
            .count()
            < 20,
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_drains_like_ctrl_c() {
    let mut server = Server::start(&["--open"]);
    let port = server.port;
    let mut p = Participant::start(port, "r", "", 80, 24).await.unwrap();
    p.wait_for("Enter start", SECS).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("1 / 40", SECS).await.unwrap();
    server.signal("-HUP");
    p.wait_for("The room is closing", SECS).await.unwrap();
    assert!(
        log_contains(
            &server,
            "stopping (SIGHUP): no new sessions; waiting for 1 running"
        )
        .await,
        "{}",
        server.log()
    );
    assert!(server.child.try_wait().unwrap().is_none(), "still serving");
    p.send(b"qy").await.unwrap();
    p.wait_closed(SECS).await.unwrap();
    let (status, rest) = tokio::task::spawn_blocking(move || server.finish(10))
        .await
        .unwrap();
    assert!(status.success(), "{status:?}");
    assert!(rest.contains("Stopped."), "{rest}");
}

/// The server runs with mimalloc's purge delay at 0 and without transparent
/// huge pages (it starts itself again with the options when they are
/// missing), which keeps ended sessions' memory from piling up (issue 14
/// case 3; the figures are in docs/security.md) and a session's pages from
/// being cleared 2 MiB at a time (docs/performance.md).
#[cfg(target_os = "linux")]
#[test]
fn the_server_runs_with_the_allocator_options_set() {
    let server = Server::start(&["--open"]);
    let env = std::fs::read(format!("/proc/{}/environ", server.child.id())).unwrap();
    let vars: Vec<&[u8]> = env.split(|&b| b == 0).collect();
    for option in [&b"MIMALLOC_PURGE_DELAY=0"[..], b"MIMALLOC_ALLOW_THP=0"] {
        assert!(vars.contains(&option), "{}", String::from_utf8_lossy(&env));
    }
}
