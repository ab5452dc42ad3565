//! Markdown through tree-sitter-md.
//!
//! The block grammar gives the structure (headings, paragraphs, lists, quotes, tables,
//! code, HTML, front matter). The inline grammar costs two to three times the block parse,
//! and most paragraphs hold no inline markup that changes what counts as prose, so it runs
//! only on inline content that contains a character able to start a code span, HTML, a link,
//! an image or a formula, and that the exact scan of [`inline_scan`] cannot read alone.

use tree_sitter::{Node, Parser, Point, Tree, TreeCursor};

use super::deadline::Deadline;
use super::front_matter::{self, FrontMatter};
use super::html;
use super::{
    BlockKind, DocumentBuilder, ParseError, Span, heading_attributes, inline_scan, trimmed_span,
};

/// Characters that can open inline syntax whose text is not prose.
const INLINE_TRIGGERS: &[u8] = b"`<[$";

/// Inline nodes whose bytes are never the author's prose.
const NOT_PROSE_INLINE: &[&str] = &[
    "code_span",
    "html_tag",
    "uri_autolink",
    "email_autolink",
    "link_destination",
    "link_title",
    "link_label",
    "image",
    "latex_block",
];

/// A reusable pair of tree-sitter parsers; one per worker thread.
pub struct MarkdownParser {
    block: Parser,
    inline: Parser,
}

impl Default for MarkdownParser {
    fn default() -> Self {
        Self::new()
    }
}

/// What a paragraph sits in, which decides the kind of its block.
#[derive(Clone, Copy)]
enum Container {
    ListItem { ordered: bool },
    Quote,
}

impl MarkdownParser {
    pub fn new() -> Self {
        let mut block = Parser::new();
        block
            .set_language(&tree_sitter_md::LANGUAGE.into())
            .expect("the bundled block grammar matches the tree-sitter ABI");
        let mut inline = Parser::new();
        inline
            .set_language(&tree_sitter_md::INLINE_LANGUAGE.into())
            .expect("the bundled inline grammar matches the tree-sitter ABI");
        MarkdownParser { block, inline }
    }

    /// Parse the block structure only; the floor every later step is measured against.
    pub fn parse_blocks(&mut self, text: &str) -> Option<Tree> {
        self.block.reset();
        self.block.set_included_ranges(&[]).ok()?;
        self.block.parse(text, None)
    }

    /// Parse `text` into `out`, returning its front matter; the block parse and every inline
    /// parse give up at `deadline`.
    pub(crate) fn parse(
        &mut self,
        text: &str,
        out: &mut DocumentBuilder,
        deadline: Deadline,
    ) -> Result<Option<FrontMatter>, ParseError> {
        // Ranges in order and apart, so this cannot fail; were it to, the whole text is read.
        if self
            .block
            .set_included_ranges(&ranges_without_blank_runs(text))
            .is_err()
        {
            let _ = self.block.set_included_ranges(&[]);
        }
        let tree = deadline.parse(&mut self.block, text)?;
        let mut front = None;
        let mut cursor = tree.walk();
        let mut containers: Vec<(usize, Container)> = Vec::new();
        let mut depth = 0usize;
        loop {
            let node = cursor.node();
            let descend = match node.kind() {
                "minus_metadata" | "plus_metadata" => {
                    let span = trimmed_span(text, node_span(node));
                    let parsed = front_matter::read_at(text, span, out);
                    front = Some(parsed);
                    false
                }
                "atx_heading" => {
                    let content = node.child_by_field_name("heading_content");
                    self.heading(text, node, atx_level(node), content, out, deadline)?;
                    false
                }
                "setext_heading" => {
                    let content = first_child_of_kind(node, "paragraph")
                        .and_then(|p| first_child_of_kind(p, "inline"));
                    self.heading(text, node, setext_level(node), content, out, deadline)?;
                    false
                }
                "paragraph" => {
                    let kind = match containers.last() {
                        Some((_, Container::ListItem { ordered })) => {
                            BlockKind::ListItem { ordered: *ordered }
                        }
                        Some((_, Container::Quote)) => BlockKind::Quote,
                        None => BlockKind::Paragraph,
                    };
                    let prose = match first_child_of_kind(node, "inline") {
                        Some(inline) => {
                            self.inline_prose(text, inline, &mut out.comments, deadline)?
                        }
                        None => Vec::new(),
                    };
                    out.push_block(kind, trimmed_span(text, node_span(node)), prose);
                    false
                }
                "pipe_table_cell" => {
                    let prose = self.inline_prose(text, node, &mut out.comments, deadline)?;
                    if !prose.is_empty() {
                        out.push_block(
                            BlockKind::TableCell,
                            trimmed_span(text, node_span(node)),
                            prose,
                        );
                    }
                    false
                }
                "list_item" => {
                    containers.push((
                        depth,
                        Container::ListItem {
                            ordered: is_ordered(node),
                        },
                    ));
                    true
                }
                "block_quote" => {
                    containers.push((depth, Container::Quote));
                    true
                }
                "html_block" => {
                    // Tables and lists written in HTML hold prose like any other block. Its
                    // comments are read here, where one left open runs to the block's end.
                    let comments = out.comments.len();
                    html::parse_embedded(text, node.range(), out, deadline)?;
                    out.comments.truncate(comments);
                    out.comments.extend(html_comments(text, node_span(node)));
                    false
                }
                "fenced_code_block"
                | "indented_code_block"
                | "link_reference_definition"
                | "thematic_break"
                | "pipe_table_delimiter_row" => false,
                _ => true,
            };
            if descend && cursor.goto_first_child() {
                depth += 1;
                continue;
            }
            if !advance(&mut cursor, &mut depth, &mut containers) {
                break;
            }
        }
        Ok(front)
    }

