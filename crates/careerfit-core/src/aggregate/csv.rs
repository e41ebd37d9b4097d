//! CSV for spreadsheets and data tools: one long-format table, one row per
//! result and measure, written with the `csv` crate while streaming.
//!
//! The table is the same shape whatever quizzes are in it, so a group of
//! another quiz or version adds rows, never columns: every row has
//! [`CSV_COLUMNS`] fields under one header row. `result` numbers the
//! results of one group (1, 2, …) so rows of one person can be put back
//! together; `kind` is `fit` (a profile's fit) or `skill` (a skill score);
//! a result of a quiz careerfit does not know has one row with `kind`,
//! `measure` and `value` empty.
//!
//! Every text cell passes the sanitizer and is neutralised against formula
//! injection: a cell that begins with `=`, `+`, `-`, `@`, tab or CR gets a
//! leading `'`, so a spreadsheet shows it as text instead of running it.

use super::group::Group;
use super::view::ResultView;
use crate::sanitize::clean_line;

/// The header row's fields, in order.
pub const CSV_COLUMNS: [&str; 9] = [
    "quiz",
    "version",
    "fingerprint",
    "result",
    "nickname",
    "outcome",
    "kind",
    "measure",
    "value",
];

/// A text cell as it goes into the table: sanitized to one line and
/// neutralised against formula injection (quoting is the writer's job).
pub fn neutralise(s: &str) -> String {
    let s = clean_line(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// Encodes records as CSV text (RFC 4180 quoting, `\n` line ends).
fn encode<I, R>(records: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in records {
        // Writing to memory cannot fail.
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One cell alone, neutralised and quoted as in the table.
pub fn csv_cell(s: &str) -> String {
    let cell = neutralise(s);
    if cell.is_empty() {
        return cell;
    }
    let line = encode([[cell]]);
    line.strip_suffix('\n').unwrap_or(&line).to_string()
}

/// The header row, with its line end.
pub fn csv_header() -> String {
    encode([CSV_COLUMNS])
}

fn number(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.1}"))
}

/// What identifies one result in its rows.
pub struct RowKey<'a> {
    pub quiz: &'a str,
    pub version: &'a str,
    pub fingerprint: &'a str,
    /// The result's number in its group, from 1.
    pub result: u64,
    pub nickname: &'a str,
    pub outcome: &'a str,
}

/// The rows of one result: one per `(kind, measure, value)`, or one row
/// with the measure empty when there is none (a quiz careerfit does not know).
pub fn csv_rows(k: &RowKey, measures: &[(&str, &str, Option<f64>)]) -> String {
    let head = [
        neutralise(k.quiz),
        neutralise(k.version),
        neutralise(k.fingerprint),
        k.result.to_string(),
        neutralise(k.nickname),
        neutralise(k.outcome),
    ];
    let row = |kind: &str, measure: &str, value: Option<f64>| {
        let mut r = head.to_vec();
        r.extend([kind.to_string(), neutralise(measure), number(value)]);
        r
    };
    if measures.is_empty() {
        return encode([row("", "", None)]);
    }
    encode(measures.iter().map(|&(kind, m, v)| row(kind, m, v)))
}

/// One result of group `g` (the group's `count`-th) as its rows: a fit row
/// per profile and a skill row per skill, in the group's order.
pub fn csv_row(g: &Group, v: &ResultView) -> String {
    let key = RowKey {
        quiz: &g.quiz.id,
        version: &g.quiz.version,
        fingerprint: &g.quiz.fingerprint,
        result: g.count,
        nickname: v.name.as_deref().unwrap_or(""),
        outcome: &v.recommendation.title,
    };
    let mut measures: Vec<(&str, &str, Option<f64>)> = g
        .profiles
        .iter()
        .map(|p| ("fit", p.name.as_str(), v.fit(&p.id).flatten()))
        .collect();
    measures.extend(g.dimensions.iter().map(|d| {
        let score = v
            .dimensions
            .iter()
            .find(|x| x.id == d.id)
            .and_then(|x| x.score);
        ("skill", d.name.as_str(), score)
    }));
    csv_rows(&key, &measures)
}

#[cfg(test)]
mod tests {
    use super::{CSV_COLUMNS, RowKey, csv_cell, csv_header, csv_rows};

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

    #[test]
    fn every_row_has_every_column() {
        let k = RowKey {
            quiz: "q",
            version: "1",
            fingerprint: "f",
            result: 3,
            nickname: "=Sam, \"Jr\"",
            outcome: "PM",
        };
        let rows = csv_rows(&k, &[("fit", "A, B", Some(12.34)), ("skill", "C", None)]);
        assert_eq!(
            rows,
            "q,1,f,3,\"'=Sam, \"\"Jr\"\"\",PM,fit,\"A, B\",12.3\n\
             q,1,f,3,\"'=Sam, \"\"Jr\"\"\",PM,skill,C,\n"
        );
        assert_eq!(csv_rows(&k, &[]).matches(',').count(), 8 + 1);
        assert_eq!(
            csv_header(),
            CSV_COLUMNS.join(",") + "\n",
            "no header needs quoting"
        );
    }
}
