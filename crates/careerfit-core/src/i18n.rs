//! The interface's message catalogue: every sentence the program shows a
//! person, in each language it speaks.
//!
//! The catalogues are Fluent files (`crates/careerfit-core/locales/*/`),
//! compiled into the program, so the core stays free of file I/O and a
//! translation can never be missing at run time. The quiz decides the
//! language (its `language` field, see [`Lang::from_tag`]): a Japanese quiz
//! gets a Japanese interface around it, so one SSH server can hold
//! sessions in several languages at once. Adding a language is described
//! in `docs/i18n.md`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// One language's catalogue, parsed the first time that language speaks:
/// an English session never parses the Japanese catalogue (start-up
/// memory, docs/performance.md).
type Catalogue = FluentBundle<FluentResource>;

fn catalogue(lang: Lang) -> &'static Catalogue {
    static EN: OnceLock<Catalogue> = OnceLock::new();
    static JA: OnceLock<Catalogue> = OnceLock::new();
    let (cell, source) = match lang {
        Lang::En => (&EN, include_str!("../locales/en/careerfit.ftl")),
        Lang::Ja => (&JA, include_str!("../locales/ja/careerfit.ftl")),
    };
    cell.get_or_init(|| build(lang, source))
}

/// A bundle of `source`. A catalogue that does not parse is a bug the
/// catalogue tests catch; whatever parsed is still used.
fn build(lang: Lang, source: &'static str) -> Catalogue {
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let mut bundle = FluentBundle::new_concurrent(vec![lang.id()]);
    // Unicode isolation marks around arguments help right-to-left
    // scripts; neither shipped language needs them, and in a terminal
    // they would be stray invisible characters.
    bundle.set_use_isolating(false);
    // Overriding duplicates cannot fail; a duplicate id is a catalogue bug.
    bundle.add_resource_overriding(resource);
    bundle
}

/// A language the interface is written in. Only languages with a complete
/// catalogue exist as values, so a lookup can always be answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

/// A value put into a message: text as it is, or a count that can choose
/// a plural form.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Count(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Count(i64::from(n))
    }
}

impl From<u16> for Arg<'_> {
    fn from(n: u16) -> Self {
        Arg::Count(i64::from(n))
    }
}

impl Lang {
    /// Every language with a catalogue.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The BCP 47 tag, as quizzes write it in their `language` field.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language for a quiz's `language` tag ("ja", "ja-JP", "en-GB").
    /// A language without a catalogue falls back to English, the one every
    /// quiz author can be expected to read.
    pub fn from_tag(tag: &str) -> Lang {
        Self::primary(tag).unwrap_or_default()
    }

    /// The language a POSIX locale value asks for (`LC_ALL`, `LC_MESSAGES`
    /// or `LANG`, e.g. "ja_JP.UTF-8"), or `None` when it names none we
    /// have ("C", "POSIX", empty, or a language without a catalogue).
    pub fn from_locale(value: &str) -> Option<Lang> {
        let base = value.split(['.', '@']).next().unwrap_or("");
        if base.eq_ignore_ascii_case("c") || base.eq_ignore_ascii_case("posix") {
            return None;
        }
        Self::primary(base)
    }

    /// The language of the first locale variable that is set, in POSIX
    /// order (`LC_ALL`, then `LC_MESSAGES`, then `LANG`). Takes the values
    /// rather than reading the environment, so it stays a pure function.
    pub fn from_locale_vars(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Option<Lang> {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .and_then(Self::from_locale)
    }

    fn primary(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    fn id(self) -> LanguageIdentifier {
        LanguageIdentifier::from_parts(self.tag().parse().unwrap_or_default(), None, None, &[])
    }

    /// The message `key` in this language.
    pub fn t(self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// The message `key` with its arguments filled in.
    pub fn f(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut map = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let v = match value {
                Arg::Text(s) => FluentValue::from(s.as_ref()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            map.set(*name, v);
        }
        self.lookup(key, Some(&map))
    }

    fn lookup(self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        // A key missing from a catalogue is a bug the catalogue tests
        // catch; at run time the English text, then the key itself, is
        // better than nothing.
        format_in(catalogue(self), key, args)
            .or_else(|| format_in(catalogue(Lang::En), key, args))
            .unwrap_or_else(|| key.to_owned())
    }
}

/// `key` formatted in `bundle`, or `None` when it is missing or its
/// arguments do not fit.
fn format_in(bundle: &Catalogue, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// `tr!(lang, "key")` or `tr!(lang, "key", name = value, …)`: one message
/// with its arguments, named as in the catalogue.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal) => {
        $crate::i18n::Lang::t($lang, $key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Lang::f($lang, $key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

#[cfg(test)]
#[path = "i18n_tests.rs"]
mod tests;
