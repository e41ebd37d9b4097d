//! Where things are written in a quiz source, so every lint points at a
//! real line and column.
//!
//! [`Locator`] indexes every `id: "…"`, but the same id may name a
//! dimension, a profile and an outcome at once (the default quiz has a
//! profile and an outcome both called `pm`). Lints therefore look an id up
//! only inside its own top-level section (`dimensions: [...]`,
//! `profiles: [...]`, …), found by a small scanner that skips strings and
//! comments, so a section written in any order is still found.

use crate::diag::Locator;

/// Positions in one quiz source.
pub struct Places<'a> {
    pub loc: Locator<'a>,
    /// `(field name, byte offset)` of every top-level field, in source order.
    fields: Vec<(&'a str, usize)>,
    len: usize,
}

impl<'a> Places<'a> {
    pub fn new(src: &'a str) -> Self {
        Places {
            loc: Locator::new(src),
            fields: top_level_fields(src),
            len: src.len(),
        }
    }

    /// Byte range of a top-level section: from its field name to the next field.
    fn section(&self, name: &str) -> Option<(usize, usize)> {
        let i = self.fields.iter().position(|(n, _)| *n == name)?;
        let start = self.fields[i].1;
        let end = self.fields.get(i + 1).map_or(self.len, |f| f.1);
        Some((start, end))
    }

    /// Offset of the `id: "id"` of an item of `section` (e.g. `"profiles"`).
    pub fn item(&self, section: &str, id: &str) -> Option<usize> {
        let (start, end) = self.section(section).unwrap_or((0, self.len));
        (0..)
            .map_while(|n| self.loc.find_id(id, n))
            .find(|&at| at >= start && at < end)
            .or_else(|| self.loc.find_id(id, 0))
    }

    /// Offset of a field written after `from` (e.g. the `text:` of a question).
    pub fn field_after(&self, from: Option<usize>, field: &str) -> Option<usize> {
        from.and_then(|f| self.loc.find_field_after(f, field))
            .or(from)
    }

    /// Offset of the quoted `value` after `from`, else `from`.
    pub fn quoted_after(&self, from: Option<usize>, value: &str) -> Option<usize> {
        from.and_then(|f| self.loc.find_quoted_after(f, value))
            .or(from)
    }

    /// 1-based line and column; unknown places fall back to the start of the file.
    pub fn line_col(&self, at: Option<usize>) -> (usize, usize) {
        at.map_or((1, 1), |o| self.loc.line_col(o))
    }
}

/// Every identifier followed by `:` one level inside the outermost brackets,
/// skipping strings, raw strings and comments.
fn top_level_fields(src: &str) -> Vec<(&str, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = src[i..].find('\n').map_or(b.len(), |e| i + e);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i),
            b'"' => i = skip_string(b, i),
            b'r' if is_raw_string_start(b, i) => i = skip_raw_string(b, i),
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let rest = src[i..].trim_start();
                if depth == 1 && rest.starts_with(':') {
                    out.push((&src[start..i], start));
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    // RON block comments nest.
    let mut level = 0usize;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            level += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            level -= 1;
            i += 2;
            if level == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// `r"…"` or `r#"…"#`, but not an identifier that merely starts with `r`.
fn is_raw_string_start(b: &[u8], i: usize) -> bool {
    let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let mut j = i + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    !prev_ident && b.get(j) == Some(&b'"')
}

fn skip_raw_string(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    let mut hashes = 0;
    while b.get(j) == Some(&b'#') {
        hashes += 1;
        j += 1;
    }
    j += 1;
    while j < b.len() {
        if b[j] == b'"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&b'#')) {
            return j + 1 + hashes;
        }
        j += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_fields_only() {
        let src = r##"// title: "no"
(
    id: "x", /* scale: nested /* deeper */ */ title: "a: b",
    dimensions: [(id: "pm", name: r#"q: "x""#)],
    profiles: [(id: "pm", weights: { "pm": 1.0 })],
    outcomes: [(id: "pm", when: Profile("pm"))],
)"##;
        let names: Vec<&str> = top_level_fields(src).iter().map(|f| f.0).collect();
        assert_eq!(names, ["id", "title", "dimensions", "profiles", "outcomes"]);
        let p = Places::new(src);
        let line = |s, id| p.line_col(p.item(s, id)).0;
        assert_eq!(line("dimensions", "pm"), 4);
        assert_eq!(line("profiles", "pm"), 5);
        assert_eq!(line("outcomes", "pm"), 6);
    }

    #[test]
    fn unterminated_input_never_panics() {
        for src in ["(a: \"x", "(a: r#\"x", "(/* x", "r", "(r#", "é(é: 1"] {
            let _ = top_level_fields(src);
        }
    }
}
