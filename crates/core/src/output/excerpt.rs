//! The text a human diagnostic shows. codespan-reporting prints every labelled line whole, so
//! a line of megabytes (a document on one line, minified HTML) printed once per finding on it
//! makes the output grow with the square of the line. A line longer than [`LONG_LINE`] bytes
//! is shown as a window of [`CONTEXT`] bytes either side of the labels on it, between `…`
//! marks; line and column numbers stay those of the whole text.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::{LineIndex, Span};

/// Lines up to this long are shown whole.
pub const LONG_LINE: usize = 1_000;

/// Bytes shown either side of the labels on a long line.
const CONTEXT: usize = 120;

const CUT: &str = "…";

/// One line of an [`Excerpt`].
struct Line {
    /// Its bytes in the excerpt.
    range: Range<usize>,
    /// Where the part shown starts, in the text and in the excerpt (after a `…`).
    shown_from: usize,
    shown_at: usize,
    shown_len: usize,
}

/// The lines from a finding's first label to its last, long ones cut to a window.
pub struct Excerpt<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    /// The 0-based line of the text the excerpt starts at.
    first: usize,
    shown: String,
    lines: Vec<Line>,
}

impl<'a> Excerpt<'a> {
    /// An excerpt for labels at `spans`, or `None` when every line they are on is short enough
    /// to show whole.
    pub fn of(
        name: &'a str,
        text: &'a str,
        index: &'a LineIndex,
        spans: &[Span],
    ) -> Option<Excerpt<'a>> {
        let first = spans.iter().map(|s| index.line(s.start) - 1).min()?;
        let last = spans.iter().map(|s| last_line(index, *s)).max()?;
        let long = |line| {
            index
                .line_range(line, text.len())
                .is_some_and(|r| r.len() > LONG_LINE)
        };
        if !spans
            .iter()
            .any(|s| (index.line(s.start) - 1..=last_line(index, *s)).any(long))
        {
            return None;
        }
        let mut excerpt = Excerpt {
            name,
            text,
            index,
            first,
            shown: String::new(),
            lines: Vec::new(),
        };
        for line in first..=last {
            let range = index.line_range(line, text.len())?;
            excerpt.push_line(range, spans);
        }
        Some(excerpt)
    }

    fn push_line(&mut self, range: Range<usize>, spans: &[Span]) {
        let start = self.shown.len();
        let content_end = if self.text[range.clone()].ends_with('\n') {
            range.end - 1
        } else {
            range.end
        };
        let (from, to) = if range.len() <= LONG_LINE {
            (range.start, range.end)
        } else {
            let on_line = spans
                .iter()
                .filter(|s| s.start <= content_end && s.end >= range.start);
            let low = on_line.clone().map(|s| s.start.max(range.start)).min();
            let high = on_line.map(|s| s.end.min(content_end)).max();
            let (low, high) = (low.unwrap_or(range.start), high.unwrap_or(range.start));
            (
                floor_boundary(self.text, low.saturating_sub(CONTEXT).max(range.start)),
                ceil_boundary(self.text, (high + CONTEXT).min(content_end)),
            )
        };
        if from > range.start {
            self.shown.push_str(CUT);
        }
        let shown_at = self.shown.len();
        self.shown.push_str(&self.text[from..to]);
        if to < content_end {
            self.shown.push_str(CUT);
            if content_end < range.end {
                self.shown.push('\n');
            }
        }
        self.lines.push(Line {
            range: start..self.shown.len(),
            shown_from: from,
            shown_at,
            shown_len: to - from,
        });
    }

    /// Where byte `offset` of the text is in the excerpt (the nearest shown byte when it is cut
    /// away).
    fn place(&self, offset: usize, line: usize) -> usize {
        let line = &self.lines[line - self.first];
        let within = offset.saturating_sub(line.shown_from).min(line.shown_len);
        line.shown_at + within
    }

    /// A span of the text as a range of the excerpt.
    pub fn range(&self, span: Range<usize>) -> Range<usize> {
        let start_line = self.index.line(span.start) - 1;
        let end_line = last_line(self.index, Span::new(span.start, span.end));
        let start = self.place(span.start, start_line);
        start..self.place(span.end, end_line).max(start)
    }
}

/// The 0-based line of a span's last byte (its first line when it is empty).
fn last_line(index: &LineIndex, span: Span) -> usize {
    index.line(span.end.max(span.start + 1) - 1) - 1
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.shown)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .partition_point(|line| line.range.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first + line_index + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len().saturating_sub(1),
        })?;
        let offset = line.shown_from + byte_index.saturating_sub(line.shown_at).min(line.shown_len);
        Ok(self.index.line_col(self.text, offset).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .get(line_index)
            .map(|line| line.range.clone())
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len().saturating_sub(1),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_label() {
        let text = format!(
            "# Title\n{}synergy{}\nlast\n",
            "a".repeat(3_000),
            "b".repeat(3_000)
        );
        let index = LineIndex::new(&text);
        let at = text.find("synergy").unwrap();
        let span = Span::new(at, at + 7);
        let excerpt = Excerpt::of("p.md", &text, &index, &[span]).unwrap();
        let shown = excerpt.source(()).unwrap();
        assert_eq!(
            shown,
            format!("…{}synergy{}…\n", "a".repeat(120), "b".repeat(120))
        );
        let range = excerpt.range(span.range());
        assert_eq!(&shown[range.clone()], "synergy");
        let line = excerpt.line_index((), range.start).unwrap();
        assert_eq!(excerpt.line_number((), line).unwrap(), 2);
        assert_eq!(excerpt.column_number((), line, range.start).unwrap(), 3_001);
        assert!(Excerpt::of("p.md", &text, &index, &[Span::new(0, 7)]).is_none());
    }
}
