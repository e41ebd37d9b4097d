//! Several servers, one event, end to end (issue 19): real HAProxy
//! (Debian's `haproxy`, which .ci/run installs) on a free port with
//! `send-proxy-v2` and health checks (`check-send-proxy`, expecting the
//! SSH greeting) in front of two `careerfit serve --proxy-protocol` that
//! share one host key file, one join code and one results folder. OpenSSH
//! participants, each from its own loopback address (`ssh -b 127.0.0.N`),
//! type the code in a real terminal (tmux) and take the quiz; they land on
//! both servers, each server's limits and log see their own addresses, and
//! every result arrives.
//!
//! Without HAProxy the test says so and passes, except under CI (`CI`
//! set), where a missing HAProxy is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
mod ssh_client;

use common::pg::{Pg, free_port};
use common::tmux::{Tmux, available};
use ssh_client::Server;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Participants; each from 127.0.0.(2 + i).
const PEOPLE: usize = 4;
const CODE: &str = "tiger42";

fn find_haproxy() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HAPROXY") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into()])
        .map(|d| d.join("haproxy"))
        .find(|p| p.is_file())
}

/// HAProxy, or `None` after saying why the test does not run.
fn haproxy(test: &str) -> Option<PathBuf> {
    let found = find_haproxy();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "haproxy not found: .ci/run installs it (apt-get install haproxy)"
        );
        eprintln!("skipped {test}: haproxy not found (apt-get install haproxy, or set HAPROXY)");
    }
    found
}

