//! `careerfit take`: choose between the full-screen TUI and the plain
//! line-by-line mode, and refuse politely when there is no terminal.

use crate::edge::{Failure, QuizArg, io_reason, load_quiz};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

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
    match crate::tui::run_local(&quiz, seed, args) {
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
    if let Some(dir) = crate::store::data_dir() {
        let _ = crate::store::add_history(&dir, &r);
    }
    match &args.submit {
        Some(dir) => crate::store::submit(dir, &r)
            .map(|p| format!("Submitted to the workshop as {}\n", p.display()))
            .map_err(|e| {
                Failure::other(format!(
                    "error: cannot submit to {}: {}",
                    dir.display(),
                    io_reason(&e)
                ))
            }),
        None => Ok(String::new()),
    }
}
