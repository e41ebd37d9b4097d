//! The TUI state machine, without a terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::answers::parse_spec;
use careerfit::core::report;
use careerfit::tui::keys::message_for;
use careerfit::tui::model::{Overlay, Screen};
use careerfit::tui::msg::{Effect, Message};
use careerfit::tui::update::update;
use common::*;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn enter_starts_and_digits_choose_without_moving_on() {
    let mut m = model();
    send(&mut m, &[Message::Confirm]);
    assert_eq!(m.screen(), Screen::Question);
    let fx = update(&mut m, Message::Choose(3));
    assert_eq!(fx, vec![Effect::SaveProgress]);
    assert_eq!(m.pos(), 0);
    assert_eq!(m.answers()[0], Some(2));
    send(&mut m, &[Message::Confirm]);
    assert_eq!(m.pos(), 1);
}

#[test]
fn enter_without_a_choice_asks_for_one() {
    let mut m = model();
    send(&mut m, &[Message::Confirm, Message::Confirm]);
    assert_eq!(m.pos(), 0);
    assert!(m.status().unwrap_or("").contains("Choose an option"));
}

#[test]
fn going_back_shows_the_earlier_answer() {
    let mut m = model();
    send(
        &mut m,
        &[
            Message::Confirm,
            Message::Choose(4),
            Message::Confirm,
            Message::Back,
        ],
    );
    assert_eq!(m.pos(), 0);
    assert_eq!(m.cursor(), Some(3));
    assert_eq!(m.chosen_position(0), Some(3));
}

#[test]
fn skip_marks_unanswered_and_review_lists_it() {
    let mut m = model();
    send(&mut m, &[Message::Confirm, Message::Skip]);
    assert_eq!(m.answers()[0], None);
    assert_eq!(m.pos(), 1);
}

#[test]
fn quitting_with_answers_asks_first() {
    let mut m = model();
    send(
        &mut m,
        &[Message::Confirm, Message::Choose(1), Message::Quit],
    );
    assert_eq!(m.overlay(), Overlay::ConfirmQuit);
    assert!(!m.has_quit());
    send(&mut m, &[Message::No]);
    assert_eq!(m.overlay(), Overlay::None);
    send(&mut m, &[Message::Quit]);
    assert_eq!(update(&mut m, Message::Yes), vec![Effect::Quit]);
    assert!(m.has_quit());
}

#[test]
fn quitting_with_nothing_to_lose_is_immediate() {
    let mut m = model();
    assert_eq!(update(&mut m, Message::Quit), vec![Effect::Quit]);
}

#[test]
fn ctrl_c_is_quit_and_y_confirms() {
    let mut m = model();
    send(&mut m, &[Message::Confirm, Message::Choose(1)]);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(message_for(&m, ctrl_c), Some(Message::Quit));
    send(&mut m, &[Message::Quit]);
    assert_eq!(message_for(&m, key(KeyCode::Char('y'))), Some(Message::Yes));
}

#[test]
fn keymap_contract() {
    let mut m = model();
    send(&mut m, &[Message::Confirm]);
    let cases = [
        (KeyCode::Up, Message::Up),
        (KeyCode::Char('k'), Message::Up),
        (KeyCode::Down, Message::Down),
        (KeyCode::Char('j'), Message::Down),
        (KeyCode::Char('7'), Message::Choose(7)),
        (KeyCode::Enter, Message::Confirm),
        (KeyCode::Right, Message::Confirm),
        (KeyCode::Char('l'), Message::Confirm),
        (KeyCode::Left, Message::Back),
        (KeyCode::Char('h'), Message::Back),
        (KeyCode::Backspace, Message::Back),
        (KeyCode::Char('s'), Message::Skip),
        (KeyCode::Char('?'), Message::ToggleHelp),
        (KeyCode::Char('q'), Message::Quit),
        (KeyCode::Esc, Message::Quit),
    ];
    for (k, want) in cases {
        assert_eq!(message_for(&m, key(k)), Some(want), "{k:?}");
    }
}

