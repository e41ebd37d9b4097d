#![forbid(unsafe_code)]
//! `careerfit-serve`: the SSH server behind `careerfit serve`, a program of
//! its own so the quiz binary carries no network stack. It takes the same
//! command line as `careerfit` (`careerfit serve …` hands it over
//! unchanged), so help, errors and exit codes are the same either way.

use careerfit::cli::{Cli, Command};
use careerfit::edge::{Failure, finish};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Some(Command::Serve(a)) => careerfit::serve::serve(&a),
        _ => Err(Failure::input(
            "error: careerfit-serve only runs the workshop server; use `careerfit serve …` \
             (or `careerfit-serve serve …`)",
        )),
    };
    finish(result)
}
