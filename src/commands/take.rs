//! `careerfit take`: choose between the full-screen TUI and the plain
//! line-by-line mode, and refuse politely when there is no terminal.

use crate::core::model::Quiz;
use crate::edge::{Failure, QuizArg, io_reason, load_quiz};
use crate::effects;
use crate::store;
use crate::tui::keys::message_for;
use crate::tui::model::Model;
use crate::tui::msg::{Effect, Message};
use crate::tui::runtime::{self, App, Ended, Flow};
use crate::tui::theme::Theme;
use crate::tui::update::update;
use crate::tui::view::view;
use clap::Args;
use ratatui::crossterm::event::KeyEvent;
use std::io::IsTerminal;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Args, Debug, Clone, Default)]
pub struct TakeArgs {
    #[command(flatten)]
    pub quiz: QuizArg,
    /// Repeat a question order.
    #[arg(long, value_name = "N", conflicts_with = "no_shuffle")]
    pub seed: Option<u64>,
    /// Keep the questions and options in file order.
    #[arg(long)]
    pub no_shuffle: bool,
    /// Line-by-line mode for screen readers and simple terminals.
    #[arg(long)]
    pub plain: bool,
    /// An optional nickname stored with saved results.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Folder where `w` on the results screen writes JSON and Markdown (default: here).
    #[arg(long, value_name = "DIR")]
    pub save_dir: Option<PathBuf>,
    /// Workshop folder: write the finished result there, anonymously unless --name is given.
    #[arg(long, value_name = "DIR")]
    pub submit: Option<PathBuf>,
}

/// Runs the quiz for a person at this terminal.
pub fn take(args: &TakeArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&args.quiz)?;
    let seed = if args.no_shuffle {
        None
    } else {
        Some(args.seed.unwrap_or_else(fresh_seed))
    };
    if args.plain {
        let stdin = std::io::stdin();
        let mut out = std::io::stdout();
        let report = crate::plain::run(
            &quiz,
            seed,
            args.name.as_deref(),
            &mut stdin.lock(),
            &mut out,
        )
        .map_err(|e| Failure::other(format!("error: {e}")))?;
        return finish_plain(report, args);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::input(
            "error: the interactive quiz needs a terminal on stdin and stdout.\n\
             Use `careerfit take --plain` for a line-by-line quiz, or \
             `careerfit score --answers SPEC` to score answers directly.",
        ));
    }
    match run_local(&quiz, seed, args) {
        Ok(None) => Ok(String::new()),
        Ok(Some(signal)) => Err(Failure {
            code: (128 + signal).clamp(0, 255) as u8,
            message: String::new(),
        }),
        Err(e) => Err(Failure::other(format!("error: {e}"))),
    }
}

/// A random shuffle seed. std's hash keys were already drawn from the OS
/// when the process started; hashing nothing with a fresh `RandomState`
/// gives a random number without starting rand's generator, whose CPU
/// probe alone is three `cpuid` instructions (about 40 µs in a VM, before
/// the first frame).
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

/// Like the TUI: keep a finished plain-mode result in history and submit it
/// to a workshop folder when asked.
fn finish_plain(
    report: Option<crate::core::report::Report>,
    args: &TakeArgs,
) -> Result<String, Failure> {
    let Some(r) = report else {
        return Ok(String::new());
    };
    let r = r.stamped(
        &crate::store::new_result_id(),
        &crate::store::utc_rfc3339(crate::store::now_secs()),
    );
    if let Some(dir) = crate::store::data_dir() {
        let _ = crate::store::add_history(&dir, &r);
    }
    match &args.submit {
        Some(dir) => crate::store::submit(dir, &r)
            .map(|p| {
                format!(
                    "Submitted to the workshop as {}\n",
                    crate::core::sanitize::clean_path(&p)
                )
            })
            .map_err(|e| {
                Failure::other(format!(
                    "error: cannot submit to {}: {}",
                    crate::core::sanitize::clean_path(dir),
                    io_reason(&e)
                ))
            }),
        None => Ok(String::new()),
    }
}

/// Runs the quiz on the local terminal; returns `Err` only for terminal
/// failures. `Ok(Some(n))` means a signal ended it (exit 128 + n).
fn run_local(
    quiz: &Quiz,
    seed: Option<u64>,
    args: &TakeArgs,
) -> Result<Option<i32>, crate::tui::Error> {
    let data_dir = store::data_dir();
    let quiz = Arc::new(quiz.clone());
    let slot = data_dir
        .as_ref()
        .map(|d| store::ProgressSlot::open(d, &quiz));
    let (saved, note, progress) = match &slot {
        Some(s) => (s.saved.clone(), s.note.clone(), s.owned),
        None => (None, None, false),
    };
    // A resumed quiz keeps the order it was started with.
    let seed = saved.as_ref().map_or(seed, |p| p.seed);
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let mut model = Model::new(quiz, seed, theme)
        .with_name(args.name.clone())
        .with_submit(
            args.submit
                .as_ref()
                .map(|d| crate::core::sanitize::clean_path(d)),
        )
        .with_notice(note);
    if let Some(p) = saved {
        model = model.with_saved(p.answers, p.pos);
    }
    let settings = effects::Settings {
        data_dir,
        save_dir: args.save_dir.clone().unwrap_or_else(|| ".".into()),
        submit_dir: args.submit.clone(),
        seed,
        progress,
        result_id: store::new_result_id(),
        finished_at: Default::default(),
    };
    let mut app = LocalQuiz { model, settings };
    let (tx, rx) = runtime::channel();
    let ended = runtime::run(&mut app, tx, &rx)?;
    // The progress lock is held until the quiz has ended.
    drop(slot);
    // Left on the terminal once the full screen is gone, as over SSH
    // (issue 20): the result and its share code stay in the scrollback.
    if let Some(r) = app.model.report() {
        let mut out = std::io::stdout();
        let _ =
            out.write_all(crate::core::sanitize::clean(&crate::core::card::farewell(r)).as_bytes());
        let _ = out.flush();
    }
    match ended {
        Ended::Quit => Ok(None),
        Ended::Signal(s) => Ok(Some(s)),
    }
}

/// The quiz on this process's terminal: the TUI's model, update and view,
/// with the effects they ask for carried out here.
struct LocalQuiz {
    model: Model,
    settings: effects::Settings,
}

impl App for LocalQuiz {
    /// The quiz has no events of its own besides keys and signals.
    type Event = std::convert::Infallible;

    fn key(&mut self, key: KeyEvent, out: &mut dyn Write) -> std::io::Result<Flow> {
        let Some(msg) = message_for(&self.model, key) else {
            return Ok(Flow::Continue);
        };
        let fx = update(&mut self.model, msg);
        if fx.is_empty() {
            return Ok(Flow::Continue);
        }
        let done = effects::apply(&self.model, fx, &self.settings);
        out.write_all(&done.terminal)?;
        if let Some(s) = done.status {
            update(&mut self.model, Message::Status(s));
        }
        Ok(if done.quit {
            Flow::Quit
        } else {
            Flow::Continue
        })
    }

    fn resized(&mut self, cols: u16, rows: u16) {
        update(&mut self.model, Message::Resize(cols, rows));
    }

    /// Answers are never lost to a closed terminal.
    fn ending(&mut self, _signal: i32) {
        effects::apply(&self.model, vec![Effect::SaveProgress], &self.settings);
    }

    fn draw(&mut self, f: &mut ratatui::Frame) {
        view(&mut self.model, f);
    }
}
