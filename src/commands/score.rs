//! `careerfit score`: a complete answer sheet scored without the quiz.

use crate::core::{answers, report};
use crate::edge::{Failure, Format, QuizArg, load_quiz, render};
use clap::Args;

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// One entry per question in file order: the option number, or `-` to skip.
    #[arg(long, value_name = "SPEC", allow_hyphen_values = true)]
    pub answers: String,
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Pure ASCII output: bars, punctuation and quiz text (JSON escapes the rest).
    #[arg(long)]
    pub ascii: bool,
    /// An optional nickname to include in the result.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

pub fn score(a: &ScoreArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let answers = answers::parse_spec(&quiz, &a.answers)
        .map_err(|e| Failure::input(format!("error: --answers: {e}")))?;
    let r = report::build(&quiz, &answers, a.name.as_deref());
    Ok(render(&r, a.format, a.ascii))
}
