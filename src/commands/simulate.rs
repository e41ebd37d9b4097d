//! `careerfit simulate`: how a quiz's recommendation behaves on simulated
//! respondents (the model is described in `core::simulate`), so a quiz
//! author can check a change before real people see it.

use super::inspect::InspectFormat;
use crate::core::simulate::{self, Settings};
use crate::core::{code, sanitize::clean_path};
use crate::edge::io_reason;
use crate::edge::{Failure, QuizArg, load_quiz};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct SimulateArgs {
    #[command(flatten)]
    pub quiz: QuizArg,
    /// How many simulated people (each answers twice, for the retest).
    #[arg(long, value_name = "N", default_value_t = 2000,
          value_parser = clap::value_parser!(u32).range(10..=1_000_000))]
    pub people: u32,
    /// Seed of the simulation: the same seed gives the same figures.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Correlation between the two sides' interests (-0.9 to 0.9).
    #[arg(long, value_name = "R", default_value_t = 0.0, allow_hyphen_values = true,
          value_parser = correlation)]
    pub correlation: f64,
    /// Lowest statement discrimination of the response model (each is drawn
    /// from this to this + 1); for seeing how sensitive the figures are.
    #[arg(long, value_name = "A", default_value_t = 1.2, value_parser = discrimination)]
    pub discrimination: f64,
    /// `text` for people, `json` for scripts.
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,
    /// Also write each simulated person's first answer sheet to FILE as a
    /// share code, one per line, e.g. for `careerfit analyze FILE`
    /// (replaces FILE if it exists).
    #[arg(long, value_name = "FILE")]
    pub write_codes: Option<PathBuf>,
}

fn discrimination(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(a) if (0.1..=5.0).contains(&a) => Ok(a),
        _ => Err(format!("{s:?} is not a number from 0.1 to 5")),
    }
}

fn correlation(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if (-0.9..=0.9).contains(&r) => Ok(r),
        _ => Err(format!("{s:?} is not a number from -0.9 to 0.9")),
    }
}

pub fn run(a: &SimulateArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let settings = Settings {
        people: a.people as usize,
        seed: a.seed,
        correlation: a.correlation,
        discrimination: a.discrimination,
        ..Settings::default()
    };
    let mut codes = String::new();
    let summary = match &a.write_codes {
        None => simulate::run(&quiz, &settings),
        Some(_) => simulate::run_each(&quiz, &settings, |sheet| {
            codes.push_str(&code::encode(&quiz, sheet));
            codes.push('\n');
        }),
    };
    if let Some(path) = &a.write_codes {
        crate::store::write_atomic_as(path, codes.as_bytes(), false, crate::store::Access::Shared)
            .map_err(|e| {
                Failure::other(format!(
                    "error: cannot write {}: {}",
                    clean_path(path),
                    io_reason(&e)
                ))
            })?;
    }
    Ok(match a.format {
        InspectFormat::Text => simulate::to_text(&summary),
        InspectFormat::Json => {
            let mut s = serde_json::to_string_pretty(&summary).unwrap_or_default();
            s.push('\n');
            s
        }
    })
}
