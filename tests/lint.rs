//! Each lint, on a minimal quiz that triggers it and on one that does not.
//! `BASE` is lint-clean; every test changes one thing and expects exactly
//! the warning (message and position) that change should cause.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use careerfit::core::diag::Severity;
use careerfit::core::lint::lint;
use careerfit::core::load::load;

/// Two skills, two roles, six questions on each skill: no warnings.
const BASE: &str = r#"(
    id: "base", title: "Base", version: "1", language: "en",
    description: "A lint-clean quiz.", source: "Tests.",
    scale: ["No", "Unsure", "Yes"],
    rules: (strong: 60.0),
    dimensions: [
        (id: "a", name: "A"),
        (id: "b", name: "B"),
    ],
    profiles: [
        (id: "pa", name: "PA", weights: { "a": 1.0 }),
        (id: "pb", name: "PB", weights: { "b": 1.0 }),
    ],
    outcomes: [
        (id: "pa", when: Profile("pa"), title: "PA", summary: "PA."),
        (id: "pb", when: Profile("pb"), title: "PB", summary: "PB."),
        (id: "both", when: Hybrid("pa", "pb"), title: "Both", summary: "Both."),
        (id: "explore", when: Explore, title: "Explore", summary: "Explore."),
    ],
    questions: [
        Agreement(id: "a1", text: "I like A.", keys: [(dimension: "a")]),
        Agreement(id: "a2", text: "I avoid A.", keys: [(dimension: "a", reverse: true)]),
        Agreement(id: "b1", text: "I like B.", keys: [(dimension: "b")]),
        Agreement(id: "b2", text: "I avoid B.", keys: [(dimension: "b", reverse: true)]),
        Scenario(id: "s1", text: "First situation.", options: [
            (label: "Do A", weights: { "a": 2.0 }),
            (label: "Do B", weights: { "b": 2.0 }),
        ]),
        Scenario(id: "s2", text: "Second situation.", options: [
            (label: "Do A again", weights: { "a": 2.0 }),
            (label: "Do B again", weights: { "b": 2.0 }),
        ]),
        ForcedChoice(id: "f1", text: "A or B?",
            a: (label: "A", weights: { "a": 2.0 }),
            b: (label: "B", weights: { "b": 2.0 })),
        ForcedChoice(id: "f2", text: "B or A?",
            a: (label: "B", weights: { "b": 2.0 }),
            b: (label: "A", weights: { "a": 2.0 })),
    ],
)"#;

/// `BASE` with each `(from, to)` replaced exactly once.
fn with(changes: &[(&str, &str)]) -> String {
    let mut s = BASE.to_string();
    for (from, to) in changes {
        assert_eq!(s.matches(from).count(), 1, "{from:?} must occur once");
        s = s.replacen(from, to, 1);
    }
    s
}

/// Every lint as `LINE:COL: message`; the quiz must load.
fn warnings(src: &str) -> Vec<String> {
    let quiz = load(src.as_bytes()).unwrap_or_else(|e| panic!("{}", e.render("quiz")));
    lint(src, &quiz)
        .into_iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning);
            format!("{}:{}: {}", d.line, d.col, d.message)
        })
        .collect()
}

/// `LINE:COL` of the first character of `needle` in `src` (1-based, in characters).
fn at(src: &str, needle: &str) -> String {
    let i = src
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    let line = src[..i].matches('\n').count() + 1;
    let start = src[..i].rfind('\n').map_or(0, |n| n + 1);
    format!("{line}:{}", src[start..i].chars().count() + 1)
}

#[test]
fn the_base_quiz_is_clean() {
    assert_eq!(warnings(BASE), Vec::<String>::new());
}

