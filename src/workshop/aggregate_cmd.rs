//! `careerfit aggregate PATH...`: one report for a whole group.
//!
//! Inputs stream through [`super::collect`]; bad ones are listed on stderr
//! with the reason and counted in the report. Exit 0 when at least one
//! result was read, 2 when none.

use super::collect::{Event, Settings, collect};
use super::csv_out::CsvSinks;
use super::inputs::{Item, Walk};
use crate::bundled;
use crate::core::aggregate::{self, Aggregate, DEFAULT_MIN_GROUP};
use crate::core::model::Quiz;
use crate::core::sanitize::clean;
use crate::edge::{Failure, QuizArg, io_reason, load_quiz};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AggFormat {
    #[default]
    Text,
    Markdown,
    Csv,
    Json,
    /// One self-contained page with charts, for a projector or a printer.
    Html,
}

impl AggFormat {
    /// The format's name and the file extensions that say it.
    fn names(self) -> (&'static str, &'static [&'static str]) {
        match self {
            AggFormat::Text => ("text", &["txt", "text"]),
            AggFormat::Markdown => ("markdown", &["md", "markdown"]),
            AggFormat::Csv => ("csv", &["csv"]),
            AggFormat::Json => ("json", &["json"]),
            AggFormat::Html => ("html", &["html", "htm"]),
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct AggregateArgs {
    /// Result files, folders (searched recursively for *.json), text files
    /// of share codes (one per line, `#` comments), `-` for codes on stdin,
    /// or a PostgreSQL URL (postgres://…) for every result in that database.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
    /// The quiz share codes are read against (results name their own quiz).
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: AggFormat,
    /// Groups with fewer results show only their count, to keep people anonymous.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_GROUP)]
    pub min_group: u64,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// An accumulator that knows `quiz` and every bundled quiz, so their
/// results are checked against them and reports can show question texts.
pub fn template(quiz: &Quiz) -> Aggregate {
    let mut t = Aggregate::new();
    t.expect(quiz);
    for (_, _, src) in bundled::BUNDLED {
        if let Ok(q) = crate::core::load::load(src.as_bytes()) {
            t.expect(&q);
        }
    }
    t
}

/// Reader threads: the cores there are, at most 4 (reading is the floor).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// The message for a run that read no result at all.
fn nothing_read(skipped: u64) -> Failure {
    Failure::input(if skipped == 0 {
        "error: no results found (folders are searched for *.json result files)".to_string()
    } else {
        format!("error: no results could be read ({skipped} skipped)")
    })
}

/// What the reading of a group report's inputs hands on for each result
/// counted: its group in the final accumulator, and (when asked for) its
/// CSV row and its answers.
pub struct Added {
    pub group: usize,
    pub row: Option<String>,
    pub answers: Option<Box<[u8]>>,
    pub scored: Option<crate::core::analysis::Scored>,
}

/// Reads every input of a group report, as `aggregate` and `analyze` both
/// do, so they count the same results: inputs left out are named on
/// stderr with the reason, copies of a result (same id) are counted once
/// and noted, and a run that read no result at all fails (exit 2).
/// `added` sees every result counted, in canonical order.
pub fn read_inputs(
    items: impl Iterator<Item = Item>,
    quiz: &Quiz,
    (csv, answers): (bool, bool),
    mut added: impl FnMut(&Aggregate, Added),
) -> Result<Aggregate, Failure> {
    let others = bundled::fingerprints();
    let settings = Settings {
        quiz,
        others: &others,
        csv,
        answers,
        threads: threads(),
    };
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let agg = collect(items, &template(quiz), &settings, |agg, ev| match ev {
        Event::Skipped { what, reason } => {
            let _ = writeln!(
                err,
                "{}",
                clean(&format!("warning: skipped {what}: {reason}"))
            );
        }
        Event::Added {
            group,
            row,
            answers,
            scored,
        } => added(
            agg,
            Added {
                group,
                row,
                answers,
                scored,
            },
        ),
    })
    .map_err(|e| Failure::other(format!("error: {e}")))?;
    if agg.duplicates > 0 {
        let _ = writeln!(
            err,
            "note: {} copies of results already counted were left out (same result id)",
            agg.duplicates
        );
    }
    if agg.count() == 0 {
        return Err(nothing_read(agg.skipped));
    }
    Ok(agg)
}

/// `aggregate` on the files and folders named (a database URL among them
/// is `careerfit-serve`'s: [`crate::cli::run`] hands it over).
pub fn run(a: &AggregateArgs) -> Result<String, Failure> {
    run_from(a, Walk::new(a.paths.clone()))
}

/// `aggregate` on `items`: the inputs the paths name, rows of a database
/// among them.
pub fn run_from(a: &AggregateArgs, items: impl Iterator<Item = Item>) -> Result<String, Failure> {
    if let Some(out) = &a.output {
        let (name, extensions) = a.format.names();
        crate::edge::check_extension(out, name, extensions)?;
    }
    let quiz = load_quiz(&a.quiz)?;
    let mut csv = CsvSinks::default();
    let want_csv = a.format == AggFormat::Csv;
    let agg = read_inputs(items, &quiz, (want_csv, false), |agg, x| {
        if let Some(row) = x.row {
            csv.push(&agg.groups()[x.group], &row);
        }
    })?;
    let min = a.min_group;
    let report = match a.format {
        AggFormat::Text => aggregate::text(&agg, min),
        AggFormat::Markdown => aggregate::markdown(&agg, min),
        AggFormat::Json => aggregate::json(&agg, min),
        AggFormat::Html => html(&agg, min)?,
        AggFormat::Csv => {
            let mut buf = Vec::new();
            let written = match &a.output {
                Some(_) => csv.finish(min, &mut buf),
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    csv.finish(min, &mut out)
                        .and_then(|n| out.flush().map(|()| n))
                }
            };
            let notes = written.map_err(|e| {
                Failure::other(format!("error: cannot write the CSV: {}", io_reason(&e)))
            })?;
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            for n in notes {
                let _ = writeln!(err, "{}", clean(&n));
            }
            if agg.skipped > 0 {
                let _ = writeln!(err, "note: {} inputs skipped", agg.skipped);
            }
            String::from_utf8_lossy(&buf).into_owned()
        }
    };
    match &a.output {
        Some(path) => crate::edge::write_output(path, report.as_bytes()),
        None => Ok(report),
    }
}

/// The HTML report, dated now (UTC).
pub fn html(agg: &Aggregate, min_group: u64) -> Result<String, Failure> {
    let date = format!("{} UTC", crate::store::utc_string(crate::store::now_secs()));
    crate::render::html::report(agg, min_group, &date)
        .map_err(|e| Failure::other(format!("error: cannot make the HTML report: {e}")))
}
