//! One group of comparable results (same quiz, same version) and its
//! running statistics.

use super::stats::{DIM_BINS, Moments, TenthHistogram, decile};
use super::view::ResultView;
use crate::load::MAX_LINE;
use crate::model::Quiz;
use crate::sanitize::clean_line;
use std::borrow::Cow;

/// A quiz id, title, version or fingerprint from a result, as groups
/// compare and show it: sanitized, trimmed and cut to the loader's limit
/// for one-line fields. Borrowed when it needs no change (the usual case).
pub fn quiz_field(s: &str) -> Cow<'_, str> {
    let plain = s.len() <= MAX_LINE
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && s.bytes().all(|b| (0x20..0x7f).contains(&b));
    if plain {
        return Cow::Borrowed(s);
    }
    let line = clean_line(s);
    Cow::Owned(match line.char_indices().nth(MAX_LINE) {
        Some((i, _)) => line[..i].trim_end().to_owned(),
        None => line,
    })
}

/// Which quiz a group's results belong to (texts already sanitized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub fingerprint: String,
}

impl QuizInfo {
    /// `“Title” (id v1.0.0)`, as messages and reports name a quiz.
    pub fn label(&self) -> String {
        format!("“{}” ({} v{})", self.title, self.id, self.version)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeCount {
    pub id: String,
    pub title: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileStats {
    pub id: String,
    pub name: String,
    pub fit: Moments,
    /// Exact medians in flat memory.
    pub hist: TenthHistogram,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimStats {
    pub id: String,
    pub name: String,
    pub score: Moments,
    /// Scores per decile: 0–10, 10–20, …, 90–100.
    pub hist: [u64; DIM_BINS],
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionStats {
    /// Question id and text, when the quiz is loaded.
    pub id: Option<String>,
    pub text: Option<String>,
    /// Option labels, when the quiz is loaded.
    pub labels: Vec<String>,
    pub skipped: u64,
    /// How many chose option 1, 2, … (index 0 is option 1).
    pub options: Vec<u64>,
}

/// Results of one quiz version, with everything a report shows about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub quiz: QuizInfo,
    /// Built from a loaded quiz: results are checked against it.
    pub known: bool,
    /// The loaded quiz itself (for known groups): results are re-scored
    /// from their answers against it, so a group's report never depends on
    /// how a result reached it (file, share code, stdin) or on rounding in
    /// a file.
    pub model: Option<std::sync::Arc<Quiz>>,
    pub count: u64,
    pub outcomes: Vec<OutcomeCount>,
    pub profiles: Vec<ProfileStats>,
    pub dimensions: Vec<DimStats>,
    pub questions: Vec<QuestionStats>,
}

fn profile(id: &str, name: &str) -> ProfileStats {
    ProfileStats {
        id: clean_line(id),
        name: clean_line(name),
        fit: Moments::default(),
        hist: TenthHistogram::default(),
    }
}

fn dimension(id: &str, name: &str) -> DimStats {
    DimStats {
        id: clean_line(id),
        name: clean_line(name),
        score: Moments::default(),
        hist: [0; DIM_BINS],
    }
}

impl Group {
    pub(super) fn from_quiz(q: &Quiz) -> Self {
        Group {
            quiz: QuizInfo {
                id: q.id.clone(),
                title: q.title.clone(),
                version: q.version.clone(),
                fingerprint: q.fingerprint.clone(),
            },
            known: true,
            model: Some(std::sync::Arc::new(q.clone())),
            count: 0,
            outcomes: q
                .outcomes
                .iter()
                .map(|o| OutcomeCount {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    count: 0,
                })
                .collect(),
            profiles: q.profiles.iter().map(|p| profile(&p.id, &p.name)).collect(),
            dimensions: q
                .dimensions
                .iter()
                .map(|d| dimension(&d.id, &d.name))
                .collect(),
            questions: q
                .questions
                .iter()
                .map(|x| QuestionStats {
                    id: Some(x.id.clone()),
                    text: Some(x.text.clone()),
                    labels: x.choices.iter().map(|c| c.label.clone()).collect(),
                    skipped: 0,
                    options: vec![0; x.choices.len()],
                })
                .collect(),
        }
    }

    /// A group for a quiz that is not loaded: only its name and a count.
    /// Nothing of a result's structure is kept, so a made-up quiz with
    /// thousands of profiles costs no more than a real one.
    pub(super) fn from_view(v: &ResultView) -> Self {
        Self::unknown(QuizInfo {
            id: quiz_field(&v.quiz.id).into_owned(),
            title: quiz_field(&v.quiz.title).into_owned(),
            version: quiz_field(&v.quiz.version).into_owned(),
            fingerprint: quiz_field(&v.quiz.fingerprint).into_owned(),
        })
    }

    /// A count-only group for a quiz that is not loaded.
    pub(super) fn unknown(quiz: QuizInfo) -> Self {
        Group {
            quiz,
            known: false,
            model: None,
            count: 0,
            outcomes: Vec::new(),
            profiles: Vec::new(),
            dimensions: Vec::new(),
            questions: Vec::new(),
        }
    }

    /// Whether `v` belongs here: the same quiz id and fingerprint, compared
    /// after the sanitizer, so ids that differ only in control characters
    /// or surrounding spaces are one quiz.
    pub(super) fn accepts(&self, v: &ResultView) -> bool {
        *quiz_field(&v.quiz.id) == *self.quiz.id
            && *quiz_field(&v.quiz.fingerprint) == *self.quiz.fingerprint
    }

    pub(super) fn same_group(&self, o: &Group) -> bool {
        self.known == o.known
            && self.quiz.id == o.quiz.id
            && self.quiz.fingerprint == o.quiz.fingerprint
            && self.questions.len() == o.questions.len()
            && self
                .dimensions
                .iter()
                .map(|d| &d.id)
                .eq(o.dimensions.iter().map(|d| &d.id))
            && self
                .profiles
                .iter()
                .map(|p| &p.id)
                .eq(o.profiles.iter().map(|p| &p.id))
    }

    /// Adds a result that passed [`Group::check`].
    pub(super) fn record(&mut self, v: &ResultView) {
        self.count += 1;
        if !self.known {
            return;
        }
        let rec = &v.recommendation;
        match self.outcomes.iter_mut().find(|o| o.id == rec.outcome) {
            Some(o) => o.count += 1,
            None => self.outcomes.push(OutcomeCount {
                id: clean_line(&rec.outcome),
                title: clean_line(&rec.title),
                count: 1,
            }),
        }
        for p in &mut self.profiles {
            if let Some(Some(x)) = v.fit(&p.id) {
                p.fit.push(x);
                p.hist.push(x);
            }
        }
        for (d, dv) in self.dimensions.iter_mut().zip(&v.dimensions) {
            if let Some(x) = dv.score {
                d.score.push(x);
                d.hist[decile(x)] += 1;
            }
        }
        for (q, a) in self.questions.iter_mut().zip(&v.answers) {
            match *a {
                None => q.skipped += 1,
                Some(k) => {
                    if q.options.len() < k {
                        q.options.resize(k, 0);
                    }
                    q.options[k - 1] += 1;
                }
            }
        }
    }

    /// Folds another accumulator's statistics for the same group into this one.
    pub(super) fn merge(&mut self, o: Group) {
        self.count += o.count;
        for oc in o.outcomes {
            match self.outcomes.iter_mut().find(|x| x.id == oc.id) {
                Some(x) => x.count += oc.count,
                None => self.outcomes.push(oc),
            }
        }
        for (p, op) in self.profiles.iter_mut().zip(&o.profiles) {
            p.fit.merge(&op.fit);
            p.hist.merge(&op.hist);
        }
        for (d, od) in self.dimensions.iter_mut().zip(&o.dimensions) {
            d.score.merge(&od.score);
            for (a, b) in d.hist.iter_mut().zip(od.hist) {
                *a += b;
            }
        }
        for (q, oq) in self.questions.iter_mut().zip(o.questions) {
            q.skipped += oq.skipped;
            if q.options.len() < oq.options.len() {
                q.options.resize(oq.options.len(), 0);
            }
            for (a, b) in q.options.iter_mut().zip(oq.options) {
                *a += b;
            }
        }
    }

    /// Outcomes in a stable order: the quiz's own order when it is loaded,
    /// otherwise by id.
    pub fn ordered_outcomes(&self) -> Vec<&OutcomeCount> {
        let mut v: Vec<&OutcomeCount> = self.outcomes.iter().collect();
        if !self.known {
            v.sort_by(|a, b| a.id.cmp(&b.id));
        }
        v
    }

    /// Whether the anonymity rule hides everything but the count.
    pub fn suppressed(&self, min_group: u64) -> bool {
        self.count < min_group
    }

    /// Whether only the count can be shown: too few results, or a quiz
    /// careerfit does not know (nothing else of it is kept).
    pub fn count_only(&self, min_group: u64) -> bool {
        !self.known || self.suppressed(min_group)
    }

    /// `part` of this group's results as a whole percentage.
    pub fn percent(&self, part: u64) -> u64 {
        if self.count == 0 {
            0
        } else {
            (part as f64 * 100.0 / self.count as f64).round() as u64
        }
    }
}
