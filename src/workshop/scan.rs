//! The dashboard's side effects on files: a full rescan of the workshop
//! folder, and the `e` export. A rescan is a plain `aggregate` run over
//! the folder (plus `codes.txt`, where the facilitator can paste share
//! codes people sent), so the dashboard counts exactly as the report does.

use super::aggregate_cmd::{template, threads};
use super::collect::{Event, Settings, collect};
use super::csv_out::CsvSinks;
use super::inputs::Walk;
use crate::bundled;
use crate::core::aggregate::{self, Aggregate};
use crate::core::model::Quiz;
use crate::edge::io_reason;
use crate::store;
use std::path::{Path, PathBuf};

/// Share codes pasted into this file in the workshop folder are counted too.
pub const CODES_FILE: &str = "codes.txt";

/// Everything a scan needs, prepared once.
pub struct Scanner {
    pub dir: PathBuf,
    quiz: Quiz,
    others: Vec<(String, String)>,
    template: Aggregate,
}

impl Scanner {
    pub fn new(dir: PathBuf, quiz: Quiz) -> Self {
        Scanner {
            template: template(&quiz),
            others: bundled::fingerprints(),
            dir,
            quiz,
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
    pub fn scan(&self, mut csv: Option<&mut CsvSinks>) -> Aggregate {
        let settings = Settings {
            quiz: &self.quiz,
            others: &self.others,
            csv: csv.is_some(),
            answers: false,
            threads: threads(),
        };
        let result = collect(self.inputs(), &self.template, &settings, |agg, ev| {
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

    /// Writes the current report as Markdown, CSV and HTML into the
    /// folder, with unique names and atomically; returns the message for
    /// the footer, which names the files (`NAME.md, .csv and .html`) and
    /// where they are (the folder the dashboard shows).
    pub fn export(&self, min_group: u64) -> String {
        match self.try_export(min_group) {
            Ok(names) => format!("Exported {names} into the workshop folder"),
            Err(e) => format!("Export failed: {e}"),
        }
    }

    fn try_export(&self, min_group: u64) -> Result<String, String> {
        let mut sinks = CsvSinks::default();
        let agg = self.scan(Some(&mut sinks));
        let stem = format!("workshop-report-{}", store::stamp(store::now_secs()));
        let md = store::write_unique_as(
            &self.dir,
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
            let path =
                store::write_unique_as(&self.dir, &stem, "csv", &text, store::Access::Shared)
                    .map_err(|e| io_reason(&e))?;
            names.push(ext(&path));
        }
        let html = super::aggregate_cmd::html(&agg, min_group).map_err(|f| f.message)?;
        let path = store::write_unique_as(&self.dir, &stem, "html", &html, store::Access::Shared)
            .map_err(|e| io_reason(&e))?;
        names.push(ext(&path));
        Ok(match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => names.concat(),
        })
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || crate::core::sanitize::clean_path(p),
        |n| n.to_string_lossy().into_owned(),
    )
}
