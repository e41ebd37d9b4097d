//! The sentences of a result: what the call is, in words that agree with
//! its confidence, and what that confidence means. Kept apart from the
//! report's data so that every renderer says the same thing.

use super::model::Quiz;
use super::recommend::{Basis, Recommendation};
use super::scoring::Assessment;

/// Rounded from the same one-decimal value the bars show, so the words and
/// the numbers never disagree.
fn fit_text(a: &Assessment, p: usize) -> String {
    a.fits[p]
        .fit
        .map_or("-".into(), |f| format!("{:.0}", (f * 10.0).round() / 10.0))
}

/// How likely a retake is to agree, said so that it matches the number.
fn retake(conf: Option<u8>) -> &'static str {
    match conf {
        Some(80..) => "A retake would very likely give the same answer.",
        Some(60..=79) => "A retake would probably give the same answer, though not certainly.",
        Some(_) => "A retake could well come out differently, so treat this as a first reading.",
        None => "",
    }
}

/// The summary paragraph for an assessment.
pub fn summary(quiz: &Quiz, a: &Assessment) -> String {
    let rec = &a.recommendation;
    let name = |p: usize| quiz.profiles[p].name.as_str();
    let fit = |p: usize| fit_text(a, p);
    let next = |p: usize| {
        a.ranking
            .iter()
            .copied()
            .find(|&x| x != p && a.fits[x].fit.is_some())
    };
    let two_sided = quiz.rules.bands.is_some();
    let words = match rec.basis {
        Basis::StandsOut => {
            let p = rec.profiles[0];
            let ahead = match rec.confidence {
                Some(80..) => "well ahead of",
                _ => "ahead of",
            };
            match next(p) {
                Some(n) => format!(
                    "{} fits you best ({} out of 100), {ahead} {} ({}).",
                    name(p),
                    fit(p),
                    name(n),
                    fit(n)
                ),
                None => format!("{} fits you with {} out of 100.", name(p), fit(p)),
            }
        }
        Basis::Leaning => {
            let p = rec.profiles[0];
            match next(p) {
                Some(n) => format!(
                    "You lean towards {} ({} out of 100) over {} ({}). The lead is modest, so read it as a tendency rather than a verdict.",
                    name(p),
                    fit(p),
                    name(n),
                    fit(n)
                ),
                None => format!("You lean towards {} ({} out of 100).", name(p), fit(p)),
            }
        }
        Basis::TooClose => {
            let (p, n) = (rec.profiles[0], rec.profiles[1]);
            let then = if quiz.hybrid_outcome(p, n).is_some() {
                "so a role that combines them may suit you"
            } else {
                "and this quiz has no combined role for them, so explore both"
            };
            format!(
                "{} ({}) and {} ({}) are both strong and too close to separate, {then}.",
                name(p),
                fit(p),
                name(n),
                fit(n)
            )
        }
        Basis::BothStrong | Basis::Bridged => {
            let (p, n) = (rec.profiles[0], rec.profiles[1]);
            let both = if rec.basis == Basis::Bridged {
                let b = a.bridge.as_ref().and_then(|x| x.fit).unwrap_or(0.0);
                format!(
                    "{} ({}) and {} ({}) are both close to strong, and your answers about linking the two sides are strong ({:.0})",
                    name(p),
                    fit(p),
                    name(n),
                    fit(n),
                    (b * 10.0).round() / 10.0
                )
            } else {
                format!(
                    "{} ({}) and {} ({}) are both strong",
                    name(p),
                    fit(p),
                    name(n),
                    fit(n)
                )
            };
            format!("{both}, so a role that combines them may suit you.")
        }
        Basis::NothingStrong => match a
            .ranking
            .first()
            .copied()
            .filter(|&p| a.fits[p].fit.is_some())
        {
            None => "None of the questions that measure a profile were answered.".into(),
            Some(p) if !two_sided => format!(
                "No profile reaches {:.0} out of 100, the level this quiz treats as a clear fit; your highest is {} at {}.",
                quiz.rules.strong,
                name(p),
                fit(p)
            ),
            Some(p) => match next(p) {
                Some(n)
                    if a.fits[p].fit.unwrap_or(0.0) >= quiz.rules.bands.map_or(0.0, |b| b.lean) =>
                {
                    format!(
                        "{} ({}) and {} ({}) are too close to call even a lean, and neither is strong yet.",
                        name(p),
                        fit(p),
                        name(n),
                        fit(n)
                    )
                }
                _ => format!(
                    "Neither side draws you strongly yet: your highest fit is {} at {} out of 100.",
                    name(p),
                    fit(p)
                ),
            },
        },
        Basis::Flagged => {
            return "Your answer pattern makes the scores unreliable, so no role is recommended."
                .into();
        }
    };
    let sure = retake(rec.confidence);
    if two_sided && !sure.is_empty() {
        format!("{words} {sure}")
    } else {
        words
    }
}

/// One plain sentence on what the confidence figure means.
pub fn confidence_note(quiz: &Quiz, rec: &Recommendation) -> String {
    match (rec.confidence, quiz.rules.bands.is_some()) {
        (None, _) => "No confidence is given: these answers cannot support a call.".into(),
        (Some(_), true) => {
            "Confidence is the estimated chance that answering again would give the same result.".into()
        }
        (Some(_), false) => {
            "Confidence says how clearly your fits clear this quiz's lines, given how precisely your answers measure them.".into()
        }
    }
}
