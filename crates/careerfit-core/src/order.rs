//! Presentation order: which question comes when and in what order a
//! question's options appear. Answers are always stored in file order, so
//! the order never changes a result or a share code.

use super::model::{Kind, Quiz};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

/// Display order of questions and of each question's choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Question indices in the order they are asked.
    pub questions: Vec<usize>,
    /// For each question (file order): choice indices in display order.
    pub options: Vec<Vec<usize>>,
}

/// File order (`seed == None`) or a reproducible shuffle. Agreement scales
/// are never shuffled: their order carries meaning.
pub fn order(quiz: &Quiz, seed: Option<u64>) -> Order {
    let mut questions: Vec<usize> = (0..quiz.questions.len()).collect();
    let mut options: Vec<Vec<usize>> = quiz
        .questions
        .iter()
        .map(|q| (0..q.choices.len()).collect())
        .collect();
    if let Some(seed) = seed {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        questions.shuffle(&mut rng);
        for (q, opts) in quiz.questions.iter().zip(options.iter_mut()) {
            if q.kind != Kind::Agreement {
                opts.shuffle(&mut rng);
            }
        }
    }
    Order { questions, options }
}
