//! The validated quiz the engine works with.
//!
//! Every reference is resolved to an index and every text is already
//! sanitized, so scoring and rendering never fail on a loaded quiz.

use crate::i18n::Lang;
use serde::Serialize;

/// Thresholds of the recommendation rule; see `docs/scoring.md`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rules {
    /// A profile fit at or above this counts as strong (0–100).
    pub strong: f64,
    /// How many standard errors of the difference separate two profiles.
    pub z: f64,
    /// Fraction of questions that must be answered before anything is recommended.
    pub min_answered: f64,
    /// The two-sided rule with a retest confidence (quiz v2 and later).
    /// Absent for quizzes written for the original gap rule, which keeps
    /// their fingerprint, and so their share codes, unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bands: Option<Bands>,
}

/// Settings of the two-sided rule (docs/scoring.md §5). Each side is read
/// on its own scale, so "strong at both", "strong at one" and "neither yet"
/// are all possible answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bands {
    /// A top fit at or above this, with a lead of at least `margin`, is a
    /// lean towards that side even when it is not yet strong.
    pub lean: f64,
    /// The lead (fit points) that separates a best fit from a near tie.
    pub margin: f64,
    /// The bridging dimension: when it is strong, the hybrid needs only
    /// `strong − relief` on the weaker side.
    pub bridge: Option<usize>,
    /// How far a strong bridge lowers the hybrid line.
    pub relief: f64,
    /// Largest spread (standard deviation, 0–100) of answers to statements
    /// about one side before the sheet counts as inconsistent.
    pub max_spread: f64,
    /// Scales the retest error (√2 × SE) when the confidence is worked out;
    /// 1 is the textbook value, calibrated by `careerfit simulate`.
    pub retest: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// `(dimension index, weight)`; weights are non-zero.
    pub weights: Vec<(usize, f64)>,
}

/// When an outcome is chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum When {
    Profile(usize),
    Hybrid(usize, usize),
    Explore,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub id: String,
    pub when: When,
    pub title: String,
    pub summary: String,
    pub day_to_day: String,
    pub key_questions: Vec<String>,
    pub next_steps: Vec<String>,
}

/// How a question is answered; decides how its options map to dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Agreement,
    Scenario,
    ForcedChoice,
}

impl Kind {
    /// The name used in JSON and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agreement => "agreement",
            Kind::Scenario => "scenario",
            Kind::ForcedChoice => "forced-choice",
        }
    }
}

/// One answer choice with its (already importance-weighted) effect on
/// each dimension. Agreement items get one option per scale point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub label: String,
    /// `(dimension index, contribution)` for every dimension the question measures.
    pub effects: Vec<(usize, f64)>,
    /// Whether the file gave this option any weight at all, even `0.0`:
    /// an option written with an explicit zero scores nothing on purpose,
    /// one with no weights was probably forgotten (the lint tells them
    /// apart). Not part of the fingerprint: it changes no score.
    #[serde(skip)]
    pub weighted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub text: String,
    pub weight: f64,
    pub choices: Vec<Choice>,
    /// Dimensions this question measures (those with a non-zero spread).
    pub measures: Vec<usize>,
    /// Agreement keys that are reverse keyed, as dimension indices.
    pub reverse: Vec<usize>,
}

/// A loaded, validated quiz.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    pub description: String,
    pub disclaimer: String,
    pub source: String,
    pub scale: Vec<String>,
    /// The value of the scale's first point (docs/quiz-format.md). Left
    /// out of the fingerprint when it is the usual 1, so quizzes written
    /// before it existed keep their fingerprint and their share codes.
    #[serde(skip_serializing_if = "is_one")]
    pub scale_start: i64,
    pub rules: Rules,
    pub dimensions: Vec<Dimension>,
    pub profiles: Vec<Profile>,
    pub outcomes: Vec<Outcome>,
    pub questions: Vec<Question>,
    /// Short hex digest of the quiz content; ties results and codes to this exact quiz.
    pub fingerprint: String,
    /// Lints the author switched off, with the reasons. Not part of the
    /// fingerprint: silencing a warning changes no score or share code.
    #[serde(skip)]
    pub allow: Vec<Allowed>,
}

/// A lint switched off by the quiz (`allow`), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowed {
    pub lint: String,
    pub reason: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(x: &i64) -> bool {
    *x == 1
}

impl Quiz {
    /// The language its interface speaks: the catalogue named by
    /// `language`, English when there is none for it.
    pub fn lang(&self) -> Lang {
        Lang::from_tag(&self.language)
    }

    /// The explore-further outcome; validation guarantees exactly one exists.
    pub fn explore_outcome(&self) -> usize {
        self.outcomes
            .iter()
            .position(|o| o.when == When::Explore)
            .unwrap_or(0)
    }

    /// The outcome for one standing-out profile, if the quiz defines one.
    pub fn profile_outcome(&self, p: usize) -> Option<usize> {
        self.outcomes
            .iter()
            .position(|o| o.when == When::Profile(p))
    }

    /// The outcome for a close pair of strong profiles, in either order.
    pub fn hybrid_outcome(&self, a: usize, b: usize) -> Option<usize> {
        self.outcomes
            .iter()
            .position(|o| o.when == When::Hybrid(a, b) || o.when == When::Hybrid(b, a))
    }

    /// Rough minutes to finish, for the welcome screen (about 12 s a question).
    pub fn minutes(&self) -> usize {
        (self.questions.len() * 12).div_ceil(60).max(1)
    }
}
