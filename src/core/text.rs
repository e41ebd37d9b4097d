//! Width-aware text helpers shared by the cards and the TUI.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display columns of `s` (wide CJK and emoji count as two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Word-wraps to `max` columns, keeping paragraphs; words longer than a line
/// are broken by character so nothing ever overflows.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in para.split(' ').filter(|x| !x.is_empty()) {
            let ww = width(word);
            if w > 0 && w + 1 + ww > max {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            if ww > max {
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if w + cw > max && w > 0 {
                        lines.push(std::mem::take(&mut line));
                        w = 0;
                    }
                    line.push(c);
                    w += cw;
                }
                continue;
            }
            if w > 0 {
                line.push(' ');
                w += 1;
            }
            line.push_str(word);
            w += ww;
        }
        lines.push(line);
    }
    lines
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Pads with spaces to exactly `cols` columns (truncating first if longer).
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// A horizontal bar of `cols` cells for a 0–100 value, with eighth-block
/// precision (or `#`/`.` when `ascii`).
pub fn bar(value: f64, cols: usize, ascii: bool) -> String {
    let v = value.clamp(0.0, 100.0) / 100.0 * cols as f64;
    if ascii {
        let full = v.round() as usize;
        return format!("{}{}", "#".repeat(full), ".".repeat(cols - full.min(cols)));
    }
    let eighths = (v * 8.0).round() as usize;
    let full = eighths / 8;
    let part = eighths % 8;
    let mut s = "█".repeat(full.min(cols));
    if full < cols {
        if part > 0 {
            s.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][part - 1]);
            s.push_str(&"░".repeat(cols - full - 1));
        } else {
            s.push_str(&"░".repeat(cols - full));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("日本語の文", 4), vec!["日本", "語の", "文"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
    }

    #[test]
    fn bars_have_exact_width() {
        for v in [0.0, 12.5, 50.0, 99.9, 100.0, 150.0, -3.0] {
            assert_eq!(bar(v, 20, false).chars().count(), 20, "{v}");
            assert_eq!(bar(v, 20, true).len(), 20, "{v}");
        }
    }

    #[test]
    fn truncate_and_pad() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(width(&pad("日本語", 5)), 5);
    }
}
