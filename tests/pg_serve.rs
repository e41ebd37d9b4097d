//! `careerfit serve --results postgres://…` end to end: scripted SSH
//! participants (russh client) against the real server binary, results in
//! a real throw-away PostgreSQL (tests/common/pg.rs). The database goes
//! away mid-workshop and comes back, or is down when the server starts:
//! every result still arrives, once, and the facilitator's log says how
//! many waited and when they arrived.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
mod ssh_client;

use common::pg::{PASSWORD, Pg, USER};
use ssh_client::{Participant, Server};
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// One participant takes the whole quiz and quits once it is saved.
async fn take_quiz(port: u16, name: &str) -> Result<String, String> {
    let mut p = Participant::start(port, name, "tiger42", 80, 24).await?;
    p.wait_for("Enter start", WAIT).await?;
    p.send(b"\r").await?;
    p.wait_for(" 1 / 40", WAIT).await?;
    let answers: Vec<&str> = common::PM_SPEC.split(',').collect();
    for (q, a) in answers.iter().enumerate() {
        p.send(format!("{a}\r").as_bytes()).await?;
        let next = if q + 1 < answers.len() {
            format!(" {} / 40", q + 2)
        } else {
            "40 of 40 answered".to_string()
        };
        p.wait_for(&next, WAIT).await?;
    }
    p.send(b"\r").await?;
    let screen = p.wait_for("saved for the workshop", WAIT).await?;
    // `w` writes nothing on the server; the note says where the result is.
    p.send(b"w").await?;
    p.wait_for("already saved in the workshop database", WAIT)
        .await?;
    p.send(b"q").await?;
    p.wait_closed(WAIT).await?;
    Ok(screen)
}

