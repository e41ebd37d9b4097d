//! The `--answers` SPEC: one comma-separated entry per question in file
//! order, each a 1-based option number as displayed or `-` for skipped.

use super::model::Quiz;
use super::sanitize::clean_line;
use super::scoring::Answers;

/// Longest SPEC accepted, in bytes (9 options need one digit each).
pub const MAX_SPEC: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("the answers are longer than {MAX_SPEC} characters")]
    TooLong,
    #[error("expected {expected} answers (one per question, in file order), found {found}")]
    Count { expected: usize, found: usize },
    #[error("answer {index} (`{token}`) is not an option number or `-`")]
    NotANumber { index: usize, token: String },
    #[error("answer {index} is {value}, but question `{question}` has options 1 to {options}")]
    OutOfRange {
        index: usize,
        value: u64,
        question: String,
        options: usize,
    },
}

/// Parses a SPEC against a quiz.
pub fn parse_spec(quiz: &Quiz, spec: &str) -> Result<Answers, SpecError> {
    if spec.len() > MAX_SPEC {
        return Err(SpecError::TooLong);
    }
    let tokens: Vec<&str> = if spec.trim().is_empty() {
        Vec::new()
    } else {
        spec.split(',').map(str::trim).collect()
    };
    if tokens.len() != quiz.questions.len() {
        return Err(SpecError::Count {
            expected: quiz.questions.len(),
            found: tokens.len(),
        });
    }
    tokens
        .iter()
        .zip(&quiz.questions)
        .enumerate()
        .map(|(i, (t, q))| {
            if *t == "-" {
                return Ok(None);
            }
            let value: u64 = t
                .parse()
                .ok()
                .filter(|_| t.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| SpecError::NotANumber {
                    index: i + 1,
                    token: clean_line(&t.chars().take(20).collect::<String>()),
                })?;
            if value == 0 || value > q.choices.len() as u64 {
                return Err(SpecError::OutOfRange {
                    index: i + 1,
                    value,
                    question: q.id.clone(),
                    options: q.choices.len(),
                });
            }
            Ok(Some(value as usize - 1))
        })
        .collect()
}

/// The SPEC that [`parse_spec`] reads back into `answers`.
pub fn to_spec(answers: &[Option<usize>]) -> String {
    answers
        .iter()
        .map(|a| a.map_or("-".to_string(), |c| (c + 1).to_string()))
        .collect::<Vec<_>>()
        .join(",")
}
