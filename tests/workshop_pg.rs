//! The workshop dashboard over a real PostgreSQL (a throw-away cluster,
//! tests/common/pg.rs): results another process inserts (`psql`) reach it
//! through `LISTEN/NOTIFY`, it waits for a database that went away and
//! carries on when it is back; once through the dashboard's source with a
//! poll too slow to matter, once through the real program in tmux; a
//! listening connection killed or hung is replaced.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::results::DbUrl;
use careerfit::tui::dashboard::model::Link;
use careerfit::workshop::scan::Counter;
use careerfit::workshop::source::{Change, Notifier, Source};
use careerfit_pg::listen::{BATCH, Listen};
use careerfit_pg::{Db, Settings};
use common::pg::{PASSWORD, Pg};
use common::tmux::{Tmux, available};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// An hour: in these tests only a notification can make the source read.
const NEVER: Duration = Duration::from_secs(3600);

/// A result of the default quiz with id `id`, as its JSON text.
fn result_json(id: &str, answer: usize) -> String {
    let quiz = common::default_quiz();
    let answers: Vec<Option<usize>> = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(q, x)| Some((answer + q) % x.choices.len()))
        .collect();
    careerfit::core::report::build(&quiz, &answers, None)
        .stamped(id, "2026-12-02T09:00:00Z")
        .to_json()
}

/// Inserts a result through `psql`: another process, and no careerfit code.
/// Its commit is synchronous whatever the server's setting, so a stop
/// right after it cannot undo it.
fn insert_with_psql(pg: &Pg, id: &str, answer: usize) {
    let body = result_json(id, answer);
    assert!(!body.contains("$cf$"));
    pg.psql(
        "postgres",
        &format!(
            "SET synchronous_commit = on; INSERT INTO careerfit_results (id, quiz, quiz_version, fingerprint, outcome, \
             submitted_at, body) VALUES ('{id}', 'pm-vs-pd', '2', 'x', 'pm', now(), $cf${body}$cf$)"
        ),
    );
}

/// Connections whose last statement was a `LISTEN` (the dashboard's).
fn listeners(pg: &Pg) -> usize {
    pg.sql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'")
        .parse()
        .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

/// The next change within `secs` seconds that `want` accepts, skipping others.
fn next(rx: &Receiver<Change>, secs: u64, want: impl Fn(&Change) -> bool) -> Change {
    try_next(rx, secs, want).unwrap_or_else(|| panic!("no such change within {secs}s"))
}

/// [`next`], or `None` when there is none in time.
fn try_next(rx: &Receiver<Change>, secs: u64, want: impl Fn(&Change) -> bool) -> Option<Change> {
    let end = Instant::now() + Duration::from_secs(secs);
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(c) if want(&c) => return Some(c),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => panic!("the source stopped"),
        }
    }
}

fn is_link(link: Link) -> impl Fn(&Change) -> bool {
    move |c| matches!(c, Change::Link(l, _) if *l == link)
}

fn note(c: Change) -> String {
    match c {
        Change::Link(_, n) => n.unwrap_or_default(),
        Change::Results => String::new(),
    }
}