/// A running HAProxy, stopped on drop.
struct Balancer {
    child: Child,
    port: u16,
    stats: PathBuf,
    log: PathBuf,
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Balancer {
    /// The configuration docs/deploy.md gives, on loopback.
    fn start(bin: &Path, dir: &Path, backends: &[u16]) -> Balancer {
        let port = free_port();
        let stats = dir.join("haproxy.sock");
        let servers: String = backends
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "    server serve{i} 127.0.0.1:{p} send-proxy-v2 check check-send-proxy \
                     inter 300ms rise 1 fall 2\n"
                )
            })
            .collect();
        let cfg = format!(
            "global\n\
             \x20   stats socket {} mode 600 level admin\n\
             defaults\n\
             \x20   mode tcp\n\
             \x20   timeout connect 5s\n\
             \x20   timeout client 2h\n\
             \x20   timeout server 2h\n\
             \x20   timeout client-fin 30s\n\
             \x20   timeout server-fin 30s\n\
             frontend ssh\n\
             \x20   bind 127.0.0.1:{port}\n\
             \x20   default_backend careerfit\n\
             backend careerfit\n\
             \x20   balance roundrobin\n\
             \x20   option tcp-check\n\
             \x20   tcp-check expect rstring ^SSH-2\\.0-careerfit_\n\
             {servers}",
            stats.display()
        );
        let file = dir.join("haproxy.cfg");
        std::fs::write(&file, cfg).unwrap();
        let check = Command::new(bin)
            .arg("-c")
            .arg("-f")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "haproxy -c:\n{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        let log = dir.join("haproxy.log");
        let child = Command::new(bin)
            .arg("-db")
            .arg("-f")
            .arg(&file)
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::File::create(dir.join("haproxy.err")).unwrap())
            .spawn()
            .expect("haproxy starts");
        Balancer {
            child,
            port,
            stats,
            log,
        }
    }

    /// One command on the stats socket.
    fn ask(&self, command: &str) -> Option<String> {
        let mut s = std::os::unix::net::UnixStream::connect(&self.stats).ok()?;
        s.write_all(format!("{command}\n").as_bytes()).ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        Some(out)
    }

    /// Each backend server's health as HAProxy sees it (`UP`, `DOWN`…).
    fn health(&self) -> BTreeMap<String, String> {
        let Some(csv) = self.ask("show stat") else {
            return BTreeMap::new();
        };
        let header: Vec<&str> = csv.lines().next().unwrap_or("").split(',').collect();
        let status = header.iter().position(|h| *h == "status");
        csv.lines()
            .filter(|l| l.starts_with("careerfit,serve"))
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Some((f[1].to_string(), f.get(status?)?.to_string()))
            })
            .collect()
    }

    /// Waits until every backend server passed its health check.
    fn wait_up(&self, n: usize) {
        let start = Instant::now();
        loop {
            let h = self.health();
            if h.len() == n && h.values().all(|s| s == "UP") {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "backends not UP: {h:?}\n{}",
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Participant `i`'s answers: 1-based, file order, a different sheet each.
fn sheet(i: usize) -> Vec<usize> {
    common::default_quiz()
        .questions
        .iter()
        .enumerate()
        .map(|(q, x)| 1 + (i + q * 3) % x.choices.len())
        .collect()
}

/// One OpenSSH participant in its own terminal, from 127.0.0.(2 + i),
/// through the balancer: types the code, answers every question, quits.
fn participant(tag: &str, i: usize, port: u16, known_hosts: &Path) {
    let t = Tmux::start(&format!("haproxy-{tag}-{i}"), 100, 30);
    t.run(&format!(
        "ssh -F /dev/null -tt -b 127.0.0.{} -p {port} -o StrictHostKeyChecking=yes \
         -o UserKnownHostsFile={} -o LogLevel=ERROR -o PubkeyAuthentication=no \
         person{i}@127.0.0.1; echo EXIT=$?",
        2 + i,
        known_hosts.display()
    ));
    t.wait_for("Join code:");
    t.send_literal(CODE);
    t.keys(&["Enter"]);
    t.wait_for("Enter start");
    t.keys(&["Enter"]);
    t.answer_all(&sheet(i).iter().map(usize::to_string).collect::<Vec<_>>());
    t.keys(&["Enter"]);
    t.wait_for("saved for the workshop");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

/// The addresses a server's log says sessions started from.
fn started_from(server: &Server) -> Vec<String> {
    server
        .log()
        .lines()
        .filter(|l| l.contains(" started ("))
        .filter_map(|l| l.split(' ').nth(3).map(str::to_string))
        .collect()
}

/// One event: HAProxy in front of two servers that share the host key,
/// the join code and `results` (a folder or a database URL), and
/// [`PEOPLE`] OpenSSH participants who all finish.
struct Event {
    a: Server,
    b: Server,
    lb: Balancer,
    known: PathBuf,
    _dir: tempfile::TempDir,
}

impl Event {
    /// `tag` tells this event's terminals from another test's.
    fn run(tag: &str, bin: &Path, results: &Path) -> Event {
        assert!(
            available(),
            "tmux is required for this test (.ci/run installs it)"
        );
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("ssh_host_ed25519_key");
        // One connection per address per server, refilling once a minute:
        // if the servers saw the balancer's address instead of each
        // participant's, only the first participant on each would get in.
        let args = [
            "--join-code",
            CODE,
            "--proxy-protocol",
            "--per-address-burst",
            "1",
            "--per-address-rate",
            "1/m",
        ];
        let a = Server::start_sharing(Some(results), Some(&key), &args);
        let b = Server::start_sharing(Some(results), Some(&key), &args);
        let lb = Balancer::start(bin, dir.path(), &[a.port, b.port]);
        lb.wait_up(2);
        // Participants trust the event's one host key, strictly, whichever
        // server they land on.
        let public = Command::new("ssh-keygen")
            .arg("-y")
            .arg("-f")
            .arg(&key)
            .output()
            .unwrap();
        assert!(public.status.success());
        let known = dir.path().join("known_hosts");
        std::fs::write(
            &known,
            format!(
                "[127.0.0.1]:{} {}",
                lb.port,
                String::from_utf8_lossy(&public.stdout)
            ),
        )
        .unwrap();
        std::thread::scope(|s| {
            for i in 0..PEOPLE {
                let known = &known;
                let port = lb.port;
                s.spawn(move || participant(tag, i, port, known));
            }
        });
        Event {
            a,
            b,
            lb,
            known,
            _dir: dir,
        }
    }

    /// Both servers had participants, each known by their own address.
    fn check_addresses(&self) {
        let (on_a, on_b) = (started_from(&self.a), started_from(&self.b));
        assert!(
            !on_a.is_empty() && !on_b.is_empty(),
            "a: {on_a:?}, b: {on_b:?}"
        );
        let mut all: Vec<String> = on_a.iter().chain(&on_b).cloned().collect();
        all.sort();
        let want: Vec<String> = (0..PEOPLE).map(|i| format!("127.0.0.{}", 2 + i)).collect();
        assert_eq!(all, want, "a: {}\nb: {}", self.a.log(), self.b.log());
    }

    /// Each participant's result once, with their answers.
    fn check_results(&self, saved: &[serde_json::Value]) {
        assert_eq!(saved.len(), PEOPLE, "{saved:?}");
        let mut by_name = BTreeMap::new();
        for v in saved {
            let name = v["name"].as_str().unwrap().to_string();
            assert!(by_name.insert(name, v).is_none(), "{saved:?}");
        }
        for i in 0..PEOPLE {
            let saved = by_name[&format!("person{i}")];
            let want: Vec<serde_json::Value> = sheet(i).into_iter().map(Into::into).collect();
            assert_eq!(saved["answers"], serde_json::Value::from(want), "person{i}");
        }
    }

    /// The per-address limit sees 127.0.0.2 again: two more connections
    /// from it, one to each server in turn, and the server that had it
    /// already refuses. Health checks (every 300 ms all along) left no trace.
    fn check_limits_and_quiet_checks(&self) {
        for _ in 0..2 {
            let _ = Command::new("ssh")
                .args(["-F", "/dev/null", "-b", "127.0.0.2"])
                .args(["-p", &self.lb.port.to_string()])
                .args(["-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes"])
                .arg("-o")
                .arg(format!("UserKnownHostsFile={}", self.known.display()))
                .args(["-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10"])
                .args(["x@127.0.0.1", "true"])
                .stdin(Stdio::null())
                .output()
                .unwrap();
        }
        let refusal = "refused 127.0.0.2 (via 127.0.0.1): too many connections from this address";
        let start = Instant::now();
        while !(self.a.log() + &self.b.log()).contains(refusal) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "a: {}\nb: {}",
                self.a.log(),
                self.b.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        for s in [&self.a, &self.b] {
            let log = s.log();
            assert!(!log.contains("refused 127.0.0.1:"), "{log}");
        }
        assert_eq!(self.lb.health().values().filter(|s| *s == "UP").count(), 2);
    }
}

#[test]
fn openssh_participants_through_haproxy_land_on_two_servers_and_every_result_reaches_one_folder() {
    let Some(bin) = haproxy("the HAProxy end-to-end test (folder)") else {
        return;
    };
    let results = tempfile::tempdir().unwrap();
    let ev = Event::run("folder", &bin, results.path());
    ev.check_addresses();
    let files = ev.a.wait_results(PEOPLE, 20);
    let saved: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap())
        .collect();
    ev.check_results(&saved);
    ev.check_limits_and_quiet_checks();
}

/// The "must show": the same event into one PostgreSQL (the
/// throw-away cluster of tests/common/pg.rs).
#[test]
fn openssh_participants_through_haproxy_land_on_two_servers_and_every_result_reaches_postgresql() {
    let Some(bin) = haproxy("the HAProxy end-to-end test (PostgreSQL)") else {
        return;
    };
    let Some(pg) = Pg::start("the HAProxy end-to-end test (PostgreSQL)") else {
        return;
    };
    let url = pg.url("postgres");
    let ev = Event::run("pg", &bin, Path::new(&url));
    for s in [&ev.a, &ev.b] {
        assert!(!s.banner.contains(common::pg::PASSWORD), "{}", s.banner);
        assert!(!s.log().contains(common::pg::PASSWORD), "{}", s.log());
    }
    ev.check_addresses();
    let count = || pg.psql("postgres", "SELECT count(*) FROM careerfit_results");
    assert!(
        Pg::wait_until(20, || count().trim() == PEOPLE.to_string()),
        "{} rows\na: {}\nb: {}",
        count().trim(),
        ev.a.log(),
        ev.b.log()
    );
    let rows = pg.psql(
        "postgres",
        "SELECT json_agg(body::json ORDER BY nickname) FROM careerfit_results",
    );
    let saved: Vec<serde_json::Value> = serde_json::from_str(rows.trim()).unwrap();
    ev.check_results(&saved);
    // Both servers wrote: each saved its own participants'.
    for s in [&ev.a, &ev.b] {
        let log = s.log();
        let saved = log.matches("Saved for the workshop database").count();
        assert_eq!(saved, started_from(s).len(), "{log}");
    }
    ev.check_limits_and_quiet_checks();
}
