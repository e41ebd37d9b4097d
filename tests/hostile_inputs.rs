//! Issue 14: hostile folders, result files, codes, names and special files.
//! Each test names the case of the issue it covers; each failed before the
//! fix. Peak memory is read from `/usr/bin/time -v` where it is installed
//! (a bound on memory, not a timing).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(20);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_careerfit")
}

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// Peak resident memory in KiB, when `/usr/bin/time` is there.
    peak_kib: Option<u64>,
    elapsed: Duration,
}

const TIME: &str = "/usr/bin/time";

/// Runs careerfit (under `/usr/bin/time -v` when available) with `stdin`.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &Path)]) -> Out {
    let timed = Path::new(TIME).exists();
    let report = dir.join(".time-report");
    let mut c = if timed {
        let mut c = Command::new(TIME);
        c.arg("-v").arg("-o").arg(&report).arg(bin());
        c
    } else {
        Command::new(bin())
    };
    c.current_dir(dir)
        .args(args)
        .write_stdin(stdin.to_vec())
        .timeout(LIMIT * 3);
    for (k, v) in env {
        c.env(k, v);
    }
    let start = Instant::now();
    let o = c.output().expect("run careerfit");
    let elapsed = start.elapsed();
    let peak_kib = timed
        .then(|| std::fs::read_to_string(&report).ok())
        .flatten()
        .and_then(|t| {
            t.lines()
                .find_map(|l| {
                    l.trim()
                        .strip_prefix("Maximum resident set size (kbytes): ")
                })
                .and_then(|n| n.trim().parse().ok())
        });
    let _ = std::fs::remove_file(&report);
    Out {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        peak_kib,
        elapsed,
    }
}

fn run(dir: &Path, args: &[&str]) -> Out {
    run_in(dir, args, b"", &[])
}

/// A real result of the default quiz, as JSON.
fn real_result() -> Value {
    let q = common::default_quiz();
    let answers: Vec<Option<usize>> = q.questions.iter().map(|_| Some(0)).collect();
    let r = careerfit::core::report::build(&q, &answers, None);
    serde_json::from_str(&r.to_json()).unwrap()
}

/// The amplification file of the issue: a made-up quiz whose result lists
/// `profiles` copies of a tiny profile, kept under the 1 MiB cap.
fn amplifier(quiz_id: &str, profiles: usize) -> String {
    let mut v = real_result();
    v["quiz"]["id"] = quiz_id.into();
    v["quiz"]["fingerprint"] = format!("{quiz_id}-fp").into();
    v["profiles"] = Value::Array(vec![
        serde_json::json!({"id":"a","name":"","fit":null,"se":0});
        profiles
    ]);
    let s = v.to_string();
    assert!(s.len() < 1 << 20, "{}", s.len());
    s
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

/// Case 1: 32 amplification files once took `aggregate` to 6.5 GB.
#[test]
fn amplification_files_are_refused_in_little_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("room");
    std::fs::create_dir(&d).unwrap();
    for i in 0..32 {
        std::fs::write(
            d.join(format!("quiz-{i:02}.json")),
            amplifier(&format!("quiz-{i:02}"), 25_630),
        )
        .unwrap();
    }
    std::fs::write(d.join("real.json"), real_result().to_string()).unwrap();
    let o = run(tmp.path(), &["aggregate", "room"]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let want: String = (0..32)
        .map(|i| {
            format!(
                "warning: skipped room/quiz-{i:02}.json: it has 25630 profiles, more than the 32 a quiz can have\n"
            )
        })
        .collect();
    let mut got: Vec<&str> = o.stderr.lines().collect();
    got.sort_unstable();
    assert_eq!(got.join("\n") + "\n", want);
    assert!(
        o.stdout.contains("Results read: 1 · inputs skipped: 32\n"),
        "{}",
        o.stdout
    );
    if let Some(kib) = o.peak_kib {
        assert!(kib < 100 * 1024, "peak {kib} KiB");
    }
}

/// Case 1, the other half: made-up quizzes as large as the loader allows
/// are counted by id, and nothing of their structure is kept.
#[test]
fn unknown_quizzes_are_counted_by_id_only() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("room");
    std::fs::create_dir(&d).unwrap();
    for i in 0..32 {
        let mut v = real_result();
        v["quiz"]["id"] = format!("made-up-{i:02}").into();
        v["answers"] = Value::Array(vec![9.into(); 5000]);
        v["profiles"] = Value::Array(
            (0..32)
                .map(|p| serde_json::json!({"id": format!("p{p}"), "name": "P", "fit": 50.0, "se": 1}))
                .collect(),
        );
        std::fs::write(d.join(format!("{i}.json")), v.to_string()).unwrap();
    }
    let o = run(tmp.path(), &["aggregate", "--format", "json", "room"]);
    assert_eq!((o.code, o.stderr.as_str()), (Some(0), ""));
    let j: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["total"], 32);
    assert_eq!(j["known"], false);
    assert_eq!(j["profiles"], serde_json::json!([]));
    assert_eq!(j["other_groups"].as_array().unwrap().len(), 31);
    let o = run(tmp.path(), &["aggregate", "room/0.json"]);
    assert!(
        o.stdout.contains(
            "Results: 1\ncareerfit does not know this quiz, so only the count is shown. To see\nthe rest, give its file with --quiz FILE.\n"
        ),
        "{}",
        o.stdout
    );
    // An option no quiz can have is refused.
    let mut v = real_result();
    v["quiz"]["id"] = "made-up".into();
    v["answers"][0] = 10.into();
    std::fs::write(d.join("bad.json"), v.to_string()).unwrap();
    let o = run(tmp.path(), &["aggregate", "room/bad.json"]);
    assert_eq!(
        o.stderr,
        "warning: skipped room/bad.json: question 1 has no option 10 (a quiz has options 1–9)\n\
         error: no results could be read (1 skipped)\n"
    );
}

