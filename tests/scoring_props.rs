//! Properties of the pure scoring core (`careerfit::core`), checked on the
//! bundled quiz and on random quizzes that a proptest strategy writes as RON
//! text and loads like any quiz file.
//!
//! Fit numbers are never hard-coded: the bundled quiz's rules may be tuned
//! (its `strong` threshold may move from 60 to 55), so the tests assert on
//! outcomes and properties, and check the answer sheets below under both
//! thresholds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use careerfit::core::answers::{SpecError, parse_spec, to_spec};
use careerfit::core::code::{self, CodeError};
use careerfit::core::load::load;
use careerfit::core::model::{Kind, Quiz};
use careerfit::core::report;
use careerfit::core::scoring::{self, Answers, assess, confidence_level, phi};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::sync::LazyLock;

// ------------------------------------------------------------------ the bundled quiz

/// The scoring properties are pinned to version 1 of the default quiz,
/// whose answer sheets below were found for it; version 2 has its own
/// tests in tests/quiz_v2.rs.
fn bundled_src() -> &'static str {
    careerfit::bundled::find("pm-vs-pd-v1")
        .map(|(_, s)| s)
        .unwrap()
}

/// The bundled quiz, and the same quiz with each `strong` threshold the
/// rules might be tuned to (whatever the file says today).
static QUIZZES: LazyLock<Vec<Quiz>> = LazyLock::new(|| {
    let mut out = vec![load(bundled_src().as_bytes()).expect("bundled quiz loads")];
    for strong in [55.0, 60.0] {
        let mut q = out[0].clone();
        q.rules.strong = strong;
        out.push(q);
    }
    out
});

fn quiz() -> &'static Quiz {
    &QUIZZES[0]
}

/// Answer sheets for the bundled quiz, found with the binary (and a small
/// hill-climbing search for the hybrid), with the outcome each must give.
const PM_SPEC: &str = "5,1,1,1,1,5,5,1,5,1,1,1,2,1,1,1,3,5,3,1,1,1,3,3,1,1,2,5,1,1";
const PD_SPEC: &str = "1,5,3,5,2,1,1,2,1,2,5,5,1,5,2,5,2,1,3,2,2,5,3,1,2,5,1,1,2,2";
const HYBRID_SPEC: &str = "5,5,1,1,2,1,5,2,1,2,1,5,5,1,2,5,2,5,1,2,5,1,5,4,1,1,2,1,1,1";
/// Varied answers (not flagged) where no profile is strong.
const EXPLORE_SPEC: &str = "5,3,2,2,1,5,3,5,2,1,3,1,5,5,2,2,2,2,1,1,1,1,5,1,2,1,1,2,2,5";

fn outcome_of(q: &Quiz, answers: &[Option<usize>]) -> report::RecommendationOut {
    report::build(q, answers, None).recommendation
}

/// Answers for the bundled quiz: mostly answered, sometimes skipped.
fn bundled_answers() -> impl Strategy<Value = Answers> {
    let lens: Vec<usize> = quiz().questions.iter().map(|q| q.choices.len()).collect();
    prop::collection::vec(prop::option::weighted(0.9, any::<Index>()), lens.len()).prop_map(
        move |v| {
            v.iter()
                .zip(&lens)
                .map(|(a, &n)| a.as_ref().map(|i| i.index(n)))
                .collect()
        },
    )
}

#[test]
fn bundled_quiz_shape() {
    let q = quiz();
    assert_eq!(q.questions.len(), 30);
    assert_eq!(q.scale.len(), 5);
    assert_eq!(
        q.profiles.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["pm", "pd"]
    );
}

#[test]
fn specs_reach_every_outcome_under_both_thresholds() {
    let cases = [
        (PM_SPEC, "pm", vec!["pm"]),
        (PD_SPEC, "pd", vec!["pd"]),
        (HYBRID_SPEC, "tpm", vec!["pm", "pd"]),
    ];
    for q in QUIZZES.iter() {
        for (spec, outcome, profiles) in &cases {
            let answers = parse_spec(q, spec).unwrap();
            let rec = outcome_of(q, &answers);
            assert_eq!(rec.outcome, *outcome, "strong {}: {spec}", q.rules.strong);
            let mut got = rec.profiles.clone();
            got.sort();
            let mut want: Vec<String> = profiles
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
            want.sort();
            assert_eq!(got, want, "strong {}: {spec}", q.rules.strong);
        }
        let a = assess(q, &parse_spec(q, EXPLORE_SPEC).unwrap());
        assert!(
            a.flags.is_empty(),
            "the explore sheet is not flagged: {:?}",
            a.flags
        );
        let rec = outcome_of(q, &a.answers);
        assert_eq!(rec.outcome, "explore", "strong {}", q.rules.strong);
        assert_eq!(rec.basis, "nothing-strong");
        assert!(rec.profiles.is_empty());
    }
}

