//! `careerfit analyze PATH...`: item analysis for the quiz's author.
//!
//! The inputs are read exactly as `aggregate` reads them
//! ([`crate::workshop::aggregate_cmd::read_inputs`]: result files,
//! folders, share codes, stdin; one result per id), and the same
//! anonymity rule applies: a quiz version with fewer than `--min-group`
//! results shows only its count. The statistics are the pure
//! [`crate::core::analysis`]. Exit 0 when at least one result was read,
//! 2 when none.

use crate::core::aggregate::{self, DEFAULT_MIN_GROUP};
use crate::core::analysis::{self, Body, Report, Scored, Section};
use crate::edge::{Failure, QuizArg, load_quiz};
use crate::workshop::aggregate_cmd::read_inputs;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnalyzeFormat {
    #[default]
    Text,
    Markdown,
    Json,
    Csv,
}

#[derive(Args, Debug, Clone)]
pub struct AnalyzeArgs {
    /// Result files, folders (searched recursively for *.json), text files
    /// of share codes (one per line, `#` comments), `-` for codes on stdin,
    /// or a PostgreSQL URL (postgres://…) for every result in that database.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,
    /// The quiz share codes are read against (results name their own quiz).
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: AnalyzeFormat,
    /// Quiz versions with fewer results show only their count, to keep people anonymous.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_GROUP)]
    pub min_group: u64,
}

/// One group's answer sheets and what re-scoring them gave, in step.
type GroupSheets = (Vec<Box<[u8]>>, Vec<Scored>);

/// `analyze` on the files and folders named (a database URL among them
/// is `careerfit-serve`'s: [`crate::cli::run`] hands it over).
pub fn run(a: &AnalyzeArgs) -> Result<String, Failure> {
    run_from(a, crate::workshop::inputs::Walk::new(a.paths.clone()))
}

/// `analyze` on `items`: the inputs the paths name, rows of a database
/// among them.
pub fn run_from(
    a: &AnalyzeArgs,
    items: impl Iterator<Item = crate::workshop::inputs::Item>,
) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let mut sheets: Vec<GroupSheets> = Vec::new();
    let agg = read_inputs(items, &quiz, (false, true), |_, x| {
        if let (Some(answers), Some(scored)) = (x.answers, x.scored) {
            if sheets.len() <= x.group {
                sheets.resize_with(x.group + 1, Default::default);
            }
            sheets[x.group].0.push(answers);
            sheets[x.group].1.push(scored);
        }
    })?;
    let sections = agg
        .ordered()
        .into_iter()
        .map(|g| {
            let i = agg.groups().iter().position(|x| std::ptr::eq(x, g));
            let body = match (&g.model, i) {
                _ if !g.known => Body::CountOnly(aggregate::unknown_note().to_string()),
                _ if g.suppressed(a.min_group) => {
                    Body::CountOnly(aggregate::suppressed_note(a.min_group))
                }
                (Some(model), Some(i)) => {
                    let (mine, scored) = sheets
                        .get(i)
                        .map_or((&[][..], &[][..]), |(s, x)| (&s[..], &x[..]));
                    Body::Analysed(model, analysis::analyze_scored(model, mine, scored))
                }
                _ => Body::CountOnly(aggregate::unknown_note().to_string()),
            };
            Section {
                label: g.quiz.label(),
                fingerprint: g.quiz.fingerprint.clone(),
                results: g.count,
                body,
            }
        })
        .collect();
    let report = Report {
        sections,
        read: agg.count(),
        skipped: agg.skipped,
    };
    Ok(match a.format {
        AnalyzeFormat::Text => analysis::text(&report),
        AnalyzeFormat::Markdown => analysis::markdown(&report),
        AnalyzeFormat::Json => analysis::json(&report),
        AnalyzeFormat::Csv => analysis::csv(&report),
    })
}
