//! Plain text to a document, by line heuristics.
//!
//! Plain text has no markup, so structure is inferred the way a reader infers it:
//! a line underlined with `===` or `---`, a short ALL-CAPS line, a numbered title
//! (`1. PURPOSE`, `2.1 Scope`), a short line ending in `:` or a short first line all read as
//! headings; blank lines end paragraphs; `-`, `*`, `•`, `1.`, `a)` start list items.

use super::front_matter::{self, FrontMatter};
use super::{BlockKind, DocumentBuilder, Span, trimmed_span};

/// Headings are short: longer lines are sentences, whatever their case.
const MAX_HEADING_WORDS: usize = 10;
const MAX_COLON_HEADING_WORDS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    /// `===` (level 1) or `---` (level 2) under a line.
    Underline(u8),
    /// A list marker; the span is the item's text after the marker.
    Item {
        ordered: bool,
        text: Span,
    },
    /// `# policylint-...` or `// policylint-...`: a directive for the linter, not prose.
    Comment,
    Text,
}

pub(crate) fn parse(
    text: &str,
    out: &mut DocumentBuilder,
) -> Result<Option<FrontMatter>, super::ParseError> {
    let front = front_matter::read(text, out);
    let body_start = front.as_ref().map_or(0, |f| f.span.end);
    let lines: Vec<Span> = lines(text, body_start).collect();
    let kinds: Vec<Line> = lines.iter().map(|&l| classify(text, l)).collect();
    let mut splitter = Splitter::new(text, out);
    let mut i = 0;
    while i < lines.len() {
        let (line, kind) = (lines[i], kinds[i]);
        let next = kinds.get(i + 1).copied().unwrap_or(Line::Blank);
        let previous = i.checked_sub(1).map_or(Line::Blank, |p| kinds[p]);
        let starts_block = splitter.pending.is_empty();
        match kind {
            Line::Blank => splitter.flush(),
            Line::Comment => {
                splitter.flush();
                splitter.out.comments.push(super::trimmed_span(text, line));
            }
            Line::Underline(level) if !starts_block => {
                // The underlined line is the heading; lines above it stay a paragraph.
                let heading = splitter.pending.pop().expect("a pending line exists");
                splitter.flush();
                splitter.heading(level, heading);
            }
            Line::Underline(_) => {}
            Line::Item {
                ordered,
                text: item,
            } => {
                if let Some(level) = numbered_title_level(text, line, previous, next) {
                    splitter.flush();
                    splitter.heading(level, super::trimmed_span(text, line));
                } else {
                    splitter.flush();
                    splitter.pending_kind = BlockKind::ListItem { ordered };
                    splitter.pending.push(item);
                }
            }
            Line::Text => {
                let trimmed = super::trimmed_span(text, line);
                let underlined = matches!(next, Line::Underline(_));
                if starts_block
                    && !underlined
                    && let Some(level) = heading_level(text, trimmed, next, splitter.started)
                {
                    splitter.heading(level, trimmed);
                    i += 1;
                    continue;
                }
                if starts_block {
                    splitter.pending_kind = BlockKind::Paragraph;
                }
                splitter.pending.push(trimmed);
            }
        }
        i += 1;
    }
    splitter.flush();
    Ok(front)
}

/// Gathers the lines of a block until a blank line or a heading ends it; shared by the
/// line-based formats (plain text, reStructuredText, AsciiDoc).
pub(super) struct Splitter<'a> {
    text: &'a str,
    pub(super) out: &'a mut DocumentBuilder,
    /// Prose spans of the block being gathered.
    pub(super) pending: Vec<Span>,
    pub(super) pending_kind: BlockKind,
    /// Whether any block was emitted yet: only the first line can be an unmarked title.
    started: bool,
}

impl<'a> Splitter<'a> {
    pub(super) fn new(text: &'a str, out: &'a mut DocumentBuilder) -> Self {
        Splitter {
            text,
            out,
            pending: Vec::new(),
            pending_kind: BlockKind::Paragraph,
            started: false,
        }
    }

