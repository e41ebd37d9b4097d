//! Driving the real binary in a real terminal: a private tmux server per
//! test (its own socket), `send-keys` in, `capture-pane` out.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long a screen may take to appear. Generous: a debug build under a
/// loaded machine (CI, other tests in parallel) can take seconds to start,
/// and a passing test never waits this long.
const WAIT: Duration = Duration::from_secs(30);

pub struct Tmux {
    socket: String,
    pub data_dir: tempfile::TempDir,
}

pub fn available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts `shell_cmd` in a new `w`×`h` session (inside `sh`, so the shell
    /// survives the program and its terminal settings can be checked).
    pub fn start(name: &str, w: u16, h: u16) -> Tmux {
        let socket = format!("careerfit-test-{name}-{}", std::process::id());
        let data_dir = tempfile::tempdir().expect("tempdir");
        let t = Tmux { socket, data_dir };
        let ok = t
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                "sh",
            ])
            .status()
            .expect("tmux runs");
        assert!(ok.success(), "tmux new-session failed");
        t
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c
    }

    /// The binary under test.
    pub fn bin() -> PathBuf {
        PathBuf::from(env!("CARGO_BIN_EXE_careerfit"))
    }

    /// Types a shell command line and presses Enter.
    pub fn run(&self, line: &str) {
        self.send_literal(line);
        self.keys(&["Enter"]);
    }

    /// Starts careerfit with `args` and this test's private data folder.
    pub fn careerfit(&self, args: &str) {
        self.run(&format!(
            "CAREERFIT_DATA_DIR={} TERM=xterm-256color {} {args}",
            self.data_dir.path().display(),
            Self::bin().display()
        ));
    }

    /// From the first question: answers each in turn (waiting for its
    /// number first), and waits for the review that follows the last.
    pub fn answer_all<S: AsRef<str>>(&self, answers: &[S]) {
        let n = answers.len();
        for (i, a) in answers.iter().enumerate() {
            self.wait_for(&format!("{} / {n}", i + 1));
            self.send_literal(a.as_ref());
            self.keys(&["Enter"]);
        }
        self.wait_for(&format!("review · {n} of {n} answered"));
    }

    /// From the results: back to the review, first question answered 1,
    /// and on to the results again (re-submitting where the quiz submits).
    pub fn change_first_answer_and_finish(&self, questions: usize) {
        let review = format!("review · {questions} of {questions} answered");
        self.keys(&["Left"]);
        self.wait_for(&review);
        self.keys(&["Home", "e"]);
        self.wait_for(&format!("1 / {questions}"));
        self.send_literal("1");
        self.keys(&["Enter"]);
        self.wait_for(&review);
        self.keys(&["Enter"]);
    }

    pub fn send_literal(&self, text: &str) {
        let st = self
            .cmd(&["send-keys", "-t", "t", "-l", text])
            .status()
            .expect("send-keys");
        assert!(st.success());
    }

    /// Named keys (`Enter`, `Up`, `C-c`…), one by one.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let st = self
                .cmd(&["send-keys", "-t", "t", k])
                .status()
                .expect("send-keys");
            assert!(st.success());
        }
    }

    pub fn capture(&self) -> String {
        let out = self
            .cmd(&["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the pane contains `needle` (panics with the screen after
    /// [`WAIT`]).
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
    }

    /// Waits until the pane contains every one of `needles` at once. A
    /// capture can land while a frame is half written (the header already
    /// new, the body not yet), so a check of the body must wait for it too
    /// rather than test the first capture that shows the header.
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            assert!(
                start.elapsed() <= WAIT,
                "timed out waiting for {needles:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn resize(&self, w: u16, h: u16) {
        let st = self
            .cmd(&[
                "resize-window",
                "-t",
                "t",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ])
            .status()
            .expect("resize");
        assert!(st.success());
    }

    /// The pane title (set by programs with OSC 0/2).
    pub fn pane_title(&self) -> String {
        let out = self
            .cmd(&["display-message", "-p", "-t", "t", "#{pane_title}"])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// A tmux format for the pane, such as `#{alternate_on}` or `#{cursor_flag}`.
    pub fn format(&self, f: &str) -> String {
        let out = self
            .cmd(&["display-message", "-p", "-t", "t", f])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// PID of the program running under this pane's shell (its newest child).
    pub fn child_pid(&self) -> Option<u32> {
        let out = self
            .cmd(&["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .output()
            .ok()?;
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let out = Command::new("pgrep")
            .args(["-n", "-P", &shell])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}
