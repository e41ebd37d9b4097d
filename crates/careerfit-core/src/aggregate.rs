//! Group reports for workshops: a streaming accumulator of results.
//!
//! Results are fed one at a time ([`Aggregate::add`]); nothing about a
//! single result is kept, only per-group counters, running moments and
//! fixed-size histograms, so memory stays flat however many results there
//! are. Results are grouped by quiz id and fingerprint: answers to
//! different quizzes or quiz versions are never mixed. Only quizzes the
//! program has loaded (bundled, or given with `--quiz`) get statistics; a
//! result of any other quiz is checked against the loader's limits and
//! counted under its quiz's name, and nothing else of it is kept, so
//! memory follows the quizzes that are real, not what files claim. Renderers for text,
//! Markdown, JSON and CSV live in the submodules; all apply the anonymity
//! rule (a group smaller than `min_group` shows only its count).

mod check;
mod csv;
mod entries;
mod group;
mod json;
mod markdown;
mod stats;
mod text;
mod view;

pub use csv::{CSV_COLUMNS, RowKey, csv_cell, csv_header, csv_row, csv_rows, neutralise};
pub use entries::{Entry, Interner, Recorded, Unknown, key_of};
pub use group::{DimStats, Group, OutcomeCount, ProfileStats, QuestionStats, QuizInfo, quiz_field};
pub use json::json;
pub use markdown::markdown;
pub use stats::{DIM_BINS, FIT_BINS, Moments, TenthHistogram, decile};
pub use text::{
    answer_counts, fmt1, groups_note, problem_notes, suppressed_note, text, unknown_note,
};
pub use view::{ParseError, ResultView};

use super::model::Quiz;
use super::report::Report;

/// Groups smaller than this show only their count, unless told otherwise.
pub const DEFAULT_MIN_GROUP: u64 = 5;
/// Quizzes or versions careerfit has not loaded kept apart at once; more
/// are refused, so hostile input cannot grow memory without bound (loaded
/// quizzes are bounded by what was loaded).
pub const MAX_GROUPS: usize = 32;

/// Unreadable or invalid inputs named at most, each: enough to find them.
pub const MAX_NAMED: usize = 3;

/// Keeps `name` among the first [`MAX_NAMED`] names in sorted order, so
/// which are kept does not depend on reading order.
fn keep_name(names: &mut Vec<String>, name: &str) {
    if let Err(i) = names.binary_search_by(|n| n.as_str().cmp(name)) {
        names.insert(i, name.to_string());
        names.truncate(MAX_NAMED);
    }
}

/// Why a result was left out of the report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AggregateError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error("it does not match the quiz {quiz}: {why}")]
    Mismatch { quiz: String, why: String },
    #[error("{0}")]
    Invalid(String),
    #[error("more than {MAX_GROUPS} different quizzes or quiz versions; this one is left out")]
    TooManyGroups,
}

/// The accumulator: every group seen so far and how many inputs were skipped.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    groups: Vec<Group>,
    /// Inputs that were not results (counted by the caller with [`Aggregate::skip`]).
    pub skipped: u64,
    /// Inputs that could not be read at all (permission denied, I/O
    /// errors): a facilitator must hear about these, they are results
    /// nobody can see. Counted in `skipped` too.
    pub unreadable: u64,
    /// Inputs read but not counted (not a result, a mismatch). Counted in
    /// `skipped` too.
    pub invalid: u64,
    /// The first few unreadable and invalid inputs by name (sorted, at most
    /// [`MAX_NAMED`] each), for the dashboard.
    pub unreadable_names: Vec<String>,
    pub invalid_names: Vec<String>,
    /// Results left out because another copy of the same result (same id)
    /// counted instead (see [`entries`]).
    pub duplicates: u64,
}

impl Aggregate {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a loaded quiz, so its results are checked against it and
    /// reports show question texts and option labels.
    pub fn expect(&mut self, quiz: &Quiz) {
        let dup = self
            .groups
            .iter()
            .any(|g| g.known && g.quiz.id == quiz.id && g.quiz.fingerprint == quiz.fingerprint);
        if !dup {
            self.groups.push(Group::from_quiz(quiz));
        }
    }

    /// Adds one report (share codes, tests); see [`Aggregate::add_view`].
    pub fn add(&mut self, r: &Report) -> Result<usize, AggregateError> {
        self.add_view(&ResultView::of(r))
    }

    /// Parses a result file's bytes and adds it.
    pub fn add_json(&mut self, bytes: &[u8]) -> Result<usize, AggregateError> {
        self.add_view(&ResultView::parse(bytes)?)
    }

    /// Adds one result to its group; returns the group's index in
    /// [`Aggregate::groups`]. A result that does not fit is left out whole.
    pub fn add_view(&mut self, v: &ResultView) -> Result<usize, AggregateError> {
        let found = self.groups.iter().position(|g| g.accepts(v));
        let i = match found {
            Some(i) => {
                self.groups[i].check(v)?;
                i
            }
            None => {
                if self.unknown_groups() >= MAX_GROUPS {
                    return Err(AggregateError::TooManyGroups);
                }
                let g = Group::from_view(v);
                g.check(v)?;
                self.groups.push(g);
                self.groups.len() - 1
            }
        };
        self.groups[i].record(v);
        Ok(i)
    }

    fn unknown_groups(&self) -> usize {
        self.groups.iter().filter(|g| !g.known).count()
    }

    /// Counts an input that could not be read as a result.
    pub fn skip(&mut self) {
        self.skipped += 1;
    }

    /// Counts and names an input that could not be read at all.
    pub fn skip_unreadable(&mut self, name: &str) {
        self.skipped += 1;
        self.unreadable += 1;
        keep_name(&mut self.unreadable_names, name);
    }

    /// Counts and names an input that is not a result careerfit can count.
    pub fn skip_invalid(&mut self, name: &str) {
        self.skipped += 1;
        self.invalid += 1;
        keep_name(&mut self.invalid_names, name);
    }

    /// Adds another accumulator's skipped, unreadable and invalid counts
    /// and names (not its groups).
    pub fn merge_problems(&mut self, o: &Aggregate) {
        self.skipped += o.skipped;
        self.unreadable += o.unreadable;
        self.invalid += o.invalid;
        for n in &o.unreadable_names {
            keep_name(&mut self.unreadable_names, n);
        }
        for n in &o.invalid_names {
            keep_name(&mut self.invalid_names, n);
        }
    }

    /// Folds another accumulator (e.g. another thread's) into this one.
    pub fn merge(&mut self, other: Aggregate) {
        self.merge_problems(&other);
        self.duplicates += other.duplicates;
        for g in other.groups {
            match self.groups.iter_mut().find(|s| s.same_group(&g)) {
                Some(s) => s.merge(g),
                None => self.groups.push(g),
            }
        }
    }

    /// Every group, including expected quizzes with no results yet.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Results read, over all groups.
    pub fn count(&self) -> u64 {
        self.groups.iter().map(|g| g.count).sum()
    }

    /// Groups with results, largest first (ties by quiz id, version and
    /// fingerprint), so output never depends on reading order.
    pub fn ordered(&self) -> Vec<&Group> {
        let mut v: Vec<&Group> = self.groups.iter().filter(|g| g.count > 0).collect();
        v.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.quiz.id.cmp(&b.quiz.id))
                .then_with(|| a.quiz.version.cmp(&b.quiz.version))
                .then_with(|| a.quiz.fingerprint.cmp(&b.quiz.fingerprint))
        });
        v
    }
}
