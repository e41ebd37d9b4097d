//! Reading many inputs on every core, in input order, in flat memory.
//!
//! Items are taken from the walk in batches; each batch is split between
//! worker threads (std threads, no runtime), each with its own reusable
//! read buffer and its own [`Aggregate`]. Events (a result added, an input
//! skipped) are handed to the caller in input order after each batch, so
//! stderr and CSV rows do not depend on thread timing, and the per-worker
//! accumulators are merged at the end. Memory is one batch of events plus
//! fixed-size statistics, however many files there are.

use super::inputs::{Item, MAX_CODES_BYTES, MAX_RESULT_BYTES};
use crate::core::aggregate::{Aggregate, Entry, Interner, QuizInfo, Recorded, ResultView, csv_row};
use crate::core::analysis::Scored;
use crate::core::code;
use crate::core::model::Quiz;
use crate::core::sanitize::{clean_line, clean_path};
use crate::fsread::{self, Line};
use std::io::{BufReader, Read};

/// Longest line of a codes file looked at: twice the longest share code,
/// so spaces and a comment fit; a longer line is skipped, not kept.
const MAX_CODE_LINE: usize = 2 * code::MAX_CODE;

/// Items per batch: large enough to keep threads busy, small enough that a
/// batch's events are a few kilobytes.
const BATCH: usize = 512;

/// What the readers need to know.
pub struct Settings<'a> {
    /// The quiz share codes are decoded against.
    pub quiz: &'a Quiz,
    /// Known quizzes by fingerprint, so a code of another quiz says which.
    pub others: &'a [(String, String)],
    /// Make a CSV row for every result added.
    pub csv: bool,
    /// Hand over every added result's answers (for `analyze`).
    pub answers: bool,
    /// Reader threads (at least 1).
    pub threads: usize,
}

/// What happened to one input (or one line of a share-code file).
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A result went into group `group` of the final accumulator. Added
    /// events come after every input is read (duplicates are only known
    /// then), in the report's canonical order. `row` is its CSV row and
    /// `answers` its 1-based option numbers (0 for skipped), each when
    /// [`Settings`] asks for it.
    Added {
        group: usize,
        row: Option<String>,
        answers: Option<Box<[u8]>>,
        /// With `answers`, for a quiz careerfit has loaded: the outcome and
        /// fits the result was re-scored to, so they are not worked out twice.
        scored: Option<Scored>,
    },
    /// `what` (a path, or `path:line`) was left out, and why.
    Skipped { what: String, reason: String },
}

struct Worker {
    agg: Aggregate,
    buf: Vec<u8>,
    events: Vec<Event>,
    /// Results read, recorded once every input is read.
    entries: Vec<Entry>,
    /// The input being read (its position in the walk), and the line.
    item: u64,
    /// Quizzes named so far, shared by the entries that name them.
    quizzes: Interner,
}

impl Worker {
    /// An input that is there but not a result (or not one careerfit can count).
    fn skip(&mut self, what: String, reason: String) {
        self.agg.skip_invalid(&what);
        self.events.push(Event::Skipped { what, reason });
    }

    /// An input that could not be read at all (permissions, I/O).
    fn unreadable(&mut self, what: String, reason: String) {
        self.agg.skip_unreadable(&what);
        self.events.push(Event::Skipped { what, reason });
    }

    /// A read error: unreadable when the system refused, else not a result.
    fn read_failed(&mut self, what: String, why: &fsread::ReadError) {
        if matches!(why, fsread::ReadError::Io(_)) {
            self.unreadable(what, why.to_string());
        } else {
            self.skip(what, why.to_string());
        }
    }

    fn run(&mut self, first: u64, items: &[Item], s: &Settings) {
        for (n, item) in (first..).zip(items) {
            self.item = n;
            self.process(item, s);
        }
    }

    fn process(&mut self, item: &Item, s: &Settings) {
        match item {
            Item::Unreadable(p, why) => self.unreadable(clean_path(p), why.clone()),
            Item::Json(p) => match fsread::read_into(p, MAX_RESULT_BYTES, &mut self.buf) {
                Ok(()) => self.add_json(clean_path(p)),
                Err(why) => self.read_failed(clean_path(p), &why),
            },
            Item::File(p) => self.file(p, s),
            Item::Data { what, bytes } => match bytes {
                Some(b) if b.len() <= MAX_RESULT_BYTES => {
                    self.buf.clear();
                    self.buf.extend_from_slice(b);
                    self.add_json(clean_line(what));
                }
                _ => self.skip(clean_line(what), "it is too large to be a result".into()),
            },
            Item::Stdin => {
                let stdin = std::io::stdin();
                self.codes("stdin", stdin.lock(), s);
            }
        }
    }

