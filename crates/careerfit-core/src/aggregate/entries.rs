//! One result per participant: results are first read into [`Entry`]s,
//! then duplicates are dropped and the rest re-scored and recorded in a
//! canonical order.
//!
//! The rule. A result's identity is its `id` (a random 128-bit hex number
//! given when the quiz is finished, kept when it is finished again). When
//! several inputs carry the same id (a folder copied into another, a
//! re-submission next to an old copy), one counts: the one finished last,
//! and of those the first in input order. Results from before ids existed
//! are identified by a hash of their quiz id and fingerprint, answers
//! and nickname, so exact copies of them count once too (two people with the
//! same nickname and identical answers would count once; without an id
//! nothing can tell them apart). Share codes carry no identity: every
//! line counts.
//!
//! Every result of a loaded quiz is re-scored from its answers, and
//! results are recorded sorted by quiz and answers, so the same people
//! give a byte-identical report whether they arrive as files, share codes
//! or stdin, in any order. The cost is memory: every distinct result's
//! entry (id, answers, nickname, a shared reference to its quiz) is kept
//! until the end, no longer flat; see docs/performance.md for figures.

use super::group::{Group, QuizInfo};
use super::view::ResultView;
use super::{Aggregate, AggregateError, MAX_GROUPS};
use crate::model::Quiz;
use crate::sanitize::clean_line;
use crate::scoring::{Assessment, assess};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// A result as read, before duplicates are dropped: small, since one is
/// kept per distinct result until every input is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Who it is ([`key_of`]); `None` for share codes, never merged.
    pub key: Option<u128>,
    /// When it was finished (RFC 3339 UTC; compares as text), if known.
    pub finished: Option<Box<str>>,
    /// Input position (item, line), for ties.
    pub order: (u64, u64),
    /// The quiz it names (shared between entries of one quiz).
    pub quiz: Arc<QuizInfo>,
    pub name: Option<Box<str>>,
    /// 1-based option numbers; 0 when skipped.
    pub answers: Box<[u8]>,
    /// Only for a quiz careerfit does not know (nothing else of it is
    /// kept): what to call the input in a message, and the outcome title
    /// the file states.
    pub unknown: Option<Box<Unknown>>,
}

/// What is kept of a result of a quiz careerfit does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Unknown {
    pub what: String,
    pub stated_outcome: String,
}

impl Entry {
    /// A share code's entry (no identity: every line counts).
    pub fn code(quiz: Arc<QuizInfo>, order: (u64, u64), answers: &[Option<usize>]) -> Self {
        Entry {
            key: None,
            finished: None,
            order,
            quiz,
            name: None,
            answers: answers
                .iter()
                .map(|a| a.and_then(|k| u8::try_from(k + 1).ok()).unwrap_or(0))
                .collect(),
            unknown: None,
        }
    }
}

fn hash128(parts: &[&[u8]]) -> u128 {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    u128::from_le_bytes(b)
}

/// The identity of a result file: its id (32 hex digits as the number
/// they spell, any other text hashed), or for files without an id a hash
/// of quiz id, fingerprint, answers and nickname.
pub fn key_of(v: &ResultView) -> u128 {
    if let Some(id) = v.id.as_deref() {
        if id.len() == 32
            && let Ok(n) = u128::from_str_radix(id, 16)
        {
            return n;
        }
        return hash128(&[b"id", id.as_bytes()]);
    }
    let answers: Vec<u8> = v
        .answers
        .iter()
        .flat_map(|a| (a.unwrap_or(0) as u64).to_le_bytes())
        .collect();
    let name = v.name.as_deref().unwrap_or("");
    hash128(&[
        b"legacy",
        v.quiz.id.as_bytes(),
        v.quiz.fingerprint.as_bytes(),
        &answers,
        name.as_bytes(),
    ])
}

/// Which of two entries with the same key counts: finished last, then first read.
fn better(a: &Entry, b: &Entry) -> bool {
    match a.finished.cmp(&b.finished) {
        std::cmp::Ordering::Equal => a.order < b.order,
        o => o == std::cmp::Ordering::Greater,
    }
}

/// What happened to one entry when recorded.
pub enum Recorded<'a> {
    /// Counted in group `group`; `view` is the re-scored result (known quizzes).
    Added {
        group: usize,
        entry: &'a Entry,
        view: Option<&'a ResultView<'a>>,
        /// The full scoring behind `view`, unrounded (for item analysis).
        assessment: Option<&'a Assessment>,
    },
    /// Left out with a reason (too many groups): what it is, and why.
    Skipped(&'a str, AggregateError),
}

/// Entries scored at a time: enough to keep the threads busy, few enough
/// that their assessments take little memory.
const SCORE_BATCH: usize = 2048;

type Slot = Result<(usize, Option<Arc<Quiz>>), AggregateError>;

/// Scores the entries of loaded quizzes, in order, on `threads` threads.
fn assess_all(batch: &[Entry], slots: &[Slot], threads: usize) -> Vec<Option<Assessment>> {
    let one = |(e, slot): (&Entry, &Slot)| {
        let quiz = slot.as_ref().ok()?.1.as_ref()?;
        let answers: Vec<Option<usize>> = e
            .answers
            .iter()
            .map(|&k| usize::from(k).checked_sub(1))
            .collect();
        Some(assess(quiz, &answers))
    };
    let chunk = batch.len().div_ceil(threads.max(1)).max(1);
    let parallel: Option<Vec<Option<Assessment>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .zip(slots.chunks(chunk))
            .map(|(b, s)| scope.spawn(move || b.iter().zip(s).map(one).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(batch.len());
        for h in handles {
            out.extend(h.join().ok()?);
        }
        Some(out)
    });
    // A thread that failed (it should not) costs time, never a result.
    parallel.unwrap_or_else(|| batch.iter().zip(slots).map(one).collect())
}

