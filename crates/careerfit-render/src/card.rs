//! The result card as a 1200×630 SVG, the size chat apps and social sites
//! preview: outcome and headline, the two best fits as bars with the
//! confidence in words, the top skills, the share code with its QR code,
//! and the "not a test" line. Built with maud, so every text is escaped;
//! laid out with the embedded font's own advances ([`crate::font`]), so
//! nothing overflows in the PNG made from it ([`crate::png`]).

use crate::font::{self, STACK};
use crate::strings as s;
use careerfit_core::i18n::Lang;
use careerfit_core::qr::qr_modules;
use careerfit_core::report::Report;
use careerfit_core::sanitize::clean_line;
use maud::{Markup, PreEscaped, html};

/// Width of the card in pixels.
pub const WIDTH: u32 = 1200;
/// Height of the card in pixels.
pub const HEIGHT: u32 = 630;

const PAD: f32 = 56.0;
/// Where the right column (QR code and share code) starts.
const RIGHT: f32 = 840.0;
const LEFT_W: f32 = RIGHT - PAD - 40.0;
const INK: &str = "#1F2328";
const MUTED: &str = "#57606A";
const TRACK: &str = "#E6E8EB";
/// Okabe–Ito blue and orange: told apart with any colour vision.
const BARS: [&str; 2] = ["#0072B2", "#E69F00"];

fn px(x: f32) -> String {
    format!("{}", x.round() as i32)
}

/// One line of text at `(x, y)` (the baseline).
fn line(x: f32, y: f32, size: f32, bold: bool, fill: &str, text: &str) -> Markup {
    html! {
        text x=(px(x)) y=(px(y)) font-size=(px(size))
            font-weight=(if bold { "700" } else { "400" }) fill=(fill) { (text) }
    }
}

/// The first sentence of the quiz's disclaimer: the "not a test" line.
fn not_a_test(lang: Lang, disclaimer: &str) -> String {
    let d = clean_line(disclaimer);
    let end = d
        .char_indices()
        .find(|&(i, c)| c == '。' || (c == '.' && d[i + 1..].starts_with(' ')))
        .map_or(d.len(), |(i, c)| i + c.len_utf8());
    let first = d[..end].trim();
    if first.is_empty() {
        s::card_not_a_test(lang)
    } else {
        first.to_string()
    }
}

