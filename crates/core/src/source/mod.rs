//! Turning a file into a [`Document`]: the one model every later step reads.
//!
//! A document is a flat, pre-order arena of sections and a flat list of blocks in
//! reading order. Every element carries byte [`Span`]s into the original text, so a
//! finding always points at real bytes. Only the *prose* spans of a block count as
//! evidence: code, HTML, link destinations and front matter never appear there.

mod asciidoc;
mod deadline;
mod decode;
mod front_matter;
pub mod heading_attributes;
mod html;
mod inline_scan;
mod markdown;
mod office;
mod place;
mod rst;
mod text;

use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use decode::{DecodeError, Decoded, decode};
pub use front_matter::{FrontMatter, RawField, RawValue, at_start as front_matter_at_start};
pub use markdown::MarkdownParser;
pub use office::PackageError;
pub use place::{Location, Place, Source, TableCell};

/// A half-open byte range into a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// The input languages policylint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Text,
    Html,
    /// reStructuredText.
    Rst,
    AsciiDoc,
    /// Word (Office Open XML).
    Docx,
    /// OpenDocument text.
    Odt,
}

impl Format {
    /// Extensions of the files policylint reads, and their formats.
    pub const BY_EXTENSION: &[(&str, Format)] = &[
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("mdown", Format::Markdown),
        ("mkd", Format::Markdown),
        ("txt", Format::Text),
        ("text", Format::Text),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("xhtml", Format::Html),
        ("rst", Format::Rst),
        ("rest", Format::Rst),
        ("adoc", Format::AsciiDoc),
        ("asciidoc", Format::AsciiDoc),
        ("docx", Format::Docx),
        ("docm", Format::Docx),
        ("odt", Format::Odt),
    ];

    /// Extensions of document formats policylint cannot read yet: a folder walk passes over
    /// them with one notice, and naming one on the command line is an error.
    pub const NOT_YET_READ: &[&str] = &["pdf", "doc", "pages", "rtf"];

    /// The extension of a document policylint cannot read yet, lowercased, if `path` is one.
    pub fn not_yet_read(path: &Path) -> Option<String> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::NOT_YET_READ.contains(&ext.as_str()).then_some(ext)
    }

    /// The format a file's extension implies, or `None` for files policylint does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::BY_EXTENSION
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, format)| *format)
    }

    /// The format a file is read in: by its extension, plain text when that says nothing.
    pub fn of_file(path: &Path) -> Format {
        Format::from_path(path).unwrap_or(Format::Text)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::Rst => "restructuredtext",
            Format::AsciiDoc => "asciidoc",
            Format::Docx => "docx",
            Format::Odt => "odt",
        }
    }

    /// Word and OpenDocument files are zip packages: they are unpacked with [`unpack`], never
    /// decoded as text.
    pub fn is_package(self) -> bool {
        matches!(self, Format::Docx | Format::Odt)
    }
}

/// What a block is; list items remember whether their list was numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem { ordered: bool },
    TableCell,
    Quote,
}

/// One unit of prose: a paragraph, a list item, a table cell, a quoted paragraph or a heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, markers included.
    pub span: Span,
    /// Indexes into [`Document::prose`]: the parts of the block that are the author's own words.
    pub prose: Range<usize>,
    /// The innermost section this block belongs to.
    pub section: usize,
}

/// A heading and everything under it until the next heading of the same or a higher level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading block, `None` for the root section (text before the first heading).
    pub heading: Option<usize>,
    /// 1–6 for headings, 0 for the root.
    pub level: u8,
    pub parent: Option<usize>,
    /// This section's own blocks (its heading included), not those of its children.
    pub blocks: Range<usize>,
    /// One past the last section of this section's subtree (sections are in pre-order).
    pub subtree_end: usize,
}

