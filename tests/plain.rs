//! `take --plain`, the line-by-line quiz for screen readers (issue 20):
//! scripted sessions through the real binary, a kill mid-quiz and a
//! resume, `--ascii` and the automatic ASCII of `TERM=dumb` and a `C`
//! locale, and espeak-ng reading the output aloud into a file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use assert_cmd::Command;
use common::PM_SPEC;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// `take --plain --no-shuffle` with a private data folder, a UTF-8
/// locale and an ordinary terminal type, unless a test says otherwise.
fn plain(data: &Path) -> Command {
    let mut c = Command::cargo_bin("careerfit").unwrap();
    c.args(["take", "--plain", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", data)
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm-256color");
    c
}

/// One answer a line.
fn lines(answers: &str) -> String {
    answers.split(',').map(|a| format!("{a}\n")).collect()
}

/// Every answer of `PM_SPEC`, then Enter for the result.
fn whole_quiz() -> String {
    lines(PM_SPEC) + "\n"
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn the_disclaimer_and_privacy_note_come_first_and_the_result_ends_with_the_code() {
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path()).write_stdin(whole_quiz()).output().unwrap();
    assert!(o.status.success(), "{o:?}");
    let s = stdout(&o);
    let first_question = s.find("Question 1 of 40:").unwrap();
    for said in [
        "What it is not:",
        "has not been scientifically validated",
        "Your answers stay on this machine.",
        "Your progress is saved after every answer",
    ] {
        let at = s
            .find(said)
            .unwrap_or_else(|| panic!("{said:?} missing:\n{s}"));
        assert!(at < first_question, "{said:?} after the first question");
    }
    let score = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["score", "--answers", PM_SPEC, "--format", "json"])
        .output()
        .unwrap();
    let want: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    let code = want["share_code"].as_str().unwrap();
    let steps = s.find("Next steps:").expect("next steps");
    let tail: Vec<&str> = s.trim_end().lines().rev().take(2).collect();
    assert_eq!(
        tail,
        [
            format!("See it again: careerfit show {code}").as_str(),
            format!("Share code: {code}").as_str()
        ]
    );
    assert!(steps < s.rfind("Share code:").unwrap());
    assert!(s.contains(&format!(
        "{}: {}",
        want["recommendation"]["headline"].as_str().unwrap(),
        want["recommendation"]["title"].as_str().unwrap()
    )));
    // Numbers, not bars: a screen reader reads a bar as a row of symbols.
    assert!(s.contains("\nProduct Management: 97\n"), "{s}");
    assert!(!s.contains('█') && !s.contains("###"), "{s}");
    // The finished quiz leaves no progress behind.
    assert!(!d.path().join("progress/pm-vs-pd.json").exists());
}

#[test]
fn a_typo_repeats_only_the_answer_prompt() {
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path()).write_stdin("1\nx\n9\n\n").output().unwrap();
    let s = stdout(&o);
    let at = s.find("Question 2 of 40:").unwrap();
    let after = &s[at..];
    assert_eq!(after.matches("Question 2 of 40:").count(), 1, "{after}");
    let again = "Please type a number from 1 to 5, or s, b or q.\nYour answer (1-5, s, b, q): ";
    assert_eq!(after.matches(again).count(), 3, "{after}");
    assert!(!s.contains("Question 3 of 40:"));
}

#[test]
fn going_back_says_what_was_answered_and_enter_keeps_it() {
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path())
        .write_stdin("1\n2\nb\n\n4\n")
        .output()
        .unwrap();
    let s = stdout(&o);
    let back = s.rfind("Question 2 of 40:").unwrap();
    let rest = &s[back..];
    assert!(
        rest.contains("You answered 2: Disagree. Enter keeps it.\nYour answer (1-5, s, b, q): "),
        "{rest}"
    );
    // Enter kept answer 2 and moved on; question 3 took the 4.
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("progress/pm-vs-pd.json")).unwrap())
            .unwrap();
    assert_eq!(
        saved["answers"],
        serde_json::json!([
            0, 1, 3, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null
        ])
    );
    assert_eq!(saved["pos"], 3);
}

