//! A scored result in the shape people and programs read: the JSON contract
//! of `score`/`show`, and the text card and Markdown document built from it.
//!
//! Every renderer starts from [`Report`], so the TUI, the CLI and saved
//! files can never disagree about a result.

use super::code;
use super::i18n::Lang;
use super::model::Quiz;
use super::sanitize::{clean, clean_line};
use super::scoring::{Assessment, assess, confidence_level, confidence_words};
use super::summary::{confidence_note, summary};
use crate::tr;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizRef {
    pub id: String,
    pub title: String,
    pub version: String,
    pub fingerprint: String,
    /// The language the result's sentences are written in, as a tag with a
    /// catalogue (`ja`); absent for English, so English results read as
    /// they always did. The quiz's own `language` decides it.
    #[serde(default, skip_serializing_if = "is_english")]
    pub language: String,
}

fn is_english(tag: &str) -> bool {
    Lang::from_tag(tag) == Lang::En
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimOut {
    pub id: String,
    pub name: String,
    pub raw: f64,
    pub min: f64,
    pub max: f64,
    /// 0–100, or null when no answered question measures it.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileOut {
    pub id: String,
    pub name: String,
    pub fit: Option<f64>,
    /// Standard error of `fit`.
    pub se: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendationOut {
    pub outcome: String,
    /// What kind of call this is, said before the title: "Best fit",
    /// "Leaning towards", "Hybrid" or "No clear call yet".
    #[serde(default)]
    pub headline: String,
    pub title: String,
    pub profiles: Vec<String>,
    /// Null when the answers were flagged: there is no call to be sure of.
    pub confidence: Option<u8>,
    pub confidence_level: String,
    /// One plain sentence saying what the confidence means for this quiz.
    #[serde(default)]
    pub confidence_note: String,
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasonOut {
    /// The profile whose fit the answer moved.
    pub profile: String,
    /// Whether it raised that fit (false: lowered it). Result files from
    /// before this field only listed answers that raised a fit.
    #[serde(default = "yes")]
    pub raised: bool,
    pub question: String,
    pub text: String,
    pub answer: String,
    pub pull: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlagOut {
    pub id: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub summary: String,
    pub reasons: Vec<ReasonOut>,
    pub flags: Vec<FlagOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeOut {
    pub summary: String,
    pub day_to_day: String,
    pub key_questions: Vec<String>,
    pub next_steps: Vec<String>,
}

/// The full result, exactly as serialized to JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Who this result is: a random 128-bit id in hex, given when the quiz
    /// is finished and kept when it is finished again, so a re-submission
    /// replaces the participant's result instead of adding one, and copies
    /// of a folder are counted once. Absent in results from before ids and
    /// in results that were only scored (`score`, `show`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the quiz was (last) finished, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<String>,
    pub quiz: QuizRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 1-based option numbers in file order; null when skipped.
    pub answers: Vec<Option<usize>>,
    pub answered: usize,
    pub dimensions: Vec<DimOut>,
    /// Best fit first.
    pub profiles: Vec<ProfileOut>,
    pub recommendation: RecommendationOut,
    pub explanation: Explanation,
    pub outcome: OutcomeOut,
    pub share_code: String,
    pub disclaimer: String,
}

fn yes() -> bool {
    true
}

fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Scores `answers` and builds the report; `name` is an optional nickname.
pub fn build(quiz: &Quiz, answers: &[Option<usize>], name: Option<&str>) -> Report {
    let a = assess(quiz, answers);
    from_assessment(quiz, &a, name)
}

/// Builds the report from an existing assessment.
pub fn from_assessment(quiz: &Quiz, a: &Assessment, name: Option<&str>) -> Report {
    let rec = &a.recommendation;
    let outcome = &quiz.outcomes[rec.outcome];
    let pname = |p: usize| quiz.profiles[p].name.clone();
    let reasons: Vec<ReasonOut> = a
        .reasons
        .iter()
        .map(|r| {
            let q = &quiz.questions[r.question];
            ReasonOut {
                profile: quiz.profiles[r.profile].id.clone(),
                raised: r.raised,
                question: q.id.clone(),
                text: q.text.clone(),
                answer: q.choices[r.choice].label.clone(),
                pull: r1(r.pull),
            }
        })
        .collect();
    let summary = summary(quiz, a);
    let lang = quiz.lang();
    Report {
        id: None,
        finished: None,
        quiz: QuizRef {
            id: quiz.id.clone(),
            title: quiz.title.clone(),
            version: quiz.version.clone(),
            fingerprint: quiz.fingerprint.clone(),
            language: lang.tag().into(),
        },
        name: name.map(clean_line).filter(|n| !n.is_empty()),
        answers: a.answers.iter().map(|x| x.map(|c| c + 1)).collect(),
        answered: a.answered,
        dimensions: quiz
            .dimensions
            .iter()
            .zip(&a.dimensions)
            .map(|(d, s)| DimOut {
                id: d.id.clone(),
                name: d.name.clone(),
                raw: r2(s.raw),
                min: r2(s.min),
                max: r2(s.max),
                score: s.score.map(r1),
            })
            .collect(),
        profiles: a
            .ranking
            .iter()
            .map(|&p| ProfileOut {
                id: quiz.profiles[p].id.clone(),
                name: pname(p),
                fit: a.fits[p].fit.map(r1),
                se: r1(a.fits[p].se),
            })
            .collect(),
        recommendation: RecommendationOut {
            outcome: outcome.id.clone(),
            title: outcome.title.clone(),
            profiles: rec
                .profiles
                .iter()
                .map(|&p| quiz.profiles[p].id.clone())
                .collect(),
            headline: rec.basis.headline(lang),
            confidence: rec.confidence,
            confidence_level: confidence_level(rec.confidence).into(),
            confidence_note: confidence_note(quiz, rec),
            basis: serde_json::to_value(rec.basis)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        },
        explanation: Explanation {
            summary,
            reasons,
            flags: a
                .flags
                .iter()
                .map(|f| FlagOut {
                    id: serde_json::to_value(f)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    message: f.describe(lang),
                })
                .collect(),
        },
        outcome: OutcomeOut {
            summary: outcome.summary.clone(),
            day_to_day: outcome.day_to_day.clone(),
            key_questions: outcome.key_questions.clone(),
            next_steps: outcome.next_steps.clone(),
        },
        share_code: code::encode(quiz, &a.answers),
        disclaimer: quiz.disclaimer.clone(),
    }
}

impl Report {
    /// This result as one participant's: `id` and the UTC time it was finished.
    pub fn stamped(&self, id: &str, finished: &str) -> Report {
        Report {
            id: Some(clean_line(id)).filter(|i| !i.is_empty()),
            finished: Some(clean_line(finished)).filter(|f| !f.is_empty()),
            ..self.clone()
        }
    }

    /// Pretty JSON with a trailing newline; byte-identical for identical answers.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        clean(&s)
    }

    /// The display name of a profile id in this report.
    pub fn profile_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.profiles
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }

    /// The language this result is written in, and so the language of
    /// everything drawn around it.
    pub fn lang(&self) -> Lang {
        Lang::from_tag(&self.quiz.language)
    }

    /// The headline people see first, e.g. `Best fit: Product Management`.
    pub fn headline(&self) -> String {
        let lang = self.lang();
        let label = match self.recommendation.headline.as_str() {
            // Result files from before headlines existed.
            "" => tr!(lang, "headline-result"),
            l => l.to_owned(),
        };
        tr!(
            lang,
            "headline-line",
            label = label,
            title = &self.recommendation.title
        )
    }

    /// The confidence in a few words, e.g. `84% (high)` or `none`.
    pub fn confidence_text(&self) -> String {
        let lang = self.lang();
        match self.recommendation.confidence {
            Some(c) => tr!(
                lang,
                "confidence-text",
                percent = c.to_string(),
                level = confidence_words(self.recommendation.confidence, lang)
            ),
            None => tr!(lang, "confidence-none"),
        }
    }
}
