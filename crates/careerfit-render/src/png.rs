//! SVG to PNG with resvg and the embedded font only: no system fonts are
//! looked up and no file is read, so the same SVG gives the same pixels on
//! every machine.

use crate::RenderError;
use crate::font::{BOLD, FAMILY, REGULAR};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, fontdb};
use std::sync::Arc;

fn options() -> usvg::Options<'static> {
    let mut db = fontdb::Database::new();
    db.load_font_data(REGULAR.to_vec());
    db.load_font_data(BOLD.to_vec());
    db.set_sans_serif_family(FAMILY);
    let mut opt = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    // A card never links images; refuse paths and URLs rather than read files.
    opt.image_href_resolver = ImageHrefResolver {
        resolve_data: ImageHrefResolver::default_data_resolver(),
        resolve_string: Box::new(|_, _| None),
    };
    opt
}

/// Rasterises `svg` at its own size into PNG bytes.
pub fn from_svg(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree =
        usvg::Tree::from_str(svg, &options()).map_err(|e| RenderError::Svg(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .ok_or(RenderError::Pixmap(size.width(), size.height()))?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