    /// Open a section at a heading node whose text is the inline node `content`.
    fn heading(
        &mut self,
        text: &str,
        node: Node,
        level: u8,
        content: Option<Node>,
        out: &mut DocumentBuilder,
        deadline: Deadline,
    ) -> Result<(), ParseError> {
        out.open_section(level);
        let mut prose = match content {
            Some(inline) => self.inline_prose(text, inline, &mut out.comments, deadline)?,
            None => Vec::new(),
        };
        let mut span = trimmed_span(text, node_span(node));
        if let Some(attributes) = without_trailing_attributes(text, &mut prose)
            && attributes.end == span.end
        {
            // The list closes the heading's line: the heading ends before it.
            span.end = attributes.start;
        }
        out.push_block(BlockKind::Heading, span, prose);
        Ok(())
    }

    /// The prose spans of an inline node (or table cell): its bytes minus block markers inside
    /// it (`>` of a quote, indentation) and minus inline syntax that is not prose. HTML
    /// comments found on the way are added to `comments`.
    fn inline_prose(
        &mut self,
        text: &str,
        node: Node,
        comments: &mut Vec<Span>,
        deadline: Deadline,
    ) -> Result<Vec<Span>, ParseError> {
        let ranges = content_ranges(node);
        let needs_inline_parse = ranges.iter().any(|r| {
            text.as_bytes()[r.start_byte..r.end_byte]
                .iter()
                .any(|b| INLINE_TRIGGERS.contains(b))
        });
        let mut prose: Vec<Span> = ranges
            .iter()
            .map(|r| Span::new(r.start_byte, r.end_byte))
            .collect();
        if !needs_inline_parse {
            return Ok(prose);
        }
        let excluded = match inline_scan::not_prose(text, &ranges) {
            Some(excluded) => excluded,
            None => self.grammar_not_prose(text, &ranges, comments, deadline)?,
        };
        if !excluded.is_empty() {
            prose = subtract(&prose, &excluded);
        }
        Ok(prose)
    }

    /// The non-prose spans of inline content `ranges` by the inline grammar.
    fn grammar_not_prose(
        &mut self,
        text: &str,
        ranges: &[tree_sitter::Range],
        comments: &mut Vec<Span>,
        deadline: Deadline,
    ) -> Result<Vec<Span>, ParseError> {
        self.grammar_not_prose_in_pieces(text, ranges, comments, deadline, INLINE_PIECE)
    }

