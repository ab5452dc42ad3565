//! reStructuredText to a document, line by line.
//!
//! A section title is a line underlined, or over- and underlined, with one repeated
//! punctuation character; levels follow the order in which each adornment style first
//! appears, as docutils numbers them. Blank lines end paragraphs; bullets (`-`, `*`, `+`, `•`)
//! and enumerators (`1.`, `a)`, `(i)`, `#.`) start list items; grid-table rows give cells.
//! Never prose: literal blocks (after `::`), doctest blocks, comments, and directives other
//! than admonitions and the like (`note`, `warning`, `topic`, `sidebar`, ... whose bodies are
//! read), inline literals, roles and link targets. `.. policylint-disable ...` comments are
//! suppression directives.

use std::sync::LazyLock;

use regex::Regex;

use super::front_matter::FrontMatter;
use super::text::{Splitter, list_marker, paragraph_end, parse_lines};
use super::{DocumentBuilder, ParseError, Span, trimmed_span};

/// Directives whose argument and body are the document's prose.
const PROSE_DIRECTIVES: &[&str] = &[
    "admonition",
    "attention",
    "caution",
    "compound",
    "container",
    "danger",
    "epigraph",
    "error",
    "highlights",
    "hint",
    "important",
    "note",
    "pull-quote",
    "rubric",
    "seealso",
    "sidebar",
    "tip",
    "topic",
    "warning",
];

/// Inline literals, the role before interpreted text, and embedded link targets.
static NOT_PROSE_INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"``.+?``|(?::[\w.+-]+)+:`|<[^<>\s]+>`").expect("a valid pattern"));

pub(crate) fn parse(
    text: &str,
    out: &mut DocumentBuilder,
) -> Result<Option<FrontMatter>, ParseError> {
    // Adornment styles (character, overlined) in order of first use: index + 1 is the level.
    let mut styles: Vec<(char, bool)> = Vec::new();
    // After a paragraph ending in `::`: the indentation a literal block must exceed.
    let mut literal_after: Option<usize> = None;
    // Indentation of the block being gathered.
    let mut block_indent = 0;
    parse_lines(text, out, |splitter, lines, i| {
        let line = lines[i];
        let raw = &text[line.range()];
        let content = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        if let Some(base) = literal_after.take()
            && indent > base
        {
            splitter.flush();
            return skip_indented(text, lines, i, base);
        }
        let next = lines.get(i + 1).map(|l| text[l.range()].trim());
        // Over- and underlined title.
        if let (Some(c), Some(title), Some(under)) = (
            adornment(content),
            lines.get(i + 1),
            lines.get(i + 2).map(|l| text[l.range()].trim()),
        ) && under == content
            && is_title_text(text[title.range()].trim())
        {
            splitter.flush();
            let level = level_of(&mut styles, (c, true));
            splitter.heading(level, trimmed_span(text, *title));
            return i + 3;
        }
        // Underlined title.
        if let Some(c) = next.and_then(adornment)
            && is_title_text(content)
            && underline_fits(content, next.unwrap_or_default())
        {
            splitter.flush();
            let level = level_of(&mut styles, (c, false));
            splitter.heading(level, trimmed_span(text, line));
            return i + 2;
        }
        if adornment(content).is_some() || is_table_border(content) {
            // A transition, a grid or simple table border, or a stray adornment.
            splitter.flush();
            return i + 1;
        }
        if let Some(body) = content.strip_prefix("..")
            && (body.is_empty() || body.starts_with([' ', '\t']))
        {
            splitter.flush();
            return explicit_markup(splitter, text, lines, i, indent);
        }
        if content == "::" {
            splitter.flush();
            literal_after = Some(indent);
            return i + 1;
        }
        if content.starts_with(">>>") {
            // A doctest block runs to the next blank line.
            splitter.flush();
            return paragraph_end(text, lines, i);
        }
        let at = line.start + indent;
        let content_span = Span::new(at, at + content.len());
        if content.len() > 1 && content.starts_with('|') && content.ends_with('|') {
            // A grid-table row: one cell per column.
            splitter.flush();
            let inside = Span::new(content_span.start + 1, content_span.end - 1);
            splitter.cells(inside, '|', &NOT_PROSE_INLINE);
            return i + 1;
        }
        if let Some((ordered, marker_len)) = rst_list_marker(content) {
            block_indent = indent;
            let item = Span::new(at + marker_len, content_span.end);
            splitter.list_item(ordered, item, &NOT_PROSE_INLINE);
        } else {
            if splitter.pending.is_empty() {
                block_indent = indent;
            }
            // A line block's `| ` is a marker, not prose.
            let prose = match content.strip_prefix("| ") {
                Some(rest) => Span::new(content_span.end - rest.len(), content_span.end),
                None => content_span,
            };
            splitter.prose(prose, &NOT_PROSE_INLINE);
        }
        if content.ends_with("::") {
            literal_after = Some(block_indent);
        }
        i + 1
    })
}

