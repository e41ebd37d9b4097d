//! Every word the pictures print that does not come from a quiz or a
//! result, in one place, so they can move into the message catalogue
//! with the rest of the program's strings.

use careerfit_core::i18n::Lang;
use careerfit_core::scoring::confidence_words;
use careerfit_core::tr;

// The card speaks the result's language, from the message catalogue
// (`careerfit_core::i18n`); the group report's words below are English.

/// Card: the line naming the quiz, `careerfit · Title (v1.0.0)`.
pub fn card_quiz(title: &str, version: &str) -> String {
    format!("careerfit · {title} (v{version})")
}
/// Card: who the result is for.
pub fn card_for(lang: Lang, name: &str) -> String {
    tr!(lang, "card-result-for", name = name)
}
/// Card: the confidence, in words first.
pub fn card_confidence(lang: Lang, percent: Option<u8>) -> String {
    match percent {
        Some(p) => tr!(
            lang,
            "image-confidence",
            level = confidence_words(percent, lang),
            percent = p.to_string()
        ),
        None => lang.t("image-confidence-none"),
    }
}
/// Card: the heading over the strongest skills.
pub fn card_top_skills(lang: Lang) -> String {
    lang.t("image-top-skills")
}
/// Card: the label over the share code.
pub fn card_share_code(lang: Lang) -> String {
    lang.t("share-code-label")
}
/// Card: a skill no answered question measured.
pub fn card_not_measured(lang: Lang) -> String {
    lang.t("md-not-measured")
}
/// Card: the "not a test" line when a quiz has no disclaimer of its own.
pub fn card_not_a_test(lang: Lang) -> String {
    lang.t("image-not-a-test")
}
/// Card: what the image is, for screen readers and file viewers.
pub fn card_title(lang: Lang, headline: &str) -> String {
    tr!(lang, "image-title", headline = headline)
}

pub const REPORT_TITLE: &str = "careerfit group report";
/// Report: the line under the title.
pub fn report_read(results: u64, skipped: u64, date: &str) -> String {
    format!("{results} results read · {skipped} inputs skipped · made {date}")
}
/// Report: which quiz a section is about.
pub fn report_quiz(id: &str, version: &str, fingerprint: &str) -> String {
    format!("Quiz {id} v{version} (fingerprint {fingerprint})")
}
pub fn report_results(n: u64) -> String {
    format!("{n} results")
}
pub const OUTCOMES: &str = "Outcomes";
pub const OUTCOME: &str = "Outcome";
pub const RESULTS: &str = "Results";
pub const SHARE: &str = "Share";
pub const PROFILE_FIT: &str = "Profile fit (0–100)";
pub const PROFILE: &str = "Profile";
pub const MEAN: &str = "Mean";
pub const MEDIAN: &str = "Median";
pub const STDEV: &str = "Spread (SD)";
pub const SKILLS: &str = "Skills (0–100)";
pub const SKILL: &str = "Skill";
pub const RANGE: &str = "Fit";
pub const QUESTIONS: &str = "Answers per question";
pub const SKIPPED: &str = "skipped";
/// Report: the label of the "strong" line on a fit histogram.
pub fn strong_line(at: f64) -> String {
    format!("strong ({at:.0})")
}
/// Report: a chart's text alternative, read out instead of the picture.
pub fn outcomes_alt(parts: &[String]) -> String {
    format!("Bar chart of outcome shares: {}.", parts.join("; "))
}
pub fn histogram_alt(profile: &str, strong: f64, n: u64, at_or_above: u64) -> String {
    format!(
        "Histogram of {profile} fits from 0 to 100 with the strong line at {strong:.0}: \
         {at_or_above} of {n} results at or above it. The table below lists every bin."
    )
}
pub fn skills_alt(parts: &[String]) -> String {
    format!(
        "Chart of skill means with one standard deviation either side: {}.",
        parts.join("; ")
    )
}
pub fn outcomes_caption(n: u64) -> String {
    format!("How the {n} results split between the outcomes.")
}
pub fn histogram_caption(profile: &str, strong: f64) -> String {
    format!(
        "{profile}: how many results reached each fit; the orange line marks a strong fit ({strong:.0})."
    )
}
pub const SKILLS_CAPTION: &str =
    "Mean score per skill; the thin line spans one standard deviation either side.";
pub const BIN: &str = "Fit band";
/// Report: the fold-out with a histogram's numbers.
pub fn bands_summary(profile: &str) -> String {
    format!("{profile}: results per fit band")
}
pub const COUNT: &str = "Results";
