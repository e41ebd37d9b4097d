//! `careerfit show`: the result behind a share code, as text, Markdown,
//! JSON, or the result card as an image (SVG, PNG).

use crate::bundled;
use crate::core::{code, load, model::Quiz, report};
use crate::edge::{self, Failure, Format, QuizArg, load_quiz};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// What `show` writes: the report formats, or the card as a picture.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShowFormat {
    #[default]
    Text,
    Markdown,
    Json,
    /// The result card, 1200×630, as SVG (font embedded).
    Svg,
    /// The result card, 1200×630, as PNG.
    Png,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The share code (dashes, spaces and letter case do not matter).
    pub code: String,
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
    /// Pure ASCII output: bars, punctuation and quiz text (JSON escapes the rest).
    #[arg(long)]
    pub ascii: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The quiz and answers behind `a.code`.
fn decode(a: &ShowArgs) -> Result<(Quiz, Vec<Option<usize>>), Failure> {
    let quiz = load_quiz(&a.quiz)?;
    match code::decode(&quiz, &a.code, &bundled::fingerprints()) {
        Ok(answers) => Ok((quiz, answers)),
        // Without --quiz, a code from another bundled quiz (such as version 1
        // of the default one) is shown against the quiz it was made with.
        Err(e @ code::CodeError::OtherQuiz(_)) if a.quiz.quiz.is_none() => bundled::BUNDLED
            .iter()
            .filter_map(|(_, _, src)| load::load(src.as_bytes()).ok())
            .find_map(|q| code::decode(&q, &a.code, &[]).ok().map(|ans| (q, ans)))
            .ok_or_else(|| Failure::input(format!("error: {e}"))),
        Err(e) => Err(Failure::input(format!("error: {e}"))),
    }
}

pub fn show(a: &ShowArgs) -> Result<String, Failure> {
    let (format_name, extensions): (&str, &[&str]) = match a.format {
        ShowFormat::Text => ("text", &["txt", "text"]),
        ShowFormat::Markdown => ("markdown", &["md", "markdown"]),
        ShowFormat::Json => ("json", &["json"]),
        ShowFormat::Svg => ("svg", &["svg"]),
        ShowFormat::Png => ("png", &["png"]),
    };
    if let Some(out) = &a.output {
        edge::check_extension(out, format_name, extensions)?;
    }
    let (quiz, answers) = decode(a)?;
    let r = report::build(&quiz, &answers, None);
    let bytes = match a.format {
        ShowFormat::Text => edge::render(&r, Format::Text, a.ascii).into_bytes(),
        ShowFormat::Markdown => edge::render(&r, Format::Markdown, a.ascii).into_bytes(),
        ShowFormat::Json => edge::render(&r, Format::Json, a.ascii).into_bytes(),
        // --ascii: the same SVG with character references (issue 20).
        ShowFormat::Svg if a.ascii => crate::core::ascii::xml_escaped(&crate::render::card_svg(&r))
            .into_owned()
            .into_bytes(),
        ShowFormat::Svg => crate::render::card_svg(&r).into_bytes(),
        ShowFormat::Png => crate::render::card_png(&r)
            .map_err(|e| Failure::other(format!("error: cannot make the card: {e}")))?,
    };
    match &a.output {
        Some(path) => edge::write_output(path, &bytes),
        None if a.format == ShowFormat::Png => {
            let stdout = std::io::stdout();
            if stdout.is_terminal() {
                return Err(Failure::input(
                    "error: a PNG is not for a terminal: give --output FILE, or send the output to a file",
                ));
            }
            let mut out = stdout.lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| {
                    Failure::other(format!(
                        "error: cannot write the PNG: {}",
                        edge::io_reason(&e)
                    ))
                })?;
            Ok(String::new())
        }
        None => Ok(String::from_utf8_lossy(&bytes).into_owned()),
    }
}
