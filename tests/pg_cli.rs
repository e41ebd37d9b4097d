//! The command line with a PostgreSQL URL, against a real throw-away
//! server (tests/common/pg.rs): `careerfit` hands the command to
//! `careerfit-serve`, which runs it with the database. The same results
//! give the same report from the database as from a folder; bad URLs,
//! an unreachable server and refused credentials say so exactly (exit 2
//! for what the person gave, 1 for the rest); `take --submit URL` lands
//! in the database, or waits in the spool while it is down.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;

use careerfit::results::DbUrl;
use common::cf;
use common::pg::{PASSWORD, Pg, USER, free_port, runtime};
use std::path::Path;

/// Every result file in `dir` into the database at `url`.
fn load_into(url: &str, dir: &Path) {
    let url = DbUrl::parse(url).unwrap();
    runtime().block_on(async {
        let db = careerfit_pg::Db::open(&url).await.unwrap();
        for (i, e) in std::fs::read_dir(dir).unwrap().enumerate() {
            let body = std::fs::read_to_string(e.unwrap().path()).unwrap();
            db.insert(&body, i64::try_from(i).unwrap()).await.unwrap();
        }
    });
}

/// careerfit with a clean environment for the database: no PG* variables
/// or password file of the machine's, a data folder of its own.
fn cf_in(home: &Path) -> assert_cmd::Command {
    let mut c = cf();
    for k in [
        "PGHOST",
        "PGPORT",
        "PGUSER",
        "PGPASSWORD",
        "PGDATABASE",
        "PGSSLMODE",
        "PGPASSFILE",
        "PGSSLROOTCERT",
    ] {
        c.env_remove(k);
    }
    c.env("HOME", home)
        .env("CAREERFIT_DATA_DIR", home.join("data"))
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm-256color");
    c
}

#[test]
fn aggregate_and_analyze_of_the_database_equal_those_of_the_folder() {
    let Some(pg) = Pg::start("aggregate_and_analyze_of_the_database_equal_those_of_the_folder")
    else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // More than two pages of rows (careerfit_pg::rows::PAGE).
    common::room(dir.path(), "pm-vs-pd", 1_050, Some("sam"));
    common::room(dir.path(), "pm-vs-pd-v1", 3, None);
    let url = pg.url("postgres");
    load_into(&url, dir.path());
    const { assert!(1_050 > 2 * careerfit_pg::rows::PAGE) };
    for (cmd, format) in [
        ("aggregate", "text"),
        ("aggregate", "json"),
        ("aggregate", "csv"),
        ("analyze", "text"),
    ] {
        let from_dir = cf_in(home.path())
            .args([cmd, "--format", format, "--min-group", "3"])
            .arg(dir.path())
            .output()
            .unwrap();
        let from_db = cf_in(home.path())
            .args([cmd, "--format", format, "--min-group", "3", &url])
            .output()
            .unwrap();
        assert!(from_dir.status.success(), "{cmd} {format} (folder)");
        assert!(
            from_db.status.success(),
            "{cmd} {format} (database): {}",
            String::from_utf8_lossy(&from_db.stderr)
        );
        assert_eq!(
            String::from_utf8(from_db.stdout).unwrap(),
            String::from_utf8(from_dir.stdout).unwrap(),
            "{cmd} --format {format}"
        );
        assert_eq!(from_db.stderr, from_dir.stderr, "{cmd} --format {format}");
    }
    // The password never shows, whatever the output.
    let out = cf_in(home.path())
        .args(["aggregate", "--format", "json", &url])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PASSWORD));
}

/// A room of `n` results (the first named `name`) loaded into `pg`, and
/// a home folder for careerfit to run in.
fn loaded(pg: &Pg, n: usize, name: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::room(dir.path(), "pm-vs-pd", n, name);
    load_into(&pg.url("postgres"), dir.path());
    tempfile::tempdir().unwrap()
}

