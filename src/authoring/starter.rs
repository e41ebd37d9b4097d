//! The starter quiz `careerfit new` writes: small, commented, valid and
//! lint-clean, so an author edits working text instead of starting from a
//! blank file and a format reference.
//!
//! Shape for `n` profiles: one dimension per profile; per dimension a
//! forward and a reverse-keyed agreement statement; two scenarios with one
//! option per dimension; forced choices between neighbouring profiles (each
//! dimension in two). Every dimension and profile is therefore measured by
//! six questions, the minimum the lints ask for.

use crate::core::sanitize::is_plain_id;
use std::fmt::Write;
use std::path::Path;

/// Most profiles a starter can have: scenarios give one option per profile
/// and the digit keys reach nine, so eight leaves room for one more option.
pub const MAX_PROFILES: usize = 8;

/// A quiz id from a file name (`team-roles.ron` → `team-roles`), or
/// `my-quiz` when the name cannot be made into a plain identifier.
pub fn id_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let id: String = stem
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '_' | '-' => c,
            _ => '-',
        })
        .take(64)
        .collect();
    if is_plain_id(&id) {
        id
    } else {
        "my-quiz".to_string()
    }
}

/// The starter quiz's RON source and its number of questions.
pub fn quiz(id: &str, n: usize) -> (String, usize) {
    let n = n.clamp(2, MAX_PROFILES);
    let letters: Vec<char> = ('A'..='Z').take(n).collect();
    let lower = |c: char| c.to_ascii_lowercase();
    let mut s = String::new();
    let w = &mut s;
    let _ = write!(
        w,
        r#"// A starter quiz written by `careerfit new`. Replace the texts, rename the
// ids, add questions, then check it with `careerfit validate --strict FILE`
// and try it with `careerfit take --quiz FILE`. Every field is described in
// docs/quiz-format.md. Comments like this one are allowed anywhere.
(
    // A plain identifier: lowercase letters, digits, `_` or `-`.
    id: "{id}",
    title: "Which role suits me?",
    version: "0.1.0",
    // A language tag such as "en", "de" or "ja".
    language: "en",
    description: "A short quiz comparing {n} roles. Replace this with what the quiz explores and for whom.",
    // Optional: shown on the welcome screen and under every result.
    disclaimer: Some("This quiz is for self-reflection only; it is not a test and has not been validated."),
    source: "Name the material the questions are based on.",
    // The answers to every agreement statement, from least to most agreement (2 to 9 points).
    scale: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
    // Optional. strong: a fit (0-100) at or above this is a clear fit; z: how many
    // standard errors must separate the top two; min_answered: share of questions
    // that must be answered before anything is recommended.
    rules: (strong: 60.0, z: 1.0, min_answered: 0.5),

    // What the questions measure; each dimension gets a score from 0 to 100.
    dimensions: [
"#
    );
    for &c in &letters {
        let _ = writeln!(
            w,
            r#"        (id: "skill_{l}", name: "Skill {c}", description: "What Skill {c} covers, in one sentence."),"#,
            l = lower(c)
        );
    }
    let _ = write!(
        w,
        r"    ],

    // The roles compared: each is a weighted mix of dimensions (weights -10 to 10).
    profiles: [
"
    );
    for &c in &letters {
        let l = lower(c);
        let _ = writeln!(
            w,
            r#"        (id: "role_{l}", name: "Role {c}", summary: "What Role {c} is about.", weights: {{ "skill_{l}": 1.0 }}),"#
        );
    }
    let _ = write!(
        w,
        r"    ],

    // What a person is told. Every profile needs a `Profile` outcome, and the
    // quiz needs one `Explore` outcome for when nothing stands out.
    outcomes: [
"
    );
    for &c in &letters {
        let l = lower(c);
        let _ = writeln!(
            w,
            r#"        (
            id: "role_{l}",
            when: Profile("role_{l}"),
            title: "Role {c}",
            summary: "Your answers lean towards Role {c}. Say why in a sentence or two.",
            day_to_day: "What a typical week in Role {c} looks like.",
            key_questions: ["A question people in Role {c} ask themselves every day."],
            next_steps: ["A small, concrete way to try Role {c} out."],
        ),"#
        );
    }
    let _ = write!(
        w,
        r#"        // Optional: chosen when both profiles are strong and too close to separate.
        (
            id: "role_a_b",
            when: Hybrid("role_a", "role_b"),
            title: "Role A and Role B (hybrid)",
            summary: "Both roles fit you strongly and your answers cannot separate them.",
        ),
        (
            id: "explore",
            when: Explore,
            title: "Explore further",
            summary: "No role stands out in your answers, or the answers could not be trusted.",
            next_steps: ["Spend half a day with someone in each role."],
        ),
    ],

    questions: [
        // Agreement: a statement answered on the scale. Each key adds points to a
        // dimension: 1 for the first scale point up to 5 for the last, times the
        // key's `weight` (default 1).
"#
    );
    for (i, &c) in letters.iter().enumerate() {
        let l = lower(c);
        if i == 1 {
            let _ = writeln!(
                w,
                "        // `reverse: true`: the statement is worded against the dimension, so\n        // agreeing gives fewer points. Give every dimension at least one."
            );
        }
        let _ = writeln!(
            w,
            r#"        Agreement(id: "skill_{l}_agree", text: "Replace me: something a person strong in Skill {c} would agree with.", keys: [(dimension: "skill_{l}")]),
        Agreement(id: "skill_{l}_disagree", text: "Replace me: something a person strong in Skill {c} would disagree with.", keys: [(dimension: "skill_{l}", reverse: true)]),"#
        );
    }
    let _ = writeln!(
        w,
        "\n        // Scenario: 2 to 9 options. Each option's weights add points to dimensions;\n        // an option that leaves a dimension out counts 0 for it. `weight: 2.0` on the\n        // question would make it count double (importance, default 1)."
    );
    for k in 1..=2 {
        let _ = writeln!(
            w,
            r#"        Scenario(id: "situation_{k}", text: "Replace me: situation {k}, where each role would act differently. I would most like to...", options: ["#
        );
        for &c in &letters {
            let _ = writeln!(
                w,
                r#"            (label: "What someone in Role {c} would do in situation {k}", weights: {{ "skill_{l}": 2.0 }}),"#,
                l = lower(c)
            );
        }
        let _ = writeln!(w, "        ]),");
    }
    let _ = writeln!(
        w,
        "\n        // ForcedChoice: exactly two options, `a` and `b`: a trade-off, so saying\n        // yes to everything is impossible."
    );
    let pairs: Vec<(char, char)> = if n == 2 {
        vec![('A', 'B'), ('A', 'B')]
    } else {
        (0..n).map(|i| (letters[i], letters[(i + 1) % n])).collect()
    };
    for (k, (a, b)) in pairs.iter().enumerate() {
        let k = k + 1;
        let _ = writeln!(
            w,
            r#"        ForcedChoice(id: "choice_{k}", text: "Replace me: choice {k}. Which would I rather do?",
            a: (label: "A task from Role {a}", weights: {{ "skill_{la}": 2.0 }}),
            b: (label: "A task from Role {b}", weights: {{ "skill_{lb}": 2.0 }})),"#,
            la = lower(*a),
            lb = lower(*b)
        );
    }
    s.push_str("    ],\n)\n");
    (s, 2 * n + 2 + pairs.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{lint::lint, load::load};

    #[test]
    fn every_size_loads_and_is_lint_clean() {
        for n in 2..=MAX_PROFILES {
            let (src, count) = quiz("t", n);
            let q = load(src.as_bytes()).unwrap_or_else(|e| panic!("{n}: {}", e.render("new")));
            assert_eq!(q.questions.len(), count);
            assert_eq!(q.profiles.len(), n);
            assert_eq!(lint(&src, &q), vec![], "{n} profiles");
        }
    }

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_path(Path::new("dir/Team Roles.ron")), "team-roles");
        assert_eq!(id_from_path(Path::new("1st.ron")), "my-quiz");
        assert_eq!(id_from_path(Path::new("")), "my-quiz");
    }
}
