//! The HTML report and the SVG card as a person sees them: rendered by
//! headless Chromium (Debian's `chromium`, which .ci/run installs). Each
//! page must draw something (the screenshot is not blank), log nothing to
//! the console, make no network request of its own (Chromium's net log is
//! read; its own background requests are told apart by their initiator,
//! and every host name resolves to nothing, so nothing leaves the
//! machine), and hold its chart elements in the DOM. The screenshots are
//! kept under the target folder's tmp/ for people to look at.
//!
//! Without Chromium these tests say so and pass, except under CI (`CI`
//! set), where a missing browser is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use assert_cmd::Command;
use std::path::{Path, PathBuf};

mod common;

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|d| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .map(|n| d.join(n))
            .find(|p| p.is_file())
    })
}

/// Chromium, or `None` after saying why the test does not run.
fn chromium(test: &str) -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium not found: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!("skipped {test}: chromium not found (apt-get install chromium, or set CHROMIUM)");
    }
    found
}

struct Rendered {
    /// Chromium's stderr: console messages appear as `:CONSOLE` lines.
    log: String,
    /// Chromium's stdout (the DOM with `--dump-dom`).
    out: String,
    net: serde_json::Value,
}

/// Opens `file` in a fresh headless Chromium with `extra` flags.
fn render(chromium: &Path, file: &Path, extra: &[String]) -> Rendered {
    let profile = tempfile::tempdir().unwrap();
    let net = profile.path().join("netlog.json");
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("p").display()
        ))
        .arg(format!("--log-net-log={}", net.display()))
        .args(extra)
        .arg(format!("file://{}", file.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Rendered {
        log: String::from_utf8_lossy(&out.stderr).into_owned(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        net: serde_json::from_str(&std::fs::read_to_string(&net).unwrap()).unwrap(),
    }
}

impl Rendered {
    fn console(&self) -> Vec<&str> {
        self.log
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .collect()
    }

    /// URLs the page asked for. Chromium's own requests (update checks,
    /// which the resolver rule stops) have no origin as initiator.
    fn page_requests(&self) -> Vec<String> {
        let events = self.net["constants"]["logEventTypes"].as_object().unwrap();
        let start = events["URL_REQUEST_START_JOB"].as_u64().unwrap();
        self.net["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"].as_u64() == Some(start))
            .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
            .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
            .collect()
    }
}

/// Width, height and the share of pixels unlike the most common colour.
fn drawn(png_bytes: &[u8]) -> (u32, u32, f64) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let mut counts = std::collections::HashMap::new();
    for p in &pixels {
        *counts.entry(&p[..3]).or_insert(0u64) += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    let other = 1.0 - most as f64 / pixels.len() as f64;
    (info.width, info.height, other)
}

/// Mean luminance 0–255 of a PNG (dark pages are dark).
fn luminance(png_bytes: &[u8]) -> f64 {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    pixels
        .iter()
        .map(|p| 0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2]))
        .sum::<f64>()
        / pixels.len() as f64
}

/// Where screenshots are kept for people to look at.
fn keep(name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn screenshot(chromium: &Path, file: &Path, w: u32, h: u32, extra: &[&str]) -> (Rendered, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    let mut flags = vec![
        format!("--window-size={w},{h}"),
        format!("--screenshot={}", shot.display()),
    ];
    flags.extend(extra.iter().map(ToString::to_string));
    let r = render(chromium, file, &flags);
    (r, std::fs::read(&shot).unwrap())
}

#[test]
fn the_detectors_catch_a_page_that_logs_and_fetches() {
    let Some(chromium) = chromium("the_detectors_catch_a_page_that_logs_and_fetches") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><p>x</p><img src=\"http://careerfit.invalid/x.png\">\
         <script>console.error('boom')</script>",
    )
    .unwrap();
    let r = render(&chromium, &page, &["--dump-dom".to_string()]);
    assert!(r.console().iter().any(|l| l.contains("boom")), "{}", r.log);
    assert_eq!(r.page_requests(), ["http://careerfit.invalid/x.png"]);
}