#[test]
fn hostile_rows_are_read_as_hostile_files_are() {
    let Some(pg) = Pg::start("hostile_rows_are_read_as_hostile_files_are") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    common::room(dir.path(), "pm-vs-pd", 5, Some("\u{1b}[2Jsam"));
    let url = pg.url("postgres");
    load_into(&url, dir.path());
    // Someone with the database's password writes rows careerfit never would.
    pg.psql(
        "postgres",
        "INSERT INTO careerfit_results (id, quiz, quiz_version, fingerprint, outcome, submitted_at, body) VALUES \
         ('bad1', 'x', '1', 'f', 'o', now(), 'not json'), \
         ('huge', 'x', '1', 'f', 'o', now(), repeat('x', 2000000))",
    );
    let out = cf_in(home.path())
        .args(["aggregate", &url])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = url.replace(PASSWORD, "***");
    assert!(
        stderr.contains(&format!("warning: skipped {shown}#bad1: ")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: skipped {shown}#huge: it is too large to be a result\n"
        )),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    assert!(stdout.contains("Results: 5"), "{stdout}");
}

#[test]
fn bad_urls_unreachable_servers_and_refused_credentials_say_so() {
    let home = tempfile::tempdir().unwrap();
    cf_in(home.path())
        .args(["aggregate", "postgres://u:secret@h:notaport/db"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: postgres://u:***@h:notaport/db: invalid connection string: \
             invalid value for option `port`\n",
        );
    cf_in(home.path())
        .args(["analyze", "postgres://h/db?sslmode=sometimes"])
        .assert()
        .code(2)
        .stderr(
            "error: postgres://h/db?sslmode=sometimes: sslmode \"sometimes\" is not one of \
             disable, allow, prefer, require, verify-ca, verify-full\n",
        );
    let port = free_port();
    let url = format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{port}/postgres?sslmode=disable");
    cf_in(home.path())
        .args(["aggregate", &url])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "error: cannot reach the database postgres://{USER}:***@127.0.0.1:{port}/postgres\
             ?sslmode=disable: Connection refused\n"
        ));

    let Some(pg) = Pg::start("bad_urls_unreachable_servers_and_refused_credentials_say_so") else {
        return;
    };
    let p = pg.port;
    let wrong = format!("postgres://{USER}:wrong@127.0.0.1:{p}/postgres?sslmode=disable");
    cf_in(home.path())
        .args(["aggregate", &wrong])
        .assert()
        .code(2)
        .stderr(format!(
            "error: the database postgres://{USER}:***@127.0.0.1:{p}/postgres?sslmode=disable \
             refused the connection: password authentication failed for user \"{USER}\"\n"
        ));
    let bare = pg.url_without_password("postgres");
    cf_in(home.path())
        .args(["aggregate", &bare])
        .assert()
        .code(2)
        .stderr(format!(
            "error: the database {bare} refused the connection: the server asks for a password \
             and none was given (in the URL, PGPASSWORD or ~/.pgpass)\n"
        ));
    // A database that careerfit never wrote to.
    cf_in(home.path())
        .args(["aggregate", &pg.url("template1")])
        .assert()
        .code(2)
        .stderr(format!(
            "error: postgres://{USER}:***@127.0.0.1:{p}/template1?sslmode=disable: no careerfit \
             results there yet (no careerfit_results table); `careerfit serve --results URL` or \
             `careerfit take --submit URL` creates it\n"
        ));
}

