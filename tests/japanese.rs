//! The Japanese edition of the default quiz (`pm-vs-pd-ja`): it scores
//! exactly like the English one (and its bundled version 1,
//! `pm-vs-pd-ja-v1`, like English version 1, with its old share codes still
//! working), every text is translated, and wide
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

/// Checks that `ja` is the same instrument as `en`: equal once every text is
/// blanked (ids, keys, weights, rules, bands, order and version), and so
/// every answer sheet scores the same.
fn same_instrument(en: &Quiz, ja: &Quiz) {
    assert_eq!(ja.language, "ja");
    assert_eq!(ja.version, en.version);
    assert_eq!(skeleton(ja), skeleton(en));
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
        let (a, b) = (assess(en, &sheet), assess(ja, &sheet));
        assert_eq!(a.fits, b.fits);
        assert_eq!(a.recommendation, b.recommendation);
    }
}

#[test]
fn same_structure_and_scores_as_the_default_quiz() {
    // When the default quiz moves to a new version, its translation follows.
    let (en, ja) = (bundled("pm-vs-pd"), bundled("pm-vs-pd-ja"));
    assert_eq!(ja.id, "pm-vs-pd-ja");
    assert_eq!(ja.questions.len(), 40);
    same_instrument(&en, &ja);
}

#[test]
fn the_japanese_version_1_still_matches_english_version_1() {
    let (en, ja) = (bundled("pm-vs-pd-v1"), bundled("pm-vs-pd-ja-v1"));
    // It keeps its own id inside, as the English version 1 does: the id is
    // part of the fingerprint, and so of every share code made with it.
    assert_eq!(ja.id, "pm-vs-pd-ja");
    assert_eq!(ja.fingerprint, "17447002bdb6b398");
    same_instrument(&en, &ja);
}

/// A code made with the Japanese quiz version 1 (before version 2 replaced
/// it), answers `2,5,3,2,2,1,2,2,5,2,4,5,1,4,2,5,2,3,4,2,2,4,3,1,2,4,1,1,2,2`.
const JA_V1_CODE: &str = "GQ44-BM8X-62ZP-TJHK-M11N-NW";

#[test]
fn a_japanese_version_1_code_gives_its_original_result() {
    let out = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args(["show", JA_V1_CODE, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["quiz"]["id"], "pm-vs-pd-ja");
    assert_eq!(v["quiz"]["version"], "1.0.0");
    assert_eq!(v["quiz"]["fingerprint"], "17447002bdb6b398");
    assert_eq!(v["recommendation"]["outcome"], "pd");
    assert_eq!(v["recommendation"]["title"], "プロダクト開発");
    assert_eq!(v["recommendation"]["confidence"], 85);
    assert_eq!(v["recommendation"]["basis"], "stands-out");
    assert_eq!(v["profiles"][0]["fit"], 62.9);
    assert_eq!(v["profiles"][1]["fit"], 15.2);
    assert_eq!(v["share_code"], JA_V1_CODE);
    // Its card says how to see it again with the code alone: `--quiz
    // pm-vs-pd-ja` would now load version 2.
    let card = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args(["show", JA_V1_CODE])
        .output()
        .unwrap();
    assert!(card.status.success());
    let card = String::from_utf8_lossy(&card.stdout).replace('\n', " ");
    assert!(
        card.contains(&format!(
            "もう一度見るには: careerfit show {JA_V1_CODE} これは"
        )),
        "{card}"
    );
}

#[test]
fn a_japanese_version_1_code_with_an_explicit_quiz() {
    // Named as the bundled version 1, it is found.
    let ok = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args([
            "show",
            JA_V1_CODE,
            "--quiz",
            "pm-vs-pd-ja-v1",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:?}");
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["recommendation"]["outcome"], "pd");
    // Against version 2 named explicitly it is refused, as an English
    // version 1 code is against `--quiz pm-vs-pd`.
    let err = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args(["show", JA_V1_CODE, "--quiz", "pm-vs-pd-ja"])
        .output()
        .unwrap();
    assert_eq!(err.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&err.stderr),
        "error: this share code belongs to the quiz “プロダクトマネジメントか、プロダクト開発か？” (pm-vs-pd-ja v1.0.0), not to this quiz\n"
    );
}