#[test]
fn too_few_questions_for_a_dimension_and_a_profile() {
    let src = with(&[(
        r#"Agreement(id: "b1", text: "I like B.", keys: [(dimension: "b")]),"#,
        "",
    )]);
    assert_eq!(
        warnings(&src),
        [
            format!(
                "{}: dimension `b` is measured by only 5 question(s); 6 or more give a stable score",
                at(&src, r#""b", name"#)
            ),
            format!(
                "{}: profile `pb` is measured by only 5 question(s); 6 or more give a stable fit",
                at(&src, r#""pb", name"#)
            ),
        ]
    );
}

#[test]
fn a_profile_counts_questions_on_any_of_its_dimensions() {
    // Dimension `c` is thin, but profile `pb` is measured through `b` as well.
    let src = with(&[
        (
            r#"(id: "b", name: "B"),"#,
            r#"(id: "b", name: "B"), (id: "c", name: "C"),"#,
        ),
        (
            r#"weights: { "b": 1.0 }"#,
            r#"weights: { "b": 1.0, "c": 1.0 }"#,
        ),
        (
            r#"(dimension: "b", reverse: true)"#,
            r#"(dimension: "b", reverse: true), (dimension: "c", reverse: true)"#,
        ),
        (
            r#"text: "I like B.", keys: [(dimension: "b")]"#,
            r#"text: "I like B.", keys: [(dimension: "b"), (dimension: "c")]"#,
        ),
    ]);
    let w = warnings(&src);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].ends_with(
        "dimension `c` is measured by only 2 question(s); 6 or more give a stable score"
    ));
}

