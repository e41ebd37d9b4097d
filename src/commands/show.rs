//! `careerfit show`: the result behind a share code.

use crate::bundled;
use crate::core::{code, load, report};
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
    /// Pure ASCII output: bars, punctuation and quiz text (JSON escapes the rest).
    #[arg(long)]
    pub ascii: bool,
}

pub fn show(a: &ShowArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let (quiz, answers) = match code::decode(&quiz, &a.code, &bundled::fingerprints()) {
        Ok(answers) => (quiz, answers),
        // Without --quiz, a code from another bundled quiz (such as version 1
        // of the default one) is shown against the quiz it was made with.
        Err(e @ code::CodeError::OtherQuiz(_)) if a.quiz.quiz.is_none() => bundled::BUNDLED
            .iter()
            .filter_map(|(_, _, src)| load::load(src.as_bytes()).ok())
            .find_map(|q| code::decode(&q, &a.code, &[]).ok().map(|ans| (q, ans)))
            .ok_or_else(|| Failure::input(format!("error: {e}")))?,
        Err(e) => return Err(Failure::input(format!("error: {e}"))),
    };
    let r = report::build(&quiz, &answers, None);
    Ok(render(&r, a.format, a.ascii))
}
