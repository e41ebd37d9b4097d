//! A borrowed, lean reading of a result file: the fields a group report
//! needs, with every other field of [`Report`] required but skipped
//! unparsed. Aggregating 100,000 files is mostly parsing, and this is
//! about a third cheaper than building whole `Report`s.

use crate::model::Quiz;
use crate::report::Report;
use crate::scoring::Assessment;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::borrow::Cow;

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "the quiz a result belongs to (id, title, version, fingerprint)")]
pub struct QuizView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    #[serde(borrow)]
    pub version: Cow<'a, str>,
    #[serde(borrow)]
    pub fingerprint: Cow<'a, str>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a skill score (id, name, score, raw, min, max)")]
pub struct DimView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    pub score: Option<f64>,
    #[serde(rename = "raw")]
    _raw: IgnoredAny,
    #[serde(rename = "min")]
    _min: IgnoredAny,
    #[serde(rename = "max")]
    _max: IgnoredAny,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a profile fit (id, name, fit, se)")]
pub struct ProfileView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    pub fit: Option<f64>,
    #[serde(rename = "se")]
    _se: IgnoredAny,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a recommendation (outcome, title)")]
pub struct RecommendationView<'a> {
    #[serde(borrow)]
    pub outcome: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
}

/// One result as the aggregate reads it; same schema as [`Report`].
#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "a careerfit result object")]
pub struct ResultView<'a> {
    /// The result's id; absent in results from before ids.
    #[serde(borrow, default)]
    pub id: Option<Cow<'a, str>>,
    /// When it was finished (RFC 3339, UTC), if known.
    #[serde(borrow, default)]
    pub finished: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub quiz: QuizView<'a>,
    #[serde(borrow, default)]
    pub name: Option<Cow<'a, str>>,
    /// 1-based option numbers in file order; `None` when skipped.
    pub answers: Vec<Option<usize>>,
    #[serde(borrow)]
    pub dimensions: Vec<DimView<'a>>,
    #[serde(borrow)]
    pub profiles: Vec<ProfileView<'a>>,
    #[serde(borrow)]
    pub recommendation: RecommendationView<'a>,
    #[serde(rename = "answered")]
    _answered: IgnoredAny,
    #[serde(rename = "explanation")]
    _explanation: IgnoredAny,
    #[serde(rename = "outcome")]
    _outcome: IgnoredAny,
    #[serde(rename = "share_code")]
    _share_code: IgnoredAny,
    #[serde(rename = "disclaimer")]
    _disclaimer: IgnoredAny,
}

/// Why bytes are not a result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not JSON ({0})")]
    NotJson(String),
    #[error("not a careerfit result ({0})")]
    WrongSchema(String),
}

impl<'a> ResultView<'a> {
    /// Parses a result file's bytes.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, ParseError> {
        serde_json::from_slice(bytes).map_err(|e| {
            if e.classify() == serde_json::error::Category::Data {
                ParseError::WrongSchema(e.to_string())
            } else {
                ParseError::NotJson(e.to_string())
            }
        })
    }

    /// The same view of an in-memory report (share codes, tests).
    pub fn of(r: &'a Report) -> Self {
        let b = |s: &'a String| Cow::Borrowed(s.as_str());
        ResultView {
            id: r.id.as_ref().map(b),
            finished: r.finished.as_ref().map(b),
            quiz: QuizView {
                id: b(&r.quiz.id),
                title: b(&r.quiz.title),
                version: b(&r.quiz.version),
                fingerprint: b(&r.quiz.fingerprint),
            },
            name: r.name.as_ref().map(b),
            answers: r.answers.clone(),
            dimensions: r
                .dimensions
                .iter()
                .map(|d| DimView {
                    id: b(&d.id),
                    name: b(&d.name),
                    score: d.score,
                    _raw: IgnoredAny,
                    _min: IgnoredAny,
                    _max: IgnoredAny,
                })
                .collect(),
            profiles: r
                .profiles
                .iter()
                .map(|p| ProfileView {
                    id: b(&p.id),
                    name: b(&p.name),
                    fit: p.fit,
                    _se: IgnoredAny,
                })
                .collect(),
            recommendation: RecommendationView {
                outcome: b(&r.recommendation.outcome),
                title: b(&r.recommendation.title),
            },
            _answered: IgnoredAny,
            _explanation: IgnoredAny,
            _outcome: IgnoredAny,
            _share_code: IgnoredAny,
            _disclaimer: IgnoredAny,
        }
    }

    /// `a` (an assessment of `quiz`) as a view: the same numbers
    /// `ResultView::of(&report::from_assessment(..))` would hold, without
    /// building the report's texts, which re-scoring a folder does not need.
    pub fn scored(quiz: &'a Quiz, a: &Assessment, name: Option<&'a str>) -> Self {
        let r1 = |x: f64| (x * 10.0).round() / 10.0;
        let b = |s: &'a String| Cow::Borrowed(s.as_str());
        let outcome = &quiz.outcomes[a.recommendation.outcome];
        ResultView {
            id: None,
            finished: None,
            quiz: QuizView {
                id: b(&quiz.id),
                title: b(&quiz.title),
                version: b(&quiz.version),
                fingerprint: b(&quiz.fingerprint),
            },
            name: name.map(Cow::Borrowed),
            answers: a.answers.iter().map(|x| x.map(|c| c + 1)).collect(),
            dimensions: quiz
                .dimensions
                .iter()
                .zip(&a.dimensions)
                .map(|(d, s)| DimView {
                    id: b(&d.id),
                    name: b(&d.name),
                    score: s.score.map(r1),
                    _raw: IgnoredAny,
                    _min: IgnoredAny,
                    _max: IgnoredAny,
                })
                .collect(),
            profiles: quiz
                .profiles
                .iter()
                .zip(&a.fits)
                .map(|(p, f)| ProfileView {
                    id: b(&p.id),
                    name: b(&p.name),
                    fit: f.fit.map(r1),
                    _se: IgnoredAny,
                })
                .collect(),
            recommendation: RecommendationView {
                outcome: b(&outcome.id),
                title: b(&outcome.title),
            },
            _answered: IgnoredAny,
            _explanation: IgnoredAny,
            _outcome: IgnoredAny,
            _share_code: IgnoredAny,
            _disclaimer: IgnoredAny,
        }
    }

    /// The fit of profile `id`, if this result has that profile.
    pub fn fit(&self, id: &str) -> Option<Option<f64>> {
        self.profiles.iter().find(|p| p.id == id).map(|p| p.fit)
    }
}
