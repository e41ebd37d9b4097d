//! Checking a result against its group before anything is recorded, so a
//! result that does not fit leaves no trace in the statistics.

use super::AggregateError;
use super::group::Group;
use super::view::ResultView;
use crate::load::{MAX_DIMENSIONS, MAX_OPTIONS, MAX_PROFILES, MAX_QUESTIONS};
use crate::sanitize::clean_line;

/// `x` (the `what` of `id`) must be a 0–100 value or absent.
fn in_range(what: &str, id: &str, x: Option<f64>) -> Result<(), AggregateError> {
    match x {
        Some(v) if !(0.0..=100.0).contains(&v) => Err(AggregateError::Invalid(format!(
            "the {what} of {} is {v}, outside 0–100",
            clean_line(id)
        ))),
        _ => Ok(()),
    }
}

impl Group {
    fn mismatch(&self, why: String) -> AggregateError {
        AggregateError::Mismatch {
            quiz: self.quiz.label(),
            why,
        }
    }

    /// Everything that could make `v` unfit for this group, checked before
    /// anything is recorded, so a bad result leaves no trace.
    pub(super) fn check(&self, v: &ResultView) -> Result<(), AggregateError> {
        if self.known {
            self.check_known(v)
        } else {
            check_unknown(v)
        }
    }

    fn check_known(&self, v: &ResultView) -> Result<(), AggregateError> {
        if v.answers.len() != self.questions.len() {
            return Err(self.mismatch(format!(
                "it has {} answers, the quiz has {} questions",
                v.answers.len(),
                self.questions.len()
            )));
        }
        for (i, (a, q)) in v.answers.iter().zip(&self.questions).enumerate() {
            if let Some(k) = *a
                && (k == 0 || k > q.labels.len())
            {
                return Err(self.mismatch(format!("question {} has no option {k}", i + 1)));
            }
        }
        let dims_match = v.dimensions.len() == self.dimensions.len()
            && self
                .dimensions
                .iter()
                .zip(&v.dimensions)
                .all(|(a, b)| a.id == b.id);
        if !dims_match {
            return Err(self.mismatch("its skills are not the quiz's".into()));
        }
        if v.profiles.len() != self.profiles.len()
            || self.profiles.iter().any(|p| v.fit(&p.id).is_none())
        {
            return Err(self.mismatch("its profiles are not the quiz's".into()));
        }
        ranges(v)?;
        let outcome = &v.recommendation.outcome;
        if !self.outcomes.iter().any(|o| o.id == *outcome) {
            return Err(self.mismatch(format!(
                "its outcome “{}” is not one of the quiz's",
                clean_line(outcome)
            )));
        }
        Ok(())
    }
}

/// A result of a quiz careerfit does not know is only counted, but it
/// must still be one the loader could have produced: no more questions,
/// options, skills or profiles than a quiz may have, values in range.
pub(super) fn check_unknown(v: &ResultView) -> Result<(), AggregateError> {
    let caps = [
        (v.answers.len(), MAX_QUESTIONS, "answers"),
        (v.dimensions.len(), MAX_DIMENSIONS, "skills"),
        (v.profiles.len(), MAX_PROFILES, "profiles"),
    ];
    for (n, max, what) in caps {
        if n > max {
            return Err(AggregateError::Invalid(format!(
                "it has {n} {what}, more than the {max} a quiz can have"
            )));
        }
    }
    for (i, a) in v.answers.iter().enumerate() {
        if let Some(k) = *a
            && (k == 0 || k > MAX_OPTIONS)
        {
            return Err(AggregateError::Invalid(format!(
                "question {} has no option {k} (a quiz has options 1–{MAX_OPTIONS})",
                i + 1
            )));
        }
    }
    ranges(v)
}

/// Every fit and skill score is a 0–100 value or absent.
fn ranges(v: &ResultView) -> Result<(), AggregateError> {
    for p in &v.profiles {
        in_range("fit", &p.id, p.fit)?;
    }
    for d in &v.dimensions {
        in_range("score", &d.id, d.score)?;
    }
    Ok(())
}
