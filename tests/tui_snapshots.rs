//! Every screen drawn into ratatui's `TestBackend` and compared with an
//! insta snapshot, at the smallest supported size, 60×16, 80×24 (compact),
//! 120×40, and too small; a few past the 160×50 cap, at 200×60, centred.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::tui::bounds::{bounded, drawn_area};
use careerfit::tui::model::Model;
use careerfit::tui::msg::Message;
use careerfit::tui::view::{MAX, MIN_HEIGHT, MIN_WIDTH, view};
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// Draws `m` in a window of `w`×`h` as the quiz does: into the area
/// capped at [`MAX`], centred.
fn render(m: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let window = Size::new(w, h);
    let mut t = bounded(TestBackend::new(w, h), window, MAX).unwrap();
    let mut m = m.clone();
    let drawn = drawn_area(window, MAX);
    careerfit::tui::update::update(&mut m, Message::Resize(drawn.width, drawn.height));
    t.draw(|f| view(&mut m, f)).unwrap();
    t
}

fn draw(m: &Model, w: u16, h: u16) -> String {
    format!("{}", render(m, w, h).backend())
}

/// Every size a screen is snapshot at: the smallest the quiz accepts,
/// a small laptop split, the classic terminal and a large one.
const SIZES: [(u16, u16); 4] = [(MIN_WIDTH, MIN_HEIGHT), (60, 16), (80, 24), (120, 40)];

fn snap(name: &str, m: &Model) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(m, w, h));
    }
}

/// On the question with `id` (file order, no shuffle), nothing answered.
fn on_question(id: &str) -> Model {
    let mut m = model();
    let pos = m
        .quiz()
        .questions
        .iter()
        .position(|q| q.id == id)
        .expect("question in the default quiz");
    send(&mut m, &[Message::Confirm]);
    for _ in 0..pos {
        send(&mut m, &[Message::Skip]);
    }
    m
}

/// Issue 20: the launch-week scenario has five options; with the cursor
/// on the last one, that option is drawn at every supported size, and a
/// size that cannot show all five says how many are above.
#[test]
fn last_of_five_options_is_always_on_screen() {
    let mut m = on_question("launch_week");
    for _ in 0..5 {
        send(&mut m, &[Message::Down]);
    }
    assert_eq!(m.cursor(), Some(4));
    for (w, h) in SIZES.into_iter().chain([(50, 15), (55, 14), (70, 14)]) {
        let screen = draw(&m, w, h);
        let cursor_row = screen
            .lines()
            .find(|l| l.contains("▶ 5 ○"))
            .unwrap_or_else(|| panic!("{w}x{h}: the cursor's option is not drawn:\n{screen}"));
        assert!(
            cursor_row.contains("Keeping"),
            "{w}x{h}: {cursor_row}\n{screen}"
        );
        let first_shown = screen.contains(" 1 ○ Deciding");
        assert!(
            first_shown || screen.contains("more above"),
            "{w}x{h}: options hidden without a marker:\n{screen}"
        );
    }
    snap("question_last_of_five", &m);
}

fn results() -> Model {
    let mut m = model();
    finish(&mut m, PM_SPEC);
    m
}

#[test]
fn welcome() {
    snap("welcome", &model());
}

#[test]
fn resume() {
    let m = model();
    let mut saved = vec![None; m.answers().len()];
    saved[0] = Some(1);
    saved[1] = Some(0);
    snap("resume", &m.with_saved(saved, 2));
}

#[test]
fn question_unanswered() {
    let mut m = model();
    send(&mut m, &[Message::Confirm]);
    snap("question_unanswered", &m);
}

#[test]
fn question_chosen_and_cursor_elsewhere() {
    let mut m = model();
    send(
        &mut m,
        &[
            Message::Confirm,
            Message::Choose(4),
            Message::Confirm,
            Message::Confirm,
        ],
    );
    send(&mut m, &[Message::Choose(2), Message::Down]);
    snap("question_chosen", &m);
}

#[test]
fn scenario_question() {
    let mut m = model();
    send(&mut m, &[Message::Confirm]);
    // The first scenario of the default quiz is its ninth question.
    for _ in 0..8 {
        send(&mut m, &[Message::Skip]);
    }
    send(&mut m, &[Message::Choose(3)]);
    snap("question_scenario", &m);
}

#[test]
fn review() {
    let mut m = model();
    send(
        &mut m,
        &[Message::Confirm, Message::Choose(4), Message::Confirm],
    );
    for _ in 1..m.answers().len() {
        send(&mut m, &[Message::Skip]);
    }
    send(&mut m, &[Message::Down]);
    snap("review", &m);
}

