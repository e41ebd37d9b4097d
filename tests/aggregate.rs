//! `careerfit aggregate` end to end, and the accumulator through the library.
//! Expected statistics are computed here independently from the reports
//! themselves (plain sums and a sort), never taken from the code under test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::aggregate::{self, Aggregate};
use careerfit::core::model::Quiz;
use careerfit::core::report::{self, Report};
use common::run;
use serde_json::Value;
use std::path::Path;

use common::Lcg;

/// `n` reports on `quiz` with varied answers (some skipped, some leaning hard).
fn reports(quiz: &Quiz, n: usize, seed: u64) -> Vec<Report> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            let lean = rng.below(3);
            let answers: Vec<Option<usize>> = quiz
                .questions
                .iter()
                .map(|q| match rng.below(10) {
                    0 => None,
                    1..=4 if lean > 0 => Some(if lean == 1 { 0 } else { q.choices.len() - 1 }),
                    _ => Some(rng.below(q.choices.len())),
                })
                .collect();
            let name = format!("p{i}");
            report::build(quiz, &answers, (i % 2 == 0).then_some(name.as_str()))
        })
        .collect()
}

fn write_all(dir: &Path, rs: &[Report]) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, r) in rs.iter().enumerate() {
        std::fs::write(dir.join(format!("r{i:04}.json")), r.to_json()).unwrap();
    }
}

