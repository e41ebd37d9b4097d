//! Can an outcome ever be chosen?
//!
//! The analysis covers **complete answer sheets** (every question
//! answered). For those, a dimension's range (`min`, `max`) is fixed, so each
//! profile's fit is a constant plus one term per question, and any sum or
//! difference of fits is too. Maximising such a quantity is then exact and
//! cheap: pick, question by question, the option with the largest term, and
//! score that sheet with the real engine ([`assess`]).
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

use crate::core::model::{Quiz, When};
use crate::core::scoring::assess;

/// Tolerance for comparing fits (they are sums of floating-point terms).
const EPS: f64 = 1e-9;

/// Why an outcome can never be chosen, or `None` when it may be.
pub fn unreachable(quiz: &Quiz, when: &When) -> Option<String> {
    let strong = quiz.rules.strong;
    let name = |p: usize| quiz.profiles[p].id.clone();
    match *when {
        When::Explore => None,
        When::Profile(p) => {
            let best = extreme(quiz, &[(p, 1.0)], true)?;
            if best < strong - EPS {
                return Some(format!(
                    "profile `{}` can never be recommended: its best possible fit is {best:.1}, below `strong` ({strong})",
                    name(p)
                ));
            }
            let beaten = (0..quiz.profiles.len()).filter(|&o| o != p).find(|&o| {
                // min over sheets of fit_o − fit_p: ≥ 0 means o always matches p.
                extreme(quiz, &[(o, 1.0), (p, -1.0)], false)
                    .is_some_and(|d| d > EPS || (d > -EPS && o < p))
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
            let sum = extreme(quiz, &[(a, 1.0), (b, 1.0)], true)?;
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

/// The largest (or smallest) value of `Σ c × fit_p` over complete answer
/// sheets; `None` when a profile involved can never be measured (a separate
/// lint reports that).
fn extreme(quiz: &Quiz, combo: &[(usize, f64)], largest: bool) -> Option<f64> {
    let nd = quiz.dimensions.len();
    // Per-dimension range with every question answered.
    let mut range = vec![0.0; nd];
    for q in &quiz.questions {
        for k in 0..q.choices.first().map_or(0, |c| c.effects.len()) {
            let vals = q.choices.iter().map(|c| c.effects[k].1);
            let lo = vals.clone().fold(f64::INFINITY, f64::min);
            let hi = vals.fold(f64::NEG_INFINITY, f64::max);
            if let Some(&(d, _)) = q.choices[0].effects.get(k) {
                range[d] += hi - lo;
            }
        }
    }
    // Coefficient of each dimension's raw points in Σ c × fit_p.
    let mut coef = vec![0.0; nd];
    for &(p, c) in combo {
        let prof = quiz.profiles.get(p)?;
        let measured: Vec<(usize, f64)> = prof
            .weights
            .iter()
            .copied()
            .filter(|&(d, _)| range[d] > 1e-12)
            .collect();
        let total: f64 = measured.iter().map(|(_, w)| w.abs()).sum();
        if total <= 0.0 {
            return None;
        }
        for (d, w) in measured {
            coef[d] += c * (w / total) * 100.0 / range[d];
        }
    }
    let sheet: Vec<Option<usize>> = quiz
        .questions
        .iter()
        .map(|q| {
            let term = |ch: &crate::core::model::Choice| -> f64 {
                ch.effects.iter().map(|&(d, v)| coef[d] * v).sum()
            };
            let best = q.choices.iter().enumerate().max_by(|x, y| {
                let (tx, ty) = (term(x.1), term(y.1));
                if largest {
                    tx.total_cmp(&ty)
                } else {
                    ty.total_cmp(&tx)
                }
            });
            best.map(|(i, _)| i)
        })
        .collect();
    let a = assess(quiz, &sheet);
    combo
        .iter()
        .map(|&(p, c)| a.fits.get(p).and_then(|f| f.fit).map(|f| c * f))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::load;

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
}
