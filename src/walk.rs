//! Which files might be linted: named files as given, and every file in the folders named.
//!
//! Hidden files and folders (and Word's `~$` lock files) are skipped, symbolic links are not
//! followed unless asked (a loop among them is a warning, not a failure), FIFOs, sockets and
//! devices are never opened, and the result is sorted and free of duplicates (the same file
//! named twice, or by two spellings of its path, is linted once) so output order never depends
//! on the file system or on how the paths were typed.
//! Whether a found file is linted is up to its configuration's `include` and `exclude`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::NoticeLevel;

#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions {
    /// Follow symbolic links while walking folders.
    pub follow_links: bool,
}

/// A problem met while walking: a path that does not exist, a folder that cannot be read, a
/// symbolic link loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    /// An error fails the run; a warning (a link loop, which only repeats files) does not.
    pub level: NoticeLevel,
    pub path: PathBuf,
    pub message: String,
}

/// A file found, and whether it was named on the command line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    /// Named on the command line: linted whatever its extension.
    pub named: bool,
}

/// The files found, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<Found>,
    pub errors: Vec<WalkError>,
    /// Symbolic links met in folders and not followed (without `follow_links`), in path order:
    /// each is worth a notice when it would have been linted.
    pub links: Vec<PathBuf>,
}

/// Collect the regular files named in `paths` and in the folders `paths` names.
pub fn collect(paths: &[PathBuf], options: WalkOptions) -> Walked {
    let mut walked = Walked::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, options, &mut walked),
            Ok(meta) if meta.is_file() => walked.files.push(Found {
                path: path.clone(),
                named: true,
            }),
            // FIFOs, sockets and devices could block a read forever.
            Ok(_) => walked.errors.push(WalkError {
                level: NoticeLevel::Error,
                path: path.clone(),
                message: "not a regular file, skipped".into(),
            }),
            Err(err) => walked.errors.push(WalkError {
                level: NoticeLevel::Error,
                path: path.clone(),
                message: describe_io(&err),
            }),
        }
    }
    for found in &mut walked.files {
        found.path = without_dot_components(&found.path);
    }
    walked.files.sort();
    drop_duplicates(&mut walked.files);
    walked
}

/// `./a/./b.md` as `a/b.md`: the path a user means, whichever way it was typed.
fn without_dot_components(path: &Path) -> PathBuf {
    let clean: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if clean.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        clean
    }
}

/// Keep the first of the paths that lead to the same file (`a.md` given twice, `a.md` and
/// `/abs/a.md`, a link followed to a file also found directly), named if any of them was, so
/// no file is linted twice.
fn drop_duplicates(files: &mut Vec<Found>) {
    let mut first_of: HashMap<PathBuf, usize> = HashMap::new();
    let mut kept: Vec<Found> = Vec::with_capacity(files.len());
    for found in files.drain(..) {
        let key = found
            .path
            .canonicalize()
            .unwrap_or_else(|_| found.path.clone());
        match first_of.get(&key) {
            Some(&first) => kept[first].named |= found.named,
            None => {
                first_of.insert(key, kept.len());
                kept.push(found);
            }
        }
    }
    *files = kept;
}

fn walk_dir(root: &Path, options: WalkOptions, walked: &mut Walked) {
    let entries = WalkDir::new(root)
        .follow_links(options.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in entries {
        match entry {
            Ok(entry) => {
                // With `follow_links`, walkdir reports a link's target type.
                if entry.file_type().is_file() && !is_lock_file(entry.file_name()) {
                    walked.files.push(Found {
                        path: entry.into_path(),
                        named: false,
                    });
                } else if !options.follow_links && entry.path_is_symlink() && entry.depth() > 0 {
                    walked.links.push(without_dot_components(entry.path()));
                }
            }
            Err(err) => {
                let path = without_dot_components(err.path().unwrap_or(root));
                let is_loop = err.loop_ancestor().is_some()
                    || err.io_error().and_then(std::io::Error::raw_os_error) == Some(ELOOP);
                let (level, message) = if is_loop {
                    (
                        NoticeLevel::Warning,
                        "symbolic link loop, not followed".to_string(),
                    )
                } else {
                    let message = err.io_error().map_or_else(|| err.to_string(), describe_io);
                    (NoticeLevel::Error, message)
                };
                walked.errors.push(WalkError {
                    level,
                    path,
                    message,
                });
            }
        }
    }
}

/// The error number of "too many levels of symbolic links": a link that points at itself.
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Word's owner file (`~$licy.docx`) beside a document someone has open: not a document.
fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with("~$"))
}

/// The folder a file is in, `.` for a bare file name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An I/O error as a short lower-case phrase.
pub fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_names_start_with_a_dot() {
        assert!(is_hidden(".git".as_ref()));
        assert!(!is_hidden("..".as_ref()));
        assert!(!is_hidden("roles".as_ref()));
    }

    #[test]
    fn word_lock_files_are_not_documents() {
        assert!(is_lock_file("~$licy.docx".as_ref()));
        assert!(!is_lock_file("policy.docx".as_ref()));
    }
}
