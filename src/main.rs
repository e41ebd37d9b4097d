#![forbid(unsafe_code)]
//! The `careerfit` binary: parse arguments, run one command, map failures
//! to exit codes (2 bad input, 1 anything else). `serve` is handed to the
//! `careerfit-serve` program (see `careerfit::commands::serve`).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    careerfit::edge::finish(careerfit::cli::run(careerfit::cli::Cli::parse()))
}
