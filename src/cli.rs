//! The command line: the list of commands, each with its arguments defined
//! by its own module in `commands/`, and the dispatch to them. Every command
//! returns a [`Failure`] instead of exiting, so `main` alone decides exit
//! codes.

use crate::commands::serve::Needs;
use crate::commands::{
    analyze, completions, history, inspect, man, score, serve, show, simulate, take, validate,
};
use crate::edge::Failure;
use crate::results::is_db_url;
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "careerfit",
    version,
    about = "Product Management or Product Development? A quiz that explains its answer.",
    long_about = "careerfit asks weighted questions, scores them against skill profiles and \
                  explains which path fits you better: Product Management (what to build and why), \
                  Product Development (how to build it), or a hybrid. With no command it runs the quiz.",
    args_conflicts_with_subcommands = true,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub take: take::TakeArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Take the quiz (the default when no command is given).
    Take(take::TakeArgs),
    /// Score a complete answer sheet without the interactive quiz.
    Score(score::ScoreArgs),
    /// Show the result behind a share code.
    Show(show::ShowArgs),
    /// Print a quiz as the engine understood it.
    Inspect(inspect::InspectArgs),
    /// Check quiz files and report every problem with its position.
    Validate(validate::ValidateArgs),
    /// Write a small starter quiz to edit (never overwrites a file).
    New(crate::authoring::NewArgs),
    /// List the bundled quizzes (their ids work with --quiz).
    List,
    /// Run the quiz over SSH for a workshop: participants just `ssh` in.
    Serve(serve::ServeArgs),
    /// List your past results (or delete them with --clear).
    History(history::HistoryArgs),
    /// One report for a group: result files, folders, or share codes.
    Aggregate(crate::workshop::aggregate_cmd::AggregateArgs),
    /// Item analysis for quiz authors: reliability and item statistics of real answers.
    Analyze(analyze::AnalyzeArgs),
    /// A live dashboard of a workshop folder or database for the facilitator's projector.
    Workshop(crate::workshop::dashboard::WorkshopArgs),
    /// How a quiz's recommendation behaves on simulated respondents.
    Simulate(simulate::SimulateArgs),
    /// Print the manual page (roff), or write every page with --dir.
    Man(man::ManArgs),
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
}

/// Whether any of `paths` is a database URL rather than a file.
pub fn any_db(paths: &[std::path::PathBuf]) -> bool {
    paths.iter().any(|p| is_db_url(p.as_os_str()))
}

/// Whether `cli` is a command `careerfit-serve` runs: `serve`, and every
/// command given a PostgreSQL URL. The one list of them, for both programs.
pub fn needs_server(cli: &Cli) -> Option<Needs> {
    let db = match &cli.command {
        Some(Command::Serve(_)) => return Some(Needs::Serve),
        Some(Command::Aggregate(a)) => any_db(&a.paths),
        Some(Command::Analyze(a)) => any_db(&a.paths),
        Some(Command::Workshop(a)) => is_db_url(a.dir.as_os_str()),
        Some(Command::Take(t)) => t.submits_to_db(),
        None => cli.take.submits_to_db(),
        Some(_) => false,
    };
    db.then_some(Needs::Database)
}

/// Runs the command `cli` names (the quiz when it names none). `serve`,
/// and every command given a PostgreSQL URL, are handed to the
/// `careerfit-serve` program (see [`serve`]), which runs them with the
/// database; this program links no database driver.
pub fn run(cli: Cli) -> Result<String, Failure> {
    if let Some(needs) = needs_server(&cli) {
        return serve::hand_over(needs);
    }
    match cli.command {
        Some(Command::Score(a)) => score::score(&a),
        Some(Command::Show(a)) => show::show(&a),
        Some(Command::Inspect(a)) => inspect::inspect(&a),
        Some(Command::Validate(a)) => validate::validate(&a),
        Some(Command::New(a)) => crate::authoring::new(&a),
        Some(Command::List) => crate::authoring::list(),
        Some(Command::Serve(_)) => serve::hand_over(Needs::Serve),
        Some(Command::History(a)) => history::history(&a),
        Some(Command::Aggregate(a)) => crate::workshop::aggregate_cmd::run(&a),
        Some(Command::Analyze(a)) => analyze::run(&a),
        Some(Command::Workshop(a)) => crate::workshop::dashboard::workshop(&a),
        Some(Command::Completions(a)) => Ok(completions::completions(&a)),
        Some(Command::Simulate(a)) => simulate::run(&a),
        Some(Command::Man(a)) => man::man(&a),
        Some(Command::Take(t)) => take::take(&t),
        None => take::take(&cli.take),
    }
}