/// Case 12: ids with a control character or a trailing space split one
/// quiz into many groups, and past 32 results were dropped.
#[test]
fn quiz_ids_are_sanitised_before_grouping() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("room");
    std::fs::create_dir(&d).unwrap();
    for i in 0..100 {
        let mut v = real_result();
        v["quiz"]["id"] = (if i % 2 == 0 {
            "pm-vs-pd\u{7}"
        } else {
            "pm-vs-pd "
        })
        .into();
        // 100 participants: identical answers, so each needs its own id
        // (exact copies of one result count once).
        v["id"] = format!("{i:032x}").into();
        std::fs::write(d.join(format!("{i}.json")), v.to_string()).unwrap();
    }
    let o = run(tmp.path(), &["aggregate", "--format", "json", "room"]);
    assert_eq!((o.code, o.stderr.as_str()), (Some(0), ""));
    let j: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        (j["count"].as_u64(), j["skipped"].as_u64()),
        (Some(100), Some(0))
    );
    assert_eq!(j["quiz"]["id"], "pm-vs-pd");
    assert_eq!(j["known"], true);
    assert_eq!(j["other_groups"], serde_json::json!([]));
}

/// Case 4: a file name with escape sequences reached stdout raw.
#[cfg(unix)]
#[test]
fn file_names_are_sanitised_wherever_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "q\u{1b}]0;pwned\u{7}\u{1b}[2J.ron";
    std::fs::copy("tests/data/minimal.ron", tmp.path().join(evil)).unwrap();
    let o = run(tmp.path(), &["validate", evil]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("q]0;pwned[2J.ron: ok (4 questions, 2 profiles"),
        "{:?}",
        o.stdout
    );
    assert!(!o.stdout.contains('\u{1b}') && !o.stdout.contains('\u{7}'));
    // In a workshop folder, a skipped file's name is cleaned too.
    let d = tmp.path().join("room");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("x\u{1b}[31m.json"), "{}").unwrap();
    let o = run(tmp.path(), &["aggregate", "room"]);
    assert!(
        o.stderr.starts_with("warning: skipped room/x[31m.json: "),
        "{:?}",
        o.stderr
    );
    assert!(!o.stderr.contains('\u{1b}'));
    // A workshop folder's name, when a result is submitted to it.
    let answers = "s\n".repeat(common::default_quiz().questions.len());
    let o = run_in(
        tmp.path(),
        &[
            "take",
            "--plain",
            "--no-shuffle",
            "--submit",
            "w\u{1b}]0;x\u{7}",
        ],
        answers.as_bytes(),
        &[("CAREERFIT_DATA_DIR", tmp.path())],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(
        o.stdout
            .contains("Submitted to the workshop as w]0;x/result-pm-vs-pd-"),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains('\u{1b}') && !o.stdout.contains('\u{7}'));
}

