//! Questions that do not pull their weight, and why.
//!
//! Each rule is a rule of thumb from classical item analysis, stated in
//! docs/analysis.md with its threshold. A flag is a prompt to look at the
//! question, not a verdict: a near-unanimous answer may be exactly what a
//! quiz wants to confirm. No flag rests on fewer than [`MIN_SHEETS`] sheets.

use super::{Analysis, MIN_SHEETS, ScaleKind};
use crate::model::{Kind, Quiz};

/// Item–total correlations below this (and at least 0) are "near zero":
/// the item shares little with the rest of its scale. 0.20 is the usual
/// floor for keeping an item (Streiner & Norman; Everitt).
pub const WEAK_ITEM_REST: f64 = 0.20;
/// A question skipped on at least this share of sheets is flagged.
pub const MANY_SKIPS: f64 = 0.10;
/// A question whose most common answer has at least this share of those
/// who answered tells almost nobody apart.
pub const NEAR_UNANIMOUS: f64 = 0.90;
/// An agreement statement whose answers spread less than this share of the
/// scale (in standard deviations: 0.6 points on a five-point scale)
/// separates people little.
pub const LITTLE_SPREAD: f64 = 0.15;

/// What is wrong with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Concern {
    /// Runs against the rest of scale `scale` (an index into
    /// [`Analysis::scales`]): often keyed the wrong way round.
    Negative { scale: usize, r: f64 },
    /// Shares little with the rest of scale `scale`.
    NearZero { scale: usize, r: f64 },
    /// Agreement answers with a standard deviation of `sd` scale points.
    LittleSpread { sd: f64 },
    /// Skipped on this share of sheets.
    ManySkips { share: f64 },
    /// This share of those who answered chose option `option` (0-based).
    NearUnanimous { option: usize, share: f64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub question: usize,
    pub concern: Concern,
}

impl Concern {
    /// A short name for tables and CSV.
    pub fn code(&self) -> &'static str {
        match self {
            Concern::Negative { .. } => "negative-item-total",
            Concern::NearZero { .. } => "near-zero-item-total",
            Concern::LittleSpread { .. } => "little-spread",
            Concern::ManySkips { .. } => "many-skips",
            Concern::NearUnanimous { .. } => "near-unanimous",
        }
    }

    /// The reason in words, for people.
    pub fn describe(&self, quiz: &Quiz, a: &Analysis, question: usize) -> String {
        let scale = |s: usize| {
            a.scales.get(s).map_or(String::new(), |s| match s.kind {
                ScaleKind::Dimension => quiz.dimensions[s.index].name.clone(),
                ScaleKind::Profile => format!("{} (profile)", quiz.profiles[s.index].name),
            })
        };
        match self {
            Concern::Negative { scale: s, r } => format!(
                "negative item–total correlation in {} (r = {}): it runs against the rest of the scale; is it keyed the wrong way round?",
                scale(*s),
                signed(*r)
            ),
            Concern::NearZero { scale: s, r } => format!(
                "near-zero item–total correlation in {} (r = {}, below {WEAK_ITEM_REST:.2}): it hardly measures what the other items do",
                scale(*s),
                signed(*r)
            ),
            Concern::LittleSpread { sd } => format!(
                "little spread: the answers' standard deviation is {sd:.2} scale points, so it separates people little"
            ),
            Concern::ManySkips { share } => {
                format!("many skips: {:.0}% of sheets skipped it", share * 100.0)
            }
            Concern::NearUnanimous { option, share } => {
                let label = quiz.questions[question]
                    .choices
                    .get(*option)
                    .map_or("", |c| c.label.as_str());
                format!(
                    "near-unanimous: {:.0}% of those who answered chose “{label}”",
                    share * 100.0
                )
            }
        }
    }
}

/// Three decimals with a true minus sign (`−0.412`, `0.050`): a
/// correlation of 0.1996 must not read as the threshold 0.20 it is below.
pub fn signed(x: f64) -> String {
    let s = format!("{x:.3}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c != '0' && c != '.') => format!("−{rest}"),
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// Every flag, by question, then in the order of [`Concern`].
pub(super) fn flags(quiz: &Quiz, a: &Analysis) -> Vec<Flag> {
    let mut out = Vec::new();
    for (s, scale) in a.scales.iter().enumerate() {
        for it in &scale.items {
            let Ok(r) = it.item_rest else { continue };
            let concern = if r < 0.0 {
                Concern::Negative { scale: s, r }
            } else if r < WEAK_ITEM_REST {
                Concern::NearZero { scale: s, r }
            } else {
                continue;
            };
            out.push(Flag {
                question: it.question,
                concern,
            });
        }
    }
    let points = quiz.scale.len().saturating_sub(1).max(1) as f64;
    for (q, ans) in a.answers.iter().enumerate() {
        let answered = ans.answered();
        if answered >= MIN_SHEETS {
            if let Some(sd) = ans.spread
                && quiz.questions[q].kind == Kind::Agreement
                && sd < LITTLE_SPREAD * points
            {
                out.push(Flag {
                    question: q,
                    concern: Concern::LittleSpread { sd },
                });
            }
            let (option, most) = ans
                .counts
                .iter()
                .enumerate()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(&x.0)))
                .map_or((0, 0), |(i, c)| (i, *c));
            let share = most as f64 / answered as f64;
            if share >= NEAR_UNANIMOUS {
                out.push(Flag {
                    question: q,
                    concern: Concern::NearUnanimous { option, share },
                });
            }
        }
        if a.sheets >= MIN_SHEETS {
            let share = ans.skipped as f64 / a.sheets as f64;
            if share >= MANY_SKIPS {
                out.push(Flag {
                    question: q,
                    concern: Concern::ManySkips { share },
                });
            }
        }
    }
    let rank = |c: &Concern| match c {
        Concern::Negative { .. } => 0,
        Concern::NearZero { .. } => 1,
        Concern::LittleSpread { .. } => 2,
        Concern::ManySkips { .. } => 3,
        Concern::NearUnanimous { .. } => 4,
    };
    // Stable: flags of one kind keep scale order.
    out.sort_by_key(|f| (f.question, rank(&f.concern)));
    out
}
