//! A respondent simulation, so that anyone changing a quiz can see how its
//! recommendation behaves before real people take it (docs/scoring.md §10).
//!
//! It is a model, not people. Its assumptions, stated plainly:
//!
//! * every simulated person has one latent interest per profile (standard
//!   normal, independent unless `correlation` is set) and a bridging
//!   interest that shares half its variance with the first two profiles;
//! * each skill dimension is that side's interest plus a personal facet
//!   (`facet` of its variance), so people are uneven within a side;
//! * agreement statements follow a graded-response model: discrimination
//!   1.2–2.2 and a location near the middle, drawn once per statement;
//!   reverse-keyed statements respond to the opposite of the interest; each
//!   person also has a small yea-saying habit that moves every answer;
//! * scenario and forced-choice questions are answered by preference: each
//!   option's appeal is the mean interest in the dimensions it scores, plus
//!   a Gumbel error (a logit choice model);
//! * a retest is the same person answering again with fresh response
//!   error; nothing about the person changes between the two sittings;
//! * "random answering" picks every option with equal chance.
//!
//! Everything is seeded: the same quiz, seed and size give the same figures.

use super::explain::coverage;
use super::model::{Kind, Quiz};
use super::recommend::Basis;
use super::scoring::{Answers, Assessment, assess};
use serde::Serialize;

/// Settings of one simulation run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub people: usize,
    pub seed: u64,
    /// Correlation between the first two profiles' interests.
    pub correlation: f64,
    /// Share of a dimension's variance that is personal, not the side's.
    pub facet: f64,
    /// Spread of the yea-saying habit (logit units).
    pub yea_saying: f64,
    /// Lowest discrimination of a statement; each is drawn from this to
    /// this + 1 (1.2 to 2.2 by default, typical of interest inventories).
    pub discrimination: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            people: 2000,
            seed: 1,
            correlation: 0.0,
            facet: 0.2,
            yea_saying: 0.3,
            discrimination: 1.2,
        }
    }
}

/// A latent interest this far above (or below) average counts as "clearly"
/// above (below) it in the figures: about the top (bottom) 31%.
pub const CLEAR: f64 = 0.5;

/// The figures a run reports.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub quiz: String,
    pub version: String,
    pub people: usize,
    pub seed: u64,
    /// `(outcome id, share)` on the first sitting, in the quiz's outcome order.
    pub outcomes: Vec<(String, f64)>,
    /// Share whose retake gave the same outcome.
    pub retest_agreement: f64,
    /// Cohen's kappa between the two sittings' outcomes.
    pub kappa: f64,
    /// `retest[i][j]`: people with outcome i on the first sitting and j on
    /// the second, in the quiz's outcome order.
    pub retest: Vec<Vec<usize>>,
    /// People clearly above average on both of the first two profiles.
    pub both_high: usize,
    /// Share of them given the hybrid.
    pub both_high_hybrid: f64,
    /// Share of them given a single role.
    pub both_high_single: f64,
    /// Per profile: `(id, people clearly one-sided towards it, share given
    /// that side, share given the other side)`.
    pub one_sided: Vec<(String, usize, f64, f64)>,
    /// Per profile: `(id, mean fit, standard deviation, retest correlation)`.
    pub fits: Vec<(String, f64, f64, f64)>,
    /// Share given "no clear call yet" (flagged or not).
    pub no_call: f64,
    /// Expected calibration error of the confidence, in percentage points.
    pub calibration_error: f64,
    /// `(bin lower bound, sheets, mean confidence, retest agreement)`.
    pub calibration: Vec<(u8, usize, f64, f64)>,
    /// Mean share of the call that the cited answers account for.
    pub coverage_mean: f64,
    /// Share of explained calls whose cited answers account for at least half.
    pub coverage_half: f64,
    /// Random answering: share flagged, share given a role, share given a
    /// role with high confidence (80% or more).
    pub random_flagged: f64,
    pub random_call: f64,
    pub random_high_call: f64,
    /// Random answering shown any outcome, "no clear call" included, with
    /// high confidence.
    pub random_high_any: f64,
}

