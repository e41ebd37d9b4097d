//! The workshop dashboard in a real terminal (tmux): its count goes up as
//! result files arrive in the folder, whether written in place (a shell
//! redirect of `careerfit score --format json`) or by rename (as
//! `store::submit` does); `r` reveals, `e` exports, `q` quits, and a
//! signal restores the terminal and exits 128 + n. With `--poll` the same
//! happens without the system's watch (no inotify instance is open).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;
use common::tmux::{Tmux, available};
use std::path::Path;
use std::process::Command;

const PM_SPEC: &str =
    "5,2,3,5,4,1,2,5,1,4,5,4,3,1,2,1,4,5,3,2,1,2,5,1,4,1,2,3,4,1,2,3,4,5,4,1,2,5,1,1";
const PD_SPEC: &str =
    "2,5,3,2,1,4,5,2,3,1,2,1,3,4,5,4,1,2,3,5,4,5,2,3,1,4,5,3,1,4,5,3,1,2,1,4,5,2,4,2";

fn require_tmux() {
    assert!(
        available(),
        "tmux is required for this test (.ci/run installs it)"
    );
}

/// `careerfit score --format json` for `spec`, as participant `name`'s
/// result. Such a result has no id, so the name tells identical answer
/// sheets apart (an exact copy of one result counts once).
fn score_json(spec: &str, name: &str) -> Vec<u8> {
    let out = Command::new(Tmux::bin())
        .args([
            "score",
            "--answers",
            spec,
            "--format",
            "json",
            "--name",
            name,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

/// Writes a result the way `store::submit` does: a hidden temporary file,
/// then a rename into place.
fn write_by_rename(dir: &Path, name: &str, bytes: &[u8]) {
    let tmp = dir.join(format!(".careerfit-{name}.tmp"));
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, dir.join(name)).unwrap();
}

fn start(t: &Tmux, dir: &Path) {
    start_with(t, dir, "");
}

fn start_with(t: &Tmux, dir: &Path, options: &str) {
    t.careerfit(&format!(
        "workshop {}{options}; echo EXIT=$?",
        dir.display()
    ));
    t.wait_for("Take the quiz and submit your result:");
}

/// How many inotify instances process `pid` has open: the system's folder
/// watch on Linux is one.
fn inotify_instances(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.unwrap().path()).ok())
        .filter(|target| target.to_string_lossy() == "anon_inode:inotify")
        .count()
}

#[test]
fn count_goes_up_as_results_arrive() {
    require_tmux();
    let t = Tmux::start("workshop", 100, 30);
    let dir = tempfile::tempdir().unwrap();
    start(&t, dir.path());
    let s = t.wait_for("0 results so far");
    assert!(
        s.contains(&format!("careerfit take --submit {}", dir.path().display())),
        "{s}"
    );
    assert!(s.contains("Waiting for the first result"), "{s}");
    assert!(
        s.lines().next().unwrap().trim_end().ends_with(" live"),
        "{s}"
    );
    #[cfg(target_os = "linux")]
    assert_eq!(inotify_instances(t.child_pid().unwrap()), 1);

    // Written in place, as `careerfit score --format json > DIR/a.json` does.
    std::fs::write(dir.path().join("a.json"), score_json(PM_SPEC, "a")).unwrap();
    t.wait_for("1 result so far");
    // Written by rename, in a subfolder, and a file that is not a result.
    std::fs::create_dir(dir.path().join("table-2")).unwrap();
    write_by_rename(
        &dir.path().join("table-2"),
        "b.json",
        &score_json(PD_SPEC, "b"),
    );
    write_by_rename(dir.path(), "c.json", &score_json(PM_SPEC, "c"));
    std::fs::write(dir.path().join("broken.json"), "{").unwrap();
    let s = t.wait_for("3 results so far");
    assert!(s.contains("Results are hidden"), "{s}");

    // Revealing waits for enough results (anonymity), then shows them.
    t.keys(&["r"]);
    t.wait_for("Results appear from 5 on");
    for n in ["d", "e"] {
        write_by_rename(dir.path(), &format!("{n}.json"), &score_json(PD_SPEC, n));
    }
    let s = t.wait_for("5 results so far");
    assert!(
        s.contains("Outcomes") && s.contains("Product Development"),
        "{s}"
    );

    // `e` exports Markdown and CSV into the folder; they are not counted.
    t.keys(&["e"]);
    t.wait_for("Exported workshop-report-");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with(".md")), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".csv")), "{names:?}");
    t.wait_for("5 results so far");

    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    require_tmux();
    let t = Tmux::start("workshop-term", 100, 30);
    let dir = tempfile::tempdir().unwrap();
    start(&t, dir.path());
    let pid = t.child_pid().expect("careerfit is running");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    t.wait_for("EXIT=143");
    t.run(
        "stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo STTY-$((1+1))",
    );
    assert!(t.wait_for("STTY-2").contains("icanon echo"));
}

/// Issue 16: a folder removed and created again is noticed; the dashboard
/// says so and counts what arrives in the new folder.
#[test]
fn a_folder_removed_and_created_again_is_watched_again() {
    require_tmux();
    let t = Tmux::start("workshop-recreate", 100, 30);
    let base = tempfile::tempdir().unwrap();
    let room = base.path().join("room");
    start(&t, &room);
    t.wait_for("0 results so far");
    std::fs::remove_dir_all(&room).unwrap();
    let s = t.wait_for("The folder is gone");
    assert!(s.contains("not watching"), "{s}");
    std::fs::create_dir(&room).unwrap();
    t.wait_for("The folder was created again");
    write_by_rename(&room, "a.json", &score_json(PM_SPEC, "a"));
    let s = t.wait_for("1 result so far");
    assert!(s.contains("live"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}

/// `--poll` (a folder on NFS): the header says the folder is polled, no
/// inotify instance is open, and results written in place, by rename and
/// in a subfolder still arrive.
#[test]
fn poll_lists_the_folder_instead_of_the_system_watch() {
    require_tmux();
    let t = Tmux::start("workshop-poll", 100, 30);
    let dir = tempfile::tempdir().unwrap();
    start_with(&t, dir.path(), " --poll --poll-interval 1s");
    let s = t.wait_for("0 results so far");
    assert!(s.contains("live · polling every 1s"), "{s}");
    #[cfg(target_os = "linux")]
    assert_eq!(inotify_instances(t.child_pid().unwrap()), 0);

    std::fs::write(dir.path().join("a.json"), score_json(PM_SPEC, "a")).unwrap();
    t.wait_for("1 result so far");
    std::fs::create_dir(dir.path().join("table-2")).unwrap();
    write_by_rename(
        &dir.path().join("table-2"),
        "b.json",
        &score_json(PD_SPEC, "b"),
    );
    t.wait_for("2 results so far");
    std::fs::remove_file(dir.path().join("a.json")).unwrap();
    let s = t.wait_for("1 result so far");
    assert!(s.contains("polling every 1s"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
}