/// The share code in lines that fit the right column, broken at dashes.
fn code_lines(code: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in code.split_inclusive('-') {
        match lines.last_mut() {
            Some(l) if font::width(&format!("{l}{part}"), size, true) <= max => l.push_str(part),
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

/// The QR code of `data` as one path of unit squares, scaled to at most
/// `size` px with a four-module quiet zone, at `(x, y)`.
fn qr(data: &str, x: f32, y: f32, size: f32) -> Markup {
    let Some((w, dark)) = qr_modules(data) else {
        return html! {};
    };
    let quiet = 4;
    let scale = (size / (w + 2 * quiet) as f32).floor().max(1.0);
    let side = scale * (w + 2 * quiet) as f32;
    // One rectangle per run of dark modules in a row.
    let mut d = String::new();
    for (y, row) in dark.chunks(w).enumerate() {
        let mut x = 0;
        while x < w {
            if row[x] {
                let run = row[x..].iter().take_while(|on| **on).count();
                d.push_str(&format!("M{} {}h{run}v1h-{run}z", x + quiet, y + quiet));
                x += run;
            } else {
                x += 1;
            }
        }
    }
    html! {
        g transform=(format!("translate({} {}) scale({scale})", px(x + (size - side) / 2.0), px(y))) {
            rect x="0" y="0" width=(w + 2 * quiet) height=(w + 2 * quiet) fill="#FFFFFF" {}
            path d=(d) fill="#000000" shape-rendering="crispEdges" {}
        }
    }
}

/// The card of `r` as SVG text, with the font embedded for browsers
/// (`embed_font`; resvg uses its own copy and ignores it).
pub fn svg(r: &Report, embed_font: bool) -> String {
    let lang = r.lang();
    let headline = clean_line(&r.headline());
    let mut y = PAD + 28.0;
    let mut body: Vec<Markup> = Vec::new();
    let quiz = s::card_quiz(&clean_line(&r.quiz.title), &clean_line(&r.quiz.version));
    body.push(line(
        PAD,
        y,
        22.0,
        false,
        MUTED,
        &font::ellipsize(&quiz, 22.0, false, LEFT_W),
    ));
    if let Some(n) = &r.name {
        y += 32.0;
        let who = s::card_for(lang, &clean_line(n));
        body.push(line(
            PAD,
            y,
            22.0,
            true,
            INK,
            &font::ellipsize(&who, 22.0, true, LEFT_W),
        ));
    }
    y += 20.0;
    for l in font::clamp_lines(&headline, 46.0, true, LEFT_W, 2) {
        y += 56.0;
        body.push(line(PAD, y, 46.0, true, INK, &l));
    }
    y += 46.0;
    let rec = &r.recommendation;
    let confidence = s::card_confidence(lang, rec.confidence);
    body.push(line(
        PAD,
        y,
        24.0,
        false,
        INK,
        &font::ellipsize(&confidence, 24.0, false, LEFT_W),
    ));
    y += 16.0;
    for (i, p) in r.profiles.iter().take(2).enumerate() {
        y += 36.0;
        let value = p
            .fit
            .map_or_else(|| s::card_not_measured(lang), |f| format!("{f:.0}"));
        let value_w = font::width(&value, 22.0, true) + 16.0;
        let name = font::ellipsize(&clean_line(&p.name), 22.0, false, LEFT_W - value_w);
        body.push(line(PAD, y, 22.0, false, INK, &name));
        body.push(html! {
            text x=(px(PAD + LEFT_W)) y=(px(y)) font-size="22" font-weight="700"
                text-anchor="end" fill=(INK) { (value) }
        });
        let fill = LEFT_W * (p.fit.unwrap_or(0.0) as f32 / 100.0).clamp(0.0, 1.0);
        body.push(html! {
            rect x=(px(PAD)) y=(px(y + 10.0)) width=(px(LEFT_W)) height="18" rx="9" fill=(TRACK) {}
            rect class="fit" x=(px(PAD)) y=(px(y + 10.0)) width=(px(fill)) height="18" rx="9" fill=(BARS[i]) {}
        });
        y += 28.0;
    }
    let mut dims: Vec<(&str, f64)> = r
        .dimensions
        .iter()
        .filter_map(|d| d.score.map(|v| (d.name.as_str(), v)))
        .collect();
    dims.sort_by(|a, b| b.1.total_cmp(&a.1));
    if !dims.is_empty() {
        y += 44.0;
        body.push(line(PAD, y, 20.0, true, MUTED, &s::card_top_skills(lang)));
        y += 32.0;
        let top: Vec<String> = dims
            .iter()
            .take(3)
            .map(|(n, v)| format!("{} {v:.0}", clean_line(n)))
            .collect();
        body.push(line(
            PAD,
            y,
            22.0,
            false,
            INK,
            &font::ellipsize(&top.join(" · "), 22.0, false, LEFT_W),
        ));
    }
    let foot_w = WIDTH as f32 - 2.0 * PAD;
    let foot = font::ellipsize(&not_a_test(lang, &r.disclaimer), 18.0, false, foot_w);
    let col_w = WIDTH as f32 - PAD - RIGHT;
    let code = clean_line(&r.share_code);
    let mut cy = PAD + 8.0 + col_w;
    let mut right = vec![qr(&code, RIGHT, PAD + 8.0, col_w)];
    cy += 30.0;
    right.push(line(
        RIGHT,
        cy,
        18.0,
        false,
        MUTED,
        &s::card_share_code(lang),
    ));
    for l in code_lines(&code, 22.0, col_w) {
        cy += 30.0;
        right.push(line(RIGHT, cy, 22.0, true, INK, &l));
    }
    let style = if embed_font {
        font::css_font_faces()
    } else {
        String::new()
    };
    let title = s::card_title(lang, &headline);
    let markup = html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(WIDTH) height=(HEIGHT)
            viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-label=(title) {
            title { (title) }
            @if embed_font { style { (PreEscaped(style)) } }
            rect width=(WIDTH) height=(HEIGHT) fill="#FFFFFF" {}
            rect width="12" height=(HEIGHT) fill=(BARS[0]) {}
            g font-family=(STACK) {
                @for m in &body { (m) }
                @for m in &right { (m) }
                rect x=(px(PAD)) y=(px(HEIGHT as f32 - 74.0)) width=(px(foot_w)) height="1" fill=(TRACK) {}
                (line(PAD, HEIGHT as f32 - 36.0, 18.0, false, MUTED, &foot))
            }
        }
    };
    markup.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_test_is_the_first_sentence() {
        assert_eq!(
            not_a_test(Lang::En, "Not a test. Do not use it for hiring."),
            "Not a test."
        );
        assert_eq!(
            not_a_test(Lang::Ja, "テストではありません。使わないで。"),
            "テストではありません。"
        );
        assert_eq!(not_a_test(Lang::En, "v1.2 is fine"), "v1.2 is fine");
        assert_eq!(not_a_test(Lang::En, "  "), s::card_not_a_test(Lang::En));
    }

    #[test]
    fn codes_break_at_dashes() {
        let l = code_lines("SH04-BM8W-HV43-91GF-E7EG-2R", 22.0, 200.0);
        assert!(l.len() >= 2, "{l:?}");
        assert_eq!(l.concat(), "SH04-BM8W-HV43-91GF-E7EG-2R");
        assert!(l.iter().all(|x| font::width(x, 22.0, true) <= 200.0));
    }
}
