//! Places in a text as the Language Server Protocol counts them: 0-based lines, and columns in
//! UTF-16 code units (the one encoding every client accepts), to and from byte offsets.

use std::cell::Cell;

use lsp_types::{Position, Range};

use crate::source::Span;

/// The line starts of one text.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last offset turned into a position and its column: findings come in position order,
    /// so the next offset on the same line is counted on from there, and a thousand findings on
    /// one long line cost one pass over it.
    last: Cell<(usize, u32)>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            text,
            starts,
            last: Cell::new((0, 0)),
        }
    }

    /// The 0-based index of the line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The position of a byte offset (clamped to the text, and moved back to a character
    /// boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let (last_offset, last_column) = self.last.get();
        let (from, column) = if last_offset >= start && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = column + utf16_len(&self.text[from..offset]);
        self.last.set((offset, column));
        Position::new(line as u32, column)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position. A line past the end is the end of the text; a column past
    /// the end of its line is the end of the line; a column inside a surrogate pair is the
    /// start of its character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let mut units = 0;
        for (index, c) in line.char_indices() {
            units += c.len_utf16() as u32;
            if units > position.character {
                return start + index;
            }
        }
        start + line.len()
    }

    /// The byte offset where 0-based line `line` starts, `None` past the last line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get(line as usize).copied()
    }

    /// How many lines the text has (a final line without a newline counts).
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        let text = "# Ünï😀x\nab\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(x), Position::new(0, 7));
        assert_eq!(lines.offset(Position::new(0, 7)), x);
        // Inside the surrogate pair of the emoji: its start.
        assert_eq!(lines.offset(Position::new(0, 6)), text.find('😀').unwrap());
        assert_eq!(lines.position(text.len()), Position::new(2, 0));
        assert_eq!(lines.offset(Position::new(1, 99)), text.len() - 1);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        // Counting on from an earlier position on the same line, and back again.
        assert_eq!(lines.position(2), Position::new(0, 2));
        assert_eq!(lines.position(x + 1), Position::new(0, 8));
        assert_eq!(lines.position(1), Position::new(0, 1));
    }
}
