//! Item analysis for quiz authors: does each scale hang together, and
//! which questions do not pull their weight?
//!
//! After a workshop the answers of real people are the best evidence an
//! author gets about a quiz. Published instruments report internal
//! consistency (Cronbach's alpha) and item statistics; this module computes
//! the same from answer sheets of one quiz version, purely: quiz and
//! sheets in, figures out. Every figure carries the number of sheets it
//! rests on, and below [`MIN_SHEETS`] it is withheld ([`Withheld`]) rather
//! than printed as a number that means nothing. docs/analysis.md has the
//! formulas, the thresholds' reasons and a worked example.

mod csv;
mod flags;
mod json;
mod markdown;
mod scales;
pub mod stats;
mod text;

pub use csv::csv;
pub use flags::{Concern, Flag};
pub use json::json;
pub use markdown::markdown;
pub use scales::{Scale, ScaleItem, ScaleKind};
pub use text::text;

use super::model::Quiz;
use super::scoring::{Assessment, assess};
use std::fmt;

/// Fewest sheets a figure may rest on. With 30 sheets the standard error
/// of a correlation is about 0.18 and an alpha's 95% interval about ±0.1
/// wide: rough, but no longer noise. Below it a figure is withheld.
pub const MIN_SHEETS: usize = 30;
/// Coverage of every interval reported.
pub const LEVEL: f64 = 0.95;

/// Why a figure is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// It would rest on this many sheets, fewer than [`MIN_SHEETS`].
    Few(usize),
    /// It needs at least two items (alpha; alpha without an item needs three).
    OneItem,
    /// The scores it is computed from do not vary.
    NoSpread,
}

impl fmt::Display for Withheld {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Withheld::Few(n) => write!(
                f,
                "withheld: rests on {n} sheet{}, fewer than the {MIN_SHEETS} needed",
                if *n == 1 { "" } else { "s" }
            ),
            Withheld::OneItem => f.write_str("not defined for fewer than two items"),
            Withheld::NoSpread => f.write_str("not defined: the scores do not vary"),
        }
    }
}

/// A figure, or why it is withheld.
pub type Figure<T> = Result<T, Withheld>;

/// Cronbach's alpha with Feldt's interval (absent when not defined).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alpha {
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

/// The answers to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// How many chose option 1, 2, … (index 0 is option 1).
    pub counts: Vec<usize>,
    pub skipped: usize,
    /// Standard deviation of the scale points chosen (agreement statements
    /// answered at least twice).
    pub spread: Option<f64>,
}

impl Answers {
    pub fn answered(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// How closely two profiles' fits go together across sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct FitCorrelation {
    pub a: usize,
    pub b: usize,
    /// Sheets on which both fits were measured.
    pub sheets: usize,
    /// Pearson's r and its Fisher-z interval.
    pub r: Figure<(f64, Option<(f64, f64)>)>,
}

/// Everything the analysis found for one quiz version.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub sheets: usize,
    /// Sheets with every question answered; the rest are partial.
    pub complete: usize,
    /// Dimensions first, then profiles, in quiz order.
    pub scales: Vec<Scale>,
    /// One per question, in quiz order.
    pub answers: Vec<Answers>,
    pub flags: Vec<Flag>,
    pub correlations: Vec<FitCorrelation>,
    /// How many sheets got each outcome, in quiz order.
    pub outcomes: Vec<usize>,
}

impl Analysis {
    pub fn partial(&self) -> usize {
        self.sheets - self.complete
    }
}

/// The 0-based choice of question `q` on `sheet` (1-based option numbers,
/// 0 for skipped, as aggregation keeps them); `None` when skipped or out
/// of range.
pub(crate) fn choice(quiz: &Quiz, sheet: &[u8], q: usize) -> Option<usize> {
    let k = usize::from(*sheet.get(q)?).checked_sub(1)?;
    (k < quiz.questions.get(q)?.choices.len()).then_some(k)
}

/// A figure resting on `n` sheets: withheld below [`MIN_SHEETS`].
pub(crate) fn enough<T>(n: usize, f: impl FnOnce() -> Figure<T>) -> Figure<T> {
    if n < MIN_SHEETS {
        Err(Withheld::Few(n))
    } else {
        f()
    }
}

/// What scoring a sheet gave: its outcome and its profile fits
/// (unrounded, in profile order).
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub outcome: usize,
    pub fits: Box<[Option<f64>]>,
}

impl Scored {
    pub fn of(a: &Assessment) -> Self {
        Scored {
            outcome: a.recommendation.outcome,
            fits: a.fits.iter().map(|f| f.fit).collect(),
        }
    }
}