#[test]
fn results_top_and_scrolled() {
    let m = results();
    snap("results", &m);
    let mut s = m.clone();
    send(&mut s, &[Message::Resize(80, 24), Message::End]);
    insta::assert_snapshot!("results_end_80x24", draw(&s, 80, 24));
}

#[test]
fn overlays() {
    let mut m = model();
    send(&mut m, &[Message::Confirm, Message::ToggleHelp]);
    snap("help", &m);
    let mut m = model();
    send(
        &mut m,
        &[Message::Confirm, Message::Choose(1), Message::Quit],
    );
    snap("confirm_quit", &m);
    let mut m = results();
    send(&mut m, &[Message::ViewCard]);
    snap("card", &m);
    let mut m = results();
    send(&mut m, &[Message::ShowQr]);
    snap("qr", &m);
    let mut m = results();
    send(
        &mut m,
        &[
            Message::WriteTo,
            Message::Type('~'),
            Message::Type('/'),
            Message::Type('x'),
        ],
    );
    snap("save_dir", &m);
}

#[test]
fn too_small() {
    insta::assert_snapshot!("too_small_40x10", draw(&model(), 40, 10));
    insta::assert_snapshot!("too_small_results_49x30", draw(&results(), 49, 30));
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let mut models = vec![model(), results()];
    let mut q = model();
    send(&mut q, &[Message::Confirm, Message::ToggleHelp]);
    models.push(q);
    let mut r = results();
    send(&mut r, &[Message::ShowQr]);
    models.push(r);
    for m in &models {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (1, 100),
            (300, 1),
            (50, 14),
            (51, 15),
            (2, 2),
            (500, 200),
        ] {
            render(m, w, h);
        }
    }
}

#[test]
fn remote_welcome_and_help() {
    let mut m = model();
    m = m.remote();
    insta::assert_snapshot!("welcome_remote_80x24", draw(&m, 80, 24));
    // Where the answers go, truthfully (issue 16).
    let named = model().remote().with_name(Some("sam".into()));
    assert!(
        draw(&named, 120, 40).contains(
            "Your result is saved for the workshop facilitator, under the name “sam” (your SSH user name)."
        )
    );
    let submit = model().with_submit(Some("/srv/room".into()));
    assert!(draw(&submit, 120, 40).contains(
        "When you finish, your result is saved in the workshop folder /srv/room, without your name."
    ));
    let submit = submit.with_name(Some("Ann".into()));
    assert!(draw(&submit, 120, 40).contains(
        "When you finish, your result is saved in the workshop folder /srv/room, under the name “Ann”."
    ));
    send(&mut m, &[Message::ToggleHelp]);
    let help = draw(&m, 80, 24);
    assert!(
        !help.contains("Ctrl-Z") && !help.contains("write JSON"),
        "{help}"
    );
}

/// Issue 20: status lines wrap instead of stopping at the edge (a saved
/// file's long name, the OSC 52 note).
#[test]
fn results_status_wraps() {
    let mut m = results();
    let note = "Asked your terminal to copy the text card (OSC 52). Not every terminal allows that (in tmux: set -g set-clipboard on): if nothing was copied, press v to see the card or w to save it.";
    send(&mut m, &[Message::Status(note.into())]);
    for (w, h) in SIZES {
        let s = draw(&m, w, h);
        let flat: String = s
            .lines()
            .map(|l| l.trim_matches('"').trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains("or w to save it."), "{w}x{h}:\n{s}");
    }
    insta::assert_snapshot!("results_status_50x14", draw(&m, MIN_WIDTH, MIN_HEIGHT));
}