/// SplitMix64: small, fast and the same everywhere, which is all a seeded
/// simulation needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// Fixed parameters of one agreement statement.
struct ItemParams {
    discrimination: f64,
    location: f64,
}

/// One simulated person.
struct Person {
    /// Per profile.
    interest: Vec<f64>,
    /// Per dimension.
    dims: Vec<f64>,
    yea: f64,
}

/// Which side each dimension belongs to: a profile, the bridge, or none.
fn dimension_sides(quiz: &Quiz) -> Vec<Option<usize>> {
    let bridge = quiz.rules.bands.and_then(|b| b.bridge);
    (0..quiz.dimensions.len())
        .map(|d| {
            if Some(d) == bridge {
                return Some(quiz.profiles.len());
            }
            quiz.profiles
                .iter()
                .enumerate()
                .filter_map(|(p, pr)| {
                    pr.weights
                        .iter()
                        .find(|(x, _)| *x == d)
                        .map(|(_, w)| (p, w.abs()))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(p, _)| p)
        })
        .collect()
}

fn person(rng: &mut Rng, quiz: &Quiz, sides: &[Option<usize>], s: &Settings) -> Person {
    let n = quiz.profiles.len();
    let mut interest: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
    if n >= 2 {
        let r = s.correlation.clamp(-0.99, 0.99);
        interest[1] = r * interest[0] + (1.0 - r * r).sqrt() * interest[1];
    }
    let shared = match n {
        0 => 0.0,
        1 => interest[0],
        _ => f64::midpoint(interest[0], interest[1]),
    };
    // Half its variance shared with the two sides, half its own.
    let spread = if n >= 2 {
        (0.5f64 / (0.5 + 0.5 * s.correlation)).sqrt()
    } else {
        1.0
    };
    let bridge = 0.5f64.sqrt() * shared * spread + 0.5f64.sqrt() * rng.normal();
    let f = s.facet.clamp(0.0, 1.0);
    let dims = sides
        .iter()
        .map(|side| {
            let base = match side {
                Some(p) if *p < n => interest[*p],
                Some(_) => bridge,
                None => 0.0,
            };
            (1.0 - f).sqrt() * base + f.sqrt() * rng.normal()
        })
        .collect();
    Person {
        interest,
        dims,
        yea: s.yea_saying * rng.normal(),
    }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// One sitting of the quiz by `p`.
fn answer(rng: &mut Rng, quiz: &Quiz, items: &[ItemParams], p: &Person) -> Answers {
    let points = quiz.scale.len();
    quiz.questions
        .iter()
        .zip(items)
        .map(|(q, it)| {
            Some(match q.kind {
                Kind::Agreement => {
                    // Keyed interest: the mean over its keys, turned round for reverse keys.
                    let keyed: Vec<f64> = q
                        .measures
                        .iter()
                        .map(|&d| {
                            let hi = q.choices.last().map_or(0.0, |c| effect(c, d));
                            let lo = q.choices.first().map_or(0.0, |c| effect(c, d));
                            if hi >= lo { p.dims[d] } else { -p.dims[d] }
                        })
                        .collect();
                    let x = keyed.iter().sum::<f64>() / keyed.len().max(1) as f64;
                    let u = rng.unit();
                    // Graded response: P(answer ≥ k) for k = 1..points-1.
                    let mut k = 0;
                    for step in 1..points {
                        let tau = -2.0 + 4.0 * (step as f64 - 0.5) / (points as f64 - 1.0);
                        let cut = logistic(it.discrimination * (x + p.yea - it.location - tau));
                        if u < cut {
                            k = step;
                        }
                    }
                    k
                }
                Kind::Scenario | Kind::ForcedChoice => {
                    let mut best = (f64::NEG_INFINITY, 0);
                    for (i, c) in q.choices.iter().enumerate() {
                        let (sum, weight) = c.effects.iter().fold((0.0, 0.0), |(s, w), &(d, v)| {
                            (s + v * p.dims[d], w + v.abs())
                        });
                        let appeal = if weight > 0.0 {
                            1.5 * sum / weight
                        } else {
                            0.0
                        };
                        let gumbel = -(-rng.unit().ln()).ln();
                        if appeal + gumbel > best.0 {
                            best = (appeal + gumbel, i);
                        }
                    }
                    best.1
                }
            })
        })
        .collect()
}

fn effect(c: &super::model::Choice, d: usize) -> f64 {
    c.effects
        .iter()
        .find(|(x, _)| *x == d)
        .map_or(0.0, |(_, v)| *v)
}

fn random_sheet(rng: &mut Rng, quiz: &Quiz) -> Answers {
    quiz.questions
        .iter()
        .map(|q| Some(rng.below(q.choices.len())))
        .collect()
}

/// Cohen's kappa of two label sequences over `k` labels.
pub fn kappa(a: &[usize], b: &[usize], k: usize) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64;
    let (mut pa, mut pb) = (vec![0.0; k], vec![0.0; k]);
    for (x, y) in a.iter().zip(b) {
        pa[*x] += 1.0 / n as f64;
        pb[*y] += 1.0 / n as f64;
    }
    let chance: f64 = pa.iter().zip(&pb).map(|(x, y)| x * y).sum();
    if (1.0 - chance).abs() < 1e-12 {
        1.0
    } else {
        (agree - chance) / (1.0 - chance)
    }
}

fn coverage_of(a: &Assessment) -> Option<f64> {
    let fits: Vec<Option<f64>> = a.fits.iter().map(|f| f.fit).collect();
    if !a.recommendation.basis.is_call() {
        return None;
    }
    coverage(&a.recommendation, &a.ranking, &fits, &a.reasons)
}

/// Runs the simulation.
pub fn run(quiz: &Quiz, s: &Settings) -> Summary {
    run_each(quiz, s, |_| {})
}

/// Runs the simulation and hands every person's first sitting to `each`,
/// in order, so the same simulated answers can be written out (as share
/// codes, for `analyze`) alongside the very figures they produced.
pub fn run_each(quiz: &Quiz, s: &Settings, mut each: impl FnMut(&Answers)) -> Summary {
    let mut rng = Rng(s.seed ^ 0xCA4E_E4F1);
    let items: Vec<ItemParams> = quiz
        .questions
        .iter()
        .map(|_| ItemParams {
            discrimination: s.discrimination + rng.unit(),
            location: 0.3 * rng.normal(),
        })
        .collect();
    let sides = dimension_sides(quiz);
    let k = quiz.outcomes.len();
    let hybrid = match quiz.profiles.len() {
        2.. => quiz.hybrid_outcome(0, 1),
        _ => None,
    };
    let explore = quiz.explore_outcome();
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let (mut both, mut both_h, mut both_s) = (0usize, 0usize, 0usize);
    let mut sided = vec![(0usize, 0usize, 0usize); quiz.profiles.len()];
    let mut bins = vec![(0usize, 0.0f64, 0usize); 10];
    let (mut cov_sum, mut cov_n, mut cov_half) = (0.0, 0usize, 0usize);
    let mut pairs: Vec<Vec<(f64, f64)>> = vec![Vec::new(); quiz.profiles.len()];
    for _ in 0..s.people {
        let p = person(&mut rng, quiz, &sides, s);
        let sheet = answer(&mut rng, quiz, &items, &p);
        each(&sheet);
        let a1 = assess(quiz, &sheet);
        let a2 = assess(quiz, &answer(&mut rng, quiz, &items, &p));
        let (o1, o2) = (a1.recommendation.outcome, a2.recommendation.outcome);
        for (pi, pair) in pairs.iter_mut().enumerate() {
            if let (Some(x), Some(y)) = (a1.fits[pi].fit, a2.fits[pi].fit) {
                pair.push((x, y));
            }
        }
        first.push(o1);
        second.push(o2);
        if let Some(c) = a1.recommendation.confidence
            && a1.recommendation.basis != Basis::Flagged
        {
            let b = &mut bins[(c as usize / 10).min(9)];
            b.0 += 1;
            b.1 += f64::from(c);
            b.2 += usize::from(o1 == o2);
        }
        if let Some(c) = coverage_of(&a1) {
            cov_sum += c;
            cov_n += 1;
            cov_half += usize::from(c >= 0.5);
        }
        if p.interest.len() >= 2 && p.interest[0] >= CLEAR && p.interest[1] >= CLEAR {
            both += 1;
            both_h += usize::from(Some(o1) == hybrid);
            both_s += usize::from(a1.recommendation.profiles.len() == 1);
        }
        for (pi, slot) in sided.iter_mut().enumerate() {
            let others_low = p
                .interest
                .iter()
                .enumerate()
                .all(|(j, &x)| j == pi || x <= -CLEAR);
            if p.interest[pi] >= CLEAR && others_low {
                slot.0 += 1;
                let own = quiz.profile_outcome(pi);
                slot.1 += usize::from(Some(o1) == own);
                slot.2 += usize::from(
                    a1.recommendation.profiles.len() == 1 && a1.recommendation.profiles[0] != pi,
                );
            }
        }
    }
    let share = |x: usize, n: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
    let n = s.people;
    let confident: usize = bins.iter().map(|b| b.0).sum();
    let calibration: Vec<(u8, usize, f64, f64)> = bins
        .iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(i, b)| {
            (
                (i * 10) as u8,
                b.0,
                b.1 / b.0 as f64,
                100.0 * share(b.2, b.0),
            )
        })
        .collect();
    let ece = calibration
        .iter()
        .map(|(_, m, c, r)| share(*m, confident) * (c - r).abs())
        .sum();
    let (mut rf, mut rc, mut rh, mut ra) = (0usize, 0usize, 0usize, 0usize);
    for _ in 0..n {
        let a = assess(quiz, &random_sheet(&mut rng, quiz));
        let rec = &a.recommendation;
        rf += usize::from(rec.basis == Basis::Flagged);
        rc += usize::from(rec.basis.is_call());
        rh += usize::from(rec.basis.is_call() && rec.confidence.is_some_and(|c| c >= 80));
        ra += usize::from(rec.confidence.is_some_and(|c| c >= 80));
    }
    Summary {
        quiz: quiz.id.clone(),
        version: quiz.version.clone(),
        people: n,
        seed: s.seed,
        outcomes: quiz
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| {
                (
                    o.id.clone(),
                    share(first.iter().filter(|&&x| x == i).count(), n),
                )
            })
            .collect(),
        retest_agreement: share(first.iter().zip(&second).filter(|(a, b)| a == b).count(), n),
        kappa: kappa(&first, &second, k),
        retest: {
            let mut m = vec![vec![0usize; k]; k];
            for (a, b) in first.iter().zip(&second) {
                m[*a][*b] += 1;
            }
            m
        },
        both_high: both,
        both_high_hybrid: share(both_h, both),
        both_high_single: share(both_s, both),
        one_sided: quiz
            .profiles
            .iter()
            .zip(&sided)
            .map(|(p, s)| (p.id.clone(), s.0, share(s.1, s.0), share(s.2, s.0)))
            .collect(),
        fits: quiz
            .profiles
            .iter()
            .zip(&pairs)
            .map(|(p, xy)| {
                let (m, sd, r) = moments(xy);
                (p.id.clone(), m, sd, r)
            })
            .collect(),
        no_call: share(first.iter().filter(|&&x| x == explore).count(), n),
        calibration_error: ece,
        calibration,
        coverage_mean: if cov_n == 0 {
            0.0
        } else {
            cov_sum / cov_n as f64
        },
        coverage_half: share(cov_half, cov_n),
        random_flagged: share(rf, n),
        random_call: share(rc, n),
        random_high_call: share(rh, n),
        random_high_any: share(ra, n),
    }
}