#[test]
fn a_result_inserted_by_another_process_arrives_through_notify() {
    let Some(mut pg) = Pg::start("a_result_inserted_by_another_process_arrives_through_notify")
    else {
        return;
    };
    let rt = runtime();
    let url = DbUrl::parse(&pg.url("postgres")).unwrap();
    // A fresh database: no one has submitted, so there is no table yet.
    let db = {
        let _inside = rt.enter();
        Db::new(Settings::from_url(&url).unwrap()).unwrap()
    };
    let exports = tempfile::tempdir().unwrap();
    let mut source = Listen::new(
        db,
        rt.handle().clone(),
        Counter::new(common::default_quiz()),
        NEVER,
        false,
        exports.path().to_path_buf(),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let (link, first) = source.start(Notifier::new(move |c| tx.send(c).is_ok()));
    assert_eq!(link, Link::Waiting);
    assert_eq!(first.as_deref(), Some("Connecting to the database…"));

    let connected = note(next(&rx, 10, is_link(Link::Live)));
    assert_eq!(connected, "Connected to the database.");
    assert_eq!(next(&rx, 5, |c| *c == Change::Results), Change::Results);
    assert_eq!(source.read().unwrap().count(), 0);
    assert_eq!(listeners(&pg), 1);
    // The first writer makes the table (as `serve --results URL` does).
    rt.block_on(Db::open(&url)).unwrap();

    // Two inserts together are one batch: one "changed", then both counted.
    insert_with_psql(&pg, "r1", 0);
    insert_with_psql(&pg, "r2", 1);
    assert_eq!(next(&rx, 5, |_| true), Change::Results);
    assert_eq!(source.read().unwrap().count(), 2);
    // A replacement of r1 (a participant finishing again) notifies too,
    // and still counts once.
    pg.psql(
        "postgres",
        "UPDATE careerfit_results SET revisions = 2 WHERE id = 'r1'",
    );
    assert_eq!(next(&rx, 5, |_| true), Change::Results);
    assert_eq!(source.read().unwrap().count(), 2);

    // The database goes away: the source says so and reads fail at once.
    pg.stop();
    let why = note(next(&rx, 15, is_link(Link::Waiting)));
    assert!(why.ends_with("; trying again in 1s"), "{why}");
    assert!(!why.contains(PASSWORD), "{why}");
    // Then again, waiting longer each time.
    let again = note(next(&rx, 15, is_link(Link::Waiting)));
    assert!(
        again.starts_with("cannot reach the database: ") && again.ends_with("; trying again in 2s"),
        "{again}"
    );
    let started = Instant::now();
    let err = source.read().unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "{err}");
    assert!(err.contains("trying again in"), "{err}");

    // Back: live again, read again (what was inserted meanwhile counts).
    pg.start_again();
    insert_with_psql(&pg, "r3", 2);
    next(&rx, 40, is_link(Link::Live));
    assert_eq!(next(&rx, 5, |_| true), Change::Results);
    assert_eq!(source.read().unwrap().count(), 3);
    insert_with_psql(&pg, "r4", 3);
    assert_eq!(next(&rx, 5, |_| true), Change::Results);
    assert_eq!(source.read().unwrap().count(), 4);

    // `e` writes the report where the dashboard started.
    let said = source.export(5);
    assert!(said.starts_with("Exported workshop-report-"), "{said}");
    assert!(
        said.ends_with(&format!("into {}", exports.path().display())),
        "{said}"
    );
    let md = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    assert!(
        std::fs::read_to_string(md)
            .unwrap()
            .contains("4 results read")
    );

    // A dashboard slow to read is asked once: later changes wait for that
    // read (which counts them), rather than queue a read each.
    insert_with_psql(&pg, "r5", 4);
    assert_eq!(next(&rx, 5, |_| true), Change::Results);
    for (id, answer) in [("r6", 0), ("r7", 1)] {
        insert_with_psql(&pg, id, answer);
        std::thread::sleep(BATCH * 3);
    }
    assert!(
        rx.recv_timeout(Duration::from_millis(500)).is_err(),
        "asked again before reading"
    );
    assert_eq!(source.read().unwrap().count(), 7);
    insert_with_psql(&pg, "r8", 2);
    assert_eq!(next(&rx, 5, |_| true), Change::Results);
    assert_eq!(source.read().unwrap().count(), 8);
}

/// `--poll` for a database (PgBouncer's transaction pooling passes no
/// notifications on): no LISTEN, a read every interval.
#[test]
fn poll_only_reads_every_interval_without_listen() {
    let Some(pg) = Pg::start("poll_only_reads_every_interval_without_listen") else {
        return;
    };
    let rt = runtime();
    let url = DbUrl::parse(&pg.url("postgres")).unwrap();
    let db = rt.block_on(Db::open(&url)).unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut source = Listen::new(
        db,
        rt.handle().clone(),
        Counter::new(common::default_quiz()),
        Duration::from_secs(1),
        true,
        exports.path().to_path_buf(),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    source.start(Notifier::new(move |c| tx.send(c).is_ok()));
    next(&rx, 10, is_link(Link::Polling(Duration::from_secs(1))));
    assert_eq!(listeners(&pg), 0);
    insert_with_psql(&pg, "p1", 0);
    let seen = Instant::now();
    while source.read().unwrap().count() == 0 {
        // Polling says "changed" every tick: the deadline is the test's.
        assert!(seen.elapsed() < Duration::from_secs(5), "p1 not counted");
        next(&rx, 5, |c| *c == Change::Results);
    }
    assert!(seen.elapsed() < Duration::from_secs(5));
}

fn require_tmux() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
}

/// The real program: `careerfit workshop URL` hands over to
/// careerfit-serve, which shows results as they are inserted, says when it
/// waits for the database, and never shows the password.
#[test]
fn the_dashboard_over_a_database_in_a_terminal() {
    let Some(mut pg) = Pg::start("the_dashboard_over_a_database_in_a_terminal") else {
        return;
    };
    require_tmux();
    let url = pg.url_without_password("postgres");
    let rt = runtime();
    rt.block_on(Db::open(&DbUrl::parse(&pg.url("postgres")).unwrap()))
        .unwrap();
    let t = Tmux::start("workshop-pg", 140, 36);
    let cwd = tempfile::tempdir().unwrap();
    t.run(&format!(
        "cd {} && export PGPASSWORD={PASSWORD}",
        cwd.path().display()
    ));
    t.careerfit(&format!("workshop '{url}'; echo EXIT=$?"));
    let s = t.wait_for("0 results so far");
    assert!(
        s.contains(&format!("careerfit take --submit '{url}'")),
        "{s}"
    );
    t.wait_for("Connected to the database");
    let s = t.capture();
    assert!(
        s.lines().next().unwrap().trim_end().ends_with(" live"),
        "{s}"
    );

    insert_with_psql(&pg, "t1", 0);
    t.wait_for("1 result so far");
    insert_with_psql(&pg, "t2", 1);
    t.wait_for("2 results so far");

    pg.stop();
    let s = t.wait_for("waiting for the database");
    assert!(s.contains("2 results so far"), "{s}");
    let s = t.wait_for("cannot reach the database: ");
    assert!(s.contains("; trying again in "), "{s}");
    assert!(!s.contains(PASSWORD), "{s}");
    pg.start_again();
    insert_with_psql(&pg, "t3", 2);
    let s = wait_long(&t, "3 results so far", 40);
    assert!(
        s.lines().next().unwrap().trim_end().ends_with(" live"),
        "{s}"
    );

    t.keys(&["e"]);
    t.wait_for("Exported workshop-report-");
    assert!(
        std::fs::read_dir(cwd.path()).unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "html"))
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

