//! Pure scoring: answers in, dimension scores, profile fits and a
//! recommendation out. The rules are documented in `docs/scoring.md`.

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
}

impl Flag {
    /// A plain sentence for people.
    pub fn describe(self) -> &'static str {
        match self {
            Flag::StraightLining => {
                "Most of your agreement answers were the same point of the scale, so they say little about your preferences."
            }
            Flag::Acquiescence => {
                "You agreed with statements and with their opposites alike, so agreement alone cannot separate the roles."
            }
            Flag::NaySaying => {
                "You disagreed with statements and with their opposites alike, so disagreement alone cannot separate the roles."
            }
            Flag::TooFewAnswers => {
                "Too many questions were skipped to say anything with confidence."
            }
        }
    }
}

/// Why the recommendation came out the way it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// One profile is strong and clearly ahead of the next.
    StandsOut,
    /// One profile is strong, the next is not, but the gap between them is
    /// within measurement error: a tendency rather than a clear lead.
    Leaning,
    /// Two profiles are strong and within measurement error of each other.
    TooClose,
    /// No profile reaches the strong threshold.
    NothingStrong,
    /// The answer pattern was flagged.
    Flagged,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub outcome: usize,
    /// Profiles recommended: one, two (hybrid / too close) or none.
    pub profiles: Vec<usize>,
    pub basis: Basis,
    /// 0–100: how sure the rule is of this call, given measurement error.
    pub confidence: u8,
}

/// Confidence as a word, for people.
pub fn confidence_level(c: u8) -> &'static str {
    match c {
        80.. => "high",
        60..=79 => "moderate",
        _ => "low",
    }
}

/// One answer that moved a profile's fit, and by how much (fit points
/// relative to an answer in the middle of that question's range).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub profile: usize,
    pub question: usize,
    pub choice: usize,
    pub pull: f64,
}

/// Everything computed from one answer sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub answers: Answers,
    pub answered: usize,
    pub dimensions: Vec<DimScore>,
    /// In profile order.
    pub fits: Vec<ProfileFit>,
    /// Profile indices, best fit first (unmeasured last, ties by file order).
    pub ranking: Vec<usize>,
    pub recommendation: Recommendation,
    pub flags: Vec<Flag>,
    /// Strongest pulls towards each recommended profile (or the top two when
    /// none is recommended), biggest first.
    pub reasons: Vec<Reason>,
}

/// One answered question's position on one dimension.
struct Item {
    question: usize,
    choice: usize,
    dim: usize,
    span: f64,
    /// 0–100 within the question's own range.
    score: f64,
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
                choice: ch,
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

    let mut fits = Vec::new();
    let mut reasons_by_profile: Vec<Vec<Reason>> = Vec::new();
    for (pi, p) in quiz.profiles.iter().enumerate() {
        // Effective weight of each item in this profile's fit (they sum to 1).
        let measured: Vec<(usize, f64)> = p
            .weights
            .iter()
            .copied()
            .filter(|(d, _)| dimensions[*d].score.is_some())
            .collect();
        let total: f64 = measured.iter().map(|(_, w)| w.abs()).sum();
        let mut weighted: Vec<(f64, f64, &Item)> = Vec::new();
        for &(d, w) in &measured {
            let dim_span = max[d] - min[d];
            for it in items.iter().filter(|it| it.dim == d) {
                let s = if w < 0.0 { 100.0 - it.score } else { it.score };
                weighted.push((w.abs() / total * it.span / dim_span, s, it));
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
        fits.push(ProfileFit {
            profile: pi,
            fit,
            se,
        });
        // Pulls per question (a question may load several of this profile's dimensions).
        // `slot[q]` is where question q's pull is, so this stays linear in big quizzes.
        let mut pulls: Vec<Reason> = Vec::new();
        let mut slot: Vec<Option<usize>> = vec![None; quiz.questions.len()];
        for (a, s, it) in &weighted {
            let pull = a * (s - 50.0);
            match slot[it.question] {
                Some(k) => pulls[k].pull += pull,
                None => {
                    slot[it.question] = Some(pulls.len());
                    pulls.push(Reason {
                        profile: pi,
                        question: it.question,
                        choice: it.choice,
                        pull,
                    });
                }
            }
        }
        pulls.retain(|r| r.pull > 1e-9);
        pulls.sort_by(|a, b| b.pull.total_cmp(&a.pull).then(a.question.cmp(&b.question)));
        pulls.truncate(3);
        reasons_by_profile.push(pulls);
    }

    let mut ranking: Vec<usize> = (0..quiz.profiles.len()).collect();
    ranking.sort_by(|&a, &b| {
        let fa = fits[a].fit.unwrap_or(-1.0);
        let fb = fits[b].fit.unwrap_or(-1.0);
        fb.total_cmp(&fa).then(a.cmp(&b))
    });

    let answered = answers.iter().filter(|a| a.is_some()).count();
    let flags = response_flags(quiz, &answers, answered);
    let recommendation = recommend(quiz, &fits, &ranking, &flags);
    // Reasons for what is recommended; when nothing is, for the two closest profiles.
    let explained: Vec<usize> = if recommendation.profiles.is_empty() {
        ranking.iter().take(2).copied().collect()
    } else {
        recommendation.profiles.clone()
    };
    let reasons = explained
        .iter()
        .flat_map(|&p| reasons_by_profile[p].iter().cloned())
        .collect();
    Assessment {
        answers,
        answered,
        dimensions,
        fits,
        ranking,
        recommendation,
        flags,
        reasons,
    }
}

fn response_flags(quiz: &Quiz, answers: &[Option<usize>], answered: usize) -> Vec<Flag> {
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
    flags
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

fn pct(p: f64) -> u8 {
    (p.clamp(0.0, 1.0) * 100.0).round() as u8
}

fn recommend(
    quiz: &Quiz,
    fits: &[ProfileFit],
    ranking: &[usize],
    flags: &[Flag],
) -> Recommendation {
    let explore = quiz.explore_outcome();
    let strong = quiz.rules.strong;
    let top = ranking.first().map(|&p| &fits[p]);
    let top = top.filter(|t| t.fit.is_some());
    let (Some(top), true) = (top, flags.is_empty()) else {
        let basis = if flags.is_empty() {
            Basis::NothingStrong
        } else {
            Basis::Flagged
        };
        return Recommendation {
            outcome: explore,
            profiles: vec![],
            basis,
            confidence: 0,
        };
    };
    let f1 = top.fit.unwrap_or(0.0);
    if f1 < strong {
        return Recommendation {
            outcome: explore,
            profiles: vec![],
            basis: Basis::NothingStrong,
            confidence: pct(phi((strong - f1) / top.se)),
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
            confidence: pct(phi((f1 - strong) / top.se)),
        };
    };
    let f2 = second.fit.unwrap_or(0.0);
    let se_diff = (top.se.powi(2) + second.se.powi(2)).sqrt();
    let gap = f1 - f2;
    if gap < quiz.rules.z * se_diff && f2 >= strong {
        let both = ((f1 - strong) / top.se).min((f2 - strong) / second.se);
        return Recommendation {
            outcome: quiz
                .hybrid_outcome(top.profile, second.profile)
                .unwrap_or(explore),
            profiles: vec![top.profile, second.profile],
            basis: Basis::TooClose,
            confidence: pct(phi(both)),
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
        confidence: pct(phi(sure)),
    }
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod unit_tests;
