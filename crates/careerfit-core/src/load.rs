//! Parsing and validating untrusted quiz files.
//!
//! Bytes in, a [`Quiz`] or every error found out. Nothing here panics and
//! nothing reads files: the caller hands over the bytes (already capped at
//! [`MAX_BYTES`]).

use super::diag::{Diagnostic, Locator, Severity};
use super::model::*;
use super::raw::*;

mod build;
mod check;
mod question;

/// Largest quiz file accepted, in bytes.
pub const MAX_BYTES: usize = 1 << 20;
/// Nesting depth ron may descend to (a quiz needs about 6).
pub const RECURSION_LIMIT: usize = 32;
pub const MAX_QUESTIONS: usize = 5000;
pub const MAX_DIMENSIONS: usize = 64;
pub const MAX_PROFILES: usize = 32;
pub const MAX_OUTCOMES: usize = 128;
/// Options a question may have; digit keys 1–9 must reach all of them.
pub const MAX_OPTIONS: usize = 9;
/// Longest one-line field (titles, names, labels), in characters.
pub const MAX_LINE: usize = 200;
/// Longest paragraph field (descriptions, question texts), in characters.
pub const MAX_TEXT: usize = 2000;
/// Longest list of key questions or next steps.
pub const MAX_LIST: usize = 20;
/// `scale_start` lies in `-MAX_SCALE_START..=MAX_SCALE_START`.
pub const MAX_SCALE_START: i64 = 10;
/// Weights lie in `-MAX_WEIGHT..=MAX_WEIGHT`; importance in `(0, MAX_WEIGHT]`.
pub const MAX_WEIGHT: f64 = 10.0;

/// Why a quiz was rejected: every error found, in source order.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the quiz has {} error(s)", .diagnostics.len())]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    fn one(line: usize, col: usize, message: impl Into<String>) -> Self {
        LoadError {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                line,
                col,
                message: message.into(),
            }],
        }
    }

    /// All diagnostics as `FILE:LINE:COL: message` lines.
    pub fn render(&self, file: &str) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(file))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Parses and validates quiz bytes.
pub fn load(bytes: &[u8]) -> Result<Quiz, LoadError> {
    let (src, raw) = parse(bytes)?;
    build::build(src, raw)
}

/// Syntax only: UTF-8, size, no extensions, RON into the raw types.
pub fn parse(bytes: &[u8]) -> Result<(&str, RawQuiz), LoadError> {
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::one(
            1,
            1,
            format!("quiz file is larger than {MAX_BYTES} bytes"),
        ));
    }
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let good = std::str::from_utf8(good).unwrap_or("");
            let (l, c) = Locator::new(good).line_col(good.len());
            return Err(LoadError::one(l, c, "quiz file is not valid UTF-8"));
        }
    };
    // Editors on Windows save a byte-order mark; it carries no meaning.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if only_comments(src) {
        return Err(LoadError::one(1, 1, "quiz file is empty"));
    }
    if let Some(at) = extension_attribute(src) {
        let (l, c) = Locator::new(src).line_col(at);
        return Err(LoadError::one(
            l,
            c,
            "RON extensions (`#![enable(...)]`) are not allowed in quiz files",
        ));
    }
    let opts = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    match opts.from_str::<RawQuiz>(src) {
        Ok(raw) => Ok((src, raw)),
        Err(e) => {
            let mut message = ron_message(&e.code);
            // An error that runs into the end of the file is almost always truncation.
            let (end_line, end_col) = Locator::new(src).line_col(src.trim_end().len());
            let at_end = (e.span.end.line, e.span.end.col) >= (end_line, end_col);
            if at_end && !matches!(e.code, ron::Error::Eof) {
                message.push_str(" (the file ends here: is it truncated?)");
            }
            Err(LoadError::one(
                e.span.start.line.max(1),
                e.span.start.col.max(1),
                message,
            ))
        }
    }
}

/// Whether the source holds nothing but whitespace and comments.
fn only_comments(src: &str) -> bool {
    let mut rest = src.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]).trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]).trim_start();
        } else {
            return rest.is_empty();
        }
    }
}

/// Most diagnostics reported for one file; past this the rest are summarised.
pub const MAX_DIAGNOSTICS: usize = 100;

/// ron's message with the internal `Raw*` type names replaced by the words
/// an author uses.
fn ron_message(e: &ron::Error) -> String {
    let mut s = e.to_string();
    for (raw, word) in [
        ("RawQuiz", "quiz"),
        ("RawRules", "rules"),
        ("RawDimension", "dimension"),
        ("RawProfile", "profile"),
        ("RawOutcome", "outcome"),
        ("RawWhen", "when"),
        ("RawKey", "agreement key"),
        ("RawAllow", "allow"),
        ("RawOption", "option"),
        ("RawQuestion", "question"),
        ("WeightMap", "weights"),
    ] {
        s = s
            .replace(&format!("`{raw}`"), &format!("`{word}`"))
            .replace(raw, word);
    }
    match e {
        ron::Error::Eof => "unexpected end of file (is the quiz truncated?)".into(),
        ron::Error::ExceededRecursionLimit => {
            format!("nested more than {RECURSION_LIMIT} levels deep")
        }
        _ => s,
    }
}

/// Finds a `#!` attribute before the first value, skipping whitespace and comments.
fn extension_attribute(src: &str) -> Option<usize> {
    let mut i = 0;
    let b = src.as_bytes();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let rest = src.get(i..)?;
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if rest.starts_with("#!") || rest.starts_with("#![") {
            return Some(i);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod unit_tests;
