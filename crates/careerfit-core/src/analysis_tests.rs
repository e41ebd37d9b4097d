#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::bundled;
use crate::load::load;

fn default_quiz() -> Quiz {
    let (_, src) = bundled::find("pm-vs-pd").unwrap();
    load(src.as_bytes()).unwrap()
}

/// A cheap deterministic sheet generator (not a model of people).
fn sheets(quiz: &Quiz, n: usize, seed: u64, skip_every: usize) -> Vec<Box<[u8]>> {
    let mut x = seed;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize
    };
    (0..n)
        .map(|i| {
            let lean = next() % 3;
            quiz.questions
                .iter()
                .enumerate()
                .map(|(q, question)| {
                    if skip_every > 0 && (i + q) % skip_every == 0 {
                        return 0;
                    }
                    let k = question.choices.len();
                    let c = if next() % 2 == 0 {
                        lean * (k - 1) / 2
                    } else {
                        next() % k
                    };
                    u8::try_from(c + 1).unwrap()
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_withheld_message() {
    assert_eq!(
        Withheld::Few(12).to_string(),
        "withheld: rests on 12 sheets, fewer than the 30 needed"
    );
    assert_eq!(
        Withheld::Few(1).to_string(),
        "withheld: rests on 1 sheet, fewer than the 30 needed"
    );
}

#[test]
fn under_thirty_sheets_every_estimate_is_withheld() {
    let quiz = default_quiz();
    let a = analyze(&quiz, &sheets(&quiz, 29, 7, 0), 2);
    assert_eq!((a.sheets, a.complete), (29, 29));
    for s in &a.scales {
        assert_eq!(s.alpha, Err(Withheld::Few(29)));
        assert_eq!(s.mean_sd, Err(Withheld::Few(29)));
        assert!(
            s.items
                .iter()
                .all(|i| i.item_rest == Err(Withheld::Few(29)))
        );
    }
    assert!(a.correlations.iter().all(|c| c.r == Err(Withheld::Few(29))));
    assert!(a.flags.is_empty());
    // Counts are not estimates: they are shown.
    assert_eq!(a.outcomes.iter().sum::<usize>(), 29);
    let b = analyze(&quiz, &sheets(&quiz, 30, 7, 0), 2);
    assert!(b.scales.iter().all(|s| s.alpha.is_ok()));
}

#[test]
fn a_profile_scale_sums_to_the_fit_careerfit_reports() {
    let quiz = default_quiz();
    let all = sheets(&quiz, 60, 3, 0);
    let a = analyze(&quiz, &all, 2);
    for s in a.scales.iter().filter(|s| s.kind == ScaleKind::Profile) {
        let fits: Vec<f64> = all
            .iter()
            .map(|sh| {
                let picked: Vec<Option<usize>> = (0..quiz.questions.len())
                    .map(|q| choice(&quiz, sh, q))
                    .collect();
                crate::scoring::assess(&quiz, &picked).fits[s.index]
                    .fit
                    .unwrap()
            })
            .collect();
        let (m, sd) = stats::mean_sd(fits.iter().copied());
        let (gm, gsd) = s.mean_sd.unwrap();
        assert!(
            (m - gm).abs() < 1e-9 && (sd - gsd).abs() < 1e-9,
            "{m} {gm} {sd} {gsd}"
        );
        // The range is what answers can reach: within 0–100, and less than
        // 100 where one scenario trades two of the profile's own dimensions.
        assert!(
            s.range.0 > -1e-9 && s.range.1 < 100.0 + 1e-9,
            "{:?}",
            s.range
        );
        assert!(s.range.0 <= gm && gm <= s.range.1);
    }
}

#[test]
fn partial_sheets_count_only_where_they_answered_everything() {
    let quiz = default_quiz();
    let a = analyze(&quiz, &sheets(&quiz, 100, 5, 7), 2);
    assert_eq!(a.complete, 0);
    assert_eq!(a.partial(), 100);
    let skipped: usize = a.answers.iter().map(|x| x.skipped).sum();
    assert!(skipped > 0);
    for s in &a.scales {
        assert!(s.sheets < 100);
    }
}

#[test]
fn hostile_sheets_do_not_panic() {
    let quiz = default_quiz();
    let odd: Vec<Box<[u8]>> = vec![
        Box::new([]),
        vec![255u8; 500].into_boxed_slice(),
        vec![0u8; 40].into_boxed_slice(),
    ];
    let a = analyze(&quiz, &odd, 2);
    assert_eq!((a.sheets, a.complete), (3, 0));
    assert!(
        !text(&Report {
            sections: vec![],
            read: 3,
            skipped: 0
        })
        .is_empty()
    );
}

#[test]
fn figures_do_not_depend_on_the_number_of_threads() {
    let quiz = default_quiz();
    let all = sheets(&quiz, 97, 11, 13);
    assert_eq!(analyze(&quiz, &all, 1), analyze(&quiz, &all, 4));
}
