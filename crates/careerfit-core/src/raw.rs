//! The quiz file format exactly as it is written in RON.
//!
//! These types only describe syntax; `load` turns them into a validated
//! [`crate::model::Quiz`]. Keeping the two apart means the file format can
//! stay friendly to authors (names, maps, defaults) while the engine works
//! with resolved indices and never has to re-check anything.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A whole quiz file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuiz {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    pub description: String,
    #[serde(default)]
    pub disclaimer: Option<String>,
    pub source: String,
    pub scale: Vec<String>,
    /// The value of the scale's first point (1 unless written): other
    /// instruments publish sums that start elsewhere, e.g. 0–4 per item.
    #[serde(default = "one_i")]
    pub scale_start: i64,
    #[serde(default)]
    pub rules: RawRules,
    pub dimensions: Vec<RawDimension>,
    pub profiles: Vec<RawProfile>,
    pub outcomes: Vec<RawOutcome>,
    pub questions: Vec<RawQuestion>,
    /// Lints switched off on purpose, each with the author's reason.
    #[serde(default)]
    pub allow: Vec<RawAllow>,
}

fn one_i() -> i64 {
    1
}

/// One lint a quiz switches off (`allow: [(lint: "no-reverse-key", reason: "…")]`):
/// some checks do not fit every instrument, and the reason is kept so the
/// next author knows it was a decision, not an oversight.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAllow {
    pub lint: String,
    pub reason: String,
}

/// Tunable thresholds of the recommendation rule (see `docs/scoring.md`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    #[serde(default = "default_strong")]
    pub strong: f64,
    #[serde(default = "default_z")]
    pub z: f64,
    #[serde(default = "default_min_answered")]
    pub min_answered: f64,
    #[serde(default)]
    pub bands: Option<RawBands>,
}

/// The two-sided rule's settings as written (see `docs/scoring.md`).
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawBands {
    pub lean: f64,
    pub margin: f64,
    #[serde(default)]
    pub bridge: Option<String>,
    #[serde(default)]
    pub relief: f64,
    #[serde(default = "default_max_spread")]
    pub max_spread: f64,
    #[serde(default = "default_retest")]
    pub retest: f64,
}

fn default_max_spread() -> f64 {
    100.0
}
fn default_retest() -> f64 {
    1.0
}

fn default_strong() -> f64 {
    60.0
}
fn default_z() -> f64 {
    1.0
}
fn default_min_answered() -> f64 {
    0.5
}

impl Default for RawRules {
    fn default() -> Self {
        RawRules {
            strong: default_strong(),
            z: default_z(),
            min_answered: default_min_answered(),
            bands: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub summary: String,
    pub weights: WeightMap,
}

/// When an outcome applies.
#[derive(Debug, Deserialize, Clone)]
pub enum RawWhen {
    /// One profile stands out.
    Profile(String),
    /// Two profiles are both strong and too close to separate.
    Hybrid(String, String),
    /// Nothing stands out, or the answers cannot be trusted.
    Explore,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub id: String,
    pub when: RawWhen,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub day_to_day: String,
    #[serde(default)]
    pub key_questions: Vec<String>,
    #[serde(default)]
    pub next_steps: Vec<String>,
}

/// One agreement key: which dimension an agreement item measures, how much,
/// and whether agreeing means *less* of it (reverse keyed).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKey {
    pub dimension: String,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub reverse: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub label: String,
    #[serde(default)]
    pub weights: WeightMap,
}

fn one() -> f64 {
    1.0
}

/// The three question kinds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RawQuestion {
    Agreement {
        id: String,
        text: String,
        #[serde(default = "one")]
        weight: f64,
        keys: Vec<RawKey>,
    },
    Scenario {
        id: String,
        text: String,
        #[serde(default = "one")]
        weight: f64,
        options: Vec<RawOption>,
    },
    ForcedChoice {
        id: String,
        text: String,
        #[serde(default = "one")]
        weight: f64,
        a: RawOption,
        b: RawOption,
    },
}

/// A `{ "dimension": weight }` map that keeps file order and refuses
/// duplicate keys (a plain map would silently keep the last one).
#[derive(Debug, Default, Clone)]
pub struct WeightMap(pub Vec<(String, f64)>);

impl<'de> Deserialize<'de> for WeightMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WeightMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of dimension ids to weights, like { \"market\": 1.0 }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WeightMap, A::Error> {
                let mut out: Vec<(String, f64)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, f64>()? {
                    if out.iter().any(|(seen, _)| *seen == k) {
                        return Err(de::Error::custom(format!("duplicate key `{k}`")));
                    }
                    out.push((k, v));
                }
                Ok(WeightMap(out))
            }
        }
        d.deserialize_map(V)
    }
}
