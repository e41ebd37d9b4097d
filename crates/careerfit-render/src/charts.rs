//! The report's charts, drawn by plotters' SVG backend: outcome shares,
//! a fit histogram with the "strong" line, and skill means with their
//! spread. Colours are fixed here and re-themed by the page's stylesheet
//! (text and black strokes follow `prefers-color-scheme`); fonts come
//! from the page too. The SVG has no `xmlns`: it is inlined in HTML, which
//! needs none, and so the page holds no URL at all.

use crate::RenderError;
use crate::font;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Okabe–Ito colours: told apart with any colour vision, legible on a
/// light and a dark page.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const VERMILION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Width of every chart in SVG units (the page scales it to fit).
pub const WIDTH: u32 = 720;
const FONT_PX: f32 = 14.0;
const TEXT_PX: f64 = 14.0;
const FAMILY: &str = "sans-serif";

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Runs `draw` on a fresh SVG of `WIDTH`×`height` and returns its text.
fn svg(height: u32, draw: impl FnOnce(&Area) -> Drawn) -> Result<String, RenderError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        draw(&root).map_err(|e| RenderError::Chart(e.to_string()))?;
        root.present()
            .map_err(|e| RenderError::Chart(e.to_string()))?;
    }
    Ok(out.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1))
}

/// Room for the longest of `labels` left of a horizontal bar chart.
fn label_room(labels: &[String]) -> u32 {
    let widest = labels
        .iter()
        .map(|l| font::width(l, FONT_PX, false))
        .fold(0.0, f32::max);
    (widest.ceil() as u32 + 16).clamp(60, WIDTH / 2)
}

/// Labels cut to fit `label_room`'s limit.
fn fitted(labels: &[String]) -> Vec<String> {
    let max = (WIDTH / 2 - 16) as f32;
    labels
        .iter()
        .map(|l| font::ellipsize(l, FONT_PX, false, max))
        .collect()
}

/// Horizontal bars, one per row from the top, over 0–100 percent.
fn bars(
    labels: &[String],
    values: &[f64],
    spread: Option<&[f64]>,
    value_text: &[String],
    x_desc: &str,
) -> Result<String, RenderError> {
    let labels = fitted(labels);
    let n = labels.len();
    let height = 34 * n as u32 + 56;
    let room = label_room(&labels);
    svg(height, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_right(56)
            .x_label_area_size(36)
            .y_label_area_size(room)
            .build_cartesian_2d(0f64..100f64, (0..n.max(1) - 1).into_segmented())?;
        let row = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) if *i < n => {
                labels[n - 1 - *i].clone()
            }
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .y_labels(n + 1)
            .y_label_formatter(&row)
            .x_labels(11)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(x_desc)
            .label_style((FAMILY, TEXT_PX))
            .axis_desc_style((FAMILY, TEXT_PX))
            .draw()?;
        chart.draw_series(values.iter().enumerate().map(|(i, v)| {
            let y = n - 1 - i;
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (v.clamp(0.0, 100.0), SegmentValue::Exact(y + 1)),
                ],
                BLUE.filled(),
            );
            bar.set_margin(7, 7, 0, 0);
            bar
        }))?;
        if let Some(sd) = spread {
            chart.draw_series(values.iter().zip(sd).enumerate().map(|(i, (m, s))| {
                let y = SegmentValue::CenterOf(n - 1 - i);
                let (lo, hi) = ((m - s).clamp(0.0, 100.0), (m + s).clamp(0.0, 100.0));
                PathElement::new(vec![(lo, y.clone()), (hi, y)], BLACK.stroke_width(2))
            }))?;
        }
        chart.draw_series(
            values
                .iter()
                .zip(value_text)
                .enumerate()
                .map(|(i, (v, t))| {
                    let x = match spread {
                        Some(sd) => (v + sd[i]).clamp(0.0, 100.0),
                        None => v.clamp(0.0, 100.0),
                    };
                    Text::new(
                        format!(" {t}"),
                        (x, SegmentValue::CenterOf(n - 1 - i)),
                        TextStyle::from((FAMILY, TEXT_PX).into_font())
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    )
                }),
        )?;
        Ok(())
    })
}

