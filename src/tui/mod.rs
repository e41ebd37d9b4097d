//! The full-screen quiz (filled in by the TUI work).
use crate::cli::TakeArgs;
use crate::core::model::Quiz;

pub fn run_local(_quiz: &Quiz, _seed: Option<u64>, _args: &TakeArgs) -> std::io::Result<String> {
    Err(std::io::Error::other("the full-screen quiz is not built yet; use --plain"))
}
