//! The password file libpq reads (`~/.pgpass`, or `PGPASSFILE`): lines of
//! `hostname:port:database:username:password`, `*` matching anything,
//! `\:` and `\\` for a literal colon and backslash, `#` comments. As in
//! libpq, a file that others may read is ignored, and the first line that
//! matches wins. A unix-socket connection matches `localhost`.

use std::path::Path;

/// Largest password file read; a real one is a few lines.
const MAX_BYTES: usize = 1 << 20;

/// What one connection is, for matching a line.
pub struct Wanted<'a> {
    pub host: &'a str,
    pub port: u16,
    pub database: &'a str,
    pub user: &'a str,
}

/// The password for `w` in the file at `path`: `Ok(None)` when the file
/// is missing or has no matching line, `Err` with a warning when it
/// exists but is not used.
pub fn lookup(path: &Path, w: &Wanted) -> Result<Option<String>, String> {
    let shown = careerfit_core::sanitize::clean_path(path);
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(None);
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(format!(
                "password file {shown} has group or world access and is ignored; \
                 chmod 0600 {shown} to use it"
            ));
        }
    }
    if !meta.is_file() {
        return Err(format!("password file {shown} is not a regular file"));
    }
    let bytes = careerfit::fsread::read(path, MAX_BYTES)
        .map_err(|e| format!("password file {shown}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(find(&text, w))
}

/// The first line of `text` that matches `w`.
pub fn find(text: &str, w: &Wanted) -> Option<String> {
    let port = w.port.to_string();
    let host = if w.host.starts_with('/') {
        "localhost"
    } else {
        w.host
    };
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .find_map(|line| {
            let f = fields(line);
            let [h, p, d, u, pass] = f.as_slice() else {
                return None;
            };
            let ok = |pat: &str, v: &str| pat == "*" || pat == v;
            (ok(h, host) && ok(p, &port) && ok(d, w.database) && ok(u, w.user))
                .then(|| pass.clone())
        })
}

/// A line split at unescaped colons, escapes resolved; the password is
/// the rest of the line after the fourth colon.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' if out.len() < 4 => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Wanted = Wanted {
        host: "db.example",
        port: 5432,
        database: "workshop",
        user: "cf",
    };

    #[test]
    fn first_match_wins_with_wildcards_and_escapes() {
        let text = "# comment\n\
                    other:5432:workshop:cf:nope\n\
                    db.example:*:workshop:cf:pa\\:ss\\\\word\n\
                    *:*:*:*:fallback\n";
        assert_eq!(find(text, &W), Some("pa:ss\\word".into()));
        assert_eq!(
            find(text, &Wanted { host: "x", ..W }),
            Some("fallback".into())
        );
        assert_eq!(find("db.example:5433:*:*:p\n", &W), None);
        // A short line matches nothing.
        assert_eq!(find("db.example:5432:workshop\n", &W), None);
    }

    #[test]
    fn sockets_match_localhost_and_colons_may_end_the_password() {
        let w = Wanted {
            host: "/var/run/postgresql",
            ..W
        };
        assert_eq!(
            find("localhost:5432:workshop:cf:a:b\n", &w),
            Some("a:b".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn readable_by_others_is_ignored_with_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("pgpass");
        std::fs::write(&p, "*:*:*:*:secret\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = lookup(&p, &W).unwrap_err();
        assert!(
            e.contains("has group or world access and is ignored"),
            "{e}"
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(lookup(&p, &W), Ok(Some("secret".into())));
        assert_eq!(lookup(&d.path().join("none"), &W), Ok(None));
    }
}
