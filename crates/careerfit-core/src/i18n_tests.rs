use super::*;
use std::collections::{BTreeMap, BTreeSet};

const EN: &str = include_str!("../locales/en/careerfit.ftl");
const JA: &str = include_str!("../locales/ja/careerfit.ftl");

/// Each message of a catalogue with the variables it uses. A message
/// starts at `key =` in the first column; its continuation lines are
/// indented.
fn messages(src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in src.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '}']) {
            let (key, _) = line.split_once(" =").expect("a message line");
            current = Some(key.to_owned());
            out.entry(key.to_owned()).or_default();
        }
        let key = current.clone().expect("continuation after a message");
        let vars = out.entry(key).or_default();
        for piece in line.split("{ $").skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            vars.insert(name);
        }
    }
    out
}

#[test]
fn every_catalogue_has_the_same_messages_with_the_same_arguments() {
    let en = messages(EN);
    let ja = messages(JA);
    assert!(en.len() > 100, "{} messages", en.len());
    let en_keys: BTreeSet<_> = en.keys().collect();
    let ja_keys: BTreeSet<_> = ja.keys().collect();
    assert_eq!(
        en_keys.difference(&ja_keys).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "missing in ja"
    );
    assert_eq!(
        ja_keys.difference(&en_keys).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "only in ja"
    );
    for (k, vars) in &en {
        assert_eq!(&ja[k], vars, "arguments of {k}");
    }
}

#[test]
fn every_message_resolves_in_every_language() {
    for lang in Lang::ALL {
        for (key, vars) in messages(EN) {
            let args: Vec<(&str, Arg)> = vars.iter().map(|v| (v.as_str(), Arg::Count(2))).collect();
            let key = &key;
            let text = lang.f(key, &args);
            assert_ne!(&text, key, "{key} in {lang:?}");
            assert!(!text.is_empty(), "{key} in {lang:?}");
        }
    }
}

#[test]
fn arguments_and_plurals_fill_in() {
    assert_eq!(tr!(Lang::En, "count-questions", n = 1usize), "1 question");
    assert_eq!(
        tr!(Lang::En, "count-questions", n = 40usize),
        "40 questions"
    );
    assert_eq!(tr!(Lang::Ja, "count-questions", n = 40usize), "40 問");
    assert_eq!(
        tr!(Lang::En, "headline-line", label = "Hybrid", title = "TPM"),
        "Hybrid: TPM"
    );
    // No invisible isolation marks around arguments.
    assert!(!tr!(Lang::Ja, "small-need", w = 50u16, h = 14u16).contains('\u{2068}'));
    assert_eq!(
        tr!(Lang::En, "small-need", w = 50u16, h = 14u16),
        "need 50×14"
    );
}

#[test]
fn a_missing_key_falls_back_to_the_key_itself() {
    assert_eq!(Lang::Ja.t("no-such-message"), "no-such-message");
}

#[test]
fn quiz_tags_pick_a_catalogue_and_fall_back_to_english() {
    assert_eq!(Lang::from_tag("ja"), Lang::Ja);
    assert_eq!(Lang::from_tag("JA-jp"), Lang::Ja);
    assert_eq!(Lang::from_tag("en-GB"), Lang::En);
    assert_eq!(Lang::from_tag("de"), Lang::En);
    assert_eq!(Lang::from_tag(""), Lang::En);
}

#[test]
fn locale_values_follow_posix_order() {
    assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Some(Lang::Ja));
    assert_eq!(Lang::from_locale("ja_JP.eucJP@x"), Some(Lang::Ja));
    assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
    assert_eq!(Lang::from_locale("C.UTF-8"), None);
    assert_eq!(Lang::from_locale("POSIX"), None);
    assert_eq!(Lang::from_locale("fr_FR.UTF-8"), None);
    assert_eq!(
        Lang::from_locale_vars(Some("en_US.UTF-8"), None, Some("ja_JP.UTF-8")),
        Some(Lang::En)
    );
    assert_eq!(
        Lang::from_locale_vars(Some(""), None, Some("ja_JP.UTF-8")),
        Some(Lang::Ja)
    );
    assert_eq!(Lang::from_locale_vars(None, None, None), None);
}