/// A parsed document. Built by [`parse`]; read by every later step.
#[derive(Clone, Debug)]
pub struct Document {
    pub path: String,
    pub format: Format,
    pub text: String,
    pub front_matter: Option<FrontMatter>,
    /// Properties a Word or OpenDocument package keeps beside the text (`creator`,
    /// `last-modified-by`, `modified`, `title`), under those names; empty for other formats.
    pub properties: Vec<RawField>,
    /// Pre-order: index 0 is the root; a section's descendants follow it up to `subtree_end`.
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    /// Prose spans of all blocks, in order; each block owns a contiguous run.
    pub prose: Vec<Span>,
    /// Comments the author left for tools (HTML comments in Markdown and HTML; `#` or `//`
    /// lines that address policylint in plain text and AsciiDoc; `..` comments in
    /// reStructuredText), in order. Never prose.
    pub comments: Vec<Span>,
    /// Where each paragraph of `text` came from, when `text` was extracted from a package
    /// (Word, OpenDocument) rather than read as the file; empty otherwise. See
    /// [`Source::location`].
    pub places: Vec<Place>,
}

/// A title and where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    pub text: String,
    pub span: Span,
}

impl Document {
    /// The prose spans of one block.
    pub fn block_prose(&self, block: &Block) -> &[Span] {
        &self.prose[block.prose.clone()]
    }

    /// The heading text of a section, without markup, or `None` for the root.
    pub fn heading_text(&self, section: usize) -> Option<String> {
        let block = &self.blocks[self.sections[section].heading?];
        Some(self.prose_text(block))
    }

    /// The heading block's span of a section, or `None` for the root.
    pub fn heading_span(&self, section: usize) -> Option<Span> {
        self.sections[section]
            .heading
            .map(|block| trimmed_span(&self.text, self.blocks[block].span))
    }

    /// A block's prose joined with single spaces, emphasis markers dropped: what a reader sees.
    pub fn prose_text(&self, block: &Block) -> String {
        let spans = self.block_prose(block);
        let mut joined = String::new();
        for (i, span) in spans.iter().enumerate() {
            if i > 0 {
                let gap = &self.text[spans[i - 1].end..span.start];
                match self.format {
                    // `Health &amp; safety` reads "Health & safety".
                    Format::Html => joined.push_str(&html::gap_text(gap)),
                    _ => joined.push(' '),
                }
            }
            joined.push_str(&self.text[span.range()]);
        }
        let mut out = String::new();
        for word in joined.split_whitespace() {
            let word = strip_emphasis(word);
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
        out
    }

    /// The document title: front matter `title`, else the first level-1 heading, else the first
    /// heading of any level. `None` when the document has no heading at all.
    pub fn title(&self) -> Option<Title> {
        if let Some(front) = &self.front_matter
            && let Some(title) = &front.title
        {
            return Some(Title {
                text: title.clone(),
                span: front.title_span.unwrap_or(front.span),
            });
        }
        let section = self
            .sections
            .iter()
            .position(|s| s.level == 1)
            .or_else(|| self.sections.iter().position(|s| s.heading.is_some()))?;
        Some(Title {
            text: self.heading_text(section)?,
            span: self.heading_span(section)?,
        })
    }

    /// Where a finding about the whole document points: the title, else the first line of prose,
    /// else the start of the file.
    pub fn anchor_span(&self) -> Span {
        if let Some(title) = self.title() {
            return title.span;
        }
        if let Some(block) = self.blocks.first() {
            let start = block.span.start;
            let line_end = self.text[start..]
                .find(['\n', '\r'])
                .map_or(self.text.len(), |i| start + i);
            return trimmed_span(&self.text, Span::new(start, line_end.min(block.span.end)));
        }
        Span::new(0, 0)
    }

    /// The blocks of a section and all its descendants.
    pub fn subtree_blocks(&self, section: usize) -> Range<usize> {
        let start = self.sections[section].blocks.start;
        let last = self.sections[section].subtree_end - 1;
        start..self.sections[last].blocks.end.max(start)
    }
}

/// Line starts of a text, for turning byte offsets into 1-based line and column numbers the
/// way codespan-reporting counts them: lines end at `\n`, columns count characters.
///
/// Columns are counted from a checkpoint every [`CHECKPOINT`] bytes rather than from the start
/// of the line, so any number of positions on one long line costs no more than on short ones.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before byte `i * CHECKPOINT`, for every `i`.
    chars_before: Vec<usize>,
}

