//! Reading files that strangers may have put in place: quiz files, result
//! and code files in a shared folder, progress and history files, the host
//! key. This is an edge module, the one way the program reads a named file.
//!
//! A path is opened non-blocking, so a FIFO with no writer cannot hang the
//! open, and then checked with `fstat` on the open descriptor (not the
//! path, which could be swapped in between): only a regular file is read.
//! Every read is capped, so a link to `/dev/zero` or a growing file costs
//! at most the cap.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}", crate::edge::io_reason(.0))]
    Io(#[from] std::io::Error),
    #[error("it is {0}, not a regular file")]
    NotRegular(Kind),
    #[error("it is larger than {}, too large for careerfit to read", size(*.0))]
    TooLarge(usize),
}

/// What a path turned out to be, when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Folder,
    Fifo,
    Socket,
    Device,
    Other,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Folder => "a folder",
            Kind::Fifo => "a named pipe (FIFO)",
            Kind::Socket => "a socket",
            Kind::Device => "a device",
            Kind::Other => "a special file",
        })
    }
}

fn kind(t: std::fs::FileType) -> Option<Kind> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(Kind::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(Kind::Fifo);
        }
        if t.is_socket() {
            return Some(Kind::Socket);
        }
        if t.is_char_device() || t.is_block_device() {
            return Some(Kind::Device);
        }
    }
    Some(Kind::Other)
}

/// Opens `path` for reading only if it is a regular file (after following
/// links), without ever blocking on a FIFO or device.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOCTTY too: opening a terminal device must not make it ours.
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = opts.open(path)?;
    if let Some(k) = kind(f.metadata()?.file_type()) {
        return Err(ReadError::NotRegular(k));
    }
    Ok(f)
}

/// Reads at most `limit` bytes of the regular file `path` into `buf`
/// (cleared first, reused so many files cost no many allocations).
pub fn read_into(path: &Path, limit: usize, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    buf.clear();
    let f = open_regular(path)?;
    read_capped_from(f, limit, buf)
}

/// [`read_into`] into a new buffer.
pub fn read(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    read_into(path, limit, &mut buf)?;
    Ok(buf)
}

/// Appends at most `limit` bytes from `r` to `buf`; more is an error, and
/// at most one byte past the limit is ever read.
pub fn read_capped_from(r: impl Read, limit: usize, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    let start = buf.len();
    r.take(limit as u64 + 1).read_to_end(buf)?;
    if buf.len() - start > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(())
}

/// One line read by [`read_line_capped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The line was longer than the cap; only its start was kept.
    pub long: bool,
    /// Bytes consumed from the input, the line break included.
    pub bytes: usize,
}

/// Reads one line into `line` (without `\n` or `\r\n`), keeping at most
/// `max` bytes: the rest of a longer line is read and dropped, so a line
/// with no end costs `max` bytes of memory, not all of it. `None` at the
/// end of the input.
pub fn read_line_capped(
    r: &mut (impl std::io::BufRead + ?Sized),
    max: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<Line>> {
    line.clear();
    let mut got = Line {
        long: false,
        bytes: 0,
    };
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let end = chunk.iter().position(|&b| b == b'\n');
        let part = &chunk[..end.unwrap_or(chunk.len())];
        let room = max.saturating_sub(line.len());
        got.long |= part.len() > room;
        line.extend_from_slice(&part[..part.len().min(room)]);
        let used = end.map_or(chunk.len(), |i| i + 1);
        r.consume(used);
        got.bytes += used;
        if end.is_some() {
            break;
        }
    }
    if got.bytes == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(got))
}

/// `1 MiB`, `16 MiB`, `512 KiB`, `100 bytes`.
pub fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_cap() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read(&p, 5).unwrap(), b"12345");
        let e = read(&p, 4).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is larger than 4 bytes, too large for careerfit to read"
        );
        let e = read(d.path(), 4).unwrap_err();
        assert_eq!(e.to_string(), "it is a folder, not a regular file");
    }

    #[test]
    fn lines_are_capped_and_the_rest_dropped() {
        let mut r = std::io::Cursor::new(b"abc\r\nlonger line\nlast".to_vec());
        let mut line = Vec::new();
        let got = read_line_capped(&mut r, 4, &mut line).unwrap();
        assert_eq!(
            (got, line.as_slice()),
            (
                Some(Line {
                    long: false,
                    bytes: 5
                }),
                &b"abc"[..]
            )
        );
        let got = read_line_capped(&mut r, 4, &mut line).unwrap();
        assert_eq!(
            (got, line.as_slice()),
            (
                Some(Line {
                    long: true,
                    bytes: 12
                }),
                &b"long"[..]
            )
        );
        let got = read_line_capped(&mut r, 4, &mut line).unwrap();
        assert_eq!(
            (got, line.as_slice()),
            (
                Some(Line {
                    long: false,
                    bytes: 4
                }),
                &b"last"[..]
            )
        );
        assert_eq!(read_line_capped(&mut r, 4, &mut line).unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        let e = read(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(e.to_string(), "it is a device, not a regular file");
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("fifo");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let e = read(&fifo, 10).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is a named pipe (FIFO), not a regular file"
        );
    }
}