    /// End the block being gathered, if any.
    pub(super) fn flush(&mut self) {
        if let (Some(first), Some(last)) = (self.pending.first(), self.pending.last()) {
            let span = Span::new(first.start, last.end);
            self.started = true;
            self.out
                .push_block(self.pending_kind, span, self.pending.drain(..));
        }
        self.pending_kind = BlockKind::Paragraph;
    }

    /// Open a section at a heading line (its number, if any, is not prose).
    pub(super) fn heading(&mut self, level: u8, span: Span) {
        self.started = true;
        self.out.open_section(level);
        let prose = heading_prose(self.text, span);
        self.out.push_block(BlockKind::Heading, span, [prose]);
    }

    /// Add the prose of `span`, without the matches of `not_prose`, to the block being
    /// gathered.
    pub(super) fn prose(&mut self, span: Span, not_prose: &regex::Regex) {
        self.pending
            .extend(prose_without(self.text, span, not_prose));
    }

    /// Start a list item whose text, after its marker, is `span`.
    pub(super) fn list_item(&mut self, ordered: bool, span: Span, not_prose: &regex::Regex) {
        self.flush();
        self.pending_kind = BlockKind::ListItem { ordered };
        self.prose(trimmed_span(self.text, span), not_prose);
    }

    /// One table-cell block per non-empty piece of a table row between `separator`s.
    pub(super) fn cells(&mut self, row: Span, separator: char, not_prose: &regex::Regex) {
        let mut start = row.start;
        for piece in self.text[row.range()].split(separator) {
            let cell = trimmed_span(self.text, Span::new(start, start + piece.len()));
            start += piece.len() + separator.len_utf8();
            if self.text[cell.range()].trim().is_empty() {
                continue;
            }
            self.pending_kind = BlockKind::TableCell;
            self.prose(cell, not_prose);
            self.flush();
        }
    }
}

/// The frame of the line-based markup parsers (AsciiDoc, reStructuredText): the front matter,
/// then the lines of the body, where a blank line ends the block being gathered and any other
/// goes to `step` with its index; `step` returns the index of the next line to read.
pub(super) fn parse_lines(
    text: &str,
    out: &mut DocumentBuilder,
    mut step: impl FnMut(&mut Splitter, &[Span], usize) -> usize,
) -> Result<Option<FrontMatter>, super::ParseError> {
    let front = front_matter::read(text, out);
    let body_start = front.as_ref().map_or(0, |f| f.span.end);
    let lines: Vec<Span> = lines(text, body_start).collect();
    let mut splitter = Splitter::new(text, out);
    let mut i = 0;
    while i < lines.len() {
        if text[lines[i].range()].trim().is_empty() {
            splitter.flush();
            i += 1;
        } else {
            i = step(&mut splitter, &lines, i);
        }
    }
    splitter.flush();
    Ok(front)
}

/// The first blank line of `lines` at or after `from`: where a paragraph ends.
pub(super) fn paragraph_end(text: &str, lines: &[Span], from: usize) -> usize {
    let mut i = from;
    while i < lines.len() && !text[lines[i].range()].trim().is_empty() {
        i += 1;
    }
    i
}

/// Lines from `start`, as spans without their terminator (`\n`, `\r\n`).
pub(super) fn lines(text: &str, start: usize) -> impl Iterator<Item = Span> + '_ {
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let span = Span::new(
            at,
            if text[at..end].ends_with('\r') {
                end - 1
            } else {
                end
            },
        );
        at = end + 1;
        Some(span)
    })
}

fn classify(text: &str, line: Span) -> Line {
    let raw = &text[line.range()];
    let content = raw.trim();
    if content.is_empty() {
        return Line::Blank;
    }
    let after_marker = content
        .strip_prefix('#')
        .or_else(|| content.strip_prefix("//"))
        .map(str::trim_start);
    if after_marker.is_some_and(|rest| rest.starts_with("policylint-")) {
        return Line::Comment;
    }
    if content.len() >= 3 && content.bytes().all(|b| b == b'=') {
        return Line::Underline(1);
    }
    if content.len() >= 3 && content.bytes().all(|b| b == b'-') {
        return Line::Underline(2);
    }
    let indent = raw.len() - raw.trim_start().len();
    if let Some((ordered, marker_len)) = list_marker(content) {
        let after = &content[marker_len..];
        let gap = after.len() - after.trim_start().len();
        let start = line.start + indent + marker_len + gap;
        return Line::Item {
            ordered,
            text: Span::new(start, line.start + indent + content.len()),
        };
    }
    Line::Text
}

