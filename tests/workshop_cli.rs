//! `careerfit workshop` on the command line without a terminal: its help
//! says what `--poll` is for and how a database is named, and bad options
//! and URLs get exact messages (exit 2).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use common::run;

#[test]
fn help_says_why_to_poll() {
    let (code, out, err) = run(&["workshop", "--help"], "");
    assert_eq!((code, err.as_str()), (0, ""));
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("--poll Look for new results by listing the folder every --poll-interval, instead of being told by the system."), "{out}");
    assert!(
        flat.contains("on NFS or another network file system"),
        "{out}"
    );
    assert!(
        flat.contains("results saved by other machines would not show"),
        "{out}"
    );
    assert!(
        flat.contains("--poll-interval <DUR> How often --poll looks (e.g. 2s, 1m; default 1s)"),
        "{out}"
    );
}

#[test]
fn a_bad_poll_interval_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    for (value, why) in [
        ("0s", "the duration must be between 1s and 24h"),
        (
            "soon",
            "expected a duration such as 90s, 10m or 1h, got \"soon\"",
        ),
        (
            "2d",
            "expected a duration such as 90s, 10m or 1h, got \"2d\"",
        ),
    ] {
        let (code, out, err) = run(&["workshop", d, "--poll", "--poll-interval", value], "");
        assert_eq!((code, out.as_str()), (2, ""), "{value}");
        assert_eq!(
            err,
            format!(
                "error: invalid value '{value}' for '--poll-interval <DUR>': {why}\n\n\
                 For more information, try '--help'.\n"
            ),
            "{value}"
        );
    }
}

#[test]
fn poll_still_needs_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(
        &[
            "workshop",
            dir.path().to_str().unwrap(),
            "--poll",
            "--poll-interval",
            "5s",
        ],
        "",
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("error: the workshop dashboard needs a terminal"),
        "{err}"
    );
}

#[test]
fn help_names_the_database_and_where_its_password_goes() {
    let (code, out, _) = run(&["workshop", "--help"], "");
    assert_eq!(code, 0);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Usage: careerfit workshop [OPTIONS] <DIR|URL>"),
        "{out}"
    );
    assert!(
        flat.contains("postgres://USER@HOST/DB, its password in PGPASSWORD or ~/.pgpass"),
        "{out}"
    );
    assert!(flat.contains("(LISTEN/NOTIFY)"), "{out}");
    assert!(flat.contains("(default 30s)"), "{out}");
    assert!(flat.contains("PgBouncer's transaction pooling"), "{out}");
}

/// A URL is handed over to careerfit-serve, which alone parses it: its
/// messages prove the hand-over, and no password is ever repeated.
#[test]
fn a_bad_database_url_is_refused_by_the_server_program() {
    for (url, why) in [
        (
            "postgres://cf:hunter2@db.example:notaport/room",
            "postgres://cf:***@db.example:notaport/room: invalid connection string: \
             invalid value for option `port`",
        ),
        (
            "postgresql://cf@db.example/room?sslmode=bogus",
            "postgresql://cf@db.example/room?sslmode=bogus: sslmode \"bogus\" is not one of \
             disable, allow, prefer, require, verify-ca, verify-full",
        ),
    ] {
        let (code, out, err) = run(&["workshop", url], "");
        assert_eq!((code, out.as_str()), (2, ""), "{url}");
        assert_eq!(err, format!("error: {why}\n"), "{url}");
        assert!(!err.contains("hunter2"));
    }
}
