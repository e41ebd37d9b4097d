//! The scales of a quiz as sums of item scores, and their figures.
//!
//! A dimension's scale is its raw points: the sum over the questions that
//! measure it of what the chosen option contributes (reverse keys already
//! turned round, weights applied), so its mean is in the quiz's own units
//! (0–40 for an O*NET-style area of ten 0–4 items). A profile's scale is
//! its fit: on a complete sheet the fit is a constant plus one term per
//! question (docs/scoring.md §3), and that term is the item score. Either
//! way alpha is the reliability of the very score careerfit reports.
//! Only sheets that answered every item of a scale count for it
//! (listwise), since a partial sheet's sum is on a different range.

use super::stats::{Moments, mean_sd};
use super::{Alpha, Figure, LEVEL, Withheld, choice, enough};
use crate::model::Quiz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleKind {
    Dimension,
    Profile,
}

impl ScaleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ScaleKind::Dimension => "dimension",
            ScaleKind::Profile => "profile",
        }
    }
}

/// One question's place in a scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleItem {
    pub question: usize,
    /// Corrected item–total correlation (with the sum of the other items).
    pub item_rest: Figure<f64>,
    /// Alpha of the scale without this item.
    pub alpha_without: Figure<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub kind: ScaleKind,
    /// The dimension's or profile's index in the quiz.
    pub index: usize,
    pub items: Vec<ScaleItem>,
    /// Sheets that answered every item.
    pub sheets: usize,
    pub alpha: Figure<Alpha>,
    /// Mean and standard deviation of the score.
    pub mean_sd: Figure<(f64, f64)>,
    /// Lowest and highest possible score.
    pub range: (f64, f64),
}

/// A scale before it meets the sheets: its items' scores per option and a
/// constant added to their sum.
struct Plan {
    kind: ScaleKind,
    index: usize,
    items: Vec<(usize, Vec<f64>)>,
    offset: f64,
}

fn effect(quiz: &Quiz, q: usize, c: usize, d: usize) -> f64 {
    quiz.questions[q].choices[c]
        .effects
        .iter()
        .find(|e| e.0 == d)
        .map_or(0.0, |e| e.1)
}

fn low(quiz: &Quiz, q: usize, d: usize) -> f64 {
    (0..quiz.questions[q].choices.len())
        .map(|c| effect(quiz, q, c, d))
        .fold(f64::INFINITY, f64::min)
}

fn measuring(quiz: &Quiz, d: usize) -> impl Iterator<Item = usize> + '_ {
    (0..quiz.questions.len()).filter(move |&q| quiz.questions[q].measures.contains(&d))
}

fn dimension(quiz: &Quiz, d: usize) -> Plan {
    let items = measuring(quiz, d)
        .map(|q| {
            let v = (0..quiz.questions[q].choices.len())
                .map(|c| effect(quiz, q, c, d))
                .collect();
            (q, v)
        })
        .collect();
    Plan {
        kind: ScaleKind::Dimension,
        index: d,
        items,
        offset: 0.0,
    }
}

/// `fit = Σ_{w<0} |w|/W · 100 + Σ_q Σ_d (w_d/W) · 100 · (effect − low) / range_d`
/// over the profile's measured dimensions (docs/analysis.md).
fn profile(quiz: &Quiz, p: usize) -> Plan {
    let range = |d: usize| -> f64 {
        measuring(quiz, d)
            .map(|q| {
                let hi = (0..quiz.questions[q].choices.len())
                    .map(|c| effect(quiz, q, c, d))
                    .fold(f64::NEG_INFINITY, f64::max);
                hi - low(quiz, q, d)
            })
            .sum()
    };
    let dims: Vec<(usize, f64, f64)> = quiz.profiles[p]
        .weights
        .iter()
        .map(|&(d, w)| (d, w, range(d)))
        .filter(|x| x.2 > 1e-12)
        .collect();
    let total: f64 = dims.iter().map(|x| x.1.abs()).sum();
    let offset = dims
        .iter()
        .filter(|x| x.1 < 0.0)
        .map(|x| 100.0 * x.1.abs() / total)
        .sum();
    let items = (0..quiz.questions.len())
        .filter(|&q| {
            dims.iter()
                .any(|x| quiz.questions[q].measures.contains(&x.0))
        })
        .map(|q| {
            let v = (0..quiz.questions[q].choices.len())
                .map(|c| {
                    dims.iter()
                        .filter(|x| quiz.questions[q].measures.contains(&x.0))
                        .map(|&(d, w, r)| {
                            w / total * 100.0 * (effect(quiz, q, c, d) - low(quiz, q, d)) / r
                        })
                        .sum()
                })
                .collect();
            (q, v)
        })
        .collect();
    Plan {
        kind: ScaleKind::Profile,
        index: p,
        items,
        offset,
    }
}

/// Every scale with at least one item: dimensions, then profiles.
pub(super) fn all(quiz: &Quiz, sheets: &[Box<[u8]>]) -> Vec<Scale> {
    let plans = (0..quiz.dimensions.len())
        .map(|d| dimension(quiz, d))
        .chain((0..quiz.profiles.len()).map(|p| profile(quiz, p)));
    plans
        .filter(|p| !p.items.is_empty())
        .map(|p| figures(quiz, sheets, &p))
        .collect()
}

fn figures(quiz: &Quiz, sheets: &[Box<[u8]>], plan: &Plan) -> Scale {
    let k = plan.items.len();
    // Item scores of the sheets that answered every item, row by row.
    let mut rows: Vec<f64> = Vec::new();
    for s in sheets {
        let start = rows.len();
        for (q, v) in &plan.items {
            match choice(quiz, s, *q) {
                Some(c) => rows.push(v[c]),
                None => {
                    rows.truncate(start);
                    break;
                }
            }
        }
    }
    let n = rows.len() / k;
    let m = Moments::of(rows.chunks(k), k);
    let alpha = enough(n, || {
        let value = m.alpha().ok_or(if k < 2 {
            Withheld::OneItem
        } else {
            Withheld::NoSpread
        })?;
        Ok(Alpha {
            value,
            interval: super::stats::feldt(value, n, k, LEVEL),
        })
    });
    let items = plan
        .items
        .iter()
        .enumerate()
        .map(|(j, (q, _))| ScaleItem {
            question: *q,
            item_rest: enough(n, || {
                if k < 2 {
                    return Err(Withheld::OneItem);
                }
                m.item_rest(j).ok_or(Withheld::NoSpread)
            }),
            alpha_without: enough(n, || {
                if k < 3 {
                    return Err(Withheld::OneItem);
                }
                m.alpha_without(j).ok_or(Withheld::NoSpread)
            }),
        })
        .collect();
    let totals = rows.chunks(k).map(|r| plan.offset + r.iter().sum::<f64>());
    let mean_sd = enough(n, || Ok(mean_sd(totals)));
    let bound = |f: fn(f64, f64) -> f64, start: f64| {
        plan.offset
            + plan
                .items
                .iter()
                .map(|(_, v)| v.iter().copied().fold(start, f))
                .sum::<f64>()
    };
    Scale {
        kind: plan.kind,
        index: plan.index,
        items,
        sheets: n,
        alpha,
        mean_sd,
        range: (
            bound(f64::min, f64::INFINITY),
            bound(f64::max, f64::NEG_INFINITY),
        ),
    }
}
