//! `lines` must draw exactly what `Paragraph` draws; these tests compare
//! the two cell by cell on text made to hit every path.

use super::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::style::{Color, Modifier};
use ratatui::text::Span;
use ratatui::widgets::Borders;

/// Every character `stands_alone` accepts.
fn alone() -> Vec<char> {
    (0..0x2700u32)
        .filter_map(char::from_u32)
        .filter(|&c| stands_alone(c))
        .collect()
}

fn clusters(s: &str) -> Vec<String> {
    let span = Span::raw(s);
    span.styled_graphemes(Style::default())
        .map(|g| g.symbol.to_string())
        .collect()
}

#[test]
fn characters_that_stand_alone_are_clusters_of_their_own() {
    let all = alone();
    for &c in &all {
        let one = c.to_string();
        assert_eq!(clusters(&one), vec![one.clone()], "{c:?} alone");
        assert!(one.cell_width() >= 1, "{c:?} has no width");
        if let Some(w) = one_column(c) {
            assert_eq!(w, one.cell_width(), "{c:?}");
        }
        // Before and after a letter, and twice (regional indicators and
        // Hangul jamo would join themselves; marks and prepends a letter).
        for s in [format!("a{c}"), format!("{c}a"), format!("{c}{c}")] {
            assert_eq!(clusters(&s).len(), 2, "{s:?}");
        }
    }
    for (i, &c) in all.iter().enumerate().step_by(13) {
        for &d in all.iter().skip(i % 7).step_by(7) {
            assert_eq!(clusters(&format!("{c}{d}")).len(), 2, "{c:?}{d:?}");
        }
    }
}

/// Pieces of text that reach every path: plain, accented, wide, combining,
/// zero-width, control, emoji with modifiers, half-width sound marks, a
/// wide character that stands alone.
const PIECES: [&str; 24] = [
    "plain",
    " ",
    "  ",
    "é",
    "→",
    "█░",
    "日本",
    "語",
    "e\u{301}",
    "\u{200B}",
    "\t",
    "x\ny",
    "👍🏽",
    "ｶﾞ",
    "⚠\u{FE0F}",
    "“q”",
    "—",
    "🇯🇵",
    "한",
    "\u{AD}",
    "ab cd",
    "。",
    "#. #",
    "⌚",
];

const STYLES: [Style; 4] = [
    Style::new(),
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    Style::new().add_modifier(Modifier::REVERSED),
    Style::new()
        .fg(Color::Green)
        .remove_modifier(Modifier::BOLD),
];

/// Lines of a few spans each, some lines styled themselves, from the
/// pieces above.
fn sample(max_lines: usize) -> impl Strategy<Value = Vec<Line<'static>>> {
    let text = vec(select(PIECES.to_vec()), 0..4).prop_map(|p| p.concat());
    let span = (text, select(STYLES.to_vec())).prop_map(|(t, st)| Span::styled(t, st));
    let line = (vec(span, 0..5), select(STYLES.to_vec()))
        .prop_map(|(spans, st)| Line::from(spans).style(st));
    vec(line, 1..=max_lines)
}

/// Runs `test` on 64 generated cases; a failure is shrunk to the smallest
/// input that still fails and reported with it.
fn check<S: Strategy>(strategy: S, test: impl Fn(S::Value)) {
    let config = proptest::test_runner::Config::with_cases(64);
    proptest::test_runner::TestRunner::new(config)
        .run(&strategy, |value| {
            test(value);
            Ok(())
        })
        .unwrap();
}

/// A buffer with something in most cells, so cells left alone show.
fn canvas() -> Buffer {
    let area = Rect::new(0, 0, 34, 9);
    let mut b = Buffer::empty(area);
    for y in 0..area.height {
        for x in 0..area.width {
            // Some cells left empty, as a cleared area is.
            if (x * y) % 5 != 1 {
                b[(x, y)]
                    .set_symbol(if (x + y) % 3 == 0 { "#" } else { "." })
                    .set_style(STYLES[usize::from(x % 4)]);
            }
        }
    }
    b
}

