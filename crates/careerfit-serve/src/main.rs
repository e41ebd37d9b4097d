#![forbid(unsafe_code)]
//! `careerfit-serve`: the SSH server behind `careerfit serve`, a program of
//! its own so the quiz binary carries no network stack. It takes the same
//! command line as `careerfit` (`careerfit serve …` hands it over
//! unchanged), so help, errors and exit codes are the same either way.

use careerfit::cli::{Cli, Command};
use careerfit::edge::{Failure, finish};
use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a session's screen buffers (two of
/// 36,000 cells at 300×120) are allocated and freed on whichever worker
/// thread runs it, and glibc kept the freed memory in per-thread arenas:
/// 530 MB after 670 sessions, growing each round (issue 14). mimalloc
/// returns freed pages to the system, so memory follows the sessions open.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Some(Command::Serve(a)) => careerfit_serve::serve(&a).map_err(Failure::from),
        _ => Err(Failure::input(
            "error: careerfit-serve only runs the workshop server; use `careerfit serve …` \
             (or `careerfit-serve serve …`)",
        )),
    };
    finish(result)
}
