//! The HTML group report and the result card images, through the real
//! program: numbers that match the JSON report, the anonymity rule,
//! escaping, `--output`, and the exact messages for bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;

use assert_cmd::Command;
use common::room;
use scraper::{Html, Selector};
use std::path::Path;

fn careerfit() -> Command {
    Command::cargo_bin("careerfit").unwrap()
}

fn run(args: &[&str]) -> String {
    let out = careerfit().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

fn num(s: &str) -> Option<f64> {
    s.trim_end_matches('%').parse().ok()
}

/// Compares one group of the HTML with one group of the JSON report.
fn same_numbers(section: scraper::ElementRef, g: &serde_json::Value) {
    assert_eq!(
        section.value().attr("data-count").unwrap(),
        g["count"].to_string()
    );
    let outcomes: Vec<(String, u64)> = section
        .select(&sel("table.outcomes tr[data-outcome]"))
        .map(|tr| {
            let c = text(tr.select(&sel("td.count")).next().unwrap());
            (
                tr.value().attr("data-outcome").unwrap().to_string(),
                c.parse().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = g["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outcome"].as_str().unwrap().to_string(),
                o["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(outcomes, want);
    for (table, key, attr) in [
        ("profiles", "profiles", "data-profile"),
        ("dimensions", "dimensions", "data-dimension"),
    ] {
        let rows: Vec<(String, Option<f64>, Option<f64>)> = section
            .select(&sel(&format!("table.{table} tr[{attr}]")))
            .map(|tr| {
                let cell = |c: &str| num(&text(tr.select(&sel(c)).next().unwrap()));
                (
                    tr.value().attr(attr).unwrap().to_string(),
                    cell("td.mean"),
                    cell("td.stdev"),
                )
            })
            .collect();
        let want: Vec<(String, Option<f64>, Option<f64>)> = g[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["id"].as_str().unwrap().to_string(),
                    p["mean"].as_f64(),
                    p["stdev"].as_f64(),
                )
            })
            .collect();
        assert_eq!(rows, want, "{table}");
        assert!(!rows.is_empty());
    }
}

#[test]
fn the_html_numbers_are_the_json_numbers() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 23, None);
    room(dir.path(), "pm-vs-pd-ja", 9, None);
    let d = dir.path().to_str().unwrap();
    let html = Html::parse_document(&run(&["aggregate", d, "--format", "html"]));
    let json: serde_json::Value =
        serde_json::from_str(&run(&["aggregate", d, "--format", "json"])).unwrap();
    let sections: Vec<_> = html.select(&sel("section.group")).collect();
    assert_eq!(sections.len(), 2);
    same_numbers(sections[0], &json);
    same_numbers(sections[1], &json["other_groups"][0]);
    // The Japanese quiz's section says its language, for fonts and readers.
    assert_eq!(sections[1].value().attr("lang"), Some("ja"));
    assert_eq!(sections[0].value().attr("data-quiz"), Some("pm-vs-pd"));
    // One chart for outcomes, one per profile, one for skills, each with
    // its text alternative.
    let charts = sections[0].select(&sel("figure.chart")).count();
    assert_eq!(charts, 1 + 2 + 1);
    for f in sections[0].select(&sel("figure.chart")) {
        let alt = f.select(&sel("[role=img]")).next().unwrap();
        assert!(alt.value().attr("aria-label").unwrap().len() > 20);
        assert!(f.select(&sel("svg")).next().is_some());
    }
}

#[test]
fn the_html_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 6, None);
    let html = run(&[
        "aggregate",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "a URL"
    );
    for tag in ["<script", "<link", "<img", "<iframe", "@import"] {
        assert!(!html.contains(tag), "{tag}");
    }
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("default-src 'none'"));
    assert!(
        html.contains("@font-face"),
        "the font travels with the page"
    );
    assert!(html.contains("prefers-color-scheme:dark"));
    assert!(html.contains("@media print"));
}

#[test]
fn a_small_group_shows_only_its_count() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 4, None);
    let html = run(&[
        "aggregate",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
    ]);
    let doc = Html::parse_document(&html);
    let s = doc.select(&sel("section.group")).next().unwrap();
    assert_eq!(s.value().attr("data-count"), Some("4"));
    assert_eq!(text(s.select(&sel(".count")).next().unwrap()), "4 results");
    for hidden in ["figure", "table", "svg", "ol"] {
        assert_eq!(s.select(&sel(hidden)).count(), 0, "{hidden} shown");
    }
    assert!(text(s).contains("Fewer than 5 results, so only the count is shown"));
    // With the rule lowered the same folder shows everything.
    let all = run(&[
        "aggregate",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--min-group",
        "4",
    ]);
    assert!(
        Html::parse_document(&all)
            .select(&sel("figure.chart"))
            .count()
            > 0
    );
}

