//! The Japanese edition of the default quiz (`pm-vs-pd-ja`): it scores
//! exactly like the English one, every text is translated, and wide
//! characters line up on screen, both in ratatui's test backend (insta
//! snapshots) and in a real terminal (tmux).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::load::load;
use careerfit::core::model::Quiz;
use careerfit::core::scoring::assess;
use careerfit::core::text::width;
use careerfit::tui::model::Model;
use careerfit::tui::msg::Message;
use careerfit::tui::theme::Theme;
use careerfit::tui::view::view;
use common::tmux::{Tmux, available};
use common::{PM_SPEC, send};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn bundled(id: &str) -> Quiz {
    let (_, src) = careerfit::bundled::find(id).expect("bundled");
    load(src.as_bytes()).expect("loads")
}

/// A copy of `q` with every human-readable text blanked, leaving only what
/// scoring depends on.
fn skeleton(q: &Quiz) -> Quiz {
    let mut q = q.clone();
    (q.title, q.description, q.disclaimer, q.source) = Default::default();
    (q.id, q.language, q.fingerprint) = Default::default();
    q.scale.iter_mut().for_each(String::clear);
    for d in &mut q.dimensions {
        (d.name, d.description) = Default::default();
    }
    for p in &mut q.profiles {
        (p.name, p.summary) = Default::default();
    }
    for o in &mut q.outcomes {
        (o.title, o.summary, o.day_to_day) = Default::default();
        o.key_questions.iter_mut().for_each(String::clear);
        o.next_steps.iter_mut().for_each(String::clear);
    }
    for x in &mut q.questions {
        x.text.clear();
        x.choices.iter_mut().for_each(|c| c.label.clear());
    }
    q
}

#[test]
fn same_structure_and_scores_as_the_english_quiz() {
    // The Japanese quiz translates version 1 of the default quiz; moving it
    // to version 2 is part of the localisation work (issue #20).
    let en = bundled("pm-vs-pd-v1");
    let ja = bundled("pm-vs-pd-ja");
    assert_eq!(ja.language, "ja");
    assert_eq!(skeleton(&ja), skeleton(&en));
    // And so every answer sheet scores the same.
    let mut seed = 7u64;
    for _ in 0..200 {
        let sheet: Vec<Option<usize>> = en
            .questions
            .iter()
            .map(|q| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let k = (seed >> 33) as usize % (q.choices.len() + 1);
                (k < q.choices.len()).then_some(k)
            })
            .collect();
        let (a, b) = (assess(&en, &sheet), assess(&ja, &sheet));
        assert_eq!(a.fits, b.fits);
        assert_eq!(a.recommendation, b.recommendation);
    }
}

#[test]
fn every_text_is_in_japanese() {
    let ja = bundled("pm-vs-pd-ja");
    let japanese = |s: &str| {
        s.chars().any(|c| {
            ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
        })
    };
    let mut texts: Vec<&str> = vec![&ja.title, &ja.description, &ja.disclaimer, &ja.source];
    texts.extend(ja.scale.iter().map(String::as_str));
    texts.extend(
        ja.dimensions
            .iter()
            .flat_map(|d| [d.name.as_str(), &d.description]),
    );
    texts.extend(
        ja.profiles
            .iter()
            .flat_map(|p| [p.name.as_str(), &p.summary]),
    );
    for o in &ja.outcomes {
        texts.extend([o.title.as_str(), &o.summary, &o.day_to_day]);
        texts.extend(
            o.key_questions
                .iter()
                .chain(&o.next_steps)
                .map(String::as_str),
        );
    }
    for q in &ja.questions {
        texts.push(&q.text);
        texts.extend(q.choices.iter().map(|c| c.label.as_str()));
    }
    for t in texts {
        assert!(japanese(t), "not translated: {t:?}");
    }
}

// ------------------------------------------------------------ TUI snapshots

