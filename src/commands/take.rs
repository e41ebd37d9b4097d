//! `careerfit take`: choose between the full-screen TUI and the plain
//! line-by-line mode, and refuse politely when there is no terminal.

use crate::core::i18n::Lang;
use crate::core::model::Quiz;
use crate::core::tr;
use crate::edge::{Failure, QuizArg, io_reason, load_quiz_for, locale_lang};
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
    /// Line-by-line mode for screen readers and simple terminals (also
    /// chosen when TERM=dumb).
    #[arg(long)]
    pub plain: bool,
    /// Pure ASCII output, line by line (implies --plain; also chosen in
    /// plain mode when TERM=dumb or the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// An optional nickname stored with saved results.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Folder where `w` on the results screen writes JSON and Markdown (default: here).
    #[arg(long, value_name = "DIR")]
    pub save_dir: Option<PathBuf>,
    /// Workshop folder or PostgreSQL URL (postgres://…): submit the finished result
    /// there, anonymously unless --name is given.
    #[arg(long, value_name = "DIR|URL", value_parser = crate::results::parse_target)]
    pub submit: Option<crate::results::Target>,
    /// With a database: where the result waits if it cannot be reached
    /// (default: a folder per database under the data folder's spool/).
    #[arg(long, value_name = "DIR", requires = "submit")]
    pub spool: Option<PathBuf>,
}

impl TakeArgs {
    /// Whether the result goes to a database (then `careerfit-serve` runs
    /// the quiz: see [`crate::commands::serve::hand_over`]).
    pub fn submits_to_db(&self) -> bool {
        self.submit.as_ref().is_some_and(|t| t.url().is_some())
    }
}

pub use crate::effects::SubmitTo;

/// Runs the quiz for a person at this terminal, submitting to the folder
/// `--submit` names (a database URL is `careerfit-serve`'s, through
/// [`take_with`]).
pub fn take(args: &TakeArgs) -> Result<String, Failure> {
    let submit = match &args.submit {
        None => None,
        Some(crate::results::Target::Folder(dir)) => Some(SubmitTo::folder(dir.clone())),
        Some(crate::results::Target::Postgres(_)) => {
            return crate::commands::serve::hand_over(crate::commands::serve::Needs::Database);
        }
    };
    take_with(args, submit.as_ref())
}

/// [`take`] with the result going to `submit` (`None`: nowhere).
pub fn take_with(args: &TakeArgs, submit: Option<&SubmitTo>) -> Result<String, Failure> {
    let quiz = load_quiz_for(&args.quiz, locale_lang())?;
    let seed = if args.no_shuffle {
        None
    } else {
        Some(args.seed.unwrap_or_else(fresh_seed))
    };
    let env = |k: &str| std::env::var(k).ok();
    let dumb = env("TERM").as_deref() == Some("dumb");
    if args.plain || args.ascii || dumb {
        // A dumb terminal cannot show the full screen: it gets the plain
        // quiz, in ASCII (issue 20).
        let ascii = args.ascii || dumb || !utf8_locale(&env);
        return take_plain(&quiz, seed, ascii, args, submit);
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::input(
            "error: the interactive quiz needs a terminal on stdin and stdout.\n\
             Use `careerfit take --plain` for a line-by-line quiz, or \
             `careerfit score --answers SPEC` to score answers directly.",
        ));
    }
    match run_local(&quiz, seed, args, submit) {
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

/// Whether the locale (the first of `LC_ALL`, `LC_CTYPE` and `LANG` that
/// is set, as C programs pick it) says UTF-8. None set is the `C` locale,
/// which is ASCII.
pub fn utf8_locale(env: &dyn Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// Where the answers go, as the welcome screen says it.
fn privacy(args: &TakeArgs, submit: Option<&SubmitTo>, lang: Lang) -> String {
    let to = submit.map(|s| (s, crate::core::sanitize::clean_path(&s.dir)));
    match (to, &args.name) {
        (
            Some((
                SubmitTo {
                    database: Some(db), ..
                },
                _,
            )),
            Some(n),
        ) => {
            tr!(
                lang,
                "privacy-database-named",
                target = db.as_str(),
                name = n
            )
        }
        (
            Some((
                SubmitTo {
                    database: Some(db), ..
                },
                _,
            )),
            None,
        ) => {
            tr!(lang, "privacy-database-anonymous", target = db.as_str())
        }
        (Some((_, dir)), Some(n)) => tr!(lang, "privacy-folder-named", dir = dir, name = n),
        (Some((_, dir)), None) => tr!(lang, "privacy-folder-anonymous", dir = dir),
        (None, _) => lang.t("privacy-local"),
    }
}

/// Plain mode's progress: the same file, lock and format as the
/// full-screen quiz's, so either can resume what the other saved.
struct PlainProgress<'a> {
    dir: Option<PathBuf>,
    quiz: &'a Quiz,
    seed: Option<u64>,
}

impl crate::plain::Keeper for PlainProgress<'_> {
    fn keeps(&self) -> bool {
        self.dir.is_some()
    }

    fn save(&mut self, answers: &crate::core::scoring::Answers, pos: usize) -> Option<String> {
        let dir = self.dir.as_ref()?;
        let p = store::Progress {
            quiz: self.quiz.id.clone(),
            fingerprint: self.quiz.fingerprint.clone(),
            answers: answers.clone(),
            pos,
            seed: self.seed,
            saved_at: store::now_secs(),
        };
        store::save_progress(dir, &p).err().map(|e| {
            tr!(
                self.quiz.lang(),
                "status-progress-failed",
                reason = io_reason(&e)
            )
        })
    }

    fn clear(&mut self) {
        if let Some(dir) = &self.dir {
            store::clear_progress(dir, &self.quiz.id);
        }
    }
}