#[test]
fn user_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 5, Some("<script>alert(1)</script>"));
    // A result of a quiz careerfit does not know, titled with markup.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("pm-vs-pd-1.json")).unwrap())
            .unwrap();
    v["quiz"]["id"] = "made-up".into();
    v["quiz"]["title"] = "<script>alert(1)</script>".into();
    v["id"] = "other".into();
    std::fs::write(dir.path().join("odd.json"), v.to_string()).unwrap();
    let html = run(&[
        "aggregate",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert!(
        !html.contains("<script"),
        "markup from a result reached the page"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let doc = Html::parse_document(&html);
    let titles: Vec<String> = doc.select(&sel("section.group h2")).map(text).collect();
    assert!(
        titles.contains(&"<script>alert(1)</script>".to_string()),
        "{titles:?}"
    );
}

#[test]
fn output_writes_the_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 5, None);
    let out = dir.path().join("report.html");
    let said = run(&[
        "aggregate",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(said, format!("Wrote {}\n", out.display()));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("section class=\"group\""));
    // Every format can go to a file; CSV too.
    let csv = dir.path().join("r.csv");
    run(&[
        "aggregate",
        dir.path().to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("quiz,"));
}

#[test]
fn bad_output_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 5, None);
    let d = dir.path().to_str().unwrap();
    careerfit()
        .args(["aggregate", d, "--format", "html", "--output", "report.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: --output report.md ends in .md, but --format is html (use a name ending in .html)\n");
    let missing = dir.path().join("no/such/report.html");
    careerfit()
        .args([
            "aggregate",
            d,
            "--format",
            "html",
            "--output",
            missing.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(format!(
            "error: cannot write {}: No such file or directory\n",
            missing.display()
        ));
    careerfit()
        .args(["aggregate", d, "--format", "html", "--output", d])
        .assert()
        .code(2)
        .stderr(format!("error: cannot write {d}: it is a folder\n"));
    careerfit()
        .args(["aggregate", d, "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value 'pdf' for '--format <FORMAT>'",
        ))
        .stderr(predicates::str::contains(
            "[possible values: text, markdown, csv, json, html]",
        ));
}

const CODE: &str = "39N5-G61H-WE6C-QAH1-RS3Z-AP1W-P51K-G";

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let info = reader.info();
    (info.width, info.height)
}

#[test]
fn show_writes_the_card_as_svg_and_png() {
    let svg = run(&["show", CODE, "--format", "svg"]);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"")
    );
    assert!(svg.contains("Best fit: Product Management"));
    // To a pipe, the PNG is the bytes.
    let out = careerfit()
        .args(["show", CODE, "--format", "png"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(png_size(&out.stdout), (1200, 630));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("card.png");
    let said = run(&[
        "show",
        CODE,
        "--format",
        "png",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(said, format!("Wrote {}\n", file.display()));
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(bytes, out.stdout, "the same picture every time");
    // The Japanese quiz's card names its quiz in Japanese.
    let code = common::share_code("pm-vs-pd-ja", &common::JA_SPEC);
    let ja = run(&["show", &code, "--quiz", "pm-vs-pd-ja", "--format", "svg"]);
    assert!(ja.contains("プロダクト開発"), "{ja}");
}

#[test]
fn show_refuses_bad_image_requests() {
    careerfit()
        .args(["show", CODE, "--format", "png", "--output", "card.svg"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: --output card.svg ends in .svg, but --format is png (use a name ending in .png)\n");
    careerfit()
        .args(["show", "NOT-A-CODE", "--format", "png", "-o", "x.png"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: the share code is mistyped or incomplete (its checksum does not match)\n");
    assert!(!Path::new("x.png").exists());
    careerfit()
        .args(["show", CODE, "--format", "gif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "[possible values: text, markdown, json, svg, png]",
        ));
}

#[test]
fn the_dashboard_export_writes_the_html_too() {
    let dir = tempfile::tempdir().unwrap();
    room(dir.path(), "pm-vs-pd", 6, None);
    let scanner =
        careerfit::workshop::scan::Scanner::new(dir.path().to_path_buf(), common::default_quiz());
    let said = scanner.export(5);
    let html: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    assert_eq!(html.len(), 1);
    let stem = html[0].file_stem().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        said,
        format!("Exported {stem}.md, .csv and .html into the workshop folder")
    );
    let page = std::fs::read_to_string(&html[0]).unwrap();
    assert!(page.contains("data-count=\"6\""));
}