/// The prose of `span` without the matches of `not_prose` (inline code, link targets of a
/// markup language).
fn prose_without(text: &str, span: Span, not_prose: &regex::Regex) -> Vec<Span> {
    let holes: Vec<Span> = not_prose
        .find_iter(&text[span.range()])
        .map(|m| Span::new(span.start + m.start(), span.start + m.end()))
        .collect();
    if holes.is_empty() {
        return vec![span];
    }
    super::markdown::subtract(&[span], &holes)
}

/// A list marker at the start of `line` (already trimmed): whether it is numbered, and its
/// byte length.
pub(super) fn list_marker(line: &str) -> Option<(bool, usize)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let followed_by_space = |at: usize| line[at..].starts_with([' ', '\t']);
    if matches!(first, '-' | '*' | '•' | '+' | '–' | '·') {
        let len = first.len_utf8();
        return followed_by_space(len).then_some((false, len));
    }
    if first.is_ascii_digit() {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits <= 3
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
            && followed_by_space(digits + 1)
        {
            return Some((true, digits + 1));
        }
        return None;
    }
    let is_letter_marker =
        first.is_ascii_lowercase() || (first.is_ascii_uppercase() && line[1..].starts_with(')'));
    if is_letter_marker
        && matches!(line.as_bytes().get(1), Some(b'.' | b')'))
        && followed_by_space(2)
    {
        return Some((true, 2));
    }
    None
}

/// The level of a numbered title such as `1. PURPOSE` or `2.1 Scope`, if the line is one.
///
/// A numbered line reads as a title when it is short, has no closing punctuation, and stands
/// alone: a numbered *list* has its items on consecutive lines.
fn numbered_title_level(text: &str, line: Span, previous: Line, next: Line) -> Option<u8> {
    let content = text[line.range()].trim();
    let number_len = content
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let number = content[..number_len].trim_end_matches('.');
    let rest = content[number_len..].trim();
    if number.is_empty() || rest.is_empty() || !looks_like_title(rest) {
        return None;
    }
    let components = number.split('.').count();
    let all_caps = is_all_caps(rest);
    let alone = !matches!(previous, Line::Item { .. }) && !matches!(next, Line::Item { .. });
    (all_caps || components > 1 || alone).then(|| (components + 1).min(6) as u8)
}

/// The level of a heading written as a plain line, if it is one.
fn heading_level(text: &str, line: Span, next: Line, has_preceding_text: bool) -> Option<u8> {
    let content = &text[line.range()];
    if let Some(level) = numbered_heading_without_dot(content) {
        return Some(level);
    }
    if is_all_caps(content) && looks_like_title(content) {
        return Some(2);
    }
    let words = content.split_whitespace().count();
    if let Some(stem) = content.strip_suffix(':')
        && words <= MAX_COLON_HEADING_WORDS
        && starts_upper(stem)
        && !stem.contains([':', '.'])
    {
        return Some(3);
    }
    let followed_by_blank = next == Line::Blank;
    if !has_preceding_text && followed_by_blank && looks_like_title(content) {
        return Some(1);
    }
    None
}

/// `2.1 Scope` style titles: dotted numbers without a list marker's trailing `.`/`)`.
fn numbered_heading_without_dot(content: &str) -> Option<u8> {
    let number_len = content
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let number = &content[..number_len];
    if number.is_empty() || !number.contains('.') || number.ends_with('.') {
        return None;
    }
    let rest = content[number_len..].trim();
    if rest.is_empty() || !content[number_len..].starts_with([' ', '\t']) || !looks_like_title(rest)
    {
        return None;
    }
    Some((number.split('.').count() + 1).min(6) as u8)
}

