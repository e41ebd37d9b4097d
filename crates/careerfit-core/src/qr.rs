//! QR codes as text: two modules per character cell with Unicode half
//! blocks, quiet zone included, so a phone can scan it off any terminal.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of quiet zone around the code (the standard asks for 4; 2 scans
/// reliably on screens and saves room).
pub const QUIET: usize = 2;

/// The modules of `data`'s QR code without quiet zone: its width and, row
/// by row, whether each module is dark; `None` when the data does not fit
/// in a QR code. Shared by the text rows here and the card image, so both
/// encode a code the same way.
pub fn qr_modules(data: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let dark = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
    Some((code.width(), dark))
}

/// Rows of text drawing `data` as a QR code (dark modules as `█`), or
/// `None` when the data does not fit in a QR code.
pub fn qr_lines(data: &str) -> Option<Vec<String>> {
    let (w, colors) = qr_modules(data)?;
    let size = w + 2 * QUIET;
    let dark = |x: usize, y: usize| -> bool {
        if x < QUIET || y < QUIET || x >= w + QUIET || y >= w + QUIET {
            return false;
        }
        colors.get((y - QUIET) * w + (x - QUIET)) == Some(&true)
    };
    // Light text on dark terminals is the common case: draw light modules as
    // blocks so the code reads as dark-on-light to a scanner.
    let mut rows = Vec::new();
    for y in (0..size).step_by(2) {
        let row: String = (0..size)
            .map(|x| match (!dark(x, y), y + 1 < size && !dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        rows.push(row);
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_with_quiet_zone() {
        let rows = qr_lines("ABCD-EFGH-JKMN").unwrap_or_default();
        let w = rows[0].chars().count();
        assert_eq!(rows.len(), w.div_ceil(2));
        // The quiet zone is light, drawn as full blocks.
        assert!(rows[0].chars().all(|c| c == '█'));
    }
}
