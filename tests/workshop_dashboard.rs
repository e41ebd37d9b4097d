//! The workshop dashboard without a terminal: the pure update and key map,
//! and insta snapshots of the screen (hidden, revealed, anonymity-limited,
//! waiting, too small; polled, and waiting for the database) at 80×24 and
//! 120×40, drawn into ratatui's TestBackend.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use careerfit::core::aggregate::Aggregate;
use careerfit::core::report;
use careerfit::tui::dashboard::model::{Effect, Link, Model, Msg};
use careerfit::tui::dashboard::update::{message_for, update};
use careerfit::tui::dashboard::view::view;
use careerfit::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Answer sheets for the bundled quiz (file order, 1-based), from tests/cli.rs.
const PD_SPEC: &str = "1,5,3,5,2,1,1,2,1,2,5,5,1,5,2,5,2,1,3,2,2,5,3,1,2,5,1,1,2,2";
const HYBRID_SPEC: &str = "5,5,1,1,2,1,5,2,1,2,1,5,5,1,2,5,2,5,1,2,5,1,5,4,1,1,2,1,1,1";

fn sheet(spec: &str) -> Vec<Option<usize>> {
    spec.split(',')
        .map(|d| Some(d.parse::<usize>().unwrap() - 1))
        .collect()
}

/// `n` results with a fixed, deterministic mix of answer sheets.
fn agg(n: usize) -> Aggregate {
    let q = common::default_quiz();
    let mut a = Aggregate::new();
    a.expect(&q);
    for i in 0..n {
        let answers = match i % 4 {
            0 => sheet(common::PM_SPEC),
            1 => sheet(PD_SPEC),
            2 if i % 8 == 2 => sheet(HYBRID_SPEC),
            _ => q
                .questions
                .iter()
                .enumerate()
                .map(|(j, qq)| Some((i * 7 + j * 3 + i * j) % qq.choices.len()))
                .collect(),
        };
        a.add(&report::build(&q, &answers, None)).unwrap();
    }
    a
}

fn model(n: usize, revealed: bool) -> Model {
    let mut m = Model::new("/srv/workshop".into(), None, 5, Theme::mono());
    update(&mut m, Msg::Scanned(agg(n)));
    if revealed {
        update(&mut m, Msg::ToggleReveal);
    }
    m
}

fn draw(m: &Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(m, f)).unwrap();
    format!("{}", t.backend())
}

fn snap(name: &str, m: &Model) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(m, w, h));
    }
}

#[test]
fn waiting_for_the_first_result() {
    snap("workshop_waiting", &model(0, false));
}

#[test]
fn hidden_until_revealed() {
    let m = model(12, false);
    let screen = draw(&m, 80, 24);
    assert!(screen.contains("12 results so far"), "{screen}");
    assert!(screen.contains("Results are hidden"), "{screen}");
    assert!(!screen.contains("Outcomes"), "{screen}");
    snap("workshop_hidden", &m);
}

#[test]
fn revealed() {
    let m = model(12, true);
    let screen = draw(&m, 120, 40);
    assert!(
        screen.contains("Outcomes") && screen.contains("Averages"),
        "{screen}"
    );
    snap("workshop_revealed", &m);
}

#[test]
fn revealed_but_too_few_for_anonymity() {
    let m = model(3, true);
    let screen = draw(&m, 80, 24);
    assert!(screen.contains("3 results so far"), "{screen}");
    assert!(screen.contains("Results appear from 5 on"), "{screen}");
    assert!(!screen.contains("Outcomes"), "{screen}");
    snap("workshop_suppressed", &m);
}

#[test]
fn too_small_still_shows_the_count() {
    let m = model(12, true);
    let screen = draw(&m, 50, 12);
    assert!(screen.contains("Results so far: 12"), "{screen}");
    insta::assert_snapshot!("workshop_too_small_50x12", screen);
    // Never a panic, whatever the size (0×0 cannot be formatted, only drawn).
    for (w, h) in [(0, 0), (1, 1), (59, 40), (200, 17), (60, 18)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| view(&m, f)).unwrap();
    }
}

/// The smallest size drawn in full, and one below it.
fn snap_small(name: &str, m: &Model) {
    use careerfit::tui::dashboard::view::{MIN_HEIGHT, MIN_WIDTH};
    insta::assert_snapshot!(
        format!("{name}_{MIN_WIDTH}x{MIN_HEIGHT}"),
        draw(m, MIN_WIDTH, MIN_HEIGHT)
    );
    insta::assert_snapshot!(format!("{name}_too_small_50x12"), draw(m, 50, 12));
}

