//! The dashboard's side effects on files: a full rescan of the workshop
//! folder, and the `e` export. A rescan is a plain `aggregate` run over
//! the folder (plus `codes.txt`, where the facilitator can paste share
//! codes people sent), so the dashboard counts exactly as the report does.
//! [`Counter`] and [`export`] do the same for results from elsewhere (a
//! database's rows), so every source counts and exports one way.

use super::aggregate_cmd::{template, threads};
use super::collect::{Event, Settings, collect};
use super::csv_out::CsvSinks;
use super::inputs::{Item, Walk};
use crate::bundled;
use crate::core::aggregate::{self, Aggregate};
use crate::core::model::Quiz;
use crate::edge::io_reason;
use crate::store;
use std::path::{Path, PathBuf};

/// Share codes pasted into this file in the workshop folder are counted too.
pub const CODES_FILE: &str = "codes.txt";

/// What counting needs, prepared once: the quiz, and the quizzes results
/// may belong to instead.
pub struct Counter {
    quiz: Quiz,
    others: Vec<(String, String)>,
    template: Aggregate,
}

impl Counter {
    pub fn new(quiz: Quiz) -> Self {
        Counter {
            template: template(&quiz),
            others: bundled::fingerprints(),
            quiz,
        }
    }

    /// Counts `items` as `careerfit aggregate` does; rows go to `csv`
    /// when given.
    pub fn count(
        &self,
        items: impl Iterator<Item = Item>,
        mut csv: Option<&mut CsvSinks>,
    ) -> Aggregate {
        let settings = Settings {
            quiz: &self.quiz,
            others: &self.others,
            csv: csv.is_some(),
            answers: false,
            threads: threads(),
        };
        let result = collect(items, &self.template, &settings, |agg, ev| {
            if let (
                Some(sinks),
                Event::Added {
                    group,
                    row: Some(row),
                    ..
                },
            ) = (csv.as_deref_mut(), ev)
            {
                sinks.push(&agg.groups()[group], &row);
            }
        });
        result.unwrap_or_else(|_| self.template.clone())
    }
}

/// Everything a scan of the folder needs, prepared once.
pub struct Scanner {
    pub dir: PathBuf,
    counter: Counter,
}

impl Scanner {
    pub fn new(dir: PathBuf, quiz: Quiz) -> Self {
        Scanner {
            dir,
            counter: Counter::new(quiz),
        }
    }

    fn inputs(&self) -> Walk {
        let mut paths = vec![self.dir.clone()];
        let codes = self.dir.join(CODES_FILE);
        if codes.is_file() {
            paths.push(codes);
        }
        Walk::new(paths)
    }

    /// Reads the whole folder again; rows go to `csv` when given.
    pub fn scan(&self, csv: Option<&mut CsvSinks>) -> Aggregate {
        self.counter.count(self.inputs(), csv)
    }

    /// Writes the current report as Markdown, CSV and HTML into the
    /// folder, with unique names and atomically; returns the message for
    /// the footer, which names the files (`NAME.md, .csv and .html`) and
    /// where they are (the folder the dashboard shows).
    pub fn export(&self, min_group: u64) -> String {
        export(&self.dir, "the workshop folder", min_group, |sinks| {
            Ok(self.scan(Some(sinks)))
        })
    }
}

/// Writes the report of what `read` counts (its CSV rows into the sinks it
/// is given) as Markdown, CSV and HTML into `dir`, with unique names and
/// atomically. Returns the footer's message, naming the files and `place`
/// (how the facilitator knows `dir`), or why it failed.
pub fn export(
    dir: &Path,
    place: &str,
    min_group: u64,
    read: impl FnOnce(&mut CsvSinks) -> Result<Aggregate, String>,
) -> String {
    match try_export(dir, min_group, read) {
        Ok(names) => format!("Exported {names} into {place}"),
        Err(e) => format!("Export failed: {e}"),
    }
}

fn try_export(
    dir: &Path,
    min_group: u64,
    read: impl FnOnce(&mut CsvSinks) -> Result<Aggregate, String>,
) -> Result<String, String> {
    let mut sinks = CsvSinks::default();
    let agg = read(&mut sinks)?;
    let stem = format!("workshop-report-{}", store::stamp(store::now_secs()));
    let md = store::write_unique_as(
        dir,
        &stem,
        "md",
        &aggregate::markdown(&agg, min_group),
        store::Access::Shared,
    )
    .map_err(|e| io_reason(&e))?;
    // The other files take the Markdown's name, so one export is one stem.
    let stem = md
        .file_stem()
        .map_or(stem.clone(), |s| s.to_string_lossy().into_owned());
    let mut csv = Vec::new();
    sinks
        .finish(min_group, &mut csv)
        .map_err(|e| io_reason(&e))?;
    let mut names = vec![file_name(&md)];
    // `.csv` after `NAME.md` when the stems agree (the usual case).
    let ext = |p: &Path| match p.extension() {
        Some(e) if p.file_stem() == md.file_stem() => format!(".{}", e.to_string_lossy()),
        _ => file_name(p),
    };
    if !csv.is_empty() {
        let text = String::from_utf8_lossy(&csv);
        let path = store::write_unique_as(dir, &stem, "csv", &text, store::Access::Shared)
            .map_err(|e| io_reason(&e))?;
        names.push(ext(&path));
    }
    let html = super::aggregate_cmd::html(&agg, min_group).map_err(|f| f.message)?;
    let path = store::write_unique_as(dir, &stem, "html", &html, store::Access::Shared)
        .map_err(|e| io_reason(&e))?;
    names.push(ext(&path));
    Ok(match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    })
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || crate::core::sanitize::clean_path(p),
        |n| n.to_string_lossy().into_owned(),
    )
}
