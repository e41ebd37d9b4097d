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
    t.answer_all(&spec.split(',').collect::<Vec<_>>());
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
    // At the results nothing can be lost, so q quits at once, and the
    // result and its share code stay on the terminal (issue 20).
    t.keys(&["q"]);
    let after = t.wait_for("EXIT=0");
    // tmux wraps the long line at 80 columns (and drops the space there).
    let squeezed = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        after.contains(&format!("Your result: {label}: {title}\n"))
            && squeezed(&after).contains(&squeezed(&format!(
                "Share code: {code}  (see it again: careerfit show {code})"
            ))),
        "{after}"
    );
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

/// Issue 16: one participant finishes, goes back, changes an answer and
/// submits again: the folder holds one result, with the changed answer,
/// and `aggregate` counts one.
#[test]
fn resubmitting_after_changing_an_answer_replaces_the_result() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let t = Tmux::start("resubmit", 100, 30);
    let dir = tempfile::tempdir().unwrap();
    t.careerfit(&format!(
        "take --no-shuffle --submit {}; echo EXIT=$?",
        dir.path().display()
    ));
    t.wait_for("Enter start");
    t.keys(&["Enter"]);
    t.answer_all(&common::PM_SPEC.split(',').collect::<Vec<_>>());
    t.keys(&["Enter"]);
    t.wait_for("Submitted to the workshop as");
    let files = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };
    assert_eq!(files().len(), 1);
    // ← back to the review, first question, change its answer, submit again.
    t.change_first_answer_and_finish(common::QUESTIONS);
    t.wait_for("Submitted to the workshop as");
    // The footer may still show the first submission: wait for the file.
    let start = std::time::Instant::now();
    let saved = loop {
        let after = files();
        assert_eq!(after.len(), 1, "{after:?}");
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&after[0]).unwrap()).unwrap();
        if saved["answers"][0] == 1 || start.elapsed().as_secs() > 10 {
            break saved;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(saved["answers"][0], 1, "the changed answer");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let out = Command::new(Tmux::bin())
        .args(["aggregate", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["total"], 1);
}

/// Issue 20: `TERM=dumb` cannot show a full screen: the quiz is the plain
/// one, in ASCII, in the terminal's normal screen; a typo repeats only the
/// answer prompt; q with an answer asks first.
#[test]
fn term_dumb_takes_the_plain_quiz_in_the_normal_screen() {
    assert!(available(), "tmux is required for this test");
    let t = Tmux::start("dumb", 100, 30);
    t.run(&format!(
        "CAREERFIT_DATA_DIR={} TERM=dumb LANG=en_US.UTF-8 {} --no-shuffle; echo EXIT=$?",
        t.data_dir.path().display(),
        Tmux::bin().display()
    ));
    t.wait_for("Your answer (1-5, s, b, q):");
    assert_eq!(t.format("#{alternate_on}"), "0", "no full screen");
    t.send_literal("4");
    t.keys(&["Enter"]);
    t.wait_for("Question 2 of 40:");
    t.send_literal("x");
    t.keys(&["Enter"]);
    t.wait_for("Please type a number from 1 to 5, or s, b or q.");
    t.send_literal("q");
    t.keys(&["Enter"]);
    t.wait_for("Quit now? (y quits, n goes on):");
    t.send_literal("y");
    t.keys(&["Enter"]);
    let s = t.wait_for("EXIT=0");
    assert!(s.contains("Stopped; nothing was scored."), "{s}");
    assert!(s.is_ascii(), "{s}");
}
