//! Other instruments in careerfit's format (issue 18): an IPIP-style Big
//! Five inventory and an O*NET-style RIASEC interest inventory. Both pass
//! `validate --strict`, and their sum scores are the published ones: the
//! IPIP scales 10–50 with reverse keys, the O*NET-style areas 0–40 thanks
//! to `scale_start: 0`. Expected sums are worked out here from the
//! answers, never read back from the code under test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use assert_cmd::Command;
use careerfit::core::load::load;
use careerfit::core::model::Quiz;
use common::Lcg;
use serde_json::Value;

const IPIP: &str = "tests/data/ipip-style.ron";
const ONET: &str = "tests/data/onet-style.ron";

fn cf() -> Command {
    Command::new(env!("CARGO_BIN_EXE_careerfit"))
}

fn quiz(path: &str) -> Quiz {
    load(&std::fs::read(path).unwrap()).unwrap()
}

/// `score --format json` for 1-based answers.
fn score(path: &str, answers: &[usize]) -> Value {
    let spec: Vec<String> = answers.iter().map(ToString::to_string).collect();
    let out = cf()
        .args(["score", "--quiz", path, "--format", "json", "--answers"])
        .arg(spec.join(","))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn raw(v: &Value, dim: &str) -> f64 {
    v["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == dim)
        .unwrap()["raw"]
        .as_f64()
        .unwrap()
}

#[test]
fn both_pass_validate_strict() {
    let out = cf()
        .args(["validate", "--strict", IPIP, ONET])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{IPIP}: ok (50 questions, 5 profiles)\n{ONET}: ok (60 questions, 6 profiles)\n")
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn without_its_allow_the_interest_inventory_is_warned_about_reverse_keys() {
    let src = std::fs::read_to_string(ONET).unwrap();
    let start = src.find("    allow: [").unwrap();
    let end = start + src[start..].find("],\n").unwrap() + 3;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("onet.ron");
    std::fs::write(&path, format!("{}{}", &src[..start], &src[end..])).unwrap();
    let out = cf()
        .args(["validate", "--strict"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.matches("has no reverse-keyed agreement statement")
            .count(),
        6,
        "{err}"
    );
    assert!(
        err.ends_with("error: --strict: 6 warning(s) count as errors\n"),
        "{err}"
    );
}

#[test]
fn inspect_shows_the_scale_points_and_the_allowed_lint() {
    let out = cf().args(["inspect", "--quiz", ONET]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\nscale points: 0 to 4\nlint allowed: no-reverse-key (Interest inventories ask only how much one likes an activity; none is worded against its area.)\n"), "{text}");
    let out = cf()
        .args(["inspect", "--quiz", ONET, "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["scale_start"], 0);
    assert_eq!(v["allow"][0]["lint"], "no-reverse-key");
    let out = cf().args(["inspect", "--quiz", IPIP]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains("scale points") && !text.contains("lint allowed"),
        "{text}"
    );
}

#[test]
fn onet_style_area_sums_run_from_0_to_40() {
    let q = quiz(ONET);
    let all = |k: usize| vec![k; q.questions.len()];
    for (answer, sum) in [(1, 0.0), (2, 10.0), (3, 20.0), (5, 40.0)] {
        let v = score(ONET, &all(answer));
        for d in &q.dimensions {
            assert_eq!(raw(&v, &d.id), sum, "{} answered {answer}", d.id);
            let dim = v["dimensions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["id"] == d.id.as_str())
                .unwrap();
            assert_eq!(
                (dim["min"].as_f64(), dim["max"].as_f64()),
                (Some(0.0), Some(40.0))
            );
        }
    }
    // A varied sheet: each area's sum is the sum of (answer − 1) over its items.
    let mut rng = Lcg(11);
    let sheet: Vec<usize> = (0..q.questions.len()).map(|_| rng.below(5) + 1).collect();
    let v = score(ONET, &sheet);
    for d in &q.dimensions {
        let want: usize = q
            .questions
            .iter()
            .zip(&sheet)
            .filter(|(x, _)| x.id.starts_with(&d.id[..1]))
            .map(|(_, k)| k - 1)
            .sum();
        assert_eq!(raw(&v, &d.id), want as f64, "{}", d.id);
    }
}

#[test]
fn ipip_style_sums_use_reverse_keys_as_published() {
    let q = quiz(IPIP);
    let mut rng = Lcg(5);
    for _ in 0..5 {
        let sheet: Vec<usize> = (0..q.questions.len()).map(|_| rng.below(5) + 1).collect();
        let v = score(IPIP, &sheet);
        for (d, dim) in q.dimensions.iter().enumerate() {
            let want: usize = q
                .questions
                .iter()
                .zip(&sheet)
                .filter(|(x, _)| x.measures == [d])
                .map(|(x, k)| if x.reverse.is_empty() { *k } else { 6 - k })
                .sum();
            assert_eq!(raw(&v, &dim.id), want as f64, "{}", dim.id);
            let spread = v["dimensions"][d]["max"].as_f64().unwrap()
                - v["dimensions"][d]["min"].as_f64().unwrap();
            assert_eq!(spread, 40.0);
        }
    }
    // Ten statements per factor, as in the IPIP-50.
    for d in 0..5 {
        assert_eq!(q.questions.iter().filter(|x| x.measures == [d]).count(), 10);
    }
}

#[test]
fn analyze_reports_the_onet_style_areas_on_their_0_to_40_range() {
    let q = quiz(ONET);
    let mut rng = Lcg(3);
    let mut codes = String::new();
    for _ in 0..40 {
        let a: Vec<Option<usize>> = (0..q.questions.len()).map(|_| Some(rng.below(5))).collect();
        codes.push_str(&careerfit::core::code::encode(&q, &a));
        codes.push('\n');
    }
    let out = cf()
        .args(["analyze", "-", "--quiz", ONET, "--format", "json"])
        .write_stdin(codes)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let scales = v["groups"][0]["analysis"]["scales"].as_array().unwrap();
    for s in scales.iter().filter(|s| s["kind"] == "dimension") {
        assert_eq!(s["range"], serde_json::json!([0.0, 40.0]), "{}", s["id"]);
        let mean = s["mean"].as_f64().unwrap();
        assert!((0.0..=40.0).contains(&mean));
    }
}
