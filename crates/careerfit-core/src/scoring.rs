//! Pure scoring: answers in, dimension scores, profile fits and a
//! recommendation out. The rules are documented in `docs/scoring.md`.

use super::i18n::Lang;
use super::model::{Kind, Quiz};
use serde::Serialize;

/// One entry per question in file order: the 0-based choice, or `None` when skipped.
pub type Answers = Vec<Option<usize>>;

/// Smallest spread assumed for one person's item scores (0–100 scale): a
/// little under one step of a 5-point scale (25), the usual test–retest
/// wobble of a single item. Without it a perfectly consistent answer sheet
/// would claim infinite precision.
pub const ITEM_SD_FLOOR: f64 = 20.0;
/// Share of identical agreement answers that counts as straight-lining.
pub const STRAIGHT_LINE_SHARE: f64 = 0.8;
/// Agreement answers needed before response styles are judged at all.
pub const STYLE_MIN_ITEMS: usize = 6;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimScore {
    pub raw: f64,
    pub min: f64,
    pub max: f64,
    /// `None` when no answered question measures this dimension.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileFit {
    pub profile: usize,
    /// `None` when none of the profile's dimensions was measured.
    pub fit: Option<f64>,
    /// Standard error of the fit (same 0–100 units).
    pub se: f64,
}

/// An answer pattern that makes the scores untrustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Most agreement answers are the same point of the scale.
    StraightLining,
    /// Agrees with items and with their reverse-keyed opposites alike.
    Acquiescence,
    /// Disagrees with items and with their reverse-keyed opposites alike.
    NaySaying,
    /// Fewer questions answered than the quiz requires.
    TooFewAnswers,
    /// Statements about the same side got answers that contradict each
    /// other, as random answering does (two-sided rule only).
    Inconsistent,
}

impl Flag {
    /// A plain sentence for people, in `lang`.
    pub fn describe(self, lang: Lang) -> String {
        lang.t(match self {
            Flag::StraightLining => "flag-straight-lining",
            Flag::Acquiescence => "flag-acquiescence",
            Flag::NaySaying => "flag-nay-saying",
            Flag::TooFewAnswers => "flag-too-few",
            Flag::Inconsistent => "flag-inconsistent",
        })
    }
}

pub use super::explain::Reason;
use super::explain::explain;
use super::recommend::recommend;
pub use super::recommend::{Basis, Recommendation, confidence_level, confidence_words, phi};

/// Everything computed from one answer sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub answers: Answers,
    pub answered: usize,
    pub dimensions: Vec<DimScore>,
    /// In profile order.
    pub fits: Vec<ProfileFit>,
    /// The bridging dimension's score read as a fit with its own standard
    /// error, when the quiz names one (two-sided rule).
    pub bridge: Option<ProfileFit>,
    /// Profile indices, best fit first (unmeasured last, ties by file order).
    pub ranking: Vec<usize>,
    pub recommendation: Recommendation,
    pub flags: Vec<Flag>,
    /// The answers that account for the call: the strongest pulls towards
    /// it first, then the strongest the other way.
    pub reasons: Vec<Reason>,
}

/// Fits closer than this are a tie, which file order breaks: sums of the
/// same numbers in another order may differ in the last bits.
pub const TIE: f64 = 1e-9;

/// One answered question's position on one dimension.
pub(crate) struct Item {
    pub(crate) question: usize,
    pub(crate) dim: usize,
    pub(crate) span: f64,
    /// 0–100 within the question's own range.
    pub(crate) score: f64,
}

/// A fit, its standard error, and each question's pull on it (fit points
/// relative to an answer in the middle of that question's range).
pub(crate) struct Fitted {
    pub(crate) fit: Option<f64>,
    pub(crate) se: f64,
    /// One entry per question in file order; 0 for questions not involved.
    pub(crate) pulls: Vec<f64>,
}

