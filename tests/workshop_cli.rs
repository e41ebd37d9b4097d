//! `careerfit workshop` on the command line without a terminal: its help
//! says what `--poll` is for, and bad options get exact messages (exit 2).

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