/// Outcome shares: one bar per outcome, labelled with count and share.
pub fn outcomes(titles: &[String], counts: &[u64], total: u64) -> Result<String, RenderError> {
    let share = |c: u64| {
        if total == 0 {
            0.0
        } else {
            c as f64 * 100.0 / total as f64
        }
    };
    let values: Vec<f64> = counts.iter().map(|&c| share(c)).collect();
    let text: Vec<String> = counts
        .iter()
        .map(|&c| format!("{c} ({:.0}%)", share(c)))
        .collect();
    bars(titles, &values, None, &text, "share of results (%)")
}

/// Skill means, each with a whisker one standard deviation either side.
pub fn skills(names: &[String], means: &[f64], stdevs: &[f64]) -> Result<String, RenderError> {
    let text: Vec<String> = means.iter().map(|m| format!("{m:.1}")).collect();
    bars(
        names,
        means,
        Some(stdevs),
        &text,
        "mean score, whisker: ± one standard deviation",
    )
}

/// Bands of a fit histogram: 0–5, 5–10, …, 95–100.
pub const BANDS: usize = 20;

/// A fit histogram over [`BANDS`] bands, with a vertical line where a
/// fit counts as strong.
pub fn histogram(
    bands: &[u64; BANDS],
    strong: f64,
    strong_label: &str,
) -> Result<String, RenderError> {
    let top = bands.iter().copied().max().unwrap_or(0).max(1);
    let y_max = (top as f64 * 1.15).ceil().max(2.0);
    svg(240, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(0f64..100f64, 0f64..y_max)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(11)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_labels(5)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc("fit (0–100)")
            .y_desc("results")
            .label_style((FAMILY, TEXT_PX))
            .axis_desc_style((FAMILY, TEXT_PX))
            .draw()?;
        let w = 100.0 / BANDS as f64;
        chart.draw_series(
            bands
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(i, &c)| {
                    let x = i as f64 * w;
                    let mut bar = Rectangle::new([(x, 0.0), (x + w, c as f64)], BLUE.filled());
                    bar.set_margin(0, 0, 1, 1);
                    bar
                }),
        )?;
        let s = strong.clamp(0.0, 100.0);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(s, 0.0), (s, y_max)],
            VERMILION.stroke_width(3),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            format!(" {strong_label}"),
            (s, y_max),
            TextStyle::from((FAMILY, TEXT_PX).into_font())
                .color(&VERMILION)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        )))?;
        Ok(())
    })
}

/// The [`BANDS`] counts of a histogram in tenths of a point (bin `i`
/// holds the value `i / 10`; 100 joins the last band).
pub fn bands_of(tenths: &[u64]) -> [u64; BANDS] {
    let mut out = [0; BANDS];
    for (i, &c) in tenths.iter().enumerate() {
        out[(i / 50).min(BANDS - 1)] += c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_split_at_multiples_of_five() {
        let mut t = vec![0; 1001];
        t[0] = 1; // 0.0
        t[49] = 2; // 4.9
        t[50] = 3; // 5.0
        t[1000] = 4; // 100.0
        let b = bands_of(&t);
        assert_eq!((b[0], b[1], b[19]), (3, 3, 4));
        assert_eq!(b.iter().sum::<u64>(), 10);
    }

    #[test]
    fn charts_are_svg_without_a_url() {
        let o = outcomes(&["A <b>".into(), "B".into()], &[3, 1], 4).unwrap_or_default();
        assert!(o.starts_with("<svg") && !o.contains("http"), "{o}");
        assert!(o.contains("A &lt;b&gt;"), "labels are escaped");
        let h = histogram(&[1; BANDS], 60.0, "strong (60)").unwrap_or_default();
        assert!(h.matches("<rect").count() >= BANDS);
        assert!(h.contains("strong (60)"));
        let s = skills(&["x".into()], &[50.0], &[10.0]).unwrap_or_default();
        assert!(s.contains("50.0"));
    }
}