#[test]
fn a_dimension_no_question_measures_or_no_profile_uses() {
    let src = with(&[(
        r#"(id: "b", name: "B"),"#,
        r#"(id: "b", name: "B"), (id: "c", name: "C"),"#,
    )]);
    let c = at(&src, r#""c", name"#);
    assert_eq!(
        warnings(&src),
        [
            format!("{c}: dimension `c` is not measured by any question"),
            format!("{c}: dimension `c` is not used by any profile, so it never affects a result"),
        ]
    );
    // Used by a profile but measured by nothing: that profile can never be recommended.
    let src = with(&[
        (
            r#"(id: "b", name: "B"),"#,
            r#"(id: "b", name: "B"), (id: "c", name: "C"),"#,
        ),
        (
            r#"(id: "pb", name: "PB", weights: { "b": 1.0 }),"#,
            r#"(id: "pb", name: "PB", weights: { "b": 1.0 }), (id: "pc", name: "PC", weights: { "c": 1.0 }),"#,
        ),
        (
            r#"(id: "explore","#,
            r#"(id: "pc", when: Profile("pc"), title: "PC", summary: "PC."), (id: "explore","#,
        ),
    ]);
    assert_eq!(
        warnings(&src),
        [
            format!(
                "{}: dimension `c` is not measured by any question",
                at(&src, r#""c", name"#)
            ),
            format!(
                "{}: profile `pc` is not measured by any question, so it can never be recommended",
                at(&src, r#""pc", name"#)
            ),
        ]
    );
}

#[test]
fn a_dimension_without_a_reverse_keyed_statement() {
    let src = with(&[(r#"(dimension: "a", reverse: true)"#, r#"(dimension: "a")"#)]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: dimension `a` has no reverse-keyed agreement statement, so agreeing with everything inflates it; add one worded against it (`reverse: true`)",
            at(&src, r#""a", name"#)
        )]
    );
    // A negative key weight reverses a statement just as well.
    let src = with(&[(
        r#"(dimension: "a", reverse: true)"#,
        r#"(dimension: "a", weight: -1.0)"#,
    )]);
    assert_eq!(warnings(&src), Vec::<String>::new());
    // A dimension measured only by choices has nothing to inflate.
    let src = with(&[
        (
            r#"Agreement(id: "a1", text: "I like A.", keys: [(dimension: "a")]),"#,
            r#"ForcedChoice(id: "a1", text: "Pick.", a: (label: "A", weights: { "a": 1.0 }), b: (label: "B", weights: { "b": 1.0 })),"#,
        ),
        (
            r#"Agreement(id: "a2", text: "I avoid A.", keys: [(dimension: "a", reverse: true)]),"#,
            r#"ForcedChoice(id: "a2", text: "Pick again.", a: (label: "A", weights: { "a": 1.0 }), b: (label: "B", weights: { "b": 1.0 })),"#,
        ),
    ]);
    assert_eq!(warnings(&src), Vec::<String>::new());
}

#[test]
fn a_profile_outcome_that_can_never_be_strong() {
    // A balanced profile on two skills that every choice trades off, with a high bar.
    let src = with(&[
        ("rules: (strong: 60.0)", "rules: (strong: 90.0)"),
        (
            r#"(id: "pb", name: "PB", weights: { "b": 1.0 })"#,
            r#"(id: "pb", name: "PB", weights: { "a": 1.0, "b": 1.0 })"#,
        ),
        (
            r#"(id: "both", when: Hybrid("pa", "pb"), title: "Both", summary: "Both."),"#,
            "",
        ),
    ]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: outcome `pb`: profile `pb` can never be recommended: its best possible fit is 66.7, below `strong` (90)",
            at(&src, r#""pb", when"#)
        )]
    );
    // Agreement answers are free (66.7 of 100): at 65 it can be strong.
    let src = src.replace("strong: 90.0", "strong: 65.0");
    assert_eq!(warnings(&src), Vec::<String>::new());
}

#[test]
fn a_profile_outcome_that_can_never_rank_first() {
    // `pc` measures the same thing as `pa` but is listed later, so it never wins.
    let src = with(&[
        (
            r#"(id: "pb", name: "PB", weights: { "b": 1.0 }),"#,
            r#"(id: "pb", name: "PB", weights: { "b": 1.0 }), (id: "pc", name: "PC", weights: { "a": 3.0 }),"#,
        ),
        (
            r#"(id: "explore","#,
            r#"(id: "pc", when: Profile("pc"), title: "PC", summary: "PC."), (id: "explore","#,
        ),
    ]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: outcome `pc`: profile `pc` can never rank first: profile `pa` always scores at least as high (ties go to the profile listed first)",
            at(&src, r#""pc", when"#)
        )]
    );
}

#[test]
fn a_hybrid_whose_profiles_are_never_both_strong() {
    let src = with(&[("rules: (strong: 60.0)", "rules: (strong: 80.0)")]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: outcome `both`: hybrid of `pa` and `pb` can never be chosen: their fits add up to at most 133.3, so they are never both at `strong` (80)",
            at(&src, r#""both""#)
        )]
    );
    let src = with(&[("rules: (strong: 60.0)", "rules: (strong: 65.0)")]);
    assert_eq!(warnings(&src), Vec::<String>::new());
}

#[test]
fn an_option_with_no_effect() {
    let src = with(&[(
        r#"(label: "Do B again", weights: { "b": 2.0 }),"#,
        r#"(label: "Do B again", weights: { "b": 2.0 }), (label: "Neither", weights: {}),"#,
    )]);
    let warned = [format!(
        "{}: option 3 of question `s2` has no effect on any dimension; give it weights or remove it",
        at(&src, r#""Neither""#)
    )];
    assert_eq!(warnings(&src), warned);
    // Leaving `weights` out is the same as writing none.
    let bare = src.replace(
        r#"(label: "Neither", weights: {})"#,
        r#"(label: "Neither")"#,
    );
    assert_eq!(warnings(&bare), warned);
    // An explicit 0.0 among non-zero options says "nothing, on purpose"
    // (issue 18): the "Dislike" end of a 0–4 interest item.
    let zero = src.replace(r#"weights: {}"#, r#"weights: { "a": 0.0 }"#);
    assert_eq!(warnings(&zero), Vec::<String>::new());
    // A small weight is an effect.
    let src = src.replace(r#"weights: {}"#, r#"weights: { "a": 0.5 }"#);
    assert_eq!(warnings(&src), Vec::<String>::new());
}

#[test]
fn allow_switches_a_lint_off_and_names_must_be_known() {
    let src = with(&[(r#"(dimension: "a", reverse: true)"#, r#"(dimension: "a")"#)]);
    assert_eq!(warnings(&src).len(), 1);
    let allowed = src.replacen(
        "    rules: (strong: 60.0),",
        "    rules: (strong: 60.0),\n    allow: [(lint: \"no-reverse-key\", reason: \"An interest inventory has none by design.\")],",
        1,
    );
    assert_eq!(warnings(&allowed), Vec::<String>::new());
    let quiz = load(allowed.as_bytes()).unwrap();
    assert_eq!(
        quiz.allow[0].reason,
        "An interest inventory has none by design."
    );
    // Silencing a warning changes no score, so not the fingerprint either.
    assert_eq!(quiz.fingerprint, load(src.as_bytes()).unwrap().fingerprint);
    // Another lint's allow leaves this one on.
    let other = allowed.replace("no-reverse-key", "duplicate-text");
    assert_eq!(warnings(&other).len(), 1);
    let bad = allowed.replace("no-reverse-key", "no-reverse");
    let err = load(bad.as_bytes()).unwrap_err().render("q.ron");
    assert_eq!(
        err,
        format!(
            "error: q.ron:{}: `allow` names an unknown lint \"no-reverse\"; the lints are: few-items, unmeasured, unused-dimension, no-reverse-key, unreachable-outcome, no-effect-option, duplicate-text, wide-label, long-text",
            at(&bad, "allow")
        )
    );
    let twice = allowed.replace(
        "by design.\")]",
        "by design.\"), (lint: \"no-reverse-key\", reason: \"Again.\")]",
    );
    let err = load(twice.as_bytes()).unwrap_err().render("q.ron");
    assert_eq!(
        err,
        format!(
            "error: q.ron:{}: `allow` names the lint `no-reverse-key` twice",
            at(&twice, "allow")
        )
    );
    let empty = allowed.replace("An interest inventory has none by design.", "");
    let err = load(empty.as_bytes()).unwrap_err().render("q.ron");
    assert!(err.contains("an `allow` reason"), "{err}");
}

#[test]
fn scale_start_moves_raw_points_not_scores_nor_old_fingerprints() {
    use careerfit::core::scoring::assess;
    let base = load(BASE.as_bytes()).unwrap();
    let zero_src = BASE.replacen("rules:", "scale_start: 0,\n    rules:", 1);
    let zero = load(zero_src.as_bytes()).unwrap();
    // A quiz that does not write the field keeps the fingerprint it had
    // before the field existed (pinned: codes of bundled quizzes depend on it).
    assert_eq!(base.fingerprint, "344c081721b450eb");
    assert_ne!(zero.fingerprint, base.fingerprint);
    let written_one = BASE.replacen("rules:", "scale_start: 1,\n    rules:", 1);
    assert_eq!(
        load(written_one.as_bytes()).unwrap().fingerprint,
        base.fingerprint
    );
    let sheet = [
        Some(2),
        Some(0),
        Some(0),
        Some(2),
        Some(0),
        Some(1),
        Some(0),
        Some(1),
    ];
    let (a, b) = (assess(&base, &sheet), assess(&zero, &sheet));
    // a1 = Yes (3 points, from 0: 2), a2 = No reversed (3, from 0: 2),
    // then the choices: 2 (s1), 0 (s2), 2 (f1), 2 (f2).
    assert_eq!(
        (a.dimensions[0].raw, b.dimensions[0].raw),
        (3.0 + 3.0 + 6.0, 2.0 + 2.0 + 6.0)
    );
    assert_eq!((a.dimensions[0].min, b.dimensions[0].min), (2.0, 0.0));
    assert_eq!(a.dimensions[0].score, b.dimensions[0].score);
    assert_eq!(a.fits[0].fit, b.fits[0].fit);
    let far = BASE.replacen("rules:", "scale_start: 11,\n    rules:", 1);
    let err = load(far.as_bytes()).unwrap_err().render("q.ron");
    assert_eq!(
        err,
        format!(
            "error: q.ron:{}: `scale_start` must be a whole number from -10 to 10, found 11",
            at(&far, "scale_start")
        )
    );
}

#[test]
fn duplicate_question_texts() {
    let src = with(&[(
        r#"text: "Second situation.""#,
        r#"text: "First  situation.""#,
    )]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: question `s2` has the same text as question `s1` (line {})",
            at(&src, "text: \"First  situation"),
            at(&src, "text: \"First situation")
                .split(':')
                .next()
                .unwrap()
        )]
    );
}

#[test]
fn texts_too_long_for_an_80_column_screen() {
    // 71 columns of label; 70 is fine. Wide characters count two columns each.
    let long = "x".repeat(71);
    let src = with(&[(r#"(label: "Do A again""#, &format!(r#"(label: "{long}""#))]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: option 1 of question `s2` is 71 columns wide; keep labels to 70 so they fit an 80-column screen",
            at(&src, &format!("\"{long}"))
        )]
    );
    let ok = with(&[(
        r#"(label: "Do A again""#,
        &format!(r#"(label: "{}""#, "x".repeat(70)),
    )]);
    assert_eq!(warnings(&ok), Vec::<String>::new());
    let wide = "語".repeat(36);
    let src = with(&[(
        r#"(label: "A", weights: { "a": 2.0 }),"#,
        &format!(r#"(label: "{wide}", weights: {{ "a": 2.0 }}),"#),
    )]);
    assert!(warnings(&src)[0].ends_with("option 1 of question `f1` is 72 columns wide; keep labels to 70 so they fit an 80-column screen"));
    let ok = with(&[(
        r#"(label: "A", weights: { "a": 2.0 }),"#,
        &format!(
            r#"(label: "{}", weights: {{ "a": 2.0 }}),"#,
            "語".repeat(35)
        ),
    )]);
    assert_eq!(warnings(&ok), Vec::<String>::new());

    // Question texts: seven lines at 76 columns is too many, six is fine.
    let words = |n: usize| {
        vec!["abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01234567890123"; n]
            .join(" ")
    };
    let src = with(&[(r#"text: "I like A.""#, &format!(r#"text: "{}""#, words(7)))]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: question `a1` text wraps to 7 lines at 76 columns; keep it to 6 so its options fit an 80×24 screen",
            at(&src, "text: \"abcdef")
        )]
    );
    let ok = with(&[(r#"text: "I like A.""#, &format!(r#"text: "{}""#, words(6)))]);
    assert_eq!(warnings(&ok), Vec::<String>::new());

    // Scale labels are the options of every agreement statement.
    let src = with(&[(r#""Unsure""#, &format!("\"{long}\""))]);
    assert_eq!(
        warnings(&src),
        [format!(
            "{}: scale label is 71 columns wide; keep it to 70 so it fits an 80-column screen",
            at(&src, &format!("\"{long}"))
        )]
    );
}

#[test]
fn positions_find_ids_in_their_own_section_wherever_it_is() {
    // Outcomes written before the profiles, and ids shared between sections.
    let src = BASE.replace(
        "rules: (strong: 60.0),",
        "rules: (strong: 60.0),\n    // dimensions: [ (id: \"b\") ] in a comment is ignored",
    );
    let moved = {
        let start = src.find("    outcomes: [").unwrap();
        let end = src.find("    questions: [").unwrap();
        let outcomes = &src[start..end];
        let s = src.replacen(outcomes, "", 1);
        s.replacen(
            "    dimensions: [",
            &format!("{outcomes}    dimensions: ["),
            1,
        )
    };
    let src = moved.replacen(
        r#"Agreement(id: "b1", text: "I like B.", keys: [(dimension: "b")]),"#,
        "",
        1,
    );
    let w = warnings(&src);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with(&format!("{}: dimension `b`", at(&src, r#""b", name"#))),
        "{w:?}"
    );
    assert!(
        w[1].starts_with(&format!("{}: profile `pb`", at(&src, r#""pb", name"#))),
        "{w:?}"
    );
}
