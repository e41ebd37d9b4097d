//! Diagnostics with file positions, shared by loading and linting.

use serde::Serialize;

/// How serious a finding is: errors reject the quiz, warnings are lints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding at a 1-based line and column of the quiz source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    /// Formats as `error: FILE:LINE:COL: message`, a form editors jump to.
    pub fn render(&self, file: &str) -> String {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!("{tag}: {file}:{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Turns byte offsets into line/column positions and finds where a named
/// item is written, so errors found after parsing still point at the source.
pub struct Locator<'a> {
    src: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        Locator { src }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let before = self.src.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// Byte offset of the `nth` (0-based) `id: "value"` in the source.
    pub fn find_id(&self, value: &str, nth: usize) -> Option<usize> {
        let needle = format!("\"{value}\"");
        self.src
            .match_indices(&needle)
            .filter(|(at, _)| {
                let head = self.src.get(..*at).unwrap_or("").trim_end();
                head.strip_suffix(':')
                    .map(|h| h.trim_end().ends_with("id"))
                    .unwrap_or(false)
            })
            .map(|(at, _)| at)
            .nth(nth)
    }

    /// Byte offset of the first `"value"` at or after `from`.
    pub fn find_quoted_after(&self, from: usize, value: &str) -> Option<usize> {
        let needle = format!("\"{value}\"");
        self.src
            .get(from..)
            .and_then(|s| s.find(&needle))
            .map(|i| i + from)
    }

    /// Byte offset of the first `field:` at or after `from`.
    pub fn find_field_after(&self, from: usize, field: &str) -> Option<usize> {
        let rest = self.src.get(from..)?;
        rest.match_indices(field)
            .find(|(i, _)| {
                rest.get(i + field.len()..)
                    .map(|t| t.trim_start().starts_with(':'))
                    .unwrap_or(false)
            })
            .map(|(i, _)| i + from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let l = Locator::new("ab\n✓d");
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col(6), (2, 2));
    }

    #[test]
    fn finds_ids_not_other_strings() {
        let l = Locator::new("(name: \"x\", id: \"x\", y: [ (id:\"x\") ])");
        assert_eq!(l.find_id("x", 0), Some(16));
        assert_eq!(l.find_id("x", 1), Some(31));
        assert_eq!(l.find_id("x", 2), None);
    }
}
