//! A workshop folder shared across accounts (issue 16): results follow the
//! folder's group and the umask so the facilitator's group can read them,
//! personal files stay private, and files nobody can count are counted and
//! named in `aggregate` and on the dashboard.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run
#![cfg(target_os = "linux")]

mod common;
use careerfit::tui::dashboard::model::{Model, Msg};
use careerfit::tui::dashboard::update::update;
use careerfit::tui::dashboard::view::view;
use careerfit::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_careerfit");
const GROUP: &str = "cf-facilitators";
const PARTICIPANT: &str = "cf-participant";
const FACILITATOR: &str = "cf-facilitator";
const OUTSIDER: &str = "cf-outsider";

fn sh(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd).args(args).output().unwrap()
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Creates the group and the three users once (they may exist from an
/// earlier run): the participant and the facilitator are in the group,
/// the outsider is not.
fn users() {
    let _ = sh("groupadd", &["-f", GROUP]);
    for (u, groups) in [(PARTICIPANT, GROUP), (FACILITATOR, GROUP), (OUTSIDER, "")] {
        if sh("id", &["-u", u]).status.success() {
            continue;
        }
        let mut args = vec!["-M", "-N", "-s", "/bin/sh"];
        if !groups.is_empty() {
            args.extend(["-G", groups]);
        }
        args.push(u);
        let o = sh("useradd", &args);
        assert!(
            o.status.success(),
            "useradd {u}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

fn gid(group: &str) -> u32 {
    let o = sh("getent", &["group", group]);
    let line = String::from_utf8(o.stdout).unwrap();
    line.split(':').nth(2).unwrap().trim().parse().unwrap()
}

/// Runs careerfit as `user` with `umask`, `stdin` on standard input.
fn as_user(user: &str, umask: &str, args: &[&str], stdin: &str, env: &[(&str, &Path)]) -> Output {
    use std::io::Write;
    let mut c = Command::new("runuser");
    c.args([
        "-u",
        user,
        "--",
        "sh",
        "-c",
        &format!("umask {umask}; exec \"$0\" \"$@\""),
        BIN,
    ]);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.env_remove("HOME");
    let mut child = c
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_result_submitted_into_a_group_folder_is_readable_by_that_group_only() {
    if !is_root() {
        eprintln!("skipped: creating a second Unix user needs root (CI runs as root)");
        return;
    }
    users();
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // The facilitator's folder: group-writable, no set-group-id bit, so the
    // group on the file comes from careerfit, not from the kernel.
    let room = base.path().join("room");
    std::fs::create_dir(&room).unwrap();
    std::os::unix::fs::chown(&room, None, Some(gid(GROUP))).unwrap();
    std::fs::set_permissions(&room, std::fs::Permissions::from_mode(0o770)).unwrap();
    // The participant's own data folder, for history.
    let data = base.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let o = sh("chown", &[PARTICIPANT, data.to_str().unwrap()]);
    assert!(o.status.success());
    let quiz = std::fs::canonicalize("tests/data/minimal.ron").unwrap();
    let o = as_user(
        PARTICIPANT,
        "027",
        &[
            "take",
            "--plain",
            "--no-shuffle",
            "--quiz",
            quiz.to_str().unwrap(),
            "--submit",
            room.to_str().unwrap(),
        ],
        "3\n1\n2\n1\n",
        &[("CAREERFIT_DATA_DIR", &data)],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files: Vec<_> = std::fs::read_dir(&room)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let m = std::fs::metadata(&files[0]).unwrap();
    assert_eq!(m.mode() & 0o777, 0o640, "0666 less the umask 027");
    assert_eq!(m.gid(), gid(GROUP), "the folder's group");
    // History stays private whatever the umask.
    let hist: Vec<_> = std::fs::read_dir(data.join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(hist.len(), 1);
    assert_eq!(std::fs::metadata(&hist[0]).unwrap().mode() & 0o777, 0o600);
    // The facilitator, in the group, reads it.
    let quiz_arg = ["--quiz", quiz.to_str().unwrap()];
    let mut args = vec!["aggregate", "--format", "json", "--min-group", "1"];
    args.extend(quiz_arg);
    args.push(room.to_str().unwrap());
    let o = as_user(FACILITATOR, "022", &args, "", &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["total"].as_u64(), v["unreadable"].as_u64()),
        (Some(1), Some(0))
    );
    // Someone outside the group cannot, and is told so.
    let o = as_user(OUTSIDER, "022", &args, "", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("Permission denied"), "{err}");
}

/// A file careerfit cannot open (here a link to nowhere: root can read
/// anything else) next to a real result and a file that is not a result.
fn room_with_problems(d: &Path) {
    let q = common::default_quiz();
    let answers: Vec<Option<usize>> = q.questions.iter().map(|_| Some(1)).collect();
    careerfit::store::submit(d, &careerfit::core::report::build(&q, &answers, None)).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere"), d.join("lost.json")).unwrap();
    std::fs::write(d.join("broken.json"), "{").unwrap();
}

#[test]
fn unreadable_and_invalid_files_are_counted_and_named_by_aggregate() {
    let dir = tempfile::tempdir().unwrap();
    room_with_problems(dir.path());
    let o = Command::new(BIN)
        .args(["aggregate", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (
            v["total"].as_u64(),
            v["skipped"].as_u64(),
            v["unreadable"].as_u64(),
            v["invalid"].as_u64()
        ),
        (Some(1), Some(2), Some(1), Some(1))
    );
    let o = Command::new(BIN)
        .arg("aggregate")
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let lost = dir.path().join("lost.json");
    assert!(
        text.contains(&format!(
            "Results read: 1 · inputs skipped: 2\nUnreadable: 1 ({}); careerfit could not open",
            lost.display()
        )),
        "{text}"
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "warning: skipped {}: No such file or directory",
            lost.display()
        )),
        "{err}"
    );
}

#[test]
fn the_dashboard_shows_one_unreadable_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    room_with_problems(dir.path());
    let scanner =
        careerfit::workshop::scan::Scanner::new(dir.path().to_path_buf(), common::default_quiz());
    let mut m = Model::new("/srv/workshop".into(), None, 5, Theme::mono());
    update(&mut m, Msg::Scanned(scanner.scan(None)));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view(&m, f)).unwrap();
    let screen = format!("{}", t.backend());
    assert!(screen.contains("1 result so far"), "{screen}");
    assert!(screen.contains("1 unreadable · 1 invalid"), "{screen}");
    assert!(
        screen.contains("1 unreadable: lost.json (check permissions) · 1 invalid: broken.json"),
        "{screen}"
    );
}
