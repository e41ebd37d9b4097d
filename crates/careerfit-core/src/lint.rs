//! Lints: things that load fine but make a quiz measure badly.
//!
//! Validation (`load`) rejects quizzes the engine cannot run; lints flag
//! quizzes it *can* run but whose results would mislead: too few items for a
//! stable score, nothing against agreeing with everything, outcomes no one can
//! ever get, texts that do not fit an 80-column screen. They are warnings, so
//! an author can ship a draft, and `careerfit validate --strict` makes them
//! fatal for bundled quizzes and CI. Pure: source text and loaded quiz in,
//! diagnostics out. `docs/quiz-format.md` lists every lint and its reason.

mod places;
mod reach;

use super::diag::{Diagnostic, Severity};
use super::model::{Kind, Quiz};
use super::text::{width, wrap};
use places::Places;
use std::collections::HashMap;

/// Fewest questions that should measure a dimension or a profile: with fewer,
/// one changed answer moves the score by a large step and the standard error
/// stays wide (six is also what the response-style checks need).
pub const MIN_ITEMS: usize = 6;
/// The same under the two-sided rule (see `dimensions`).
pub const MIN_ITEMS_TWO_SIDED: usize = 2;
/// Widest option or scale label, in columns: an 80-column screen minus the
/// margins and the `▶ 1 ● ` marker in front of each option.
pub const MAX_LABEL_COLS: usize = 70;
/// Column width question texts are measured at (80 columns minus margins).
pub const TEXT_COLS: usize = 76;
/// Most lines a question text may wrap to and still leave room for its
/// options on an 80×24 screen.
pub const MAX_TEXT_LINES: usize = 6;

/// The lints by the id a quiz's `allow` names them with
/// (docs/quiz-format.md, "Lints"). Some fit one kind of instrument and not
/// another: an interest inventory has no reverse-keyed statements by design.
pub const LINTS: &[&str] = &[
    FEW_ITEMS,
    UNMEASURED,
    UNUSED_DIMENSION,
    NO_REVERSE_KEY,
    UNREACHABLE_OUTCOME,
    NO_EFFECT_OPTION,
    DUPLICATE_TEXT,
    WIDE_LABEL,
    LONG_TEXT,
];
/// A dimension or profile measured by fewer than [`MIN_ITEMS`] questions.
pub const FEW_ITEMS: &str = "few-items";
/// A dimension or profile no question measures.
pub const UNMEASURED: &str = "unmeasured";
/// A dimension no profile uses.
pub const UNUSED_DIMENSION: &str = "unused-dimension";
/// A dimension whose agreement statements are all keyed one way.
pub const NO_REVERSE_KEY: &str = "no-reverse-key";
/// An outcome no complete answer sheet reaches.
pub const UNREACHABLE_OUTCOME: &str = "unreachable-outcome";
/// An option written without any weight.
pub const NO_EFFECT_OPTION: &str = "no-effect-option";
/// Two questions with the same text.
pub const DUPLICATE_TEXT: &str = "duplicate-text";
/// An option or scale label wider than [`MAX_LABEL_COLS`].
pub const WIDE_LABEL: &str = "wide-label";
/// A question text longer than [`MAX_TEXT_LINES`] lines.
pub const LONG_TEXT: &str = "long-text";

/// Every lint finding for a quiz that already loaded from `src`, in source
/// order, less the lints the quiz's `allow` switches off.
pub fn lint(src: &str, quiz: &Quiz) -> Vec<Diagnostic> {
    let p = Places::new(src);
    let mut out = Vec::new();
    let allowed = |id: &str| quiz.allow.iter().any(|a| a.lint == id);
    let mut warn = |id: &'static str, at: Option<usize>, message: String| {
        if allowed(id) {
            return;
        }
        let (line, col) = p.line_col(at);
        out.push(Diagnostic {
            severity: Severity::Warning,
            line,
            col,
            message,
        });
    };
    dimensions(quiz, &p, &mut warn);
    profiles(quiz, &p, &mut warn);
    let r = reach::Reach::new(quiz);
    for o in &quiz.outcomes {
        if let Some(m) = r.unreachable(&o.when) {
            warn(
                UNREACHABLE_OUTCOME,
                p.item("outcomes", &o.id),
                format!("outcome `{}`: {m}", o.id),
            );
        }
    }
    questions(quiz, &p, &mut warn);
    out.sort_by_key(|d| (d.line, d.col));
    out.dedup();
    out
}

/// How many questions measure dimension `d`.
fn measured_by(quiz: &Quiz, d: usize) -> usize {
    quiz.questions
        .iter()
        .filter(|q| q.measures.contains(&d))
        .count()
}