/// Bytes between the checkpoints of [`LineIndex`].
const CHECKPOINT: usize = 256;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut count = 0;
        for chunk in text.as_bytes().chunks(CHECKPOINT) {
            chars_before.push(count);
            count += chars_starting_in(chunk);
        }
        chars_before.push(count);
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// The 1-based line of a byte offset into the text.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The bytes of 0-based line `index` in a text of `len` bytes, its `\n` included.
    pub fn line_range(&self, index: usize, len: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(index)?;
        Some(start..self.starts.get(index + 1).copied().unwrap_or(len))
    }

    /// 1-based line and column (in characters) of a byte offset into `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line(offset) - 1;
        let start = self.starts[line];
        let column = if text.is_char_boundary(offset) {
            self.chars_to(text, offset) - self.chars_to(text, start)
        } else {
            offset - start
        };
        (line + 1, column + 1)
    }

    /// Characters in `text[..offset]`.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        let from = checkpoint * CHECKPOINT;
        self.chars_before[checkpoint] + chars_starting_in(&text.as_bytes()[from..offset])
    }
}

/// Characters that start in `bytes`: every byte but UTF-8 continuation bytes.
fn chars_starting_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A word without the `*`, `_` and `~` that mark emphasis around it ("**Why**:" reads "Why:").
fn strip_emphasis(word: &str) -> String {
    const MARKS: &[char] = &['*', '_', '~'];
    let core_end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (core, tail) = word.split_at(core_end);
    let tail: String = tail.chars().filter(|c| !MARKS.contains(c)).collect();
    format!("{}{tail}", core.trim_start_matches(MARKS))
}

/// A span shrunk to exclude leading and trailing whitespace (kept when nothing else is left).
pub fn trimmed_span(text: &str, span: Span) -> Span {
    let slice = &text[span.range()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    if start < end {
        Span::new(start, end)
    } else {
        span
    }
}

/// Why a document could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The parser gave up before the end of the file.
    #[error("parsing was cancelled before the end of the file")]
    Cancelled,
    /// A package format was handed to [`parse`], or a text format to [`unpack`].
    #[error("{}", wrong_reader(*.0))]
    WrongReader(Format),
    /// The parser ran out of the time a file of this size is given.
    #[error(
        "gave up parsing after {} (max-parse-time): the markup is too large or too deeply nested to parse in time",
        crate::limits::describe_seconds(*.0)
    )]
    OutOfTime(std::time::Duration),
    /// A Word or OpenDocument file that cannot be read.
    #[error(transparent)]
    Package(PackageError),
    /// HTML elements nested deeper than the HTML reader takes.
    #[error(
        "HTML elements nest more than {max} deep at byte {0}: too deep to read",
        max = html::MAX_DEPTH
    )]
    TooDeep(usize),
}

/// Which reader a format needs, for [`ParseError::WrongReader`].
fn wrong_reader(format: Format) -> String {
    if format.is_package() {
        format!(
            "{} files are zip packages, read from their bytes, not from text",
            format.name()
        )
    } else {
        format!("{} files are text, not zip packages", format.name())
    }
}

/// Parse decoded text into a [`Document`], within the default parse time.
pub fn parse(
    path: String,
    format: Format,
    text: String,
    markdown: &mut MarkdownParser,
) -> Result<Document, ParseError> {
    parse_within(
        path,
        format,
        text,
        markdown,
        crate::limits::DEFAULT_MAX_PARSE_TIME,
    )
}

/// Parse decoded text into a [`Document`]; the parse gives up after `max_parse_time`.
pub fn parse_within(
    path: String,
    format: Format,
    text: String,
    markdown: &mut MarkdownParser,
    max_parse_time: std::time::Duration,
) -> Result<Document, ParseError> {
    let deadline = deadline::Deadline::after(max_parse_time);
    let mut builder = DocumentBuilder::default();
    let front_matter = match format {
        Format::Markdown => markdown.parse(&text, &mut builder, deadline)?,
        Format::Text => text::parse(&text, &mut builder)?,
        Format::Html => html::parse(&text, &mut builder, deadline)?,
        Format::Rst => rst::parse(&text, &mut builder)?,
        Format::AsciiDoc => asciidoc::parse(&text, &mut builder)?,
        Format::Docx | Format::Odt => return Err(ParseError::WrongReader(format)),
    };
    Ok(Document::build(
        path,
        format,
        text,
        front_matter,
        Vec::new(),
        builder,
        Vec::new(),
    ))
}

