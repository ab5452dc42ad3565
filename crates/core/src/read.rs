//! Reading a file to lint. The walk saw a regular file, but by the time a worker opens it the
//! file may be gone, unreadable, replaced by a FIFO, or larger than the limit; each of these
//! becomes a reason for that file alone, and none of them can block or exhaust the run.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::limits::describe_size;
use crate::results::{FileReport, NoticeLevel, Skip};

/// Why a file's bytes were not read.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// It could not be opened or read.
    #[error("cannot read file: {}", crate::walk::describe_io(.0))]
    Io(#[source] std::io::Error),
    /// A FIFO, socket, device or folder: reading it could block forever.
    #[error("not a regular file, skipped")]
    NotAFile,
    /// Larger than `max-file-size`: `size` bytes, or more than `limit` when read from a stream
    /// that was left unread past it.
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge { size: Option<u64>, limit: u64 },
}

/// Why a file over the size limit was skipped.
fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!(
            "file is {}, over the max-file-size limit of {}; skipped",
            describe_size(size),
            describe_size(limit)
        ),
        None => format!(
            "more than the max-file-size limit of {}; skipped",
            describe_size(limit)
        ),
    }
}

impl Refusal {
    /// A file too large is skipped on purpose; one that cannot be read fails the run.
    pub fn level(&self) -> NoticeLevel {
        match self {
            Refusal::TooLarge { .. } => NoticeLevel::Warning,
            Refusal::Io(_) | Refusal::NotAFile => NoticeLevel::Error,
        }
    }

    /// The report on the file `path`, which was not read, saying why.
    pub(crate) fn report<L>(&self, path: &Path) -> FileReport<L> {
        let mut report = FileReport::new(path);
        report.notice(self.level(), self.to_string());
        if let Refusal::TooLarge { .. } = self {
            report.skipped = Some(Skip::TooLarge);
        }
        report
    }
}

/// The bytes of the regular file at `path`, if it holds at most `limit` of them.
pub fn read_document(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let file = open_without_blocking(path).map_err(Refusal::Io)?;
    let meta = file.metadata().map_err(Refusal::Io)?;
    if !meta.is_file() {
        return Err(Refusal::NotAFile);
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    read_within(file, limit, meta.len() as usize)
}

/// The largest configuration or rule pack read: a pack of a hundred thousand terms is a few
/// megabytes; a bigger file is a mistake (or `/dev/zero`), refused before it is read.
pub const SETTINGS_SIZE_LIMIT: u64 = 64_000_000;

/// The text of a configuration file or rule pack: a regular file (a FIFO would block, a device
/// never end) of at most [`SETTINGS_SIZE_LIMIT`] bytes, in UTF-8.
pub fn read_settings(path: &Path) -> Result<String, SettingsError> {
    let bytes = read_document(path, SETTINGS_SIZE_LIMIT).map_err(|refusal| match refusal {
        Refusal::Io(err) => SettingsError::Io(err),
        Refusal::NotAFile => SettingsError::NotAFile,
        Refusal::TooLarge { .. } => SettingsError::TooLarge,
    })?;
    String::from_utf8(bytes).map_err(SettingsError::NotUtf8)
}

/// Why a configuration file or rule pack could not be read: a phrase that says why, with the
/// byte offset of the first byte that is not UTF-8.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{}", crate::walk::describe_io(.0))]
    Io(#[source] std::io::Error),
    #[error("not a regular file")]
    NotAFile,
    #[error(
        "larger than the {} a settings file may be",
        describe_size(SETTINGS_SIZE_LIMIT)
    )]
    TooLarge,
    #[error("not UTF-8: byte {} is not valid", .0.utf8_error().valid_up_to())]
    NotUtf8(#[source] std::string::FromUtf8Error),
}

/// All of `input` if it holds at most `limit` bytes, reading no further than one byte past the
/// limit (a file still growing, standard input); `expected` is the size to make room for.
pub fn read_within(input: impl Read, limit: u64, expected: usize) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::with_capacity(expected);
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Opening a FIFO for reading blocks until a writer comes; without blocking, the open returns
/// at once and the file type check refuses it.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, "x".repeat(2_000)).unwrap();
        assert_eq!(read_document(&path, 2_000).unwrap().len(), 2_000);
        let refusal = read_document(&path, 1_999).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "file is 2000 bytes (2 kB), over the max-file-size limit of 1999 bytes (1.999 kB); skipped"
        );
        assert_eq!(refusal.level(), NoticeLevel::Warning);
    }

    #[test]
    fn a_stream_is_read_no_further_than_past_the_limit() {
        let mut stream = std::io::Cursor::new(vec![b'x'; 10]);
        assert!(matches!(
            read_within(&mut stream, 4, 0),
            Err(Refusal::TooLarge {
                size: None,
                limit: 4
            })
        ));
        assert_eq!(stream.position(), 5);
        assert_eq!(read_within(&b"abcd"[..], 4, 0).unwrap(), b"abcd");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        assert!(matches!(
            read_document(&path, 1_000),
            Err(Refusal::NotAFile)
        ));
    }
}
