//! Unit tests of `core::scoring`, kept apart so the module reads in one sitting.

use super::*;
use crate::recommend::pct;

fn bundled() -> Quiz {
    crate::bundled::v1()
}

/// Agreement items answered `fwd` (forward) and `rev` (reverse keyed),
/// the first option elsewhere; `None` leaves that group unanswered.
fn sheet(q: &Quiz, fwd: Option<usize>, rev: Option<usize>) -> Answers {
    q.questions
        .iter()
        .map(|x| match (x.kind, x.reverse.is_empty()) {
            (Kind::Agreement, true) => fwd,
            (Kind::Agreement, false) => rev,
            _ => Some(0),
        })
        .collect()
}

#[test]
fn pct_clamps_and_rounds() {
    assert_eq!(pct(-0.2), 0);
    assert_eq!(pct(0.555), 56);
    assert_eq!(pct(1.7), 100);
    assert_eq!(
        pct(f64::NAN),
        0,
        "NaN must not turn into a confident number"
    );
}

#[test]
fn phi_tails() {
    assert!(phi(-40.0) >= 0.0 && phi(-40.0) < 1e-9);
    assert!(phi(40.0) <= 1.0 && phi(40.0) > 1.0 - 1e-9);
}

#[test]
fn straight_lining_needs_enough_identical_answers() {
    let q = bundled();
    let a = assess(&q, &sheet(&q, Some(2), Some(2)));
    assert_eq!(a.flags, [Flag::StraightLining]);
    assert_eq!(a.recommendation.basis, Basis::Flagged);
    // Too few agreement answers to judge a response style at all.
    let mut few = sheet(&q, Some(4), Some(4));
    let mut kept = 0;
    for (x, a) in q.questions.iter().zip(few.iter_mut()) {
        if x.kind == Kind::Agreement {
            kept += 1;
            if kept >= STYLE_MIN_ITEMS {
                *a = None;
            }
        }
    }
    assert!(!assess(&q, &few).flags.contains(&Flag::StraightLining));
}

#[test]
fn acquiescence_and_nay_saying() {
    let q = bundled();
    // Agree with statements and (a little less) with their opposites.
    let a = assess(&q, &sheet(&q, Some(4), Some(3)));
    assert_eq!(a.flags, [Flag::Acquiescence]);
    let a = assess(&q, &sheet(&q, Some(0), Some(1)));
    assert_eq!(a.flags, [Flag::NaySaying]);
    // Consistent answers are not flagged.
    let a = assess(&q, &sheet(&q, Some(4), Some(0)));
    assert!(a.flags.is_empty(), "{:?}", a.flags);
}

#[test]
fn too_few_answers_follows_min_answered() {
    let mut q = bundled();
    let half: Answers = (0..q.questions.len())
        .map(|i| (i % 2 == 0).then_some(0))
        .collect();
    q.rules.min_answered = 0.5;
    assert!(!assess(&q, &half).flags.contains(&Flag::TooFewAnswers));
    q.rules.min_answered = 0.51;
    assert!(assess(&q, &half).flags.contains(&Flag::TooFewAnswers));
}

#[test]
fn reasons_towards_come_first_then_against_each_sorted() {
    let q = bundled();
    let a = assess(&q, &sheet(&q, Some(4), Some(0)));
    let pulls: Vec<f64> = a.reasons.iter().map(|r| r.pull).collect();
    let towards = pulls.iter().take_while(|&&x| x > 0.0).count();
    let (pos, neg) = pulls.split_at(towards);
    assert!(
        (crate::explain::MIN_TOWARDS..=crate::explain::MAX_TOWARDS).contains(&pos.len()),
        "{pulls:?}"
    );
    assert!(neg.len() <= crate::explain::MAX_AGAINST && neg.iter().all(|&x| x < 0.0));
    assert!(pos.windows(2).all(|w| w[0] >= w[1]), "{pulls:?}");
    assert!(neg.windows(2).all(|w| w[0] <= w[1]), "{pulls:?}");
}
