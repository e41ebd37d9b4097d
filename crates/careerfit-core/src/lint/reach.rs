//! Can an outcome ever be chosen?
//!
//! The analysis covers **complete answer sheets** (every question
//! answered). For those, a dimension's range (`min`, `max`) is fixed, so each
//! profile's fit is a constant plus one term per question, and any sum or
//! difference of fits is too. Maximising such a quantity is then exact and
//! cheap: pick, question by question, the option with the largest term.
//!
//! What is checked, each an exact statement about complete sheets:
//! * a profile whose best possible fit is below `strong` is never recommended;
//! * a profile that some other profile always matches or beats (ties go to
//!   the earlier profile) never ranks first;
//! * a hybrid pair whose best possible *sum* of fits is below `2 × strong`
//!   can never have both fits strong. The sum bounds the pair jointly, so it
//!   is at least as sharp as comparing each profile's own maximum.
//!
//! The checks only ever *over*-estimate what is reachable (they ignore the
//! gap and error conditions of the rule and response-style flags), so a
//! warning is never a false alarm for complete sheets. Skipping questions
//! shrinks ranges and could, in contrived quizzes, reach a result no complete
//! sheet reaches; an outcome that only strategic skipping can reach is
//! still worth a warning.
//!
//! Fits are computed here with the dimension form of `docs/scoring.md`
//! (section 3) rather than by calling the engine for every candidate sheet,
//! which kept a 1 MiB quiz with 32 profiles from taking many seconds; a test
//! checks the two agree.

use crate::model::{Quiz, When};

/// Tolerance for comparing fits (they are sums of floating-point terms).
const EPS: f64 = 1e-9;

/// Per-dimension bounds of a complete answer sheet, computed once per quiz.
pub struct Reach<'q> {
    quiz: &'q Quiz,
    /// Sum over questions of the lowest contribution to each dimension.
    lo: Vec<f64>,
    /// Sum over questions of (highest − lowest) contribution.
    range: Vec<f64>,
}

impl<'q> Reach<'q> {
    pub fn new(quiz: &'q Quiz) -> Self {
        let nd = quiz.dimensions.len();
        let (mut lo, mut range) = (vec![0.0; nd], vec![0.0; nd]);
        for q in &quiz.questions {
            let Some(first) = q.choices.first() else {
                continue;
            };
            for (k, &(d, _)) in first.effects.iter().enumerate() {
                let vals = q
                    .choices
                    .iter()
                    .filter_map(|c| c.effects.get(k).map(|e| e.1));
                let min = vals.clone().fold(f64::INFINITY, f64::min);
                let max = vals.fold(f64::NEG_INFINITY, f64::max);
                if d < nd && min.is_finite() && max.is_finite() {
                    lo[d] += min;
                    range[d] += max - min;
                }
            }
        }
        Reach { quiz, lo, range }
    }

    /// Why an outcome can never be chosen, or `None` when it may be.
    pub fn unreachable(&self, when: &When) -> Option<String> {
        let quiz = self.quiz;
        let strong = quiz.rules.strong;
        let name = |p: usize| quiz.profiles[p].id.clone();
        match *when {
            When::Explore => None,
            When::Profile(p) => {
                let (best, at_best) = self.extreme(&[(p, 1.0)], true)?;
                if best < strong - EPS {
                    return Some(format!(
                        "profile `{}` can never be recommended: its best possible fit is {best:.1}, below `strong` ({strong})",
                        name(p)
                    ));
                }
                // Only a profile at least level with p on p's best sheet can
                // always match it; check those exactly.
                let beaten = (0..quiz.profiles.len()).find(|&o| {
                    o != p
                        && at_best[o].is_some_and(|f| f >= best - EPS)
                        && self
                            .extreme(&[(o, 1.0), (p, -1.0)], false)
                            .is_some_and(|(d, _)| d > EPS || (d > -EPS && o < p))
                });
                beaten.map(|o| {
                    format!(
                        "profile `{}` can never rank first: profile `{}` always scores at least as high (ties go to the profile listed first)",
                        name(p),
                        name(o)
                    )
                })
            }
            When::Hybrid(a, b) => {
                let (sum, _) = self.extreme(&[(a, 1.0), (b, 1.0)], true)?;
                (sum < 2.0 * strong - EPS).then(|| {
                    format!(
                        "hybrid of `{}` and `{}` can never be chosen: their fits add up to at most {sum:.1}, so they are never both at `strong` ({strong})",
                        name(a),
                        name(b)
                    )
                })
            }
        }
    }

    /// Every profile's fit for a complete sheet (one choice per question);
    /// `None` for a profile none of whose dimensions any question measures.
    pub fn fits(&self, sheet: &[usize]) -> Vec<Option<f64>> {
        let mut raw = vec![0.0; self.lo.len()];
        for (q, &c) in self.quiz.questions.iter().zip(sheet) {
            for &(d, v) in q.choices.get(c).map_or(&[][..], |c| &c.effects) {
                if let Some(r) = raw.get_mut(d) {
                    *r += v;
                }
            }
        }
        self.quiz
            .profiles
            .iter()
            .map(|p| {
                let (mut sum, mut total) = (0.0, 0.0);
                for &(d, w) in &p.weights {
                    if self.range[d] <= 1e-12 {
                        continue;
                    }
                    let score = 100.0 * (raw[d] - self.lo[d]) / self.range[d];
                    sum += w.abs() * if w < 0.0 { 100.0 - score } else { score };
                    total += w.abs();
                }
                (total > 0.0).then(|| sum / total)
            })
            .collect()
    }

