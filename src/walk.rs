//! Which files to lint: named files as given, folders walked for the formats policylint reads.
//!
//! Hidden files and folders are skipped, symbolic links are not followed unless asked, and the
//! result is sorted and free of duplicates so output order never depends on the file system.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::source::Format;

#[derive(Clone, Copy, Debug, Default)]
pub struct WalkOptions {
    /// Follow symbolic links while walking folders.
    pub follow_links: bool,
}

/// A problem met while walking: a path that does not exist, a folder that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// The files to lint, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<PathBuf>,
    pub errors: Vec<WalkError>,
}

/// Collect the files under `paths`. A named file is linted whatever its extension (as plain
/// text when the extension is unknown); folders contribute only files of known formats.
pub fn collect(paths: &[PathBuf], options: WalkOptions) -> Walked {
    let mut walked = Walked::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, options, &mut walked),
            Ok(meta) if meta.is_file() => walked.files.push(path.clone()),
            // FIFOs, sockets and devices could block a read forever.
            Ok(_) => walked.errors.push(WalkError {
                path: path.clone(),
                message: "not a regular file, skipped".into(),
            }),
            Err(err) => walked.errors.push(WalkError {
                path: path.clone(),
                message: describe_io(&err),
            }),
        }
    }
    walked.files.sort();
    walked.files.dedup();
    walked
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
                if entry.file_type().is_file() && Format::from_path(entry.path()).is_some() {
                    walked.files.push(entry.into_path());
                }
            }
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), describe_io)
                };
                walked.errors.push(WalkError { path, message });
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
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
}