fn quiz() -> Quiz {
    common::default_quiz()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn stdev(xs: &[f64]) -> f64 {
    let m = mean(xs);
    (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64).sqrt()
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    f64::midpoint(v[(n - 1) / 2], v[n / 2])
}

fn close(got: &Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
    assert!(
        (got - want).abs() <= 0.051,
        "{what}: got {got}, want {want:.3}"
    );
}

#[test]
fn statistics_match_an_independent_computation() {
    let q = quiz();
    let rs = reports(&q, 137, 7);
    let dir = tempfile::tempdir().unwrap();
    // Nested folders are searched too.
    write_all(&dir.path().join("a"), &rs[..60]);
    write_all(&dir.path().join("b/c"), &rs[60..]);
    let (code, out, err) = run(
        &[
            "aggregate",
            "--format",
            "json",
            dir.path().to_str().unwrap(),
        ],
        "",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["count"], 137);
    assert_eq!(j["skipped"], 0);
    assert_eq!(j["suppressed"], false);
    assert_eq!(j["quiz"]["fingerprint"], q.fingerprint.as_str());
    assert_eq!(j["other_groups"], Value::Array(vec![]));
    for o in j["outcomes"].as_array().unwrap() {
        let want = rs
            .iter()
            .filter(|r| r.recommendation.outcome == o["outcome"].as_str().unwrap())
            .count();
        assert_eq!(o["count"], want, "{o}");
    }
    let total: u64 = j["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 137);
    for p in j["profiles"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let fits: Vec<f64> = rs
            .iter()
            .filter_map(|r| r.profiles.iter().find(|x| x.id == id).unwrap().fit)
            .collect();
        close(&p["mean"], mean(&fits), &format!("{id} mean"));
        close(&p["median"], median(&fits), &format!("{id} median"));
        close(&p["stdev"], stdev(&fits), &format!("{id} stdev"));
    }
    for (i, d) in j["dimensions"].as_array().unwrap().iter().enumerate() {
        let scores: Vec<f64> = rs.iter().filter_map(|r| r.dimensions[i].score).collect();
        assert_eq!(d["id"], rs[0].dimensions[i].id.as_str());
        close(&d["mean"], mean(&scores), "dimension mean");
        close(&d["stdev"], stdev(&scores), "dimension stdev");
        let mut hist = [0u64; 10];
        for s in &scores {
            hist[((s / 10.0).floor() as usize).min(9)] += 1;
        }
        assert_eq!(d["histogram"], serde_json::json!(hist));
    }
    for (i, qd) in j["questions"].as_array().unwrap().iter().enumerate() {
        let skipped = rs.iter().filter(|r| r.answers[i].is_none()).count();
        assert_eq!(qd["skipped"], skipped);
        for o in qd["options"].as_array().unwrap() {
            let k = o["option"].as_u64().unwrap() as usize;
            let want = rs.iter().filter(|r| r.answers[i] == Some(k)).count();
            assert_eq!(o["count"], want);
        }
    }
}

#[test]
fn merging_accumulators_equals_one_pass() {
    let q = quiz();
    let rs = reports(&q, 40, 3);
    let mut one = Aggregate::new();
    one.expect(&q);
    let (mut a, mut b) = (one.clone(), one.clone());
    for (i, r) in rs.iter().enumerate() {
        one.add(r).unwrap();
        if i % 3 == 0 { a.add(r) } else { b.add(r) }.unwrap();
    }
    a.merge(b);
    assert_eq!(aggregate::json(&a, 5), aggregate::json(&one, 5));
    assert_eq!(aggregate::text(&a, 5), aggregate::text(&one, 5));
}

#[test]
fn corrupt_inputs_are_skipped_listed_and_counted() {
    let q = quiz();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_all(d, &reports(&q, 5, 1));
    std::fs::write(d.join("garbage.json"), "hello").unwrap();
    std::fs::write(d.join("empty.json"), "").unwrap();
    std::fs::write(d.join("other.json"), r#"{"name": "x"}"#).unwrap();
    std::fs::write(d.join("huge.json"), vec![b' '; (1 << 20) + 1]).unwrap();
    let mut short: Value = serde_json::from_str(&reports(&q, 1, 2)[0].to_json()).unwrap();
    short["answers"].as_array_mut().unwrap().pop();
    std::fs::write(d.join("short.json"), short.to_string()).unwrap();
    let mut wild: Value = serde_json::from_str(&reports(&q, 1, 2)[0].to_json()).unwrap();
    wild["profiles"][0]["fit"] = serde_json::json!(250.0);
    std::fs::write(d.join("wild.json"), wild.to_string()).unwrap();
    // Not results: ignored inside folders, without a message.
    std::fs::write(d.join("notes.md"), "# notes").unwrap();
    std::fs::write(d.join(".hidden.json"), "nope").unwrap();
    let missing = d.join("missing.json");
    let (code, out, err) = run(
        &[
            "aggregate",
            "--format",
            "json",
            d.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (j["count"].as_u64(), j["skipped"].as_u64()),
        (Some(5), Some(7))
    );
    let p = |f: &str| d.join(f).display().to_string();
    let id = q.profiles[0].id.as_str();
    let mut want = vec![
        format!(
            "warning: skipped {}: not JSON (expected value at line 1 column 1)",
            p("garbage.json")
        ),
        format!(
            "warning: skipped {}: not JSON (EOF while parsing a value at line 1 column 0)",
            p("empty.json")
        ),
        format!(
            "warning: skipped {}: not a careerfit result (missing field `quiz` at line 1 column 13)",
            p("other.json")
        ),
        format!(
            "warning: skipped {}: it is larger than 1 MiB, too large for careerfit to read",
            p("huge.json")
        ),
        format!(
            "warning: skipped {}: it does not match the quiz “{}” (pm-vs-pd v2.0.0): it has 39 answers, the quiz has 40 questions",
            p("short.json"),
            q.title
        ),
        format!(
            "warning: skipped {}: the fit of {id} is 250, outside 0–100",
            p("wild.json")
        ),
        format!(
            "warning: skipped {}: cannot read it: No such file or directory",
            p("missing.json")
        ),
    ];
    let mut got: Vec<&str> = err.lines().collect();
    // Folder order is the file system's; compare as sets.
    got.sort_unstable();
    want.sort();
    assert_eq!(got, want);
    let (_, text, _) = run(&["aggregate", d.to_str().unwrap()], "");
    assert!(
        text.contains("Results read: 5 · inputs skipped: 6\n"),
        "{text}"
    );
}

#[test]
fn nothing_read_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        run(&["aggregate", d.to_str().unwrap()], ""),
        (
            2,
            String::new(),
            "error: no results found (folders are searched for *.json result files)\n".into()
        )
    );
    std::fs::write(d.join("bad.json"), "\"x\"").unwrap();
    let (code, out, err) = run(&["aggregate", d.to_str().unwrap()], "");
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "warning: skipped {}: not a careerfit result (invalid type: string \"x\", expected a careerfit result object at line 1 column 3)\n\
             error: no results could be read (1 skipped)\n",
            d.join("bad.json").display()
        )
    );
}

