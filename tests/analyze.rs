//! `careerfit analyze` end to end (issue 18): a generated data set with two
//! planted bad items, every figure checked against a second, plain
//! implementation written here (covariance matrices, explicit rest
//! totals), the minimum-sample rule, every input path and the messages for
//! bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::code;
use careerfit::core::load::load;
use careerfit::core::model::Quiz;
use common::Lcg;
use common::run;
use serde_json::Value;
use std::path::Path;

const PLANTED: &str = "tests/data/analysis-planted.ron";

fn planted() -> Quiz {
    load(&std::fs::read(PLANTED).unwrap()).unwrap()
}

fn normal(rng: &mut Lcg) -> f64 {
    let u = (rng.below(1 << 30) as f64 + 0.5) / f64::from(1u32 << 30);
    let v = (rng.below(1 << 30) as f64 + 0.5) / f64::from(1u32 << 30);
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Simulated people for the planted quiz: a latent trait per scale, each
/// statement answered as trait (turned round for statements worded against
/// it) plus noise, cut at −1.5, −0.5, 0.5, 1.5. `a_random` is answered at
/// random; `a_wrong` is worded against openness (people answer it like
/// a5–a8) but the quiz keys it forward.
fn sheets(quiz: &Quiz, n: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|_| {
            let (ta, tb) = (normal(&mut rng), normal(&mut rng));
            quiz.questions
                .iter()
                .map(|q| {
                    if q.id == "a_random" {
                        return rng.below(5) + 1;
                    }
                    let t = if q.id.starts_with('a') { ta } else { tb };
                    let against = !q.reverse.is_empty() || q.id == "a_wrong";
                    let x = if against { -t } else { t } + normal(&mut rng);
                    1 + [-1.5, -0.5, 0.5, 1.5].iter().filter(|c| x > **c).count()
                })
                .collect()
        })
        .collect()
}

fn codes(quiz: &Quiz, sheets: &[Vec<usize>]) -> String {
    sheets
        .iter()
        .map(|s| {
            let a: Vec<Option<usize>> = s.iter().map(|k| Some(k - 1)).collect();
            code::encode(quiz, &a) + "\n"
        })
        .collect()
}

fn write_codes(dir: &Path, quiz: &Quiz, sheets: &[Vec<usize>]) -> String {
    let p = dir.join("codes.txt");
    std::fs::write(&p, codes(quiz, sheets)).unwrap();
    p.to_str().unwrap().to_string()
}

