//! The sentences of a result: what the call is, in words that agree with
//! its confidence, and what that confidence means. Kept apart from the
//! report's data so that every renderer says the same thing.

use super::model::Quiz;
use super::recommend::{Basis, Recommendation};
use super::scoring::Assessment;
use crate::i18n::Lang;
use crate::tr;

/// Rounded from the same one-decimal value the bars show, so the words and
/// the numbers never disagree.
fn fit_text(a: &Assessment, p: usize) -> String {
    a.fits[p]
        .fit
        .map_or("-".into(), |f| format!("{:.0}", (f * 10.0).round() / 10.0))
}

/// How likely a retake is to agree, said so that it matches the number.
fn retake(conf: Option<u8>, lang: Lang) -> Option<String> {
    let key = match conf {
        Some(80..) => "retake-high",
        Some(60..=79) => "retake-moderate",
        Some(_) => "retake-low",
        None => return None,
    };
    Some(lang.t(key))
}

/// The summary paragraph for an assessment, in the quiz's language.
pub fn summary(quiz: &Quiz, a: &Assessment) -> String {
    let lang = quiz.lang();
    let rec = &a.recommendation;
    let name = |p: usize| quiz.profiles[p].name.as_str();
    let fit = |p: usize| fit_text(a, p);
    let next = |p: usize| {
        a.ranking
            .iter()
            .copied()
            .find(|&x| x != p && a.fits[x].fit.is_some())
    };
    // The two profiles a sentence compares, as its arguments.
    let pair = |key: &str, p: usize, n: usize| {
        lang.f(
            key,
            &[
                ("best", name(p).into()),
                ("bestfit", fit(p).into()),
                ("next", name(n).into()),
                ("nextfit", fit(n).into()),
            ],
        )
    };
    let one =
        |key: &str, p: usize| lang.f(key, &[("best", name(p).into()), ("bestfit", fit(p).into())]);
    let two_sided = quiz.rules.bands.is_some();
    let words = match rec.basis {
        Basis::StandsOut => {
            let p = rec.profiles[0];
            match next(p) {
                Some(n) if matches!(rec.confidence, Some(80..)) => pair("summary-best-well", p, n),
                Some(n) => pair("summary-best", p, n),
                None => one("summary-best-alone", p),
            }
        }
        Basis::Leaning => {
            let p = rec.profiles[0];
            match next(p) {
                Some(n) => pair("summary-lean", p, n),
                None => one("summary-lean-alone", p),
            }
        }
        Basis::TooClose => {
            let (p, n) = (rec.profiles[0], rec.profiles[1]);
            if quiz.hybrid_outcome(p, n).is_some() {
                pair("summary-too-close-hybrid", p, n)
            } else {
                pair("summary-too-close-explore", p, n)
            }
        }
        Basis::BothStrong => pair("summary-both-strong", rec.profiles[0], rec.profiles[1]),
        Basis::Bridged => {
            let (p, n) = (rec.profiles[0], rec.profiles[1]);
            let b = a.bridge.as_ref().and_then(|x| x.fit).unwrap_or(0.0);
            tr!(
                lang,
                "summary-bridged",
                best = name(p),
                bestfit = fit(p),
                next = name(n),
                nextfit = fit(n),
                bridge = format!("{:.0}", (b * 10.0).round() / 10.0)
            )
        }
        Basis::NothingStrong => match a
            .ranking
            .first()
            .copied()
            .filter(|&p| a.fits[p].fit.is_some())
        {
            None => tr!(lang, "summary-nothing-answered"),
            Some(p) if !two_sided => tr!(
                lang,
                "summary-below-strong",
                strong = format!("{:.0}", quiz.rules.strong),
                best = name(p),
                bestfit = fit(p)
            ),
            Some(p) => match next(p) {
                Some(n)
                    if a.fits[p].fit.unwrap_or(0.0) >= quiz.rules.bands.map_or(0.0, |b| b.lean) =>
                {
                    pair("summary-no-lead", p, n)
                }
                _ => one("summary-nothing-strong", p),
            },
        },
        Basis::Flagged => return tr!(lang, "summary-flagged"),
    };
    match retake(rec.confidence, lang) {
        Some(sure) if two_sided => tr!(lang, "two-sentences", first = words, second = sure),
        _ => words,
    }
}

/// One plain sentence on what the confidence figure means.
pub fn confidence_note(quiz: &Quiz, rec: &Recommendation) -> String {
    let lang = quiz.lang();
    lang.t(match (rec.confidence, quiz.rules.bands.is_some()) {
        (None, _) => "note-none",
        (Some(_), true) => "note-retest",
        (Some(_), false) => "note-gap",
    })
}
