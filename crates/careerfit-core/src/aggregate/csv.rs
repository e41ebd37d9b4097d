//! CSV for spreadsheets: one row per result, written while streaming.
//!
//! Every text cell passes the sanitizer and is neutralised against formula
//! injection: a cell that begins with `=`, `+`, `-`, `@`, tab or CR gets a
//! leading `'`, so a spreadsheet shows it as text instead of running it.

use super::group::Group;
use super::view::ResultView;
use crate::sanitize::clean_line;

/// One cell: sanitized, neutralised, and quoted when it holds `,`, `"` or a
/// line break (quotes doubled, as RFC 4180 says).
pub fn csv_cell(s: &str) -> String {
    let s = clean_line(s);
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn number(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.1}"))
}

/// The header row for a group: quiz, version, nickname, outcome, then one
/// column per profile fit and per dimension score, in the group's order.
pub fn csv_header(g: &Group) -> String {
    let mut cells = vec![
        "quiz".to_string(),
        "version".into(),
        "nickname".into(),
        "outcome".into(),
    ];
    cells.extend(
        g.profiles
            .iter()
            .map(|p| csv_cell(&format!("{} fit", p.name))),
    );
    cells.extend(g.dimensions.iter().map(|d| csv_cell(&d.name)));
    cells.join(",") + "\n"
}

/// One result as a row under [`csv_header`] of its group.
pub fn csv_row(g: &Group, v: &ResultView) -> String {
    let mut cells = vec![
        csv_cell(&v.quiz.id),
        csv_cell(&v.quiz.version),
        csv_cell(v.name.as_deref().unwrap_or("")),
        csv_cell(&v.recommendation.title),
    ];
    cells.extend(g.profiles.iter().map(|p| number(v.fit(&p.id).flatten())));
    cells.extend(g.dimensions.iter().map(|d| {
        number(
            v.dimensions
                .iter()
                .find(|x| x.id == d.id)
                .and_then(|x| x.score),
        )
    }));
    cells.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn formulas_are_neutralised_and_quoted() {
        assert_eq!(csv_cell("Sam"), "Sam");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+cmd"), "'+cmd");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\t=1"), "'=1");
        assert_eq!(csv_cell("\r=1"), "'=1");
        assert_eq!(
            csv_cell("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("line\nbreak"), "line break");
        assert_eq!(csv_cell(""), "");
    }
}
