//! `careerfit completions`: shell completions from the clap definitions.

use crate::cli::Cli;
use clap::Args;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

/// The completion script for `a.shell`.
pub fn completions(a: &CompletionsArgs) -> String {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "careerfit", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