#[test]
fn small_groups_show_only_their_count() {
    let q = quiz();
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &reports(&q, 4, 5));
    let d = dir.path().to_str().unwrap();
    let (code, out, _) = run(&["aggregate", "--format", "json", d], "");
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["count"], 4);
    assert_eq!(j["suppressed"], true);
    for k in ["outcomes", "profiles", "dimensions", "questions"] {
        assert_eq!(j[k], Value::Array(vec![]), "{k}");
    }
    let (_, text, _) = run(&["aggregate", d], "");
    assert!(
        text.contains("Results: 4\nFewer than 5 results, so only the count is shown"),
        "{text}"
    );
    assert!(!text.contains("Outcomes"), "{text}");
    let (_, md, _) = run(&["aggregate", "--format", "markdown", d], "");
    assert!(
        md.contains("**4 results**") && !md.contains("### Outcomes"),
        "{md}"
    );
    let (_, csv, err) = run(&["aggregate", "--format", "csv", d], "");
    assert_eq!(csv, "");
    assert!(err.contains("the 4 results of “"), "{err}");
    // The threshold is the facilitator's call.
    let (_, out, _) = run(
        &["aggregate", "--format", "json", "--min-group", "4", d],
        "",
    );
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["suppressed"], false);
    assert_eq!(j["profiles"].as_array().unwrap().len(), q.profiles.len());
}

/// A CSV text read back with the `csv` crate: header and rows.
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_neutralises_formulas_in_nicknames() {
    let q = quiz();
    let dir = tempfile::tempdir().unwrap();
    let answers = vec![Some(0); q.questions.len()];
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "Sam, Jr.",
    ];
    for (i, n) in names.iter().enumerate() {
        let r = report::build(&q, &answers, Some(n));
        std::fs::write(dir.path().join(format!("{i}.json")), r.to_json()).unwrap();
    }
    let (code, out, err) = run(
        &["aggregate", "--format", "csv", dir.path().to_str().unwrap()],
        "",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let (header, rows) = read_csv(&out);
    assert_eq!(
        header,
        [
            "quiz",
            "version",
            "fingerprint",
            "result",
            "nickname",
            "outcome",
            "kind",
            "measure",
            "value"
        ]
    );
    // One row per result and measure, every row as wide as the header.
    assert_eq!(
        rows.len(),
        names.len() * (q.profiles.len() + q.dimensions.len())
    );
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let mut nicknames: Vec<String> = rows.iter().map(|r| r[4].clone()).collect();
    nicknames.sort();
    nicknames.dedup();
    let mut want = vec![
        "'=HYPERLINK(\"http://x\",\"y\")",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'=1",
        "Sam, Jr.",
    ];
    want.sort_unstable();
    assert_eq!(nicknames, want);
    // Raw, the quotes are RFC 4180's.
    assert!(
        out.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","),
        "{out}"
    );
}

