//! Finding aggregate inputs: result files, folders searched recursively,
//! text files of share codes, and `-` for codes on stdin.
//!
//! Folders are walked with `walkdir`, which streams (it never lists every
//! file first) and bounds its open folders. The policy is stated here:
//! only `*.json` files count inside folders, hidden entries (`.git`,
//! temporary `.careerfit-*.tmp` files) are ignored, and symbolic links to
//! folders are not followed, so a link loop cannot make it run forever.
//! Files are read only through [`crate::fsread`]: regular files, capped.

use crate::edge::io_reason;
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
    /// A result that came from elsewhere than a file (a database row),
    /// read as a file's bytes are: `what` names it in messages, and
    /// `None` means it was too large to be fetched.
    Data {
        what: String,
        bytes: Option<Vec<u8>>,
    },
}

/// One folder's walk, hidden entries left out.
type Folder = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Hidden entries are skipped, but a hidden folder named on the command
/// line is still walked.
fn visible(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !is_hidden(e.file_name())
}

/// Streams the items behind the command-line paths, depth first.
pub struct Walk {
    args: std::vec::IntoIter<PathBuf>,
    dir: Option<Folder>,
}

impl Walk {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Walk {
            args: paths.into_iter(),
            dir: None,
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

fn cannot(path: PathBuf, e: &std::io::Error) -> Item {
    Item::Unreadable(path, format!("cannot read it: {}", io_reason(e)))
}

/// The next item of one folder's walk, if any.
fn next_in(walk: &mut Folder) -> Option<Item> {
    loop {
        let entry = match walk.next()? {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                let io = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("a link loop"));
                return Some(cannot(path, &io));
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let path = entry.into_path();
        // Links to folders are not followed. Anything else named `*.json`
        // is an item, so a FIFO or device there is reported, not skipped
        // in silence (the reader refuses it without opening it for long).
        if is_json(&path) && !(kind.is_symlink() && path.is_dir()) {
            return Some(Item::Json(path));
        }
    }
}

impl Iterator for Walk {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(walk) = &mut self.dir {
                match next_in(walk) {
                    Some(item) => return Some(item),
                    None => self.dir = None,
                }
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                return Some(Item::Stdin);
            }
            match std::fs::metadata(&arg) {
                Ok(m) if m.is_dir() => {
                    let walk = walkdir::WalkDir::new(arg).follow_links(false).into_iter();
                    self.dir = Some(walk.filter_entry(visible as fn(&walkdir::DirEntry) -> bool));
                }
                Ok(_) if is_json(&arg) => return Some(Item::Json(arg)),
                Ok(_) => return Some(Item::File(arg)),
                Err(e) => return Some(cannot(arg, &e)),
            }
        }
    }
}
