//! Hostile conditions in a real terminal: signals, kill -9, suspend,
//! escape sequences in quiz text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use common::tmux::{Tmux, available};
use std::process::Command;

const STTY: &str =
    "stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo STTY-$((1+1))";

fn require_tmux() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
}

/// Starts the quiz in file order and answers the first `n` questions with 4/1.
fn start_and_answer(t: &Tmux, n: usize) {
    t.careerfit("--no-shuffle; echo EXIT=$?");
    t.wait_for("Enter start");
    t.keys(&["Enter"]);
    for i in 0..n {
        t.wait_for(&format!("{} / 40", i + 1));
        t.keys(&["1", "Enter"]);
    }
    t.wait_for(&format!("{} / 40", n + 1));
}

fn kill(sig: &str, t: &Tmux) {
    let pid = t.child_pid().expect("careerfit is running");
    let st = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
}

fn resume_offered(t: &Tmux, answered: usize) {
    t.careerfit("--no-shuffle; echo EXIT=$?");
    // Each check waits for the whole frame it reads (see `wait_for_all`).
    t.wait_for_all(&[
        "Resume where you left off?",
        &format!("You had answered {answered} of 40 questions."),
    ]);
    t.keys(&["Enter"]);
    t.wait_for_all(&[
        &format!("{} / 40", answered + 1),
        &format!("{answered} answered"),
    ]);
    t.keys(&["Left"]);
    // The earlier answer is still chosen.
    t.wait_for_all(&[&format!("{answered} / 40"), "▶ 1 ● "]);
}

#[test]
fn sigterm_mid_quiz_restores_terminal_exits_143_and_resumes() {
    require_tmux();
    let t = Tmux::start("term", 100, 30);
    start_and_answer(&t, 3);
    kill("-TERM", &t);
    t.wait_for("EXIT=143");
    t.run(STTY);
    assert!(t.wait_for("STTY-2").contains("icanon echo"));
    resume_offered(&t, 3);
}

#[test]
fn sighup_and_outside_sigint_exit_128_plus_n() {
    require_tmux();
    for (sig, code) in [("-HUP", 129), ("-INT", 130)] {
        let t = Tmux::start(&format!("sig{code}"), 100, 30);
        start_and_answer(&t, 1);
        kill(sig, &t);
        t.wait_for(&format!("EXIT={code}"));
        t.run(STTY);
        assert!(t.wait_for("STTY-2").contains("icanon echo"));
    }
}

#[test]
fn kill_9_mid_quiz_still_resumes() {
    require_tmux();
    let t = Tmux::start("kill9", 100, 30);
    start_and_answer(&t, 4);
    kill("-KILL", &t);
    // Nothing could restore the terminal after SIGKILL; repair it the way a person would.
    t.wait_for("EXIT=137");
    t.send_literal("stty sane; tput rmcup");
    t.keys(&["C-j"]);
    resume_offered(&t, 4);
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    require_tmux();
    let t = Tmux::start("tstp", 100, 30);
    start_and_answer(&t, 2);
    t.keys(&["C-z"]);
    // Typing before the shell has the terminal back can be flushed with
    // the old terminal modes; wait for its job report first.
    t.wait_for("Stopped");
    t.run("echo SUSPENDED-$((2+2))");
    t.wait_for("SUSPENDED-4");
    t.run("fg");
    let s = t.wait_for("3 / 40");
    assert!(s.contains("2 answered"), "{s}");
    t.keys(&["1"]);
    t.wait_for("▶ 1 ● ");
}