#[test]
fn pm_and_pd_sheets_are_clear_and_opposite() {
    for q in QUIZZES.iter() {
        for (spec, top) in [(PM_SPEC, "pm"), (PD_SPEC, "pd")] {
            let r = report::build(q, &parse_spec(q, spec).unwrap(), None);
            assert_eq!(r.profiles[0].id, top);
            assert_eq!(r.recommendation.basis, "stands-out", "{spec}");
            assert_eq!(r.recommendation.confidence_level, "high", "{spec}");
            assert!(r.explanation.flags.is_empty());
            assert!(!r.explanation.reasons.is_empty());
        }
    }
}

/// A deterministic hill climb that finds a hybrid sheet from scratch, so
/// reachability does not rest on one hard-coded sheet alone.
#[test]
fn hybrid_is_reachable_by_search() {
    let q = quiz();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let min_fit = |a: &[Option<usize>]| {
        let s = assess(q, a);
        if !s.flags.is_empty() {
            return f64::NEG_INFINITY;
        }
        s.fits
            .iter()
            .map(|f| f.fit.unwrap_or(0.0))
            .fold(f64::INFINITY, f64::min)
    };
    for _ in 0..10 {
        let mut a: Answers = q
            .questions
            .iter()
            .map(|x| Some(rnd(x.choices.len())))
            .collect();
        let mut best = min_fit(&a);
        for _ in 0..3000 {
            let i = rnd(a.len());
            let old = a[i];
            a[i] = Some(rnd(q.questions[i].choices.len()));
            let v = min_fit(&a);
            if v >= best {
                best = v;
            } else {
                a[i] = old;
            }
        }
        if outcome_of(q, &a).outcome == "tpm" {
            return;
        }
    }
    panic!("no hybrid sheet found by search");
}

/// Every answer the middle option: 3 of 5 on agreement items, the middle (or
/// lower middle) option elsewhere.
#[test]
fn all_middle_never_gives_a_confident_single_recommendation() {
    for q in QUIZZES.iter() {
        let answers: Answers = q
            .questions
            .iter()
            .map(|x| Some((x.choices.len() - 1) / 2))
            .collect();
        assert!(
            to_spec(&answers).starts_with("3,3,3,3,1,3"),
            "{}",
            to_spec(&answers)
        );
        let rec = outcome_of(q, &answers);
        assert!(
            !(rec.profiles.len() == 1 && rec.confidence_level == "high"),
            "strong {}: {rec:?}",
            q.rules.strong
        );
        // Every answer 3 where 3 exists, the nearest option otherwise.
        let threes: Answers = q
            .questions
            .iter()
            .map(|x| Some(2.min(x.choices.len() - 1)))
            .collect();
        let rec = outcome_of(q, &threes);
        assert!(
            !(rec.profiles.len() == 1 && rec.confidence_level == "high"),
            "{rec:?}"
        );
    }
}

