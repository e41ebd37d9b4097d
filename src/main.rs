#![forbid(unsafe_code)]
//! The `careerfit` binary: parse arguments, run one command, map failures
//! to exit codes (2 bad input, 1 anything else). `serve` is handed to the
//! `careerfit-serve` program (see `careerfit::handoff`).

use careerfit::cli::{self, Cli, Command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(Command::Score(a)) => cli::score(&a),
        Some(Command::Show(a)) => cli::show(&a),
        Some(Command::Inspect(a)) => cli::inspect(&a),
        Some(Command::Validate(a)) => cli::validate(&a),
        Some(Command::New(a)) => careerfit::authoring::new(&a),
        Some(Command::List) => careerfit::authoring::list(),
        Some(Command::Serve(_)) => careerfit::handoff::serve(),
        Some(Command::History(a)) => careerfit::history_cmd::history(&a),
        Some(Command::Aggregate(a)) => careerfit::workshop::aggregate_cmd::run(&a),
        Some(Command::Workshop(a)) => careerfit::workshop::dashboard::workshop(&a),
        Some(Command::Simulate(a)) => careerfit::simulate_cmd::run(&a),
        Some(Command::Completions { shell }) => Ok(cli::completions(shell)),
        Some(Command::Man(a)) => careerfit::man_cmd::man(&a),
        Some(Command::Take(t)) => careerfit::app::take(&t),
        None => careerfit::app::take(&args.take),
    };
    cli::finish(result)
}
