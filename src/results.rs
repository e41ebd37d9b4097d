//! Where workshop results go: a folder (the default, as ever) or a
//! PostgreSQL database named by a `postgres://` URL. Only the choice is
//! made here; the database code lives in `careerfit-pg`, which the quiz
//! binary never links: given a URL, `careerfit` hands its command line to
//! `careerfit-serve` ([`crate::commands::serve::hand_over`]).

use std::ffi::OsStr;
use std::fmt;
use std::path::PathBuf;

/// A results target as `serve --results`, `take --submit`, `aggregate`,
/// `analyze` and `workshop` take it.
#[derive(Clone, PartialEq, Eq)]
pub enum Target {
    /// A workshop folder: one JSON file per result.
    Folder(PathBuf),
    /// A PostgreSQL database.
    Postgres(DbUrl),
}

impl Target {
    /// A URL when the text starts with `postgres://` or `postgresql://`
    /// (the schemes libpq knows), else a folder, so nothing changes for
    /// anyone who never names a database.
    pub fn parse(s: &str) -> Target {
        match DbUrl::parse(s) {
            Some(u) => Target::Postgres(u),
            None => Target::Folder(PathBuf::from(s)),
        }
    }

    /// The database URL, if this is one.
    pub fn url(&self) -> Option<&DbUrl> {
        match self {
            Target::Postgres(u) => Some(u),
            Target::Folder(_) => None,
        }
    }
}

/// Shown as a folder's cleaned path or a URL without its password.
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Folder(p) => f.write_str(&crate::core::sanitize::clean_path(p)),
            Target::Postgres(u) => fmt::Display::fmt(u, f),
        }
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Folder(p) => f.debug_tuple("Folder").field(p).finish(),
            Target::Postgres(u) => f.debug_tuple("Postgres").field(u).finish(),
        }
    }
}

/// clap's parser for a target argument (never fails: see [`Target::parse`]).
pub fn parse_target(s: &str) -> Result<Target, String> {
    Ok(Target::parse(s))
}

/// Whether a command-line argument names a database rather than a file.
pub fn is_db_url(s: &OsStr) -> bool {
    s.to_str().is_some_and(|t| DbUrl::parse(t).is_some())
}

/// A PostgreSQL connection URL. It may hold a password, so it never shows
/// one: `Display` and `Debug` print `***` in its place (in the user part
/// and in a `password=` parameter); only [`DbUrl::expose`] gives the text.
#[derive(Clone, PartialEq, Eq)]
pub struct DbUrl(String);

impl DbUrl {
    /// `Some` for a `postgres://` or `postgresql://` URL (scheme in any case).
    pub fn parse(s: &str) -> Option<DbUrl> {
        let (scheme, _) = s.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        (scheme == "postgres" || scheme == "postgresql")
            .then(|| DbUrl(format!("{scheme}{}", &s[scheme.len()..])))
    }

    /// The URL as given (with any password), for the database driver only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with every password replaced by `***`, cleaned for a
    /// terminal. A password that is not percent-encoded may hold `@` or
    /// `:`; everything from the first `:` of the user part to the last
    /// `@` before the parameters is hidden, so more is hidden rather than
    /// less.
    pub fn redacted(&self) -> String {
        self.hiding(Some("***"))
    }

    /// The URL with no password at all, as participants type it on the
    /// dashboard's join panel (they give theirs through PGPASSWORD or
    /// ~/.pgpass), cleaned for a terminal.
    pub fn without_password(&self) -> String {
        self.hiding(None)
    }

    /// [`DbUrl::redacted`] with `mask` in each password's place, or the
    /// password and its `:` or parameter left out where `mask` is `None`.
    fn hiding(&self, mask: Option<&str>) -> String {
        let s = &self.0;
        let Some(start) = s.find("://").map(|i| i + 3) else {
            return "***".into();
        };
        let (head, query) = match s[start..].find('?') {
            Some(q) => (&s[..start + q], Some(&s[start + q + 1..])),
            None => (&s[..], None),
        };
        let mut out = String::with_capacity(s.len());
        match head[start..].rfind('@') {
            Some(at) => {
                let user = &head[start..start + at];
                out.push_str(&head[..start]);
                match (user.split_once(':'), mask) {
                    (Some((name, _)), Some(mask)) => {
                        out.push_str(name);
                        out.push(':');
                        out.push_str(mask);
                    }
                    (Some((name, _)), None) => out.push_str(name),
                    (None, _) => out.push_str(user),
                }
                out.push_str(&head[start + at..]);
            }
            None => out.push_str(head),
        }
        let params: Vec<String> = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter_map(|p| match (p.split_once('='), mask) {
                (Some((k, _)), Some(mask)) if k.eq_ignore_ascii_case("password") => {
                    Some(format!("{k}={mask}"))
                }
                (Some((k, _)), None) if k.eq_ignore_ascii_case("password") => None,
                _ => Some(p.to_string()),
            })
            .collect();
        if query.is_some() && (mask.is_some() || !params.is_empty()) {
            out.push('?');
            out.push_str(&params.join("&"));
        }
        crate::core::sanitize::clean_line(&out)
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DbUrl").field(&self.redacted()).finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_password_leaves_no_place_for_one() {
        let w = |u: &str| DbUrl::parse(u).map(|d| d.without_password());
        assert_eq!(
            w("postgres://cf:s3cret@db.example:5432/room").as_deref(),
            Some("postgres://cf@db.example:5432/room")
        );
        assert_eq!(
            w("postgres://db.example/room?password=s3cret&sslmode=require").as_deref(),
            Some("postgres://db.example/room?sslmode=require")
        );
        assert_eq!(
            w("postgres://cf@db.example/room?PASSWORD=x").as_deref(),
            Some("postgres://cf@db.example/room")
        );
        assert_eq!(w("postgres://h/db").as_deref(), Some("postgres://h/db"));
    }

    use super::*;

    fn red(s: &str) -> String {
        DbUrl::parse(s).unwrap().to_string()
    }

    #[test]
    fn urls_and_folders() {
        assert!(matches!(
            Target::parse("postgres://h/db"),
            Target::Postgres(_)
        ));
        assert!(matches!(
            Target::parse("PostgreSQL://h/db"),
            Target::Postgres(_)
        ));
        assert_eq!(
            Target::parse("careerfit-results"),
            Target::Folder("careerfit-results".into())
        );
        assert_eq!(
            Target::parse("mysql://h/db"),
            Target::Folder("mysql://h/db".into())
        );
        assert!(is_db_url(OsStr::new("postgresql://x")));
        assert!(!is_db_url(OsStr::new("./postgres")));
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            red("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(red("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(red("postgres://h/db"), "postgres://h/db");
        assert_eq!(
            red("postgres://u:p@ss:w@rd@h/db?sslmode=require"),
            "postgres://u:***@h/db?sslmode=require"
        );
        assert_eq!(
            red("postgresql://h/db?user=u&password=secret&sslmode=disable"),
            "postgresql://h/db?user=u&password=***&sslmode=disable"
        );
        let u = DbUrl::parse("postgres://u:secret@h/db").unwrap();
        assert!(!format!("{u:?}").contains("secret"));
        assert!(!format!("{:?}", Target::Postgres(u.clone())).contains("secret"));
        assert_eq!(u.expose(), "postgres://u:secret@h/db");
        // Escapes cannot reach a terminal through a URL.
        assert_eq!(red("postgres://h/\u{1b}[2Jdb"), "postgres://h/[2Jdb");
    }
}