fn agreement_answered(q: &Quiz, choice: usize, others: &[Option<usize>]) -> Answers {
    q.questions
        .iter()
        .zip(others)
        .map(|(x, o)| {
            if x.kind == Kind::Agreement {
                Some(choice)
            } else {
                *o
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// "Strongly agree" to every statement, anything on the other questions.
    #[test]
    fn all_agree_never_gives_a_confident_single_recommendation(others in bundled_answers()) {
        for q in QUIZZES.iter() {
            let answers = agreement_answered(q, 4, &others);
            let rec = outcome_of(q, &answers);
            prop_assert!(
                !(rec.profiles.len() == 1 && rec.confidence_level == "high"),
                "strong {}: {} → {rec:?}", q.rules.strong, to_spec(&answers)
            );
        }
    }

    /// "Neither" to every statement, anything on the other questions.
    #[test]
    fn all_neutral_never_gives_a_confident_single_recommendation(others in bundled_answers()) {
        for q in QUIZZES.iter() {
            let answers = agreement_answered(q, 2, &others);
            let rec = outcome_of(q, &answers);
            prop_assert!(!(rec.profiles.len() == 1 && rec.confidence_level == "high"), "{rec:?}");
        }
    }

    #[test]
    fn bundled_scores_are_in_range_and_deterministic(answers in bundled_answers()) {
        for q in QUIZZES.iter() {
            check_ranges(q, &answers)?;
            check_deterministic(q, &answers)?;
        }
    }

    #[test]
    fn bundled_agreement_steps_are_monotone(answers in bundled_answers(), pick in any::<Index>(), step in 0usize..4) {
        check_monotone(quiz(), &answers, &pick, step)?;
    }

    #[test]
    fn bundled_share_codes_round_trip(answers in bundled_answers()) {
        let q = quiz();
        let code = code::encode(q, &answers);
        prop_assert!(code.len() <= 32, "{code} is {} characters", code.len());
        prop_assert_eq!(code.len(), code::encode(q, &vec![None; 30]).len(), "every code has the same length");
        prop_assert_eq!(code::decode(q, &code, &[]), Ok(answers.clone()));
        // People retype codes sloppily.
        prop_assert_eq!(code::decode(q, &code.to_lowercase().replace('-', " "), &[]), Ok(answers.clone()));
        // And the SPEC form round-trips too.
        prop_assert_eq!(parse_spec(q, &to_spec(&answers)), Ok(answers));
    }

    #[test]
    fn decoding_any_string_never_panics(s in "\\PC{0,80}", t in "[0-9A-Za-z -]{0,40}") {
        let q = quiz();
        for input in [&s, &t] {
            if let Ok(a) = code::decode(q, input, &careerfit::bundled::fingerprints()) {
                prop_assert_eq!(a.len(), q.questions.len());
                for (x, c) in q.questions.iter().zip(&a) {
                    prop_assert!(c.is_none_or(|c| c < x.choices.len()));
                }
            }
        }
    }

    #[test]
    fn mangled_codes_never_panic(answers in bundled_answers(), at in any::<Index>(), c in "[0-9A-Z]", cut in any::<Index>()) {
        let q = quiz();
        let code = code::encode(q, &answers);
        let i = at.index(code.len());
        let replaced = format!("{}{c}{}", &code[..i], &code[i + 1..]);
        let variants = [replaced, code[..cut.index(code.len())].to_string(), format!("{code}{c}"), format!("{c}{code}")];
        for v in variants {
            if let Ok(a) = code::decode(q, &v, &[]) {
                prop_assert_eq!(a.len(), q.questions.len());
                for (x, c) in q.questions.iter().zip(&a) {
                    prop_assert!(c.is_none_or(|c| c < x.choices.len()));
                }
            }
        }
    }
}

// ------------------------------------------------------------------ shared checks

fn check_ranges(q: &Quiz, answers: &[Option<usize>]) -> Result<(), TestCaseError> {
    let a = assess(q, answers);
    for (d, s) in q.dimensions.iter().zip(&a.dimensions) {
        if let Some(v) = s.score {
            prop_assert!((0.0..=100.0).contains(&v), "dimension {} score {v}", d.id);
        }
        prop_assert!(
            s.min <= s.raw && s.raw <= s.max,
            "dimension {}: {s:?}",
            d.id
        );
    }
    for f in &a.fits {
        // The unrounded fit is a weighted mean whose weights sum to 1 only up
        // to rounding, so it can come out as 100.00000000000001 (see the
        // regression file); the report's rounded fits below must be exact.
        if let Some(v) = f.fit {
            prop_assert!(
                (-1e-9..=100.0 + 1e-9).contains(&v),
                "profile {} fit {v}",
                q.profiles[f.profile].id
            );
        }
        prop_assert!(f.se.is_finite() && f.se > 0.0, "se {}", f.se);
    }
    prop_assert!(a.recommendation.confidence.is_none_or(|c| c <= 100));
    let r = report::from_assessment(q, &a, None);
    for d in &r.dimensions {
        prop_assert!(d.score.is_none_or(|v| (0.0..=100.0).contains(&v)), "{d:?}");
    }
    for p in &r.profiles {
        prop_assert!(p.fit.is_none_or(|v| (0.0..=100.0).contains(&v)), "{p:?}");
    }
    prop_assert_eq!(
        r.recommendation.confidence_level.as_str(),
        confidence_level(r.recommendation.confidence)
    );
    Ok(())
}

fn check_deterministic(q: &Quiz, answers: &[Option<usize>]) -> Result<(), TestCaseError> {
    prop_assert_eq!(assess(q, answers), assess(q, answers));
    let one = report::build(q, answers, Some("Ada")).to_json();
    let two = report::build(q, answers, Some("Ada")).to_json();
    prop_assert_eq!(&one, &two);
    // The JSON reads back into the same report.
    let back: report::Report = serde_json::from_str(&one).unwrap();
    prop_assert_eq!(back.to_json(), one);
    Ok(())
}

/// Moves one agreement answer from `step` to `step + 1` (both answered, all
/// else equal): every forward-keyed dimension of that item must rise, every
/// reverse-keyed one must fall, and no other dimension may move.
fn check_monotone(
    q: &Quiz,
    answers: &[Option<usize>],
    pick: &Index,
    step: usize,
) -> Result<(), TestCaseError> {
    let agreement: Vec<usize> = (0..q.questions.len())
        .filter(|&i| q.questions[i].kind == Kind::Agreement)
        .collect();
    if agreement.is_empty() {
        return Ok(());
    }
    let qi = agreement[pick.index(agreement.len())];
    let item = &q.questions[qi];
    let step = step % (item.choices.len() - 1);
    let mut lower = answers.to_vec();
    lower.resize(q.questions.len(), None);
    lower[qi] = Some(step);
    let mut higher = lower.clone();
    higher[qi] = Some(step + 1);
    let (lo, hi) = (assess(q, &lower), assess(q, &higher));
    for d in 0..q.dimensions.len() {
        let (before, after) = (lo.dimensions[d].score, hi.dimensions[d].score);
        let id = &q.dimensions[d].id;
        if !item.measures.contains(&d) {
            prop_assert_eq!(
                before,
                after,
                "dimension {} is not measured by {}",
                id,
                item.id
            );
            continue;
        }
        let (before, after) = (before.unwrap(), after.unwrap());
        if item.reverse.contains(&d) {
            prop_assert!(
                after <= before,
                "reverse item {} raised {id}: {before} → {after}",
                item.id
            );
            prop_assert!(
                after < before,
                "reverse item {} left {id} unchanged",
                item.id
            );
        } else {
            prop_assert!(
                after >= before,
                "forward item {} lowered {id}: {before} → {after}",
                item.id
            );
            prop_assert!(
                after > before,
                "forward item {} left {id} unchanged",
                item.id
            );
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ generated quizzes

static OPTION_W: [f64; 8] = [-2.0, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0, 3.0];
static KEY_W: [f64; 4] = [0.5, 1.0, 2.0, 3.0];
static PROFILE_W: [f64; 5] = [-1.0, 0.5, 1.0, 1.5, 2.0];
static IMPORTANCE: [f64; 4] = [0.5, 1.0, 1.5, 2.0];

#[derive(Debug, Clone)]
enum GenQ {
    /// `(dimension, weight, reverse)`, distinct dimensions, positive weights.
    Agreement {
        weight: f64,
        keys: Vec<(usize, f64, bool)>,
    },
    Scenario {
        weight: f64,
        options: Vec<BTreeMap<usize, f64>>,
    },
    ForcedChoice {
        weight: f64,
        a: BTreeMap<usize, f64>,
        b: BTreeMap<usize, f64>,
    },
}

#[derive(Debug, Clone)]
struct GenQuiz {
    dims: usize,
    scale: usize,
    profiles: Vec<BTreeMap<usize, f64>>,
    hybrids: BTreeSet<(usize, usize)>,
    questions: Vec<GenQ>,
    strong: f64,
    z: f64,
    min_answered: f64,
}

fn weight_map(dims: usize) -> impl Strategy<Value = BTreeMap<usize, f64>> {
    prop::collection::btree_map(0..dims, select(&OPTION_W[..]), 0..=dims.min(3))
}

fn gen_question(dims: usize) -> impl Strategy<Value = GenQ> {
    let agreement = (
        select(&IMPORTANCE[..]),
        prop::collection::btree_map(
            0..dims,
            (select(&KEY_W[..]), any::<bool>()),
            1..=dims.min(3),
        ),
    )
        .prop_map(|(weight, keys)| GenQ::Agreement {
            weight,
            keys: keys.into_iter().map(|(d, (w, r))| (d, w, r)).collect(),
        });
    // The first option always moves dimension `d` away from the second, so
    // every question measures something.
    let scenario = (
        select(&IMPORTANCE[..]),
        0..dims,
        select(&OPTION_W[..]),
        prop::collection::vec(weight_map(dims), 2..=9),
    )
        .prop_map(|(weight, d, w, mut options)| {
            options[0].insert(d, w);
            options[1].remove(&d);
            GenQ::Scenario { weight, options }
        });
    let forced = (
        select(&IMPORTANCE[..]),
        0..dims,
        select(&OPTION_W[..]),
        weight_map(dims),
        weight_map(dims),
    )
        .prop_map(|(weight, d, w, mut a, mut b)| {
            a.insert(d, w);
            b.remove(&d);
            GenQ::ForcedChoice { weight, a, b }
        });
    prop_oneof![agreement, scenario, forced]
}

fn gen_quiz() -> impl Strategy<Value = GenQuiz> {
    (1usize..=5, 2usize..=7, 1usize..=4)
        .prop_flat_map(|(dims, scale, profiles)| {
            (
                Just(dims),
                Just(scale),
                prop::collection::vec(
                    prop::collection::btree_map(0..dims, select(&PROFILE_W[..]), 1..=dims),
                    profiles,
                ),
                prop::collection::btree_set((0..profiles, 0..profiles), 0..=3),
                prop::collection::vec(gen_question(dims), 1..=12),
                (40u32..=75, 0u32..=20, 0u32..=10),
            )
        })
        .prop_map(
            |(dims, scale, profiles, pairs, questions, (strong, z, min))| GenQuiz {
                dims,
                scale,
                profiles,
                hybrids: pairs.into_iter().filter(|(a, b)| a < b).collect(),
                questions,
                strong: f64::from(strong),
                z: f64::from(z) / 10.0,
                min_answered: f64::from(min) / 10.0,
            },
        )
}

fn ron_map(m: &BTreeMap<usize, f64>) -> String {
    let entries: Vec<String> = m.iter().map(|(d, w)| format!("\"d{d}\": {w:?}")).collect();
    format!("{{ {} }}", entries.join(", "))
}

impl GenQuiz {
    fn to_ron(&self) -> String {
        let mut s = String::new();
        let scale: Vec<String> = (1..=self.scale).map(|i| format!("\"point {i}\"")).collect();
        let _ = writeln!(
            s,
            "(\n  id: \"gen\", title: \"Generated\", version: \"1\", language: \"en\",\n  \
             description: \"A generated quiz.\", source: \"proptest\",\n  scale: [{}],\n  \
             rules: (strong: {:?}, z: {:?}, min_answered: {:?}),",
            scale.join(", "),
            self.strong,
            self.z,
            self.min_answered
        );
        s.push_str("  dimensions: [\n");
        for d in 0..self.dims {
            let _ = writeln!(s, "    (id: \"d{d}\", name: \"Dimension {d}\"),");
        }
        s.push_str("  ],\n  profiles: [\n");
        for (p, w) in self.profiles.iter().enumerate() {
            let _ = writeln!(
                s,
                "    (id: \"p{p}\", name: \"Profile {p}\", weights: {}),",
                ron_map(w)
            );
        }
        s.push_str("  ],\n  outcomes: [\n");
        for p in 0..self.profiles.len() {
            let _ = writeln!(
                s,
                "    (id: \"o{p}\", when: Profile(\"p{p}\"), title: \"P{p}\", summary: \"Profile {p}.\"),"
            );
        }
        for (a, b) in &self.hybrids {
            let _ = writeln!(
                s,
                "    (id: \"h{a}-{b}\", when: Hybrid(\"p{a}\", \"p{b}\"), title: \"H\", summary: \"Both.\"),"
            );
        }
        s.push_str("    (id: \"explore\", when: Explore, title: \"Explore\", summary: \"Explore.\"),\n  ],\n  questions: [\n");
        for (i, q) in self.questions.iter().enumerate() {
            match q {
                GenQ::Agreement { weight, keys } => {
                    let keys: Vec<String> = keys
                        .iter()
                        .map(|(d, w, r)| {
                            format!("(dimension: \"d{d}\", weight: {w:?}, reverse: {r})")
                        })
                        .collect();
                    let _ = writeln!(
                        s,
                        "    Agreement(id: \"q{i}\", text: \"Statement {i}\", weight: {weight:?}, keys: [{}]),",
                        keys.join(", ")
                    );
                }
                GenQ::Scenario { weight, options } => {
                    let opts: Vec<String> = options
                        .iter()
                        .enumerate()
                        .map(|(k, m)| format!("(label: \"Option {k}\", weights: {})", ron_map(m)))
                        .collect();
                    let _ = writeln!(
                        s,
                        "    Scenario(id: \"q{i}\", text: \"Scenario {i}\", weight: {weight:?}, options: [{}]),",
                        opts.join(", ")
                    );
                }
                GenQ::ForcedChoice { weight, a, b } => {
                    let _ = writeln!(
                        s,
                        "    ForcedChoice(id: \"q{i}\", text: \"Choice {i}\", weight: {weight:?}, \
                         a: (label: \"A\", weights: {}), b: (label: \"B\", weights: {})),",
                        ron_map(a),
                        ron_map(b)
                    );
                }
            }
        }
        s.push_str("  ],\n)\n");
        s
    }

    fn load(&self) -> Result<Quiz, TestCaseError> {
        let src = self.to_ron();
        load(src.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{}\n{src}", e.render("generated.ron"))))
    }
}

/// Answers for any quiz of up to 16 questions (extra entries are dropped).
fn any_answers() -> impl Strategy<Value = Vec<Option<Index>>> {
    prop::collection::vec(prop::option::weighted(0.85, any::<Index>()), 16)
}

fn fit(q: &Quiz, raw: &[Option<Index>]) -> Answers {
    q.questions
        .iter()
        .zip(raw)
        .map(|(x, a)| a.as_ref().map(|i| i.index(x.choices.len())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_quizzes_load(g in gen_quiz()) {
        let q = g.load()?;
        prop_assert_eq!(q.questions.len(), g.questions.len());
        prop_assert_eq!(q.dimensions.len(), g.dims);
        for (x, gq) in q.questions.iter().zip(&g.questions) {
            let (kind, n) = match gq {
                GenQ::Agreement { .. } => (Kind::Agreement, g.scale),
                GenQ::Scenario { options, .. } => (Kind::Scenario, options.len()),
                GenQ::ForcedChoice { .. } => (Kind::ForcedChoice, 2),
            };
            prop_assert_eq!(x.kind, kind);
            prop_assert_eq!(x.choices.len(), n);
            prop_assert!(!x.measures.is_empty());
        }
    }

    #[test]
    fn generated_scores_are_in_range_and_deterministic(g in gen_quiz(), raw in any_answers()) {
        let q = g.load()?;
        let answers = fit(&q, &raw);
        check_ranges(&q, &answers)?;
        check_deterministic(&q, &answers)?;
    }

    #[test]
    fn generated_agreement_steps_are_monotone(g in gen_quiz(), raw in any_answers(), pick in any::<Index>(), step in 0usize..8) {
        let q = g.load()?;
        check_monotone(&q, &fit(&q, &raw), &pick, step)?;
    }

    /// Flipping every key of one agreement item between forward and reverse,
    /// and answering it `n + 1 - k` instead of `k`, gives exactly the same
    /// dimension scores and fits.
    #[test]
    fn reverse_keying_is_exact(g in gen_quiz(), raw in any_answers(), pick in any::<Index>(), k in any::<Index>()) {
        let agreement: Vec<usize> = (0..g.questions.len())
            .filter(|&i| matches!(g.questions[i], GenQ::Agreement { .. }))
            .collect();
        prop_assume!(!agreement.is_empty());
        let qi = agreement[pick.index(agreement.len())];
        let mut flipped = g.clone();
        if let GenQ::Agreement { keys, .. } = &mut flipped.questions[qi] {
            for key in keys.iter_mut() {
                key.2 = !key.2;
            }
        }
        let (q, qf) = (g.load()?, flipped.load()?);
        let n = g.scale;
        let k = k.index(n); // 0-based: option k + 1
        let mut answers = fit(&q, &raw);
        answers[qi] = Some(k);
        let mut mirrored = answers.clone();
        mirrored[qi] = Some(n - 1 - k); // option n + 1 - (k + 1)
        let (a, b) = (assess(&q, &answers), assess(&qf, &mirrored));
        prop_assert_eq!(&a.dimensions, &b.dimensions);
        prop_assert_eq!(&a.fits, &b.fits);
        prop_assert_eq!(&a.ranking, &b.ranking);
        // The item's own choices mirror each other.
        for (c, cf) in q.questions[qi].choices.iter().zip(qf.questions[qi].choices.iter().rev()) {
            prop_assert_eq!(&c.effects, &cf.effects);
        }
    }

    #[test]
    fn generated_share_codes_round_trip(g in gen_quiz(), raw in any_answers()) {
        let q = g.load()?;
        // Known bug, see `codes_of_a_tiny_quiz_round_trip` below.
        prop_assume!(!is_tiny(&q));
        let answers = fit(&q, &raw);
        let code = code::encode(&q, &answers);
        prop_assert!(code.chars().all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()), "{}", code);
        prop_assert_eq!(code::decode(&q, &code, &[]), Ok(answers.clone()));
        // A code of the bundled quiz is recognised as another quiz's.
        let other = code::encode(quiz(), &[None; 30]);
        let named = code::decode(&q, &other, &careerfit::bundled::fingerprints());
        prop_assert!(matches!(named, Err(CodeError::OtherQuiz(ref n)) if n.contains("pm-vs-pd")), "{:?}", named);
    }

    #[test]
    fn generated_decode_never_panics(g in gen_quiz(), s in "[0-9A-Za-z_. -]{0,60}") {
        let q = g.load()?;
        if let Ok(a) = code::decode(&q, &s, &[]) {
            prop_assert_eq!(a.len(), q.questions.len());
        }
    }

    #[test]
    fn spec_round_trip(g in gen_quiz(), raw in any_answers()) {
        let q = g.load()?;
        let answers = fit(&q, &raw);
        prop_assert_eq!(parse_spec(&q, &to_spec(&answers)), Ok(answers));
    }
}

// ------------------------------------------------------------------ unit tests of the API

/// At most four possible answer sheets: the answers fit in two bits or fewer.
fn is_tiny(q: &Quiz) -> bool {
    q.questions
        .iter()
        .map(|x| x.choices.len() + 1)
        .product::<usize>()
        <= 4
}

/// A quiz whose answers fit in at most two bits (one question with two or
/// three options) gets 40-bit codes, but `code::decode` rejects every code
/// shorter than `HEADER_BITS + 5` = 43 bits as a checksum error, so none of
/// its codes can be shown again.
#[test]
fn codes_of_a_tiny_quiz_round_trip() {
    let q = load(TINY_QUIZ.as_bytes()).unwrap();
    assert!(is_tiny(&q));
    for answers in [vec![None], vec![Some(0)], vec![Some(1)]] {
        let c = code::encode(&q, &answers);
        assert_eq!(code::decode(&q, &c, &[]), Ok(answers), "code {c}");
    }
}

/// One forced-choice question: three possible sheets (skipped, a, b).
const TINY_QUIZ: &str = r#"(
    id: "tiny", title: "Tiny", version: "1", language: "en", description: "One question.", source: "test",
    scale: ["No", "Yes"],
    dimensions: [(id: "alpha", name: "Alpha")],
    profiles: [(id: "a", name: "A", weights: { "alpha": 1.0 })],
    outcomes: [
        (id: "a", when: Profile("a"), title: "A", summary: "A."),
        (id: "explore", when: Explore, title: "Explore", summary: "Explore."),
    ],
    questions: [
        ForcedChoice(id: "q", text: "Alpha?", a: (label: "Yes", weights: { "alpha": 1.0 }), b: (label: "No")),
    ],
)"#;

#[test]
fn reverse_keyed_item_on_the_bundled_quiz() {
    // `avoid_pitching` (question 4) is reverse keyed on leadership only.
    let q = quiz();
    let item = &q.questions[3];
    assert_eq!(item.id, "avoid_pitching");
    assert_eq!(item.reverse.len(), 1);
    let effects: Vec<f64> = item.choices.iter().map(|c| c.effects[0].1).collect();
    assert_eq!(
        effects,
        [5.0, 4.0, 3.0, 2.0, 1.0],
        "Strongly disagree counts most"
    );
    let forward = &q.questions[0];
    assert!(forward.reverse.is_empty());
    assert_eq!(forward.choices[4].effects[0].1, 5.0);
}

#[test]
fn assess_tolerates_short_long_and_out_of_range_sheets() {
    let q = quiz();
    let skipped = assess(q, &[]);
    assert_eq!(skipped.answered, 0);
    assert_eq!(skipped.answers, vec![None; 30]);
    let mut long = parse_spec(q, PM_SPEC).unwrap();
    let normal = assess(q, &long);
    long.extend([Some(0), Some(99)]);
    assert_eq!(assess(q, &long), normal);
    let mut bad = parse_spec(q, PM_SPEC).unwrap();
    bad[4] = Some(2); // `final_say` has two options
    let mut skip = bad.clone();
    skip[4] = None;
    assert_eq!(assess(q, &bad), assess(q, &skip));
    assert_eq!(code::encode(q, &bad), code::encode(q, &skip));
}

#[test]
fn parse_spec_errors() {
    let q = quiz();
    assert_eq!(
        parse_spec(q, "1,2"),
        Err(SpecError::Count {
            expected: 30,
            found: 2
        })
    );
    assert_eq!(
        parse_spec(q, "  "),
        Err(SpecError::Count {
            expected: 30,
            found: 0
        })
    );
    let spec = PM_SPEC.replacen('5', "x", 1);
    assert_eq!(
        parse_spec(q, &spec),
        Err(SpecError::NotANumber {
            index: 1,
            token: "x".into()
        })
    );
    let spec = format!("6{}", &PM_SPEC[1..]);
    assert_eq!(
        parse_spec(q, &spec),
        Err(SpecError::OutOfRange {
            index: 1,
            value: 6,
            question: "spot_the_gap".into(),
            options: 5
        })
    );
    let huge = "1,".repeat(40_000);
    assert_eq!(parse_spec(q, &huge), Err(SpecError::TooLong));
    assert_eq!(parse_spec(q, &vec!["-"; 30].join(",")), Ok(vec![None; 30]));
    assert_eq!(
        parse_spec(q, &vec![" - "; 30].join(",")),
        Ok(vec![None; 30])
    );
}

#[test]
fn decode_errors() {
    let q = quiz();
    assert_eq!(code::decode(q, "", &[]), Err(CodeError::Empty));
    assert_eq!(code::decode(q, " - . _ ", &[]), Err(CodeError::Empty));
    assert_eq!(code::decode(q, "AB*", &[]), Err(CodeError::BadChar('*')));
    assert_eq!(
        code::decode(q, &"0".repeat(code::MAX_CODE + 1), &[]),
        Err(CodeError::TooLong)
    );
    assert_eq!(code::decode(q, "0000", &[]), Err(CodeError::Checksum));
    let good = code::encode(q, &parse_spec(q, PD_SPEC).unwrap());
    let truncated = &good[..good.len() - 1];
    assert_eq!(code::decode(q, truncated, &[]), Err(CodeError::Checksum));
    // Another quiz's code: anonymous, or named when the caller knows it.
    let mini = load(&std::fs::read("tests/data/minimal.ron").unwrap()).unwrap();
    let mini_code = code::encode(&mini, &[Some(0), None, Some(1), Some(2)]);
    assert_eq!(
        code::decode(&mini, &mini_code, &[]),
        Ok(vec![Some(0), None, Some(1), Some(2)])
    );
    assert!(
        matches!(code::decode(q, &mini_code, &[]), Err(CodeError::OtherQuiz(ref s)) if s.contains("another quiz"))
    );
    let others = vec![(mini.fingerprint.clone(), "Mini".to_string())];
    assert_eq!(
        code::decode(q, &mini_code, &others),
        Err(CodeError::OtherQuiz("the quiz Mini".into()))
    );
}

#[test]
fn phi_and_confidence_words() {
    assert!((phi(0.0) - 0.5).abs() < 1e-7);
    assert!((phi(1.0) - 0.841_344_7).abs() < 1e-6);
    assert!((phi(-1.96) - 0.025).abs() < 1e-3);
    let mut last = 0.0;
    for i in -600..=600 {
        let x = f64::from(i) / 100.0;
        let p = phi(x);
        assert!((0.0..=1.0).contains(&p));
        assert!(p >= last, "phi is monotone at {x}");
        assert!((p + phi(-x) - 1.0).abs() < 1e-7, "phi is symmetric at {x}");
        last = p;
    }
    assert_eq!(confidence_level(Some(100)), "high");
    assert_eq!(confidence_level(Some(80)), "high");
    assert_eq!(confidence_level(Some(79)), "moderate");
    assert_eq!(confidence_level(Some(60)), "moderate");
    assert_eq!(confidence_level(Some(59)), "low");
    assert_eq!(confidence_level(Some(0)), "low");
}

#[test]
fn all_skipped_is_flagged_too_few() {
    let a = assess(quiz(), &[None; 30]);
    assert_eq!(a.flags, [scoring::Flag::TooFewAnswers]);
    assert!(a.fits.iter().all(|f| f.fit.is_none()));
    assert_eq!(
        a.recommendation.confidence, None,
        "a flagged sheet has no call to be sure of"
    );
    assert!(a.recommendation.profiles.is_empty());
}
