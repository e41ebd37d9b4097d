//! Quizzes built into the binary, so careerfit runs anywhere with no files.

/// `(id, file name, RON source)` of every bundled quiz; the first is the default.
use crate::i18n::Lang;

pub const BUNDLED: &[(&str, &str, &str)] = &[
    (
        "pm-vs-pd",
        "quizzes/pm-vs-pd.ron",
        include_str!("../../../quizzes/pm-vs-pd.ron"),
    ),
    (
        "product-team-roles",
        "quizzes/product-team-roles.ron",
        include_str!("../../../quizzes/product-team-roles.ron"),
    ),
    (
        "pm-vs-pd-ja",
        "quizzes/pm-vs-pd-ja.ron",
        include_str!("../../../quizzes/pm-vs-pd-ja.ron"),
    ),
    // Version 1 of the default quiz, so its share codes and result files
    // keep their result; never offered as a default.
    (
        "pm-vs-pd-v1",
        "quizzes/legacy/pm-vs-pd-v1.ron",
        include_str!("../../../quizzes/legacy/pm-vs-pd-v1.ron"),
    ),
    // Version 1 of the Japanese edition, for the same reason; it keeps its
    // own id `pm-vs-pd-ja` inside, which its fingerprint covers.
    (
        "pm-vs-pd-ja-v1",
        "quizzes/legacy/pm-vs-pd-ja-v1.ron",
        include_str!("../../../quizzes/legacy/pm-vs-pd-ja-v1.ron"),
    ),
];

/// The source of a bundled quiz by id.
pub fn find(id: &str) -> Option<(&'static str, &'static str)> {
    BUNDLED
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, f, s)| (*f, *s))
}

/// The bundled translation of quiz `id` into `lang`, if there is one: by
/// convention it is bundled as `ID-TAG` (`pm-vs-pd-ja`), with the same
/// questions, keys and weights as the original. English is the original.
pub fn translation(id: &str, lang: Lang) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    let wanted = format!("{id}-{}", lang.tag());
    BUNDLED
        .iter()
        .find(|(i, _, _)| *i == wanted)
        .map(|(i, _, _)| *i)
}

/// Every bundled quiz that loads, as `(fingerprint, "title (id)")`, so share
/// codes from another bundled quiz can say which one they belong to.
pub fn fingerprints() -> Vec<(String, String)> {
    BUNDLED
        .iter()
        .filter_map(|(_, _, src)| crate::load::load(src.as_bytes()).ok())
        .map(|q| {
            (
                q.fingerprint.clone(),
                format!("“{}” ({} v{})", q.title, q.id, q.version),
            )
        })
        .collect()
}

/// The bundled id of the quiz with this fingerprint. An older version keeps
/// its quiz's own id inside (so its codes still match), so only the
/// fingerprint tells `pm-vs-pd-ja` from `pm-vs-pd-ja-v1`. Loaded once.
pub fn id_for_fingerprint(fingerprint: &str) -> Option<&'static str> {
    static IDS: std::sync::OnceLock<Vec<(String, &'static str)>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        BUNDLED
            .iter()
            .filter_map(|(id, _, src)| {
                let q = crate::load::load(src.as_bytes()).ok()?;
                Some((q.fingerprint, *id))
            })
            .collect()
    })
    .iter()
    .find(|(f, _)| f == fingerprint)
    .map(|(_, id)| *id)
}

/// Version 1 of the default quiz, loaded: the engine's unit tests are
/// pinned to it, because their answer sheets were found for it.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn v1() -> crate::model::Quiz {
    crate::load::load(find("pm-vs-pd-v1").map(|(_, s)| s).unwrap().as_bytes()).unwrap()
}
