//! The server's persistent Ed25519 host key. Participants' `ssh` remembers
//! it, so it must survive restarts; the facilitator shows its fingerprint
//! so people can check they reached the right machine.

use crate::Error;
use careerfit::edge::{io_reason, read_capped};
use careerfit::store;
use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};
use std::path::{Path, PathBuf};

/// File name of the host key inside the data folder.
pub const DEFAULT_NAME: &str = "ssh_host_ed25519_key";

/// A loaded host key and what the facilitator should be told about it.
pub struct HostKey {
    pub key: PrivateKey,
    pub path: PathBuf,
    /// True when this run created the file.
    pub created: bool,
    /// A warning to print (e.g. the file is readable by others).
    pub warning: Option<String>,
}

impl HostKey {
    /// `SHA256:…`, the form `ssh` prints when it asks to trust a host.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }
}

/// `--host-key`, else the data folder's key file.
pub fn default_path(arg: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(p) = arg {
        return Ok(p.to_path_buf());
    }
    store::data_dir()
        .map(|d| d.join(DEFAULT_NAME))
        .ok_or(Error::NoDataDir)
}

/// Loads the key at `path`, creating a new one (mode 0600) if it is missing.
pub fn load_or_create(path: &Path) -> Result<HostKey, Error> {
    if path.exists() {
        load(path)
    } else {
        create(path)
    }
}

/// Makes a new key file at `path`, unless one appeared there meanwhile.
fn create(path: &Path) -> Result<HostKey, Error> {
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| Error::GenerateKey(e.to_string()))?;
    let pem = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| Error::EncodeKey(e.to_string()))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::CreateDir {
            path: careerfit::core::sanitize::clean_path(dir),
            why: io_reason(&e),
        })?;
    }
    // write_atomic's temporary file is created 0600 and renamed without
    // clobbering, so the secret is never readable by others, even briefly.
    match store::write_atomic(path, pem.as_bytes(), true) {
        Ok(()) => {}
        // Another server of the same event, started at the same moment
        // with the same --host-key, made it first: use that one, so all
        // present one host key.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return load(path),
        Err(e) => {
            return Err(Error::WriteKey {
                path: careerfit::core::sanitize::clean_path(path),
                why: io_reason(&e),
            });
        }
    }
    restrict(path);
    Ok(HostKey {
        key,
        path: path.to_path_buf(),
        created: true,
        warning: None,
    })
}

/// Loads the existing key at `path`.
fn load(path: &Path) -> Result<HostKey, Error> {
    let shown = careerfit::core::sanitize::clean_path(path);
    let bytes = read_capped(path, 64 * 1024).map_err(Error::ReadKey)?;
    let key = PrivateKey::from_openssh(&bytes).map_err(|_| Error::NotOpenSsh {
        path: shown.clone(),
    })?;
    if key.is_encrypted() {
        return Err(Error::Encrypted { path: shown });
    }
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(Error::NotEd25519 {
            path: shown,
            algorithm: key.algorithm().to_string(),
        });
    }
    Ok(HostKey {
        key,
        path: path.to_path_buf(),
        created: false,
        warning: loose_permissions(path),
    })
}

#[cfg(unix)]
fn restrict(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict(_path: &Path) {}

#[cfg(unix)]
fn loose_permissions(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "warning: {} can be read by other users (mode {:o}); run chmod 600 on it",
            careerfit::core::sanitize::clean_path(path),
            mode & 0o777
        )
    })
}

#[cfg(not(unix))]
fn loose_permissions(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_with_mode_0600_and_reloaded_unchanged() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("sub/key");
        let a = load_or_create(&path).unwrap();
        assert!(a.created);
        assert!(a.fingerprint().starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let b = load_or_create(&path).unwrap();
        assert!(!b.created);
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert!(b.warning.is_none());
    }

    #[test]
    fn a_key_made_by_another_server_meanwhile_is_used_not_an_error() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("key");
        let first = load_or_create(&path).unwrap();
        // The other server checked before this one wrote: it creates too.
        let second = create(&path).unwrap();
        assert!(!second.created);
        assert_eq!(first.fingerprint(), second.fingerprint());
    }

    #[test]
    fn junk_and_loose_files_are_reported() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("key");
        std::fs::write(&path, "not a key").unwrap();
        let e = careerfit::edge::Failure::from(load_or_create(&path).err().unwrap());
        assert_eq!(e.code, 2);
        assert!(
            e.message.ends_with("not an OpenSSH private key"),
            "{}",
            e.message
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let good = d.path().join("good");
            load_or_create(&good).unwrap();
            std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o644)).unwrap();
            let w = load_or_create(&good).unwrap().warning.unwrap();
            assert!(w.contains("chmod 600"), "{w}");
        }
    }
}