/// Handle the explicit markup (`..`) at line `i`; returns the next line to read.
///
/// Suppression comments are kept; prose directives give their argument as a paragraph and
/// leave their body to be read; everything else (comments, other directives, link targets,
/// footnotes, substitutions) is skipped with its indented body.
fn explicit_markup(
    splitter: &mut Splitter,
    text: &str,
    lines: &[Span],
    i: usize,
    indent: usize,
) -> usize {
    let line = trimmed_span(text, lines[i]);
    let body = text[line.range()][2..].trim_start();
    let body_start = line.end - body.len();
    if body.starts_with("policylint-") {
        splitter.out.comments.push(line);
        return i + 1;
    }
    let directive = body.split_once("::").filter(|(name, _)| {
        !name.is_empty() && !name.contains(char::is_whitespace) && !name.starts_with('|')
    });
    if let Some((name, argument)) = directive
        && PROSE_DIRECTIVES.contains(&name.to_ascii_lowercase().as_str())
    {
        let argument = argument.trim();
        if !argument.is_empty() {
            let start = body_start + (body.len() - body[name.len() + 2..].trim_start().len());
            let span = Span::new(start, start + argument.len());
            splitter.prose(span, &NOT_PROSE_INLINE);
        }
        // Option lines (`:class: tip`) follow the directive line.
        let mut next = i + 1;
        while next < lines.len() {
            let raw = &text[lines[next].range()];
            let content = raw.trim();
            let deeper = raw.len() - raw.trim_start().len() > indent;
            if !(deeper && content.starts_with(':') && content[1..].contains(':')) {
                break;
            }
            next += 1;
        }
        return next;
    }
    skip_indented(text, lines, i + 1, indent)
}

/// The first line from `from` that is not blank and not indented deeper than `base`.
fn skip_indented(text: &str, lines: &[Span], from: usize, base: usize) -> usize {
    let mut i = from;
    while i < lines.len() {
        let raw = &text[lines[i].range()];
        let blank = raw.trim().is_empty();
        if !blank && raw.len() - raw.trim_start().len() <= base {
            break;
        }
        i += 1;
    }
    i
}

/// The level of an adornment style, numbering it when first seen.
fn level_of(styles: &mut Vec<(char, bool)>, style: (char, bool)) -> u8 {
    let index = match styles.iter().position(|s| *s == style) {
        Some(index) => index,
        None => {
            styles.push(style);
            styles.len() - 1
        }
    };
    (index + 1).min(6) as u8
}

/// The character of an adornment line: one punctuation character repeated, at least twice.
fn adornment(content: &str) -> Option<char> {
    let first = content.chars().next()?;
    (first.is_ascii_punctuation() && content.len() >= 2 && content.chars().all(|c| c == first))
        .then_some(first)
}

/// A line of text that can be a title: not itself an adornment or a comment.
fn is_title_text(content: &str) -> bool {
    !content.is_empty() && adornment(content).is_none() && !content.starts_with("..")
}

/// docutils takes an underline at least as wide as the title, or of four characters or more.
fn underline_fits(title: &str, underline: &str) -> bool {
    let underline = underline.chars().count();
    underline >= title.chars().count() || underline >= 4
}

/// Borders of grid tables (`+----+----+`) and simple tables (`=====  =====`).
fn is_table_border(content: &str) -> bool {
    let grid = content.starts_with('+')
        && content.ends_with('+')
        && content.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'));
    let simple = content.contains(' ')
        && (content.chars().all(|c| c == '=' || c == ' ')
            || content.chars().all(|c| c == '-' || c == ' '));
    grid || simple
}

/// reStructuredText's list markers: the plain-text ones plus `#.` and `(a)`.
fn rst_list_marker(content: &str) -> Option<(bool, usize)> {
    let followed_by_space = |at: usize| content[at..].starts_with([' ', '\t']);
    if content.starts_with("#.") && followed_by_space(2) {
        return Some((true, 2));
    }
    if let Some(rest) = content.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && (1..=3).contains(&close)
        && rest[..close].chars().all(|c| c.is_ascii_alphanumeric())
        && followed_by_space(close + 2)
    {
        return Some((true, close + 2));
    }
    list_marker(content)
}

#[cfg(test)]
mod tests {
    use super::super::{BlockKind, Outline};
    use super::*;

    fn read(text: &str) -> Outline {
        Outline::of(text, parse)
    }

    #[test]
    fn titles_take_levels_in_order_of_first_use() {
        let text = "=============\nTravel policy\n=============\n\nWhy\n---\n\nBecause.\n\nHow\n---\n\nDetails\n~~~~~~~\n\nAgain\n=====\n";
        let Outline { headings, .. } = read(text);
        assert_eq!(
            headings,
            [
                (1, "Travel policy".into()),
                (2, "Why".into()),
                (2, "How".into()),
                (3, "Details".into()),
                (4, "Again".into()),
            ]
        );
    }

    #[test]
    fn code_comments_and_directives_are_not_prose() {
        let text = "Intro, for example::\n\n    purpose = 1\n\n.. code-block:: python\n\n   why()\n\n.. a comment about purpose\n   continued\n\n.. note:: Read this so that\n   you know.\n\n.. policylint-disable-next-line purpose-missing\n\n>>> why\n\nUse ``purpose`` and :ref:`the why <why>` or `docs <https://x/purpose>`_.\n";
        let Outline {
            blocks, comments, ..
        } = read(text);
        let prose: Vec<&str> = blocks.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(
            prose,
            [
                "Intro, for example::",
                "Read this so that|you know.",
                "Use | and |the why | or `docs |_.",
            ]
        );
        assert_eq!(
            comments,
            [".. policylint-disable-next-line purpose-missing"]
        );
    }

    #[test]
    fn lists_and_grid_tables() {
        let text = "- first\n  wraps\n#. auto\n(a) letter\n\n+------+---------+\n| Who  | Approves|\n+======+=========+\n| Lead | Budget  |\n+------+---------+\n";
        let Outline { blocks, .. } = read(text);
        assert_eq!(
            blocks,
            [
                (BlockKind::ListItem { ordered: false }, "first|wraps".into()),
                (BlockKind::ListItem { ordered: true }, "auto".into()),
                (BlockKind::ListItem { ordered: true }, "letter".into()),
                (BlockKind::TableCell, "Who".into()),
                (BlockKind::TableCell, "Approves".into()),
                (BlockKind::TableCell, "Lead".into()),
                (BlockKind::TableCell, "Budget".into()),
            ]
        );
    }
}
