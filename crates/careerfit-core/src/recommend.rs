//! The recommendation rule: which outcome a set of fits leads to, and how
//! sure that call is. Two rules exist (docs/scoring.md §5):
//!
//! * the **two-sided rule** (`rules.bands`, quiz v2 and later) reads each
//!   side on its own scale and gives the hybrid to people strong at both;
//!   its confidence is the chance that a retake gives the same outcome;
//! * the original **gap rule** stays for quizzes written for it, so their
//!   share codes and result files keep giving the result they always gave.

use super::i18n::Lang;
use super::model::{Bands, Quiz};
use super::scoring::{Flag, ProfileFit, TIE};
use serde::Serialize;
use std::sync::OnceLock;

/// Why the recommendation came out the way it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// One profile is strong and clearly ahead of the next.
    StandsOut,
    /// One profile is ahead, but not by enough (or not high enough) to be
    /// called a clear fit: a tendency rather than a clear lead.
    Leaning,
    /// Gap rule: two profiles are strong and within measurement error.
    TooClose,
    /// Two-sided rule: both sides clear the hybrid line.
    BothStrong,
    /// Two-sided rule: both sides are close to strong and the bridging
    /// answers are strong, which lowers the hybrid line.
    Bridged,
    /// No profile is high enough, or none leads: no clear call yet.
    NothingStrong,
    /// The answer pattern was flagged.
    Flagged,
}

impl Basis {
    /// The label in front of the outcome's title, so the headline always
    /// says what kind of call it is.
    pub fn headline(self, lang: Lang) -> String {
        lang.t(match self {
            Basis::StandsOut => "headline-best-fit",
            Basis::Leaning => "headline-leaning",
            Basis::TooClose | Basis::BothStrong | Basis::Bridged => "headline-hybrid",
            Basis::NothingStrong | Basis::Flagged => "headline-no-call",
        })
    }

    /// Whether a role was named.
    pub fn is_call(self) -> bool {
        !matches!(self, Basis::NothingStrong | Basis::Flagged)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub outcome: usize,
    /// Profiles recommended: one, two (hybrid) or none.
    pub profiles: Vec<usize>,
    pub basis: Basis,
    /// 0–100; `None` when the answers were flagged, because then there is
    /// no call to be sure of.
    pub confidence: Option<u8>,
}

/// Confidence as a word in `lang`, for people.
pub fn confidence_words(c: Option<u8>, lang: Lang) -> String {
    lang.t(match c {
        None => "confidence-none",
        Some(80..) => "confidence-high",
        Some(60..=79) => "confidence-moderate",
        Some(_) => "confidence-low",
    })
}

/// Confidence as a fixed English word, for programs (the JSON
/// `confidence_level`), whatever the language of the result.
pub fn confidence_level(c: Option<u8>) -> &'static str {
    match c {
        None => "none",
        Some(80..) => "high",
        Some(60..=79) => "moderate",
        Some(_) => "low",
    }
}

/// Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26,
/// error below 1.5e-7: plenty for a confidence shown as a whole percent).
pub fn phi(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

pub(crate) fn pct(p: f64) -> u8 {
    (p.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// A fit as the report shows it (one decimal), so a fit shown as 60.0 is
/// at the line of 60 and never "below" it.
fn shown(f: f64) -> f64 {
    (f * 10.0).round() / 10.0
}

/// The call for one set of fits, before any confidence is attached.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    outcome: usize,
    profiles: Vec<usize>,
    basis: Basis,
}

pub(crate) fn recommend(
    quiz: &Quiz,
    fits: &[ProfileFit],
    bridge: Option<&ProfileFit>,
    ranking: &[usize],
    flags: &[Flag],
) -> Recommendation {
    let explore = quiz.explore_outcome();
    let measured = ranking.first().is_some_and(|&p| fits[p].fit.is_some());
    if !flags.is_empty() || !measured {
        let basis = if flags.is_empty() {
            Basis::NothingStrong
        } else {
            Basis::Flagged
        };
        return Recommendation {
            outcome: explore,
            profiles: vec![],
            basis,
            confidence: (basis != Basis::Flagged).then_some(0),
        };
    }
    match quiz.rules.bands {
        Some(b) => {
            let values: Vec<f64> = fits.iter().map(|f| f.fit.unwrap_or(-1.0)).collect();
            let bridge_fit = bridge.and_then(|x| x.fit);
            let call = two_sided(quiz, &b, &values, bridge_fit);
            let confidence = retest_confidence(quiz, &b, fits, bridge, &call);
            Recommendation {
                outcome: call.outcome,
                profiles: call.profiles,
                basis: call.basis,
                confidence: Some(confidence),
            }
        }
        None => gap_rule(quiz, fits, ranking),
    }
}

/// The two-sided rule on one set of fits (`values[p]`, −1 when unmeasured).
fn two_sided(quiz: &Quiz, b: &Bands, values: &[f64], bridge: Option<f64>) -> Call {
    let explore = quiz.explore_outcome();
    let strong = quiz.rules.strong;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&x, &y| {
        if (values[x] - values[y]).abs() < TIE {
            x.cmp(&y)
        } else {
            values[y].total_cmp(&values[x])
        }
    });
    let Some(&t1) = order.first() else {
        return no_call(explore);
    };
    let f1 = shown(values[t1]);
    let second = order.get(1).copied().filter(|&p| values[p] >= 0.0);
    if let Some(t2) = second {
        let f2 = shown(values[t2]);
        if let Some(h) = quiz.hybrid_outcome(t1, t2) {
            let bridged = bridge.is_some_and(|x| shown(x) >= strong);
            if f2 >= strong {
                return Call {
                    outcome: h,
                    profiles: vec![t1, t2],
                    basis: Basis::BothStrong,
                };
            }
            if bridged && f2 >= strong - b.relief {
                return Call {
                    outcome: h,
                    profiles: vec![t1, t2],
                    basis: Basis::Bridged,
                };
            }
        }
    }
    let gap = second.map_or(f64::INFINITY, |t2| f1 - shown(values[t2]));
    let single = |basis| Call {
        outcome: quiz.profile_outcome(t1).unwrap_or(explore),
        profiles: vec![t1],
        basis,
    };
    if f1 >= strong && gap >= b.margin {
        single(Basis::StandsOut)
    } else if f1 >= b.lean && (f1 >= strong || gap >= b.margin) {
        single(Basis::Leaning)
    } else {
        no_call(explore)
    }
}

fn no_call(explore: usize) -> Call {
    Call {
        outcome: explore,
        profiles: vec![],
        basis: Basis::NothingStrong,
    }
}

/// Draws of the retest error: standard normal vectors from a fixed
/// generator (SplitMix64 and Box–Muller), the same on every run, so the
/// confidence is a pure function of the answers.
const DRAWS: usize = 2000;

fn normals() -> &'static [f64] {
    static CELL: OnceLock<Vec<f64>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut state: u64 = 0x5EED_CA4E_E4F1_7000;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            // 53 random bits in (0, 1].
            ((z >> 11) as f64 + 1.0) / (1u64 << 53) as f64
        };
        let per = super::load::MAX_PROFILES + 1;
        let mut out = Vec::with_capacity(DRAWS * per);
        while out.len() < DRAWS * per {
            let (u1, u2) = (next(), next());
            let r = (-2.0 * u1.ln()).sqrt();
            let t = std::f64::consts::TAU * u2;
            out.push(r * t.cos());
            out.push(r * t.sin());
        }
        out.truncate(DRAWS * per);
        out
    })
}

