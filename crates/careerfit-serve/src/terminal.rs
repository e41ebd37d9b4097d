//! The bytes that set up and restore a participant's terminal, and the
//! lines left in their scrollback when the quiz ends.

use careerfit_core::sanitize::clean;
use careerfit_tui::model::Model;
use std::time::Duration;

/// Alternate screen, hidden cursor, cleared screen: what the local quiz
/// does with crossterm, as bytes for the remote terminal.
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[0m\x1b[H\x1b[2J";

/// Attributes reset, cursor shown, alternate screen left.
pub const LEAVE: &[u8] = b"\x1b[0m\x1b[?25h\x1b[?1049l";

/// What is sent when the quiz ends: the restore sequence, then the result's
/// headline and share code (so they stay in the participant's scrollback)
/// and `note`, one line each.
pub fn goodbye(m: &Model, note: &str) -> Vec<u8> {
    let mut text = String::new();
    if let Some(r) = m.report() {
        // The same command the text card gives: `--quiz ID` unless the
        // quiz is the default one, which `show` assumes.
        text.push_str(&careerfit_core::card::farewell(r));
    } else if note.is_empty() {
        text.push_str(&m.lang().t("goodbye-remote"));
        text.push('\n');
    }
    if !note.is_empty() {
        text.push_str(note);
        text.push('\n');
    }
    let mut out = LEAVE.to_vec();
    out.extend_from_slice(clean(&text).replace('\n', "\r\n").as_bytes());
    out
}

/// `90 seconds`, `10 minutes`, `1 hour`: durations for people.
pub fn human(d: Duration) -> String {
    let s = d.as_secs();
    let (n, unit) = if s.is_multiple_of(3600) {
        (s / 3600, "hour")
    } else if s.is_multiple_of(60) {
        (s / 60, "minute")
    } else {
        (s, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use careerfit_tui::msg::Message;
    use careerfit_tui::theme::Theme;
    use careerfit_tui::update::update;
    use std::sync::Arc;

    /// A session on `src`'s quiz that skipped every question to its result.
    fn finished(src: &str) -> Model {
        let quiz = careerfit_core::load::load(src.as_bytes()).unwrap();
        let n = quiz.questions.len();
        let mut m = Model::new(Arc::new(quiz), None, Theme::mono()).with_name(Some("Sam".into()));
        update(&mut m, Message::Confirm);
        for _ in 0..n {
            update(&mut m, Message::Skip);
        }
        update(&mut m, Message::Confirm);
        assert!(m.report().is_some());
        m
    }

    #[test]
    fn goodbye_restores_first_and_keeps_the_code() {
        let quiz =
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let m = Model::new(Arc::new(quiz), None, Theme::mono());
        let bye = String::from_utf8(goodbye(&m, "")).unwrap();
        assert!(bye.starts_with("\x1b[0m\x1b[?25h\x1b[?1049l"));
        assert!(bye.ends_with("Bye! Connect again any time to take the quiz.\r\n"));
        let m = finished(careerfit_core::bundled::BUNDLED[0].2);
        let bye = String::from_utf8(goodbye(&m, "note\x1b[2J")).unwrap();
        let code = &m.report().unwrap().share_code;
        assert!(bye.contains(&format!("(see it again: careerfit show {code})\r\n")));
        assert!(bye.ends_with("note[2J\r\n"), "{bye:?}");
    }

    #[test]
    fn goodbye_names_a_quiz_that_is_not_the_default() {
        let (id, _, src) = careerfit_core::bundled::BUNDLED[1];
        let m = finished(src);
        let code = m.report().unwrap().share_code.clone();
        let bye = String::from_utf8(goodbye(&m, "")).unwrap();
        assert!(
            bye.contains(&format!(
                "(see it again: careerfit show {code} --quiz {id})\r\n"
            )),
            "{bye:?}"
        );
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human(Duration::from_secs(600)), "10 minutes");
        assert_eq!(human(Duration::from_secs(3600)), "1 hour");
        assert_eq!(human(Duration::from_secs(90)), "90 seconds");
        assert_eq!(human(Duration::from_secs(60)), "1 minute");
    }
}
