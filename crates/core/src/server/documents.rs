//! The documents open in the editor: their unsaved text and version, and the file each stands
//! for. Shared between the thread that reads the client's messages, which edits them, and the
//! linting thread, which takes a copy of a document's text when its turn comes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use lsp_types::{TextDocumentContentChangeEvent, Uri};
use percent_encoding::percent_decode_str;

use super::position::Lines;
use crate::source::Format;

/// One open document.
#[derive(Clone, Debug)]
pub struct OpenDocument {
    pub version: i32,
    pub text: String,
    /// The file it is linted as: its configuration, overrides and format apply.
    pub path: PathBuf,
}

impl OpenDocument {
    pub fn new(uri: &Uri, language_id: &str, version: i32, text: String) -> Self {
        OpenDocument {
            version,
            text,
            path: path_of(uri, language_id),
        }
    }

    /// The format it is read in; `None` for Word and OpenDocument files, which an editor shows
    /// as something other than their text.
    pub fn format(&self) -> Option<Format> {
        let format = Format::from_path(&self.path).unwrap_or(Format::Markdown);
        (!format.is_package()).then_some(format)
    }

    /// Apply the client's changes in order: a change with a range replaces that range, one
    /// without replaces the whole text.
    pub fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let lines = Lines::new(&self.text);
                    let start = lines.offset(range.start);
                    let end = lines.offset(range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
    }
}

/// The open documents by URI.
#[derive(Clone, Default)]
pub struct Documents(Arc<Mutex<HashMap<Uri, OpenDocument>>>);

impl Documents {
    /// The documents, for reading or editing. A thread that panicked while holding them left
    /// whole documents behind (every edit replaces text in one call), so they are used still.
    pub fn lock(&self) -> MutexGuard<'_, HashMap<Uri, OpenDocument>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The file a document stands for: the path of a `file:` URI, else (an unsaved, untitled
/// document) a file in the working directory named after its language, so that the
/// configuration found from there applies.
pub fn path_of(uri: &Uri, language_id: &str) -> PathBuf {
    if let Some(rest) = uri.as_str().strip_prefix("file://") {
        // `file:///path` or `file://host/path`: the host is left out.
        let path = &rest[rest.find('/').unwrap_or(rest.len())..];
        let decoded = percent_decode_str(path).decode_utf8_lossy().into_owned();
        // `/C:/Users/...` on Windows.
        let bytes = decoded.as_bytes();
        if cfg!(windows) && bytes.len() > 2 && bytes[0] == b'/' && bytes[2] == b':' {
            return PathBuf::from(&decoded[1..]);
        }
        return PathBuf::from(decoded);
    }
    let extension = match language_id {
        "plaintext" => "txt",
        "html" => "html",
        "restructuredtext" => "rst",
        "asciidoc" => "adoc",
        _ => "md",
    };
    std::env::current_dir()
        .unwrap_or_else(|_| PathBuf::from("."))
        .join(format!("untitled.{extension}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn file_uris_become_paths_and_others_a_file_here() {
        let uri: Uri = "file:///srv/policies/a%20b.md".parse().unwrap();
        assert_eq!(
            path_of(&uri, "markdown"),
            PathBuf::from("/srv/policies/a b.md")
        );
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert!(path_of(&untitled, "plaintext").ends_with("untitled.txt"));
    }

    #[test]
    fn changes_apply_in_order() {
        let uri: Uri = "file:///a.md".parse().unwrap();
        let mut doc = OpenDocument::new(&uri, "markdown", 1, "# Tïtle\nbody\n".into());
        let edit = |range: Option<Range>, text: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        };
        doc.apply(
            2,
            vec![
                edit(
                    Some(Range::new(Position::new(0, 2), Position::new(0, 7))),
                    "Leave",
                ),
                edit(
                    Some(Range::new(Position::new(1, 4), Position::new(1, 4))),
                    "!",
                ),
            ],
        );
        assert_eq!((doc.version, doc.text.as_str()), (2, "# Leave\nbody!\n"));
        doc.apply(3, vec![edit(None, "new")]);
        assert_eq!(doc.text, "new");
        assert_eq!(doc.format(), Some(Format::Markdown));
    }
}