/// Waits up to `secs` for `needle` (the reconnect's back-off takes longer
/// than [`Tmux::wait_for`] waits).
fn wait_long(t: &Tmux, needle: &str, secs: u64) -> String {
    let end = Instant::now() + Duration::from_secs(secs);
    loop {
        let s = t.capture();
        if s.contains(needle) {
            return s;
        }
        assert!(
            Instant::now() < end,
            "timed out waiting for {needle:?}:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A wrong password is the facilitator's to fix before the dashboard
/// starts (exit 2, the URL shown without it); a database that is only away
/// is waited for, so that one goes on to need a terminal.
#[test]
fn a_wrong_password_is_said_before_the_dashboard_starts() {
    let Some(pg) = Pg::start("a_wrong_password_is_said_before_the_dashboard_starts") else {
        return;
    };
    let url = pg.url_without_password("postgres");
    let (code, out, err) = run_with(&["workshop", &url], "wrong");
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "error: the database {url} refused the connection: \
             password authentication failed for user \"careerfit\"\n"
        )
    );
    let away = format!(
        "postgres://careerfit@127.0.0.1:{}/postgres",
        common::pg::free_port()
    );
    let (code, _, err) = run_with(&["workshop", &away], PASSWORD);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: the workshop dashboard needs a terminal"),
        "{err}"
    );
}

/// careerfit with `args`, `PGPASSWORD` set, no terminal: (exit code, stdout, stderr).
fn run_with(args: &[&str], password: &str) -> (i32, String, String) {
    let out = common::cf()
        .args(args)
        .env("PGPASSWORD", password)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Only the listening connection goes (a proxy's idle timeout, an
/// administrator): the source reconnects. And a connection that stops
/// answering without closing (a network that drops silently) is noticed by
/// the poll's check and replaced.
#[test]
fn a_listening_connection_that_dies_or_hangs_is_replaced() {
    let Some(pg) = Pg::start("a_listening_connection_that_dies_or_hangs_is_replaced") else {
        return;
    };
    let rt = runtime();
    let url = DbUrl::parse(&pg.url("postgres")).unwrap();
    let db = rt.block_on(Db::open(&url)).unwrap();
    let exports = tempfile::tempdir().unwrap();
    let mut source = Listen::new(
        db,
        rt.handle().clone(),
        Counter::new(common::default_quiz()),
        Duration::from_secs(1),
        false,
        exports.path().to_path_buf(),
    );
    let (tx, rx) = std::sync::mpsc::channel();
    source.start(Notifier::new(move |c| tx.send(c).is_ok()));
    next(&rx, 10, is_link(Link::Live));
    let listener = || pg.sql("SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %'");
    let first = listener();
    pg.psql("postgres", &format!("SELECT pg_terminate_backend({first})"));
    let why = note(next(&rx, 10, is_link(Link::Waiting)));
    assert!(why.ends_with("; trying again in 1s"), "{why}");
    next(&rx, 10, is_link(Link::Live));
    let second = listener();
    assert!(!second.is_empty() && second != first, "{first} {second}");

    // Stopped, not closed: the check after a poll gets no answer in time.
    let stop = |sig: &str| {
        assert!(
            std::process::Command::new("kill")
                .args([sig, &second])
                .status()
                .unwrap()
                .success()
        );
    };
    stop("-STOP");
    // (Continued before any assertion, so the cluster can always stop.)
    let why = try_next(&rx, 20, is_link(Link::Waiting)).map(note);
    stop("-CONT");
    assert_eq!(
        why.as_deref(),
        Some("the database stopped answering; trying again in 1s")
    );
    next(&rx, 10, is_link(Link::Live));
    insert_with_psql(&pg, "h1", 0);
    let seen = Instant::now();
    while source.read().unwrap().count() == 0 {
        assert!(seen.elapsed() < Duration::from_secs(10), "h1 not counted");
        next(&rx, 5, |c| *c == Change::Results);
    }
}
