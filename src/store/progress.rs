//! Saved progress of an unfinished quiz: one file per quiz in
//! `progress/`, a lock so that two instances never write the same file,
//! and the clean-up of temporary files a killed instance left behind.
//!
//! A progress file is read as strictly as a quiz: a regular file, at most
//! [`MAX_PROGRESS_BYTES`], for this quiz's fingerprint, with one answer per
//! question and every answer a choice the question has. Anything else is
//! renamed aside (nothing is lost) and explained.

use super::{now_secs, write_atomic};
use crate::core::model::Quiz;
use crate::core::sanitize::clean_path;
use crate::fsread::{self, ReadError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Largest progress file read. The largest quiz the loader accepts (5,000
/// questions) saves about 25 KB.
pub const MAX_PROGRESS_BYTES: usize = 256 << 10;
/// A temporary file older than this is left over from a killed instance:
/// a real one lives for the milliseconds of one write.
pub const STALE_TEMP: Duration = Duration::from_secs(60);

/// Saved progress of an unfinished quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub quiz: String,
    pub fingerprint: String,
    /// Choice indices in file order.
    pub answers: Vec<Option<usize>>,
    /// Position in the question order.
    pub pos: usize,
    /// The shuffle seed, so the order is the same on resume.
    pub seed: Option<u64>,
    pub saved_at: u64,
}

fn folder(dir: &Path) -> PathBuf {
    dir.join("progress")
}

fn progress_path(dir: &Path, quiz_id: &str) -> PathBuf {
    folder(dir).join(format!("{quiz_id}.json"))
}

/// Saves progress atomically.
pub fn save_progress(dir: &Path, p: &Progress) -> std::io::Result<()> {
    let path = progress_path(dir, &p.quiz);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let json = serde_json::to_vec(p).map_err(std::io::Error::other)?;
    write_atomic(&path, &json, false)
}

/// Removes saved progress (finished or started over).
pub fn clear_progress(dir: &Path, quiz_id: &str) {
    let _ = std::fs::remove_file(progress_path(dir, quiz_id));
}

/// Why bytes are not usable progress for a quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Not a progress file at all.
    Corrupt,
    /// A progress file, but not for this quiz as it is now; the reason.
    Stale(String),
}

/// Reads progress from bytes, checked against `quiz` as strictly as a quiz
/// file: every use of a resumed answer indexes the question's choices.
/// Pure, so it is fuzzed on its own (`fuzz/fuzz_targets/progress_file.rs`).
pub fn parse_progress(bytes: &[u8], quiz: &Quiz) -> Result<Progress, Unusable> {
    let p: Progress = serde_json::from_slice(bytes).map_err(|_| Unusable::Corrupt)?;
    match unfit(&p, quiz) {
        None => Ok(p),
        Some(why) => Err(Unusable::Stale(why)),
    }
}

/// Why a progress file that could be read is not used.
fn unfit(p: &Progress, quiz: &Quiz) -> Option<String> {
    if p.quiz != quiz.id || p.fingerprint != quiz.fingerprint {
        return Some("was for another version of this quiz".into());
    }
    if let Err(e) = crate::core::answers::check(quiz, &p.answers) {
        return Some(format!("did not fit this quiz ({e})"));
    }
    if p.pos >= quiz.questions.len().max(1) {
        return Some(format!(
            "did not fit this quiz (position {} of {} questions)",
            p.pos + 1,
            quiz.questions.len()
        ));
    }
    None
}

/// Loads progress for `quiz`. A file that cannot be used is renamed
/// aside and explained in the message; a missing one is no message.
pub fn load_progress(dir: &Path, quiz: &Quiz) -> (Option<Progress>, Option<String>) {
    let path = progress_path(dir, &quiz.id);
    let set_aside = |tag: &str, why: &str| {
        let aside = path.with_extension(format!("{tag}-{}.json", now_secs()));
        match std::fs::rename(&path, &aside) {
            Ok(()) => format!(
                "Saved progress {why}; it was set aside as {}.",
                clean_path(&aside)
            ),
            Err(e) => format!(
                "Saved progress {why}, and it could not be set aside: {}.",
                crate::edge::io_reason(&e)
            ),
        }
    };
    let bytes = match fsread::read(&path, MAX_PROGRESS_BYTES) {
        Ok(b) => b,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return (None, None),
        Err(ReadError::Io(e)) => {
            let why = crate::edge::io_reason(&e);
            return (
                None,
                Some(format!("Saved progress could not be read: {why}.")),
            );
        }
        Err(e) => {
            return (
                None,
                Some(set_aside("corrupt", &format!("could not be read ({e})"))),
            );
        }
    };
    match parse_progress(&bytes, quiz) {
        Ok(p) => (Some(p), None),
        Err(Unusable::Stale(why)) => (None, Some(set_aside("stale", &why))),
        Err(Unusable::Corrupt) => (None, Some(set_aside("corrupt", "could not be read"))),
    }
}

/// Removes `.careerfit-*.tmp` files older than [`STALE_TEMP`] from
/// `folder`: an instance killed in the middle of a write leaves one, and
/// nothing else ever would. Returns how many were removed.
pub fn remove_stale_temps(folder: &Path, now: SystemTime) -> usize {
    let Ok(rd) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for e in rd.filter_map(Result::ok) {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".careerfit-") && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= STALE_TEMP);
        if meta.is_file() && old && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// This instance's claim on a quiz's progress file.
#[derive(Debug)]
pub struct ProgressSlot {
    /// Held for as long as the quiz runs; the lock goes with it.
    _lock: Option<std::fs::File>,
    /// Whether this instance may save and clear progress.
    pub owned: bool,
    pub saved: Option<Progress>,
    /// What the person must be told (progress set aside, another instance).
    pub note: Option<String>,
}

impl ProgressSlot {
    /// Starts a quiz in data folder `dir`: removes stale temporary files,
    /// takes the advisory lock for `quiz`, and loads its progress. When
    /// another instance holds the lock, this one neither reads nor writes
    /// the progress file, and says so.
    pub fn open(dir: &Path, quiz: &Quiz) -> ProgressSlot {
        let f = folder(dir);
        let _ = std::fs::create_dir_all(&f);
        remove_stale_temps(&f, SystemTime::now());
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(f.join(format!("{}.lock", quiz.id)));
        let lock = match lock {
            Ok(file) => match file.try_lock() {
                Ok(()) => Some(file),
                Err(std::fs::TryLockError::WouldBlock) => {
                    return ProgressSlot {
                        _lock: None,
                        owned: false,
                        saved: None,
                        note: Some(
                            "Another careerfit is taking this quiz with the same data folder, \
                             so this one will not save progress (the other one's is kept)."
                                .into(),
                        ),
                    };
                }
                // A file system without locks: carry on as before locks.
                Err(std::fs::TryLockError::Error(_)) => None,
            },
            Err(_) => None,
        };
        let (saved, note) = load_progress(dir, quiz);
        ProgressSlot {
            _lock: lock,
            owned: true,
            saved,
            note,
        }
    }
}

#[cfg(test)]
mod tests;
