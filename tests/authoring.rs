//! The author's commands end to end: `validate` with lints (`--strict`,
//! `--format json`), `new` and `list`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use assert_cmd::Command;
use careerfit::bundled::BUNDLED;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

const MINIMAL: &str = "tests/data/minimal.ron";

fn cf() -> Command {
    Command::new(env!("CARGO_BIN_EXE_careerfit"))
}

fn stdout_of(args: &[&str], dir: &Path, code: i32) -> (String, String) {
    let out = cf()
        .current_dir(dir)
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The five warnings of the minimal test quiz, as `validate` prints them.
const MINIMAL_WARNINGS: &str = "\
warning: tests/data/minimal.ron:11:14: dimension `alpha` is measured by only 3 question(s); 6 or more give a stable score
warning: tests/data/minimal.ron:11:14: dimension `alpha` has no reverse-keyed agreement statement, so agreeing with everything inflates it; add one worded against it (`reverse: true`)
warning: tests/data/minimal.ron:12:14: dimension `beta` is measured by only 3 question(s); 6 or more give a stable score
warning: tests/data/minimal.ron:15:14: profile `a` is measured by only 3 question(s); 6 or more give a stable fit
warning: tests/data/minimal.ron:16:14: profile `b` is measured by only 3 question(s); 6 or more give a stable fit
";

// ---------------------------------------------------------------- validate

#[test]
fn warnings_go_to_stderr_and_exit_zero() {
    let (out, err) = stdout_of(&["validate", MINIMAL], here(), 0);
    assert_eq!(
        out,
        "tests/data/minimal.ron: ok (4 questions, 2 profiles, 5 warnings)\n"
    );
    assert_eq!(err, MINIMAL_WARNINGS);
}

#[test]
fn strict_makes_warnings_fatal() {
    let (out, err) = stdout_of(&["validate", "--strict", MINIMAL], here(), 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!("{MINIMAL_WARNINGS}error: --strict: 5 warning(s) count as errors\n")
    );
    // A clean quiz passes --strict.
    let (out, err) = stdout_of(&["validate", "--strict", "quizzes/pm-vs-pd.ron"], here(), 0);
    assert_eq!(out, "quizzes/pm-vs-pd.ron: ok (40 questions, 2 profiles)\n");
    assert_eq!(err, "");
}

/// Issue 20: positions never point into comments or texts. The minimal
/// quiz with its question list emptied, and the words `questions:`,
/// `title:` and `id: "mini"` in a comment, a block comment and a text
/// earlier in the file: the error is at the field itself.
#[test]
fn positions_never_point_into_comments() {
    let src = std::fs::read_to_string(here().join(MINIMAL)).unwrap();
    let a = src.find("    questions: [").unwrap();
    let mut src = format!("{}    questions: [],\n)\n", &src[..a]);
    src = src.replacen(
        "    description: \"A tiny quiz used by the tests.\",",
        "    // questions: to be written; title: later\n    /* id: \"mini\" */\n    description: \"A tiny quiz; questions: soon.\",",
        1,
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("q.ron"), &src).unwrap();
    let line = src[..src.rfind("questions: []").unwrap()].lines().count();
    let (out, err) = stdout_of(&["validate", "q.ron"], tmp.path(), 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!("error: q.ron:{line}:5: a quiz needs at least one question\n")
    );
}

#[test]
fn errors_stay_errors_with_or_without_strict() {
    for strict in [false, true] {
        let mut args = vec!["validate", "tests/hostile/empty.ron"];
        if strict {
            args.push("--strict");
        }
        let (out, err) = stdout_of(&args, here(), 2);
        assert_eq!(out, "");
        assert_eq!(
            err,
            "error: tests/hostile/empty.ron:1:1: quiz file is empty\n"
        );
    }
}

#[test]
fn json_for_editors_and_ci() {
    let (out, err) = stdout_of(
        &["validate", "--format", "json", MINIMAL, "nope.ron"],
        here(),
        2,
    );
    assert_eq!(err, "", "everything goes to stdout as JSON");
    let v: Value = serde_json::from_str(&out).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(
        all[0],
        serde_json::json!({
            "file": "tests/data/minimal.ron",
            "severity": "warning",
            "line": 11,
            "col": 14,
            "message": "dimension `alpha` is measured by only 3 question(s); 6 or more give a stable score",
        })
    );
    // A file that cannot be read has no position.
    assert_eq!(
        all[5],
        serde_json::json!({
            "file": "nope.ron",
            "severity": "error",
            "line": null,
            "col": null,
            "message": "cannot read nope.ron: No such file or directory",
        })
    );
    // Warnings alone exit 0, or 2 with --strict; the array is printed either way.
    let (out, _) = stdout_of(&["validate", "--format", "json", MINIMAL], here(), 0);
    assert_eq!(
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let (strict, _) = stdout_of(
        &["validate", "--format", "json", "--strict", MINIMAL],
        here(),
        2,
    );
    assert_eq!(strict, out);
    let (errors, _) = stdout_of(
        &["validate", "--format", "json", "tests/hostile/empty.ron"],
        here(),
        2,
    );
    let v: Value = serde_json::from_str(&errors).unwrap();
    assert_eq!(v[0]["severity"], "error");
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["col"].as_u64()),
        (Some(1), Some(1))
    );
}

// ---------------------------------------------------------------- new