    /// [`Self::grammar_not_prose`], parsing pieces of about `size` bytes one at a time.
    fn grammar_not_prose_in_pieces(
        &mut self,
        text: &str,
        ranges: &[tree_sitter::Range],
        comments: &mut Vec<Span>,
        deadline: Deadline,
        size: usize,
    ) -> Result<Vec<Span>, ParseError> {
        let mut out = Vec::new();
        for piece in pieces(text, ranges, size) {
            if self.inline.set_included_ranges(&piece).is_ok() {
                let tree = deadline.parse(&mut self.inline, text)?;
                out.extend(not_prose_ranges(&tree, text, comments));
            }
        }
        Ok(merge(out))
    }
}

/// Inline content longer than this is parsed in pieces, cut at whitespace. The inline grammar
/// keeps a few hundred bytes per byte of markup-dense text (`<a <a <a …`), so one tree for a
/// paragraph of megabytes would take gigabytes; a piece's tree is dropped before the next is
/// made. Markup that crosses a cut is read as text, which only a paragraph this long risks.
const INLINE_PIECE: usize = 256 * 1024;

/// `ranges` in pieces of about `size` bytes: a range that would overfill a piece is cut after
/// the first whitespace past the size (a range without any stays whole).
fn pieces(text: &str, ranges: &[tree_sitter::Range], size: usize) -> Vec<Vec<tree_sitter::Range>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut current: Vec<tree_sitter::Range> = Vec::new();
    let mut filled = 0;
    for &range in ranges {
        let mut range = range;
        loop {
            let length = range.end_byte - range.start_byte;
            let room = size.saturating_sub(filled);
            let cut = (length > room)
                .then(|| {
                    let from = range.start_byte + room;
                    bytes[from..range.end_byte]
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .map(|i| from + i + 1)
                })
                .flatten();
            match cut {
                Some(cut) if cut < range.end_byte => {
                    let point = point_at(text, &range, cut);
                    current.push(tree_sitter::Range {
                        end_byte: cut,
                        end_point: point,
                        ..range
                    });
                    pieces.push(std::mem::take(&mut current));
                    filled = 0;
                    range.start_byte = cut;
                    range.start_point = point;
                }
                _ => {
                    current.push(range);
                    filled += length;
                    break;
                }
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// The row and column of byte `at` inside `range`.
fn point_at(text: &str, range: &tree_sitter::Range, at: usize) -> tree_sitter::Point {
    let before = &text.as_bytes()[range.start_byte..at];
    match before.iter().rposition(|&b| b == b'\n') {
        Some(newline) => tree_sitter::Point {
            row: range.start_point.row + before.iter().filter(|&&b| b == b'\n').count(),
            column: before.len() - newline - 1,
        },
        None => tree_sitter::Point {
            row: range.start_point.row,
            column: range.start_point.column + before.len(),
        },
    }
}

/// Move to the next node in pre-order after the current subtree; `false` at the end.
fn advance(
    cursor: &mut TreeCursor,
    depth: &mut usize,
    containers: &mut Vec<(usize, Container)>,
) -> bool {
    loop {
        // Leaving the current node: drop a container it opened.
        if containers.last().is_some_and(|(d, _)| *d == *depth) {
            containers.pop();
        }
        if cursor.goto_next_sibling() {
            return true;
        }
        if !cursor.goto_parent() {
            return false;
        }
        *depth -= 1;
    }
}

/// Drop a trailing attribute list (`{#id}`, `{: .class}`) from a heading's prose; the span from
/// the end of the words before it to the end of the list, when there was one.
fn without_trailing_attributes(text: &str, prose: &mut Vec<Span>) -> Option<Span> {
    let last = *prose.last()?;
    let words = &text[last.range()];
    let at = heading_attributes::trailing_attributes(words)?;
    let kept = words[..at].trim_end().len();
    let removed = Span::new(last.start + kept, last.start + words.trim_end().len());
    match prose.last_mut() {
        Some(span) if kept > 0 => span.end = removed.start,
        _ => {
            prose.pop();
        }
    }
    Some(removed)
}

fn node_span(node: Node) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

fn first_child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor)
        .find(|child| child.kind() == kind)
}

fn atx_level(node: Node) -> u8 {
    let marker = node.child(0).map(|c| c.kind()).unwrap_or("");
    match marker {
        "atx_h1_marker" => 1,
        "atx_h2_marker" => 2,
        "atx_h3_marker" => 3,
        "atx_h4_marker" => 4,
        "atx_h5_marker" => 5,
        _ => 6,
    }
}

fn setext_level(node: Node) -> u8 {
    if first_child_of_kind(node, "setext_h1_underline").is_some() {
        1
    } else {
        2
    }
}

fn is_ordered(list_item: Node) -> bool {
    matches!(
        list_item.child(0).map(|c| c.kind()),
        Some("list_marker_dot" | "list_marker_parenthesis")
    )
}

/// The node's range split around its named children (block continuations such as a quote's
/// `>`), as tree-sitter ranges ready for the inline parser.
fn content_ranges(node: Node) -> Vec<tree_sitter::Range> {
    let mut range = node.range();
    let mut ranges = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        let child_range = child.range();
        if child_range.start_byte > range.start_byte {
            ranges.push(tree_sitter::Range {
                start_byte: range.start_byte,
                start_point: range.start_point,
                end_byte: child_range.start_byte,
                end_point: child_range.start_point,
            });
        }
        range.start_byte = child_range.end_byte.max(range.start_byte);
        range.start_point = child_range.end_point.max(range.start_point);
    }
    if range.end_byte > range.start_byte {
        ranges.push(range);
    }
    ranges
}