/// Analyses the answer sheets of one quiz version. A sheet holds one
/// 1-based option number per question (0 when skipped); anything out of
/// range counts as skipped, so no sheet can make this fail. Scoring every
/// sheet (for the fits and outcomes) is the costly part and runs on
/// `threads` threads; the figures do not depend on how many.
pub fn analyze(quiz: &Quiz, sheets: &[Box<[u8]>], threads: usize) -> Analysis {
    analyze_scored(quiz, sheets, &score_all(quiz, sheets, threads))
}

/// [`analyze`] for sheets already scored (`scored[i]` is sheet `i`'s), as
/// aggregation does anyway: the sheets are not scored a second time.
pub fn analyze_scored(quiz: &Quiz, sheets: &[Box<[u8]>], scored: &[Scored]) -> Analysis {
    let nq = quiz.questions.len();
    let complete = sheets
        .iter()
        .filter(|s| (0..nq).all(|q| choice(quiz, s, q).is_some()))
        .count();
    let answers = (0..nq).map(|q| answers_to(quiz, sheets, q)).collect();
    let scales = scales::all(quiz, sheets);
    let mut outcomes = vec![0usize; quiz.outcomes.len()];
    for s in scored {
        if let Some(c) = outcomes.get_mut(s.outcome) {
            *c += 1;
        }
    }
    let fits: Vec<&[Option<f64>]> = scored.iter().map(|s| &s.fits[..]).collect();
    let mut correlations = Vec::new();
    for a in 0..quiz.profiles.len() {
        for b in a + 1..quiz.profiles.len() {
            let xy: Vec<(f64, f64)> = fits
                .iter()
                .filter_map(|f| Some((f.get(a).copied()??, f.get(b).copied()??)))
                .collect();
            let r = enough(xy.len(), || {
                let r = stats::pearson(&xy).ok_or(Withheld::NoSpread)?;
                Ok((r, stats::fisher(r, xy.len(), LEVEL)))
            });
            correlations.push(FitCorrelation {
                a,
                b,
                sheets: xy.len(),
                r,
            });
        }
    }
    let mut out = Analysis {
        sheets: sheets.len(),
        complete,
        scales,
        answers,
        flags: Vec::new(),
        correlations,
        outcomes,
    };
    out.flags = flags::flags(quiz, &out);
    out
}

/// Each sheet's outcome and fits, in sheet order, scored on `threads` threads.
fn score_all(quiz: &Quiz, sheets: &[Box<[u8]>], threads: usize) -> Vec<Scored> {
    let one = |s: &[u8]| {
        let picked: Vec<Option<usize>> = (0..quiz.questions.len())
            .map(|q| choice(quiz, s, q))
            .collect();
        Scored::of(&assess(quiz, &picked))
    };
    let chunk = sheets.len().div_ceil(threads.max(1)).max(1);
    let parallel = std::thread::scope(|scope| {
        let handles: Vec<_> = sheets
            .chunks(chunk)
            .map(|c| scope.spawn(move || c.iter().map(|s| one(s)).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(sheets.len());
        for h in handles {
            out.extend(h.join().ok()?);
        }
        Some(out)
    });
    // A thread that failed (it should not) costs time, never a figure.
    parallel.unwrap_or_else(|| sheets.iter().map(|s| one(s)).collect())
}

fn answers_to(quiz: &Quiz, sheets: &[Box<[u8]>], q: usize) -> Answers {
    let question = &quiz.questions[q];
    let mut counts = vec![0usize; question.choices.len()];
    let mut skipped = 0;
    for s in sheets {
        match choice(quiz, s, q) {
            Some(c) => counts[c] += 1,
            None => skipped += 1,
        }
    }
    let answered: usize = counts.iter().sum();
    let spread = (question.kind == super::model::Kind::Agreement && answered >= 2).then(|| {
        let points = counts
            .iter()
            .enumerate()
            .flat_map(|(k, &c)| std::iter::repeat_n(k as f64, c));
        stats::mean_sd(points).1
    });
    Answers {
        counts,
        skipped,
        spread,
    }
}

/// One quiz version's part of a report: the quiz, how many results it
/// had, and either its analysis or why there is none (the anonymity rule,
/// or a quiz careerfit does not know).
#[derive(Debug, Clone)]
pub struct Section<'a> {
    /// `“Title” (id vVERSION)`.
    pub label: String,
    pub fingerprint: String,
    pub results: u64,
    pub body: Body<'a>,
}

#[derive(Debug, Clone)]
pub enum Body<'a> {
    Analysed(&'a Quiz, Analysis),
    /// Only the count is shown, for this reason.
    CountOnly(String),
}

/// What a whole report covers: its sections, largest first, and how many
/// inputs were left out.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub sections: Vec<Section<'a>>,
    pub read: u64,
    pub skipped: u64,
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod unit_tests;