fn model() -> Model {
    Model::new(Arc::new(bundled("pm-vs-pd-ja")), None, Theme::mono())
}

/// Draws `m` at `w`×`h`; checks that every row is exactly `w` columns wide
/// (a wide character that took one cell would make its row short or long).
fn draw(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut m = m.clone();
    careerfit::tui::update::update(&mut m, Message::Resize(w, h));
    t.draw(|f| view(&mut m, f)).unwrap();
    let out = format!("{}", t.backend());
    for row in out.lines() {
        // Rows print as `"…"`, followed by a note listing the cells hidden
        // behind wide characters when there are any.
        let row = row
            .split("\" Hidden by multi-width symbols")
            .next()
            .unwrap_or(row);
        let inner = row.trim_start_matches('"').trim_end_matches('"');
        assert_eq!(width(inner), w as usize, "row is not {w} columns: {row}");
    }
    out
}

fn snap(name: &str, m: &Model) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(m, w, h));
    }
}

#[test]
fn welcome_ja() {
    snap("welcome_ja", &model());
}

#[test]
fn agreement_question_ja() {
    let mut m = model();
    send(&mut m, &[Message::Confirm, Message::Choose(4), Message::Up]);
    snap("question_ja", &m);
}

#[test]
fn scenario_question_ja() {
    let mut m = model();
    send(
        &mut m,
        &[
            Message::Confirm,
            Message::Skip,
            Message::Skip,
            Message::Choose(2),
        ],
    );
    snap("question_scenario_ja", &m);
}

#[test]
fn results_ja() {
    let mut m = model();
    common::finish(&mut m, PM_SPEC);
    snap("results_ja", &m);
}

#[test]
fn too_small_ja() {
    insta::assert_snapshot!("too_small_ja_40x10", draw(&model(), 40, 10));
}

// ------------------------------------------------------------ real terminal

/// Display column (0-based) where `needle` starts in `line`, if present.
fn column_of(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| width(&line[..i]))
}

#[test]
fn wide_characters_line_up_in_a_real_terminal() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let t = Tmux::start("ja", 80, 24);
    t.careerfit("--quiz pm-vs-pd-ja --no-shuffle; echo EXIT=$?");
    let welcome = t.wait_for("Enter 開始");
    assert!(
        welcome.contains("プロダクトマネジメントか、プロダクト開発か？"),
        "{welcome}"
    );
    t.keys(&["Enter"]);
    t.send_literal("4");
    let screen = t.wait_for("● そう思う");
    let lines: Vec<&str> = screen.lines().collect();
    for l in &lines {
        assert!(width(l) <= 80, "wider than the terminal: {l:?}");
    }
    // The progress counter ends at the same column as on an English screen:
    // the title's wide characters took two cells each, no more, no less.
    let head = lines.iter().find(|l| l.contains("1 / 30")).expect("header");
    assert_eq!(
        column_of(head, "1 / 30"),
        Some(79 - "1 / 30".len()),
        "{head:?}"
    );
    // The five scale labels start in one column, after the numbers and marks.
    let cols: Vec<Option<usize>> = [
        "まったくそう思わない",
        "1 ○ ま",
        "2 ○ そう思わない",
        "3 ○ どちら",
        "4 ● そう思う",
        "5 ○ とても",
    ]
    .iter()
    .map(|n| lines.iter().find_map(|l| column_of(l, n)))
    .collect();
    assert_eq!(cols[0], Some(7), "{screen}");
    assert!(
        cols[1..].iter().all(|c| *c == Some(3)),
        "{cols:?}\n{screen}"
    );
    // The wrapped question stays inside the 78-column body.
    let q = lines
        .iter()
        .find(|l| l.contains("どの競合も"))
        .expect("question");
    assert!(width(q) <= 79 && width(q) >= 70, "{q:?}");
    t.keys(&["q"]);
    t.wait_for("Quit");
    t.keys(&["y"]);
    t.wait_for("EXIT=0");
}