/// Case 5: FIFOs with no writer made these block forever.
#[cfg(unix)]
#[test]
fn fifos_are_refused_at_once_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    mkfifo(&t.join("fifo.ron"));
    let refused = "error: cannot read fifo.ron: it is a named pipe (FIFO), not a regular file\n";
    for args in [
        &["validate", "fifo.ron"][..],
        &["inspect", "--quiz", "fifo.ron"],
        &["take", "--plain", "--quiz", "fifo.ron"],
        &["score", "--quiz", "fifo.ron", "--answers", "1"],
    ] {
        let o = run(t, args);
        assert_eq!((o.code, o.stderr.as_str()), (Some(2), refused), "{args:?}");
        assert!(o.elapsed < LIMIT);
    }
    // Named on the aggregate command line, or inside a folder.
    std::fs::create_dir(t.join("room")).unwrap();
    mkfifo(&t.join("room/r.json"));
    let o = run(t, &["aggregate", "room", "fifo.ron"]);
    assert_eq!(
        o.stderr,
        "warning: skipped room/r.json: it is a named pipe (FIFO), not a regular file\n\
         warning: skipped fifo.ron: it is a named pipe (FIFO), not a regular file\n\
         error: no results could be read (2 skipped)\n"
    );
    // In history, and as the progress file.
    let data = t.join("data");
    std::fs::create_dir_all(data.join("history")).unwrap();
    mkfifo(&data.join("history/20260101-000000-pm-vs-pd.json"));
    std::os::unix::fs::symlink("/dev/zero", data.join("history/zero.json")).unwrap();
    let o = run_in(t, &["history"], b"", &[("CAREERFIT_DATA_DIR", &data)]);
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    assert!(o.stdout.starts_with("No results kept yet."), "{}", o.stdout);
    // As the SSH server's host key.
    mkfifo(&t.join("key"));
    let o = run(t, &["serve", "--host-key", "key", "--results", "r"]);
    assert_eq!(
        (o.code, o.stderr.as_str()),
        (
            Some(2),
            "error: cannot read key: it is a named pipe (FIFO), not a regular file\n"
        )
    );
}

/// Case 6: one bad byte lost a whole codes file.
#[test]
fn a_bad_line_in_codes_is_skipped_and_the_rest_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let code = real_result()["share_code"].as_str().unwrap().to_string();
    let input = format!("{code}\n\u{0}").into_bytes();
    let mut input = input;
    input.pop();
    input.extend_from_slice(b"\xff\n# comment\n");
    input.extend_from_slice(format!("{code}\n").as_bytes());
    input.extend(std::iter::repeat_n(b'A', 100_000));
    input.extend_from_slice(format!("\n{code}").as_bytes());
    let o = run_in(tmp.path(), &["aggregate", "-"], &input, &[]);
    assert_eq!(o.code, Some(0));
    assert_eq!(
        o.stderr,
        "warning: skipped stdin:2: the line is not UTF-8 text\n\
         warning: skipped stdin:5: the line is too long to be a share code\n"
    );
    assert!(
        o.stdout.contains("Results read: 3 · inputs skipped: 2\n"),
        "{}",
        o.stdout
    );
    // The same file as a workshop folder's codes.txt.
    let d = tmp.path().join("room");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("codes.txt"), &input).unwrap();
    let o = run(tmp.path(), &["aggregate", "room/codes.txt"]);
    assert_eq!(
        o.stderr,
        "warning: skipped room/codes.txt:2: the line is not UTF-8 text\n\
         warning: skipped room/codes.txt:5: the line is too long to be a share code\n"
    );
}

/// Case 13: an endless stdin line in `--plain` grew until the program
/// aborted; now a line costs at most its cap.
#[test]
fn plain_mode_reads_bounded_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let line = vec![b'9'; 64 << 20];
    let o = run_in(
        tmp.path(),
        &["take", "--plain", "--no-shuffle"],
        &line,
        &[("CAREERFIT_DATA_DIR", tmp.path())],
    );
    assert!(
        o.stdout
            .contains("Please type a number from 1 to 5, or s, b or q.\n"),
        "{}",
        &o.stdout[o.stdout.len().saturating_sub(300)..]
    );
    assert!(o.stdout.ends_with(
        "Input ended before the quiz was finished; nothing was scored. \
         Your progress is saved: run the quiz again to resume.\n"
    ));
    assert_eq!(o.code, Some(2));
    if let Some(kib) = o.peak_kib {
        assert!(kib < 40 * 1024, "peak {kib} KiB");
    }
}

/// A quiz of `n` questions on a 9-point scale (the loader's largest).
fn big_quiz(n: usize) -> String {
    let base = std::fs::read_to_string("tests/data/minimal.ron").unwrap();
    let base = base.replace(
        r#"scale: ["No", "Maybe", "Yes"],"#,
        r#"scale: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],"#,
    );
    let extra: String = (5..=n)
        .map(|i| format!("        Agreement(id: \"q{i}\", text: \"Q{i}.\", keys: [(dimension: \"alpha\")]),\n"))
        .collect();
    base.replacen(
        "    questions: [\n",
        &format!("    questions: [\n{extra}"),
        1,
    )
}

