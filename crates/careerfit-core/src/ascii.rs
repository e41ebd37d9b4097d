//! `--ascii`: output that is pure ASCII, for terminals, screen readers and
//! pipes that cannot take anything else (`TERM=dumb`, a `C` locale, a
//! braille display). Punctuation the program and quizzes use is spelled
//! the ASCII way; anything else becomes `?`, so a byte over 127 never
//! gets through (issue 20: `show CODE --ascii` still printed `·`, `→`,
//! `—`, `…` and curly quotes).

use std::borrow::Cow;

/// `s` with every character outside ASCII replaced by its ASCII spelling
/// (`…` → `...`, `“` → `"`, `→` → `->`), or `?` when it has none.
pub fn to_ascii(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(spelling(c));
        }
    }
    Cow::Owned(out)
}

/// The ASCII spelling of one non-ASCII character.
fn spelling(c: char) -> &'static str {
    match c {
        '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => " ",
        '\u{200b}'..='\u{200d}' | '\u{feff}' => "",
        // A dash, not `*`: screen readers say "asterisk" (espeak-ng).
        '·' | '•' | '∙' | '‧' | '・' => "-",
        '–' | '‐' | '‑' | '‒' | '−' | '─' | '━' | '—' | '―' => "-",
        '…' => "...",
        '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' => "\"",
        '‘' | '’' | '‚' | '′' => "'",
        '→' | '⟶' => "->",
        '←' | '⟵' => "<-",
        '↑' => "^",
        '↓' => "v",
        '↔' => "<->",
        '×' => "x",
        '÷' => "/",
        '≥' => ">=",
        '≤' => "<=",
        '≠' => "!=",
        '±' => "+/-",
        '°' => " deg",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "(TM)",
        '✓' | '✔' => "v",
        '✗' | '✘' => "x",
        '⚠' => "!",
        '▶' | '►' | '▸' => ">",
        '◀' | '◄' | '◂' => "<",
        '●' | '◉' => "(*)",
        '○' | '◯' => "( )",
        '█' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏' => "#",
        '░' | '▒' | '▓' => ".",
        '│' | '┃' | '║' => "|",
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╯' | '╰' => {
            "+"
        }
        '、' | '，' => ",",
        '。' | '．' => ".",
        '：' => ":",
        '？' => "?",
        '！' => "!",
        '（' => "(",
        '）' => ")",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ç' => "c",
        'Ç' => "C",
        'ñ' => "n",
        'Ñ' => "N",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        _ => "?",
    }
}

/// A copy of `r` whose every text is ASCII, so that a card laid out from
/// it measures the widths it will print (`…` in a quiz text turned into
/// `...` afterwards would push a column out of line). Falls back to `r`
/// itself should the copy not round-trip, which the tests rule out.
pub fn report(r: &crate::report::Report) -> crate::report::Report {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                if let Cow::Owned(a) = to_ascii(s) {
                    *s = a;
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            serde_json::Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    let Ok(mut v) = serde_json::to_value(r) else {
        return r.clone();
    };
    walk(&mut v);
    serde_json::from_value(v).unwrap_or_else(|_| r.clone())
}

/// JSON with every character outside ASCII written as a `\uXXXX` escape
/// (a surrogate pair above U+FFFF): the same document, byte for byte
/// ASCII. Only valid for JSON text, where such characters can only stand
/// inside strings.
pub fn json_escaped(json: &str) -> Cow<'_, str> {
    if json.is_ascii() {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    Cow::Owned(out)
}

/// XML (an SVG card) with every character outside ASCII written as a
/// `&#x…;` reference: the same document, byte for byte ASCII. Valid where
/// such characters can only stand in text and attribute values.
pub fn xml_escaped(xml: &str) -> Cow<'_, str> {
    if xml.is_ascii() {
        return Cow::Borrowed(xml);
    }
    let mut out = String::with_capacity(xml.len() + 16);
    for c in xml.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("&#x{:x};", u32::from(c)));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_spelled_and_the_rest_is_a_question_mark() {
        assert_eq!(
            to_ascii("“Quote” — a · b → c … ‘x’ ⚠ 5×"),
            "\"Quote\" - a - b -> c ... 'x' ! 5x"
        );
        assert_eq!(to_ascii("café 日本"), "cafe ??");
        assert!(matches!(to_ascii("plain"), Cow::Borrowed("plain")));
        for c in '\u{80}'..='\u{ffff}' {
            let s = c.to_string();
            assert!(to_ascii(&s).is_ascii(), "{c:?}");
        }
    }

    #[test]
    fn a_report_round_trips_into_ascii() {
        let quiz = crate::load::load(crate::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let mut quiz = quiz;
        quiz.questions[0].text = "A “quoted” question… with café".into();
        let answers = vec![Some(4); quiz.questions.len()];
        let r = crate::report::build(&quiz, &answers, Some("Zoë"));
        let a = report(&r);
        assert!(serde_json::to_string(&a).unwrap().is_ascii());
        assert_eq!(a.name.as_deref(), Some("Zoe"));
        assert_eq!(a.share_code, r.share_code);
        assert_ne!(a, r, "the copy is not the fallback");
    }

    #[test]
    fn xml_references_stand_for_the_characters() {
        assert_eq!(
            xml_escaped("<t a=\"é\">日😀</t>"),
            "<t a=\"&#xe9;\">&#x65e5;&#x1f600;</t>"
        );
    }

    #[test]
    fn json_keeps_its_meaning() {
        let v = serde_json::json!({"t": "日本 “q” 😀"});
        let s = v.to_string();
        let e = json_escaped(&s);
        assert!(e.is_ascii());
        let back: serde_json::Value = serde_json::from_str(&e).unwrap();
        assert_eq!(back, v);
    }
}
