//! `careerfit serve` lives in its own program, `careerfit-serve`, installed
//! next to `careerfit`. The SSH server (russh, tokio, ring) is most of the
//! code a server needs and none of what a quiz needs; keeping it out of the
//! quiz binary keeps that binary small and its start-up cheap (issue 8).
//! `careerfit serve …` parses its arguments as usual (so `--help` and
//! mistakes are reported the same way) and then hands the very same
//! command line over, replacing itself on Unix.

use crate::edge::{Failure, io_reason};

mod args;
pub use args::{MAX_CODE_LEN, PerSecond, ServeArgs, parse_code, parse_duration, parse_rate};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The server program's file name on this platform.
pub fn server_program() -> String {
    format!("careerfit-serve{}", std::env::consts::EXE_SUFFIX)
}

/// Where the server program is: beside this executable (as `cargo build`
/// and `cargo install` put it), or else on `PATH`.
pub fn find_server(current_exe: Option<&Path>, path_var: Option<&OsString>) -> Option<PathBuf> {
    let name = server_program();
    let beside = current_exe
        .and_then(|exe| exe.parent())
        .map(|dir| dir.join(&name));
    let on_path = path_var
        .into_iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(&name));
    beside.into_iter().chain(on_path).find(|p| p.is_file())
}

/// What needs the server program: `serve` itself, or any command given a
/// PostgreSQL URL (the database driver lives there too, with tokio).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Serve,
    Database,
}

/// Hands this process's command line to the server program. Returns only
/// if that fails (or, off Unix, when the server has finished).
pub fn hand_over(needs: Needs) -> Result<String, Failure> {
    let exe = std::env::current_exe().ok();
    let Some(server) = find_server(exe.as_deref(), std::env::var_os("PATH").as_ref()) else {
        let what = match needs {
            Needs::Serve => "`careerfit serve` needs",
            Needs::Database => "results in a PostgreSQL database need",
        };
        return Err(Failure::other(format!(
            "error: {what} the program {} next to careerfit or on PATH; \
             in careerfit's source folder, `cargo install --path crates/careerfit-serve` installs it",
            server_program()
        )));
    };
    let mut args = std::env::args_os();
    let arg0 = args.next().unwrap_or_else(|| OsString::from("careerfit"));
    let mut cmd = Command::new(&server);
    cmd.args(args);
    run(cmd, arg0, &server)
}

#[cfg(unix)]
fn run(mut cmd: Command, arg0: OsString, server: &Path) -> Result<String, Failure> {
    use std::os::unix::process::CommandExt;
    // Same pid, same terminal, same signals: to the facilitator and to
    // anything supervising it, this is still `careerfit serve`.
    let e = cmd.arg0(arg0).exec();
    Err(Failure::other(format!(
        "error: cannot start {}: {}",
        crate::core::sanitize::clean_path(server),
        io_reason(&e)
    )))
}

#[cfg(not(unix))]
fn run(mut cmd: Command, _arg0: OsString, server: &Path) -> Result<String, Failure> {
    let status = cmd.status().map_err(|e| {
        Failure::other(format!(
            "error: cannot start {}: {}",
            crate::core::sanitize::clean_path(&server),
            io_reason(&e)
        ))
    })?;
    match status.code() {
        Some(0) => Ok(String::new()),
        Some(code) => Err(Failure {
            code: u8::try_from(code).unwrap_or(1),
            message: String::new(),
        }),
        None => Err(Failure::other(String::new())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_server_beside_the_executable_before_path() {
        let beside = tempfile::tempdir().unwrap();
        let on_path = tempfile::tempdir().unwrap();
        let exe = beside.path().join("careerfit");
        let path_var = std::env::join_paths([on_path.path()]).unwrap();
        assert_eq!(find_server(Some(&exe), Some(&path_var)), None);
        std::fs::write(on_path.path().join(server_program()), "").unwrap();
        assert_eq!(
            find_server(Some(&exe), Some(&path_var)),
            Some(on_path.path().join(server_program()))
        );
        std::fs::write(beside.path().join(server_program()), "").unwrap();
        assert_eq!(
            find_server(Some(&exe), Some(&path_var)),
            Some(beside.path().join(server_program()))
        );
    }
}