/// Read a Word or OpenDocument file into a [`Document`] whose text is the extracted text,
/// one paragraph a line, with [`Document::places`] saying where each paragraph came from;
/// within the default parse time.
pub fn unpack(path: String, format: Format, bytes: &[u8]) -> Result<Document, ParseError> {
    unpack_within(path, format, bytes, crate::limits::DEFAULT_MAX_PARSE_TIME)
}

/// [`unpack`], giving up after `max_parse_time`.
pub fn unpack_within(
    path: String,
    format: Format,
    bytes: &[u8],
    max_parse_time: std::time::Duration,
) -> Result<Document, ParseError> {
    let kind = office::Kind::of(format).ok_or(ParseError::WrongReader(format))?;
    let mut builder = DocumentBuilder::default();
    let deadline = deadline::Deadline::after(max_parse_time);
    let (text, places, properties) =
        office::unpack(kind, bytes, &mut builder, deadline).map_err(|err| match err {
            PackageError::OutOfTime => ParseError::OutOfTime(deadline.budget()),
            err => ParseError::Package(err),
        })?;
    Ok(Document::build(
        path, format, text, None, properties, builder, places,
    ))
}

impl Document {
    fn build(
        path: String,
        format: Format,
        text: String,
        front_matter: Option<FrontMatter>,
        properties: Vec<RawField>,
        builder: DocumentBuilder,
        places: Vec<Place>,
    ) -> Document {
        let (sections, blocks, prose, comments) = builder.finish();
        Document {
            path,
            format,
            text,
            front_matter,
            properties,
            sections,
            blocks,
            prose,
            comments,
            places,
        }
    }
}

/// Accumulates blocks in reading order and grows the section tree as headings arrive,
/// so the Markdown and text parsers share one way of building a document.
#[derive(Default)]
pub(crate) struct DocumentBuilder {
    sections: Vec<Section>,
    blocks: Vec<Block>,
    prose: Vec<Span>,
    pub(crate) comments: Vec<Span>,
    /// The open sections, innermost last.
    open: Vec<usize>,
}

impl DocumentBuilder {
    fn ensure_root(&mut self) {
        if self.sections.is_empty() {
            self.sections.push(Section {
                heading: None,
                level: 0,
                parent: None,
                blocks: 0..0,
                subtree_end: 1,
            });
            self.open.push(0);
        }
    }

    /// Start a new section at a heading of `level` (1–6); its heading is the next block pushed.
    pub(crate) fn open_section(&mut self, level: u8) {
        self.ensure_root();
        while let Some(&innermost) = self.open.last() {
            if self.sections[innermost].level >= level {
                self.close_innermost();
            } else {
                break;
            }
        }
        let parent = *self.open.last().expect("the root section stays open");
        let index = self.sections.len();
        self.sections.push(Section {
            heading: Some(self.blocks.len()),
            level,
            parent: Some(parent),
            blocks: self.blocks.len()..self.blocks.len(),
            subtree_end: index + 1,
        });
        self.open.push(index);
    }

    fn close_innermost(&mut self) {
        if let Some(index) = self.open.pop() {
            self.sections[index].subtree_end = self.sections.len();
        }
    }

    /// Add a block to the innermost open section. Empty prose is allowed (a heading with no text).
    /// Prose is clipped to the block: parsers trim whitespace off a block's span but not
    /// always off the prose at its ends, and every span of a block must lie inside it.
    pub(crate) fn push_block(
        &mut self,
        kind: BlockKind,
        span: Span,
        prose: impl IntoIterator<Item = Span>,
    ) {
        self.ensure_root();
        let section = *self.open.last().expect("the root section stays open");
        let first = self.prose.len();
        self.prose.extend(
            prose
                .into_iter()
                .map(|s| Span::new(s.start.max(span.start), s.end.min(span.end)))
                .filter(|s| !s.is_empty()),
        );
        self.blocks.push(Block {
            kind,
            span,
            prose: first..self.prose.len(),
            section,
        });
        self.sections[section].blocks.end = self.blocks.len();
    }

