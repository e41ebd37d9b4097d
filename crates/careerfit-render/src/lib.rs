//! careerfit's pictures: the HTML group report with its SVG charts, and the
//! result card as SVG and PNG. Pure functions from values to bytes, like
//! the core: no files, no clock (callers pass the date), no terminal, no
//! network. A crate of its own because its drawing and rasterising crates
//! (plotters, maud, resvg) and the embedded font are needed by the
//! `careerfit` program only, never by the core, the TUI or the SSH server.

pub mod card;
pub mod charts;
pub mod font;
pub mod html;
pub mod png;
pub mod strings;

use careerfit_core::report::Report;

/// Why a picture could not be made. Each is a bug or a resource limit,
/// never bad input: every text is escaped and every number clamped first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("the picture is not valid SVG ({0})")]
    Svg(String),
    #[error("cannot make a {0}×{1} image")]
    Pixmap(u32, u32),
    #[error("cannot encode the PNG ({0})")]
    Png(String),
    #[error("cannot draw a chart ({0})")]
    Chart(String),
}

/// The result card as a standalone SVG file, its font embedded so a
/// browser shows it exactly as the PNG.
pub fn card_svg(r: &Report) -> String {
    card::svg(r, true)
}

/// The result card as a 1200×630 PNG.
pub fn card_png(r: &Report) -> Result<Vec<u8>, RenderError> {
    png::from_svg(&card::svg(r, false))
}
