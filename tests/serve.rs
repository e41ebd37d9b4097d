//! `careerfit serve` end to end: the real OpenSSH client (in tmux, so it has
//! a real pty) and a scripted russh participant against the real binary on
//! loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
mod ssh_client;

use assert_cmd::Command as Cmd;
use common::tmux::{Tmux, available};
use ssh_client::{Participant, Server};
use std::process::Command;
use std::time::{Duration, Instant};

const SECS: Duration = Duration::from_secs(10);

fn score_json(spec: &str) -> serde_json::Value {
    let out = Command::new(ssh_client::bin())
        .args(["score", "--format", "json", "--answers", spec])
        .output()
        .expect("score runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("json")
}

fn read_json(p: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).expect("read")).expect("json")
}

fn need_ssh() {
    let ok = Command::new("ssh")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "the OpenSSH client is required for this test (.ci/run installs it)"
    );
}

#[test]
fn openssh_in_a_real_terminal_takes_the_quiz_and_the_saved_result_matches_score() {
    need_ssh();
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let mut server = Server::start(&[]);
    let code = server.code();
    let t = Tmux::start("serve", 100, 30);
    t.run(&format!(
        "ssh -F /dev/null -tt -p {} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
         -o LogLevel=ERROR -o PubkeyAuthentication=no sam@127.0.0.1; echo EXIT=$?",
        server.port
    ));
    t.wait_for("Join code:");
    t.send_literal(&code.to_lowercase());
    t.keys(&["Enter"]);
    t.wait_for("Enter start");
    t.keys(&["Enter"]);
    // Arrow keys reach the quiz as escape sequences: → confirms, ← goes back.
    t.keys(&["Down", "Right"]);
    t.wait_for("2 / 40");
    t.keys(&["Left"]);
    t.wait_for("1 / 40");
    let spec = common::PM_SPEC;
    for (i, d) in spec.split(',').enumerate() {
        t.wait_for(&format!("{} / 40", i + 1));
        t.send_literal(d);
        t.keys(&["Enter"]);
        if i == 10 {
            // The window shrinks mid-quiz: the client sends window-change.
            t.resize(80, 24);
        }
    }
    t.wait_for("review · 40 of 40 answered");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Best fit:");
    assert!(screen.contains("saved for the workshop"), "{screen}");
    let files = server.wait_results(1, 10);
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("result-pm-vs-pd-"), "{name}");
    let saved = read_json(&files[0]);
    let want = score_json(spec);
    assert_eq!(saved["recommendation"], want["recommendation"]);
    assert_eq!(saved["answers"], want["answers"]);
    assert_eq!(saved["share_code"], want["share_code"]);
    assert_eq!(saved["name"], "sam");
    let id = saved["id"].as_str().unwrap().to_owned();
    // Back to the review, change the first answer, finish again: the
    // session's one result slot is replaced, not added to (issue 16).
    t.change_first_answer_and_finish(common::QUESTIONS);
    t.wait_for("saved for the workshop");
    // The footer may still show the first save: wait for the file.
    let start = std::time::Instant::now();
    let changed = loop {
        let files = server.wait_results(1, 10);
        assert_eq!(files.len(), 1, "{files:?}");
        let changed = read_json(&files[0]);
        if changed["answers"][0] == 1 || start.elapsed().as_secs() > 10 {
            break changed;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(changed["answers"][0], 1, "the changed answer");
    assert_eq!(changed["id"], id.as_str());
    // Change it back, so the rest of the test sees the score's result.
    t.keys(&["Left"]);
    t.wait_for("review · 40 of 40 answered");
    t.keys(&["Home", "e"]);
    t.wait_for("1 / 40");
    t.send_literal("5");
    t.keys(&["Enter"]);
    t.wait_for("review · 40 of 40 answered");
    t.keys(&["Enter"]);
    t.wait_for("saved for the workshop");
    // q at the results quits; the terminal is restored and the share code
    // stays in the participant's scrollback.
    t.keys(&["q"]);
    let end = t.wait_for("EXIT=0");
    let code_line = format!("Share code: {}", want["share_code"].as_str().unwrap());
    assert!(end.contains(&code_line), "{end}");
    let (status, rest) = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(rest.contains("Stopped. 1 result(s) saved"), "{rest}");
    let log = server.log();
    assert!(log.contains("started (1 of 300), nickname sam"), "{log}");
}

#[test]
fn a_wrong_join_code_is_refused_after_a_delay() {
    need_ssh();
    let server = Server::start(&["--join-code", "tiger42"]);
    // An askpass that answers "lion" and keeps every prompt it was shown.
    let dir = tempfile::tempdir().unwrap();
    let prompts = dir.path().join("prompts");
    let script = dir.path().join("askpass");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\necho lion\n",
            prompts.display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let start = Instant::now();
    let out = server
        .ssh_answering("lion")
        .env("SSH_ASKPASS", &script)
        .args(["-o", "NumberOfPasswordPrompts=1", "x@127.0.0.1"])
        .output()
        .expect("ssh runs");
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(255));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Permission denied (keyboard-interactive)"),
        "{err}"
    );
    // Each wrong code is answered after a delay, the first two with the
    // prompt again saying so, the third with a refusal (issue 16).
    let shown = std::fs::read_to_string(&prompts).unwrap();
    assert_eq!(shown.matches("Join code:").count(), 3, "{shown}");
    assert_eq!(
        shown
            .matches("That join code is not right; check it and try again.")
            .count(),
        2,
        "{shown}"
    );
    assert!(
        took >= Duration::from_millis(4400),
        "three wrong codes took only {took:?}"
    );
    assert_eq!(
        server.log().matches("wrong join code").count(),
        3,
        "{}",
        server.log()
    );
    assert!(server.results().is_empty());
}