/// The second implementation: alpha from the covariance matrix C as
/// `k/(k−1)·(1 − tr C / ΣC)`, the item–rest correlation as a Pearson
/// correlation with an explicitly summed rest total, and alpha without an
/// item from C with that row and column struck out.
mod plain {
    pub fn cov(x: &[f64], y: &[f64]) -> f64 {
        let n = x.len() as f64;
        let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
        x.iter()
            .zip(y)
            .map(|(a, b)| (a - mx) * (b - my))
            .sum::<f64>()
            / (n - 1.0)
    }
    pub fn alpha(cols: &[Vec<f64>]) -> f64 {
        let k = cols.len() as f64;
        let (mut trace, mut all) = (0.0, 0.0);
        for (i, x) in cols.iter().enumerate() {
            for (j, y) in cols.iter().enumerate() {
                let c = cov(x, y);
                all += c;
                if i == j {
                    trace += c;
                }
            }
        }
        k / (k - 1.0) * (1.0 - trace / all)
    }
    pub fn item_rest(cols: &[Vec<f64>], j: usize) -> f64 {
        let rest: Vec<f64> = (0..cols[0].len())
            .map(|r| {
                (0..cols.len())
                    .filter(|&i| i != j)
                    .map(|i| cols[i][r])
                    .sum()
            })
            .collect();
        cov(&cols[j], &rest) / (cov(&cols[j], &cols[j]) * cov(&rest, &rest)).sqrt()
    }
    pub fn without(cols: &[Vec<f64>], j: usize) -> f64 {
        let rest: Vec<Vec<f64>> = (0..cols.len())
            .filter(|&i| i != j)
            .map(|i| cols[i].clone())
            .collect();
        alpha(&rest)
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn analysis_json(args: &[&str]) -> Value {
    let (code, out, err) = run(args, "");
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn planted_items_are_flagged_with_the_right_reasons_and_figures_match_a_second_implementation() {
    let quiz = planted();
    let dir = tempfile::tempdir().unwrap();
    let data = sheets(&quiz, 400, 18);
    let file = write_codes(dir.path(), &quiz, &data);
    let v = analysis_json(&["analyze", &file, "--quiz", PLANTED, "--format", "json"]);
    let g = &v["groups"][0]["analysis"];
    assert_eq!(
        (g["sheets"].as_u64(), g["complete"].as_u64()),
        (Some(400), Some(400))
    );

    // The flags: exactly the two planted items, for the right reasons.
    let mut flags: Vec<(String, String)> = g["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["question"].as_str().unwrap().into(),
                f["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    flags.dedup();
    assert_eq!(
        flags,
        [
            ("a_random".to_string(), "near-zero-item-total".to_string()),
            ("a_wrong".to_string(), "negative-item-total".to_string()),
        ],
        "{}",
        g["flags"]
    );
    let messages: Vec<&str> = g["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m
            .starts_with("negative item–total correlation in Openness (r = −0.")
            && m.ends_with(
                "): it runs against the rest of the scale; is it keyed the wrong way round?"
            )),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m
            .starts_with("near-zero item–total correlation in Openness (r = ")
            && m.ends_with(", below 0.20): it hardly measures what the other items do")),
        "{messages:?}"
    );

    // Every figure of every scale against the plain implementation, to 3
    // decimals. Item scores: the points careerfit gives (1–5, turned round
    // for reverse keys).
    for (scale, prefix) in [(0usize, 'a'), (1, 'b'), (2, 'a'), (3, 'b')] {
        let s = &g["scales"][scale];
        let items: Vec<usize> = (0..quiz.questions.len())
            .filter(|&q| quiz.questions[q].id.starts_with(prefix))
            .collect();
        let cols: Vec<Vec<f64>> = items
            .iter()
            .map(|&q| {
                let rev = !quiz.questions[q].reverse.is_empty();
                data.iter()
                    .map(|sh| if rev { 6 - sh[q] } else { sh[q] } as f64)
                    .collect()
            })
            .collect();
        assert_eq!(s["sheets"], 400);
        assert_eq!(s["items"].as_array().unwrap().len(), items.len());
        let close = |got: &Value, want: f64, what: &str| {
            assert!(
                (num(got) - want).abs() <= 0.0005 + 1e-9,
                "{what}: {got} vs {want:.4}"
            );
        };
        close(&s["alpha"], plain::alpha(&cols), "alpha");
        for (j, it) in s["items"].as_array().unwrap().iter().enumerate() {
            assert_eq!(it["question"], quiz.questions[items[j]].id.as_str());
            close(
                &it["item_total"],
                plain::item_rest(&cols, j),
                "item-total r",
            );
            close(
                &it["alpha_if_deleted"],
                plain::without(&cols, j),
                "alpha if deleted",
            );
        }
        if scale < 2 {
            let totals: Vec<f64> = (0..data.len())
                .map(|r| cols.iter().map(|c| c[r]).sum())
                .collect();
            let mean = totals.iter().sum::<f64>() / totals.len() as f64;
            close(&s["mean"], mean, "mean");
            close(&s["sd"], plain::cov(&totals, &totals).sqrt(), "sd");
            assert_eq!(
                s["range"],
                serde_json::json!([items.len() as f64, 5.0 * items.len() as f64])
            );
        }
    }
    // Deleting the planted items raises alpha; deleting a good one lowers it.
    let a = &g["scales"][0];
    let alpha = num(&a["alpha"]);
    let by = |id: &str| {
        a["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["question"] == id)
            .unwrap()["alpha_if_deleted"]
            .clone()
    };
    assert!(num(&by("a_wrong")) > alpha && num(&by("a_random")) > alpha);
    assert!(num(&by("a1")) < alpha);
    // The interval brackets alpha.
    let ci = a["alpha_interval"].as_array().unwrap();
    assert!(num(&ci[0]) < alpha && alpha < num(&ci[1]));
    // Two independent traits: the fits barely correlate.
    let r = &g["fit_correlations"][0];
    assert_eq!(r["sheets"], 400);
    assert!(num(&r["r"]).abs() < 0.15, "{r}");
}

#[test]
fn under_thirty_sheets_figures_are_withheld_with_a_message() {
    let quiz = planted();
    let dir = tempfile::tempdir().unwrap();
    let file = write_codes(dir.path(), &quiz, &sheets(&quiz, 29, 3));
    let (code, out, err) = run(&["analyze", &file, "--quiz", PLANTED], "");
    assert_eq!(code, 0, "{err}");
    let msg = "withheld: rests on 29 sheets, fewer than the 30 needed";
    let row = format!(
        "  {:<30}{:>5} {:>6}      –\n    {msg}\n",
        "Openness", 10, 29
    );
    assert!(out.contains(&row), "{out}");
    assert!(
        out.contains(&format!("  Open – Social (29 sheets): {msg}\n")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "  Openness (29 sheets, 10 items): range 10–50\n    {msg}\n"
        )),
        "{out}"
    );
    assert!(out.contains("Flagged items (0)\n  none\n"), "{out}");
    let v = analysis_json(&["analyze", &file, "--quiz", PLANTED, "--format", "json"]);
    let s = &v["groups"][0]["analysis"]["scales"][0];
    assert_eq!(s["alpha"], Value::Null);
    assert_eq!(s["alpha_withheld"], msg);
    assert_eq!(s["items"][0]["item_total_withheld"], msg);
    // One more sheet and the figures appear.
    let file = write_codes(dir.path(), &quiz, &sheets(&quiz, 30, 3));
    let v = analysis_json(&["analyze", &file, "--quiz", PLANTED, "--format", "json"]);
    assert!(v["groups"][0]["analysis"]["scales"][0]["alpha"].is_f64());
}

#[test]
fn every_format_and_input_path() {
    let quiz = planted();
    let dir = tempfile::tempdir().unwrap();
    let data = sheets(&quiz, 40, 9);
    let file = write_codes(dir.path(), &quiz, &data);
    let text = run(&["analyze", &file, "--quiz", PLANTED], "").1;
    assert!(text.starts_with("careerfit · item analysis\n"), "{text}");
    assert!(
        text.contains("“Planted items” (planted v1.0.0)\nfingerprint "),
        "{text}"
    );
    assert!(
        text.contains("Sheets: 40 (40 complete, 0 partial)\n"),
        "{text}"
    );
    let md = run(
        &["analyze", &file, "--quiz", PLANTED, "--format", "markdown"],
        "",
    )
    .1;
    assert!(md.starts_with("# Item analysis\n"), "{md}");
    assert!(md.contains("| Openness | 10 | 40 | "), "{md}");
    let csv = run(
        &["analyze", &file, "--quiz", PLANTED, "--format", "csv"],
        "",
    )
    .1;
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "quiz",
            "version",
            "fingerprint",
            "section",
            "scale",
            "question",
            "figure",
            "value",
            "sheets",
            "note"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|x| x.len() == 10));
    let alpha = rows
        .iter()
        .find(|x| &x[3] == "scale" && &x[4] == "a" && &x[6] == "alpha")
        .unwrap();
    let json = analysis_json(&["analyze", &file, "--quiz", PLANTED, "--format", "json"]);
    let want = num(&json["groups"][0]["analysis"]["scales"][0]["alpha"]);
    assert!((alpha[7].parse::<f64>().unwrap() - want).abs() < 0.0006);
    assert_eq!(&alpha[8], "40");

    // The same people as codes on stdin, and as result files in a folder,
    // give the same report.
    let stdin = run(
        &["analyze", "-", "--quiz", PLANTED, "--format", "json"],
        &codes(&quiz, &data),
    );
    assert_eq!(stdin.0, 0, "{}", stdin.2);
    let folder = dir.path().join("results");
    std::fs::create_dir(&folder).unwrap();
    for (i, s) in data.iter().enumerate() {
        let a: Vec<Option<usize>> = s.iter().map(|k| Some(k - 1)).collect();
        let r = careerfit::core::report::build(&quiz, &a, None);
        let mut v: Value = serde_json::from_str(&r.to_json()).unwrap();
        v["id"] = format!("{i:032x}").into();
        std::fs::write(folder.join(format!("r{i}.json")), v.to_string()).unwrap();
    }
    // A copy of one result (same id) counts once.
    std::fs::copy(folder.join("r0.json"), folder.join("copy.json")).unwrap();
    let (code, out, err) = run(
        &[
            "analyze",
            folder.to_str().unwrap(),
            "--quiz",
            PLANTED,
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "note: 1 copies of results already counted were left out (same result id)\n"
    );
    let files: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        files["groups"][0]["analysis"],
        json["groups"][0]["analysis"]
    );
    let piped: Value = serde_json::from_str(&stdin.1).unwrap();
    assert_eq!(
        piped["groups"][0]["analysis"],
        json["groups"][0]["analysis"]
    );
}

#[test]
fn small_groups_and_unknown_quizzes_show_only_their_count() {
    let quiz = planted();
    let dir = tempfile::tempdir().unwrap();
    let file = write_codes(dir.path(), &quiz, &sheets(&quiz, 4, 1));
    let (code, out, _) = run(&["analyze", &file, "--quiz", PLANTED], "");
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "Results: 4\nFewer than 5 results, so only the count is shown: with so few, answers could\nbe traced back to people.\n"
        ),
        "{out}"
    );
    let (_, out, _) = run(
        &["analyze", &file, "--quiz", PLANTED, "--min-group", "3"],
        "",
    );
    assert!(out.contains("Sheets: 4 (4 complete, 0 partial)"), "{out}");
    // A result of a quiz careerfit has not loaded: counted, not analysed.
    let r = careerfit::core::report::build(&quiz, &[Some(0); 18], None);
    let lone = dir.path().join("lone.json");
    std::fs::write(&lone, r.to_json()).unwrap();
    let (code, out, _) = run(&["analyze", lone.to_str().unwrap(), "--format", "json"], "");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["groups"][0]["count_only"],
        "careerfit does not know this quiz, so only the count is shown. To see the rest, give its file with --quiz FILE."
    );
}

