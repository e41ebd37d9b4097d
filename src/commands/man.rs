//! `careerfit man`: the manual pages, generated from the same clap
//! definitions as `--help`, so they can never drift from the program.
//! Packagers run `careerfit man --dir DIR` at build time and install the
//! pages; people can read one with `careerfit man | man -l -`.

use crate::cli::Cli;
use crate::edge::{Failure, io_reason};
use clap::{Args, CommandFactory};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write careerfit.1 and one page per command (careerfit-take.1, …)
    /// into this folder instead of printing careerfit.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints careerfit(1) in roff, or writes every page into `--dir`.
pub fn man(a: &ManArgs) -> Result<String, Failure> {
    let cmd = Cli::command();
    let Some(dir) = &a.dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd)
            .render(&mut out)
            .map_err(|e| Failure::other(format!("error: cannot render the manual: {e}")))?;
        return Ok(String::from_utf8_lossy(&out).into_owned());
    };
    let shown = crate::core::sanitize::clean_path(dir);
    std::fs::create_dir_all(dir)
        .and_then(|()| clap_mangen::generate_to(cmd, dir))
        .map_err(|e| Failure::other(format!("error: cannot write {shown}: {}", io_reason(&e))))?;
    Ok(format!("Wrote the manual pages into {shown}\n"))
}
