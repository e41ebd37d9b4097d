//! Help for quiz authors: the findings behind `careerfit validate` (errors
//! and lints), `careerfit new` (a starter quiz) and `careerfit list` (the
//! bundled quizzes). This is an edge: it reads and writes files; the checks
//! themselves live in the pure `core::load` and `core::lint`.

mod starter;

use crate::bundled;
use crate::core::diag::{Diagnostic, Severity};
use crate::core::sanitize::clean;
use crate::core::text::{pad, width};
use crate::core::{lint, load};
use crate::edge::{Failure, io_reason, read_capped};
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One problem in one file. `line`/`col` are `None` only when the file could
/// not be read at all, so there is no position to point at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    pub severity: Severity,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
}

impl Finding {
    fn at(file: &str, d: Diagnostic) -> Self {
        Finding {
            file: file.to_string(),
            severity: d.severity,
            line: Some(d.line),
            col: Some(d.col),
            message: d.message,
        }
    }

    /// `error: FILE:LINE:COL: message` (or `warning: …`), sanitized.
    pub fn render(&self) -> String {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let s = match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{tag}: {}:{l}:{c}: {}", self.file, self.message),
            _ => format!("{tag}: {}", self.message),
        };
        clean(&s)
    }
}

/// What checking one file found: the quiz's size when it loaded, and every
/// finding (errors when it did not load, lint warnings when it did).
pub struct Checked {
    pub loaded: Option<(usize, usize)>,
    pub findings: Vec<Finding>,
}

/// Reads, validates and lints one quiz file.
pub fn check_file(path: &Path) -> Checked {
    let name = crate::core::sanitize::clean_path(path);
    let bytes = match read_capped(path, load::MAX_BYTES) {
        Ok(b) => b,
        Err(f) => {
            let message = f.message.strip_prefix("error: ").unwrap_or(&f.message);
            return Checked {
                loaded: None,
                findings: vec![Finding {
                    file: name,
                    severity: Severity::Error,
                    line: None,
                    col: None,
                    message: message.to_string(),
                }],
            };
        }
    };
    check_bytes(&name, &bytes)
}

/// [`check_file`] for bytes already in memory (bundled quizzes, tests).
pub fn check_bytes(name: &str, bytes: &[u8]) -> Checked {
    // A quiz that loads is valid UTF-8, so the source for positions is there.
    let src = std::str::from_utf8(bytes).unwrap_or("");
    match load::load(bytes) {
        Ok(quiz) => Checked {
            loaded: Some((quiz.questions.len(), quiz.profiles.len())),
            findings: lint::lint(src, &quiz)
                .into_iter()
                .map(|d| Finding::at(name, d))
                .collect(),
        },
        Err(e) => Checked {
            loaded: None,
            findings: e
                .diagnostics
                .into_iter()
                .map(|d| Finding::at(name, d))
                .collect(),
        },
    }
}

/// All findings as the JSON array `--format json` prints.
pub fn findings_json(findings: &[Finding]) -> String {
    let mut s = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    clean(&s)
}

/// Arguments of `careerfit new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// Where to write the starter quiz; an existing file is never overwritten.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How many profiles (roles) the starter quiz compares.
    #[arg(long, value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u8).range(2..=starter::MAX_PROFILES as i64))]
    pub profiles: u8,
}

/// `careerfit new`: writes a starter quiz that validates and is lint-clean.
pub fn new(a: &NewArgs) -> Result<String, Failure> {
    let shown = crate::core::sanitize::clean_path(&a.file);
    let (src, questions) = starter::quiz(&starter::id_from_path(&a.file), a.profiles as usize);
    match crate::store::write_atomic(&a.file, src.as_bytes(), true) {
        // The path comes from the command line; print it cleaned like everything else.
        Ok(()) => Ok(clean(&format!(
            "wrote {shown}: a starter quiz with {} profiles and {questions} questions\n\
             next: edit it, check it with `careerfit validate --strict {shown}`, \
             and try it with `careerfit take --quiz {shown}`\n",
            a.profiles
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Failure::input(format!(
            "error: {shown} already exists; `careerfit new` never overwrites a file (choose another name or remove it first)"
        ))),
        Err(e) => Err(Failure::other(format!(
            "error: cannot write {shown}: {}",
            io_reason(&e)
        ))),
    }
}

/// `careerfit list`: one row per bundled quiz, the id being what `--quiz` takes.
pub fn list() -> Result<String, Failure> {
    let mut rows = Vec::new();
    for (id, file, src) in bundled::BUNDLED {
        let q = load::load(src.as_bytes()).map_err(|e| Failure::other(e.render(file)))?;
        rows.push([
            id.to_string(),
            q.title.clone(),
            q.questions.len().to_string(),
            q.profiles.len().to_string(),
            q.language.clone(),
        ]);
    }
    let head = ["ID", "TITLE", "QUESTIONS", "PROFILES", "LANGUAGE"];
    let cols: Vec<usize> = (0..head.len())
        .map(|c| {
            rows.iter()
                .map(|r| width(&r[c]))
                .chain([width(head[c])])
                .max()
                .unwrap_or(0)
                .min(50)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(head.map(String::from)).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| match c {
                2 | 3 => format!("{}{s}", " ".repeat(cols[c].saturating_sub(width(s)))),
                _ => pad(s, cols[c]),
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str("\nUse an id with --quiz, e.g. `careerfit take --quiz ID`.\n");
    Ok(clean(&out))
}
