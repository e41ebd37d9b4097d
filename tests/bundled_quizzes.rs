//! Every bundled quiz is lint-clean under `validate --strict`, is listed by
//! `careerfit list`, and every one of its outcomes is reached by some answer
//! sheet (found by a deterministic search), which also checks that the
//! reachability lint raised no false alarm.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use assert_cmd::Command;
use careerfit::bundled::BUNDLED;
use careerfit::core::load::load;
use careerfit::core::model::{Quiz, When};
use careerfit::core::scoring::{Assessment, assess};

fn cf() -> Command {
    Command::new(env!("CARGO_BIN_EXE_careerfit"))
}

#[test]
fn every_bundled_quiz_passes_validate_strict() {
    for (id, file, _) in BUNDLED {
        cf().args(["validate", "--strict", file])
            .assert()
            .success()
            .stderr("")
            .stdout(predicates::str::starts_with(format!("{file}: ok (")));
        let json = cf()
            .args(["validate", "--strict", "--format", "json", file])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(String::from_utf8_lossy(&json), "[]\n", "{id}");
    }
}

#[test]
fn bundled_ids_and_files_agree() {
    for (id, file, src) in BUNDLED {
        let q = load(src.as_bytes()).unwrap_or_else(|e| panic!("{id}: {}", e.render(file)));
        // Older versions of a quiz are bundled as `ID-vMAJOR`, keeping the
        // quiz's own id so that their codes and files still match it.
        let legacy = format!("{}-v{}", q.id, q.version.split('.').next().unwrap_or(""));
        assert!(
            q.id == *id || legacy == *id,
            "{id} holds quiz {} v{}",
            q.id,
            q.version
        );
        assert_eq!(std::fs::read_to_string(file).unwrap(), *src, "{file}");
    }
}

/// A tiny deterministic generator (xorshift), so the search is repeatable.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// How close an assessment is to choosing `target` (higher is closer).
fn closeness(q: &Quiz, a: &Assessment, target: &When) -> f64 {
    let fit = |p: usize| a.fits[p].fit.unwrap_or(0.0);
    let others = |skip: &[usize]| {
        (0..q.profiles.len())
            .filter(|p| !skip.contains(p))
            .map(fit)
            .fold(0.0, f64::max)
    };
    let flags = a.flags.len() as f64 * 100.0;
    match *target {
        When::Profile(p) => fit(p) - others(&[p]) - flags,
        When::Hybrid(x, y) => {
            // Raising either fit helps, as long as they stay close.
            fit(x) + fit(y) - 0.5 * (fit(x) - fit(y)).abs() - 2.0 * others(&[x, y]) - flags
        }
        When::Explore => 0.0,
    }
}

/// Coordinate ascent with random restarts towards one outcome.
fn find_sheet(q: &Quiz, target: usize, rng: &mut Rng) -> Option<Vec<Option<usize>>> {
    let when = &q.outcomes[target].when;
    for _ in 0..40 {
        let mut sheet: Vec<Option<usize>> = q
            .questions
            .iter()
            .map(|x| Some(rng.below(x.choices.len())))
            .collect();
        for _ in 0..6 {
            let mut improved = false;
            for i in 0..sheet.len() {
                let mut best = (closeness(q, &assess(q, &sheet), when), sheet[i]);
                for c in 0..q.questions[i].choices.len() {
                    sheet[i] = Some(c);
                    let a = assess(q, &sheet);
                    if a.recommendation.outcome == target {
                        return Some(sheet);
                    }
                    let s = closeness(q, &a, when);
                    if s > best.0 + 1e-9 {
                        best = (s, Some(c));
                        improved = true;
                    }
                }
                sheet[i] = best.1;
            }
            if !improved {
                break;
            }
        }
    }
    None
}

#[test]
fn every_outcome_of_every_bundled_quiz_is_reachable() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (id, _, src) in BUNDLED {
        let q = load(src.as_bytes()).unwrap();
        for (o, outcome) in q.outcomes.iter().enumerate() {
            if outcome.when == When::Explore {
                // Skipping everything always explores.
                let a = assess(&q, &vec![None; q.questions.len()]);
                assert_eq!(a.recommendation.outcome, o);
                continue;
            }
            let sheet = find_sheet(&q, o, &mut rng);
            assert!(
                sheet.is_some(),
                "{id}: no answer sheet reaches `{}`",
                outcome.id
            );
        }
    }
}
