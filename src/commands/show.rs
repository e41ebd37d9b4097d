//! `careerfit show`: the result behind a share code.

use crate::bundled;
use crate::core::{code, report};
use crate::edge::{Failure, Format, QuizArg, load_quiz, render};
use clap::Args;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The share code (dashes, spaces and letter case do not matter).
    pub code: String,
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Plain ASCII bars in the text card.
    #[arg(long)]
    pub ascii: bool,
}

pub fn show(a: &ShowArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let answers = code::decode(&quiz, &a.code, &bundled::fingerprints())
        .map_err(|e| Failure::input(format!("error: {e}")))?;
    let r = report::build(&quiz, &answers, None);
    Ok(render(&r, a.format, a.ascii))
}