/// The weighted-mean fit of `weights` over the measured dimensions
/// (docs/scoring.md §3), with its standard error and pulls.
pub(crate) fn fit_of(
    weights: &[(usize, f64)],
    dimensions: &[DimScore],
    items: &[Item],
    questions: usize,
) -> Fitted {
    let measured: Vec<(usize, f64)> = weights
        .iter()
        .copied()
        .filter(|(d, _)| dimensions[*d].score.is_some())
        .collect();
    let total: f64 = measured.iter().map(|(_, w)| w.abs()).sum();
    // Effective weight of each item in this fit (they sum to 1) and its keyed score.
    let mut weighted: Vec<(f64, f64, usize)> = Vec::new();
    for &(d, w) in &measured {
        let dim_span = dimensions[d].max - dimensions[d].min;
        for it in items.iter().filter(|it| it.dim == d) {
            let s = if w < 0.0 { 100.0 - it.score } else { it.score };
            weighted.push((w.abs() / total * it.span / dim_span, s, it.question));
        }
    }
    // Clamped: rounding in the sum can step a hair past 100.
    let fit = (!weighted.is_empty()).then(|| {
        weighted
            .iter()
            .map(|(a, s, _)| a * s)
            .sum::<f64>()
            .clamp(0.0, 100.0)
    });
    let se = match fit {
        Some(f) => {
            let var: f64 = weighted.iter().map(|(a, s, _)| a * (s - f).powi(2)).sum();
            let var = var.max(ITEM_SD_FLOOR * ITEM_SD_FLOOR);
            (weighted.iter().map(|(a, _, _)| a * a).sum::<f64>() * var).sqrt()
        }
        None => 100.0,
    };
    let mut pulls = vec![0.0; questions];
    for (a, s, q) in &weighted {
        pulls[*q] += a * (s - 50.0);
    }
    Fitted { fit, se, pulls }
}

/// Scores an answer sheet. `answers` must have one entry per question; extra
/// entries are ignored and missing ones count as skipped; out-of-range
/// choices count as skipped (callers validate first, this never panics).
pub fn assess(quiz: &Quiz, answers: &[Option<usize>]) -> Assessment {
    let answers: Answers = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            answers
                .get(i)
                .copied()
                .flatten()
                .filter(|&c| c < q.choices.len())
        })
        .collect();
    let nd = quiz.dimensions.len();
    let (mut raw, mut min, mut max) = (vec![0.0; nd], vec![0.0; nd], vec![0.0; nd]);
    let mut items: Vec<Item> = Vec::new();
    for (qi, (q, a)) in quiz.questions.iter().zip(&answers).enumerate() {
        let Some(ch) = *a else { continue };
        for (k, &(d, v)) in q.choices[ch].effects.iter().enumerate() {
            let (lo, hi) = q
                .choices
                .iter()
                .map(|c| c.effects[k].1)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
                    (l.min(x), h.max(x))
                });
            if hi - lo <= 1e-12 {
                continue;
            }
            raw[d] += v;
            min[d] += lo;
            max[d] += hi;
            items.push(Item {
                question: qi,
                dim: d,
                span: hi - lo,
                score: 100.0 * (v - lo) / (hi - lo),
            });
        }
    }
    let dimensions: Vec<DimScore> = (0..nd)
        .map(|d| DimScore {
            raw: raw[d],
            min: min[d],
            max: max[d],
            score: (max[d] - min[d] > 1e-12)
                .then(|| (100.0 * (raw[d] - min[d]) / (max[d] - min[d])).clamp(0.0, 100.0)),
        })
        .collect();

    let nq = quiz.questions.len();
    let fitted: Vec<Fitted> = quiz
        .profiles
        .iter()
        .map(|p| fit_of(&p.weights, &dimensions, &items, nq))
        .collect();
    let fits: Vec<ProfileFit> = fitted
        .iter()
        .enumerate()
        .map(|(pi, f)| ProfileFit {
            profile: pi,
            fit: f.fit,
            se: f.se,
        })
        .collect();
    let bridge = quiz
        .rules
        .bands
        .and_then(|b| b.bridge)
        .map(|d| fit_of(&[(d, 1.0)], &dimensions, &items, nq))
        .and_then(|f| {
            f.fit.map(|fit| ProfileFit {
                profile: usize::MAX,
                fit: Some(fit),
                se: f.se,
            })
        });

    let mut ranking: Vec<usize> = (0..quiz.profiles.len()).collect();
    ranking.sort_by(|&a, &b| rank_order(&fits, a, b));

    let answered = answers.iter().filter(|a| a.is_some()).count();
    let flags = response_flags(quiz, &answers, answered, &items);
    let recommendation = recommend(quiz, &fits, bridge.as_ref(), &ranking, &flags);
    let reasons = explain(quiz, &answers, &fitted, &ranking, &recommendation);
    Assessment {
        answers,
        answered,
        dimensions,
        fits,
        bridge,
        ranking,
        recommendation,
        flags,
        reasons,
    }
}