#[test]
fn the_tui_result_equals_score_for_the_same_answers() {
    let mut m = model();
    finish(&mut m, PM_SPEC);
    assert_eq!(m.screen(), Screen::Results);
    let quiz = default_quiz();
    let answers = parse_spec(&quiz, PM_SPEC).unwrap();
    assert_eq!(m.report(), Some(&report::build(&quiz, &answers, None)));
}

#[test]
fn shuffled_order_still_stores_answers_in_file_order() {
    let quiz = std::sync::Arc::new(default_quiz());
    let mut m = careerfit::tui::model::Model::new(
        quiz.clone(),
        Some(42),
        careerfit::tui::theme::Theme::mono(),
    );
    send(&mut m, &[Message::Confirm]);
    let qi = m.question_index();
    send(&mut m, &[Message::Choose(1)]);
    assert_eq!(m.answers()[qi], Some(m.order().options[qi][0]));
    assert_ne!(
        m.order().questions,
        (0..quiz.questions.len()).collect::<Vec<_>>()
    );
}

#[test]
fn review_edit_returns_to_review() {
    let mut m = model();
    send(&mut m, &[Message::Confirm]);
    for _ in 0..m.answers().len() {
        send(&mut m, &[Message::Skip]);
    }
    assert_eq!(m.screen(), Screen::Review);
    send(&mut m, &[Message::Down, Message::Down, Message::Edit]);
    assert_eq!((m.screen(), m.pos()), (Screen::Question, 2));
    send(&mut m, &[Message::Choose(2), Message::Confirm]);
    assert_eq!(m.screen(), Screen::Review);
    assert_eq!(m.answers()[2], Some(1));
}

#[test]
fn resume_restores_answers_or_starts_over() {
    let mut m = model();
    let n = m.answers().len();
    let mut saved = vec![None; n];
    saved[0] = Some(2);
    let mut a = m.clone().with_saved(saved.clone(), 1);
    assert_eq!(a.screen(), Screen::Resume);
    send(&mut a, &[Message::Yes]);
    assert_eq!(
        (a.screen(), a.pos(), a.answers()[0]),
        (Screen::Question, 1, Some(2))
    );
    m = m.with_saved(saved, 1);
    assert_eq!(update(&mut m, Message::No), vec![Effect::ClearProgress]);
    assert_eq!(m.screen(), Screen::Welcome);
}