/// Case 7: a valid quiz of 5,000 questions gave a code `show` refused.
#[test]
fn share_codes_of_the_largest_quiz_work() {
    let tmp = tempfile::tempdir().unwrap();
    let quiz = tmp.path().join("big.ron");
    std::fs::write(&quiz, big_quiz(5000)).unwrap();
    let q = careerfit::core::load::load(&std::fs::read(&quiz).unwrap()).unwrap();
    let answers: Vec<Option<usize>> = q
        .questions
        .iter()
        .map(|x| Some(x.choices.len() - 1))
        .collect();
    let r = careerfit::core::report::build(&q, &answers, None);
    assert!(r.share_code.len() > 4096, "{}", r.share_code.len());
    assert!(r.share_code.len() <= careerfit::core::code::MAX_CODE);
    let o = run(
        tmp.path(),
        &[
            "show",
            "--quiz",
            "big.ron",
            "--format",
            "json",
            &r.share_code,
        ],
    );
    assert_eq!(o.code, Some(0), "{}", o.stderr);
    let j: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(j["share_code"], r.share_code.as_str());
    std::fs::write(tmp.path().join("codes"), format!("{}\n", r.share_code)).unwrap();
    let o = run(tmp.path(), &["aggregate", "--quiz", "big.ron", "codes"]);
    assert_eq!((o.code, o.stderr.as_str()), (Some(0), ""));
    assert!(o.stdout.contains("Results read: 1 · inputs skipped: 0\n"));
}

fn screen(m: &careerfit::tui::model::Model, w: u16, h: u16) -> String {
    use careerfit::tui::msg::Message;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut m = m.clone();
    careerfit::tui::update::update(&mut m, Message::Resize(w, h));
    t.draw(|f| careerfit::tui::view::view(&mut m, f)).unwrap();
    format!("{}", t.backend())
}

/// Case 7 in the TUI: a code too long for its line was cut off at the
/// edge, and the QR view showed nothing.
#[test]
fn long_share_codes_are_pointed_to_and_shown_wrapped() {
    use careerfit::tui::model::Model;
    use careerfit::tui::msg::Message;
    use careerfit::tui::update::update;
    let q = careerfit::core::load::load(big_quiz(5000).as_bytes()).unwrap();
    let options: Vec<usize> = q.questions.iter().map(|x| x.choices.len()).collect();
    // No seed: file order, so option n on screen is choice n.
    let mut m = Model::new(
        std::sync::Arc::new(q),
        None,
        careerfit::tui::theme::Theme::mono(),
    );
    update(&mut m, Message::Confirm);
    for n in options {
        update(&mut m, Message::Choose(n));
        update(&mut m, Message::Confirm);
    }
    update(&mut m, Message::Confirm);
    let code = m.report().expect("a result").share_code.clone();
    assert!(code.len() > 4096, "{}", code.len());
    let s = screen(&m, 80, 24);
    assert!(
        s.contains(&format!(
            "Share code {} characters, too long for this line: press r to see it",
            code.len()
        )),
        "{s}"
    );
    update(&mut m, Message::ShowQr);
    let s = screen(&m, 80, 24);
    assert!(s.contains("too many for a QR code"), "{s}");
    assert!(s.contains(&code[..74]), "{s}");
    // ↓ scrolls through the rest of it: draw once so the view knows the
    // page, then scroll to the end.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    update(&mut m, Message::Resize(80, 24));
    for _ in 0..60 {
        t.draw(|f| careerfit::tui::view::view(&mut m, f)).unwrap();
        update(&mut m, Message::Down);
    }
    t.draw(|f| careerfit::tui::view::view(&mut m, f)).unwrap();
    let s = format!("{}", t.backend());
    assert!(s.contains(&code[code.len() - code.len() % 74..]), "{s}");
    // Any other key closes it.
    update(&mut m, Message::Dismiss);
    assert_eq!(m.overlay(), careerfit::tui::model::Overlay::None);
}

/// Case 8: the "progress set aside" message was never drawn, and the first
/// key cleared it; it stays on the welcome screen now.
#[test]
fn a_notice_stays_on_the_welcome_screen() {
    use careerfit::tui::msg::Message;
    use careerfit::tui::update::update;
    let mut m = common::model().with_notice(Some(
        "Saved progress could not be read; it was set aside as /d/progress/x.json.".into(),
    ));
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("Saved progress could not be read; it was set aside as"),
        "{s}"
    );
    for msg in [
        Message::ToggleHelp,
        Message::Dismiss,
        Message::Down,
        Message::Status("x".into()),
    ] {
        update(&mut m, msg);
    }
    let s = screen(&m, 80, 24);
    assert!(
        s.contains("Saved progress could not be read; it was set aside as"),
        "{s}"
    );
    // The smallest supported size still shows it at the top of the text
    // (↓ above scrolled the welcome text there, issue 20).
    update(&mut m, Message::Home);
    let s = screen(&m, 50, 14);
    assert!(s.contains("Saved progress could not be"), "{s}");
}