#[test]
fn the_password_may_come_from_pgpassword_or_the_password_file() {
    let Some(pg) = Pg::start("the_password_may_come_from_pgpassword_or_the_password_file") else {
        return;
    };
    let home = loaded(&pg, 3, None);
    let bare = pg.url_without_password("postgres");
    cf_in(home.path())
        .args(["aggregate", &bare])
        .env("PGPASSWORD", PASSWORD)
        .assert()
        .success();
    let pgpass = home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("127.0.0.1:*:*:{USER}:{PASSWORD}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Others may read it: ignored, as libpq does, and said.
    let out = cf_in(home.path())
        .args(["aggregate", &bare])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let shown = pgpass.display();
    assert!(
        stderr.starts_with(&format!(
            "warning: password file {shown} has group or world access and is ignored; \
             chmod 0600 {shown} to use it\n"
        )),
        "{stderr}"
    );
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    cf_in(home.path())
        .args(["aggregate", &bare])
        .assert()
        .success();
    // PGHOST, PGPORT, PGUSER and PGDATABASE fill in a bare URL.
    cf_in(home.path())
        .args(["aggregate", "postgres://?sslmode=disable"])
        .env("PGHOST", "127.0.0.1")
        .env("PGPORT", pg.port.to_string())
        .env("PGUSER", USER)
        .env("PGDATABASE", "postgres")
        .assert()
        .success();
}

/// A PM-leaning plain-mode session: the answers, then the review's Enter.
fn plain_answers() -> String {
    let mut s = String::new();
    for a in common::PM_SPEC.split(',') {
        s.push_str(a);
        s.push('\n');
    }
    s.push('\n');
    s
}

#[test]
fn take_submit_to_a_database_that_is_down_waits_then_arrives() {
    let Some(mut pg) = Pg::start("take_submit_to_a_database_that_is_down_waits_then_arrives")
    else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let spool = home.path().join("spool");
    let url = pg.url("postgres");
    let shown = url.replace(PASSWORD, "***");
    // Up: the result is in the database when the command ends.
    let out = cf_in(home.path())
        .args([
            "take",
            "--plain",
            "--no-shuffle",
            "--name",
            "ada",
            "--submit",
            &url,
        ])
        .arg("--spool")
        .arg(&spool)
        .write_stdin(plain_answers())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!(
            "Saved for the workshop database {shown}\nSent to the workshop database {shown}.\n"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains(PASSWORD));
    assert_eq!(pg.sql("SELECT nickname FROM careerfit_results"), "ada");
    // Down: the result waits in the spool, and the person is told.
    pg.stop();
    let out = cf_in(home.path())
        .args([
            "take",
            "--plain",
            "--no-shuffle",
            "--name",
            "bo",
            "--submit",
            &url,
        ])
        .arg("--spool")
        .arg(&spool)
        .write_stdin(plain_answers())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "1 result(s) could not reach the database {shown} and wait in {}; they are sent \
             the next time careerfit reaches it",
            spool.display()
        )),
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "warning: cannot reach the database {shown}: Connection refused; your result will \
             wait in {} and be sent when the database answers\n",
            spool.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(&spool)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("result-"))
            .count(),
        1
    );
    // Up again: the next run sends what waited, with its own result.
    pg.start_again();
    let out = cf_in(home.path())
        .args([
            "take",
            "--plain",
            "--no-shuffle",
            "--name",
            "cy",
            "--submit",
            &url,
        ])
        .arg("--spool")
        .arg(&spool)
        .write_stdin(plain_answers())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        pg.sql("SELECT string_agg(nickname, ',' ORDER BY nickname) FROM careerfit_results"),
        "ada,bo,cy"
    );
    assert_eq!(std::fs::read_dir(&spool).unwrap().count(), 0);
}

#[test]
fn tls_where_the_server_has_none_fails_and_a_unix_socket_needs_none() {
    let Some(pg) = Pg::start("tls_where_the_server_has_none_fails_and_a_unix_socket_needs_none")
    else {
        return;
    };
    let home = loaded(&pg, 2, None);
    let p = pg.port;
    let tcp = format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{p}/postgres?sslmode=require");
    cf_in(home.path())
        .args(["aggregate", &tcp])
        .assert()
        .code(1)
        .stderr(format!(
            "error: no secure connection to the database \
             postgres://{USER}:***@127.0.0.1:{p}/postgres?sslmode=require: \
             server does not support TLS\n"
        ));
    // On the unix socket sslmode does not apply, as in libpq.
    cf_in(home.path())
        .args(["aggregate", "postgres:///postgres?sslmode=require"])
        .env("PGHOST", pg.socket_dir())
        .env("PGPORT", p.to_string())
        .env("PGUSER", USER)
        .env("PGPASSWORD", PASSWORD)
        .assert()
        .success();
}