fn any_message() -> impl Strategy<Value = Message> {
    prop_oneof![
        Just(Message::Up),
        Just(Message::Down),
        (0usize..12).prop_map(Message::Choose),
        Just(Message::Confirm),
        Just(Message::Back),
        Just(Message::Skip),
        Just(Message::Edit),
        Just(Message::PageUp),
        Just(Message::PageDown),
        Just(Message::Home),
        Just(Message::End),
        Just(Message::ToggleHelp),
        Just(Message::Dismiss),
        Just(Message::Quit),
        Just(Message::Yes),
        Just(Message::No),
        Just(Message::Copy),
        Just(Message::ViewCard),
        Just(Message::Write),
        Just(Message::ShowQr),
        (0u16..300, 0u16..100).prop_map(|(w, h)| Message::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_message_sequence_keeps_invariants(msgs in prop::collection::vec(any_message(), 0..200), seed in any::<Option<u64>>()) {
        let quiz = std::sync::Arc::new(default_quiz());
        let mut m = careerfit::tui::model::Model::new(quiz.clone(), seed, careerfit::tui::theme::Theme::mono());
        let backend = ratatui::backend::TestBackend::new(80, 24);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        for msg in msgs {
            if m.has_quit() { break; }
            update(&mut m, msg);
            prop_assert!(m.pos() < quiz.questions.len());
            prop_assert_eq!(m.answers().len(), quiz.questions.len());
            for (q, a) in quiz.questions.iter().zip(m.answers()) {
                if let Some(c) = a { prop_assert!(*c < q.choices.len()); }
            }
            if let Some(c) = m.cursor() { prop_assert!(c < m.order().options[m.question_index()].len()); }
            if let Some(c) = m.review_cursor() { prop_assert!(c < quiz.questions.len()); }
            term.draw(|f| careerfit::tui::view::view(&mut m, f)).unwrap();
        }
    }
}

#[test]
fn plain_mode_gives_the_same_result_as_score() {
    use assert_cmd::Command;
    let input: String = PM_SPEC.split(',').map(|d| format!("{d}\n")).collect();
    let out = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["take", "--plain", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", tempfile::tempdir().unwrap().path())
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let plain = String::from_utf8(out.stdout).unwrap();
    let want = report::build(
        &default_quiz(),
        &parse_spec(&default_quiz(), PM_SPEC).unwrap(),
        None,
    );
    assert!(plain.contains("Question 1 of 40:"), "{plain}");
    assert!(
        plain.contains(&format!("\nShare code: {}\n", want.share_code))
            && plain.contains(&format!("\n{}\n", want.headline())),
        "plain mode must give the score result:\n{plain}"
    );
}

#[test]
fn plain_mode_rejects_bad_numbers_and_goes_back() {
    use assert_cmd::Command;
    let mut input = String::from("9\nx\nb\n");
    input.push_str(
        &PM_SPEC
            .split(',')
            .map(|d| format!("{d}\n"))
            .collect::<String>(),
    );
    let out = Command::cargo_bin("careerfit")
        .unwrap()
        .args(["take", "--plain", "--no-shuffle"])
        .env("CAREERFIT_DATA_DIR", tempfile::tempdir().unwrap().path())
        .write_stdin(input)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Please type a number from 1 to 5, or s, b or q."),
        "{s}"
    );
    assert!(s.contains("This is the first question."), "{s}");
    assert!(s.contains("Best fit: Product Management"), "{s}");
}

/// Scrolling moves within what the last frame showed: there is nothing to
/// scroll past the end, one ↑ from the end moves at once, and a new result
/// (an answer changed from the review) is laid out afresh.
#[test]
fn results_scroll_stays_within_the_text_the_frame_showed() {
    use careerfit::tui::model::Model;
    use careerfit::tui::view::view;
    let draw = |m: &mut Model, w: u16, h: u16| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(m, f)).unwrap();
        t.backend().buffer().clone()
    };
    let mut m = model();
    finish(&mut m, PM_SPEC);
    let top = draw(&mut m, 80, 24);
    send(&mut m, &[Message::End]);
    let end = draw(&mut m, 80, 24);
    assert_ne!(end, top, "the result is longer than 80x24 shows");
    send(&mut m, &[Message::Down, Message::Down, Message::PageDown]);
    assert_eq!(draw(&mut m, 80, 24), end, "nothing below the end");
    send(&mut m, &[Message::Up]);
    assert_ne!(draw(&mut m, 80, 24), end, "one key up from the end moves");
    send(&mut m, &[Message::Home]);
    assert_eq!(draw(&mut m, 80, 24), top);

    // Change the first answer from the review screen and finish again: the
    // screen is the one a fresh session with those answers shows.
    let old = m.report().unwrap().share_code.clone();
    let first = m.answers()[0].unwrap();
    let other = (first + 1) % m.quiz().questions[0].choices.len();
    let display = m.order().options[0]
        .iter()
        .position(|&c| c == other)
        .unwrap();
    send(
        &mut m,
        &[
            Message::Back,
            Message::Home,
            Message::Edit,
            Message::Choose(display + 1),
            Message::Confirm,
            Message::Confirm,
        ],
    );
    assert_ne!(m.report().unwrap().share_code, old, "the result changed");
    let mut spec: Vec<String> = PM_SPEC.split(',').map(str::to_string).collect();
    spec[0] = (display + 1).to_string();
    let mut fresh = model();
    finish(&mut fresh, &spec.join(","));
    assert_eq!(draw(&mut m, 120, 40), draw(&mut fresh, 120, 40));
}

