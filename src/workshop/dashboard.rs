//! `careerfit workshop DIR`: the live dashboard for the facilitator's
//! projector. Checks its inputs, then hands over to [`super::run`].

use super::folder::Folder;
use super::scan::Scanner;
use super::watch::How;
use crate::commands::serve::parse_duration;
use crate::core::aggregate::DEFAULT_MIN_GROUP;
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
    /// How often --poll looks (e.g. 2s, 1m); also how often the dashboard
    /// looks when the system cannot watch the folder.
    #[arg(long, value_name = "DUR", default_value = "1s", value_parser = parse_duration)]
    pub poll_interval: Duration,
}

impl WorkshopArgs {
    /// How the folder is watched.
    pub fn how(&self) -> How {
        if self.poll {
            How::Poll(self.poll_interval)
        } else {
            How::System {
                fallback: self.poll_interval,
            }
        }
    }
}

/// Runs the dashboard until `q` (exit 0) or a signal (exit 128 + n).
pub fn workshop(a: &WorkshopArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::input(
            "error: the workshop dashboard needs a terminal on stdin and stdout.\n\
             For a report without one, use `careerfit aggregate DIR`.",
        ));
    }
    let shown = crate::core::sanitize::clean_path(&a.dir);
    std::fs::create_dir_all(&a.dir)
        .map_err(|e| Failure::input(format!("error: cannot use {shown}: {}", io_reason(&e))))?;
    if !a.dir.is_dir() {
        return Err(Failure::input(format!("error: {shown} is not a folder")));
    }
    let absolute = std::path::absolute(&a.dir).unwrap_or_else(|_| a.dir.clone());
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let model = Model::new(
        clean_line(&crate::core::sanitize::clean_path(&absolute)),
        a.quiz.quiz.as_deref().map(clean_line),
        a.min_group,
        theme,
    );
    let folder = Folder::new(Scanner::new(a.dir.clone(), quiz), a.how());
    match super::run::run(model, folder) {
        Ok(Ended::Quit) => Ok(String::new()),
        Ok(Ended::Signal(s)) => Err(Failure {
            code: (128 + s).clamp(0, 255) as u8,
            message: String::new(),
        }),
        Err(e) => Err(Failure::other(format!("error: {e}"))),
    }
}
