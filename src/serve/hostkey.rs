//! The room's SSH host key: made once, kept beside the results file, and
//! reused, so that members' `ssh` never warns of a changed key.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rand::Rng;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey};

/// The key file's name, in the folder of the results file (OpenSSH's own
/// name for such a key, so an administrator knows what it is).
pub const FILE_NAME: &str = "ssh_host_ed25519_key";

/// Why the host key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum HostKeyError {
    /// The file could not be read, written or protected.
    #[error("{path}: {source}")]
    Io {
        /// The key file.
        path: PathBuf,
        /// What failed.
        source: io::Error,
    },
    /// The file is not an OpenSSH private key (it was edited, or is
    /// something else); it is left as it is.
    #[error("{path}: {detail}")]
    Invalid {
        /// The key file.
        path: PathBuf,
        /// The parser's words.
        detail: String,
    },
}

/// The host key and what the trainer is told of it.
#[derive(Debug)]
pub struct HostKey {
    /// The key.
    pub key: PrivateKey,
    /// Where it is kept.
    pub path: PathBuf,
    /// Whether it was made now (first start).
    pub created: bool,
    /// Whether its file was readable by others and has been made private.
    pub tightened: bool,
}

impl HostKey {
    /// The SHA-256 fingerprint, as `ssh` shows it (`SHA256:…`).
    pub fn fingerprint(&self) -> String {
        self.key
            .public_key()
            .fingerprint(HashAlg::Sha256)
            .to_string()
    }
}

/// The key file for the results file `results`.
pub fn path_for(results: &Path) -> PathBuf {
    results.parent().unwrap_or(Path::new("")).join(FILE_NAME)
}

/// Loads the host key kept beside `results`, or makes one (ed25519) and
/// keeps it there, readable by its owner only.
pub fn load_or_create(results: &Path) -> Result<HostKey, HostKeyError> {
    let path = path_for(results);
    let io_err = |source| HostKeyError::Io {
        path: path.clone(),
        source,
    };
    match fs::read(&path) {
        Ok(bytes) => {
            let key = PrivateKey::from_openssh(&bytes).map_err(|e| HostKeyError::Invalid {
                path: path.clone(),
                detail: e.to_string(),
            })?;
            let tightened = make_private(&path).map_err(io_err)?;
            Ok(HostKey {
                key,
                path,
                created: false,
                tightened,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            rand::rng().fill_bytes(&mut seed);
            let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
            let pem = key
                .to_openssh(LineEnding::LF)
                .map_err(|e| HostKeyError::Invalid {
                    path: path.clone(),
                    detail: e.to_string(),
                })?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir).map_err(io_err)?;
            }
            write_private(&path, pem.as_bytes()).map_err(io_err)?;
            Ok(HostKey {
                key,
                path,
                created: true,
                tightened: false,
            })
        }
        Err(e) => Err(io_err(e)),
    }
}

/// Writes a new file that only its owner can read (mode 0600 on Unix; on
/// Windows the folder's permissions apply, which in a user's folder are the
/// user's own). Fails if the file appeared meanwhile, rather than replace a
/// key members already trust.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Takes the read and write rights of group and others away from the key
/// file; returns whether there were any.
fn make_private(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700))?;
            return Ok(true);
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_private_and_reused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let results = dir.path().join("kq").join("results.csv");
        let first = load_or_create(&results).unwrap_or_else(|e| panic!("{e}"));
        assert!(first.created);
        assert_eq!(first.path, dir.path().join("kq").join(FILE_NAME));
        assert!(first.fingerprint().starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&first.path)
                .unwrap_or_else(|e| panic!("{e}"))
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = load_or_create(&results).unwrap_or_else(|e| panic!("{e}"));
        assert!(!again.created);
        assert_eq!(again.fingerprint(), first.fingerprint());
    }

    #[cfg(unix)]
    #[test]
    fn a_key_readable_by_others_is_made_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let results = dir.path().join("results.csv");
        let key = load_or_create(&results).unwrap_or_else(|e| panic!("{e}"));
        fs::set_permissions(&key.path, fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        let again = load_or_create(&results).unwrap_or_else(|e| panic!("{e}"));
        assert!(again.tightened);
        let mode = fs::metadata(&key.path)
            .unwrap_or_else(|e| panic!("{e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_broken_key_file_is_an_error_and_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let results = dir.path().join("results.csv");
        fs::write(path_for(&results), "không phải khoá").unwrap_or_else(|e| panic!("{e}"));
        let err = load_or_create(&results).err();
        assert!(matches!(err, Some(HostKeyError::Invalid { .. })), "{err:?}");
        assert_eq!(
            fs::read_to_string(path_for(&results)).unwrap_or_default(),
            "không phải khoá"
        );
    }
}