#[test]
fn the_html_report_renders_offline_in_chromium() {
    let Some(chromium) = chromium("the_html_report_renders_offline_in_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results");
    std::fs::create_dir(&results).unwrap();
    common::room(&results, "pm-vs-pd", 24, Some("<script>alert(1)</script>"));
    common::room(&results, "pm-vs-pd-ja", 7, None);
    let page = dir.path().join("report.html");
    Command::cargo_bin("careerfit")
        .unwrap()
        .args([
            "aggregate",
            results.to_str().unwrap(),
            "--format",
            "html",
            "-o",
        ])
        .arg(&page)
        .assert()
        .success();
    let (r, shot) = screenshot(&chromium, &page, 1200, 2400, &[]);
    keep("report-light.png", &shot);
    let (w, h, other) = drawn(&shot);
    assert_eq!((w, h), (1200, 2400));
    assert!(other > 0.05, "the page is blank ({other:.3} drawn)");
    assert!(r.console().is_empty(), "console: {:?}", r.console());
    assert!(
        r.page_requests().is_empty(),
        "requests: {:?}",
        r.page_requests()
    );
    // The dark scheme follows the system's.
    let (_, dark) = screenshot(&chromium, &page, 1200, 2400, &["--force-dark-mode"]);
    keep("report-dark.png", &dark);
    assert!(
        luminance(&dark) + 80.0 < luminance(&shot),
        "dark mode is not dark"
    );
    // The charts are in the DOM: bars, axes and labels inside each figure.
    let r = render(&chromium, &page, &["--dump-dom".to_string()]);
    assert!(r.console().is_empty(), "console: {:?}", r.console());
    let dom = scraper::Html::parse_document(&r.out);
    let count = |s: &str| dom.select(&scraper::Selector::parse(s).unwrap()).count();
    assert_eq!(count("section.group"), 2);
    assert_eq!(count("section.group:first-of-type figure.chart svg"), 4);
    assert!(
        count("figure.chart svg rect") > 40,
        "{}",
        count("figure.chart svg rect")
    );
    assert!(count("figure.chart svg text") > 40);
    assert_eq!(count("figure.chart [role=img][aria-label]"), 8);
    assert_eq!(count("script"), 0, "the nickname became a script");
}

#[test]
fn the_svg_card_renders_in_chromium_as_the_png_does() {
    let Some(chromium) = chromium("the_svg_card_renders_in_chromium_as_the_png_does") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ja = common::share_code("pm-vs-pd-ja", &common::JA_SPEC);
    for (name, code, quiz) in [
        ("card", "39N5-G61H-WE6C-QAH1-RS3Z-AP1W-P51K-G", "pm-vs-pd"),
        ("card-ja", ja.as_str(), "pm-vs-pd-ja"),
    ] {
        let svg = dir.path().join(format!("{name}.svg"));
        let png = dir.path().join(format!("{name}.png"));
        for (f, out) in [("svg", &svg), ("png", &png)] {
            Command::cargo_bin("careerfit")
                .unwrap()
                .args(["show", code, "--quiz", quiz, "--format", f, "-o"])
                .arg(out)
                .assert()
                .success();
        }
        let (r, shot) = screenshot(&chromium, &svg, 1200, 630, &[]);
        keep(&format!("{name}-chromium.png"), &shot);
        keep(&format!("{name}-resvg.png"), &std::fs::read(&png).unwrap());
        let (w, h, other) = drawn(&shot);
        assert_eq!((w, h), (1200, 630));
        assert!(other > 0.05, "{name} is blank ({other:.3} drawn)");
        assert!(r.console().is_empty(), "console: {:?}", r.console());
        assert!(
            r.page_requests().is_empty(),
            "requests: {:?}",
            r.page_requests()
        );
        // Chromium and resvg draw the same card: nearly every pixel agrees.
        let diff = differing(&shot, &std::fs::read(&png).unwrap());
        assert!(diff < 0.03, "{name}: {diff:.4} of the pixels differ");
        let r = render(&chromium, &svg, &["--dump-dom".to_string()]);
        let texts = r.out.matches("<text").count();
        assert!(texts >= 10, "{name}: {texts} texts in the DOM");
        assert_eq!(
            r.out.matches("class=\"fit\"").count(),
            2,
            "{name}: fit bars"
        );
    }
}

/// The share of pixels whose colour differs by more than a quarter in any
/// channel (anti-aliasing differs between renderers; layout must not).
fn differing(a: &[u8], b: &[u8]) -> f64 {
    let decode = |bytes: &[u8]| {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let n = info.color_type.samples();
        let px: Vec<[u8; 3]> = buf[..info.buffer_size()]
            .chunks(n)
            .map(|p| [p[0], p[1], p[2]])
            .collect();
        px
    };
    let (pa, pb) = (decode(a), decode(b));
    assert_eq!(pa.len(), pb.len());
    let off = pa
        .iter()
        .zip(&pb)
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(c, d)| c.abs_diff(*d) > 64))
        .count();
    off as f64 / pa.len() as f64
}
