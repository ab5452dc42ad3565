//! Where extracted text came from.
//!
//! A Word or OpenDocument file is not text: policylint reads its paragraphs and lints the
//! extracted text, one paragraph a line, so codespan can show it. A reader of the diagnostic
//! still needs to find the place in the file they will open, so each paragraph of the
//! extracted text remembers its paragraph number and, in a table, its cell; a span's
//! [`Location`] adds the heading it is under. Output formats name it as
//! `policy.docx: paragraph 12 (under "Approvals")`.

use std::fmt;

use super::{BlockKind, Document, Span};

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

impl Document {
    /// Where `span` is in the original file, for documents whose text was extracted from a
    /// package; `None` when the text is the file itself (line and column say it all).
    pub fn location(&self, span: Span) -> Option<Location> {
        let index = self
            .places
            .partition_point(|place| place.start <= span.start)
            .checked_sub(1)?;
        let place = self.places[index];
        Some(Location {
            paragraph: place.paragraph,
            cell: place.cell,
            heading: self.heading_above(span.start),
        })
    }

    /// The heading of the section holding the block at `offset`; for a heading block, the
    /// heading of the section it opens within.
    fn heading_above(&self, offset: usize) -> Option<String> {
        let block = self
            .blocks
            .partition_point(|b| b.span.start <= offset)
            .checked_sub(1)?;
        let block = &self.blocks[block];
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
