//! Reading many inputs on every core, in input order, in flat memory.
//!
//! Items are taken from the walk in batches; each batch is split between
//! worker threads (std threads, no runtime), each with its own reusable
//! read buffer and its own [`Aggregate`]. Events (a result added, an input
//! skipped) are handed to the caller in input order after each batch, so
//! stderr and CSV rows do not depend on thread timing, and the per-worker
//! accumulators are merged at the end. Memory is one batch of events plus
//! fixed-size statistics, however many files there are.

use super::inputs::{Item, MAX_CODES_BYTES, MAX_RESULT_BYTES, read_capped_from, read_into};
use crate::core::aggregate::{Aggregate, ResultView, csv_row};
use crate::core::model::Quiz;
use crate::core::{code, report};

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
            Item::Unreadable(p, why) => self.skip(p.display().to_string(), why.clone()),
            Item::Json(p) => match read_into(p, MAX_RESULT_BYTES, &mut self.buf) {
                Ok(()) => self.add_json(p.display().to_string(), s),
                Err(why) => self.skip(p.display().to_string(), why),
            },
            Item::File(p) => {
                let name = p.display().to_string();
                if let Err(why) = read_into(p, MAX_CODES_BYTES, &mut self.buf) {
                    return self.skip(name, why);
                }
                let first = self.buf.iter().find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'{') {
                    if self.buf.len() > MAX_RESULT_BYTES {
                        return self.skip(name, "it is too large to be a result".into());
                    }
                    self.add_json(name, s);
                } else {
                    self.codes(&name, s);
                }
            }
            Item::Stdin => {
                self.buf.clear();
                let stdin = std::io::stdin();
                match read_capped_from(stdin.lock(), MAX_CODES_BYTES, &mut self.buf) {
                    Ok(()) => self.codes("stdin", s),
                    Err(why) => self.skip("stdin".into(), why),
                }
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

    /// One share code per line; blank lines and `#` comments are ignored.
    fn codes(&mut self, name: &str, s: &Settings) {
        let buf = std::mem::take(&mut self.buf);
        match std::str::from_utf8(&buf) {
            Err(_) => self.skip(
                name.to_string(),
                "it is neither a result file nor a text of share codes (not UTF-8)".into(),
            ),
            Ok(text) => {
                for (n, line) in text.lines().enumerate() {
                    let line = line
                        .split('#')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_start_matches('\u{feff}');
                    if !line.is_empty() {
                        self.code(&format!("{name}:{}", n + 1), line, s);
                    }
                }
            }
        }
        self.buf = buf;
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
