//! The item analysis as one long-format CSV table: one row per figure.
//!
//! Columns: `quiz, version, fingerprint, section, scale, question, figure,
//! value, sheets, note`. `section` is `sheets`, `scale`, `item`, `answer`,
//! `flag`, `correlation` or `outcome`; `value` is empty when the figure is
//! withheld, and `note` then says why. Text cells are sanitized and
//! neutralised against formula injection (the aggregate table's rule);
//! numbers are written as numbers.

use super::{Analysis, Body, Figure, Report};
use crate::aggregate::csv_cell;
use crate::model::Quiz;

pub const CSV_HEADER: &str =
    "quiz,version,fingerprint,section,scale,question,figure,value,sheets,note\n";

/// Where a figure goes: section, scale, question and figure name.
#[derive(Clone, Copy)]
struct At<'a>(&'a str, &'a str, &'a str, &'a str);

struct Rows<'a> {
    out: String,
    key: [String; 3],
    quiz: &'a Quiz,
}

impl Rows<'_> {
    fn row(&mut self, at: At, value: Result<String, String>, sheets: usize) {
        let (value, note) = match value {
            Ok(v) => (v, String::new()),
            Err(n) => (String::new(), n),
        };
        let At(section, scale, question, figure) = at;
        let cells = [
            self.key[0].clone(),
            self.key[1].clone(),
            self.key[2].clone(),
            csv_cell(section),
            csv_cell(scale),
            csv_cell(question),
            csv_cell(figure),
            value,
            sheets.to_string(),
            csv_cell(&note),
        ];
        self.out.push_str(&cells.join(","));
        self.out.push('\n');
    }

    fn fig<T>(&mut self, at: At, f: &Figure<T>, v: impl Fn(&T) -> f64, sheets: usize) {
        let value = f
            .as_ref()
            .map(|x| format!("{:.6}", v(x)))
            .map_err(ToString::to_string);
        self.row(at, value, sheets);
    }
}

fn analysis(rows: &mut Rows, a: &Analysis) {
    let quiz = rows.quiz;
    let count = |n: usize| Ok(n.to_string());
    let six = |x: f64| Ok(format!("{x:.6}"));
    rows.row(
        At("sheets", "", "", "complete"),
        count(a.complete),
        a.sheets,
    );
    rows.row(
        At("sheets", "", "", "partial"),
        count(a.partial()),
        a.sheets,
    );
    for s in &a.scales {
        let id = match s.kind {
            super::ScaleKind::Dimension => quiz.dimensions[s.index].id.as_str(),
            super::ScaleKind::Profile => quiz.profiles[s.index].id.as_str(),
        };
        let n = s.sheets;
        let at = |figure| At("scale", id, "", figure);
        rows.row(at("items"), count(s.items.len()), n);
        rows.fig(at("alpha"), &s.alpha, |x| x.value, n);
        if let Ok(al) = &s.alpha
            && let Some((lo, hi)) = al.interval
        {
            rows.row(at("alpha_lower"), six(lo), n);
            rows.row(at("alpha_upper"), six(hi), n);
        }
        rows.fig(at("mean"), &s.mean_sd, |x| x.0, n);
        rows.fig(at("sd"), &s.mean_sd, |x| x.1, n);
        rows.row(at("min"), six(s.range.0), n);
        rows.row(at("max"), six(s.range.1), n);
        for it in &s.items {
            let q = quiz.questions[it.question].id.as_str();
            rows.fig(At("item", id, q, "item_total"), &it.item_rest, |r| *r, n);
            let at = At("item", id, q, "alpha_if_deleted");
            rows.fig(at, &it.alpha_without, |r| *r, n);
        }
    }
    for (q, ans) in quiz.questions.iter().zip(&a.answers) {
        for (k, c) in ans.counts.iter().enumerate() {
            let name = format!("option_{}", k + 1);
            rows.row(At("answer", "", &q.id, &name), count(*c), a.sheets);
        }
        rows.row(
            At("answer", "", &q.id, "skipped"),
            count(ans.skipped),
            a.sheets,
        );
    }
    for f in &a.flags {
        let why = f.concern.describe(quiz, a, f.question);
        let at = At("flag", "", &quiz.questions[f.question].id, f.concern.code());
        rows.row(at, Err(why), a.sheets);
    }
    for c in &a.correlations {
        let pair = format!("{}~{}", quiz.profiles[c.a].id, quiz.profiles[c.b].id);
        rows.fig(At("correlation", &pair, "", "r"), &c.r, |x| x.0, c.sheets);
    }
    for (o, n) in quiz.outcomes.iter().zip(&a.outcomes) {
        rows.row(At("outcome", "", "", &o.id), count(*n), a.sheets);
    }
}

/// The table for every analysed quiz version (count-only groups have no rows).
pub fn csv(r: &Report) -> String {
    let mut out = String::from(CSV_HEADER);
    for s in &r.sections {
        let Body::Analysed(quiz, a) = &s.body else {
            continue;
        };
        let mut rows = Rows {
            out: String::new(),
            key: [
                csv_cell(&quiz.id),
                csv_cell(&quiz.version),
                csv_cell(&s.fingerprint),
            ],
            quiz,
        };
        analysis(&mut rows, a);
        out.push_str(&rows.out);
    }
    out
}