#[test]
fn bad_input_exits_2_with_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, out, err) = run(&["analyze", empty.to_str().unwrap()], "");
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: no results found (folders are searched for *.json result files)\n"
    );

    let missing = dir.path().join("missing.txt");
    let m = missing.to_str().unwrap();
    let (code, _, err) = run(&["analyze", m], "");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "warning: skipped {m}: cannot read it: No such file or directory\nerror: no results could be read (1 skipped)\n"
        )
    );

    let (code, _, err) = run(&["analyze", "-"], "HELLO!\n");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "warning: skipped stdin:1: the share code contains '!', which is not a share-code character\nerror: no results could be read (1 skipped)\n"
    );

    let (code, _, err) = run(&["analyze", "-", "--quiz", "no-such-quiz"], "");
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "error: cannot read no-such-quiz: No such file or directory (bundled quizzes: pm-vs-pd"
        ),
        "{err}"
    );

    let (code, _, err) = run(&["analyze", "-", "--format", "xml"], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{err}"
    );

    let (code, _, err) = run(&["analyze"], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("the following required arguments were not provided"),
        "{err}"
    );
}

#[test]
fn simulate_writes_share_codes_that_analyze_reads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sim.txt");
    let f = file.to_str().unwrap();
    let (code, out, err) = run(
        &[
            "simulate",
            "--people",
            "40",
            "--seed",
            "4",
            "--write-codes",
            f,
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    // The figures are those of a run without the option: same people.
    assert_eq!(
        out,
        run(&["simulate", "--people", "40", "--seed", "4"], "").1
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 40);
    let quiz = common::default_quiz();
    for line in text.lines() {
        let a = code::decode(&quiz, line, &[]).unwrap();
        assert!(a.iter().all(Option::is_some));
    }
    let v = analysis_json(&["analyze", f, "--format", "json"]);
    let g = &v["groups"][0];
    assert_eq!(g["id"], "pm-vs-pd");
    assert_eq!(g["analysis"]["sheets"], 40);
    // Outcome counts add up to the sheets.
    let total: u64 = g["analysis"]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 40);

    let bad = dir.path().join("no/such/dir/codes.txt");
    let (code, _, err) = run(
        &[
            "simulate",
            "--people",
            "10",
            "--write-codes",
            bad.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "error: cannot write {}: No such file or directory\n",
            bad.display()
        )
    );
}

