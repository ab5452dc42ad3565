//! Which files might be linted: named files as given, and every file in the folders named.
//!
//! Folder walks skip what the folder's ignore files exclude, as ripgrep does: `.gitignore`
//! (inside a git repository), `.git/info/exclude`, git's global excludes, `.ignore`, and
//! `.policylintignore`, in gitignore syntax, nested files refining their parents'. A file named
//! on the command line is linted whatever these say.
//! Hidden files and folders (and Word's `~$` lock files) are skipped, symbolic links are not
//! followed unless asked (a loop among them is a warning, not a failure), FIFOs, sockets and
//! devices are never opened, and the result is sorted and free of duplicates (the same file
//! named twice, or by two spellings of its path, is linted once) so output order never depends
//! on the file system or on how the paths were typed.
//! Whether a found file is linted is up to its configuration's `include` and `exclude`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::NoticeLevel;

/// The ignore file of policylint's own, for what git should keep but policylint should not lint.
pub const IGNORE_FILE_NAME: &str = ".policylintignore";

#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions {
    /// Follow symbolic links while walking folders.
    pub follow_links: bool,
    /// Walk into what ignore files exclude (`--no-ignore`).
    pub no_ignore: bool,
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
    let respect = !options.no_ignore;
    let mut builder = WalkBuilder::new(root);
    builder
        .follow_links(options.follow_links)
        .hidden(true)
        .parents(respect)
        .ignore(respect)
        .git_ignore(respect)
        .git_global(respect)
        .git_exclude(respect)
        .sort_by_file_name(|a, b| a.cmp(b));
    if respect {
        builder.add_custom_ignore_filename(IGNORE_FILE_NAME);
    }
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                // An ignore file that does not parse: the walk goes on without its bad lines.
                if let Some(err) = entry.error() {
                    walked.errors.push(walk_error(root, err));
                }
                // With `follow_links`, the entry's type is its link target's.
                if entry.file_type().is_some_and(|t| t.is_file())
                    && !is_lock_file(entry.file_name())
                {
                    walked.files.push(Found {
                        path: entry.into_path(),
                        named: false,
                    });
                }
            }
            Err(err) => walked.errors.push(walk_error(root, &err)),
        }
    }
}

/// What went wrong in a walk, at the deepest path the error names.
fn walk_error(root: &Path, err: &ignore::Error) -> WalkError {
    let mut path = root;
    let mut line = None;
    let mut inner = err;
    let mut is_loop = false;
    loop {
        match inner {
            ignore::Error::WithPath { path: at, err } => {
                path = at;
                inner = err;
            }
            ignore::Error::WithLineNumber { line: at, err } => {
                line = Some(*at);
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } => inner = err,
            ignore::Error::Partial(errors) if errors.len() == 1 => inner = &errors[0],
            ignore::Error::Loop { child, .. } => {
                path = child;
                is_loop = true;
                break;
            }
            ignore::Error::Io(io) => {
                is_loop = innermost_io(io).raw_os_error() == Some(ELOOP);
                break;
            }
            _ => break,
        }
    }
    let (level, message) = if is_loop {
        (
            NoticeLevel::Warning,
            "symbolic link loop, not followed".to_string(),
        )
    } else if let ignore::Error::Io(io) = inner {
        (NoticeLevel::Error, describe_io(innermost_io(io)))
    } else {
        // A line of an ignore file that is not a valid glob: the rest of the file still holds.
        let message = match line {
            Some(line) => format!("line {line}: {inner}"),
            None => inner.to_string(),
        };
        (NoticeLevel::Warning, message)
    };
    WalkError {
        level,
        path: without_dot_components(path),
        message,
    }
}

/// The operating system's error under the walker's wrapping of it, which has no error number.
fn innermost_io(err: &std::io::Error) -> &std::io::Error {
    let mut innermost = err;
    let mut source = err
        .get_ref()
        .map(|e| e as &(dyn std::error::Error + 'static));
    while let Some(error) = source {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            innermost = io;
        }
        source = error.source();
    }
    innermost
}

/// The error number of "too many levels of symbolic links": a link that points at itself.
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

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
    fn word_lock_files_are_not_documents() {
        assert!(is_lock_file("~$licy.docx".as_ref()));
        assert!(!is_lock_file("policy.docx".as_ref()));
    }
}
