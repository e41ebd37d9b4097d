//! The spool: a local folder where results wait until the database has
//! them. Every result is written here first, exactly as a workshop folder
//! holds it (one `result-<quiz>-<id>.json` per participant, replaced
//! atomically by a re-submission, [`careerfit::store::submit`]), so a
//! participant is told "saved" only once the result is on disk, and a
//! database that is down, or a server killed mid-send, loses nothing.
//!
//! Sending one file: it is first renamed to `.sending-<pid>-<name>` (so a
//! re-submission arriving meanwhile is a new file, sent next, not deleted
//! with the old one), inserted, and removed once the insert committed. If
//! the database cannot be reached it goes back under its name, unless a
//! newer copy is there. A file that is not a result is moved to
//! `rejected/` and never sent. Claimed files left by a process that died
//! are put back when a spool is opened; sending one again is harmless (the
//! insert is idempotent).

use crate::Error;
use crate::rows::{Saved, insert};
use careerfit::edge::io_reason;
use careerfit_core::sanitize::clean_path;
use deadpool_postgres::Pool;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Largest spool file read (as a result file in a folder).
const MAX_BYTES: usize = careerfit::workshop::inputs::MAX_RESULT_BYTES;
/// The prefix of a file being sent.
const CLAIMED: &str = ".sending-";

/// One database's spool folder.
#[derive(Debug, Clone)]
pub struct Spool {
    dir: PathBuf,
}

/// What one pass over the spool did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    /// Results the database now has (new or replacing a row).
    pub sent: usize,
    /// Results it already had (sent before a crash, or an older copy).
    pub unchanged: usize,
    /// Files moved to `rejected/`, each with why.
    pub rejected: Vec<(String, String)>,
}

impl Spool {
    /// The spool for the database `identity` ([`crate::Settings::identity`])
    /// under `base` (by default the data folder's `spool/`): a folder per
    /// database, so results never go to another database than the one
    /// they were meant for.
    pub fn dir_for(base: &Path, identity: &str) -> PathBuf {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(identity.as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        base.join(hex)
    }

    /// Opens (creating) the spool folder and puts back files a process
    /// that died left claimed.
    pub fn open(dir: PathBuf) -> Result<Spool, Error> {
        let spool = Spool { dir };
        std::fs::create_dir_all(&spool.dir).map_err(|e| spool.error(&e))?;
        spool.recover().map_err(|e| spool.error(&e))?;
        Ok(spool)
    }

    /// Puts every claimed file back under its name (a send that was cut
    /// short left it claimed).
    pub(crate) fn recover(&self) -> std::io::Result<()> {
        for claimed in self.list(true)? {
            self.unclaim(&claimed);
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn error(&self, e: &std::io::Error) -> Error {
        Error::Spool {
            path: clean_path(&self.dir),
            why: io_reason(e),
        }
    }

    /// Keeps a result until the database has it: written and synced
    /// before this returns. Returns the file.
    pub fn put(&self, r: &careerfit_core::report::Report) -> std::io::Result<PathBuf> {
        careerfit::store::submit(&self.dir, r)
    }

    /// Results waiting to be sent (claimed ones included).
    pub fn waiting(&self) -> usize {
        std::fs::read_dir(&self.dir).map_or(0, |d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .filter(|e| e.file_name().to_str().and_then(kind).is_some())
                .count()
        })
    }

    /// The result files waiting (`claimed`: those being sent), oldest first.
    fn list(&self, claimed: bool) -> std::io::Result<Vec<PathBuf>> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&self.dir)?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let ours = e.file_name().to_str().and_then(kind) == Some(claimed);
                ours.then(|| {
                    let t = e
                        .metadata()
                        .and_then(|m| m.modified())
                        .unwrap_or(UNIX_EPOCH);
                    (t, e.path())
                })
            })
            .collect();
        files.sort();
        Ok(files.into_iter().map(|(_, p)| p).collect())
    }

    /// Puts a claimed file back under its name, unless a newer copy took
    /// that name meanwhile (then the claimed one is stale and goes).
    fn unclaim(&self, claimed: &Path) {
        let Some(name) = claimed
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix(CLAIMED))
            .and_then(|n| n.split_once('-'))
            .map(|(_, n)| n.to_string())
        else {
            return;
        };
        // A hard link never replaces an existing file.
        let _ = std::fs::hard_link(claimed, self.dir.join(name));
        let _ = std::fs::remove_file(claimed);
    }

    fn reject(&self, claimed: &Path, name: &str) {
        let bad = self.dir.join("rejected");
        let _ = std::fs::create_dir_all(&bad);
        if std::fs::rename(claimed, bad.join(name)).is_err() {
            let _ = std::fs::remove_file(claimed);
        }
    }

    /// Sends every waiting result, oldest first, up to [`BATCH`] in one
    /// transaction (one commit, so one flush to disk on the server, for
    /// many results). Stops at the first failure to reach the database
    /// (the rest stay for the next pass), which is the `Err`; files that
    /// are not results, or that the database refuses, are rejected and
    /// the pass goes on.
    pub async fn send(&self, pool: &Pool, url: &str) -> Result<Pass, Error> {
        let mut pass = Pass::default();
        let files = self.list(false).map_err(|e| self.error(&e))?;
        if files.is_empty() {
            return Ok(pass);
        }
        let mut client = pool.get().await.map_err(|e| crate::pool_error(url, e))?;
        for chunk in files.chunks(BATCH) {
            let ready = self.claim(chunk, &mut pass);
            if ready.is_empty() {
                continue;
            }
            match send_batch(&mut client, url, &ready).await {
                Ok(saved) => {
                    for (c, s) in ready.iter().zip(saved) {
                        self.done(c, s, &mut pass);
                    }
                }
                Err(Error::Query { .. }) if !client.is_closed() => {
                    // The database refused one of them itself (a check
                    // failed): one at a time, so the others still go.
                    for c in &ready {
                        self.send_one(&client, url, c, &mut pass).await?;
                    }
                }
                Err(e) => {
                    for c in &ready {
                        self.unclaim(&c.path);
                    }
                    return Err(unreachable(e));
                }
            }
        }
        Ok(pass)
    }

    /// Claims and reads `files`; those that are not results are rejected.
    fn claim(&self, files: &[PathBuf], pass: &mut Pass) -> Vec<Claimed> {
        let mut ready = Vec::new();
        for file in files {
            let Some(name) = file
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            let path = self
                .dir
                .join(format!("{CLAIMED}{}-{name}", std::process::id()));
            if std::fs::rename(file, &path).is_err() {
                continue; // another sender took it
            }
            let body = careerfit::fsread::read(&path, MAX_BYTES)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
                .and_then(|b| crate::rows::fields(&b).map(|_| b));
            match body {
                Ok(body) => {
                    let submitted = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
                    ready.push(Claimed {
                        name,
                        path,
                        body,
                        submitted,
                    });
                }
                Err(why) => {
                    self.reject(&path, &name);
                    pass.rejected.push((name, why));
                }
            }
        }
        ready
    }

    /// A file the database has: counted and removed.
    fn done(&self, c: &Claimed, saved: Saved, pass: &mut Pass) {
        match saved {
            Saved::Inserted | Saved::Replaced => pass.sent += 1,
            Saved::Unchanged => pass.unchanged += 1,
        }
        let _ = std::fs::remove_file(&c.path);
    }

    async fn send_one(
        &self,
        client: &deadpool_postgres::Object,
        url: &str,
        c: &Claimed,
        pass: &mut Pass,
    ) -> Result<(), Error> {
        match insert(&***client, url, &c.body, c.submitted).await {
            Ok(saved) => {
                self.done(c, saved, pass);
                Ok(())
            }
            Err(Error::Query { why, .. }) if !client.is_closed() => {
                self.reject(&c.path, &c.name);
                pass.rejected.push((c.name.clone(), why));
                Ok(())
            }
            Err(e) => {
                self.unclaim(&c.path);
                Err(unreachable(e))
            }
        }
    }
}