/// Mean and standard deviation of the first values, and the correlation
/// of the pairs (the retest reliability of a fit).
fn moments(xy: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = xy.len() as f64;
    if xy.len() < 2 {
        return (0.0, 0.0, 0.0);
    }
    let mx = xy.iter().map(|p| p.0).sum::<f64>() / n;
    let my = xy.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx = xy.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
    let syy = xy.iter().map(|p| (p.1 - my).powi(2)).sum::<f64>();
    let sxy = xy.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>();
    let r = if sxx > 0.0 && syy > 0.0 {
        sxy / (sxx * syy).sqrt()
    } else {
        0.0
    };
    (mx, (sxx / (n - 1.0)).sqrt(), r)
}

/// The figures as text, one per line, for people.
pub fn to_text(s: &Summary) -> String {
    use std::fmt::Write;
    let pc = |x: f64| format!("{:.1}%", 100.0 * x);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "careerfit simulate · {} v{} · {} people, seed {}",
        s.quiz, s.version, s.people, s.seed
    );
    let _ = writeln!(
        o,
        "A model, not people: see docs/scoring.md §10 for its assumptions.\n"
    );
    let _ = writeln!(o, "Outcomes (first sitting):");
    for (id, x) in &s.outcomes {
        let _ = writeln!(o, "  {id:<20} {:>6}", pc(*x));
    }
    let _ = writeln!(o, "Retest outcomes (rows: first sitting, columns: second):");
    let ids: Vec<&str> = s.outcomes.iter().map(|(id, _)| id.as_str()).collect();
    let _ = writeln!(
        o,
        "  {:<12}{}",
        "",
        ids.iter().map(|i| format!("{i:>9}")).collect::<String>()
    );
    for (id, row) in ids.iter().zip(&s.retest) {
        let _ = writeln!(
            o,
            "  {id:<12}{}",
            row.iter().map(|n| format!("{n:>9}")).collect::<String>()
        );
    }
    for (id, m, sd, r) in &s.fits {
        let _ = writeln!(o, "Fit {id}: mean {m:.1}, sd {sd:.1}, retest r {r:.3}");
    }
    let _ = writeln!(o, "No clear call yet:              {}", pc(s.no_call));
    let _ = writeln!(
        o,
        "Retest: same outcome            {}  (Cohen's kappa {:.3})",
        pc(s.retest_agreement),
        s.kappa
    );
    let _ = writeln!(
        o,
        "High on both sides ({} people): hybrid {}, a single role {}",
        s.both_high,
        pc(s.both_high_hybrid),
        pc(s.both_high_single)
    );
    for (id, n, own, other) in &s.one_sided {
        let _ = writeln!(
            o,
            "Clearly {id} only ({n} people): {id} {}, another single role {}",
            pc(*own),
            pc(*other)
        );
    }
    let _ = writeln!(
        o,
        "Calibration error (ECE):        {:.1} points",
        s.calibration_error
    );
    for (lo, n, c, r) in &s.calibration {
        let _ = writeln!(
            o,
            "  confidence {lo:>3}–{:<3} {n:>6} sheets: said {c:>5.1}%, retest agreed {r:>5.1}%",
            lo + 9
        );
    }
    let _ = writeln!(
        o,
        "Explanation: cited answers account for {} of the call on average; at least half on {} of sheets",
        pc(s.coverage_mean),
        pc(s.coverage_half)
    );
    let _ = writeln!(
        o,
        "Random answering: flagged {}, given a role {}, given a role with high confidence {}, any high confidence {}",
        pc(s.random_flagged),
        pc(s.random_call),
        pc(s.random_high_call),
        pc(s.random_high_any)
    );
    o
}