#[test]
fn tls_modes_check_the_server_as_libpq_does() {
    let Some(pg) = Pg::start_tls("tls_modes_check_the_server_as_libpq_does") else {
        return;
    };
    let home = loaded(&pg, 2, None);
    let p = pg.port;
    let ca = pg.ca().display().to_string();
    let url = |host: &str, query: &str| {
        format!("postgres://{USER}:{PASSWORD}@{host}:{p}/postgres?{query}")
    };
    let ok = |u: String| {
        let out = cf_in(home.path()).args(["aggregate", &u]).output().unwrap();
        assert!(
            out.status.success(),
            "{u}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let refused = |u: String, why: &str| {
        let out = cf_in(home.path()).args(["aggregate", &u]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{u}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let head = format!(
            "error: no secure connection to the database {}: ",
            u.replace(PASSWORD, "***")
        );
        assert!(
            stderr.starts_with(&head) && stderr.contains(why),
            "{u}: {stderr}"
        );
    };
    // The name and the CA both match.
    ok(url(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ));
    // By address the name does not match: verify-full refuses, verify-ca
    // (chain only) accepts.
    refused(
        url(
            "127.0.0.1",
            &format!("sslmode=verify-full&sslrootcert={ca}"),
        ),
        "invalid peer certificate: certificate not valid for name",
    );
    ok(url(
        "127.0.0.1",
        &format!("sslmode=verify-ca&sslrootcert={ca}"),
    ));
    // Not signed by any root the system trusts.
    refused(
        url("localhost", "sslmode=verify-full"),
        "invalid peer certificate: UnknownIssuer",
    );
    // require encrypts without checking, unless a root certificate is
    // found (~/.postgresql/root.crt), which then must have signed it.
    ok(url("localhost", "sslmode=require"));
    let other = Pg::other_ca(home.path());
    std::fs::create_dir_all(home.path().join(".postgresql")).unwrap();
    std::fs::copy(&other, home.path().join(".postgresql/root.crt")).unwrap();
    refused(
        url("127.0.0.1", "sslmode=require"),
        "invalid peer certificate: UnknownIssuer",
    );
    std::fs::copy(pg.ca(), home.path().join(".postgresql/root.crt")).unwrap();
    ok(url("127.0.0.1", "sslmode=require"));
}

#[test]
fn the_full_screen_quiz_sends_at_once_and_a_change_replaces_the_row() {
    assert!(
        common::tmux::available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let Some(pg) = Pg::start("the_full_screen_quiz_sends_at_once_and_a_change_replaces_the_row")
    else {
        return;
    };
    let spool = tempfile::tempdir().unwrap();
    // The password from a password file, so none is on the screen at all.
    let pgpass = spool.path().join("pgpass");
    std::fs::write(&pgpass, format!("*:*:*:{USER}:{PASSWORD}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let url = pg.url_without_password("postgres");
    let t = common::tmux::Tmux::start("pgtake", 100, 30);
    t.run(&format!("export PGPASSFILE={}", pgpass.display()));
    t.careerfit(&format!(
        "take --no-shuffle --name kim --submit '{url}' --spool {}; echo EXIT=$?",
        spool.path().display()
    ));
    let welcome = t.wait_for("Enter start");
    assert!(welcome.contains("workshop database"), "{welcome}");
    assert!(!welcome.contains(PASSWORD), "{welcome}");
    t.keys(&["Enter"]);
    t.answer_all(&common::PM_SPEC.split(',').collect::<Vec<_>>());
    t.keys(&["Enter"]);
    t.wait_for("Saved for the workshop database");
    // Sent while the quiz is still open, not only when it ends.
    let row = || {
        pg.try_psql(
            "postgres",
            "SELECT nickname, revisions, (body::jsonb -> 'answers' ->> 0) FROM careerfit_results",
        )
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
    };
    assert!(Pg::wait_until(10, || row() == "kim|1|5"), "{}", row());
    // Back, a changed answer, finished again: the same row, replaced.
    t.change_first_answer_and_finish(common::QUESTIONS);
    assert!(Pg::wait_until(10, || row() == "kim|2|1"), "{}", row());
    t.keys(&["q"]);
    let end = t.wait_for("EXIT=0");
    assert!(end.contains("Sent to the workshop database"), "{end}");
    assert!(!end.contains(PASSWORD), "{end}");
}