/// The chance that the same person answering again gets the same outcome:
/// each fit of a retake is drawn around today's with the error of a
/// difference between two sittings, `retest × √2 × SE` (docs/scoring.md §5).
fn retest_confidence(
    quiz: &Quiz,
    b: &Bands,
    fits: &[ProfileFit],
    bridge: Option<&ProfileFit>,
    call: &Call,
) -> u8 {
    let per = super::load::MAX_PROFILES + 1;
    let z = normals();
    let k = b.retest * std::f64::consts::SQRT_2;
    let mut values = vec![0.0; fits.len()];
    let mut same = 0usize;
    for draw in 0..DRAWS {
        let row = &z[draw * per..(draw + 1) * per];
        for (p, f) in fits.iter().enumerate() {
            values[p] = match f.fit {
                Some(x) => (x + k * f.se * row[p]).clamp(0.0, 100.0),
                None => -1.0,
            };
        }
        let bridged = bridge.and_then(|x| {
            x.fit
                .map(|f| (f + k * x.se * row[per - 1]).clamp(0.0, 100.0))
        });
        if two_sided(quiz, b, &values, bridged).outcome == call.outcome {
            same += 1;
        }
    }
    // A model of error can make a retake unlikely to differ, never impossible.
    pct(same as f64 / DRAWS as f64).min(MOST_SURE)
}

/// The highest retest confidence shown.
pub const MOST_SURE: u8 = 99;

/// The original rule (docs/scoring.md §5, "gap rule"), unchanged but for
/// the strong line: a fit shown at the line counts as reaching it.
fn gap_rule(quiz: &Quiz, fits: &[ProfileFit], ranking: &[usize]) -> Recommendation {
    let explore = quiz.explore_outcome();
    let strong = quiz.rules.strong;
    let Some(top) = ranking.first().map(|&p| &fits[p]) else {
        return Recommendation {
            outcome: explore,
            profiles: vec![],
            basis: Basis::NothingStrong,
            confidence: Some(0),
        };
    };
    let f1 = top.fit.unwrap_or(0.0);
    if shown(f1) < strong {
        return Recommendation {
            outcome: explore,
            profiles: vec![],
            basis: Basis::NothingStrong,
            confidence: Some(pct(phi((strong - f1) / top.se))),
        };
    }
    let second = ranking
        .get(1)
        .map(|&p| &fits[p])
        .filter(|s| s.fit.is_some());
    let Some(second) = second else {
        return Recommendation {
            outcome: quiz.profile_outcome(top.profile).unwrap_or(explore),
            profiles: vec![top.profile],
            basis: Basis::StandsOut,
            confidence: Some(pct(phi((f1 - strong) / top.se))),
        };
    };
    let f2 = second.fit.unwrap_or(0.0);
    let se_diff = (top.se.powi(2) + second.se.powi(2)).sqrt();
    let gap = f1 - f2;
    if gap < quiz.rules.z * se_diff && shown(f2) >= strong {
        let both = ((f1 - strong) / top.se).min((f2 - strong) / second.se);
        return Recommendation {
            outcome: quiz
                .hybrid_outcome(top.profile, second.profile)
                .unwrap_or(explore),
            profiles: vec![top.profile, second.profile],
            basis: Basis::TooClose,
            confidence: Some(pct(phi(both))),
        };
    }
    let sure = (gap / se_diff).min((f1 - strong) / top.se);
    let basis = if gap < quiz.rules.z * se_diff {
        Basis::Leaning
    } else {
        Basis::StandsOut
    };
    Recommendation {
        outcome: quiz.profile_outcome(top.profile).unwrap_or(explore),
        profiles: vec![top.profile],
        basis,
        confidence: Some(pct(phi(sure))),
    }
}
