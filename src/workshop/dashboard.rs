//! `careerfit workshop DIR`: the live dashboard for the facilitator's
//! projector. Checks its inputs, then hands over to [`super::run`].

use super::folder::Folder;
use super::scan::Scanner;
use super::source::Source;
use super::watch::How;
use crate::commands::serve::parse_duration;
use crate::core::aggregate::DEFAULT_MIN_GROUP;
use crate::core::model::Quiz;
use crate::core::sanitize::clean_line;
use crate::edge::{Failure, QuizArg, io_reason, load_quiz};
use crate::tui::dashboard::model::Model;
use crate::tui::runtime::Ended;
use crate::tui::theme::Theme;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args, Debug, Clone)]
pub struct WorkshopArgs {
    /// The workshop folder participants submit to (created if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The quiz of the workshop (also the one share codes in DIR/codes.txt are read against).
    #[command(flatten)]
    pub quiz: QuizArg,
    /// Distributions appear only from this many results, to keep people anonymous.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_GROUP)]
    pub min_group: u64,
    /// Look for new results by listing the folder every --poll-interval,
    /// instead of being told by the system. Use it for a folder on NFS or
    /// another network file system: the system's watch there sees only this
    /// machine's writes, so results saved by other machines would not show.
    #[arg(long)]
    pub poll: bool,
    /// How often --poll looks (e.g. 2s, 1m; default 1s); also how often
    /// the dashboard looks when the system cannot watch the folder.
    #[arg(long, value_name = "DUR", value_parser = parse_duration)]
    pub poll_interval: Option<Duration>,
}

/// How often a folder is listed when it is polled: a new result shows
/// within a second, and a folder of a thousand results costs a thousand
/// `stat` calls a second, which even NFS answers from its attribute cache.
pub const FOLDER_POLL: Duration = Duration::from_secs(1);

impl WorkshopArgs {
    /// How the folder is watched.
    pub fn how(&self) -> How {
        let every = self.poll_interval.unwrap_or(FOLDER_POLL);
        if self.poll {
            How::Poll(every)
        } else {
            How::System { fallback: every }
        }
    }
}

/// Runs the dashboard until `q` (exit 0) or a signal (exit 128 + n).
pub fn workshop(a: &WorkshopArgs) -> Result<String, Failure> {
    let quiz = begin(a)?;
    let shown = crate::core::sanitize::clean_path(&a.dir);
    std::fs::create_dir_all(&a.dir)
        .map_err(|e| Failure::input(format!("error: cannot use {shown}: {}", io_reason(&e))))?;
    if !a.dir.is_dir() {
        return Err(Failure::input(format!("error: {shown} is not a folder")));
    }
    let absolute = std::path::absolute(&a.dir).unwrap_or_else(|_| a.dir.clone());
    let model = model(a, &crate::core::sanitize::clean_path(&absolute));
    show(
        model,
        Folder::new(Scanner::new(a.dir.clone(), quiz), a.how()),
    )
}

/// What every dashboard checks first, whatever its source: the quiz loads,
/// and there is a terminal to draw on. Returns the quiz.
pub fn begin(a: &WorkshopArgs) -> Result<Quiz, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::input(
            "error: the workshop dashboard needs a terminal on stdin and stdout.\n\
             For a report without one, use `careerfit aggregate DIR`.",
        ));
    }
    Ok(quiz)
}

/// The dashboard's first state, for participants who submit to `target`
/// (a folder's path, or a database's URL without its password).
pub fn model(a: &WorkshopArgs, target: &str) -> Model {
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    Model::new(
        clean_line(target),
        a.quiz.quiz.as_deref().map(clean_line),
        a.min_group,
        theme,
    )
}

/// Runs the dashboard over `source` until `q` (exit 0) or a signal
/// (exit 128 + n).
pub fn show(model: Model, source: impl Source) -> Result<String, Failure> {
    match super::run::run(model, source) {
        Ok(Ended::Quit) => Ok(String::new()),
        Ok(Ended::Signal(s)) => Err(Failure {
            code: (128 + s).clamp(0, 255) as u8,
            message: String::new(),
        }),
        Err(e) => Err(Failure::other(format!("error: {e}"))),
    }
}