fn areas() -> Vec<Rect> {
    let mut out = vec![];
    for w in [0, 1, 2, 3, 5, 8, 13, 30, 40] {
        for (x, y, h) in [(0, 0, 9), (2, 1, 4), (5, 3, 10)] {
            out.push(Rect::new(x, y, w, h));
        }
    }
    out
}

#[test]
fn draws_what_a_paragraph_draws() {
    check((sample(11), 0usize..4), |(lines, skip)| {
        for area in areas() {
            let mut want = canvas();
            Paragraph::new(lines.clone()).render(area, &mut want);
            let mut got = canvas();
            draw_into(&mut got, area, &lines, None);
            assert_eq!(got, want, "{lines:?} in {area:?}");

            let mut want = canvas();
            Paragraph::new(lines.clone())
                .scroll((skip as u16, 0))
                .render(area, &mut want);
            let mut got = canvas();
            draw_into(&mut got, area, lines.get(skip..).unwrap_or_default(), None);
            assert_eq!(got, want, "{lines:?} from {skip} in {area:?}");
        }
    });
}

#[test]
fn leaves_what_an_overlay_clears() {
    use ratatui::widgets::Clear;
    let boxes = [
        Rect::new(0, 0, 34, 9),
        Rect::new(3, 1, 10, 4),
        Rect::new(0, 2, 6, 3),
        Rect::new(20, 0, 14, 9),
        Rect::new(7, 5, 1, 1),
        Rect::new(30, 7, 20, 20),
    ];
    check(sample(11), |lines| {
        for area in areas() {
            for hidden in boxes {
                let mut want = canvas();
                draw_into(&mut want, area, &lines, None);
                Clear.render(hidden, &mut want);
                let mut got = canvas();
                draw_into(&mut got, area, &lines, Some(hidden));
                Clear.render(hidden, &mut got);
                assert_eq!(got, want, "{lines:?} in {area:?} under {hidden:?}");
            }
        }
    });
}

#[test]
fn wraps_and_boxes_as_a_paragraph_does() {
    check((sample(7), any::<bool>()), |(mut lines, fitting)| {
        if fitting {
            // Mostly lines that fit, the fast case.
            for l in &mut lines {
                l.spans.retain(|s| s.content.chars().all(stands_alone));
            }
        }
        for area in areas() {
            let mut want = canvas();
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .render(area, &mut want);
            let mut got = canvas();
            wrapped_into(&mut got, area, &lines);
            assert_eq!(got, want, "wrapped {lines:?} in {area:?}");

            let block = Block::default().borders(Borders::ALL).title(" t ");
            let mut want = canvas();
            Paragraph::new(lines.clone())
                .block(block.clone())
                .render(area, &mut want);
            let mut got = canvas();
            boxed_into(&mut got, area, block, &lines);
            assert_eq!(got, want, "boxed {lines:?} in {area:?}");
        }
    });
}

#[test]
fn frames_as_a_bordered_block_does() {
    let border = Style::new().fg(Color::DarkGray);
    let titles = [
        Line::raw(""),
        Line::styled(" Keys ", Style::new().fg(Color::Cyan).bold()),
        Line::from(vec![
            Span::raw(" 日本語のタイトル "),
            Span::raw("and more text"),
        ]),
    ];
    check(sample(9), |lines| {
        for area in areas()
            .into_iter()
            .chain([Rect::new(3, 2, 1, 5), Rect::new(3, 2, 6, 1)])
        {
            for title in &titles {
                let block = Block::bordered().border_style(border).title(title.clone());
                let mut want = canvas();
                Paragraph::new(lines.clone())
                    .block(block)
                    .render(area, &mut want);
                let mut got = canvas();
                framed_into(&mut got, area, border, title.clone(), &lines);
                assert_eq!(got, want, "{title:?} {lines:?} in {area:?}");
            }
        }
    });
}

#[test]
fn centred_lines_are_left_to_paragraph() {
    let lines = vec![
        Line::raw("mid").centered(),
        Line::raw("right").right_aligned(),
    ];
    let area = Rect::new(1, 1, 20, 3);
    let mut want = canvas();
    Paragraph::new(lines.clone()).render(area, &mut want);
    let mut got = canvas();
    draw_into(&mut got, area, &lines, None);
    assert_eq!(got, want);
}
