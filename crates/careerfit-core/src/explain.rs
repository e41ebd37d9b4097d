//! Which answers account for the call (docs/scoring.md §6).
//!
//! Every fit is 50 plus the sum of its questions' pulls, so whatever decides
//! the call can be split exactly into one share per answer:
//!
//! * a single role: the lead of the top fit over the runner-up, so a
//!   question's share is its pull on the top fit minus its pull on the
//!   runner-up (a scenario answer for one side counts on both);
//! * a hybrid, or no clear call: how far both fits sit above the middle, so
//!   a question's share is the sum of its pulls on the two.
//!
//! The explanation names the biggest shares towards the call until they
//! account for more than half of it, and the biggest shares the other way.

use super::model::Quiz;
use super::recommend::{Basis, Recommendation};
use super::scoring::Fitted;
use serde::Serialize;

/// Fewest answers named towards the call when there are that many.
pub const MIN_TOWARDS: usize = 3;
/// Most answers named towards the call.
pub const MAX_TOWARDS: usize = 10;
/// Most answers named that pulled the other way.
pub const MAX_AGAINST: usize = 3;
/// The share of the call the named answers should account for.
pub const TARGET_SHARE: f64 = 0.6;
/// Shares smaller than this (fit points) are not worth naming.
const NEGLIGIBLE: f64 = 0.05;

/// One answer and its share of the call, in fit points: positive when it
/// pulled towards the outcome, negative when it pulled the other way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// The profile whose fit this answer moved in the direction of its
    /// share (raised it for a share towards the call made of raising, and so
    /// on), so people can see what the answer did.
    pub profile: usize,
    /// Whether the answer raised `profile`'s fit (else it lowered it).
    pub raised: bool,
    pub question: usize,
    pub choice: usize,
    pub pull: f64,
}

/// What the call rests on, in fit points: the lead for a single role, the
/// height of both fits above the middle otherwise; and the two profiles.
pub fn target(rec: &Recommendation, ranking: &[usize], fits: &[Option<f64>]) -> (f64, Vec<usize>) {
    let top: Vec<usize> = ranking
        .iter()
        .copied()
        .filter(|&p| fits[p].is_some())
        .take(2)
        .collect();
    let fit = |p: usize| fits[p].unwrap_or(50.0);
    match (rec.basis, top.as_slice()) {
        (Basis::StandsOut | Basis::Leaning, [a, b]) => (fit(*a) - fit(*b), vec![*a, *b]),
        (Basis::StandsOut | Basis::Leaning, [a]) => (fit(*a) - 50.0, vec![*a]),
        (_, [a, b]) => (fit(*a) + fit(*b) - 100.0, vec![*a, *b]),
        (_, [a]) => (fit(*a) - 50.0, vec![*a]),
        _ => (0.0, vec![]),
    }
}

/// Each question's share of the call (file order).
fn shares(rec: &Recommendation, pair: &[usize], fitted: &[Fitted]) -> Vec<f64> {
    let n = fitted.first().map_or(0, |f| f.pulls.len());
    (0..n)
        .map(|q| match (rec.basis, pair) {
            (Basis::StandsOut | Basis::Leaning, [a, b]) => {
                fitted[*a].pulls[q] - fitted[*b].pulls[q]
            }
            _ => pair.iter().map(|&p| fitted[p].pulls[q]).sum(),
        })
        .collect()
}

pub(crate) fn explain(
    quiz: &Quiz,
    answers: &[Option<usize>],
    fitted: &[Fitted],
    ranking: &[usize],
    rec: &Recommendation,
) -> Vec<Reason> {
    let fits: Vec<Option<f64>> = fitted.iter().map(|f| f.fit).collect();
    let (goal, pair) = target(rec, ranking, &fits);
    if pair.is_empty() {
        return vec![];
    }
    let share = shares(rec, &pair, fitted);
    let answered: Vec<usize> = (0..quiz.questions.len())
        .filter(|&q| answers.get(q).copied().flatten().is_some())
        .collect();
    let mut towards: Vec<usize> = answered
        .iter()
        .copied()
        .filter(|&q| share[q] > NEGLIGIBLE)
        .collect();
    towards.sort_by(|&a, &b| share[b].total_cmp(&share[a]).then(a.cmp(&b)));
    let mut against: Vec<usize> = answered
        .iter()
        .copied()
        .filter(|&q| share[q] < -NEGLIGIBLE)
        .collect();
    against.sort_by(|&a, &b| share[a].total_cmp(&share[b]).then(a.cmp(&b)));
    against.truncate(MAX_AGAINST);
    let against_sum: f64 = against.iter().map(|&q| share[q]).sum();
    let mut named = Vec::new();
    let mut sum = against_sum;
    for &q in &towards {
        let enough = named.len() >= MIN_TOWARDS && sum >= TARGET_SHARE * goal;
        if enough || named.len() == MAX_TOWARDS {
            break;
        }
        named.push(q);
        sum += share[q];
    }
    named.extend(against);
    named
        .into_iter()
        .map(|q| {
            let profile = mover(rec, &pair, fitted, q, share[q]);
            Reason {
                profile,
                raised: fitted[profile].pulls[q] >= 0.0,
                question: q,
                choice: answers.get(q).copied().flatten().unwrap_or(0),
                pull: share[q],
            }
        })
        .collect()
}

/// The profile whose change explains a question's share: for a single role
/// the top profile when the answer raised it, else the runner-up it
/// lowered (or the other way round for a share against); for a hybrid or no
/// call, the profile it moved most in the share's direction.
fn mover(rec: &Recommendation, pair: &[usize], fitted: &[Fitted], q: usize, share: f64) -> usize {
    let pull = |p: usize| fitted[p].pulls[q];
    match (rec.basis, pair) {
        (Basis::StandsOut | Basis::Leaning, [a, b]) => {
            let top_moved_right = if share > 0.0 {
                pull(*a) > 0.0
            } else {
                pull(*a) < 0.0
            };
            if top_moved_right || pull(*b).abs() < 1e-12 {
                *a
            } else {
                *b
            }
        }
        _ => pair
            .iter()
            .copied()
            .max_by(|&x, &y| {
                (pull(x) * share.signum())
                    .total_cmp(&(pull(y) * share.signum()))
                    .then(y.cmp(&x))
            })
            .unwrap_or(pair[0]),
    }
}

/// The share of the call that `reasons` account for (1 = all of it), or
/// `None` when the call rests on nothing measurable. Used by the
/// simulation and the tests to check that explanations explain.
pub fn coverage(
    rec: &Recommendation,
    ranking: &[usize],
    fits: &[Option<f64>],
    reasons: &[Reason],
) -> Option<f64> {
    let (goal, _) = target(rec, ranking, fits);
    (goal > 1.0).then(|| reasons.iter().map(|r| r.pull).sum::<f64>() / goal)
}
