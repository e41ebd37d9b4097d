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
//! or stdin, in any order. The cost is memory: about 100 bytes per
//! distinct result are kept until the end (ids and answers), no longer
//! flat; a room of 100,000 results needs about 10 MB.

use super::group::QuizInfo;
use super::view::ResultView;
use super::{Aggregate, AggregateError, MAX_GROUPS};
use crate::report;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A result as read, before duplicates are dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Who it is ([`key_of`]); `None` for share codes, never merged.
    pub key: Option<u128>,
    /// When it was finished (RFC 3339 UTC; compares as text), if known.
    pub finished: Option<String>,
    /// Input position (item, line), for ties and for messages in order.
    pub order: (u64, u64),
    /// What to call it in a message (a path, or `path:line`).
    pub what: String,
    pub quiz: QuizInfo,
    pub name: Option<String>,
    /// The outcome title the file states: only shown for quizzes careerfit
    /// does not know (a loaded quiz's outcome comes from re-scoring).
    pub stated_outcome: String,
    /// 1-based option numbers; `None` when skipped.
    pub answers: Vec<Option<u8>>,
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
/// of quiz fingerprint, answers and nickname.
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
    /// Counted in group `group`; `report` is the re-scored result (known quizzes).
    Added {
        group: usize,
        entry: &'a Entry,
        report: Option<Box<report::Report>>,
    },
    /// Left out with a reason (too many groups).
    Skipped(&'a Entry, AggregateError),
}

impl Aggregate {
    /// Checks a parsed result against its group (without recording it)
    /// and turns it into an entry.
    pub fn admit(
        &self,
        v: &ResultView,
        order: (u64, u64),
        what: String,
    ) -> Result<Entry, AggregateError> {
        let g_known = match self.groups.iter().find(|g| g.accepts(v)) {
            Some(g) => {
                g.check(v)?;
                g.known
            }
            None => {
                super::check::check_unknown(v)?;
                false
            }
        };
        let g = super::group::Group::from_view(v);
        Ok(Entry {
            key: Some(key_of(v)),
            finished: v.finished.as_deref().map(crate::sanitize::clean_line),
            order,
            what,
            quiz: g.quiz,
            name: v.name.as_deref().map(crate::sanitize::clean_line),
            stated_outcome: if g_known {
                String::new()
            } else {
                crate::sanitize::clean_line(&v.recommendation.title)
            },
            answers: v
                .answers
                .iter()
                .map(|a| a.and_then(|k| u8::try_from(k).ok()))
                .collect(),
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
    /// every entry in that order. Returns how many duplicates were dropped.
    pub fn record_all(
        &mut self,
        entries: Vec<Entry>,
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
        for e in &entries {
            match self.record_entry(e) {
                Ok((group, report)) => each(
                    self,
                    Recorded::Added {
                        group,
                        entry: e,
                        report,
                    },
                ),
                Err(err) => {
                    self.skip_invalid(&e.what);
                    each(self, Recorded::Skipped(e, err));
                }
            }
        }
        dropped
    }

    fn record_entry(
        &mut self,
        e: &Entry,
    ) -> Result<(usize, Option<Box<report::Report>>), AggregateError> {
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
                self.groups
                    .push(super::group::Group::unknown(e.quiz.clone()));
                self.groups.len() - 1
            }
        };
        let g = &mut self.groups[i];
        let Some(quiz) = g.model.clone() else {
            g.count += 1;
            return Ok((i, None));
        };
        let answers: Vec<Option<usize>> = e
            .answers
            .iter()
            .map(|a| a.and_then(|k| usize::from(k).checked_sub(1)))
            .collect();
        let r = report::build(&quiz, &answers, e.name.as_deref());
        g.record(&ResultView::of(&r));
        Ok((i, Some(Box::new(r))))
    }
}