/// Best fit first; unmeasured profiles last; ties (within [`TIE`]) in file order.
pub fn rank_order(fits: &[ProfileFit], a: usize, b: usize) -> std::cmp::Ordering {
    let fa = fits[a].fit.unwrap_or(-1.0);
    let fb = fits[b].fit.unwrap_or(-1.0);
    if (fa - fb).abs() < TIE {
        a.cmp(&b)
    } else {
        fb.total_cmp(&fa)
    }
}

/// Pooled standard deviation (0–100) of the keyed scores of agreement
/// statements around their own side's mean: small when statements about one
/// side get matching answers, about 35 for random answers on five points.
pub(crate) fn side_spread(quiz: &Quiz, items: &[Item]) -> Option<(f64, usize)> {
    let mut sides: Vec<Vec<(usize, f64)>> =
        quiz.profiles.iter().map(|p| p.weights.clone()).collect();
    if let Some(d) = quiz.rules.bands.and_then(|b| b.bridge) {
        sides.push(vec![(d, 1.0)]);
    }
    let (mut ss, mut df, mut n) = (0.0, 0usize, 0usize);
    for side in &sides {
        let scores: Vec<f64> = items
            .iter()
            .filter(|it| quiz.questions[it.question].kind == Kind::Agreement)
            .filter_map(|it| {
                let w = side.iter().find(|(d, _)| *d == it.dim)?.1;
                Some(if w < 0.0 { 100.0 - it.score } else { it.score })
            })
            .collect();
        if scores.len() < 2 {
            continue;
        }
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        ss += scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>();
        df += scores.len() - 1;
        n += scores.len();
    }
    (df > 0).then(|| ((ss / df as f64).sqrt(), n))
}

fn response_flags(
    quiz: &Quiz,
    answers: &[Option<usize>],
    answered: usize,
    items: &[Item],
) -> Vec<Flag> {
    let mut flags = Vec::new();
    let n = quiz.questions.len();
    if n > 0 && (answered as f64) < quiz.rules.min_answered * n as f64 {
        flags.push(Flag::TooFewAnswers);
    }
    let points = quiz.scale.len();
    let agree: Vec<(usize, bool)> = quiz
        .questions
        .iter()
        .zip(answers)
        .filter(|(q, _)| q.kind == Kind::Agreement)
        .filter_map(|(q, a)| a.map(|c| (c, !q.reverse.is_empty())))
        .collect();
    if agree.len() >= STYLE_MIN_ITEMS && points > 1 {
        let mut counts = vec![0usize; points];
        for (c, _) in &agree {
            counts[*c] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        if most as f64 >= STRAIGHT_LINE_SHARE * agree.len() as f64 {
            flags.push(Flag::StraightLining);
        }
        // Mean position (0..1) on normally keyed and on reverse-keyed items.
        let mean = |rev: bool| {
            let v: Vec<f64> = agree
                .iter()
                .filter(|(_, r)| *r == rev)
                .map(|(c, _)| *c as f64 / (points - 1) as f64)
                .collect();
            (v.len() >= 2).then(|| v.iter().sum::<f64>() / v.len() as f64)
        };
        if let (Some(fwd), Some(rev)) = (mean(false), mean(true))
            && !flags.contains(&Flag::StraightLining)
        {
            if fwd >= 0.75 && rev >= 0.75 {
                flags.push(Flag::Acquiescence);
            } else if fwd <= 0.25 && rev <= 0.25 {
                flags.push(Flag::NaySaying);
            }
        }
    }
    if let Some(b) = quiz.rules.bands
        && let Some((spread, n)) = side_spread(quiz, items)
        && n >= STYLE_MIN_ITEMS
        && spread > b.max_spread
        && !flags.contains(&Flag::StraightLining)
    {
        flags.push(Flag::Inconsistent);
    }
    flags
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod unit_tests;