/// The screen of `m` at `w`×`h` as text, one row a line.
fn screen_text(m: &mut careerfit::tui::model::Model, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| careerfit::tui::view::view(m, f)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

/// Issue 20: at the smallest size the welcome screen says there is more,
/// and scrolling reaches the end of it: where the answers go.
#[test]
fn the_welcome_text_scrolls_to_where_the_answers_go() {
    let mut m = model();
    let top = screen_text(&mut m, 50, 14);
    assert!(top.contains("more below"), "{top}");
    assert!(!top.contains("Your answers stay on this machine."), "{top}");
    send(&mut m, &[Message::End]);
    let end = screen_text(&mut m, 50, 14);
    assert!(end.contains("Your answers stay on this machine."), "{end}");
    assert!(
        end.contains("more above") && !end.contains("more below"),
        "{end}"
    );
    send(&mut m, &[Message::PageUp, Message::Home]);
    assert_eq!(screen_text(&mut m, 50, 14), top);
    // Enter still starts the quiz from anywhere in the text.
    send(&mut m, &[Message::End, Message::Confirm]);
    assert_eq!(m.screen(), Screen::Question);
}

/// A question text taller than its share of a small terminal scrolls with
/// PgDn while ↑ ↓ keep moving the cursor.
#[test]
fn a_long_question_scrolls_with_page_keys() {
    use careerfit::tui::model::Model;
    use careerfit::tui::theme::Theme;
    let mut quiz = default_quiz();
    let long = "word ".repeat(120);
    quiz.questions[0].text = format!("{long}END-OF-QUESTION");
    let mut m = Model::new(std::sync::Arc::new(quiz), None, Theme::mono());
    send(&mut m, &[Message::Confirm]);
    let top = screen_text(&mut m, 50, 14);
    assert!(
        !top.contains("END-OF-QUESTION") && top.contains("PgUp PgDn"),
        "{top}"
    );
    assert!(top.contains("1 ○ Strongly disagree"), "{top}");
    for _ in 0..20 {
        send(&mut m, &[Message::PageDown]);
    }
    let end = screen_text(&mut m, 50, 14);
    assert!(end.contains("END-OF-QUESTION"), "{end}");
    send(&mut m, &[Message::Down]);
    assert_eq!(m.cursor(), Some(0));
}

/// Issue 20: `W` opens an empty prompt, not the path that failed last.
#[test]
fn the_save_prompt_starts_empty() {
    let mut m = model();
    finish(&mut m, PM_SPEC);
    send(
        &mut m,
        &[Message::WriteTo, Message::Type('/'), Message::Type('x')],
    );
    let fx = update(&mut m, Message::Confirm);
    assert_eq!(fx, vec![Effect::WriteResult(Some("/x".into()))]);
    send(&mut m, &[Message::WriteTo, Message::Type('y')]);
    let fx = update(&mut m, Message::Confirm);
    assert_eq!(fx, vec![Effect::WriteResult(Some("y".into()))]);
}

/// Issue 20: a status message shows on every screen, wrapped, not only
/// on the question and the result (over SSH the room-closing note came
/// while people were still on the welcome screen or the review).
#[test]
fn a_status_shows_on_the_welcome_and_review_screens() {
    let note = "The room is closing: finish your answers now; no one new can join.";
    let mut m = model();
    send(&mut m, &[Message::Status(note.into())]);
    let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat(screen_text(&mut m, 50, 14)).contains(note));
    send(&mut m, &[Message::Confirm]);
    for _ in 0..QUESTIONS {
        send(&mut m, &[Message::Skip]);
    }
    assert_eq!(m.screen(), Screen::Review);
    send(&mut m, &[Message::Status(note.into())]);
    assert!(flat(screen_text(&mut m, 50, 14)).contains(note));
    assert!(flat(screen_text(&mut m, 80, 24)).contains(note));
}

/// Issue 20: on a wide but short terminal the fixed left column of the
/// result could not hold the summary and cut off its last skills; every
/// line of the result is reachable by scrolling at every wide size.
#[test]
fn every_skill_is_reachable_on_wide_short_terminals() {
    let mut m = model();
    finish(&mut m, PM_SPEC);
    let names: Vec<String> = m
        .report()
        .unwrap()
        .dimensions
        .iter()
        .map(|d| d.name.clone())
        .collect();
    for (w, h) in [(120, 25), (130, 27), (112, 30), (120, 40), (200, 24)] {
        send(&mut m, &[Message::Home]);
        let mut seen = screen_text(&mut m, w, h);
        for _ in 0..60 {
            send(&mut m, &[Message::PageDown]);
            seen.push_str(&screen_text(&mut m, w, h));
        }
        for n in &names {
            assert!(
                seen.contains(n.as_str()),
                "{w}x{h}: skill {n:?} never shown"
            );
        }
    }
}
