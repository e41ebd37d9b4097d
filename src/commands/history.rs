//! `careerfit history`: past results kept in the data folder, so a person
//! can see how their leaning changes over time.

use crate::core::sanitize::clean;
use crate::core::text::pad;
use crate::edge::{Failure, io_reason};
use crate::store;
use clap::Args;
use std::fmt::Write;

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Delete every kept result.
    #[arg(long)]
    pub clear: bool,
}

/// Lists (or clears) the kept results.
pub fn history(a: &HistoryArgs) -> Result<String, Failure> {
    let dir = store::data_dir()
        .ok_or_else(|| Failure::other("error: no data folder is available on this system"))?;
    if a.clear {
        let n = store::clear_history(&dir).map_err(|e| {
            Failure::other(format!(
                "error: cannot clear {}: {}",
                crate::core::sanitize::clean_path(&dir),
                io_reason(&e)
            ))
        })?;
        return Ok(format!("Deleted {n} kept result(s).\n"));
    }
    let entries = store::history(&dir);
    if entries.is_empty() {
        return Ok(
            "No results kept yet. Finish the quiz (`careerfit`) and your result appears here.\n"
                .into(),
        );
    }
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}  {}  {}  share code",
        pad("date (UTC)", 19),
        pad("quiz", 12),
        pad("outcome", 34),
    );
    for e in &entries {
        let outcome = match e.confidence {
            Some(c) => format!("{} ({c}%)", e.outcome),
            None => e.outcome.clone(),
        };
        let _ = writeln!(
            o,
            "{}  {}  {}  {}",
            pad(&e.when, 19),
            pad(&e.quiz, 12),
            pad(&outcome, 34),
            e.share_code
        );
    }
    let _ = writeln!(
        o,
        "\n{} result(s) in {}. `careerfit show CODE` shows one again.",
        entries.len(),
        crate::core::sanitize::clean_path(&dir.join("history"))
    );
    Ok(clean(&o))
}