/// Links whose text is prose but whose brackets, destination, title and label are not.
const LINKS: &[&str] = &[
    "inline_link",
    "full_reference_link",
    "collapsed_reference_link",
    "shortcut_link",
];

/// Byte ranges of inline nodes that are not prose, sorted and merged; inline HTML comments are
/// also added to `comments`.
fn not_prose_ranges(tree: &Tree, text: &str, comments: &mut Vec<Span>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let skip = NOT_PROSE_INLINE.contains(&node.kind());
        if skip {
            out.push(node_span(node));
            if node.kind() == "html_tag" && text[node.byte_range()].starts_with("<!--") {
                comments.push(node_span(node));
            }
        } else if LINKS.contains(&node.kind()) {
            let mut children = node.walk();
            for child in node.children(&mut children) {
                if child.kind() != "link_text" {
                    out.push(node_span(child));
                }
            }
        }
        if !skip && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return merge(out);
            }
        }
    }
}

/// The `<!-- ... -->` comments inside an HTML block (one that is not closed runs to the end).
fn html_comments(text: &str, block: Span) -> Vec<Span> {
    let mut comments = Vec::new();
    let mut at = block.start;
    while let Some(open) = text[at..block.end].find("<!--") {
        let start = at + open;
        let end = text[start + 4..block.end]
            .find("-->")
            .map_or(block.end, |close| start + 4 + close + 3);
        comments.push(Span::new(start, end));
        at = end;
    }
    comments
}

/// Sort spans and merge those that overlap or touch.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// `spans` minus `holes`; both sorted by start, `holes` non-overlapping.
pub(super) fn subtract(spans: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len() + holes.len());
    let mut h = 0;
    for &span in spans {
        let mut start = span.start;
        while h < holes.len() && holes[h].end <= start {
            h += 1;
        }
        let mut k = h;
        while k < holes.len() && holes[k].start < span.end {
            if holes[k].start > start {
                out.push(Span::new(start, holes[k].start));
            }
            start = start.max(holes[k].end);
            k += 1;
        }
        if start < span.end {
            out.push(Span::new(start, span.end));
        }
    }
    out
}

/// Blank lines read in a row: more only separate the same two blocks, and tree-sitter keeps
/// about 540 bytes for each one it reads, so a file of blank lines would cost gigabytes.
const MAX_BLANK_LINES_READ: usize = 2;

/// The parts of `text` the block parse reads: all of it but the blank lines after the first
/// [`MAX_BLANK_LINES_READ`] of each run. Each part left out starts and ends at a line start
/// (or the end of the text), so the lines read see the same columns.
fn ranges_without_blank_runs(text: &str) -> Vec<tree_sitter::Range> {
    let mut ranges = Vec::new();
    let (mut start, mut start_point) = (0, Point::new(0, 0));
    let mut blank_run = 0;
    let mut skip_from: Option<(usize, Point)> = None;
    let mut line_start = 0;
    // Where the text ends, as tree-sitter counts rows and columns.
    let mut end_point = Point::new(0, 0);
    for (row, line) in text.split_inclusive('\n').enumerate() {
        let point = Point::new(row, 0);
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run == MAX_BLANK_LINES_READ + 1 {
                skip_from = Some((line_start, point));
            }
        } else {
            if let Some((from, from_point)) = skip_from.take() {
                ranges.push(range(start, start_point, from, from_point));
                (start, start_point) = (line_start, point);
            }
            blank_run = 0;
        }
        line_start += line.len();
        end_point = if line.ends_with('\n') {
            Point::new(row + 1, 0)
        } else {
            Point::new(row, line.len())
        };
    }
    if let Some((from, from_point)) = skip_from {
        ranges.push(range(start, start_point, from, from_point));
    } else if ranges.is_empty() {
        // Nothing left out: no ranges means the whole text.
        return ranges;
    } else {
        ranges.push(range(start, start_point, text.len(), end_point));
    }
    ranges
}

