//! `careerfit serve --proxy-protocol` against the real binary, with the
//! balancer played by the test: each connection starts with a PROXY
//! header the test writes, so the participant's "own" address can be any
//! address at all. Headers that are missing, malformed or slow are refused
//! and logged; a v2 LOCAL header is a health check. Also: several servers
//! for one event share a host key file and a join code (issue 19).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod ssh_client;

use ssh_client::{Participant, Server, connect_from, login_on};
use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SECS: Duration = Duration::from_secs(10);
const SIG: &[u8] = b"\r\n\r\n\0\r\nQUIT\n";

/// A v2 PROXY header for a TCP over IPv4 connection from `src`.
fn v2_from(src: &str) -> Vec<u8> {
    let src: SocketAddr = src.parse().unwrap();
    let SocketAddr::V4(src) = src else {
        panic!("IPv4 only")
    };
    let mut h = SIG.to_vec();
    h.extend_from_slice(&[0x21, 0x11, 0, 12]);
    h.extend_from_slice(&src.ip().octets());
    h.extend_from_slice(&[10, 0, 0, 1]);
    h.extend_from_slice(&src.port().to_be_bytes());
    h.extend_from_slice(&2222u16.to_be_bytes());
    h
}

/// Waits until the server's log contains `needle`.
async fn logged(server: &Server, needle: &str) -> String {
    let deadline = Instant::now() + SECS;
    loop {
        let log = server.log();
        if log.contains(needle) {
            return log;
        }
        assert!(Instant::now() < deadline, "no {needle:?} in log:\n{log}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sends `bytes` on a fresh connection, then reads what the server says
/// until it closes.
async fn poke(port: u16, bytes: &[u8], then_close: bool) -> Vec<u8> {
    let mut s = connect_from(None, port).await.unwrap();
    s.write_all(bytes).await.unwrap();
    if then_close {
        s.shutdown().await.unwrap();
    }
    let mut got = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(8), s.read_to_end(&mut got)).await;
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_are_known_by_the_address_in_their_header() {
    let server = Server::start(&["--join-code", "tiger42", "--proxy-protocol"]);
    assert!(
        server
            .banner
            .contains("PROXY protocol: on; connections must come through the load balancer"),
        "{}",
        server.banner
    );
    let mut ada = Participant::start_proxied(
        server.port,
        &v2_from("198.51.100.7:40000"),
        "ada",
        "tiger42",
        (80, 24),
    )
    .await
    .unwrap();
    ada.wait_for("Enter start", SECS).await.unwrap();
    logged(&server, "#1 198.51.100.7 started (1 of 300), nickname ada").await;
    let v1 = b"PROXY TCP4 203.0.113.9 10.0.0.1 51000 2222\r\n";
    let mut bo = Participant::start_proxied(server.port, v1, "bo", "tiger42", (80, 24))
        .await
        .unwrap();
    bo.wait_for("Enter start", SECS).await.unwrap();
    logged(&server, "#2 203.0.113.9 started (2 of 300), nickname bo").await;
    // The messages that tell people how to connect name no backend address.
    ada.send(b"q").await.unwrap();
    assert_eq!(ada.wait_closed(SECS).await.unwrap(), Some(0));
    // PROXY UNKNOWN: the balancer's own address stands in.
    let mut cy =
        Participant::start_proxied(server.port, b"PROXY UNKNOWN\r\n", "cy", "tiger42", (80, 24))
            .await
            .unwrap();
    cy.wait_for("Enter start", SECS).await.unwrap();
    logged(&server, "127.0.0.1 started (").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_per_address_limit_counts_the_address_in_the_header() {
    let server = Server::start(&[
        "--open",
        "--proxy-protocol",
        "--per-address-burst",
        "2",
        "--per-address-rate",
        "1/m",
    ]);
    let from = |a: &str| {
        let h = v2_from(a);
        async move {
            let mut s = connect_from(None, server.port).await?;
            s.write_all(&h).await.map_err(|e| e.to_string())?;
            login_on(s, "x", "").await
        }
    };
    let _a = from("198.51.100.7:1").await.unwrap();
    let _b = from("198.51.100.7:2").await.unwrap();
    assert!(
        from("198.51.100.7:3").await.is_err(),
        "third from one address"
    );
    logged(
        &server,
        "refused 198.51.100.7 (via 127.0.0.1): too many connections from this address",
    )
    .await;
    // Everyone else behind the same balancer still gets in.
    let _c = from("198.51.100.8:1").await.unwrap();
    let _d = from("198.51.100.8:2").await.unwrap();
}

/// The wrong-join-code lockout is per participant address behind the
/// balancer: one guesser locks out only itself, and right codes from
/// others do not clear its strikes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_lock_out_the_address_in_the_header_only() {
    let server = Server::start(&["--join-code", "tiger42", "--proxy-protocol"]);
    let try_code = |src: String, code: &'static str| {
        let port = server.port;
        async move {
            let mut s = connect_from(None, port).await?;
            s.write_all(&v2_from(&src))
                .await
                .map_err(|e| e.to_string())?;
            login_on(s, "x", code).await.map(|_| ())
        }
    };
    // 7 connections, 3 wrong codes each: 21 from 198.51.100.66.
    let guesses: Vec<_> = (0..7)
        .map(|i| tokio::spawn(try_code(format!("198.51.100.66:{}", 1000 + i), "lion42")))
        .collect();
    for g in guesses {
        assert_eq!(g.await.unwrap(), Err("join code refused".into()));
    }
    let log = logged(
        &server,
        "198.51.100.66 20 wrong join codes: address locked out for 5 min",
    )
    .await;
    assert!(!log.contains("127.0.0.1 wrong join code"), "{log}");
    assert_eq!(
        try_code("198.51.100.66:2000".into(), "tiger42").await,
        Err("join code refused".into())
    );
    logged(
        &server,
        "198.51.100.66 join code not checked: address locked out",
    )
    .await;
    // Another participant through the same balancer joins.
    try_code("198.51.100.67:1".into(), "tiger42").await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_without_a_good_header_are_refused_and_logged() {
    let server = Server::start(&["--join-code", "tiger42", "--proxy-protocol"]);
    let port = server.port;
    // Refusals are logged at most once a second: one case a second.
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            b"SSH-2.0-OpenSSH_9.2p1\r\n".to_vec(),
            "refused 127.0.0.1: no PROXY protocol header: this is an SSH client speaking \
             directly; with --proxy-protocol connections must come through the load balancer",
        ),
        (
            b"\x1b]0;pwned\x07\r\n".to_vec(),
            "refused 127.0.0.1: no PROXY protocol header (it starts with \"\\x1b]0;pwne\")",
        ),
        (
            v2_from("198.51.100.7:1")[..20].to_vec(),
            "refused 127.0.0.1: closed after 20 bytes, in the middle of its PROXY protocol header",
        ),
        (
            [SIG, &[0x21, 0x11, 0x40, 0x00]].concat(),
            "refused 127.0.0.1: PROXY protocol v2 header of 16400 bytes, more than the 1024 accepted",
        ),
        (
            b"PROXY TCP4 1.2.3.4 5.6.7.8 1 99999\r\n".to_vec(),
            "refused 127.0.0.1: malformed PROXY protocol v1 header: bad destination port",
        ),
    ];
    for (bytes, want) in cases {
        let said = poke(port, &bytes, true).await;
        // Not a byte of SSH for a connection that did not say who it is.
        assert!(said.is_empty(), "{want}: {}", said.escape_ascii());
        logged(&server, want).await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    // Silent, or too slow: refused after 5 s.
    let started = Instant::now();
    let said = poke(port, &SIG[..5], false).await;
    assert!(said.is_empty());
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(4900), "{took:?}");
    // Closed by the server's 5 s limit, not by poke giving up at 8 s.
    assert!(took < Duration::from_secs(7), "{took:?}");
    logged(
        &server,
        "refused 127.0.0.1: no PROXY protocol header within 5 s",
    )
    .await;
    // The console saw no raw escape sequence from the garbage.
    assert!(!server.log().contains('\x1b'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_header_is_a_health_check_answered_and_not_logged() {
    let server = Server::start(&["--join-code", "tiger42", "--proxy-protocol"]);
    let before = server.log();
    // HAProxy's check-send-proxy: v2 LOCAL, no addresses.
    let local = [SIG, &[0x20, 0x00, 0, 0]].concat();
    for _ in 0..5 {
        let said = poke(server.port, &local, false).await;
        let said = String::from_utf8_lossy(&said);
        assert!(said.starts_with("SSH-2.0-careerfit_"), "{said}");
        assert!(said.ends_with("\r\n"), "{said}");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(server.log(), before);
}

#[test]
fn openssh_straight_to_a_proxy_protocol_server_is_refused() {
    let server = Server::start(&["--join-code", "tiger42", "--proxy-protocol"]);
    let out = server
        .ssh_answering("tiger42")
        .args(["x@127.0.0.1", "true"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255));
    let start = Instant::now();
    while !server
        .log()
        .contains("this is an SSH client speaking directly")
    {
        assert!(start.elapsed() < SECS, "{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The fingerprint line of a server's banner.
fn fingerprint(banner: &str) -> String {
    banner
        .lines()
        .find_map(|l| l.strip_prefix("Host key: "))
        .and_then(|l| l.split(' ').next())
        .unwrap()
        .to_string()
}

/// Issue 19: two servers for one event, given the same `--host-key FILE`
/// and `--join-code`, are one host to OpenSSH (its known_hosts entry from
/// the first is accepted by the second, strictly) and take the same code.
/// Started at the same moment with no key file yet, they agree on one key.
#[test]
fn two_servers_sharing_a_host_key_file_and_join_code_are_one_host() {
    let shared = tempfile::tempdir().unwrap();
    let key = shared.path().join("keys/ssh_host_ed25519_key");
    let results = shared.path().join("results");
    let args = ["--join-code", "tiger42"];
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| Server::start_sharing(Some(&results), Some(&key), &args));
        let b = s.spawn(|| Server::start_sharing(Some(&results), Some(&key), &args));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(fingerprint(&a.banner), fingerprint(&b.banner));
    assert!(a.banner.contains("Join code: tiger42"), "{}", a.banner);
    assert!(b.banner.contains("Join code: tiger42"), "{}", b.banner);
    let known = shared.path().join("known_hosts");
    let ssh = |server: &Server, strict: &str| {
        let mut c = Command::new("ssh");
        c.args(["-F", "/dev/null", "-p", &server.port.to_string()])
            .args(["-o", &format!("StrictHostKeyChecking={strict}")])
            .arg("-o")
            .arg(format!("UserKnownHostsFile={}", known.display()))
            .args(["-o", "HostKeyAlias=workshop.example"])
            .args(["-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no"]);
        // The join code through the same askpass as the other tests.
        let askpass = server.ssh_answering("tiger42");
        for (k, v) in askpass.get_envs() {
            if let Some(v) = v {
                c.env(k, v);
            }
        }
        c.stdin(std::process::Stdio::null())
            .args(["x@127.0.0.1", "true"]);
        let out = c.output().unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // Authenticated on both (only then is the command refused), and the
    // second is checked strictly against what the first taught ssh.
    let first = ssh(&a, "accept-new");
    assert!(first.contains("exec request failed"), "{first}");
    let second = ssh(&b, "yes");
    assert!(second.contains("exec request failed"), "{second}");
    assert!(
        !second.contains("HOST IDENTIFICATION HAS CHANGED"),
        "{second}"
    );
    let entries = std::fs::read_to_string(&known).unwrap();
    assert_eq!(entries.lines().count(), 1, "{entries}");
}

/// contrib/careerfit-serve.service's command line is one the server takes:
/// its `ExecStart`, with the environment file's variables and the
/// credentials folder filled in, starts a server behind a balancer.
#[test]
fn the_systemd_units_command_line_starts_a_server() {
    let unit = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/careerfit-serve.service"),
    )
    .unwrap();
    let exec = unit
        .replace("\\\n", " ")
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap()
        .to_string();
    let creds = tempfile::tempdir().unwrap();
    let results = tempfile::tempdir().unwrap();
    let line = exec
        .replace("%d", &creds.path().display().to_string())
        .replace("${CAREERFIT_LISTEN}", "127.0.0.1:0")
        .replace("${CAREERFIT_JOIN_CODE}", "tiger42")
        .replace(
            "${CAREERFIT_RESULTS}",
            &results.path().display().to_string(),
        );
    let mut words = line.split_whitespace();
    assert_eq!(words.next(), Some("/usr/local/bin/careerfit-serve"));
    let mut child = Command::new(ssh_client::bin())
        .args(words)
        .env("CAREERFIT_DATA_DIR", creds.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    while !banner.contains("Up to 300 sessions") {
        let mut l = String::new();
        if std::io::BufRead::read_line(&mut out, &mut l).unwrap() == 0 {
            break;
        }
        banner.push_str(&l);
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(banner.contains("Join code: tiger42"), "{banner}");
    assert!(banner.contains("PROXY protocol: on"), "{banner}");
    assert!(creds.path().join("ssh_host_ed25519_key").exists());
}
