//! `careerfit-serve` run by its own path. The SSH tests are in the root
//! package's tests/serve*.rs: they go through `careerfit serve`, which
//! hands over to this program.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

use assert_cmd::Command;

#[test]
fn the_server_program_runs_only_serve() {
    Command::new(env!("CARGO_BIN_EXE_careerfit-serve"))
        .arg("list")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: careerfit-serve only runs the workshop server; use `careerfit serve …` \
             (or `careerfit-serve serve …`)\n",
        );
}