/// Results sent in one transaction at most.
pub const BATCH: usize = 100;

/// A spool file being sent: its name, where it is while claimed, its text
/// and when it was submitted (microseconds since the epoch).
struct Claimed {
    name: String,
    path: PathBuf,
    body: String,
    submitted: i64,
}

/// Inserts `ready` in one transaction; what each insert did.
async fn send_batch(
    client: &mut deadpool_postgres::Object,
    url: &str,
    ready: &[Claimed],
) -> Result<Vec<Saved>, Error> {
    let q = |e: tokio_postgres::Error| Error::from_driver(url, &e);
    let tx = (***client).transaction().await.map_err(q)?;
    let mut saved = Vec::with_capacity(ready.len());
    for c in ready {
        saved.push(insert(&tx, url, &c.body, c.submitted).await?);
    }
    tx.commit().await.map_err(q)?;
    Ok(saved)
}

/// A failure while sending that is not about one row: the database is
/// gone, for now.
fn unreachable(e: Error) -> Error {
    match e {
        Error::Query { url, why } => Error::Unreachable { url, why },
        other => other,
    }
}

/// What a spool file name is: a result waiting (`Some(false)`), one
/// being sent (`Some(true)`), or neither.
fn kind(name: &str) -> Option<bool> {
    if !name.ends_with(".json") {
        None
    } else if name.starts_with(CLAIMED) {
        Some(true)
    } else {
        name.starts_with("result-").then_some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: &str) -> careerfit_core::report::Report {
        let q =
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        careerfit_core::report::build(&q, &vec![Some(1); q.questions.len()], None)
            .stamped(id, "2026-12-01T10:00:00Z")
    }

    #[test]
    fn one_file_per_result_and_claims_come_back() {
        let d = tempfile::tempdir().unwrap();
        let s = Spool::open(d.path().join("s")).unwrap();
        s.put(&report("aa")).unwrap();
        s.put(&report("aa")).unwrap();
        s.put(&report("bb")).unwrap();
        assert_eq!(s.waiting(), 2);
        let files = s.list(false).unwrap();
        let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
        let claimed = s.dir().join(format!("{CLAIMED}1234-{name}"));
        std::fs::rename(&files[0], &claimed).unwrap();
        assert_eq!(s.list(false).unwrap().len(), 1);
        // A process that died with a file claimed: opening puts it back.
        let s = Spool::open(s.dir().to_path_buf()).unwrap();
        assert_eq!(s.list(false).unwrap().len(), 2);
        assert_eq!(s.list(true).unwrap().len(), 0);
        // A newer copy under the name wins over a stale claimed one.
        std::fs::write(&claimed, "old").unwrap();
        s.unclaim(&claimed);
        assert_ne!(std::fs::read_to_string(s.dir().join(&name)).unwrap(), "old");
        assert!(!claimed.exists());
    }

    #[test]
    fn each_database_has_its_own_folder() {
        let a = Spool::dir_for(Path::new("/d"), "u@h:5432/a");
        let b = Spool::dir_for(Path::new("/d"), "u@h:5432/b");
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("/d")));
        assert_eq!(a.file_name().unwrap().len(), 16);
    }
}
