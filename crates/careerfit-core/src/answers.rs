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

/// Checks answers read from anywhere but the keyboard (progress files)
/// against `quiz`: one per question, each a choice the question has.
/// Everything that indexes a question's choices relies on this.
pub fn check(quiz: &Quiz, answers: &[Option<usize>]) -> Result<(), SpecError> {
    if answers.len() != quiz.questions.len() {
        return Err(SpecError::Count {
            expected: quiz.questions.len(),
            found: answers.len(),
        });
    }
    for (i, (a, q)) in answers.iter().zip(&quiz.questions).enumerate() {
        if let Some(c) = *a
            && c >= q.choices.len()
        {
            return Err(SpecError::OutOfRange {
                index: i + 1,
                value: c as u64 + 1,
                question: clean_line(&q.id),
                options: q.choices.len(),
            });
        }
    }
    Ok(())
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

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn bundled() -> Quiz {
        crate::bundled::v1()
    }

    #[test]
    fn to_spec_writes_one_based_numbers_and_dashes() {
        assert_eq!(to_spec(&[]), "");
        assert_eq!(to_spec(&[None, Some(0), Some(8)]), "-,1,9");
    }

    #[test]
    fn tokens_are_trimmed_and_may_have_leading_zeros() {
        let q = bundled();
        let spec = vec![" 01 "; 30].join(",");
        assert_eq!(parse_spec(&q, &spec), Ok(vec![Some(0); 30]));
        let spec = vec!["\t-\t"; 30].join(",");
        assert_eq!(parse_spec(&q, &spec), Ok(vec![None; 30]));
    }

    #[test]
    fn trailing_comma_and_odd_digits_are_rejected() {
        let q = bundled();
        let trailing = format!("{},", vec!["1"; 29].join(","));
        assert_eq!(
            parse_spec(&q, &trailing),
            Err(SpecError::NotANumber {
                index: 30,
                token: String::new()
            })
        );
        let arabic = format!("٣,{}", vec!["1"; 29].join(","));
        assert!(matches!(
            parse_spec(&q, &arabic),
            Err(SpecError::NotANumber { index: 1, .. })
        ));
        let overflow = format!("99999999999999999999,{}", vec!["1"; 29].join(","));
        assert!(matches!(
            parse_spec(&q, &overflow),
            Err(SpecError::NotANumber { index: 1, .. })
        ));
    }

    #[test]
    fn limits_come_before_parsing() {
        let q = bundled();
        assert_eq!(
            parse_spec(&q, &"1".repeat(MAX_SPEC + 1)),
            Err(SpecError::TooLong)
        );
        assert!(matches!(
            parse_spec(&q, &"1".repeat(MAX_SPEC)),
            Err(SpecError::Count {
                expected: 30,
                found: 1
            })
        ));
    }

    #[test]
    fn messages_read_well() {
        let e = SpecError::OutOfRange {
            index: 3,
            value: 7,
            question: "q".into(),
            options: 5,
        };
        assert_eq!(
            e.to_string(),
            "answer 3 is 7, but question `q` has options 1 to 5"
        );
        let e = SpecError::Count {
            expected: 30,
            found: 29,
        };
        assert_eq!(
            e.to_string(),
            "expected 30 answers (one per question, in file order), found 29"
        );
    }
}
