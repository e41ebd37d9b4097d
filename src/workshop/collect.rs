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
use crate::core::aggregate::{Aggregate, ResultView, csv_row};
use crate::core::model::Quiz;
use crate::core::sanitize::clean_path;
use crate::core::{code, report};
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
    /// Reader threads (at least 1).
    pub threads: usize,
}

/// What happened to one input (or one line of a share-code file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A result went into group `group` of worker `worker`'s accumulator.
    Added {
        worker: usize,
        group: usize,
        row: Option<String>,
    },
    /// `what` (a path, or `path:line`) was left out, and why.
    Skipped { what: String, reason: String },
}

struct Worker {
    index: usize,
    agg: Aggregate,
    buf: Vec<u8>,
    events: Vec<Event>,
}

impl Worker {
    fn skip(&mut self, what: String, reason: String) {
        self.agg.skip();
        self.events.push(Event::Skipped { what, reason });
    }

    fn run(&mut self, items: &[Item], s: &Settings) {
        for item in items {
            self.process(item, s);
        }
    }

    fn process(&mut self, item: &Item, s: &Settings) {
        match item {
            Item::Unreadable(p, why) => self.skip(clean_path(p), why.clone()),
            Item::Json(p) => match fsread::read_into(p, MAX_RESULT_BYTES, &mut self.buf) {
                Ok(()) => self.add_json(clean_path(p), s),
                Err(why) => self.skip(clean_path(p), why.to_string()),
            },
            Item::File(p) => self.file(p, s),
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
            Err(why) => return self.skip(name, why.to_string()),
        };
        self.buf.clear();
        let head = fsread::read_capped_from(&mut f, MAX_RESULT_BYTES, &mut self.buf);
        if let Err(fsread::ReadError::Io(e)) = &head {
            return self.skip(
                name,
                format!("cannot read it: {}", crate::edge::io_reason(e)),
            );
        }
        let first = self.buf.iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') {
            if head.is_err() {
                return self.skip(name, "it is too large to be a result".into());
            }
            return self.add_json(name, s);
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

    fn add_json(&mut self, what: String, s: &Settings) {
        let Worker {
            index,
            agg,
            buf,
            events,
        } = self;
        let result = ResultView::parse(buf).map_err(Into::into).and_then(|v| {
            agg.add_view(&v)
                .map(|g| (g, s.csv.then(|| csv_row(&agg.groups()[g], &v))))
        });
        match result {
            Ok((group, row)) => events.push(Event::Added {
                worker: *index,
                group,
                row,
            }),
            Err(e) => {
                agg.skip();
                events.push(Event::Skipped {
                    what,
                    reason: e.to_string(),
                });
            }
        }
    }

    fn code(&mut self, what: &str, line: &str, s: &Settings) {
        let answers = match code::decode(s.quiz, line, s.others) {
            Ok(a) => a,
            Err(e) => return self.skip(what.to_string(), e.to_string()),
        };
        let r = report::build(s.quiz, &answers, None);
        let v = ResultView::of(&r);
        match self.agg.add_view(&v) {
            Ok(group) => {
                let row = s.csv.then(|| csv_row(&self.agg.groups()[group], &v));
                self.events.push(Event::Added {
                    worker: self.index,
                    group,
                    row,
                });
            }
            Err(e) => self.skip(what.to_string(), e.to_string()),
        }
    }
}

/// Reads every item; calls `sink` with each event in input order (and the
/// workers' accumulators, to look groups up); returns the merged result.
pub fn collect(
    items: impl Iterator<Item = Item>,
    template: &Aggregate,
    s: &Settings,
    mut sink: impl FnMut(&[&Aggregate], Event),
) -> Result<Aggregate, String> {
    let mut workers: Vec<Worker> = (0..s.threads.max(1))
        .map(|index| Worker {
            index,
            agg: template.clone(),
            buf: Vec::new(),
            events: Vec::new(),
        })
        .collect();
    let mut items = items.peekable();
    let mut batch = Vec::with_capacity(BATCH);
    while items.peek().is_some() {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        let chunk = batch.len().div_ceil(workers.len()).max(1);
        let ok = std::thread::scope(|scope| {
            let mut parts = workers.iter_mut().zip(batch.chunks(chunk));
            let first = parts.next();
            let handles: Vec<_> = parts
                .map(|(w, part)| scope.spawn(move || w.run(part, s)))
                .collect();
            if let Some((w, part)) = first {
                w.run(part, s);
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
        let aggs: Vec<&Aggregate> = workers.iter().map(|w| &w.agg).collect();
        for e in events {
            sink(&aggs, e);
        }
    }
    let mut merged = template.clone();
    for w in workers {
        merged.merge(w.agg);
    }
    Ok(merged)
}