fn range(start: usize, start_point: Point, end: usize, end_point: Point) -> tree_sitter::Range {
    tree_sitter::Range {
        start_byte: start,
        end_byte: end,
        start_point,
        end_point,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Pieces of inline content, markup and the characters that make markup ambiguous.
    const PIECES: &[&str] = &[
        "word",
        "the rules",
        "people",
        " ",
        " ",
        " ",
        "*",
        "**",
        "_",
        "__",
        "~~",
        "`",
        "``",
        "`code`",
        "`a b`",
        "[",
        "]",
        "(",
        ")",
        "](",
        "[link text](https://example.com/a)",
        "[x](/path)",
        "[a *b*](c)",
        "!",
        "![",
        "\\",
        "\\*",
        "<",
        ">",
        "<b>",
        "<!-- c -->",
        "<https://a.b>",
        "$",
        "$x$",
        "&amp;",
        "#tag",
        "\"t\"",
        "'",
        ".",
        ",",
        "\n",
        "\n",
        "[^1]",
        "[ref]",
        "[ref][]",
        "[a][b]",
        "(see [the guide](https://example.com/g)).",
        " *word*",
        " **the rules**",
        " _a b_",
        " __c__",
        "*a",
        "b*",
        " *",
        "* ",
        ". ",
        "snake_case",
    ];

    /// Pieces of well-formed inline content the scan reads alone.
    const WELL_FORMED: &[&str] = &[
        "word",
        " ",
        " ",
        ". ",
        ", ",
        "\n",
        " *word*",
        " **the rules**",
        " _a b_",
        " `code`",
        " [link text](https://example.com/a)",
        " (see [the guide](https://example.com/g)).",
    ];

    /// SplitMix64, for reproducible generated inputs.
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A generated document holding `inline` in one of the places inline content sits.
    fn document(inline: &str, place: u64) -> String {
        let line = inline.replace('\n', " ");
        match place {
            0 => format!("{inline}\n"),
            1 => format!("- {}\n", inline.replace('\n', "\n  ")),
            2 => format!("> {}\n", inline.replace('\n', "\n> ")),
            3 => format!("1. item\n   > {}\n", inline.replace('\n', "\n   > ")),
            4 => format!("## {line}\n"),
            5 => format!("| a | b |\n| - | - |\n| {} | x |\n", line.replace('|', " ")),
            _ => format!("{line}\n---\n"),
        }
    }

    #[test]
    fn the_inline_scan_agrees_with_the_inline_grammar() {
        let mut parser = MarkdownParser::new();
        let mut state = 7u64;
        let (mut compared, mut scanned, mut with_markup) = (0usize, 0usize, 0usize);
        for _ in 0..30_000 {
            let length = 1 + next(&mut state) % 14;
            // Half the inputs are well-formed markup, which the scan must read, not refuse.
            let pieces = if next(&mut state).is_multiple_of(2) {
                WELL_FORMED
            } else {
                PIECES
            };
            let inline: String = (0..length)
                .map(|_| pieces[(next(&mut state) % pieces.len() as u64) as usize])
                .collect();
            let text = document(&inline, next(&mut state) % 7);
            let tree = parser.parse_blocks(&text).unwrap();
            let mut cursor = tree.walk();
            loop {
                let node = cursor.node();
                if matches!(node.kind(), "inline" | "pipe_table_cell") {
                    let ranges = content_ranges(node);
                    compared += 1;
                    if let Some(fast) = inline_scan::not_prose(&text, &ranges) {
                        scanned += 1;
                        with_markup += usize::from(!fast.is_empty());
                        let mut comments = Vec::new();
                        let deadline = Deadline::after(Duration::from_secs(60));
                        let grammar = parser
                            .grammar_not_prose(&text, &ranges, &mut comments, deadline)
                            .unwrap();
                        assert_eq!(fast, grammar, "inline content in {text:?}");
                        assert!(comments.is_empty(), "{text:?}");
                    }
                }
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break;
                    }
                }
                if cursor.node() == tree.root_node() {
                    break;
                }
            }
        }
        assert!(compared > 30_000, "{compared} inline nodes");
        assert!(
            with_markup * 6 > compared,
            "the scan read markup in {with_markup} of {compared}, plain text in {scanned}"
        );
    }

    #[test]
    fn inline_content_parsed_in_pieces_reads_as_one_parse_does() {
        let mut parser = MarkdownParser::new();
        let paragraph = "Ask `code` and <b>bold</b> or [guide](https://example.com/g) now\n"
            .repeat(40)
            + &"see [x](/y) <a ".repeat(100);
        for text in [
            paragraph.clone(),
            format!("> {}", paragraph.replace('\n', "\n> ")),
        ] {
            let tree = parser.parse_blocks(&text).unwrap();
            fn first_inline(node: Node) -> Option<Node> {
                if node.kind() == "inline" {
                    return Some(node);
                }
                let mut cursor = node.walk();
                node.children(&mut cursor).find_map(first_inline)
            }
            let inline = first_inline(tree.root_node()).expect("inline content");
            let ranges = content_ranges(inline);
            let deadline = Deadline::after(Duration::from_secs(60));
            let mut read = |size| {
                parser
                    .grammar_not_prose_in_pieces(&text, &ranges, &mut Vec::new(), deadline, size)
                    .unwrap()
            };
            let whole = read(usize::MAX);
            assert!(whole.len() > 200, "{} spans", whole.len());
            for size in [1, 10, 100, 1000] {
                assert!(pieces(&text, &ranges, size).len() > text.len() / size.max(100) / 2);
                assert_eq!(read(size), whole, "pieces of {size} bytes");
            }
        }
    }

    /// Each block's kind, section and text.
    fn blocks_of(text: &str) -> Vec<(BlockKind, usize, String)> {
        let doc = crate::source::parse(
            "gap.md".into(),
            crate::source::Format::Markdown,
            text.into(),
            &mut MarkdownParser::new(),
        )
        .unwrap();
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.section, text[b.span.range()].to_owned()))
            .collect()
    }

    #[test]
    fn long_runs_of_blank_lines_are_read_as_two() {
        let gap = "\n \n\t\n".repeat(40);
        for shape in [
            "# Title\n\nFirst paragraph.\n{gap}Second paragraph.\n",
            "- one\n{gap}- two\n{gap}## Next\n\nText.",
            "Before.\n\n```\ncode\n{gap}more code\n```\n\nAfter the fence.\n",
            "> quoted\n{gap}> quoted again\n",
            "Text at the start.\n{gap}",
            "{gap}Text after a leading gap.",
        ] {
            let long = shape.replace("{gap}", &gap);
            let short = shape.replace("{gap}", "\n\n");
            assert_eq!(blocks_of(&long), blocks_of(&short), "{shape:?}");
            assert!(!ranges_without_blank_runs(&long).is_empty(), "{shape:?}");
            assert!(ranges_without_blank_runs(&short).is_empty(), "{shape:?}");
        }
    }

    #[test]
    fn html_comments_are_found_in_blocks() {
        let text = "<!-- a -->\n<div><!-- b --></div>\n<!-- open";
        let spans: Vec<&str> = html_comments(text, Span::new(0, text.len()))
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(spans, ["<!-- a -->", "<!-- b -->", "<!-- open"]);
    }

    #[test]
    fn subtract_cuts_holes_out_of_spans() {
        let spans = [Span::new(0, 10), Span::new(12, 20)];
        let holes = [Span::new(2, 4), Span::new(9, 14), Span::new(18, 30)];
        assert_eq!(
            subtract(&spans, &holes),
            vec![Span::new(0, 2), Span::new(4, 9), Span::new(14, 18)]
        );
    }
}
