//! Exports that tools read (issue 16): the CSV is one rectangular
//! long-format table that the `csv` crate and Python's `csv` module read
//! back, with formula injection neutralised; the Markdown card escapes
//! nicknames.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::report;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn cf() -> Command {
    Command::new(env!("CARGO_BIN_EXE_careerfit"))
}

/// A folder with two versions of the quiz, a quiz careerfit does not know,
/// and nicknames that try formulas, quotes, commas and line breaks.
fn mixed_room(d: &Path) {
    let q2 = common::default_quiz();
    let q1 = common::v1_quiz();
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "Sam, Jr.",
        "line\nbreak",
        "@SUM(A1)",
        "\"quoted\"",
    ];
    for (i, n) in names.iter().enumerate() {
        let a2: Vec<Option<usize>> = q2.questions.iter().map(|_| Some(i % 5)).collect();
        let r =
            report::build(&q2, &a2, Some(n)).stamped(&format!("{i:032x}"), "2026-12-01T10:00:00Z");
        std::fs::write(d.join(format!("v2-{i}.json")), r.to_json()).unwrap();
        let a1: Vec<Option<usize>> = q1.questions.iter().map(|_| Some(i % 3)).collect();
        let r = report::build(&q1, &a1, Some(n));
        std::fs::write(d.join(format!("v1-{i}.json")), r.to_json()).unwrap();
        let mut v: Value = serde_json::from_str(&r.to_json()).unwrap();
        v["quiz"]["id"] = "made-up".into();
        v["quiz"]["fingerprint"] = "00000000feedbeef".into();
        std::fs::write(d.join(format!("x-{i}.json")), v.to_string()).unwrap();
    }
}

fn csv_of(d: &Path) -> String {
    let out = cf()
        .args(["aggregate", "--format", "csv"])
        .arg(d)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_csv_is_one_rectangular_table_the_csv_crate_reads() {
    let dir = tempfile::tempdir().unwrap();
    mixed_room(dir.path());
    let text = csv_of(dir.path());
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), careerfit::core::aggregate::CSV_COLUMNS.len());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|x| x.len() == header.len()));
    let (q2, q1) = (common::default_quiz(), common::v1_quiz());
    let per = |q: &careerfit::core::model::Quiz| q.profiles.len() + q.dimensions.len();
    assert_eq!(rows.len(), 6 * per(&q2) + 6 * per(&q1) + 6);
    // No cell starts a formula.
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
    let nicknames: std::collections::BTreeSet<&str> = rows.iter().map(|x| &x[4]).collect();
    assert!(
        nicknames.contains("'=HYPERLINK(\"http://x\",\"y\")"),
        "{nicknames:?}"
    );
    assert!(nicknames.contains("line break"), "{nicknames:?}");
    assert!(nicknames.contains("\"quoted\""), "{nicknames:?}");
    // Each result's rows share its number within its group.
    let v2_fits = rows
        .iter()
        .filter(|x| &x[1] == "2.0.0" && &x[6] == "fit")
        .count();
    assert_eq!(v2_fits, 6 * q2.profiles.len());
}

#[test]
fn pythons_csv_module_reads_the_csv_and_the_dashboard_export_as_rectangles() {
    assert!(
        Command::new("python3").arg("--version").output().is_ok(),
        "python3 is required for this test (.ci/run installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    mixed_room(dir.path());
    let path = dir.path().join("out.csv.txt");
    std::fs::write(&path, csv_of(dir.path())).unwrap();
    // The dashboard's `e` export writes the same table into the folder.
    let scanner =
        careerfit::workshop::scan::Scanner::new(dir.path().to_path_buf(), common::default_quiz());
    let said = scanner.export(5);
    assert!(said.starts_with("Exported workshop-report-"), "{said}");
    let exported: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    assert_eq!(exported.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&exported[0]).unwrap(),
        std::fs::read_to_string(&path).unwrap()
    );
    let script = "import csv, sys\n\
        rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
        widths = sorted({len(r) for r in rows})\n\
        print(len(rows), widths, ','.join(rows[0]))\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    let (q2, q1) = (common::default_quiz(), common::v1_quiz());
    let rows = 1
        + 6 * (q2.profiles.len() + q2.dimensions.len())
        + 6 * (q1.profiles.len() + q1.dimensions.len())
        + 6;
    assert_eq!(
        said,
        format!("{rows} [9] quiz,version,fingerprint,result,nickname,outcome,kind,measure,value\n")
    );
}

#[test]
fn the_markdown_card_escapes_nicknames() {
    let out = cf()
        .args([
            "score",
            "--answers",
            common::PM_SPEC,
            "--format",
            "markdown",
        ])
        .args([
            "--name",
            "<img src=x onerror=alert(1)> [link](http://x) **b**",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let line = md.lines().find(|l| l.starts_with("Result for ")).unwrap();
    assert_eq!(
        line,
        "Result for **&lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\[link\\]\\(http\\://x\\) \\*\\*b\\*\\***."
    );
    assert!(!md.contains("<img"), "{md}");
}
