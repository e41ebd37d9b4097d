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
    /// Byte ranges that are not RON syntax, in order: comments whole, and
    /// the inside of strings (their opening quote is syntax). A field name
    /// or an id found there is a word in a comment or a text, never the
    /// place to point at (issue 20: a missing question list was reported
    /// at "questions" in a comment).
    hidden: Vec<(usize, usize)>,
}

/// The ranges of `src` that are comments or inside strings (see
/// [`Locator`]), following RON's lexical rules: `//` to the end of the
/// line, nested `/* */`, `"…"` with escapes, `r#"…"#` raw strings and
/// `'c'` characters.
fn hidden_ranges(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < n {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..].iter().position(|&c| c == b'\n').map_or(n, |p| i + p);
                out.push((i, end));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let start = i;
                let mut depth = 0usize;
                while i < n {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                out.push((start, i.min(n)));
            }
            q @ (b'"' | b'\'') => {
                let start = i + 1;
                i += 1;
                while i < n && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.push((start, i.min(n)));
                i += 1;
            }
            b'r' if (i == 0 || !ident(b[i - 1])) && matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let start = i + 2 + hashes;
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                let end = b[start..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(n, |p| start + p);
                out.push((start, end));
                i = (end + close.len()).min(n);
            }
            _ => i += 1,
        }
    }
    out
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
        let hidden = hidden_ranges(src);
        let is_code = |at: usize| is_code(&hidden, at);
        let mut ids: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        let id_at = bytes
            .windows(2)
            .enumerate()
            .filter(|(at, w)| *w == b"id" && is_code(*at))
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
            hidden,
        }
    }

    /// Whether the byte at `at` is RON syntax (not in a comment or a text).
    fn is_code(&self, at: usize) -> bool {
        is_code(&self.hidden, at)
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

    /// Byte offset of the first `"value"` at or after `from` that is a
    /// string of its own (not in a comment or inside another text).
    pub fn find_quoted_after(&self, from: usize, value: &str) -> Option<usize> {
        let needle = format!("\"{value}\"");
        self.src
            .get(from..)?
            .match_indices(&needle)
            .map(|(i, _)| i + from)
            .find(|&at| self.is_code(at))
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
                    && self.is_code(i + from)
                    && rest
                        .get(i + field.len()..)
                        .is_some_and(|t| t.trim_start().starts_with(':'))
            })
            .map(|(i, _)| i + from)
    }
}

/// Whether `at` lies outside every range of `hidden` (sorted, disjoint).
fn is_code(hidden: &[(usize, usize)], at: usize) -> bool {
    let after = hidden.partition_point(|&(start, _)| start <= at);
    after == 0 || hidden[after - 1].1 <= at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_texts_are_never_positions() {
        let src = "(\n  // questions: here\n  /* id: \"q\" /* nested */ title: */\n  text: \"questions: in a text\",\n  raw: r#\"id: \"q\"\"#,\n  questions: [],\n  id: \"q\",\n)";
        let l = Locator::new(src);
        let at = l.find_field_after(0, "questions").unwrap();
        assert_eq!(l.line_col(at), (6, 3));
        assert_eq!(l.find_field_after(0, "title"), None);
        let id = l.find_id("q", 0).unwrap();
        assert_eq!(l.line_col(id), (7, 7));
        assert_eq!(l.find_id("q", 1), None);
        assert_eq!(l.find_quoted_after(0, "q"), Some(id));
    }

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
