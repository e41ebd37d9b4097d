//! `careerfit inspect`: a quiz as the engine read it.

use crate::core::card;
use crate::edge::{Failure, QuizArg, load_quiz};
use clap::{Args, ValueEnum};

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InspectFormat {
    #[default]
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,
}

pub fn inspect(a: &InspectArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    Ok(match a.format {
        InspectFormat::Text => card::inspect_text(&quiz),
        InspectFormat::Json => card::inspect_json(&quiz),
    })
}