#[test]
fn quizzes_and_versions_are_never_mixed() {
    let q = quiz();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_all(&d.join("v1"), &reports(&q, 6, 11));
    // The same quiz in another version: its own fingerprint, its own group.
    for (i, r) in reports(&q, 5, 12).into_iter().enumerate() {
        let mut v: Value = serde_json::from_str(&r.to_json()).unwrap();
        v["quiz"]["version"] = "9.0.0".into();
        v["quiz"]["fingerprint"] = "00000000feedbeef".into();
        std::fs::write(d.join(format!("v2-{i}.json")), v.to_string()).unwrap();
    }
    // Another bundled quiz.
    let other = careerfit::core::load::load(careerfit::bundled::BUNDLED[1].2.as_bytes()).unwrap();
    write_all(&d.join("other"), &reports(&other, 2, 13));
    let (code, out, _) = run(&["aggregate", "--format", "json", d.to_str().unwrap()], "");
    assert_eq!(code, 0);
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (j["count"].as_u64(), j["total"].as_u64()),
        (Some(6), Some(13))
    );
    assert_eq!(j["quiz"]["version"], "2.0.0");
    let others = j["other_groups"].as_array().unwrap();
    assert_eq!(others.len(), 2);
    assert_eq!(
        (
            others[0]["quiz"]["version"].as_str(),
            others[0]["count"].as_u64()
        ),
        (Some("9.0.0"), Some(5))
    );
    assert_eq!(
        (
            others[1]["quiz"]["id"].as_str(),
            others[1]["count"].as_u64()
        ),
        (Some(other.id.as_str()), Some(2))
    );
    assert_eq!(others[1]["suppressed"], true);
    let (_, text, _) = run(&["aggregate", d.to_str().unwrap()], "");
    assert!(
        text.contains(
            "Results of 3 different quizzes or quiz versions were found. They are\nnever mixed"
        ),
        "{text}"
    );
    assert!(text.contains("(pm-vs-pd v2.0.0)\nfingerprint"), "{text}");
    assert!(
        text.contains("(pm-vs-pd v9.0.0)\nfingerprint 00000000feedbeef\nResults: 5\n"),
        "{text}"
    );
    // CSV: one table, one header; groups add rows, not columns.
    let (_, csv, err) = run(&["aggregate", "--format", "csv", d.to_str().unwrap()], "");
    assert_eq!(csv.matches("quiz,version,").count(), 1, "{csv}");
    let (header, rows) = read_csv(&csv);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let versions: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert!(err.contains("the 2 results of “"), "{err}");
}

#[test]
fn share_codes_from_text_files_and_stdin() {
    let q = quiz();
    let rs = reports(&q, 6, 21);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("codes.txt");
    let mut text = String::from("# workshop, Tuesday\n\n");
    for r in &rs[..4] {
        text.push_str(&format!("  {}  # someone\n", r.share_code.to_lowercase()));
    }
    text.push_str("QSM7-XXXX-0000\n");
    std::fs::write(&file, &text).unwrap();
    let stdin: String = rs[4..]
        .iter()
        .map(|r| format!("{}\n", r.share_code))
        .collect();
    let (code, out, err) = run(
        &["aggregate", "--format", "json", file.to_str().unwrap(), "-"],
        &stdin,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        format!(
            "warning: skipped {}:7: the share code is mistyped or incomplete (its checksum does not match)\n",
            file.display()
        )
    );
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (j["count"].as_u64(), j["skipped"].as_u64()),
        (Some(6), Some(1))
    );
    let fits: Vec<f64> = rs
        .iter()
        .filter_map(|r| r.profiles.iter().find(|p| p.id == "pm").unwrap().fit)
        .collect();
    let pm = j["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "pm")
        .unwrap();
    close(&pm["mean"], mean(&fits), "pm mean from codes");
    // A code on stdin that is not a code at all.
    let (code, _, err) = run(&["aggregate", "-"], "hello!\n");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "warning: skipped stdin:1: the share code contains '!', which is not a share-code character\n\
         error: no results could be read (1 skipped)\n"
    );
}