fn dimensions(quiz: &Quiz, p: &Places, warn: &mut impl FnMut(&'static str, Option<usize>, String)) {
    // Under the two-sided rule a call rests on each profile's whole scale
    // (checked in `profiles`); a dimension is then a descriptive skill bar
    // and needs only a statement each way.
    let (min_items, why) = match quiz.rules.bands {
        Some(_) => (
            MIN_ITEMS_TWO_SIDED,
            "a forward and a reverse one make a fair skill bar",
        ),
        None => (MIN_ITEMS, "give a stable score"),
    };
    let bridge = quiz.rules.bands.and_then(|b| b.bridge);
    for (d, dim) in quiz.dimensions.iter().enumerate() {
        let at = p.item("dimensions", &dim.id);
        let id = &dim.id;
        match measured_by(quiz, d) {
            0 => warn(
                UNMEASURED,
                at,
                format!("dimension `{id}` is not measured by any question"),
            ),
            n if n < min_items => warn(
                FEW_ITEMS,
                at,
                format!(
                    "dimension `{id}` is measured by only {n} question(s); {min_items} or more {why}"
                ),
            ),
            _ => {}
        }
        if Some(d) != bridge
            && !quiz
                .profiles
                .iter()
                .any(|pr| pr.weights.iter().any(|w| w.0 == d))
        {
            warn(
                UNUSED_DIMENSION,
                at,
                format!(
                    "dimension `{id}` is not used by any profile, so it never affects a result"
                ),
            );
        }
        // Direction of each agreement statement on d: does agreeing raise it?
        let raises: Vec<bool> = quiz
            .questions
            .iter()
            .filter(|q| q.kind == Kind::Agreement && q.measures.contains(&d))
            .filter_map(|q| {
                let k = q.choices.first()?.effects.iter().position(|e| e.0 == d)?;
                let first = q.choices.first()?.effects[k].1;
                let last = q.choices.last()?.effects[k].1;
                Some(last > first)
            })
            .collect();
        if !raises.is_empty() && raises.iter().all(|&r| r) {
            warn(
                NO_REVERSE_KEY,
                at,
                format!(
                    "dimension `{id}` has no reverse-keyed agreement statement, so agreeing with everything inflates it; add one worded against it (`reverse: true`)"
                ),
            );
        }
    }
}

fn profiles(quiz: &Quiz, p: &Places, warn: &mut impl FnMut(&'static str, Option<usize>, String)) {
    for pr in &quiz.profiles {
        let n = quiz
            .questions
            .iter()
            .filter(|q| pr.weights.iter().any(|(d, _)| q.measures.contains(d)))
            .count();
        let at = p.item("profiles", &pr.id);
        let id = &pr.id;
        if n == 0 {
            warn(
                UNMEASURED,
                at,
                format!(
                    "profile `{id}` is not measured by any question, so it can never be recommended"
                ),
            );
        } else if n < MIN_ITEMS {
            warn(
                FEW_ITEMS,
                at,
                format!(
                    "profile `{id}` is measured by only {n} question(s); {MIN_ITEMS} or more give a stable fit"
                ),
            );
        }
    }
}

fn questions(quiz: &Quiz, p: &Places, warn: &mut impl FnMut(&'static str, Option<usize>, String)) {
    let scale_at = p.loc.find_field_after(0, "scale");
    for label in &quiz.scale {
        let w = width(label);
        if w > MAX_LABEL_COLS {
            warn(
                WIDE_LABEL,
                p.quoted_after(scale_at, label),
                format!(
                    "scale label is {w} columns wide; keep it to {MAX_LABEL_COLS} so it fits an 80-column screen"
                ),
            );
        }
    }
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for q in &quiz.questions {
        let at = p.item("questions", &q.id);
        let text_at = p.field_after(at, "text");
        let id = &q.id;
        let key = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = p.line_col(text_at).0;
        match seen.get(&key) {
            Some((first, l)) => warn(
                DUPLICATE_TEXT,
                text_at,
                format!("question `{id}` has the same text as question `{first}` (line {l})"),
            ),
            None => {
                seen.insert(key, (id.clone(), line));
            }
        }
        let lines = wrap(&q.text, TEXT_COLS).len();
        if lines > MAX_TEXT_LINES {
            warn(
                LONG_TEXT,
                text_at,
                format!(
                    "question `{id}` text wraps to {lines} lines at {TEXT_COLS} columns; keep it to {MAX_TEXT_LINES} so its options fit an 80×24 screen"
                ),
            );
        }
        if q.kind == Kind::Agreement {
            continue;
        }
        let mut from = text_at;
        for (n, c) in q.choices.iter().enumerate() {
            let label_at = p.field_after(from, "label");
            let at = p.quoted_after(label_at, &c.label);
            from = at.map(|a| a + 1);
            let n = n + 1;
            // An explicit `0.0` is a decision (the option scores nothing
            // on purpose, as "Dislike" does on a 0–4 interest item); an
            // option without any weight was probably forgotten.
            if !c.weighted && c.effects.iter().all(|e| e.1.abs() < 1e-12) {
                warn(
                    NO_EFFECT_OPTION,
                    at,
                    format!(
                        "option {n} of question `{id}` has no effect on any dimension; give it weights or remove it"
                    ),
                );
            }
            let w = width(&c.label);
            if w > MAX_LABEL_COLS {
                warn(
                    WIDE_LABEL,
                    at,
                    format!(
                        "option {n} of question `{id}` is {w} columns wide; keep labels to {MAX_LABEL_COLS} so they fit an 80-column screen"
                    ),
                );
            }
        }
    }
}
