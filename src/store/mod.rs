//! Files on disk: atomic writes, progress, history and saved results.
//! This is an edge module; the core never touches the file system.

use crate::core::report::Report;
use crate::core::sanitize::{clean, clean_line};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

mod progress;
pub use progress::{
    Progress, ProgressSlot, Unusable, clear_progress, load_progress, parse_progress,
    remove_stale_temps, save_progress,
};

/// Largest history file read: the same limit as a result in a workshop folder.
const MAX_HISTORY_BYTES: usize = 1 << 20;
/// History entries read at most; older ones beyond this are not listed.
const MAX_HISTORY: usize = 10_000;

/// Environment variable that moves the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "CAREERFIT_DATA_DIR";

/// The user's data folder (XDG on Linux), or `$CAREERFIT_DATA_DIR`.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    platform_data_dir()
}

/// `$XDG_DATA_HOME/careerfit`, else `~/.local/share/careerfit`: the same
/// folder the `directories` crate names on Linux, found from the
/// environment alone. Asking the password database for the home folder
/// (as `directories` does when `$HOME` is unset) would link glibc's whole
/// name-service and resolver code into the static binary, about a quarter
/// of its size (docs/performance.md); without `$HOME` there is simply no
/// default folder, and `$CAREERFIT_DATA_DIR` still works.
#[cfg(target_os = "linux")]
fn platform_data_dir() -> Option<PathBuf> {
    linux_data_dir(
        std::env::var_os("XDG_DATA_HOME").as_deref(),
        std::env::var_os("HOME").as_deref(),
    )
}

#[cfg(target_os = "linux")]
fn linux_data_dir(
    xdg_data_home: Option<&std::ffi::OsStr>,
    home: Option<&std::ffi::OsStr>,
) -> Option<PathBuf> {
    // The XDG spec ignores relative values.
    let absolute = |v: Option<&std::ffi::OsStr>| v.map(PathBuf::from).filter(|p| p.is_absolute());
    absolute(xdg_data_home)
        .or_else(|| absolute(home).map(|h| h.join(".local").join("share")))
        .map(|d| d.join("careerfit"))
}

#[cfg(not(target_os = "linux"))]
fn platform_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "careerfit").map(|p| p.data_dir().to_path_buf())
}

/// Who may read a file careerfit writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The owner only (0600): progress, history, host keys, saved results.
    Private,
    /// As the folder and the umask say: mode 0666 less the umask, and the
    /// folder's group, so a facilitator's group can read what participants
    /// submit into a shared workshop folder.
    Shared,
}

/// Writes `bytes` to `path` so that readers see the old file or the whole new
/// one, never a half-written file: temporary file in the same folder, fsync,
/// rename, then fsync of the folder. With `no_clobber` an existing file is an
/// error (`AlreadyExists`) instead of being replaced. The file is private
/// (0600); see [`write_atomic_as`].
pub fn write_atomic(path: &Path, bytes: &[u8], no_clobber: bool) -> std::io::Result<()> {
    write_atomic_as(path, bytes, no_clobber, Access::Private)
}