/// An askpass script that answers `answer` and appends each prompt it was
/// shown to `log`.
fn recording_askpass(
    dir: &std::path::Path,
    answer: &str,
    log: &std::path::Path,
) -> std::path::PathBuf {
    let script = dir.join(format!("askpass-{answer}"));
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\necho {answer}\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Issue 16: 20 wrong codes from one address lock that address out for a
/// while (even the right code is refused, and the prompt says why), while
/// the right code from another address still gets in.
#[test]
fn twenty_wrong_codes_lock_one_address_out_but_not_another() {
    need_ssh();
    let server = Server::start(&["--join-code", "tiger42"]);
    let dir = tempfile::tempdir().unwrap();
    let wrong_log = dir.path().join("wrong");
    let wrong = recording_askpass(dir.path(), "lion", &wrong_log);
    // 7 clients at once, 3 wrong codes each: 21 from 127.0.0.1.
    let children: Vec<_> = (0..7)
        .map(|_| {
            server
                .ssh_answering("lion")
                .env("SSH_ASKPASS", &wrong)
                .args(["-o", "NumberOfPasswordPrompts=1", "x@127.0.0.1"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        c.wait().unwrap();
    }
    let log = server.log();
    assert!(
        log.contains("20 wrong join codes: address locked out for 5 min"),
        "{log}"
    );
    // The right code from the locked address: refused, and told why.
    let right_log = dir.path().join("right");
    let right = recording_askpass(dir.path(), "tiger42", &right_log);
    let out = server
        .ssh_answering("tiger42")
        .env("SSH_ASKPASS", &right)
        .args(["-o", "NumberOfPasswordPrompts=1", "x@127.0.0.1", "true"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255));
    let shown = std::fs::read_to_string(&right_log).unwrap();
    assert!(
        shown.contains(
            "Too many wrong join codes from your network; joining is paused for about 5 min."
        ),
        "{shown}"
    );
    assert!(
        server
            .log()
            .contains("join code not checked: address locked out")
    );
    // From another address the right code gets in (the command is then
    // refused, which only an authenticated client gets to hear).
    let out = server
        .ssh_answering("tiger42")
        .args(["-b", "127.0.0.2", "x@127.0.0.1", "true"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("exec request failed"), "{err}");
}

#[test]
fn commands_subsystems_and_forwarding_are_refused() {
    need_ssh();
    let server = Server::start(&["--join-code", "tiger42"]);
    let run = |args: &[&str]| {
        let out = server
            .ssh_answering("TIGER42")
            .args(args)
            .output()
            .expect("ssh runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["x@127.0.0.1", "cat", "/etc/passwd"]);
    assert_eq!(code, Some(255));
    assert!(err.contains("exec request failed"), "{err}");
    let (code, err) = run(&["-s", "x@127.0.0.1", "sftp"]);
    assert_eq!(code, Some(255));
    assert!(err.contains("subsystem request failed"), "{err}");
    let (code, err) = run(&[
        "-N",
        "-o",
        "ExitOnForwardFailure=yes",
        "-R",
        "0:127.0.0.1:9",
        "x@127.0.0.1",
    ]);
    assert_eq!(code, Some(255));
    assert!(err.contains("remote port forwarding failed"), "{err}");
    let log = server.log();
    assert!(log.contains("refused running a command"), "{log}");
    assert!(log.contains("refused the sftp subsystem"), "{log}");
    assert!(log.contains("refused remote port forwarding"), "{log}");
}

#[test]
fn without_a_pty_the_server_explains_and_closes() {
    need_ssh();
    let server = Server::start(&["--join-code", "tiger42"]);
    let out = server
        .ssh_answering("tiger42")
        .args(["-T", "x@127.0.0.1"])
        .output()
        .expect("ssh runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let want = format!(
        "careerfit needs a terminal. Connect with: ssh -t -p {} anyname@127.0.0.1",
        server.port
    );
    assert!(text.contains(&want), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_sequences_resize_and_clipboard_reach_the_participant() {
    let server = Server::start(&["--join-code", "tiger42"]);
    let mut p = Participant::start(server.port, "ada", "tiger42", 80, 24)
        .await
        .unwrap();
    p.wait_for("Enter start", SECS).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("1 / 40", SECS).await.unwrap();
    // SS3 and CSI arrows, one split across two packets: ↓ ↓ ↓ ↑ leaves the
    // highlight on option 2, and → confirms it.
    p.send(b"\x1bOB\x1b[").await.unwrap();
    p.send(b"B\x1bOB\x1b[A").await.unwrap();
    p.send(b"\x1b[C").await.unwrap();
    p.wait_for("2 / 40", SECS).await.unwrap();
    // Ctrl-Z does nothing on the server; a lone Esc asks to quit; n stays.
    p.send(b"\x1a").await.unwrap();
    p.send(b"\x1b").await.unwrap();
    p.wait_for("Quit the quiz?", SECS).await.unwrap();
    p.send(b"n").await.unwrap();
    p.send(b"\x1b[D").await.unwrap();
    let s = p.wait_for("1 / 40", SECS).await.unwrap();
    assert!(
        s.contains("2 ● Disagree"),
        "option 2 chosen by arrows:\n{s}"
    );
    // A window change re-lays out the screen at the new size.
    p.resize(120, 40).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("2 / 40", SECS).await.unwrap();
    for _ in 1..40 {
        p.send(b"1\r").await.unwrap();
    }
    p.wait_for("40 of 40 answered", SECS).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("Confidence ", SECS).await.unwrap();
    // c asks the participant's terminal (not the server's) to copy the card.
    p.send(b"c").await.unwrap();
    p.wait_for("OSC 52", SECS).await.unwrap();
    let clip = p.term.callbacks().0.clone();
    assert_eq!(clip.len(), 1);
    use base64::Engine;
    let card = base64::engine::general_purpose::STANDARD
        .decode(&clip[0])
        .unwrap();
    assert!(String::from_utf8_lossy(&card).contains("Share code"));
    // Ctrl-C at the results quits at once; the alternate screen is left.
    p.send(b"\x03").await.unwrap();
    assert_eq!(p.wait_closed(SECS).await.unwrap(), Some(0));
    assert!(!p.term.screen().alternate_screen());
    assert!(!p.term.screen().hide_cursor());
    assert!(p.screen().contains("Your result: "), "{}", p.screen());
    let files = server.wait_results(1, 10);
    assert_eq!(read_json(&files[0])["name"], "ada");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_turns_people_away_politely() {
    let server = Server::start(&["--open", "--max-sessions", "1"]);
    assert!(
        server.banner.contains("Join code: none"),
        "{}",
        server.banner
    );
    let mut first = Participant::start(server.port, "a", "", 80, 24)
        .await
        .unwrap();
    first.wait_for("Enter start", SECS).await.unwrap();
    let mut second = Participant::start(server.port, "b", "", 80, 24)
        .await
        .unwrap();
    let s = second
        .wait_for("try again in a minute", SECS)
        .await
        .unwrap();
    assert!(s.contains("the session is full"), "{s}");
    assert_eq!(second.wait_closed(SECS).await.unwrap(), Some(1));
    first.send(b"q").await.unwrap();
    assert_eq!(first.wait_closed(SECS).await.unwrap(), Some(0));
    // The place is free again.
    let mut third = Participant::start(server.port, "c", "", 80, 24)
        .await
        .unwrap();
    third.wait_for("Enter start", SECS).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_with_a_note() {
    let server = Server::start(&["--open", "--idle-timeout", "1s"]);
    let mut p = Participant::start(server.port, "z", "", 80, 24)
        .await
        .unwrap();
    p.wait_for("Enter start", SECS).await.unwrap();
    assert_eq!(p.wait_closed(SECS).await.unwrap(), Some(1));
    assert!(
        p.screen()
            .contains("Closed after 1 second without a key press"),
        "{}",
        p.screen()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_new_sessions_and_waits_for_running_ones() {
    let mut server = Server::start(&["--open"]);
    let port = server.port;
    let mut p = Participant::start(port, "r", "", 80, 24).await.unwrap();
    p.wait_for("Enter start", SECS).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("1 / 40", SECS).await.unwrap();
    server.signal_interrupt();
    p.wait_for("The room is closing", SECS).await.unwrap();
    assert!(
        Participant::start(port, "late", "", 80, 24).await.is_err(),
        "no new sessions"
    );
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "still serving the running session"
    );
    for _ in 0..40 {
        p.send(b"2\r").await.unwrap();
    }
    p.wait_for("40 of 40 answered", SECS).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("Confidence ", SECS).await.unwrap();
    p.send(b"q").await.unwrap();
    assert_eq!(p.wait_closed(SECS).await.unwrap(), Some(0));
    let (status, rest) = tokio::task::spawn_blocking(move || server.finish(10))
        .await
        .unwrap();
    assert!(status.success(), "{status:?}");
    assert!(rest.contains("Stopped. 1 result(s) saved"), "{rest}");
}

#[test]
fn bad_arguments_are_explained() {
    let d = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--listen", "nonsense"], "error: --listen nonsense:"),
        (
            &["--idle-timeout", "2d"],
            "expected a duration such as 90s, 10m or 1h",
        ),
        (&["--join-code", "two words"], "may not contain spaces"),
        (
            &["--join-code", "a"],
            "the join code is too easy to guess: use at least 6 characters",
        ),
        (
            &["--join-code", "aaaaaaaa"],
            "the join code is too easy to guess",
        ),
        (
            &["--join-code", "ababab"],
            "the join code is too easy to guess",
        ),
        (&["--seed", "1", "--no-shuffle"], "cannot be used with"),
        (&["--open", "--join-code", "tiger42"], "cannot be used with"),
        (&["--max-sessions", "0"], "--max-sessions"),
        (
            &["--per-address-rate", "fast"],
            "invalid value 'fast' for '--per-address-rate <RATE>': \
             expected a rate such as 10/s or 90/m, got \"fast\"",
        ),
        (
            &["--per-address-rate", "0/s"],
            "the rate must be between 1/m and 10000/s",
        ),
        (
            &["--per-address-burst", "0"],
            "invalid value '0' for '--per-address-burst <N>': 0 is not in 1..=100000",
        ),
    ];
    for (args, want) in cases {
        let out = Cmd::new(ssh_client::bin())
            .arg("serve")
            .args(*args)
            .env("CAREERFIT_DATA_DIR", d.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let key = d.path().join("junk_key");
    std::fs::write(&key, "junk").unwrap();
    let out = Cmd::new(ssh_client::bin())
        .args(["serve", "--host-key"])
        .arg(&key)
        .arg("--results")
        .arg(d.path().join("r"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        format!("error: {}: not an OpenSSH private key", key.display())
    );
}

/// Issue 20: Ctrl-L over SSH clears the participant's screen and sends
/// every cell again, over whatever else was written on their terminal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_l_repaints_the_participants_screen() {
    let server = Server::start(&["--join-code", "tiger42"]);
    let mut p = Participant::start(server.port, "ada", "tiger42", 60, 16)
        .await
        .unwrap();
    p.wait_for("Enter start", SECS).await.unwrap();
    // Something else scribbles on the participant's own terminal.
    p.term.process(b"\x1b[3;5HSTRAY-OUTPUT-XYZ");
    assert!(p.screen().contains("STRAY-OUTPUT-XYZ"));
    p.send(b"\x0c").await.unwrap();
    let start = std::time::Instant::now();
    while p.screen().contains("STRAY") {
        assert!(start.elapsed() < SECS, "not repainted:\n{}", p.screen());
        let _ = p.wait_for("never-shown", Duration::from_millis(100)).await;
    }
    assert!(p.screen().contains("Enter start"), "{}", p.screen());
    // At 60x16 the welcome text scrolls; its end says where the result
    // goes, which must be reachable (issue 20).
    assert!(p.screen().contains("more below"), "{}", p.screen());
    p.send(b"G").await.unwrap();
    p.wait_for("saved for the workshop facilitator", SECS)
        .await
        .unwrap();
}

/// The server used to decide whether a result was saved by looking for the
/// English word "Submitted" in the status line, so a Japanese quiz's
/// participant was told their saved result could not be saved, and the
/// closing count left it out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_japanese_quiz_over_ssh_is_saved_and_counted() {
    let mut server = Server::start(&["--join-code", "tiger42", "--quiz", "pm-vs-pd-ja"]);
    let mut p = Participant::start(server.port, "aki", "tiger42", 100, 30)
        .await
        .unwrap();
    p.wait_for("開始", SECS).await.unwrap();
    p.send(b"\r").await.unwrap();
    p.wait_for("1 / 40", SECS).await.unwrap();
    let answers: Vec<&str> = common::PM_SPEC.split(',').collect();
    let n = answers.len();
    for (q, a) in answers.iter().enumerate() {
        p.send(format!("{a}\r").as_bytes()).await.unwrap();
        let next = if q + 1 < n {
            format!("{} / {n}", q + 2)
        } else {
            format!("{n} 問中 {n} 問に回答")
        };
        p.wait_for(&next, SECS).await.unwrap();
    }
    p.send(b"\r").await.unwrap();
    let s = p.wait_for("saved for the workshop", SECS).await.unwrap();
    assert!(!s.contains("could not be saved"), "{s}");
    assert_eq!(server.wait_results(1, 10).len(), 1);
    p.send(b"q").await.unwrap();
    p.wait_closed(SECS).await.unwrap();
    let (status, rest) = server.interrupt();
    assert!(status.success());
    assert!(rest.starts_with("Stopped. 1 result(s) saved in "), "{rest}");
}
