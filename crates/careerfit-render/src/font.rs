//! The font every picture uses, embedded in the program: a subset of Noto
//! Sans CJK JP (SIL Open Font License 1.1; `fonts/README.md` says how it
//! was made and `scripts/make-font-subset` remakes it). Shipping it is what
//! makes a PNG card the same on every machine and lets the Japanese quiz
//! render without the fonts of whoever opens a report.

use base64::Engine;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The family name inside the font files; SVG text names it, so resvg and
/// a browser with the font installed pick the same design.
pub const FAMILY: &str = "Noto Sans CJK JP";

/// The CSS font stack of cards and reports: the embedded font first.
pub const STACK: &str = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";

/// Regular weight (about 160 KB).
pub static REGULAR: &[u8] = include_bytes!("../fonts/careerfit-sans-regular.otf");
/// Bold weight, for headlines.
pub static BOLD: &[u8] = include_bytes!("../fonts/careerfit-sans-bold.otf");

fn face(bold: bool) -> Option<FontRef<'static>> {
    FontRef::new(if bold { BOLD } else { REGULAR }).ok()
}

/// Whether the embedded font has a glyph for `c` (spaces and line ends
/// need none).
pub fn covers(c: char) -> bool {
    c.is_whitespace() || face(false).is_some_and(|f| f.charmap().map(c).is_some())
}

/// The width of `text` in pixels at `size` px, from the font's advances.
/// Kerning is left out, which only ever errs on the wide side for this
/// font's few kerned Latin pairs; a missing glyph counts as one em.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let Some(f) = face(bold) else {
        return text.chars().count() as f32 * size;
    };
    let cmap = f.charmap();
    let metrics = f.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            cmap.map(c)
                .and_then(|g| metrics.advance_width(g))
                .unwrap_or(size)
        })
        .sum()
}

/// Breaks `text` into lines no wider than `max` px, at spaces where there
/// are spaces and between any two characters where there are none (as
/// Japanese is written); a word wider than a line is broken too.
pub fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in split_words(text) {
        let candidate = format!("{line}{word}");
        if line.is_empty() || width(candidate.trim_end(), size, bold) <= max {
            line = candidate;
            if width(line.trim_end(), size, bold) > max {
                // One word wider than the line: break it by characters.
                let mut part = String::new();
                for c in line.chars() {
                    if !part.is_empty() && width(&format!("{part}{c}"), size, bold) > max {
                        lines.push(std::mem::take(&mut part));
                    }
                    part.push(c);
                }
                line = part;
            }
        } else {
            lines.push(line.trim_end().to_string());
            line = word.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Words with their trailing space; every CJK character is a word of its
/// own, so lines may break between them.
fn split_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if NO_LINE_START.contains(c) {
            // Kinsoku: small kana and closing punctuation stay with what
            // comes before them.
            match words.last_mut() {
                Some(w) if cur.is_empty() => w.push(c),
                _ => cur.push(c),
            }
        } else if is_cjk(c) {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            words.push(c.to_string());
        } else {
            cur.push(c);
            if c == ' ' {
                words.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Characters a Japanese line may not start with (a short kinsoku list).
const NO_LINE_START: &str = "、。，．・：；？！ー）」』】〕ぁぃぅぇぉっゃゅょァィゥェォッャュョ";

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// At most `lines` lines of `text`, the last ending in `…` when cut.
pub fn clamp_lines(text: &str, size: f32, bold: bool, max: f32, lines: usize) -> Vec<String> {
    let mut all = wrap(text, size, bold, max);
    if all.len() > lines {
        all.truncate(lines);
        if let Some(last) = all.last_mut() {
            let mut s = last.clone();
            while !s.is_empty() && width(&format!("{s}…"), size, bold) > max {
                s.pop();
            }
            *last = format!("{}…", s.trim_end());
        }
    }
    all
}

/// `text` cut to fit `max` px, with `…` when anything was cut.
pub fn ellipsize(text: &str, size: f32, bold: bool, max: f32) -> String {
    if width(text, size, bold) <= max {
        return text.to_string();
    }
    let mut s = text.to_string();
    while !s.is_empty() && width(&format!("{s}…"), size, bold) > max {
        s.pop();
    }
    format!("{}…", s.trim_end())
}

/// `@font-face` rules with both weights as `data:` URLs, so a report or a
/// card opened in a browser uses this font without fetching anything.
pub fn css_font_faces() -> String {
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    format!(
        "@font-face{{font-family:'{FAMILY}';font-weight:400;src:url(data:font/otf;base64,{})format('opentype')}}\
         @font-face{{font-family:'{FAMILY}';font-weight:700;src:url(data:font/otf;base64,{})format('opentype')}}",
        b64(REGULAR),
        b64(BOLD)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_quizzes_are_covered() {
        for (id, _, src) in careerfit_core::bundled::BUNDLED {
            let missing: String = src.chars().filter(|&c| c >= ' ' && !covers(c)).collect();
            assert!(
                missing.is_empty(),
                "{id} uses characters the embedded font lacks ({missing}): run scripts/make-font-subset"
            );
        }
    }

    #[test]
    fn the_message_catalogues_are_covered() {
        for (lang, src) in [
            (
                "en",
                include_str!("../../careerfit-core/locales/en/careerfit.ftl"),
            ),
            (
                "ja",
                include_str!("../../careerfit-core/locales/ja/careerfit.ftl"),
            ),
        ] {
            let missing: String = src.chars().filter(|&c| c >= ' ' && !covers(c)).collect();
            assert!(
                missing.is_empty(),
                "the {lang} catalogue uses characters the embedded font lacks ({missing}): run scripts/make-font-subset"
            );
        }
    }

    #[test]
    fn widths_come_from_the_font() {
        let w = width("Product", 20.0, false);
        assert!(w > 40.0 && w < 100.0, "{w}");
        // Japanese is full-width: one em per character.
        let j = width("市場分析", 20.0, false);
        assert!((j - 80.0).abs() < 0.5, "{j}");
        assert!(width("Product", 20.0, true) >= w);
    }

    #[test]
    fn wraps_english_at_spaces_and_japanese_anywhere() {
        let l = wrap("one two three four", 20.0, false, 90.0);
        assert!(
            l.len() > 1 && l.iter().all(|x| !x.starts_with(' ')),
            "{l:?}"
        );
        assert_eq!(l.join(" "), "one two three four");
        let j = wrap("市場分析と優先順位", 20.0, false, 81.0);
        assert_eq!(j, vec!["市場分析", "と優先順", "位"]);
        // A line never starts with a small kana or a closing mark.
        let k = wrap("みようか。です", 20.0, false, 41.0);
        assert!(k.iter().all(|l| !l.starts_with(['ょ', '。'])), "{k:?}");
        let long = wrap("Supercalifragilistic", 20.0, false, 60.0);
        assert!(long.len() > 1 && long.concat() == "Supercalifragilistic");
        assert!(clamp_lines("one two three four five six", 20.0, false, 90.0, 2)[1].ends_with('…'));
        assert_eq!(ellipsize("short", 20.0, false, 500.0), "short");
    }
}
