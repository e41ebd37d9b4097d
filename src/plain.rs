//! `--plain`: the quiz as numbered lines, for screen readers and simple
//! terminals. Same order, same answers, same result as the TUI.

use crate::core::card::text_card;
use crate::core::model::Quiz;
use crate::core::order::order;
use crate::core::report;
use crate::core::sanitize::clean;
use std::io::{BufRead, Write};

/// Longest answer line looked at; the rest of a longer line is read and
/// dropped, so endless input without a line break costs no memory.
const MAX_ANSWER_LINE: usize = 64;

/// Asks every question on `out`, reads one answer per line from `input`
/// (a number, `s` to skip, `b` to go back), then prints the text card.
/// Returns the report when the quiz was finished (not when it was quit).
pub fn run(
    quiz: &Quiz,
    seed: Option<u64>,
    name: Option<&str>,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Option<report::Report>> {
    let ord = order(quiz, seed);
    let mut answers = vec![None; quiz.questions.len()];
    let total = ord.questions.len();
    writeln!(out, "{}\n", clean(&quiz.title))?;
    writeln!(out, "{}\n", clean(&quiz.description))?;
    writeln!(
        out,
        "Answer with the option number and Enter; s skips, b goes back, q quits.\n"
    )?;
    let mut pos = 0;
    let mut line = Vec::new();
    while pos < total {
        let qi = ord.questions[pos];
        let q = &quiz.questions[qi];
        writeln!(out, "Question {} of {total}: {}", pos + 1, clean(&q.text))?;
        for (n, &c) in ord.options[qi].iter().enumerate() {
            writeln!(out, "  {}. {}", n + 1, clean(&q.choices[c].label))?;
        }
        write!(out, "Your answer (1-{}, s, b, q): ", q.choices.len())?;
        out.flush()?;
        let Some(got) = crate::fsread::read_line_capped(input, MAX_ANSWER_LINE, &mut line)? else {
            writeln!(
                out,
                "\nInput ended before the last question; nothing was scored."
            )?;
            return Ok(None);
        };
        let text = match std::str::from_utf8(&line) {
            Ok(t) if !got.long => t.trim(),
            _ => "",
        };
        match text {
            "q" | "Q" => {
                writeln!(out, "Stopped; nothing was scored.")?;
                return Ok(None);
            }
            "s" | "S" => {
                answers[qi] = None;
                pos += 1;
            }
            "b" | "B" => pos = pos.saturating_sub(1),
            t => match t.parse::<usize>() {
                Ok(n) if (1..=q.choices.len()).contains(&n) => {
                    answers[qi] = Some(ord.options[qi][n - 1]);
                    pos += 1;
                }
                _ => writeln!(
                    out,
                    // An empty, overlong or non-UTF-8 line lands here too.
                    "Please type a number from 1 to {}, or s, b or q.",
                    q.choices.len()
                )?,
            },
        }
        writeln!(out)?;
    }
    let r = report::build(quiz, &answers, name);
    write!(out, "{}", text_card(&r, false))?;
    out.flush()?;
    Ok(Some(r))
}