#[test]
fn quitting_with_answers_asks_first() {
    let d = tempfile::tempdir().unwrap();
    // q, then n (go on), answer, q, then y.
    let o = plain(d.path())
        .write_stdin("1\nq\nn\n2\nq\ny\n")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let s = stdout(&o);
    let ask = "You have answered 1 of 40 questions. Your progress is saved; run the quiz again to resume.\nQuit now? (y quits, n goes on): ";
    assert!(s.contains(ask), "{s}");
    // After n, only the answer prompt comes back, on the same question.
    let after_n = &s[s.find(ask).unwrap() + ask.len()..];
    assert!(
        after_n.starts_with("Your answer (1-5, s, b, q): "),
        "{after_n}"
    );
    assert!(s.contains("You have answered 2 of 40 questions."));
    assert!(
        s.trim_end().ends_with("Stopped; nothing was scored."),
        "{s}"
    );
    // With nothing answered, q quits at once.
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path()).write_stdin("q\n").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).contains("Quit now?"));
}

#[test]
fn input_that_ends_early_exits_2_and_keeps_the_progress() {
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path()).write_stdin("1\n2\n").output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert_eq!(
        String::from_utf8(o.stderr.clone()).unwrap(),
        "error: input ended before the quiz was finished\n"
    );
    assert!(stdout(&o).contains(
        "Input ended before the quiz was finished; nothing was scored. Your progress is saved: run the quiz again to resume."
    ));
    // Input that ends after the last question (a script of answers)
    // shows the result.
    let o = plain(tempfile::tempdir().unwrap().path())
        .write_stdin(lines(PM_SPEC))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Share code: "));
    // Nothing at all.
    let o = plain(d.path()).write_stdin("").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// The progress file, once it holds `n` answers.
