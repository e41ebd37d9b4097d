#![forbid(unsafe_code)]
//! `careerfit-serve`: the SSH server behind `careerfit serve`, a program of
//! its own so the quiz binary carries no network stack. It takes the same
//! command line as `careerfit` (`careerfit serve …` hands it over
//! unchanged), so help, errors and exit codes are the same either way.

use careerfit::cli::{Cli, Command, needs_server};
use careerfit::edge::{Failure, finish};
use careerfit_serve::results;
use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a session's screen buffers (two of
/// 36,000 cells at 300×120) and frames are allocated and freed on whichever
/// worker thread runs it, and glibc kept the freed memory in per-thread
/// arenas: 530 MB after 670 sessions, growing each round (issue 14).
/// mimalloc returns freed pages to the system, so memory follows the
/// sessions open.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, read from the environment when the allocator starts,
/// before `main`; setting one from code needs an unsafe call, so the server
/// starts itself again with those that are missing (same process id and
/// arguments; a facilitator's own values are kept).
///
/// - `MIMALLOC_PURGE_DELAY=0`: how long freed pages wait before they go back
///   to the system. Its default (10 ms, and only when the freeing thread
///   calls the allocator again) still left a release build 63 MB above its
///   memory after the first 10 sessions after 1,000 at 300×120; at 0 it
///   stays within 33 MB, and two thirds lower overall.
/// - `MIMALLOC_ALLOW_THP=0`: no transparent huge pages. With them, every
///   page purged and touched again came back as a 2 MiB huge page the
///   kernel zeroes whole: 17 % of the server's CPU went to clearing those
///   pages, and a session at 100×30 peaked at 921 KiB instead of 445 KiB
///   (docs/performance.md, "Where the server's CPU per step goes").
const ALLOCATOR_OPTIONS: [(&str, &str); 2] =
    [("MIMALLOC_PURGE_DELAY", "0"), ("MIMALLOC_ALLOW_THP", "0")];

/// Starts this program again with the missing [`ALLOCATOR_OPTIONS`] set,
/// unless all are set already. Returns only if that fails, and then the
/// server runs with mimalloc's defaults.
fn with_allocator_options() {
    #[cfg(unix)]
    if ALLOCATOR_OPTIONS
        .iter()
        .any(|(name, _)| std::env::var_os(name).is_none())
        && let Ok(me) = std::env::current_exe()
    {
        use std::os::unix::process::CommandExt;
        let mut args = std::env::args_os();
        let mut cmd = std::process::Command::new(me);
        if let Some(arg0) = args.next() {
            cmd.arg0(arg0);
        }
        for (name, value) in ALLOCATOR_OPTIONS {
            if std::env::var_os(name).is_none() {
                cmd.env(name, value);
            }
        }
        let _failed = cmd.args(args).exec();
    }
}

fn main() -> ExitCode {
    with_allocator_options();
    let cli = Cli::parse();
    // `careerfit` hands over `serve` and every command given a database
    // URL (careerfit::cli::run); they run here, with the database.
    let result = match (needs_server(&cli), &cli.command) {
        (Some(_), Some(Command::Serve(a))) => careerfit_serve::serve(a).map_err(Failure::from),
        (Some(_), Some(Command::Take(t))) => results::take(t),
        (Some(_), None) => results::take(&cli.take),
        (Some(_), Some(Command::Aggregate(a))) => results::aggregate(a),
        (Some(_), Some(Command::Analyze(a))) => results::analyze(a),
        (Some(_), Some(Command::Workshop(a))) => results::workshop(a),
        _ => Err(Failure::input(
            "error: careerfit-serve only runs the workshop server; use `careerfit serve …` \
             (or `careerfit-serve serve …`)",
        )),
    };
    finish(result)
}
