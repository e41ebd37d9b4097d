//! One result per participant: ids, re-submission replacing the file,
//! copied folders counted once, and one report whatever the input form.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::model::Quiz;
use careerfit::core::report::{self, Report};
use careerfit::effects::{Settings, apply};
use careerfit::tui::model::Model;
use careerfit::tui::msg::Message;
use careerfit::tui::update::update;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Runs careerfit; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_careerfit"))
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// `n` varied answer sheets for `quiz` (some questions skipped).
fn sheets(quiz: &Quiz, n: usize, seed: u64) -> Vec<Vec<Option<usize>>> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|_| {
            let lean = rng.below(3);
            quiz.questions
                .iter()
                .map(|q| match rng.below(10) {
                    0 => None,
                    1..=4 if lean > 0 => Some(if lean == 1 { 0 } else { q.choices.len() - 1 }),
                    _ => Some(rng.below(q.choices.len())),
                })
                .collect()
        })
        .collect()
}

/// Participants' results as `take --submit` writes them: with ids and times.
fn participants(quiz: &Quiz, n: usize, seed: u64) -> Vec<Report> {
    sheets(quiz, n, seed)
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name = format!("p{i}");
            report::build(quiz, a, (i % 3 == 0).then_some(name.as_str())).stamped(
                &careerfit::store::new_result_id(),
                &careerfit::store::utc_rfc3339(1_795_000_000 + i as u64),
            )
        })
        .collect()
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

fn total(args: &[&str]) -> u64 {
    let mut a = vec!["aggregate", "--format", "json"];
    a.extend_from_slice(args);
    let (code, out, err) = run(&a, "");
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["total"].as_u64().unwrap()
}

/// Steps the model and carries out every effect, as the runtime does.
fn step(m: &mut Model, msg: Message, s: &Settings) -> Option<String> {
    let fx = update(m, msg);
    apply(m, fx, s).status
}

#[test]
fn finishing_going_back_changing_an_answer_and_submitting_again_leaves_one_result() {
    let folder = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let s = Settings {
        data_dir: Some(data.path().into()),
        submit: Some(careerfit::effects::SubmitTo::folder(folder.path().into())),
        result_id: careerfit::store::new_result_id(),
        ..Settings::default()
    };
    let mut m = model();
    step(&mut m, Message::Confirm, &s);
    let mut status = None;
    for d in PM_SPEC.split(',') {
        step(&mut m, Message::Choose(d.parse().unwrap()), &s);
        step(&mut m, Message::Confirm, &s);
    }
    status = step(&mut m, Message::Confirm, &s).or(status);
    assert!(status.unwrap().starts_with("Submitted to the workshop as "));
    let first = json_files(folder.path());
    assert_eq!(first.len(), 1);
    let before: Value = serde_json::from_slice(&std::fs::read(&first[0]).unwrap()).unwrap();
    assert_eq!(before["answers"][0], 5);
    assert_eq!(before["id"], s.result_id.as_str());
    let finished = before["finished"].as_str().unwrap();
    assert!(
        finished.len() == 20 && finished.ends_with('Z') && finished.contains('T'),
        "{finished}"
    );
    // Back to the review, change the first answer, submit again.
    step(&mut m, Message::Back, &s);
    step(&mut m, Message::Home, &s);
    step(&mut m, Message::Edit, &s);
    step(&mut m, Message::Choose(1), &s);
    step(&mut m, Message::Confirm, &s);
    let again = step(&mut m, Message::Confirm, &s).unwrap();
    assert!(
        again.starts_with("Submitted to the workshop as "),
        "{again}"
    );
    let files = json_files(folder.path());
    assert_eq!(files, first, "the same file, replaced");
    let after: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(after["answers"][0], 1, "the changed answer");
    assert_eq!(after["id"], before["id"]);
    // No temporary file is left behind, and history has one entry too.
    let all: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(all.len(), 1);
    assert_eq!(careerfit::store::history(data.path()).len(), 1);
    assert_eq!(total(&[folder.path().to_str().unwrap()]), 1);
}

#[test]
fn a_copied_folder_counts_each_person_once() {
    let quiz = default_quiz();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let room_a = participants(&quiz, 7, 1);
    let room_b = participants(&quiz, 5, 2);
    for r in &room_a {
        careerfit::store::submit(a.path(), r).unwrap();
    }
    for r in &room_b {
        careerfit::store::submit(b.path(), r).unwrap();
    }
    // A result from before ids (no id, no time), in A and copied into B.
    let legacy = report::build(&quiz, &sheets(&quiz, 1, 9)[0], Some("old"));
    std::fs::write(a.path().join("old.json"), legacy.to_json()).unwrap();
    // Copy A into B under other names, as `cp -r a b/copy` would.
    let copy = b.path().join("copy-of-a");
    std::fs::create_dir(&copy).unwrap();
    for f in json_files(a.path()) {
        std::fs::copy(&f, copy.join(f.file_name().unwrap())).unwrap();
    }
    let (pa, pb) = (a.path().to_str().unwrap(), b.path().to_str().unwrap());
    assert_eq!(total(&[pa]), 8);
    assert_eq!(total(&[pb]), 13);
    assert_eq!(total(&[pa, pb]), 13, "each person once");
    let (_, _, err) = run(&["aggregate", pa, pb], "");
    assert!(
        err.contains("note: 8 copies of results already counted were left out"),
        "{err}"
    );
    // Files and codes of the same people give the same report as a folder
    // with each person once.
    let (_, both, _) = run(&["aggregate", "--format", "json", pa, pb], "");
    let (_, copy_only, _) = run(&["aggregate", "--format", "json", pb], "");
    let (mut both, copy_only) = (json(&both), json(&copy_only));
    assert_eq!(both["duplicates"], 8);
    both["duplicates"] = 0.into();
    assert_eq!(both, copy_only);
}

