//! Width-aware text helpers shared by the cards and the TUI.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display columns of `s` (wide CJK and emoji count as two).
pub fn width(s: &str) -> usize {
    // Most text is printable ASCII, one column a byte; every frame measures
    // a lot of it.
    if printable_ascii(s) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

fn printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
}

/// Word-wraps to `max` columns, keeping paragraphs; words longer than a line
/// are broken by character so nothing ever overflows. Text without spaces
/// (Chinese, Japanese) may break between any two wide characters, but never
/// before closing punctuation such as `。` or after an opening bracket.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = Filling {
            text: String::new(),
            w: 0,
            max,
        };
        // Every frame wraps its text again, so the common case of a
        // paragraph without wide characters skips the per-character piece
        // splitting: there every word is one piece (see `pieces`).
        if para.is_ascii() || !para.chars().any(is_wide) {
            for word in words(para) {
                line.place(&mut lines, false, word);
            }
        } else {
            for (glued, piece) in pieces(para) {
                line.place(&mut lines, glued, &piece);
            }
        }
        lines.push(line.text);
    }
    lines
}

/// The line being filled by `wrap`.
struct Filling {
    text: String,
    w: usize,
    max: usize,
}

impl Filling {
    /// Adds one piece, first moving to a new line if it does not fit.
    fn place(&mut self, lines: &mut Vec<String>, glued: bool, piece: &str) {
        let ww = width(piece);
        let gap = usize::from(!glued && self.w > 0);
        if self.w > 0 && self.w + gap + ww > self.max {
            lines.push(std::mem::take(&mut self.text));
            self.w = 0;
        }
        if ww > self.max {
            for c in piece.chars() {
                let cw = c.width().unwrap_or(0);
                if self.w + cw > self.max && self.w > 0 {
                    lines.push(std::mem::take(&mut self.text));
                    self.w = 0;
                }
                self.text.push(c);
                self.w += cw;
            }
            return;
        }
        if self.w > 0 && !glued {
            self.text.push(' ');
            self.w += 1;
        }
        self.text.push_str(piece);
        self.w += ww;
    }
}

/// The words of a paragraph: what `pieces` yields when no character is wide.
fn words(para: &str) -> impl Iterator<Item = &str> {
    para.split(' ').filter(|x| !x.is_empty())
}

/// Splits a paragraph into the units `wrap` may put on different lines, each
/// with whether it follows the previous one without a space: words, and each
/// wide character on its own (with neighbouring punctuation kept attached).
fn pieces(para: &str) -> Vec<(bool, String)> {
    const NO_START: &str =
        "、。，．！？：；）」』】〕〉》・ー…々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ,.!?:;)]}";
    const NO_END: &str = "（「『【〔〈《([{";
    let mut out: Vec<(bool, String)> = Vec::new();
    // Whether the last piece is made of wide characters only, kept as the
    // pieces grow instead of scanning the last piece for every character.
    let mut last_all_wide = true;
    for word in words(para) {
        let mut glued = false;
        let mut open = false;
        for c in word.chars() {
            // Latin letters stick to a preceding Latin run, not to a wide character.
            let after_latin = !out.is_empty() && !last_all_wide;
            let attach = glued && (open || NO_START.contains(c) || (!is_wide(c) && after_latin));
            match out.last_mut() {
                Some((_, p)) if attach => {
                    p.push(c);
                    last_all_wide &= is_wide(c);
                }
                _ => {
                    out.push((glued, c.to_string()));
                    last_all_wide = is_wide(c);
                }
            }
            open = NO_END.contains(c);
            glued = true;
        }
    }
    out
}

fn is_wide(c: char) -> bool {
    c.width().unwrap_or(0) > 1
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    cut(s, max).into_owned()
}

/// [`truncate`] that borrows `s` when it fits, as it mostly does when a
/// frame is drawn.
pub fn cut(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if printable_ascii(s) {
        // What the loop below keeps: one byte a column, one left for `…`.
        return Cow::Owned(match max {
            0 => String::new(),
            _ => format!("{}…", &s[..max - 1]),
        });
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
    Cow::Owned(out)
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
    fn wraps_text_without_spaces() {
        // Breaks between wide characters, not at the last space.
        assert_eq!(wrap("Hi 日本語です", 9), vec!["Hi 日本語", "です"]);
        // Closing punctuation never starts a line; an opening bracket never ends one.
        assert_eq!(wrap("あいう。えお", 6), vec!["あい", "う。え", "お"]);
        assert_eq!(wrap("あい「うえ」", 6), vec!["あい", "「う", "え」"]);
        // Latin runs inside Japanese stay whole.
        assert_eq!(
            wrap("短いREADMEを書く", 8),
            vec!["短い", "READMEを", "書く"]
        );
        for s in [
            "日本語の文章を、折り返します。",
            "ああああ！！！！",
            "「「「「「",
        ] {
            for max in 1..12 {
                for l in wrap(s, max) {
                    assert!(width(&l) <= max.max(2), "{s:?} at {max}: {l:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// `wrap` skips `pieces` for text without wide characters on the
        /// promise that every word is one unglued piece there; checked on
        /// mixes of spaces, Latin, accents, combining marks and punctuation.
        #[test]
        fn text_without_wide_characters_is_split_into_words(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                ' ', ' ', 'a', 'b', 'é', '\u{301}', ',', '.', '(', ')', '!', '“', '—', '·', '\t', '0',
            ]), 0..64)
        ) {
            let s: String = chars.into_iter().collect();
            let expected: Vec<(bool, String)> = words(&s).map(|w| (false, w.to_string())).collect();
            proptest::prop_assert_eq!(pieces(&s), expected, "{:?}", s);
        }
    }

    #[test]
    fn bars_have_exact_width() {
        for v in [0.0, 12.5, 50.0, 99.9, 100.0, 150.0, -3.0] {
            assert_eq!(bar(v, 20, false).chars().count(), 20, "{v}");
            assert_eq!(bar(v, 20, true).len(), 20, "{v}");
        }
    }

    #[test]
    fn printable_ascii_is_one_column_a_byte() {
        for b in 0x20u8..0x7f {
            let s = char::from(b).to_string();
            assert_eq!(width(&s), UnicodeWidthStr::width(s.as_str()), "{s:?}");
        }
        for s in ["a\tb", "x\u{7f}", "é", "日本", "a\u{301}"] {
            assert_eq!(width(s), UnicodeWidthStr::width(s), "{s:?}");
        }
    }

    #[test]
    fn truncate_and_pad() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        for max in 0..6 {
            // Printable ASCII takes a shortcut; with an `é` after the cut
            // the same text goes the long way.
            let short = truncate("abcdef", max);
            let long = truncate("abcdefé", max);
            assert_eq!(short, long, "{max}");
            assert!(width(&short) <= max, "{max}: {short:?}");
        }
        assert_eq!(width(&pad("日本語", 5)), 5);
    }
}
