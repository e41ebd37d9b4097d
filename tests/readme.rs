//! The README's captured example is real: the card it shows is exactly what
//! `careerfit score` prints for the answers it names.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use assert_cmd::Command;

#[test]
fn readme_example_card_is_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let spec = readme
        .lines()
        .find_map(|l| l.strip_prefix("careerfit score --answers "))
        .expect("README shows a score command")
        .trim()
        .to_string();
    let start = readme.find("```text\n").expect("README shows a card") + "```text\n".len();
    let card = &readme[start..start + readme[start..].find("```").unwrap()];
    let out = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["score", "--answers", &spec])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), card);
    let code = card
        .lines()
        .find_map(|l| l.strip_prefix("Share code: "))
        .unwrap();
    assert!(readme.contains(&format!("careerfit show {code}")));
}

/// The README's first set-up command is `cargo run --release`. With two
/// programs in the workspace's default members, cargo can only pick one
/// when the root manifest names it (without it: "could not determine which
/// binary to run").
#[test]
fn cargo_run_starts_the_quiz() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains("cargo run --release "),
        "README set-up changed"
    );
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let package = |name: &str| {
        meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no package {name}"))
            .clone()
    };
    let bins = |pkg: &serde_json::Value| -> Vec<String> {
        pkg["targets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["kind"][0] == "bin")
            .map(|t| t["name"].as_str().unwrap().to_string())
            .collect()
    };
    let root = package("careerfit");
    assert_eq!(root["default_run"], "careerfit");
    assert_eq!(bins(&root), ["careerfit"]);
    assert_eq!(bins(&package("careerfit-serve")), ["careerfit-serve"]);
    // Both programs are built by a plain `cargo build` from the root.
    let members: Vec<&str> = meta["workspace_default_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        members.iter().any(|m| m.contains("careerfit-serve")),
        "{members:?}"
    );
}