#[test]
fn share_codes_of_a_quiz_file_and_text_that_is_not_codes() {
    let mini =
        careerfit::core::load::load(&std::fs::read("tests/data/minimal.ron").unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let codes: String = (0..5)
        .map(|i| {
            let answers: Vec<Option<usize>> = mini
                .questions
                .iter()
                .map(|q| Some(i % q.choices.len()))
                .collect();
            format!("{}\n", report::build(&mini, &answers, None).share_code)
        })
        .collect();
    let file = dir.path().join("mini-codes");
    std::fs::write(&file, &codes).unwrap();
    let f = file.to_str().unwrap();
    let (code, out, err) = run(&["aggregate", "--quiz", "tests/data/minimal.ron", f], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("“Mini quiz” (mini v0.1.0)\n"), "{out}");
    assert!(out.contains("Results: 5\n"), "{out}");
    assert!(out.contains("  1. I like alpha.\n"), "{out}");
    // The same codes read against the default quiz belong to another quiz.
    let (code, _, err) = run(&["aggregate", f], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!(
            "warning: skipped {f}:1: this share code belongs to "
        )),
        "{err}"
    );
    let bin = dir.path().join("binary");
    std::fs::write(&bin, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let (code, _, err) = run(&["aggregate", bin.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "warning: skipped {}:1: the line is not UTF-8 text\n\
             error: no results could be read (1 skipped)\n",
            bin.display()
        )
    );
    // A result file named explicitly, whatever its extension.
    let r = reports(&quiz(), 1, 9).remove(0);
    let named = dir.path().join("result.txt");
    std::fs::write(&named, r.to_json()).unwrap();
    let (code, out, _) = run(&["aggregate", named.to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("Results read: 1 · inputs skipped: 0\n"),
        "{out}"
    );
}

#[test]
fn markdown_report() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &reports(&quiz(), 8, 4));
    let (code, md, _) = run(
        &[
            "aggregate",
            "--format",
            "markdown",
            dir.path().to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        md.starts_with("# careerfit group report\n\n8 results read · 0 inputs skipped\n"),
        "{md}"
    );
    for h in [
        "### Outcomes",
        "### Profile fit (0–100)",
        "### Skills (0–100)",
        "### Answers per question",
    ] {
        assert!(md.contains(h), "{h}: {md}");
    }
    assert!(md.contains("| Outcome | Results | Share |"), "{md}");
}

#[test]
fn workshop_needs_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&["workshop", dir.path().to_str().unwrap()], "");
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: the workshop dashboard needs a terminal on stdin and stdout.\n\
         For a report without one, use `careerfit aggregate DIR`.\n"
    );
}

#[test]
fn hostile_text_never_reaches_the_output_and_link_loops_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (i, r) in reports(&quiz(), 5, 31).into_iter().enumerate() {
        let mut v: Value = serde_json::from_str(&r.to_json()).unwrap();
        v["quiz"]["fingerprint"] = "0123456789abcdef".into();
        v["quiz"]["title"] = "Evil\u{1b}]0;pwned\u{7}\u{202e} quiz".into();
        v["recommendation"]["title"] = "=cmd|' /C calc'!A0\u{1b}[2J".into();
        v["name"] = "\u{1b}[31mred".into();
        std::fs::write(d.join(format!("{i}.json")), v.to_string()).unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();
    for format in ["text", "markdown", "json", "csv"] {
        let (code, out, err) = run(&["aggregate", "--format", format, d.to_str().unwrap()], "");
        assert_eq!((code, err.as_str()), (0, ""), "{format}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}: {out}"
        );
        assert!(!out.contains('\u{202e}'), "{format}: {out}");
        if format == "csv" {
            // A quiz careerfit does not know: one row each, no measures.
            assert!(
                out.contains(",[31mred,'=cmd|' /C calc'!A0[2J,,,\n"),
                "{out}"
            );
            let (header, rows) = read_csv(&out);
            assert_eq!(rows.len(), 5);
            assert!(rows.iter().all(|r| r.len() == header.len()));
        } else {
            assert!(out.contains("Evil]0;pwned quiz"), "{format}: {out}");
        }
    }
}
