//! Finding and reading aggregate inputs: result files, folders searched
//! recursively, text files of share codes, and `-` for codes on stdin.
//!
//! The folder walk is written here on `std::fs::read_dir` rather than with
//! the `walkdir` crate: it is a few lines, streams (a stack of open folders,
//! never a list of every file), and states its policy in one place: only
//! `*.json` files count inside folders, hidden entries (`.git`, temporary
//! `.careerfit-*.tmp` files) are ignored, and symbolic links to folders are
//! not followed, so a link loop cannot make it run forever.

use crate::cli::io_reason;
use std::fs::ReadDir;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest result file read; a real one is about 6 KB.
pub const MAX_RESULT_BYTES: usize = 1 << 20;
/// Largest text of share codes read (file or stdin); a code is ~30 bytes.
pub const MAX_CODES_BYTES: usize = 16 << 20;

/// One unit of work for the readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A `*.json` file found in a folder, or named with a `.json` extension.
    Json(PathBuf),
    /// A file named on the command line: a result if it starts with `{`,
    /// otherwise share codes, one per line.
    File(PathBuf),
    /// Share codes on standard input.
    Stdin,
    /// Something that could not even be listed, with the reason.
    Unreadable(PathBuf, String),
}

/// Streams the items behind the command-line paths, depth first.
pub struct Walk {
    args: std::vec::IntoIter<PathBuf>,
    stack: Vec<(PathBuf, ReadDir)>,
}

impl Walk {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Walk {
            args: paths.into_iter(),
            stack: Vec::new(),
        }
    }

    /// Opens a folder for walking; an error becomes an item to report.
    fn enter(&mut self, dir: PathBuf) -> Option<Item> {
        match std::fs::read_dir(&dir) {
            Ok(rd) => {
                self.stack.push((dir, rd));
                None
            }
            Err(e) => Some(Item::Unreadable(
                dir,
                format!("cannot read it: {}", io_reason(&e)),
            )),
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

impl Iterator for Walk {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((dir, rd)) = self.stack.last_mut() {
                let entry = match rd.next() {
                    None => {
                        self.stack.pop();
                        continue;
                    }
                    Some(Err(e)) => {
                        let item = Item::Unreadable(
                            dir.clone(),
                            format!("cannot read it: {}", io_reason(&e)),
                        );
                        self.stack.pop();
                        return Some(item);
                    }
                    Some(Ok(entry)) => entry,
                };
                if is_hidden(&entry.file_name()) {
                    continue;
                }
                let path = entry.path();
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    if let Some(item) = self.enter(path) {
                        return Some(item);
                    }
                } else if is_json(&path)
                    && (kind.is_file() || (kind.is_symlink() && path.is_file()))
                {
                    return Some(Item::Json(path));
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                return Some(Item::Stdin);
            }
            match std::fs::metadata(&arg) {
                Ok(m) if m.is_dir() => {
                    if let Some(item) = self.enter(arg) {
                        return Some(item);
                    }
                }
                Ok(_) if is_json(&arg) => return Some(Item::Json(arg)),
                Ok(_) => return Some(Item::File(arg)),
                Err(e) => {
                    return Some(Item::Unreadable(
                        arg,
                        format!("cannot read it: {}", io_reason(&e)),
                    ));
                }
            }
        }
    }
}

/// Reads at most `limit` bytes of `path` into `buf` (reused, so 100,000
/// files cost no 100,000 allocations). Returns the reason on failure.
pub fn read_into(path: &Path, limit: usize, buf: &mut Vec<u8>) -> Result<(), String> {
    buf.clear();
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read it: {}", io_reason(&e)))?;
    read_capped_from(f, limit, buf)
}

/// Reads at most `limit` bytes from `r` into `buf`; more is an error.
pub fn read_capped_from(r: impl Read, limit: usize, buf: &mut Vec<u8>) -> Result<(), String> {
    r.take(limit as u64 + 1)
        .read_to_end(buf)
        .map_err(|e| format!("cannot read it: {}", io_reason(&e)))?;
    if buf.len() > limit {
        return Err(format!(
            "it is larger than {}, too large for careerfit to read",
            size(limit)
        ));
    }
    Ok(())
}

/// `1 MiB`, `16 MiB`, `512 KiB`.
fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}