/// The line-by-line quiz on stdin and stdout. Input that ends before the
/// result is bad input (exit 2): a script feeding answers was cut short.
fn take_plain(
    quiz: &Quiz,
    seed: Option<u64>,
    ascii: bool,
    args: &TakeArgs,
    submit: Option<&SubmitTo>,
) -> Result<String, Failure> {
    let data_dir = store::data_dir();
    let slot = data_dir
        .as_ref()
        .map(|d| store::ProgressSlot::open(d, quiz));
    let (saved, notice, owned) = match &slot {
        Some(s) => (s.saved.clone(), s.note.clone(), s.owned),
        None => (None, None, false),
    };
    // A resumed quiz keeps the order it was started with.
    let seed = saved.as_ref().map_or(seed, |p| p.seed);
    let session = crate::plain::Session {
        quiz,
        seed,
        name: args.name.as_deref(),
        ascii,
        privacy: privacy(args, submit, quiz.lang()),
        notice,
        saved: saved.map(|p| (p.answers, p.pos)),
    };
    let mut keeper = PlainProgress {
        dir: data_dir.filter(|_| owned),
        quiz,
        seed,
    };
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    let ended = crate::plain::run(&session, &mut keeper, &mut stdin.lock(), &mut out)
        .map_err(|e| Failure::other(format!("error: {e}")))?;
    // The progress lock is held until the quiz has ended.
    drop(slot);
    match ended {
        crate::plain::Ended::Finished(r) => finish_plain(*r, submit).map(|said| {
            if ascii {
                crate::core::ascii::to_ascii(&said).into_owned()
            } else {
                said
            }
        }),
        crate::plain::Ended::Quit => Ok(String::new()),
        crate::plain::Ended::InputEnded => Err(Failure::input(
            "error: input ended before the quiz was finished",
        )),
    }
}

/// Like the TUI: keep a finished plain-mode result in history and submit it
/// to a workshop folder when asked.
fn finish_plain(
    r: crate::core::report::Report,
    submit: Option<&SubmitTo>,
) -> Result<String, Failure> {
    let r = r.stamped(
        &crate::store::new_result_id(),
        &crate::store::utc_rfc3339(crate::store::now_secs()),
    );
    if let Some(dir) = crate::store::data_dir() {
        let _ = crate::store::add_history(&dir, &r);
    }
    let Some(to) = submit else {
        return Ok(String::new());
    };
    let saved = crate::store::submit(&to.dir, &r).map_err(|e| {
        Failure::other(format!(
            "error: cannot submit to {}: {}",
            to.database
                .clone()
                .unwrap_or_else(|| crate::core::sanitize::clean_path(&to.dir)),
            io_reason(&e)
        ))
    })?;
    to.saved();
    Ok(match &to.database {
        Some(db) => format!("Saved for the workshop database {db}\n"),
        None => format!(
            "Submitted to the workshop as {}\n",
            crate::core::sanitize::clean_path(&saved)
        ),
    })
}

/// Runs the quiz on the local terminal; returns `Err` only for terminal
/// failures. `Ok(Some(n))` means a signal ended it (exit 128 + n).
fn run_local(
    quiz: &Quiz,
    seed: Option<u64>,
    args: &TakeArgs,
    submit: Option<&SubmitTo>,
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
        .with_notice(note);
    model = match submit {
        Some(SubmitTo {
            database: Some(db), ..
        }) => model.with_submit_database(db.clone()),
        Some(s) => model.with_submit(Some(crate::core::sanitize::clean_path(&s.dir))),
        None => model,
    };
    if let Some(p) = saved {
        model = model.with_saved(p.answers, p.pos);
    }
    let settings = effects::Settings {
        data_dir,
        save_dir: args.save_dir.clone().unwrap_or_else(|| ".".into()),
        submit: submit.cloned(),
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

    /// The quiz draws in at most 160×50, centred in a bigger window.
    fn max_size(&self) -> ratatui::layout::Size {
        crate::tui::view::MAX
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
