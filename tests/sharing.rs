//! Sharing a result: cards, history, saving from the TUI and its failures.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use assert_cmd::Command;
use careerfit::effects::{Settings, apply};
use careerfit::tui::model::Overlay;
use careerfit::tui::msg::{Effect, Message};
use careerfit::tui::update::update;
use common::*;

fn cf() -> Command {
    Command::cargo_bin("careerfit").unwrap()
}

fn score(args: &[&str]) -> String {
    let out = cf()
        .args(["score", "--answers", PM_SPEC])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn card_snapshots() {
    insta::assert_snapshot!("card_text", score(&[]));
    insta::assert_snapshot!("card_ascii", score(&["--ascii"]));
    insta::assert_snapshot!(
        "card_markdown",
        score(&["--format", "markdown", "--name", "Sam"])
    );
    insta::assert_snapshot!("card_json", score(&["--format", "json"]));
}

#[test]
fn text_card_fits_72_columns_and_reproduces() {
    let card = score(&[]);
    for line in card.lines() {
        assert!(
            careerfit::core::text::width(line) <= 72,
            "too wide: {line:?}"
        );
    }
    let ascii = score(&["--ascii"]);
    assert!(ascii.lines().filter(|l| l.contains('#')).count() >= 2);
    assert!(!ascii.contains('█'));
    let code = card
        .lines()
        .find_map(|l| l.strip_prefix("Share code: "))
        .unwrap();
    assert!(card.contains(&format!("See it again: careerfit show {code}")));
    let shown = cf().args(["show", code]).output().unwrap();
    assert_eq!(String::from_utf8(shown.stdout).unwrap(), card);
}

#[test]
fn history_lists_finished_results_and_clears() {
    let dir = tempfile::tempdir().unwrap();
    let input: String = PM_SPEC.split(',').map(|d| format!("{d}\n")).collect();
    cf().args(["take", "--plain", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", dir.path())
        .write_stdin(input)
        .assert()
        .success();
    let out = cf()
        .arg("history")
        .env("CAREERFIT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let code = score(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&code).unwrap();
    assert!(s.contains(v["share_code"].as_str().unwrap()), "{s}");
    assert!(s.contains("Product Management"), "{s}");
    assert!(s.contains("1 result(s) in"), "{s}");
    let out = cf()
        .args(["history", "--clear"])
        .env("CAREERFIT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Deleted 1 kept result(s).\n"
    );
    let out = cf()
        .arg("history")
        .env("CAREERFIT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("No results kept yet.")
    );
}

#[test]
fn name_is_optional_and_sanitized() {
    let json = score(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v.get("name").is_none(), "anonymous by default");
    let json = score(&["--format", "json", "--name", "Sam\u{1b}[31m"]);
    assert!(json.contains("\"name\": \"Sam[31m\""), "{json}");
}

#[test]
fn writing_results_from_the_tui_and_recovering_from_failure() {
    let mut m = model();
    finish(&mut m, PM_SPEC);
    let good = tempfile::tempdir().unwrap();
    let bad = good.path().join("not-a-folder");
    std::fs::write(&bad, "a file where a folder should be").unwrap();
    let settings = Settings {
        save_dir: bad.clone(),
        ..Settings::default()
    };
    let fx = update(&mut m, Message::Write);
    assert_eq!(fx, vec![Effect::WriteResult(None)]);
    let out = apply(&m, fx, &settings);
    let status = out.status.unwrap();
    assert!(
        status.starts_with(&format!("Could not save in {}:", bad.display())),
        "{status}"
    );
    assert!(
        status.ends_with("press W to try another folder."),
        "{status}"
    );
    assert!(m.report().is_some(), "the result stays on screen");
    // Try another folder.
    update(&mut m, Message::WriteTo);
    assert_eq!(m.overlay(), Overlay::SaveDir);
    for c in good.path().display().to_string().chars() {
        update(&mut m, Message::Type(c));
    }
    let fx = update(&mut m, Message::Confirm);
    let out = apply(&m, fx, &settings);
    let status = out.status.unwrap();
    let mut names: Vec<String> = std::fs::read_dir(good.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("careerfit-"))
        .collect();
    names.sort();
    // The result as JSON and Markdown, and the card as PNG and SVG.
    assert_eq!(names.len(), 4, "{names:?}");
    let exts: Vec<&str> = names
        .iter()
        .map(|n| n.rsplit('.').next().unwrap())
        .collect();
    assert_eq!(exts, ["json", "md", "png", "svg"]);
    assert_eq!(
        status,
        format!(
            "Saved {}, .md, .svg and .png",
            good.path().join(&names[0]).display()
        )
    );
    let png = std::fs::read(good.path().join(&names[2])).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n"), "a PNG file");
    // Saving twice never overwrites.
    let fx = update(&mut m, Message::Write);
    apply(
        &m,
        fx,
        &Settings {
            save_dir: good.path().into(),
            ..Settings::default()
        },
    );
    let saved = std::fs::read_dir(good.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("careerfit-")
        })
        .count();
    assert_eq!(saved, 8);
}

#[test]
fn copy_sends_osc52_with_the_card() {
    let mut m = model();
    finish(&mut m, PM_SPEC);
    let fx = update(&mut m, Message::Copy);
    let out = apply(&m, fx, &Settings::default());
    let s = String::from_utf8(out.terminal).unwrap();
    assert!(s.starts_with("\u{1b}]52;c;") && s.ends_with('\u{7}'));
    use base64::Engine;
    let b64 = &s[7..s.len() - 1];
    let card = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    assert_eq!(String::from_utf8(card).unwrap(), score(&[]));
    assert!(out.status.unwrap().contains("Asked your terminal to copy"));
}