    fn finish(mut self) -> (Vec<Section>, Vec<Block>, Vec<Span>, Vec<Span>) {
        self.ensure_root();
        while !self.open.is_empty() {
            self.close_innermost();
        }
        self.comments.sort();
        (self.sections, self.blocks, self.prose, self.comments)
    }
}

/// What a parser made of a text, in words: each block's kind and prose spans (joined with
/// `|`), each section's level and heading, each comment. For the parsers' tests.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Outline {
    pub blocks: Vec<(BlockKind, String)>,
    pub headings: Vec<(u8, String)>,
    pub comments: Vec<String>,
}

#[cfg(test)]
impl Outline {
    pub(crate) fn of(
        text: &str,
        parse: fn(&str, &mut DocumentBuilder) -> Result<Option<FrontMatter>, ParseError>,
    ) -> Outline {
        let mut builder = DocumentBuilder::default();
        parse(text, &mut builder).unwrap();
        let (sections, blocks, prose, comments) = builder.finish();
        let words = |block: &Block| {
            prose[block.prose.clone()]
                .iter()
                .map(|s| &text[s.range()])
                .collect::<Vec<_>>()
                .join("|")
        };
        Outline {
            headings: sections
                .iter()
                .filter_map(|s| Some((s.level, words(&blocks[s.heading?]))))
                .collect(),
            blocks: blocks.iter().map(|b| (b.kind, words(b))).collect(),
            comments: comments
                .iter()
                .map(|c| text[c.range()].to_string())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_nest_by_level_in_pre_order() {
        let mut b = DocumentBuilder::default();
        b.push_block(BlockKind::Paragraph, Span::new(0, 1), [Span::new(0, 1)]);
        b.open_section(1);
        b.push_block(BlockKind::Heading, Span::new(2, 3), [Span::new(2, 3)]);
        b.open_section(2);
        b.push_block(BlockKind::Heading, Span::new(4, 5), [Span::new(4, 5)]);
        b.open_section(2);
        b.push_block(BlockKind::Heading, Span::new(6, 7), []);
        b.open_section(1);
        let (sections, blocks, _, _) = b.finish();
        assert_eq!(sections.len(), 5);
        assert_eq!(sections[1].subtree_end, 4);
        assert_eq!(sections[2].parent, Some(1));
        assert_eq!(sections[3].parent, Some(1));
        assert_eq!(sections[4].parent, Some(0));
        assert_eq!(sections[0].subtree_end, 5);
        assert_eq!(blocks[3].prose, 3..3);
        assert_eq!(sections[0].blocks, 0..1);
    }

    #[test]
    fn line_col_counts_characters_after_crlf_and_tabs() {
        let text = "ab\r\n\tä€x\ny";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 4), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 4));
        assert_eq!(index.line_col(text, text.len()), (3, 2));
    }

    #[test]
    fn columns_far_along_a_long_line_count_characters() {
        let text = format!("{}\n{}x", "é".repeat(1_000), "€a".repeat(700));
        let index = LineIndex::new(&text);
        assert_eq!(index.line_col(&text, text.len() - 1), (2, 1_401));
        assert_eq!(index.line_col(&text, 2_000), (1, 1_001));
        assert_eq!(index.line(text.len()), 2);
    }

    #[test]
    fn emphasis_marks_are_dropped_for_display() {
        assert_eq!(strip_emphasis("**Why**:"), "Why:");
        assert_eq!(strip_emphasis("_italic_"), "italic");
        assert_eq!(strip_emphasis("snake_case"), "snake_case");
        assert_eq!(strip_emphasis("**"), "");
    }

    #[test]
    fn trimmed_span_drops_surrounding_whitespace() {
        assert_eq!(trimmed_span("  ab \n", Span::new(0, 6)), Span::new(2, 4));
        assert_eq!(trimmed_span("   ", Span::new(0, 3)), Span::new(0, 3));
    }
}