/// Issue 20, at every size from the minimum up and on every question of
/// the English and Japanese quizzes: with the cursor on the first or the
/// last option, the cursor's row is drawn, and options that are not
/// drawn are announced by a "more above/below" row.
#[test]
fn the_cursor_is_on_screen_at_every_size_on_every_question() {
    use careerfit::tui::theme::Theme;
    let ja = careerfit::core::load::load(
        careerfit::bundled::find("pm-vs-pd-ja")
            .unwrap()
            .1
            .as_bytes(),
    )
    .unwrap();
    for quiz in [common::default_quiz(), ja] {
        let quiz = std::sync::Arc::new(quiz);
        let n = quiz.questions.len();
        for pos in 0..n {
            let options = quiz.questions[pos].choices.len();
            for downs in [1, options] {
                let mut m = Model::new(quiz.clone(), None, Theme::mono());
                send(&mut m, &[Message::Confirm]);
                for _ in 0..pos {
                    send(&mut m, &[Message::Skip]);
                }
                for _ in 0..downs {
                    send(&mut m, &[Message::Down]);
                }
                for (w, h) in [(50, 14), (51, 15), (56, 14), (60, 16), (64, 20), (80, 24)] {
                    let s = draw(&m, w, h);
                    let numbered = (1..=options)
                        .filter(|k| {
                            s.contains(&format!(" {k} ○")) || s.contains(&format!(" {k} ●"))
                        })
                        .count();
                    assert!(
                        s.contains(&format!("▶{downs:>2} ")),
                        "{} q{pos} option {downs} at {w}x{h}:\n{s}",
                        quiz.id
                    );
                    // A marker row starts with its arrow, in every language.
                    let marker = s.lines().any(|l| {
                        let l = l.trim_start_matches('"').trim_start();
                        l.starts_with("↑ ") || l.starts_with("↓ ")
                    });
                    assert!(
                        numbered == options || marker,
                        "{} q{pos} at {w}x{h}: {numbered} of {options} options, no marker:\n{s}",
                        quiz.id
                    );
                }
            }
        }
    }
}

/// The models of every kind of screen and overlay, named.
fn every_screen() -> Vec<(&'static str, Model)> {
    let mut question = model();
    send(&mut question, &[Message::Confirm]);
    let mut review = model();
    send(&mut review, &[Message::Confirm]);
    for _ in 0..review.answers().len() {
        send(&mut review, &[Message::Skip]);
    }
    let mut help = model();
    send(&mut help, &[Message::Confirm, Message::ToggleHelp]);
    let mut card = results();
    send(&mut card, &[Message::ViewCard]);
    let mut qr = results();
    send(&mut qr, &[Message::ShowQr]);
    vec![
        ("welcome", model()),
        ("question", question),
        ("review", review),
        ("results", results()),
        ("help", help),
        ("card", card),
        ("qr", qr),
    ]
}

/// Issue 19: a window past the 160×50 cap shows exactly the 160×50
/// screen, centred, and nothing else: the buffers ratatui keeps are
/// 160×50 whatever the window.
#[test]
fn a_window_past_the_cap_shows_the_capped_screen_centred() {
    for (name, m) in every_screen() {
        for (w, h) in [(200, 60), (161, 51), (300, 120), (500, 49)] {
            let mut t = render(&m, w, h);
            let area = drawn_area(Size::new(w, h), MAX);
            let capped = render(&m, area.width, area.height);
            let want = capped.backend().buffer();
            assert_eq!(t.current_buffer_mut().area, area, "{name} {w}x{h}");
            let got = t.backend().buffer();
            for y in 0..h {
                for x in 0..w {
                    let inside = area.contains((x, y).into());
                    let expected = if inside {
                        want[(x - area.x, y - area.y)].symbol()
                    } else {
                        " "
                    };
                    let cell = &got[(x, y)];
                    assert_eq!(cell.symbol(), expected, "{name} {w}x{h} at {x},{y}");
                    if !inside {
                        assert_eq!(cell, &ratatui::buffer::Cell::default(), "{name}");
                    }
                }
            }
        }
    }
}

/// Why the cap is 160×50: at that size every screen of the default quiz
/// shows all of its text, with no "more above/below" row, except the
/// results, a long text that scrolls at any usual size (at 160×50 it has 6
/// rows more; a 300×120 window would show it all, at 4.5 times the cells).
#[test]
fn at_the_cap_nothing_needs_scrolling() {
    let mut screens = every_screen();
    // The QR code's box leaves the results' own marker row in view.
    screens.retain(|(name, _)| !matches!(*name, "results" | "qr"));
    let n = model().answers().len();
    for pos in 0..n {
        let mut m = model();
        send(&mut m, &[Message::Confirm]);
        for _ in 0..pos {
            send(&mut m, &[Message::Skip]);
        }
        screens.push(("a question", m));
    }
    for (name, m) in screens {
        let s = draw(&m, MAX.width, MAX.height);
        assert!(
            !s.contains("more above") && !s.contains("more below"),
            "{name} at the cap:\n{s}"
        );
    }
}

#[test]
fn past_the_cap() {
    let mut question = model();
    send(&mut question, &[Message::Confirm]);
    for (name, m) in [
        ("welcome", model()),
        ("question_unanswered", question),
        ("results", results()),
    ] {
        insta::assert_snapshot!(format!("{name}_200x60"), draw(&m, 200, 60));
    }
}