/// Short, starting with a capital, and not ending like a sentence.
fn looks_like_title(content: &str) -> bool {
    let words = content.split_whitespace().count();
    (1..=MAX_HEADING_WORDS).contains(&words)
        && starts_upper(content)
        && !content.ends_with(['.', ',', ';', '!', '?'])
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Has letters, and none of them is lower case.
fn is_all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// A heading's prose: the line without its number.
fn heading_prose(text: &str, span: Span) -> Span {
    let content = &text[span.range()];
    let number_len = content
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b')')
        .count();
    let rest = &content[number_len..];
    let trimmed = rest.trim_start();
    let start = span.start + number_len + (rest.len() - trimmed.len());
    let end = if trimmed.ends_with(':') {
        span.end - 1
    } else {
        span.end
    };
    Span::new(start.min(end), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(
        text: &str,
    ) -> (
        Vec<super::super::Section>,
        Vec<super::super::Block>,
        Vec<Span>,
    ) {
        let mut builder = DocumentBuilder::default();
        parse(text, &mut builder).unwrap();
        let (sections, blocks, prose, _) = builder.finish();
        (sections, blocks, prose)
    }

    fn headings(text: &str) -> Vec<(u8, String)> {
        let (sections, blocks, prose) = parse_text(text);
        sections
            .iter()
            .filter_map(|s| {
                let block = &blocks[s.heading?];
                let words: Vec<&str> = prose[block.prose.clone()]
                    .iter()
                    .map(|p| &text[p.range()])
                    .collect();
                Some((s.level, words.join(" ")))
            })
            .collect()
    }

    #[test]
    fn recognises_every_heading_form() {
        let text = "Travel Policy\n\nIntro text that explains.\n\nScope\n=====\n\nBody.\n\n1. PURPOSE\n\nWe do this.\n\n2.1 Who is covered\n\nEveryone.\n\nHOW TO CLAIM\n\nSubmit it.\n\nApprovals:\n- one\n";
        assert_eq!(
            headings(text),
            vec![
                (1, "Travel Policy".into()),
                (1, "Scope".into()),
                (2, "PURPOSE".into()),
                (3, "Who is covered".into()),
                (2, "HOW TO CLAIM".into()),
                (3, "Approvals".into()),
            ]
        );
    }

    #[test]
    fn numbered_lists_stay_lists() {
        let text = "Steps\n\n1. Submit the form\n2. Wait for approval\n3. Book travel\n";
        let (_, blocks, _) = parse_text(text);
        let items = blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem { ordered: true })
            .count();
        assert_eq!(items, 3);
    }

    #[test]
    fn list_items_continue_over_wrapped_lines() {
        let text = "- first item\n  wraps here\n* second\n\u{2022} third\na) fourth\n\nA paragraph\nover two lines.\n";
        let (_, blocks, prose) = parse_text(text);
        let texts: Vec<String> = blocks
            .iter()
            .map(|b| {
                prose[b.prose.clone()]
                    .iter()
                    .map(|p| &text[p.range()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "first item wraps here",
                "second",
                "third",
                "fourth",
                "A paragraph over two lines."
            ]
        );
    }

    #[test]
    fn policylint_comment_lines_are_not_prose() {
        let text = "Intro line.\n# policylint-disable-next-line purpose-missing\nNext paragraph.\n// policylint-enable\n";
        let mut builder = DocumentBuilder::default();
        parse(text, &mut builder).unwrap();
        let (_, blocks, _, comments) = builder.finish();
        assert_eq!(blocks.len(), 2);
        let comments: Vec<&str> = comments.iter().map(|c| &text[c.range()]).collect();
        assert_eq!(
            comments,
            [
                "# policylint-disable-next-line purpose-missing",
                "// policylint-enable"
            ]
        );
    }

    #[test]
    fn long_capitalised_lines_are_prose() {
        let text = "We expect everyone to take part.\nEXAMPLES OF BEHAVIOUR THAT CONTRIBUTES TO A POSITIVE AND WELCOMING ENVIRONMENT FOR ALL\n";
        assert!(headings(text).is_empty());
    }
}
