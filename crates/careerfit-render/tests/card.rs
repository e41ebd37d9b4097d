//! The result card: a valid SVG, a 1200×630 PNG that decodes, escaped
//! nicknames, and Japanese drawn with the embedded font.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use careerfit_core::{bundled, load, report};
use careerfit_render::{card, card_png, card_svg, font};

fn report_of(id: &str, name: Option<&str>) -> report::Report {
    let (_, src) = bundled::find(id).unwrap();
    let quiz = load::load(src.as_bytes()).unwrap();
    // The README's answers for the default quiz (a clear call); elsewhere
    // the first and last options in turn.
    let readme = [
        4, 1, 4, 4, 3, 2, 3, 4, 1, 5, 4, 5, 3, 1, 3, 2, 4, 4, 4, 3, 2, 1, 5, 1, 3, 2, 2, 3, 5, 2,
        1, 2, 5, 4, 5, 2, 2, 4, 2, 1,
    ];
    let answers: Vec<Option<usize>> = if id == "pm-vs-pd" {
        readme.iter().map(|&a| Some(a - 1)).collect()
    } else {
        quiz.questions
            .iter()
            .enumerate()
            .map(|(i, q)| Some(if i % 3 == 0 { 0 } else { q.choices.len() - 1 }))
            .collect()
    };
    report::build(&quiz, &answers, name)
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_svg_is_xml_with_every_part_of_the_card() {
    let r = report_of("pm-vs-pd", Some("Ada"));
    let svg = card_svg(&r);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1200"));
    assert_eq!(root.attribute("height"), Some("630"));
    assert!(
        svg.contains("@font-face"),
        "the font is embedded for browsers"
    );
    let t = texts(&svg).join("\n");
    assert!(t.replace('\n', " ").contains(&r.headline()), "{t}");
    assert!(t.contains("Confidence: "), "{t}");
    assert!(t.contains("Top skills"), "{t}");
    assert!(t.contains("not a test"), "{t}");
    assert!(t.contains("Result for Ada"), "{t}");
    assert_eq!(t.replace('\n', "").matches(&r.share_code).count(), 1, "{t}");
    assert!(t.contains("Best fit: "), "a clear call: {t}");
    let bars = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("fit"))
        .count();
    assert_eq!(bars, 2);
    assert!(doc.descendants().any(|n| n.has_tag_name("path")), "QR code");
}

#[test]
fn the_png_is_1200_by_630_and_decodes() {
    let r = report_of("pm-vs-pd", None);
    let bytes = card_png(&r).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1200, 630));
    // Not blank: dark text pixels and the blue accent are there.
    let px = &buf[..info.buffer_size()];
    let dark = px
        .chunks(4)
        .filter(|p| p[0] < 80 && p[1] < 80 && p[2] < 80)
        .count();
    assert!(dark > 5_000, "{dark} dark pixels");
}

#[test]
fn the_qr_code_on_the_png_reads_back_as_the_share_code() {
    for id in ["pm-vs-pd", "pm-vs-pd-ja"] {
        let r = report_of(id, None);
        let bytes = card_png(&r).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let n = info.color_type.samples();
        let w = info.width as usize;
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(w, info.height as usize, |x, y| {
                let p = &buf[(y * w + x) * n..];
                ((u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3) as u8
            });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "{id}: one QR code");
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, r.share_code, "{id}");
    }
}

#[test]
fn the_png_is_the_same_every_time() {
    let r = report_of("pm-vs-pd-ja", Some("花子"));
    assert_eq!(card_png(&r).unwrap(), card_png(&r).unwrap());
}

#[test]
fn a_nickname_is_escaped() {
    let r = report_of("pm-vs-pd", Some("<script>alert(1)</script>"));
    let svg = card_svg(&r);
    assert!(!svg.contains("<script"), "raw markup in the card");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        texts(&svg)
            .iter()
            .any(|t| t == "Result for <script>alert(1)</script>")
    );
}

#[test]
fn japanese_is_drawn_with_the_embedded_font() {
    let r = report_of("pm-vs-pd-ja", None);
    let svg = card::svg(&r, false);
    let all = texts(&svg).concat();
    assert!(all.contains(&r.recommendation.title));
    let missing: String = all.chars().filter(|&c| !font::covers(c)).collect();
    assert!(missing.is_empty(), "not in the font: {missing}");
    assert!(all.contains("テストや評価ではありません"), "{all}");
}

#[test]
fn snapshot_of_the_svg() {
    let r = report_of("pm-vs-pd", Some("Ada"));
    // One element per line, so a change shows as a readable diff.
    insta::assert_snapshot!(card::svg(&r, false).replace("><", ">\n<"));
}

#[test]
fn the_japanese_card_speaks_japanese() {
    let r = report_of("pm-vs-pd-ja", Some("花子"));
    let all = texts(&card_svg(&r)).join("\n");
    for ja in ["花子 さんの結果", "確信度", "上位のスキル", "共有コード"] {
        assert!(all.contains(ja), "{ja:?} missing:\n{all}");
    }
    for en in [
        "Result for",
        "Confidence",
        "Top skills",
        "Share code",
        "not measured",
    ] {
        assert!(
            !all.contains(en),
            "English {en:?} on the Japanese card:\n{all}"
        );
    }
}