    /// The largest (or smallest) value of `Σ c × fit_p` over complete answer
    /// sheets, with every profile's fit on that sheet; `None` when a profile
    /// involved can never be measured (a separate lint reports that).
    fn extreme(&self, combo: &[(usize, f64)], largest: bool) -> Option<(f64, Vec<Option<f64>>)> {
        // Coefficient of each dimension's raw points in Σ c × fit_p.
        let mut coef = vec![0.0; self.lo.len()];
        for &(p, c) in combo {
            let prof = self.quiz.profiles.get(p)?;
            let measured = || prof.weights.iter().filter(|&&(d, _)| self.range[d] > 1e-12);
            let total: f64 = measured().map(|(_, w)| w.abs()).sum();
            if total <= 0.0 {
                return None;
            }
            for &(d, w) in measured() {
                coef[d] += c * (w / total) * 100.0 / self.range[d];
            }
        }
        let sign = if largest { 1.0 } else { -1.0 };
        let sheet: Vec<usize> = self
            .quiz
            .questions
            .iter()
            .map(|q| {
                let term = |ch: &crate::model::Choice| -> f64 {
                    sign * ch.effects.iter().map(|&(d, v)| coef[d] * v).sum::<f64>()
                };
                q.choices
                    .iter()
                    .enumerate()
                    .max_by(|x, y| term(x.1).total_cmp(&term(y.1)))
                    .map_or(0, |(i, _)| i)
            })
            .collect();
        let fits = self.fits(&sheet);
        let value = combo
            .iter()
            .map(|&(p, c)| fits.get(p).copied().flatten().map(|f| c * f))
            .sum::<Option<f64>>()?;
        Some((value, fits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    fn unreachable(quiz: &Quiz, when: &When) -> Option<String> {
        Reach::new(quiz).unreachable(when)
    }

    fn quiz(profiles: &str, outcomes: &str) -> Quiz {
        let src = format!(
            r#"(id: "t", title: "T", version: "1", language: "en", description: "D", source: "S",
            scale: ["No", "Yes"],
            dimensions: [(id: "a", name: "A"), (id: "b", name: "B")],
            profiles: [{profiles}],
            outcomes: [{outcomes} (id: "e", when: Explore, title: "E", summary: "E")],
            questions: [
                Scenario(id: "q1", text: "Q1", options: [(label: "A", weights: {{"a": 1.0}}), (label: "B", weights: {{"b": 1.0}})]),
                ForcedChoice(id: "q2", text: "Q2", a: (label: "A", weights: {{"a": 1.0}}), b: (label: "B", weights: {{"b": 1.0}})),
            ])"#
        );
        load(src.as_bytes()).expect("test quiz loads")
    }

    #[test]
    fn opposed_profiles_have_no_hybrid_but_each_can_win() {
        let q = quiz(
            r#"(id: "x", name: "X", weights: {"a": 1.0}), (id: "y", name: "Y", weights: {"b": 1.0})"#,
            r#"(id: "ox", when: Profile("x"), title: "X", summary: "X"),
               (id: "oy", when: Profile("y"), title: "Y", summary: "Y"),
               (id: "h", when: Hybrid("x", "y"), title: "H", summary: "H"),"#,
        );
        assert_eq!(unreachable(&q, &q.outcomes[0].when), None);
        assert_eq!(unreachable(&q, &q.outcomes[1].when), None);
        let h = unreachable(&q, &q.outcomes[2].when).expect("hybrid unreachable");
        assert!(h.contains("at most 100.0"), "{h}");
    }

    #[test]
    fn balanced_profile_never_strong_and_copies_never_first() {
        let q = quiz(
            r#"(id: "x", name: "X", weights: {"a": 1.0, "b": 1.0}), (id: "y", name: "Y", weights: {"a": 2.0, "b": 2.0})"#,
            r#"(id: "ox", when: Profile("x"), title: "X", summary: "X"),
               (id: "oy", when: Profile("y"), title: "Y", summary: "Y"),"#,
        );
        let x = unreachable(&q, &q.outcomes[0].when).expect("x never strong");
        assert!(x.contains("best possible fit is 50.0"), "{x}");
        assert!(unreachable(&q, &q.outcomes[1].when).is_some());
    }

    #[test]
    fn a_later_copy_never_ranks_first() {
        let q = quiz(
            r#"(id: "x", name: "X", weights: {"a": 1.0}), (id: "y", name: "Y", weights: {"a": 3.0}),
               (id: "z", name: "Z", weights: {"b": 1.0})"#,
            r#"(id: "ox", when: Profile("x"), title: "X", summary: "X"),
               (id: "oy", when: Profile("y"), title: "Y", summary: "Y"),
               (id: "oz", when: Profile("z"), title: "Z", summary: "Z"),"#,
        );
        assert_eq!(unreachable(&q, &q.outcomes[0].when), None);
        let y = unreachable(&q, &q.outcomes[1].when).expect("y never first");
        assert!(y.contains("profile `x` always scores"), "{y}");
        assert_eq!(unreachable(&q, &q.outcomes[2].when), None);
    }

    #[test]
    fn direct_fits_match_the_engine() {
        for (_, _, src) in crate::bundled::BUNDLED {
            let q = load(src.as_bytes()).expect("bundled quiz loads");
            let r = Reach::new(&q);
            for seed in 0..20usize {
                let sheet: Vec<usize> = (0..q.questions.len())
                    .map(|i| (i * 7 + seed * 13 + i * i * seed) % q.questions[i].choices.len())
                    .collect();
                let a =
                    crate::scoring::assess(&q, &sheet.iter().map(|&c| Some(c)).collect::<Vec<_>>());
                for (mine, theirs) in r.fits(&sheet).iter().zip(&a.fits) {
                    let (m, t) = (mine.expect("measured"), theirs.fit.expect("measured"));
                    assert!((m - t).abs() < 1e-9, "{m} vs {t}");
                }
            }
        }
    }
}