/// Issue 14 case 11: an outside `kill -TSTP` stopped the quiz with the
/// alternate screen on and the cursor hidden.
#[test]
fn an_outside_sigtstp_restores_the_terminal_before_stopping() {
    require_tmux();
    let t = Tmux::start("xtstp", 100, 30);
    start_and_answer(&t, 2);
    assert_eq!(t.format("#{alternate_on}"), "1");
    let pid = t.child_pid().expect("careerfit is running");
    kill("-TSTP", &t);
    let stat = format!("/proc/{pid}/stat");
    let stopped = || {
        std::fs::read_to_string(&stat)
            .ok()
            .and_then(|s| {
                s.rsplit(')')
                    .next()
                    .map(|r| r.trim_start().starts_with('T'))
            })
            .unwrap_or(false)
    };
    let start = std::time::Instant::now();
    while !stopped() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "never stopped"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    t.run("echo SUSPENDED-$((2+2))");
    t.wait_for("SUSPENDED-4");
    assert_eq!(t.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    t.run(STTY);
    let s = t.wait_for("STTY-2");
    assert!(s.contains("icanon echo"), "terminal not restored:\n{s}");
    t.run("fg");
    let s = t.wait_for("3 / 40");
    assert!(s.contains("2 answered"), "{s}");
    assert_eq!(t.format("#{alternate_on}"), "1");
}

#[test]
fn escape_sequences_in_a_quiz_title_do_not_reach_the_terminal() {
    require_tmux();
    let t = Tmux::start("osc", 100, 30);
    let src = careerfit::bundled::BUNDLED[0].2.replacen(
        "title: \"Product Management or Product Development?\"",
        "title: \"PWNED\\u{1b}]0;HACKED-TITLE\\u{7}\\u{1b}[2J\\u{9b}31m Quiz\"",
        1,
    );
    assert_ne!(
        src,
        careerfit::bundled::BUNDLED[0].2,
        "the title line moved"
    );
    let file = t.data_dir.path().join("evil.ron");
    std::fs::write(&file, src).unwrap();
    let before = t.pane_title();
    t.careerfit(&format!(
        "--no-shuffle --quiz {}; echo EXIT=$?",
        file.display()
    ));
    let s = t.wait_for("Enter start");
    t.keys(&["Enter"]);
    let s2 = t.wait_for("1 / 40");
    assert!(s2.contains("PWNED]0;HACKED-TITLE[2J31m Quiz"), "{s2}");
    assert_eq!(
        t.pane_title(),
        before,
        "the quiz changed the terminal title\n{s}"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    assert_ne!(t.pane_title(), "HACKED-TITLE");
}

#[test]
fn resize_storm_keeps_the_answer_and_never_panics() {
    require_tmux();
    let t = Tmux::start("storm", 100, 30);
    start_and_answer(&t, 2);
    t.keys(&["4"]);
    t.wait_for("▶ 4 ● ");
    for (w, h) in [
        (1, 1),
        (200, 60),
        (10, 3),
        (80, 24),
        (2, 50),
        (120, 40),
        (49, 13),
        (60, 20),
    ]
    .repeat(4)
    {
        t.resize(w, h);
    }
    t.resize(100, 30);
    let s = t.wait_for("3 / 40");
    assert!(s.contains("▶ 4 ● "), "the chosen answer survived:\n{s}");
    t.keys(&["Enter"]);
    t.wait_for("4 / 40");
    t.keys(&["q", "y"]);
    t.wait_for("EXIT=0");
}

/// The rows of `m` drawn in a `w`×`h` window (capped at 160×50 and
/// centred, as the quiz draws), as `capture-pane` shows them (no styles,
/// trailing spaces dropped).
fn expected_rows(m: &mut careerfit::tui::model::Model, w: u16, h: u16) -> Vec<String> {
    use careerfit::tui::bounds::bounded;
    use ratatui::backend::TestBackend;
    let window = ratatui::layout::Size::new(w, h);
    let mut term = bounded(TestBackend::new(w, h), window, careerfit::tui::view::MAX).unwrap();
    term.draw(|f| careerfit::tui::view::view(m, f)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| {
            let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// Issue 20: after a `kill -9` mid-question (nothing can restore the
/// terminal then) the quiz started again in the same terminal drew its
/// welcome screen over the old question ("Thishquiztexploresowhichoside…").
/// The restarted quiz clears the screen first: every row is exactly the
/// welcome screen, nothing of the question or the shell left in between.
#[test]
fn restart_after_kill_9_draws_a_clean_welcome_screen() {
    require_tmux();
    let (w, h) = (100, 30);
    let t = Tmux::start("kill9clean", w, h);
    t.careerfit("--no-shuffle; echo EXIT=$?");
    t.wait_for("Enter start");
    t.keys(&["Enter"]);
    // Nothing answered, so no progress is saved and the welcome screen
    // (not the resume offer) comes back.
    t.wait_for("1 / 40");
    t.keys(&["Down", "Down"]);
    t.wait_for("▶ 2 ○");
    kill("-KILL", &t);
    t.wait_for("EXIT=137");
    // The terminal is left raw and on the alternate screen; start again
    // without repairing it (C-j: Enter is not a newline in raw mode).
    t.send_literal(&format!(
        "CAREERFIT_DATA_DIR={} TERM=xterm-256color {} --no-shuffle; echo EXIT=$?",
        t.data_dir.path().display(),
        Tmux::bin().display()
    ));
    t.keys(&["C-j"]);
    let screen = t.wait_for("Enter start");
    let mut m = common::model();
    let want = expected_rows(&mut m, w, h);
    let got: Vec<String> = screen.lines().map(|l| l.trim_end().to_string()).collect();
    for (i, want_row) in want.iter().enumerate() {
        let got_row = got.get(i).map_or("", String::as_str);
        assert_eq!(got_row, want_row, "row {i} differs; screen:\n{screen}");
    }
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

/// Issue 20: Ctrl-L repaints every cell, over whatever another program
/// wrote into the terminal (here: text written straight to its tty).
#[test]
fn ctrl_l_repaints_over_stray_output() {
    require_tmux();
    let t = Tmux::start("ctrll", 100, 30);
    start_and_answer(&t, 1);
    let tty = t.format("#{pane_tty}");
    std::fs::write(&tty, "\x1b[5;10HSTRAY-OUTPUT-XYZ\x1b[12;3HSTRAY-TWO").unwrap();
    t.wait_for("STRAY-OUTPUT-XYZ");
    t.keys(&["C-l"]);
    let start = std::time::Instant::now();
    loop {
        let s = t.capture();
        // tmux may show the cleared screen before the repaint that
        // follows it in the same write has arrived: wait for the question.
        if !s.contains("STRAY") && s.contains("2 / 40") {
            assert!(s.contains("1 answered"), "{s}");
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "Ctrl-L left stray output:\n{s}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    t.keys(&["q", "y"]);
    t.wait_for("EXIT=0");
}

/// Issue 19: in a window past the 160×50 cap the quiz is drawn at 160×50
/// in the middle, every other cell blank; resizing below the cap, to too
/// small and past it again redraws it in the right place, and the shell
/// works after quitting.
#[test]
fn a_big_window_shows_the_quiz_centred_through_resizes() {
    require_tmux();
    let t = Tmux::start("big", 220, 70);
    t.careerfit("--no-shuffle; echo EXIT=$?");
    t.wait_for("Enter start");
    let mut m = common::model();
    let same = |w: u16, h: u16, m: &mut careerfit::tui::model::Model| {
        let want = expected_rows(m, w, h);
        let start = std::time::Instant::now();
        loop {
            let screen = t.capture();
            let got: Vec<String> = screen.lines().map(|l| l.trim_end().to_string()).collect();
            let matches = want
                .iter()
                .enumerate()
                .all(|(i, row)| got.get(i).map_or("", String::as_str) == row);
            if matches {
                return;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "{w}x{h}: not the expected screen:\n{screen}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    same(220, 70, &mut m);
    for (w, h) in [(100, 30), (40, 10), (300, 90), (150, 70), (220, 70)] {
        t.resize(w, h);
        same(w, h, &mut m);
    }
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    t.run(STTY);
    let s = t.wait_for("STTY-2");
    assert!(s.contains("icanon echo"), "{s}");
}