fn wait_for_answers(data: &Path, n: usize) {
    let file = data.join("progress/pm-vs-pd.json");
    let start = Instant::now();
    loop {
        let count = std::fs::read(&file)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| {
                v["answers"]
                    .as_array()
                    .map(|a| a.iter().filter(|x| !x.is_null()).count())
            });
        if count == Some(n) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "progress never held {n} answers"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_killed_session_resumes_where_it_stopped() {
    let d = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_careerfit"))
        .args(["take", "--plain", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", d.path())
        .env("LANG", "en_US.UTF-8")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"4\n2\n5\n").unwrap();
    stdin.flush().unwrap();
    wait_for_answers(d.path(), 3);
    child.kill().unwrap(); // SIGKILL: nothing runs after it
    child.wait().unwrap();
    drop(stdin);
    let o = plain(d.path()).write_stdin("y\nb\n").output().unwrap();
    let s = stdout(&o);
    assert!(
        s.contains("You have saved progress: 3 of 40 questions answered.\nResume where you left off? (y resumes, n starts over, q quits): "),
        "{s}"
    );
    let resumed = s.find("Question 4 of 40:").expect("resumed at question 4");
    assert!(!s[..resumed].contains("Question 1 of 40:"), "{s}");
    assert!(
        s[resumed..].contains("You answered 5: Strongly agree."),
        "{s}"
    );
    // n starts over instead, and forgets the progress.
    let o = plain(d.path()).write_stdin("n\n").output().unwrap();
    assert!(stdout(&o).contains("Question 1 of 40:"));
    assert!(!d.path().join("progress/pm-vs-pd.json").exists());
}

/// Every byte below 128.
fn assert_ascii(what: &str, bytes: &[u8]) {
    if let Some(at) = bytes.iter().position(|&b| b >= 128) {
        let from = at.saturating_sub(40);
        panic!(
            "{what}: byte {at} is {:#x}: {:?}",
            bytes[at],
            String::from_utf8_lossy(&bytes[from..(at + 10).min(bytes.len())])
        );
    }
}

#[test]
fn ascii_output_is_every_byte_below_128() {
    // --ascii, TERM=dumb (which also means plain) and a C locale.
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path())
        .arg("--ascii")
        .write_stdin(whole_quiz())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_ascii("--ascii", &o.stdout);
    assert!(stdout(&o).contains("Share code: "));
    let o = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["take", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", tempfile::tempdir().unwrap().path())
        .env("TERM", "dumb")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(whole_quiz())
        .output()
        .unwrap();
    assert!(o.status.success(), "TERM=dumb takes the plain quiz: {o:?}");
    assert_ascii("TERM=dumb", &o.stdout);
    for (k, v) in [
        ("LANG", "C"),
        ("LC_ALL", "POSIX"),
        ("LANG", "en_US.ISO-8859-1"),
    ] {
        let o = plain(tempfile::tempdir().unwrap().path())
            .env(k, v)
            .write_stdin(whole_quiz())
            .output()
            .unwrap();
        assert_ascii(&format!("{k}={v}"), &o.stdout);
    }
    // A UTF-8 locale keeps the quiz's own punctuation.
    let o = plain(tempfile::tempdir().unwrap().path())
        .write_stdin(whole_quiz())
        .output()
        .unwrap();
    assert!(stdout(&o).contains("“"), "UTF-8 output is not made ASCII");
}

#[test]
fn show_ascii_is_pure_ascii_in_every_format() {
    let code = {
        let o = Command::cargo_bin("careerfit")
            .unwrap()
            .args(["score", "--answers", PM_SPEC, "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["share_code"].as_str().unwrap().to_string()
    };
    for format in ["text", "markdown", "json", "svg"] {
        let o = Command::cargo_bin("careerfit")
            .unwrap()
            .args(["show", &code, "--ascii", "--format", format])
            .output()
            .unwrap();
        assert!(o.status.success());
        assert_ascii(format, &o.stdout);
    }
    let plain_json = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["show", &code, "--format", "json"])
        .output()
        .unwrap();
    let ascii_json = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["show", &code, "--format", "json", "--ascii"])
        .output()
        .unwrap();
    let a: serde_json::Value = serde_json::from_slice(&plain_json.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&ascii_json.stdout).unwrap();
    assert_eq!(a, b, "--ascii JSON is the same document, escaped");
}

/// espeak-ng reads the ASCII output of a whole session into a WAV file:
/// it must read it through (a long file, not a few words), and what it
/// says must not be symbol names: the phonemes it reports have no
/// "hash", "asterisk", "tilde" or "arrow" in them.
#[test]
fn espeak_ng_reads_the_ascii_session_aloud() {
    if std::process::Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: espeak-ng is not installed (.ci/run installs it)");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let o = plain(d.path())
        .arg("--ascii")
        .write_stdin(whole_quiz())
        .output()
        .unwrap();
    let text = d.path().join("session.txt");
    std::fs::write(&text, &o.stdout).unwrap();
    let wav = d.path().join("session.wav");
    let spoken = std::process::Command::new("espeak-ng")
        .args(["-x", "-s", "400", "-w"])
        .arg(&wav)
        .arg("-f")
        .arg(&text)
        .output()
        .unwrap();
    assert!(spoken.status.success(), "{spoken:?}");
    let phonemes = String::from_utf8_lossy(&spoken.stdout);
    // 16-bit mono at 22050 Hz: well over a minute of speech even at 400 words a minute.
    let size = std::fs::metadata(&wav).unwrap().len();
    assert!(size > 22_050 * 2 * 60, "only {size} bytes of speech");
    // Symbol names espeak-ng says for ASCII punctuation that carries no
    // meaning here (checked by hand: `espeak-ng -x '#'` is h'aS).
    for (name, sound) in [
        ("hash", "h'aS"),
        ("asterisk", "'ast@r"),
        ("tilde", "t'Ild@"),
    ] {
        assert!(
            !phonemes.contains(sound),
            "espeak-ng says {name:?} while reading the session"
        );
    }
    assert!(phonemes.contains("str'0Nli"), "'strongly' was read");
}