#[test]
fn a_japanese_version_2_card_names_its_quiz() {
    let out = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args(["score", "--quiz", "pm-vs-pd-ja", "--answers", PM_SPEC])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let card = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    let code = card
        .split("careerfit show ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .expect("a show command");
    assert!(
        card.contains(&format!("careerfit show {code} --quiz pm-vs-pd-ja これは")),
        "{card}"
    );
    let back = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args(["show", code, "--quiz", "pm-vs-pd-ja", "--format", "json"])
        .output()
        .unwrap();
    assert!(back.status.success(), "{back:?}");
    let v: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(v["quiz"]["version"], "2.0.0");
}

#[test]
fn every_text_is_in_japanese() {
    for id in ["pm-vs-pd-ja", "pm-vs-pd-ja-v1"] {
        every_text_is_japanese(&bundled(id));
    }
}

fn every_text_is_japanese(ja: &Quiz) {
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
    send(&mut m, &[Message::Confirm]);
    // As in the default quiz, the first scenario is the ninth question.
    for _ in 0..8 {
        send(&mut m, &[Message::Skip]);
    }
    send(&mut m, &[Message::Choose(3)]);
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
    let head = lines.iter().find(|l| l.contains("1 / 40")).expect("header");
    assert_eq!(
        column_of(head, "1 / 40"),
        Some(79 - "1 / 40".len()),
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
        .find(|l| l.contains("競合の製品を"))
        .expect("question");
    assert!(width(q) <= 79 && width(q) >= 70, "{q:?}");
    t.keys(&["q"]);
    t.wait_for("診断を終了しますか");
    t.keys(&["y"]);
    t.wait_for("EXIT=0");
}

/// Words of the English interface: none may show around the Japanese quiz.
/// (Key names such as Enter, Esc and QR, and the program's name, stay.)
const ENGLISH_WORDS: &[&str] = &[
    "How much",
    "agree",
    "start",
    "help",
    "quit",
    "choose",
    "next",
    "back",
    "skip",
    "keys",
    "questions",
    "minutes",
    "answered",
    "Best fit",
    "Leaning",
    "Hybrid",
    "No clear call",
    "Confidence",
    "Skills",
    "Share code",
    "Next steps",
    "Why",
    "raised",
    "lowered",
    "scroll",
    "copy",
    "card",
    "save",
    "review",
    "About",
    "Result",
    "more",
    "Keys",
    "this help",
];

fn assert_no_english(screen: &str, place: &str) {
    for w in ENGLISH_WORDS {
        assert!(
            !screen.contains(w),
            "English {w:?} on the {place}:\n{screen}"
        );
    }
}

#[test]
fn a_japanese_locale_opens_the_japanese_quiz_in_a_japanese_interface() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
    let t = Tmux::start("ja-locale", 80, 24);
    // No --quiz: the locale picks the translation of the default quiz.
    t.run(&format!(
        "LANG=ja_JP.UTF-8 LC_ALL= CAREERFIT_DATA_DIR=$(mktemp -d) TERM=xterm-256color {} --no-shuffle; echo EXIT=$?",
        Tmux::bin().display()
    ));
    let welcome = t.wait_for("Enter 開始");
    assert!(welcome.contains("40 問"), "{welcome}");
    assert_no_english(&welcome, "welcome screen");
    t.keys(&["Enter"]);
    let question = t.wait_for("1 / 40");
    assert_no_english(&question, "question screen");
    // The help overlay over wide characters keeps both borders straight:
    // every row of the box has its left and right border in one column.
    t.keys(&["?"]);
    // The last line of the box, so the whole box has been drawn.
    let help = t.wait_for("他のキーで閉じます");
    assert_no_english(&help, "help overlay");
    let rows: Vec<&str> = help
        .lines()
        .filter(|l| l.contains('│') || l.contains('┌') || l.contains('└'))
        .collect();
    assert!(rows.len() > 10, "{help}");
    let left: Vec<Option<usize>> = rows
        .iter()
        .map(|l| {
            ['│', '┌', '└']
                .iter()
                .filter_map(|c| l.find(*c))
                .min()
                .map(|i| width(&l[..i]))
        })
        .collect();
    let right: Vec<Option<usize>> = rows
        .iter()
        .map(|l| {
            ['│', '┐', '┘']
                .iter()
                .filter_map(|c| l.rfind(*c))
                .max()
                .map(|i| width(&l[..i]))
        })
        .collect();
    assert!(left.windows(2).all(|w| w[0] == w[1]), "{left:?}\n{help}");
    assert!(right.windows(2).all(|w| w[0] == w[1]), "{right:?}\n{help}");
    t.keys(&["Escape"]);
    // The overlay gone first: an Escape still unread when the burst comes
    // arrives with its first `1` as Alt+1, and that answer is lost.
    let start = std::time::Instant::now();
    while t.capture().contains("他のキーで閉じます") {
        assert!(
            start.elapsed().as_secs() < 10,
            "the help overlay stays open"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // Every answer 1 and Enter, in one burst (one tmux call, not 80).
    t.send_literal(&"1\r".repeat(40));
    t.wait_for("見直し");
    t.keys(&["Enter"]);
    let result = t.wait_for("共有コード");
    assert_no_english(&result, "results screen");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn plain_mode_speaks_japanese_around_the_japanese_quiz() {
    let data = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("careerfit")
        .unwrap()
        .args(["take", "--plain", "--quiz", "pm-vs-pd-ja", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", data.path())
        .env("LANG", "ja_JP.UTF-8")
        .write_stdin("1\n".repeat(40) + "\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "この診断でわかること",
        "質問 1/40",
        "あなたの結果",
        "共有コード",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    assert_no_english(&text, "plain-mode transcript");
}
