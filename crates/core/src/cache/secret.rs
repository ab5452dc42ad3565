//! The per-user key that signs cache files. It lives outside every checkout, in
//! `$XDG_CACHE_HOME/policylint/secret` (else `~/.cache/policylint/secret`), readable by its
//! owner alone, so a cache file committed to a repository — or written by anyone else — fails
//! its check and is ignored: only results this user's runs wrote are trusted.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Bytes of key: as many as SHA-256 gives.
pub(super) const LEN: usize = 32;

pub(super) type Secret = [u8; LEN];

/// Where the key is kept, if there is a per-user folder for it.
fn location() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .or_else(|| std::env::var_os("LOCALAPPDATA"))
                .map(|home| PathBuf::from(home).join(".cache"))
        })?;
    Some(base.join("policylint").join("secret"))
}

/// This user's key, made on first use; `Err` says why there is none.
pub(super) fn load() -> Result<Secret, KeyError> {
    let path = location().ok_or(KeyError::NoFolder)?;
    let problem = |source: std::io::Error| KeyError::Io {
        path: path.clone(),
        source,
    };
    if let Some(secret) = read(&path).map_err(problem)? {
        return Ok(secret);
    }
    create(&path).map_err(problem)?;
    read(&path)
        .map_err(problem)?
        .ok_or_else(|| KeyError::Damaged(path.clone()))
}

/// Why there is no key to sign cache files with.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("there is no per-user folder ($XDG_CACHE_HOME or $HOME) to keep the cache key in")]
    NoFolder,
    #[error("the cache key {}: {}", path.display(), crate::walk::describe_io(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the cache key {} is damaged", .0.display())]
    Damaged(PathBuf),
}

/// The key at `path`, `None` when there is none yet.
fn read(path: &Path) -> std::io::Result<Option<Secret>> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let mut bytes = Vec::with_capacity(LEN);
    file.take(LEN as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes.try_into().ok())
}

/// Make a fresh key at `path`, unless another run makes one first: the key is written to a
/// private temporary file and linked into place without replacing anything.
fn create(path: &Path) -> std::io::Result<()> {
    let dir = crate::walk::folder_of(path);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    let mut secret = [0u8; LEN];
    getrandom::fill(&mut secret).map_err(std::io::Error::other)?;
    // tempfile creates files readable by their owner alone.
    let mut temp = tempfile::Builder::new()
        .prefix(".secret-")
        .tempfile_in(&dir)?;
    std::io::Write::write_all(&mut temp, &secret)?;
    temp.as_file().sync_all()?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err.error),
    }
}