#[test]
fn skips_unanimous_answers_and_partial_sheets() {
    let quiz = planted();
    let a3 = quiz.questions.iter().position(|q| q.id == "a3").unwrap();
    let b1 = quiz.questions.iter().position(|q| q.id == "b1").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for (i, s) in sheets(&quiz, 40, 21).iter().enumerate() {
        let a: Vec<Option<usize>> = s
            .iter()
            .enumerate()
            .map(|(q, k)| match q {
                _ if q == a3 && i < 11 => None,
                _ if q == b1 => Some(4),
                _ => Some(k - 1),
            })
            .collect();
        text.push_str(&code::encode(&quiz, &a));
        text.push('\n');
    }
    let file = dir.path().join("codes.txt");
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let (code, out, err) = run(&["analyze", f, "--quiz", PLANTED], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Sheets: 40 (29 complete, 11 partial)\n"),
        "{out}"
    );
    // Listwise per scale: Openness lost the 11 sheets that skipped a3,
    // Sociability did not.
    let withheld = "withheld: rests on 29 sheets, fewer than the 30 needed";
    assert!(
        out.contains(&format!(
            "  {:<30}{:>5} {:>6}      –\n    {withheld}\n",
            "Openness", 10, 29
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("  {:<30}{:>5} {:>6}  0.", "Sociability", 8, 40)),
        "{out}"
    );
    assert!(out.contains("  a3                            1:"), "{out}");
    assert!(out.contains("  skipped 11 (27.5%)\n"), "{out}");
    // Flags, with their continuation lines put back.
    let flags = out.split("Flagged items (3)\n").nth(1).unwrap();
    let flags = flags.split("\n\n").next().unwrap().replace("\n    ", " ");
    assert_eq!(
        flags.lines().collect::<Vec<_>>(),
        [
            "  a3 (“I seek out unfamiliar places.”): many skips: 28% of sheets skipped it",
            "  b1 (“I start conversations easily.”): little spread: the answers' standard deviation is 0.00 scale points, so it separates people little",
            "  b1 (“I start conversations easily.”): near-unanimous: 100% of those who answered chose “Strongly agree”",
        ]
    );
    // An item that does not vary has no correlation, and says why.
    assert!(
        out.contains("    b1                            r not defined: the scores do not vary"),
        "{out}"
    );
}
