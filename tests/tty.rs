//! The real binary in a real terminal (tmux): what a person sees.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use common::tmux::{Tmux, available};
use std::process::Command;

/// Prints the `icanon` and `echo` flags, then a marker that the typed
/// command itself does not contain.
const STTY: &str =
    "stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo STTY-$((1+1))";

fn score_json(spec: &str) -> serde_json::Value {
    let out = Command::new(Tmux::bin())
        .args(["score", "--format", "json", "--answers", spec])
        .output()
        .expect("score runs");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn answering_every_question_shows_the_score_result_and_restores_the_terminal() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let t = Tmux::start("e2e", 100, 30);
    t.careerfit("--no-shuffle; echo EXIT=$?");
    t.wait_for("Enter start");
    t.keys(&["Enter"]);
    let spec = common::PM_SPEC;
    for (i, d) in spec.split(',').enumerate() {
        t.wait_for(&format!("{} / 40", i + 1));
        t.send_literal(d);
        t.keys(&["Enter"]);
    }
    t.wait_for("review · 40 of 40 answered");
    // Resizing mid-way keeps everything; the review still lists the answers.
    t.resize(80, 24);
    t.wait_for("Enter see result");
    t.keys(&["Enter"]);
    let want = score_json(spec);
    // Wait for the last line of the frame (the share code), not just the
    // first, so the whole result has landed before it is read.
    let code = want["share_code"].as_str().unwrap();
    let screen = t.wait_for(&format!("Share code {code}"));
    let title = want["recommendation"]["title"].as_str().unwrap();
    let label = want["recommendation"]["headline"].as_str().unwrap();
    let headline = screen
        .lines()
        .find(|l| l.contains(&format!("{label}:")))
        .unwrap();
    assert_eq!(headline.trim(), format!("{label}: {title}"));
    // At the results nothing can be lost, so q quits at once.
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.run(STTY);
    let s = t.wait_for("STTY-2");
    assert!(s.contains("icanon echo"), "terminal not restored:\n{s}");
}

#[test]
fn quitting_mid_quiz_asks_and_y_confirms() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let t = Tmux::start("quit", 80, 24);
    t.careerfit("--no-shuffle; echo EXIT=$?");
    t.wait_for("Enter start");
    t.keys(&["Enter", "3", "Enter"]);
    t.wait_for("2 / 40");
    t.keys(&["q"]);
    t.wait_for("Quit the quiz?");
    t.keys(&["n"]);
    t.wait_for("2 / 40");
    t.keys(&["C-c"]);
    t.wait_for("Quit the quiz?");
    t.keys(&["y"]);
    t.wait_for("EXIT=0");
    t.run(STTY);
    assert!(t.wait_for("STTY-2").contains("icanon echo"));
}

#[test]
fn not_a_terminal_explains_instead_of_drawing() {
    let out = Command::new(Tmux::bin())
        .arg("take")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(
        err.contains("--plain") && err.contains("careerfit score"),
        "{err}"
    );
}