#[test]
fn new_writes_a_starter_that_validates_strictly_and_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, err) = stdout_of(&["new", "team-roles.ron"], tmp.path(), 0);
    assert_eq!(err, "");
    assert_eq!(
        out,
        "wrote team-roles.ron: a starter quiz with 2 profiles and 8 questions\n\
         next: edit it, check it with `careerfit validate --strict team-roles.ron`, \
         and try it with `careerfit take --quiz team-roles.ron`\n"
    );
    let src = std::fs::read_to_string(tmp.path().join("team-roles.ron")).unwrap();
    for kind in [
        "Agreement(",
        "Scenario(",
        "ForcedChoice(",
        "Hybrid(",
        "Explore",
        "reverse: true",
        "// ",
    ] {
        assert!(src.contains(kind), "starter shows {kind}");
    }
    assert!(
        src.contains("id: \"team-roles\""),
        "the id comes from the file name"
    );
    let (out, err) = stdout_of(&["validate", "--strict", "team-roles.ron"], tmp.path(), 0);
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("team-roles.ron: ok (8 questions, 2 profiles)\n", "")
    );
    // Agree with role A, disagree with its opposite, pick A everywhere.
    let spec = "5,1,1,5,1,1,1,2";
    let (json, _) = stdout_of(
        &[
            "score",
            "--quiz",
            "team-roles.ron",
            "--answers",
            spec,
            "--format",
            "json",
        ],
        tmp.path(),
        0,
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["recommendation"]["outcome"], "role_a");
    let (text, _) = stdout_of(&["inspect", "--quiz", "team-roles.ron"], tmp.path(), 0);
    assert!(
        text.starts_with("Which role suits me? (team-roles) v0.1.0 [en]"),
        "{text}"
    );
}

#[test]
fn new_with_more_profiles() {
    let tmp = tempfile::tempdir().unwrap();
    for n in ["3", "8"] {
        let file = format!("q{n}.ron");
        stdout_of(&["new", &file, "--profiles", n], tmp.path(), 0);
        let (out, err) = stdout_of(&["validate", "--strict", &file], tmp.path(), 0);
        assert!(out.contains(&format!("{n} profiles)")), "{out}");
        assert_eq!(err, "");
    }
    for bad in ["1", "9", "x"] {
        cf().current_dir(tmp.path())
            .args(["new", "bad.ron", "--profiles", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invalid value"));
    }
    assert!(!tmp.path().join("bad.ron").exists());
}

#[test]
fn new_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("mine.ron"), "my work").unwrap();
    let (out, err) = stdout_of(&["new", "mine.ron"], tmp.path(), 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: mine.ron already exists; `careerfit new` never overwrites a file (choose another name or remove it first)\n"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("mine.ron")).unwrap(),
        "my work"
    );
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    let (_, err) = stdout_of(&["new", "no/such/dir/q.ron"], tmp.path(), 1);
    assert_eq!(
        err,
        "error: cannot write no/such/dir/q.ron: No such file or directory\n"
    );
}

// ---------------------------------------------------------------- list

#[test]
fn list_shows_every_bundled_quiz() {
    let (out, err) = stdout_of(&["list"], here(), 0);
    assert_eq!(err, "");
    let expected = "\
ID                  TITLE                                         QUESTIONS  PROFILES  LANGUAGE
pm-vs-pd            Product Management or Product Development?           40         2  en
product-team-roles  Which role in a product team suits me?               41         7  en
pm-vs-pd-ja         プロダクトマネジメントか、プロダクト開発か？         40         2  ja
pm-vs-pd-v1         Product Management or Product Development?           30         2  en
pm-vs-pd-ja-v1      プロダクトマネジメントか、プロダクト開発か？         30         2  ja

Use an id with --quiz, e.g. `careerfit take --quiz ID`.
";
    assert_eq!(out, expected);
    // Columns line up by display width, Japanese title included.
    let col = |l: &str| {
        l.find("  30")
            .map(|i| unicode_width::UnicodeWidthStr::width(&l[..i]))
    };
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("  30  ")).collect();
    assert_eq!(
        col(rows[0]),
        col(rows[1]),
        "the Japanese version 1 row lines up with English v1's"
    );
    // Every listed id works with --quiz.
    for (id, _, _) in BUNDLED {
        assert!(out.contains(&format!("\n{id} ")), "{id} listed");
        cf().args(["inspect", "--quiz", id]).assert().success();
    }
}

// ---------------------------------------------------------------- docs

#[test]
fn the_example_in_the_format_reference_is_clean_and_scores_as_described() {
    let doc = std::fs::read_to_string(here().join("docs/quiz-format.md")).unwrap();
    let start = doc.find("## A complete example").unwrap();
    let body = &doc[start..];
    let code = &body[body.find("```ron\n").unwrap() + 7..];
    let code = &code[..code.find("\n```").unwrap()];
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("example.ron"), code).unwrap();
    let (out, err) = stdout_of(&["validate", "--strict", "example.ron"], tmp.path(), 0);
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("example.ron: ok (8 questions, 2 profiles)\n", "")
    );
    let (json, _) = stdout_of(
        &[
            "score",
            "--quiz",
            "example.ron",
            "--answers",
            "3,1,1,3,1,1,1,1",
            "--format",
            "json",
        ],
        tmp.path(),
        0,
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["recommendation"]["title"], "Designer");
    assert!(
        doc.contains("`3,1,1,3,1,1,1,1`"),
        "the doc quotes the sheet tested here"
    );
}