#[test]
fn the_result_finished_last_counts_when_copies_differ() {
    let quiz = default_quiz();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let s = sheets(&quiz, 2, 4);
    let id = careerfit::store::new_result_id();
    let old = report::build(&quiz, &s[0], None).stamped(&id, "2026-12-01T10:00:00Z");
    let new = report::build(&quiz, &s[1], None).stamped(&id, "2026-12-01T10:05:00Z");
    careerfit::store::submit(a.path(), &new).unwrap();
    careerfit::store::submit(b.path(), &old).unwrap();
    let (pa, pb) = (a.path().to_str().unwrap(), b.path().to_str().unwrap());
    let (_, only_new, _) = run(
        &["aggregate", "--format", "json", "--min-group", "1", pa],
        "",
    );
    for order in [[pa, pb], [pb, pa]] {
        let (code, out, _) = run(
            &[
                "aggregate",
                "--format",
                "json",
                "--min-group",
                "1",
                order[0],
                order[1],
            ],
            "",
        );
        assert_eq!(code, 0);
        let mut out = json(&out);
        assert_eq!(out["duplicates"], 1);
        out["duplicates"] = 0.into();
        assert_eq!(out, json(&only_new), "the later one, in either order");
    }
}

#[test]
fn sixty_files_and_the_same_sixty_share_codes_give_byte_identical_json() {
    let quiz = default_quiz();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("results");
    let rs = participants(&quiz, 60, 60);
    for r in &rs {
        careerfit::store::submit(&folder, r).unwrap();
    }
    assert_eq!(json_files(&folder).len(), 60);
    // The codes in another order than the files.
    let mut codes: Vec<&str> = rs.iter().map(|r| r.share_code.as_str()).collect();
    codes.reverse();
    let text = codes.join("\n") + "\n";
    let codes_file = dir.path().join("codes.txt");
    std::fs::write(&codes_file, &text).unwrap();
    let f = folder.to_str().unwrap();
    let (c1, files, e1) = run(&["aggregate", "--format", "json", f], "");
    let (c2, from_codes, e2) = run(
        &[
            "aggregate",
            "--format",
            "json",
            codes_file.to_str().unwrap(),
        ],
        "",
    );
    let (c3, from_stdin, e3) = run(&["aggregate", "--format", "json", "-"], &text);
    assert_eq!((c1, c2, c3), (0, 0, 0), "{e1}{e2}{e3}");
    assert_eq!(files, from_codes);
    assert_eq!(files, from_stdin);
    let v: Value = serde_json::from_str(&files).unwrap();
    assert_eq!(v["total"], 60);
    // The text report too.
    let (_, t1, _) = run(&["aggregate", f], "");
    let (_, t2, _) = run(&["aggregate", codes_file.to_str().unwrap()], "");
    assert_eq!(t1, t2);
}

#[test]
fn rounded_or_edited_scores_in_a_file_do_not_change_the_report() {
    // The report comes from the answers: a file whose stored fits were
    // rounded differently gives the same report as its share code.
    let quiz = default_quiz();
    let dir = tempfile::tempdir().unwrap();
    let rs = participants(&quiz, 6, 8);
    for (i, r) in rs.iter().enumerate() {
        let mut v: Value = serde_json::from_str(&r.to_json()).unwrap();
        for p in v["profiles"].as_array_mut().unwrap() {
            if let Some(x) = p["fit"].as_f64() {
                p["fit"] = x.round().into();
            }
        }
        std::fs::write(dir.path().join(format!("{i}.json")), v.to_string()).unwrap();
    }
    let codes: String = rs.iter().map(|r| format!("{}\n", r.share_code)).collect();
    let (_, files, _) = run(
        &[
            "aggregate",
            "--format",
            "json",
            dir.path().to_str().unwrap(),
        ],
        "",
    );
    let (_, from_codes, _) = run(&["aggregate", "--format", "json", "-"], &codes);
    assert_eq!(files, from_codes);
}

#[test]
fn re_scoring_gives_the_numbers_a_full_report_holds() {
    use careerfit::core::aggregate::ResultView;
    for quiz in [default_quiz(), v1_quiz()] {
        for a in sheets(&quiz, 40, 77) {
            let r = report::build(&quiz, &a, Some("n"));
            let full = ResultView::of(&r);
            let assessed = careerfit::core::scoring::assess(&quiz, &a);
            let lean = ResultView::scored(&quiz, &assessed, Some("n"));
            assert_eq!(lean.answers, full.answers);
            assert_eq!(lean.recommendation.outcome, full.recommendation.outcome);
            assert_eq!(lean.recommendation.title, full.recommendation.title);
            for p in &quiz.profiles {
                assert_eq!(lean.fit(&p.id), full.fit(&p.id), "{}", p.id);
            }
            let scores = |v: &ResultView| -> Vec<(String, Option<f64>)> {
                v.dimensions
                    .iter()
                    .map(|d| (d.id.to_string(), d.score))
                    .collect()
            };
            assert_eq!(scores(&lean), scores(&full));
        }
    }
}