    /// A file named on the command line: a result if it starts with `{`,
    /// otherwise share codes, read line by line.
    fn file(&mut self, p: &std::path::Path, s: &Settings) {
        let name = clean_path(p);
        let mut f = match fsread::open_regular(p) {
            Ok(f) => f,
            Err(why) => return self.read_failed(name, &why),
        };
        self.buf.clear();
        let head = fsread::read_capped_from(&mut f, MAX_RESULT_BYTES, &mut self.buf);
        if let Err(fsread::ReadError::Io(e)) = &head {
            return self.unreadable(
                name,
                format!("cannot read it: {}", crate::edge::io_reason(e)),
            );
        }
        let first = self.buf.iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') {
            if head.is_err() {
                return self.skip(name, "it is too large to be a result".into());
            }
            return self.add_json(name);
        }
        let start = std::mem::take(&mut self.buf);
        self.codes(&name, std::io::Cursor::new(&start).chain(f), s);
        self.buf = start;
    }

    /// One share code per line; blank lines and `#` comments are ignored.
    /// A line that is not UTF-8 or too long is skipped with its number and
    /// the rest still counts. At most [`MAX_CODES_BYTES`] are read.
    fn codes(&mut self, name: &str, r: impl Read, s: &Settings) {
        let mut r = BufReader::new(r.take(MAX_CODES_BYTES as u64 + 1));
        let mut line = Vec::new();
        let mut read = 0usize;
        for n in 1.. {
            let what = || format!("{name}:{n}");
            let got = match fsread::read_line_capped(&mut r, MAX_CODE_LINE, &mut line) {
                Ok(got) => got,
                Err(e) => {
                    let why = format!("cannot read it: {}", crate::edge::io_reason(&e));
                    return self.skip(what(), why);
                }
            };
            let long = match got {
                None => return,
                Some(Line { long, bytes }) => {
                    read += bytes;
                    long
                }
            };
            if read > MAX_CODES_BYTES {
                let why = format!(
                    "only the first {} are read; the rest is left out",
                    fsread::size(MAX_CODES_BYTES)
                );
                return self.skip(what(), why);
            }
            if long {
                self.skip(what(), "the line is too long to be a share code".into());
                continue;
            }
            let Ok(text) = std::str::from_utf8(&line) else {
                self.skip(what(), "the line is not UTF-8 text".into());
                continue;
            };
            let code = text
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_start_matches('\u{feff}');
            if !code.is_empty() {
                self.code(&what(), code, s);
            }
        }
    }

    fn add_json(&mut self, what: String) {
        let result = ResultView::parse(&self.buf)
            .map_err(Into::into)
            .and_then(|v| self.agg.admit(&v, (self.item, 0), &what, &mut self.quizzes));
        match result {
            Ok(e) => self.entries.push(e),
            Err(e) => self.skip(what, e.to_string()),
        }
    }

    fn code(&mut self, what: &str, line: &str, s: &Settings) {
        let answers = match code::decode(s.quiz, line, s.others) {
            Ok(a) => a,
            Err(e) => return self.skip(what.to_string(), e.to_string()),
        };
        let seq = self.entries.len() as u64 + 1;
        let quiz = self.quizzes.get(QuizInfo {
            id: s.quiz.id.clone(),
            title: s.quiz.title.clone(),
            version: s.quiz.version.clone(),
            fingerprint: s.quiz.fingerprint.clone(),
        });
        self.entries
            .push(Entry::code(quiz, (self.item, seq), &answers));
    }
}

/// Reads every item; calls `sink` with each skipped input in input order,
/// then, once duplicates are dropped, with each result added (and the
/// final accumulator, to look groups up); returns that accumulator.
pub fn collect(
    items: impl Iterator<Item = Item>,
    template: &Aggregate,
    s: &Settings,
    mut sink: impl FnMut(&Aggregate, Event),
) -> Result<Aggregate, String> {
    let mut workers: Vec<Worker> = (0..s.threads.max(1))
        .map(|_| Worker {
            agg: template.clone(),
            buf: Vec::new(),
            events: Vec::new(),
            entries: Vec::new(),
            item: 0,
            quizzes: Interner::default(),
        })
        .collect();
    let mut next: u64 = 0;
    let mut items = items.peekable();
    let mut batch = Vec::with_capacity(BATCH);
    while items.peek().is_some() {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        let chunk = batch.len().div_ceil(workers.len()).max(1);
        let base = next;
        next += batch.len() as u64;
        let ok = std::thread::scope(|scope| {
            let mut parts = workers
                .iter_mut()
                .zip(batch.chunks(chunk))
                .zip((base..).step_by(chunk));
            let first = parts.next();
            let handles: Vec<_> = parts
                .map(|((w, part), at)| scope.spawn(move || w.run(at, part, s)))
                .collect();
            if let Some(((w, part), at)) = first {
                w.run(at, part, s);
            }
            handles.into_iter().all(|h| h.join().is_ok())
        });
        if !ok {
            return Err("a reader thread failed".into());
        }
        let events: Vec<Event> = workers
            .iter_mut()
            .flat_map(|w| w.events.drain(..))
            .collect();
        for e in events {
            sink(template, e);
        }
    }
    let mut all = template.clone();
    let mut entries = Vec::new();
    for w in workers {
        all.merge_problems(&w.agg);
        entries.extend(w.entries);
    }
    all.record_all(entries, s.threads, |agg, r| match r {
        Recorded::Added {
            group,
            view,
            entry,
            assessment,
        } => {
            let row = s.csv.then(|| {
                let g = &agg.groups()[group];
                match view {
                    Some(v) => csv_row(g, v),
                    None => unknown_row(g, entry),
                }
            });
            let answers = s.answers.then(|| entry.answers.clone());
            let scored = assessment.filter(|_| s.answers).map(Scored::of);
            sink(
                agg,
                Event::Added {
                    group,
                    row,
                    answers,
                    scored,
                },
            );
        }
        Recorded::Skipped(what, why) => sink(
            agg,
            Event::Skipped {
                what: what.to_string(),
                reason: why.to_string(),
            },
        ),
    });
    Ok(all)
}

/// The CSV row of a result of a quiz careerfit does not know: only what
/// identifies the quiz, the nickname and the outcome it states (nothing
/// else of it is kept).
fn unknown_row(g: &crate::core::aggregate::Group, e: &Entry) -> String {
    use crate::core::aggregate::{RowKey, csv_rows};
    let key = RowKey {
        quiz: &g.quiz.id,
        version: &g.quiz.version,
        fingerprint: &g.quiz.fingerprint,
        result: g.count,
        nickname: e.name.as_deref().unwrap_or(""),
        outcome: e.unknown.as_ref().map_or("", |u| u.stated_outcome.as_str()),
    };
    csv_rows(&key, &[])
}