/// Waits until the server's log has `needle`; returns the log.
async fn logged(server: &Server, needle: &str, secs: u64) -> String {
    let start = Instant::now();
    loop {
        let log = server.log();
        if log.contains(needle) {
            return log;
        }
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "{needle:?} not logged in {secs}s:\n{log}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The nicknames in the database, in order (none before its table exists).
fn names(pg: &Pg) -> String {
    pg.try_psql(
        "postgres",
        "SELECT coalesce(string_agg(nickname, ',' ORDER BY nickname), '') FROM careerfit_results",
    )
    .map(|s| s.trim().to_string())
    .unwrap_or_default()
}

fn wait_names(pg: &Pg, want: &str, secs: u64) {
    assert!(
        Pg::wait_until(secs, || names(pg) == want),
        "rows are {:?}, not {want:?}",
        names(pg)
    );
}

fn serve(url: &str, spool: &Path) -> Server {
    Server::start_sharing(
        Some(Path::new(url)),
        None,
        &["--join-code", "tiger42", "--spool", spool.to_str().unwrap()],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_wait_while_the_database_is_down_and_arrive_when_it_is_back() {
    let Some(mut pg) =
        Pg::start("results_wait_while_the_database_is_down_and_arrive_when_it_is_back")
    else {
        return;
    };
    let spool = tempfile::tempdir().unwrap();
    let url = pg.url("postgres");
    let shown = url.replace(PASSWORD, "***");
    let mut server = serve(&url, spool.path());
    assert!(
        server.banner.contains(&format!(
            "Results: {shown}  (while it cannot be reached they wait in {}; \
             watch the room: careerfit workshop {shown})",
            spool.path().display()
        )),
        "{}",
        server.banner
    );
    assert!(!server.banner.contains(PASSWORD));

    take_quiz(server.port, "ada").await.unwrap();
    wait_names(&pg, "ada", 10);
    assert!(server.log().contains("Saved for the workshop database"));

    // The database goes away: the participant's result is still saved (on
    // disk, in the spool), and the facilitator hears how many wait.
    pg.stop();
    let screen = take_quiz(server.port, "bo").await.unwrap();
    assert!(
        screen.contains("Your result is saved for the workshop"),
        "{screen}"
    );
    let spool_dir = spool.path().display().to_string();
    logged(
        &server,
        &format!("1 result(s) waiting in {spool_dir}, sent when it answers"),
        30,
    )
    .await;
    take_quiz(server.port, "cy").await.unwrap();
    logged(
        &server,
        &format!("database still unreachable: 2 result(s) waiting in {spool_dir}"),
        30,
    )
    .await;

    // Back: both arrive, once each, and the log says so.
    pg.start_again();
    wait_names(&pg, "ada,bo,cy", 40);
    logged(
        &server,
        "database back: 2 waiting result(s) sent, none left",
        10,
    )
    .await;
    assert_eq!(
        pg.sql("SELECT count(*), max(revisions) FROM careerfit_results"),
        "3|1"
    );
    let (status, rest) = server.interrupt();
    assert!(status.success());
    assert_eq!(rest, format!("Stopped. 3 result(s) saved for {shown}.\n"));
    assert!(!server.log().contains(PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_down_at_start_gets_its_schema_and_results_when_it_answers() {
    let Some(mut pg) =
        Pg::start("a_database_down_at_start_gets_its_schema_and_results_when_it_answers")
    else {
        return;
    };
    pg.stop();
    let spool = tempfile::tempdir().unwrap();
    let url = pg.url("postgres");
    let shown = url.replace(PASSWORD, "***");
    let mut server = serve(&url, spool.path());
    assert!(
        server.banner.contains(&format!(
            "Database: cannot reach the database {shown}: Connection refused; results wait in {} \
             and are sent when it answers",
            spool.path().display()
        )),
        "{}",
        server.banner
    );
    take_quiz(server.port, "dee").await.unwrap();
    pg.start_again();
    wait_names(&pg, "dee", 40);
    // Stopped while the database is down again: what waits is said.
    pg.stop();
    take_quiz(server.port, "eve").await.unwrap();
    let (status, rest) = server.interrupt();
    assert!(status.success());
    assert_eq!(
        rest,
        format!(
            "Stopped. 2 result(s) saved for {shown}; 1 result(s) could not reach the database \
             {shown} and wait in {}; they are sent the next time careerfit reaches it \
             (serve --results or take --submit with this database).\n",
            spool.path().display()
        )
    );
    // The next server on this spool sends it.
    pg.start_again();
    let mut again = serve(&url, spool.path());
    wait_names(&pg, "dee,eve", 40);
    let (status, _) = again.interrupt();
    assert!(status.success());
}

/// `kill -9` after a participant was told "saved" but before the result
/// reached the database (the database is down here, to make that moment
/// last): the result was synced into the spool, and the next server on
/// that spool, as systemd's `Restart=on-failure` starts it, says it found
/// it and sends it. Once, under its own id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_saved_before_kill_9_arrives_from_the_next_server() {
    let Some(mut pg) = Pg::start("a_result_saved_before_kill_9_arrives_from_the_next_server")
    else {
        return;
    };
    let spool = tempfile::tempdir().unwrap();
    let url = pg.url("postgres");
    let mut server = serve(&url, spool.path());
    take_quiz(server.port, "ada").await.unwrap();
    wait_names(&pg, "ada", 10);
    pg.stop();
    let screen = take_quiz(server.port, "bo").await.unwrap();
    assert!(
        screen.contains("Your result is saved for the workshop"),
        "{screen}"
    );
    server.signal("-KILL");
    let status = server.wait_exit(10).expect("killed");
    assert!(!status.success());

    pg.start_again();
    let mut again = serve(&url, spool.path());
    logged(
        &again,
        &format!(
            "spool: 1 result(s) left in {} by an earlier run; sending them",
            spool.path().display()
        ),
        20,
    )
    .await;
    wait_names(&pg, "ada,bo", 40);
    assert_eq!(
        pg.sql("SELECT count(*), count(DISTINCT id), max(revisions) FROM careerfit_results"),
        "2|2|1"
    );
    let (status, _) = again.interrupt();
    assert!(status.success());
}

#[test]
fn serve_refuses_a_database_that_refuses_it_before_listening() {
    let Some(pg) = Pg::start("serve_refuses_a_database_that_refuses_it_before_listening") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let p = pg.port;
    let wrong = format!("postgres://{USER}:wrong@127.0.0.1:{p}/postgres?sslmode=disable");
    common::cf()
        .args(["serve", "--listen", "127.0.0.1:0", "--results", &wrong])
        .env("CAREERFIT_DATA_DIR", home.path())
        .env_remove("PGPASSWORD")
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: the database postgres://{USER}:***@127.0.0.1:{p}/postgres?sslmode=disable \
             refused the connection: password authentication failed for user \"{USER}\"\n"
        ));
    common::cf()
        .args(["serve", "--results", "postgres://h:99999999/db"])
        .env("CAREERFIT_DATA_DIR", home.path())
        .assert()
        .code(2)
        .stderr(
            "error: postgres://h:99999999/db: invalid connection string: invalid value for \
             option `port`\n",
        );
}