#[test]
fn polled_says_how_often_in_the_header() {
    let mut m = model(3, false);
    update(
        &mut m,
        Msg::Link(Link::Polling(std::time::Duration::from_secs(2))),
    );
    let screen = draw(&m, 80, 24);
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains("live · polling every 2s"),
        "{screen}"
    );
    snap("workshop_polling", &m);
    snap_small("workshop_polling", &m);
}

#[test]
fn waiting_for_the_database_before_any_result() {
    let mut m = Model::new(
        "postgres://cf@db.example/workshop".into(),
        None,
        5,
        Theme::mono(),
    );
    update(&mut m, Msg::Link(Link::Waiting));
    update(
        &mut m,
        Msg::Status("cannot reach the database: connection refused; trying again".into()),
    );
    let screen = draw(&m, 120, 40);
    assert!(screen.contains("waiting for the database"), "{screen}");
    assert!(screen.contains("Waiting for the database…"), "{screen}");
    assert!(!screen.contains("Waiting for the first result"), "{screen}");
    assert!(
        screen.contains("careerfit take --submit postgres://cf@db.example/workshop"),
        "{screen}"
    );
    snap("workshop_db_waiting", &m);
    snap_small("workshop_db_waiting", &m);
    let small = draw(&m, 50, 12);
    assert!(small.contains("Waiting for the database"), "{small}");
}

/// The database went away after results came: they stay on screen, and
/// the header says the dashboard is waiting; once it is back, live again.
#[test]
fn waiting_for_the_database_keeps_the_last_results() {
    let mut m = model(12, true);
    update(&mut m, Msg::Link(Link::Waiting));
    let screen = draw(&m, 120, 40);
    assert!(
        screen.contains("12 results so far") && screen.contains("Outcomes"),
        "{screen}"
    );
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .contains("waiting for the database"),
        "{screen}"
    );
    snap("workshop_db_waiting_with_results", &m);
    snap_small("workshop_db_waiting_with_results", &m);
    update(&mut m, Msg::Link(Link::Live));
    let screen = draw(&m, 120, 40);
    let header = screen.lines().next().unwrap();
    assert!(
        header.ends_with(" live \"") && !header.contains("waiting"),
        "{screen}"
    );
}

#[test]
fn join_command_names_the_folder_and_quiz_safely() {
    let m = Model::new(
        "/srv/my workshop".into(),
        Some("pm-vs-pd".into()),
        5,
        Theme::mono(),
    );
    assert_eq!(
        m.join_command(),
        "careerfit take --quiz pm-vs-pd --submit '/srv/my workshop'"
    );
    let m = Model::new("/tmp/it's".into(), None, 5, Theme::mono());
    assert_eq!(m.join_command(), r"careerfit take --submit '/tmp/it'\''s'");
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn keys_and_update() {
    assert!(matches!(
        message_for(key(KeyCode::Char('r'))),
        Some(Msg::ToggleReveal)
    ));
    assert!(matches!(
        message_for(key(KeyCode::Char('e'))),
        Some(Msg::Export)
    ));
    assert!(matches!(
        message_for(key(KeyCode::Char('q'))),
        Some(Msg::Quit)
    ));
    assert!(matches!(message_for(key(KeyCode::Esc)), Some(Msg::Quit)));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(matches!(message_for(ctrl_c), Some(Msg::Quit)));
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(message_for(ctrl_r).is_none());
    assert!(message_for(key(KeyCode::Char('x'))).is_none());

    let mut m = model(12, false);
    assert!(!m.showing());
    assert_eq!(update(&mut m, Msg::ToggleReveal), vec![]);
    assert!(m.showing());
    update(&mut m, Msg::ToggleReveal);
    assert!(!m.revealed);
    assert_eq!(update(&mut m, Msg::Export), vec![Effect::Export]);
    assert_eq!(update(&mut m, Msg::Quit), vec![Effect::Quit]);
    assert_eq!(update(&mut m, Msg::FilesChanged), vec![Effect::Rescan]);
    update(&mut m, Msg::Scanned(agg(4)));
    assert_eq!(m.count(), 4);
    update(&mut m, Msg::ToggleReveal);
    assert!(!m.showing(), "four results stay hidden even when revealed");
    update(&mut m, Msg::Status("done".into()));
    assert_eq!(m.status.as_deref(), Some("done"));
}
