//! Where extracted text came from.
//!
//! A Word or OpenDocument file is not text: policylint reads its paragraphs and lints the
//! extracted text, one paragraph a line, so codespan can show it. A reader of the diagnostic
//! still needs to find the place in the file they will open, so each paragraph of the
//! extracted text remembers its paragraph number and, in a table, its cell; a span's
//! [`Location`] adds the heading it is under. The outputs read it from the document's [`Source`]. Output formats name it as
//! `policy.docx: paragraph 12 (under "Approvals")`.

use std::fmt;

use super::{Block, BlockKind, Document, Format, Span};

/// The origin of one paragraph of extracted text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Byte offset in [`Document::text`] where the paragraph starts.
    pub start: usize,
    /// 1-based, counting the paragraphs with text in reading order, table cells included.
    /// It is also the paragraph's line in the extracted text.
    pub paragraph: usize,
    /// The table cell the paragraph is in.
    pub cell: Option<TableCell>,
}

/// A cell of a table; all numbers are 1-based, tables counted in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableCell {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

/// Where a span of extracted text is in the original file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub paragraph: usize,
    pub cell: Option<TableCell>,
    /// The heading of the section the span is in (for a heading, the one above it).
    pub heading: Option<String>,
}

impl fmt::Display for Location {
    /// `paragraph 12 (under "Approvals")`, or `paragraph 14, table 1 row 2 column 3` when the
    /// span is in a table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "paragraph {}", self.paragraph)?;
        if let Some(cell) = self.cell {
            write!(
                f,
                ", table {} row {} column {}",
                cell.table, cell.row, cell.column
            )?;
        }
        if let Some(heading) = &self.heading {
            write!(f, " (under \"{heading}\")")?;
        }
        Ok(())
    }
}

/// A document's path, format and text, and what places its findings: all the outputs read
/// of it besides the findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: String,
    pub format: Format,
    pub text: String,
    /// Where each paragraph came from, for text extracted from a package ([`Document::places`]).
    places: Vec<Place>,
    /// For extracted text, each block's start and the heading it is under (for a heading, the
    /// one above it), in order.
    headings: Vec<(usize, Option<String>)>,
}

impl Source {
    /// The source of text read as the file itself, where line and column say where a span is.
    pub fn plain(path: String, format: Format, text: String) -> Source {
        Source {
            path,
            format,
            text,
            places: Vec::new(),
            headings: Vec::new(),
        }
    }

    /// What the outputs need of `document`.
    pub fn of(document: &Document) -> Source {
        let headings = if document.places.is_empty() {
            Vec::new()
        } else {
            document
                .blocks
                .iter()
                .map(|block| (block.span.start, document.heading_above(block)))
                .collect()
        };
        Source {
            path: document.path.clone(),
            format: document.format,
            text: document.text.clone(),
            places: document.places.clone(),
            headings,
        }
    }

    /// Where `span` is in the original file, for documents whose text was extracted from a
    /// package; `None` when the text is the file itself (line and column say it all).
    pub fn location(&self, span: Span) -> Option<Location> {
        let index = self
            .places
            .partition_point(|place| place.start <= span.start)
            .checked_sub(1)?;
        let place = self.places[index];
        let heading = self
            .headings
            .partition_point(|(start, _)| *start <= span.start)
            .checked_sub(1)
            .and_then(|block| self.headings[block].1.clone());
        Some(Location {
            paragraph: place.paragraph,
            cell: place.cell,
            heading,
        })
    }
}

impl Document {
    /// The heading of the section holding `block`; for a heading block, the heading of the
    /// section it opens within.
    fn heading_above(&self, block: &Block) -> Option<String> {
        let section = if block.kind == BlockKind::Heading {
            self.sections[block.section].parent?
        } else {
            block.section
        };
        self.heading_text(section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_read_as_the_issue_words_them() {
        let plain = Location {
            paragraph: 12,
            cell: None,
            heading: Some("Approvals".into()),
        };
        assert_eq!(plain.to_string(), "paragraph 12 (under \"Approvals\")");
        let in_table = Location {
            paragraph: 3,
            cell: Some(TableCell {
                table: 1,
                row: 2,
                column: 3,
            }),
            heading: None,
        };
        assert_eq!(in_table.to_string(), "paragraph 3, table 1 row 2 column 3");
    }
}
