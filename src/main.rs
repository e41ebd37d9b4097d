#![forbid(unsafe_code)]
//! The `careerfit` binary: parse arguments, run one command, map failures
//! to exit codes (2 bad input, 1 anything else).

use careerfit::cli::{self, Cli, Command, Failure};
use careerfit::core::sanitize::clean;
use clap::Parser;
use std::io::Write;
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
        Some(Command::Serve(a)) => careerfit::serve::serve(&a),
        Some(Command::History(a)) => careerfit::history_cmd::history(&a),
        Some(Command::Aggregate(a)) => careerfit::workshop::aggregate_cmd::run(&a),
        Some(Command::Workshop(a)) => careerfit::workshop::dashboard::workshop(&a),
        Some(Command::Completions { shell }) => Ok(cli::completions(shell)),
        Some(Command::Take(t)) => careerfit::app::take(&t),
        None => careerfit::app::take(&args.take),
    };
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`careerfit score … | head`) is not an error worth a message.
            let _ = stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(Failure { code, message }) => {
            if !message.is_empty() {
                let _ = writeln!(std::io::stderr(), "{}", clean(&message));
            }
            ExitCode::from(code)
        }
    }
}
