//! The message catalogue and the code agree: every message the code names
//! exists, and every message in the catalogue is used. Message names are
//! kebab-case string literals (`"key-quit"`), so the sources that use the
//! catalogue are scanned for them; the few kebab-case literals there that
//! are not messages (quiz ids, serde case names) are listed here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use std::collections::BTreeSet;
use std::path::Path;

const NOT_MESSAGES: &[&str] = &[
    "careerfit-results",
    "careerfit-share-code",
    "folder-check",
    "forced-choice",
    "kebab-case",
    "my-quiz",
    "pm-vs-pd",
    "pm-vs-pd-ja",
    "pm-vs-pd-ja-v1",
    "pm-vs-pd-v1",
    "product-team-roles",
    "team-roles",
    "utf-8",
];

fn catalogue_keys() -> BTreeSet<String> {
    let src = include_str!("../crates/careerfit-core/locales/en/careerfit.ftl");
    src.lines()
        .filter(|l| !l.starts_with(['#', ' ', '}']) && l.contains(" ="))
        .map(|l| l.split(" =").next().unwrap().to_owned())
        .collect()
}

/// Kebab-case string literals in the non-test sources under `dir`.
fn literals(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if name != "target" && name != "tests" {
                literals(&path, out);
            }
            continue;
        }
        if !name.ends_with(".rs") || name.ends_with("_tests.rs") || name == "tests.rs" {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        // Only files that speak through the catalogue: elsewhere kebab-case
        // literals are ids (lint names, flags), not messages.
        let speaks = ["tr!(", "Lang", "lang.t(", "lang()", "catalogue"]
            .iter()
            .any(|m| src.contains(m));
        if !speaks {
            continue;
        }
        // Every `"…"` whose inside is kebab-case, wherever it starts, so
        // escaped quotes and `'"'` characters cannot shift the scan.
        for (i, _) in src.match_indices('"') {
            let rest = &src[i + 1..];
            let end = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(rest.len());
            let piece = &rest[..end];
            let kebab = rest[end..].starts_with('"')
                && piece.contains('-')
                && piece.starts_with(|c: char| c.is_ascii_lowercase())
                && !piece.ends_with('-')
                && !piece.contains("--");
            if kebab {
                out.insert(piece.to_owned());
            }
        }
    }
}

#[test]
fn every_named_message_exists_and_every_message_is_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    literals(&root.join("src"), &mut used);
    literals(&root.join("crates"), &mut used);
    let keys = catalogue_keys();
    let unknown: Vec<&String> = used
        .iter()
        .filter(|l| !keys.contains(*l) && !NOT_MESSAGES.contains(&l.as_str()))
        .collect();
    assert!(unknown.is_empty(), "not in the catalogue: {unknown:?}");
    let unused: Vec<&String> = keys.iter().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "never used: {unused:?}");
}