/// One quiz's [`QuizInfo`] shared by all its entries, per reader.
#[derive(Debug, Default, Clone)]
pub struct Interner(Vec<Arc<QuizInfo>>);

impl Interner {
    pub fn get(&mut self, q: QuizInfo) -> Arc<QuizInfo> {
        if let Some(a) = self.0.iter().find(|a| ***a == q) {
            return Arc::clone(a);
        }
        let a = Arc::new(q);
        // Bounded: hostile input may name many quizzes; past a few hundred
        // entries share nothing, which costs memory, never correctness.
        if self.0.len() < 4 * MAX_GROUPS {
            self.0.push(Arc::clone(&a));
        }
        a
    }
}

impl Aggregate {
    /// Checks a parsed result against its group (without recording it)
    /// and turns it into an entry.
    pub fn admit(
        &self,
        v: &ResultView,
        order: (u64, u64),
        what: &str,
        quizzes: &mut Interner,
    ) -> Result<Entry, AggregateError> {
        let known = match self.groups.iter().find(|g| g.accepts(v)) {
            Some(g) => {
                g.check(v)?;
                g.known
            }
            None => {
                super::check::check_unknown(v)?;
                false
            }
        };
        let g = Group::from_view(v);
        Ok(Entry {
            key: Some(key_of(v)),
            finished: v.finished.as_deref().map(|f| clean_line(f).into()),
            order,
            quiz: quizzes.get(g.quiz),
            name: v.name.as_deref().map(|n| clean_line(n).into()),
            answers: v
                .answers
                .iter()
                .map(|a| a.and_then(|k| u8::try_from(k).ok()).unwrap_or(0))
                .collect(),
            unknown: (!known).then(|| {
                Box::new(Unknown {
                    what: what.to_string(),
                    stated_outcome: clean_line(&v.recommendation.title),
                })
            }),
        })
    }

    /// Keeps one entry per key ([`better`]); returns them and how many were dropped.
    pub fn unique(entries: Vec<Entry>) -> (Vec<Entry>, u64) {
        let mut best: HashMap<u128, Entry> = HashMap::new();
        let mut out = Vec::new();
        let mut dropped = 0;
        for e in entries {
            let Some(k) = e.key else {
                out.push(e);
                continue;
            };
            match best.get_mut(&k) {
                Some(b) => {
                    dropped += 1;
                    if better(&e, b) {
                        *b = e;
                    }
                }
                None => {
                    best.insert(k, e);
                }
            }
        }
        out.extend(best.into_values());
        (out, dropped)
    }

    /// Drops duplicates, re-scores and records every entry in canonical
    /// order (quiz, answers, nickname, input order); calls `each` for
    /// every entry in that order. Scoring, the costly part, runs on
    /// `threads` threads a batch at a time; recording stays in canonical
    /// order, so the report does not depend on the number of threads.
    /// Returns how many duplicates were dropped.
    pub fn record_all(
        &mut self,
        entries: Vec<Entry>,
        threads: usize,
        mut each: impl FnMut(&Aggregate, Recorded),
    ) -> u64 {
        let (mut entries, dropped) = Self::unique(entries);
        entries.sort_by(|a, b| {
            (
                &a.quiz.id,
                &a.quiz.fingerprint,
                &a.answers,
                &a.name,
                a.order,
            )
                .cmp(&(
                    &b.quiz.id,
                    &b.quiz.fingerprint,
                    &b.answers,
                    &b.name,
                    b.order,
                ))
        });
        self.duplicates += dropped;
        for batch in entries.chunks(SCORE_BATCH) {
            let slots: Vec<_> = batch.iter().map(|e| self.group_for(e)).collect();
            let assessed = assess_all(batch, &slots, threads);
            for ((e, slot), a) in batch.iter().zip(slots).zip(assessed) {
                let (i, quiz) = match slot {
                    Ok(x) => x,
                    Err(err) => {
                        let what = e.unknown.as_ref().map_or("", |u| u.what.as_str());
                        self.skip_invalid(what);
                        each(self, Recorded::Skipped(what, err));
                        continue;
                    }
                };
                let (Some(quiz), Some(a)) = (quiz, a) else {
                    self.groups[i].count += 1;
                    each(
                        self,
                        Recorded::Added {
                            group: i,
                            entry: e,
                            view: None,
                            assessment: None,
                        },
                    );
                    continue;
                };
                let v = ResultView::scored(&quiz, &a, e.name.as_deref());
                self.groups[i].record(&v);
                each(
                    self,
                    Recorded::Added {
                        group: i,
                        entry: e,
                        view: Some(&v),
                        assessment: Some(&a),
                    },
                );
            }
        }
        dropped
    }

    /// The group an entry goes into (created for a quiz careerfit does not
    /// know), and its loaded quiz if it has one.
    fn group_for(&mut self, e: &Entry) -> Result<(usize, Option<Arc<Quiz>>), AggregateError> {
        let found = self
            .groups
            .iter()
            .position(|g| g.quiz.id == e.quiz.id && g.quiz.fingerprint == e.quiz.fingerprint);
        let i = match found {
            Some(i) => i,
            None => {
                if self.unknown_groups() >= MAX_GROUPS {
                    return Err(AggregateError::TooManyGroups);
                }
                self.groups.push(Group::unknown((*e.quiz).clone()));
                self.groups.len() - 1
            }
        };
        Ok((i, self.groups[i].model.clone()))
    }
}
