//! The one text sanitizer.
//!
//! Quiz files and share codes come from strangers, so every string from them
//! passes through [`clean`] when a quiz loads and again (via [`clean`] at the
//! output edges) before it reaches a terminal, a file or the clipboard. One
//! function keeps the two passes from drifting apart.

/// Columns a tab expands to.
const TAB: usize = 4;
/// Combining marks kept after one base character ("Zalgo" text is capped).
pub const MAX_COMBINING: usize = 2;

/// Removes everything that could move the cursor, change the terminal's state
/// or reorder text: C0 controls except `\n`, DEL, C1 controls, and bidi
/// overrides/isolates/embeddings. Tabs expand to spaces, `\r\n` becomes `\n`,
/// and combining marks after one character are capped at [`MAX_COMBINING`].
pub fn clean(s: &str) -> String {
    // Printable ASCII and newlines pass unchanged; most quiz text is only
    // that, and this check is several times cheaper than the loop below
    // (it is a third of loading the default quiz otherwise).
    if s.bytes().all(|b| b == b'\n' || (0x20..0x7f).contains(&b)) {
        return s.to_owned();
    }
    clean_chars(s)
}

/// The full rules of [`clean`], one character at a time.
fn clean_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0usize;
    let mut marks = 0usize;
    for c in s.chars() {
        if c == '\n' {
            out.push('\n');
            col = 0;
            marks = 0;
            continue;
        }
        if c == '\t' {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
            marks = 0;
            continue;
        }
        if is_forbidden(c) {
            continue;
        }
        if is_combining(c) {
            if marks >= MAX_COMBINING || col == 0 {
                continue;
            }
            marks += 1;
            out.push(c);
            continue;
        }
        marks = 0;
        col += 1;
        out.push(c);
    }
    out
}

/// [`clean`] for one-line fields (titles, labels): newlines become spaces and
/// the ends are trimmed.
pub fn clean_line(s: &str) -> String {
    let mut line = clean(s);
    if line.contains('\n') {
        line = line.replace('\n', " ");
    }
    let trimmed = line.trim();
    if trimmed.len() == line.len() {
        line
    } else {
        trimmed.to_owned()
    }
}

/// A path or file name as it may be shown anywhere (stdout, stderr, the
/// TUI, a log line): decoded lossily, through [`clean`], on one line. File
/// names are as untrusted as file contents: anyone who can write to a
/// shared folder chooses them.
pub fn clean_path(p: &std::path::Path) -> String {
    let s = clean(&p.to_string_lossy());
    if s.contains('\n') {
        s.replace('\n', " ")
    } else {
        s
    }
}

fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || matches!(u, 0x202a..=0x202e | 0x2066..=0x2069 | 0x200e | 0x200f | 0x061c)
        // Line/paragraph separators move the cursor in some terminals.
        || matches!(u, 0x2028 | 0x2029)
}

/// Combining marks in the ranges that stack visually on the previous character.
fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
}

/// Whether `id` is a plain identifier: ASCII lowercase letter first, then
/// lowercase letters, digits, `_` or `-`, at most 64 bytes.
pub fn is_plain_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && id.len() <= 64
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_bidi() {
        assert_eq!(clean("a\x1b]0;pwned\x07b"), "a]0;pwnedb");
        assert_eq!(clean("x\u{9b}31m\u{202e}y\u{2066}"), "x31my");
        assert_eq!(clean("del\x7f"), "del");
    }

    #[test]
    fn keeps_newlines_wide_text_and_emoji() {
        assert_eq!(clean("一行\n二行 🎉"), "一行\n二行 🎉");
    }

    #[test]
    fn expands_tabs_to_the_next_stop() {
        assert_eq!(clean("a\tb"), "a   b");
        assert_eq!(clean("\tb"), "    b");
    }

    #[test]
    fn caps_combining_marks() {
        let zalgo = format!("e{}", "\u{0301}".repeat(50));
        assert_eq!(clean(&zalgo).chars().count(), 1 + MAX_COMBINING);
    }

    #[test]
    fn clean_line_flattens() {
        assert_eq!(clean_line("  a\nb\r\n "), "a b");
    }

    proptest::proptest! {
        /// The ASCII shortcut never changes what `clean` returns.
        #[test]
        fn shortcut_matches_the_full_rules(s in "[\\x00-\\x7f\u{80}-\u{2070}]{0,40}") {
            proptest::prop_assert_eq!(clean(&s), clean_chars(&s));
        }
    }

    #[test]
    fn plain_ids() {
        assert!(is_plain_id("pm"));
        assert!(is_plain_id("q-1_a"));
        assert!(!is_plain_id("Pm"));
        assert!(!is_plain_id("1a"));
        assert!(!is_plain_id(""));
        assert!(!is_plain_id("a b"));
    }
}
