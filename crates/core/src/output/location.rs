//! Where a finding is, in the terms machine-readable formats use: a portable path, and lines,
//! columns and byte offsets.

use std::path::Path;

use serde::Serialize;

use crate::source::{LineIndex, Source, Span};

/// A report's path with `/` between components and no leading `./`: what CI systems match
/// against the files of a repository.
pub fn portable_path(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// Where a span is in a Word or OpenDocument file, whose lines and columns are those of the
/// extracted text (line N is paragraph N): the paragraph, its table cell, the heading above, and
/// all of it as one phrase. `None` for documents whose text is the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtractedPlace {
    pub paragraph: usize,
    /// `{table, row, column}`, each from 1.
    pub cell: Option<Cell>,
    pub heading: Option<String>,
    /// `paragraph 13, table 1 row 3 column 2 (under "Equipment")`.
    pub description: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

impl ExtractedPlace {
    pub fn of(source: &Source, span: Span) -> Option<ExtractedPlace> {
        let location = source.location(span)?;
        Some(ExtractedPlace {
            paragraph: location.paragraph,
            cell: location.cell.map(|c| Cell {
                table: c.table,
                row: c.row,
                column: c.column,
            }),
            description: location.to_string(),
            heading: location.heading,
        })
    }
}

/// A place in a document: 1-based line, 1-based column in characters, and the 0-based byte
/// offset into the document's text as decoded (UTF-8, without a byte-order mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub byte: usize,
}

/// Turns byte offsets of one document into positions.
pub struct Locator<'a> {
    text: &'a str,
    lines: LineIndex,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            lines: LineIndex::new(text),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let byte = offset.min(self.text.len());
        let (line, column) = self.lines.line_col(self.text, byte);
        Position { line, column, byte }
    }

    /// The start and the (exclusive) end of a span.
    pub fn span(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }

    /// The line of a span's last character (its first line when it is empty).
    pub fn last_line(&self, span: Span) -> usize {
        let last = span.end.max(span.start + 1) - 1;
        self.position(last).line
    }

    /// The 1-based column of a position counted in UTF-8 bytes, as reviewdog counts.
    pub fn byte_column(&self, position: Position) -> usize {
        let line_start = self.text.as_bytes()[..position.byte]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        position.byte - line_start + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_bytes_apart() {
        let text = "# Ünïcode\nab€c\n";
        let locator = Locator::new(text);
        let c = locator.position(text.rfind('c').unwrap());
        assert_eq!((c.line, c.column, c.byte), (2, 4, 17));
        assert_eq!(locator.byte_column(c), 6);
        let end = locator.position(text.len());
        assert_eq!((end.line, end.column), (3, 1));
        assert_eq!(locator.last_line(Span::new(0, 12)), 1);
        assert_eq!(locator.last_line(Span::new(12, 12)), 2);
    }

    #[test]
    fn paths_lose_a_leading_dot_folder() {
        assert_eq!(
            portable_path(Path::new("./policies/a b.md")),
            "policies/a b.md"
        );
        assert_eq!(portable_path(Path::new("policies/x.md")), "policies/x.md");
        assert_eq!(portable_path(Path::new("-")), "-");
    }
}