/// [`write_atomic`] with the given [`Access`].
pub fn write_atomic_as(
    path: &Path,
    bytes: &[u8],
    no_clobber: bool,
    access: Access,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".careerfit-").suffix(".tmp");
    #[cfg(unix)]
    if access == Access::Shared {
        use std::os::unix::fs::PermissionsExt;
        // The kernel takes the umask off, as for any file a program creates.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    #[cfg(unix)]
    if access == Access::Shared {
        follow_folder_group(tmp.as_file(), dir);
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if no_clobber {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    } else {
        tmp.persist(path).map_err(|e| e.error)?;
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives `file` the group of `dir`, as a set-group-id folder would. Only a
/// group the writer belongs to can be given; otherwise the file keeps the
/// writer's group, which is no worse than before.
#[cfg(unix)]
fn follow_folder_group(file: &std::fs::File, dir: &Path) {
    use std::os::unix::fs::MetadataExt;
    let (Ok(d), Ok(f)) = (std::fs::metadata(dir), file.metadata()) else {
        return;
    };
    if d.gid() != f.gid() {
        let _ = std::os::unix::fs::fchown(file, None, Some(d.gid()));
    }
}

/// Seconds since the Unix epoch (0 if the clock is before 1970).
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, without a time-zone database.
pub fn utc_string(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// `YYYYMMDD-HHMMSS` in UTC, for file names.
pub fn stamp(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}")
}

fn civil(secs: u64) -> (i64, u32, u32, u64, u64, u64) {
    // Howard Hinnant's days-to-civil algorithm.
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Writes `contents` as `<stem>.<ext>` in `dir`, adding `-2`, `-3`… instead of
/// overwriting an existing file. Returns the path written.
pub fn write_unique(dir: &Path, stem: &str, ext: &str, contents: &str) -> std::io::Result<PathBuf> {
    write_unique_as(dir, stem, ext, contents, Access::Private)
}

/// [`write_unique`] with the given [`Access`].
pub fn write_unique_as(
    dir: &Path,
    stem: &str,
    ext: &str,
    contents: &str,
    access: Access,
) -> std::io::Result<PathBuf> {
    write_unique_bytes(dir, stem, ext, clean(contents).as_bytes(), access)
}

/// [`write_unique_as`] for bytes that are not text (a PNG): written as
/// they are, since the sanitizer is for text.
pub fn write_unique_bytes(
    dir: &Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
    access: Access,
) -> std::io::Result<PathBuf> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match write_atomic_as(&path, bytes, true, access) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many files with the same name"))
}

/// Saves a result as JSON and Markdown into `dir`; returns both paths.
pub fn save_result(dir: &Path, r: &Report) -> std::io::Result<(PathBuf, PathBuf)> {
    let stem = format!("careerfit-{}-{}", r.quiz.id, stamp(now_secs()));
    let json = write_unique(dir, &stem, "json", &r.to_json())?;
    let md_stem = json
        .file_stem()
        .map_or(stem.clone(), |s| s.to_string_lossy().into_owned());
    let md = write_unique(dir, &md_stem, "md", &crate::core::card::markdown(r))?;
    Ok((json, md))
}

/// Saves the result card as SVG and PNG beside a saved result (`stem`
/// is the JSON file's), so `w` leaves a picture to post as well.
pub fn save_card(dir: &Path, stem: &str, r: &Report) -> std::io::Result<(PathBuf, PathBuf)> {
    let png = crate::render::card_png(r).map_err(std::io::Error::other)?;
    let svg = write_unique(dir, stem, "svg", &crate::render::card_svg(r))?;
    let png = write_unique_bytes(dir, stem, "png", &png, Access::Private)?;
    Ok((svg, png))
}

/// Keeps a finished result in the history folder: one file per result id,
/// so finishing the same quiz again (going back, changing an answer)
/// replaces its entry instead of adding one.
pub fn add_history(dir: &Path, r: &Report) -> std::io::Result<PathBuf> {
    let h = dir.join("history");
    std::fs::create_dir_all(&h)?;
    match result_file_name("", r) {
        Some(name) => {
            let path = h.join(name);
            write_atomic(&path, r.to_json().as_bytes(), false)?;
            Ok(path)
        }
        None => write_unique(
            &h,
            &format!("{}-{}", stamp(now_secs()), r.quiz.id),
            "json",
            &r.to_json(),
        ),
    }
}

/// One past result, for `careerfit history`: only what the list shows,
/// each text cleaned and cut to the loader's one-line limit, so a long
/// history costs a few hundred bytes an entry whatever its files hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub path: PathBuf,
    pub when: String,
    pub quiz: String,
    /// The outcome's title.
    pub outcome: String,
    pub confidence: Option<u8>,
    pub share_code: String,
}

impl HistoryEntry {
    /// The entry of a result read from `path`; the whole result is
    /// dropped once these fields are taken.
    fn of(path: PathBuf, when: String, r: &Report) -> Self {
        let short = |s: &str| crate::core::aggregate::quiz_field(s).into_owned();
        let mut code = crate::core::sanitize::clean_line(&r.share_code);
        if let Some((i, _)) = code.char_indices().nth(crate::core::code::MAX_CODE) {
            code.truncate(i);
        }
        HistoryEntry {
            path,
            when,
            quiz: short(&r.quiz.id),
            outcome: short(&r.recommendation.title),
            confidence: r.recommendation.confidence,
            share_code: code,
        }
    }
}

/// Every readable result in history, oldest first; unreadable files are
/// skipped. Only regular files are read, each at most
/// [`MAX_HISTORY_BYTES`], and at most [`MAX_HISTORY`] of them.
pub fn history(dir: &Path) -> Vec<HistoryEntry> {
    let Ok(rd) = std::fs::read_dir(dir.join("history")) else {
        return vec![];
    };
    let mut out: Vec<HistoryEntry> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .take(MAX_HISTORY)
        .filter_map(|p| {
            let bytes = crate::fsread::read(&p, MAX_HISTORY_BYTES).ok()?;
            // Read whole, as strictly as ever, then cut down to an entry.
            let report: Report = serde_json::from_slice(&bytes).ok()?;
            let secs = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            // The time it was finished, else (older entries) the file's.
            let when = report
                .finished
                .as_deref()
                .filter(|f| f.len() == 20 && f.is_ascii() && f.ends_with('Z'))
                .map_or_else(|| utc_string(secs), |f| f[..19].replace('T', " "));
            Some(HistoryEntry::of(p, when, &report))
        })
        .collect();
    out.sort_by(|a, b| {
        a.when
            .cmp(&b.when)
            .then_with(|| a.path.file_name().cmp(&b.path.file_name()))
    });
    out
}

/// Deletes every history file; returns how many were removed.
pub fn clear_history(dir: &Path) -> std::io::Result<usize> {
    let h = dir.join("history");
    let n = history(dir).len();
    match std::fs::remove_dir_all(&h) {
        Ok(()) => Ok(n),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(e),
    }
}

/// A new participant's result id: 128 random bits in hex. Random rather
/// than derived from the answers, so two people who answer alike are two
/// results, and one person who changes an answer is still one.
pub fn new_result_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, UTC): when a result was finished.
pub fn utc_rfc3339(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// The part of a result's id that goes into a file name: hex digits only,
/// so a hostile id in a file cannot name a path.
fn id_part(r: &Report) -> Option<String> {
    let id = r.id.as_deref()?;
    let hex: String = id
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    (!hex.is_empty()).then_some(hex)
}

/// The file name a result has in a workshop folder or in history: one per
/// result id, so finishing again replaces the file.
fn result_file_name(prefix: &str, r: &Report) -> Option<String> {
    let id = id_part(r)?;
    Some(clean_line(&format!("{prefix}{}-{id}.json", r.quiz.id)).replace(['/', '\\'], "_"))
}

/// Writes a finished result into a workshop folder as
/// `result-<quiz>-<id>.json`: the file is named by the result's id, so a
/// re-submission atomically replaces that participant's file instead of
/// adding one. The file is [`Access::Shared`]: it follows the folder's
/// group and the umask, so a facilitator on another account in that group
/// can read it. The nickname, if any, is inside the file. A result without
/// an id (never written by careerfit itself) gets a unique name instead.
pub fn submit(dir: &Path, r: &Report) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    match result_file_name("result-", r) {
        Some(name) => {
            let path = dir.join(name);
            write_atomic_as(&path, r.to_json().as_bytes(), false, Access::Shared)?;
            Ok(path)
        }
        None => {
            let rand_part: u32 = rand::random();
            write_unique_as(
                dir,
                &format!("result-{}-{}-{rand_part:08x}", r.quiz.id, stamp(now_secs())),
                "json",
                &r.to_json(),
                Access::Shared,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn linux_data_dir_follows_xdg_then_home() {
        use std::ffi::OsStr;
        let d =
            |x: Option<&str>, h: Option<&str>| linux_data_dir(x.map(OsStr::new), h.map(OsStr::new));
        assert_eq!(
            d(Some("/x/data"), Some("/home/a")),
            Some(PathBuf::from("/x/data/careerfit"))
        );
        assert_eq!(
            d(None, Some("/home/a")),
            Some(PathBuf::from("/home/a/.local/share/careerfit"))
        );
        // Relative values are ignored, as the XDG spec says.
        assert_eq!(
            d(Some("rel"), Some("/home/a")),
            Some(PathBuf::from("/home/a/.local/share/careerfit"))
        );
        assert_eq!(d(None, Some("")), None);
        assert_eq!(d(None, None), None);
    }

    #[test]
    fn history_keeps_only_short_cleaned_fields() {
        let d = tempfile::tempdir().unwrap();
        let q = crate::core::load::load(crate::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let mut r = crate::core::report::build(&q, &vec![None; q.questions.len()], None);
        r.recommendation.title = format!("\u{1b}[2J{}", "t".repeat(5000));
        add_history(d.path(), &r).unwrap();
        let h = history(d.path());
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].outcome, "[2J".to_string() + &"t".repeat(197));
        assert_eq!(h[0].quiz, "pm-vs-pd");
        assert_eq!(h[0].share_code, r.share_code);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(utc_string(0), "1970-01-01 00:00:00");
        assert_eq!(utc_string(1_795_000_000), "2026-11-18 11:06:40");
        assert_eq!(stamp(951_782_400), "20000229-000000");
    }

    #[test]
    fn unique_names_never_overwrite() {
        let d = tempfile::tempdir().unwrap();
        let a = write_unique(d.path(), "x", "txt", "one").unwrap();
        let b = write_unique(d.path(), "x", "txt", "two").unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read_to_string(a).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(b).unwrap(), "two");
    }
}
