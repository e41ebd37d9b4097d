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
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Every `id: "value"` in the source: value (unescaped) → offsets of its
    /// quotes, in order.
    ids: std::collections::HashMap<String, Vec<usize>>,
}

impl<'a> Locator<'a> {
    /// Indexes the source once, so each lookup is cheap even for huge files.
    pub fn new(src: &'a str) -> Self {
        // Plain byte loops: memchr's crate would first probe the CPU with
        // `cpuid` (about ten of them, each a trip to the hypervisor in a
        // VM: 13 µs apiece here), more than the whole search costs; and
        // `str::match_indices("id")` was a tenth of loading a quiz.
        let bytes = src.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let mut ids: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        let id_at = bytes
            .windows(2)
            .enumerate()
            .filter(|(_, w)| *w == b"id")
            .map(|(at, _)| at);
        for at in id_at {
            let Some(rest) = src.get(at + 2..) else {
                continue;
            };
            let after = rest.trim_start();
            let Some(after) = after.strip_prefix(':') else {
                continue;
            };
            let value = after.trim_start();
            let Some(body) = value.strip_prefix('"') else {
                continue;
            };
            let Some(end) = body.find('"') else { continue };
            let quote = src.len() - value.len();
            let raw = &body[..end];
            // An id written with escapes is stored as the text it stands for.
            let key = if raw.contains('\\') {
                ron::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
            } else {
                raw.to_string()
            };
            ids.entry(key).or_default().push(quote);
        }
        Locator {
            src,
            line_starts,
            ids,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self
            .line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        let col = self.src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line.max(1), col)
    }

    /// Byte offset of the `nth` (0-based) `id: "value"` at or after `from`.
    pub fn find_id_after(&self, value: &str, from: usize, nth: usize) -> Option<usize> {
        self.ids
            .get(value)?
            .iter()
            .filter(|&&at| at >= from)
            .nth(nth)
            .copied()
    }

    /// Byte offset of the `nth` (0-based) `id: "value"` in the source.
    pub fn find_id(&self, value: &str, nth: usize) -> Option<usize> {
        self.ids.get(value).and_then(|v| v.get(nth)).copied()
    }

    /// Byte offset of the first `"value"` at or after `from`.
    pub fn find_quoted_after(&self, from: usize, value: &str) -> Option<usize> {
        let needle = format!("\"{value}\"");
        self.src
            .get(from..)
            .and_then(|s| s.find(&needle))
            .map(|i| i + from)
    }

    /// Byte offset of the first `field:` at or after `from`, as a whole
    /// word (so `questions` does not match `key_questions:`).
    pub fn find_field_after(&self, from: usize, field: &str) -> Option<usize> {
        let rest = self.src.get(from..)?;
        rest.match_indices(field)
            .find(|(i, _)| {
                let before = rest.get(..*i).and_then(|b| b.chars().next_back());
                let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                word_start
                    && rest
                        .get(i + field.len()..)
                        .is_some_and(|t| t.trim_start().starts_with(':'))
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
        assert_eq!(l.find_id("x", 1), Some(30));
        assert_eq!(l.find_id("x", 2), None);
    }
}
