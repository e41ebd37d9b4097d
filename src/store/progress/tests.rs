use super::*;

fn quiz() -> Quiz {
    crate::core::load::load(crate::bundled::BUNDLED[0].2.as_bytes()).unwrap()
}

fn progress(q: &Quiz, answers: Vec<Option<usize>>) -> Progress {
    Progress {
        quiz: q.id.clone(),
        fingerprint: q.fingerprint.clone(),
        answers,
        pos: 1,
        seed: Some(3),
        saved_at: 0,
    }
}

fn aside_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("progress"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-1") || n.contains("stale") || n.contains("corrupt"))
        .collect();
    v.sort();
    v
}

#[test]
fn progress_for_another_version_is_set_aside() {
    let d = tempfile::tempdir().unwrap();
    let q = quiz();
    let p = progress(&q, vec![Some(1); q.questions.len()]);
    save_progress(d.path(), &p).unwrap();
    let (got, msg) = load_progress(d.path(), &q);
    assert_eq!(got, Some(p.clone()));
    assert!(msg.is_none());
    let mut other = q.clone();
    other.fingerprint = "new".into();
    let (got, msg) = load_progress(d.path(), &other);
    assert!(got.is_none());
    let msg = msg.unwrap();
    assert!(
        msg.starts_with(
            "Saved progress was for another version of this quiz; it was set aside as "
        ),
        "{msg}"
    );
    std::fs::write(d.path().join("progress/pm-vs-pd.json"), "{not json").unwrap();
    let (got, msg) = load_progress(d.path(), &q);
    assert!(got.is_none());
    assert!(
        msg.unwrap()
            .starts_with("Saved progress could not be read; it was set aside as ")
    );
}

/// Issue 14, case 2: answers out of range used to be accepted and crash
/// the review screen on resume.
#[test]
fn answers_out_of_range_are_set_aside() {
    let d = tempfile::tempdir().unwrap();
    let q = quiz();
    let p = progress(&q, vec![Some(9); q.questions.len()]);
    save_progress(d.path(), &p).unwrap();
    let (got, msg) = load_progress(d.path(), &q);
    assert_eq!(got, None);
    let msg = msg.unwrap();
    let want = format!(
        "Saved progress did not fit this quiz (answer 1 is 10, but question `{}` has options 1 to {}); it was set aside as ",
        q.questions[0].id,
        q.questions[0].choices.len()
    );
    assert!(msg.starts_with(&want), "{msg}");
    assert_eq!(aside_files(d.path()).len(), 1);
    // A position past the end is refused too.
    let mut p = progress(&q, vec![None; q.questions.len()]);
    p.pos = q.questions.len();
    save_progress(d.path(), &p).unwrap();
    let (got, msg) = load_progress(d.path(), &q);
    assert_eq!(got, None);
    assert!(msg.unwrap().contains("(position 41 of 40 questions)"));
}

/// Issue 14, case 5: a FIFO or a link to a device as the progress file
/// used to block or grow without bound.
#[cfg(unix)]
#[test]
fn fifos_and_devices_as_progress_are_set_aside_without_blocking() {
    let d = tempfile::tempdir().unwrap();
    let q = quiz();
    std::fs::create_dir_all(d.path().join("progress")).unwrap();
    let path = d.path().join("progress/pm-vs-pd.json");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let (got, msg) = load_progress(d.path(), &q);
    assert_eq!(got, None);
    assert!(
        msg.unwrap()
            .starts_with("Saved progress could not be read (it is a device, not a regular file); it was set aside as "),
    );
    let ok = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let (got, msg) = load_progress(d.path(), &q);
    assert_eq!(got, None);
    assert!(
        msg.unwrap()
            .contains("(it is a named pipe (FIFO), not a regular file)")
    );
    // Too large.
    std::fs::write(&path, vec![b' '; MAX_PROGRESS_BYTES + 1]).unwrap();
    let (_, msg) = load_progress(d.path(), &q);
    assert!(
        msg.unwrap()
            .contains("(it is larger than 256 KiB, too large for careerfit to read)")
    );
}

/// Issue 14, case 9: temporary files of killed instances were never removed.
#[test]
fn stale_temporary_files_are_removed_and_fresh_ones_kept() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("progress");
    std::fs::create_dir_all(&f).unwrap();
    for name in [
        ".careerfit-old.tmp",
        ".careerfit-new.tmp",
        "other.tmp",
        "pm-vs-pd.json",
    ] {
        std::fs::write(f.join(name), "x").unwrap();
    }
    let old = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(f.join(".careerfit-old.tmp"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let other = std::fs::File::options()
        .write(true)
        .open(f.join("other.tmp"))
        .unwrap();
    other.set_modified(old).unwrap();
    assert_eq!(remove_stale_temps(&f, SystemTime::now()), 1);
    let mut left: Vec<String> = std::fs::read_dir(&f)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".careerfit-new.tmp", "other.tmp", "pm-vs-pd.json"]);
    // Opening a quiz's progress does it too.
    std::fs::File::options()
        .create(true)
        .truncate(true)
        .write(true)
        .open(f.join(".careerfit-x.tmp"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let _slot = ProgressSlot::open(d.path(), &quiz());
    assert!(!f.join(".careerfit-x.tmp").exists());
}

/// Issue 14, case 10: two instances on one data folder overwrote each
/// other's progress.
#[test]
fn a_second_instance_is_told_and_does_not_own_the_progress() {
    let d = tempfile::tempdir().unwrap();
    let q = quiz();
    let p = progress(&q, vec![Some(1); q.questions.len()]);
    save_progress(d.path(), &p).unwrap();
    let first = ProgressSlot::open(d.path(), &q);
    assert!(first.owned);
    assert_eq!(first.saved, Some(p.clone()));
    let second = ProgressSlot::open(d.path(), &q);
    assert!(!second.owned);
    assert_eq!(second.saved, None);
    assert_eq!(
        second.note.as_deref(),
        Some(
            "Another careerfit is taking this quiz with the same data folder, so this one \
             will not save progress (the other one's is kept)."
        )
    );
    drop(first);
    let third = ProgressSlot::open(d.path(), &q);
    assert!(third.owned);
}
