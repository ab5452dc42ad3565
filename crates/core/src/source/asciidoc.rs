//! AsciiDoc to a document, line by line.
//!
//! `= Title` is level 1, `== Section` level 2, down to `======` (Markdown-style `#` titles
//! too). Blank lines end paragraphs; `*`, `-`, `.` (and `**`, `..` nested), `1.` and `a.`
//! start list items; `|===` tables give one cell per `|`; quote (`____`), example (`====`),
//! sidebar (`****`) and open (`--`) blocks are read. Never prose: listing, literal,
//! passthrough and comment blocks, paragraphs styled `[source]`, `[listing]`, `[literal]` or
//! `[pass]`, indented literal paragraphs, attribute entries (`:name: value`), block
//! attribute lines, inline monospace, link targets and attribute references.
//! `// policylint-disable ...` comments are suppression directives.

use std::sync::LazyLock;

use regex::Regex;

use super::front_matter::FrontMatter;
use super::text::{paragraph_end, parse_lines};
use super::{BlockKind, DocumentBuilder, ParseError, Span};

/// Block styles whose paragraph is code or raw output, not prose.
const VERBATIM_STYLES: &[&str] = &["source", "listing", "literal", "pass", "stem", "comment"];

/// Inline monospace, link and cross-reference targets, attribute references.
static NOT_PROSE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"`[^`]+`|\b(?:https?|ftp|irc|mailto|link|xref|image):[^\s\[]*\[|<<[^,>]*,?|>>|\{[\w-]+\}",
    )
    .expect("a valid pattern")
});

/// `:name: value`, `:name!:` and `:!name:` attribute entries.
static ATTRIBUTE_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^:!?[\w][\w-]*!?:(?:\s|$)").expect("a valid pattern"));

/// What a delimiter line opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Delimited {
    /// Listing, literal, passthrough, comment or fenced code: skipped to the closing line.
    Verbatim,
    /// Example, sidebar or open block: its content is read.
    Compound,
    Quote,
    /// A table whose cells are separated by this character.
    Table(char),
}

pub(crate) fn parse(
    text: &str,
    out: &mut DocumentBuilder,
) -> Result<Option<FrontMatter>, ParseError> {
    // Open compound blocks, by their delimiter line.
    let mut open: Vec<(&str, Delimited)> = Vec::new();
    // A `[source]`-style attribute line makes the next paragraph code.
    let mut verbatim_next = false;
    parse_lines(text, out, |splitter, lines, i| {
        let line = lines[i];
        let raw = &text[line.range()];
        let content = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        let at = line.start + indent;
        let content_span = Span::new(at, at + content.len());
        if let Some(comment) = content.strip_prefix("//")
            && !comment.starts_with("//")
        {
            splitter.flush();
            if comment.trim_start().starts_with("policylint-") {
                splitter.out.comments.push(content_span);
            }
            return i + 1;
        }
        if let Some(delimited) = delimiter(content) {
            splitter.flush();
            verbatim_next = false;
            if delimited == Delimited::Verbatim {
                return closing_line(text, lines, i, content);
            }
            match open.iter().rposition(|(d, _)| *d == content) {
                Some(at) => open.truncate(at),
                None => open.push((content, delimited)),
            }
            return i + 1;
        }
        let starts_block = splitter.pending.is_empty();
        if starts_block && (verbatim_next || indent > 0 && list_marker(content).is_none()) {
            // A styled verbatim paragraph or an indented literal one: up to the blank line.
            verbatim_next = false;
            return paragraph_end(text, lines, i);
        }
        if ATTRIBUTE_ENTRY.is_match(content) || content == "+" {
            splitter.flush();
            return i + 1;
        }
        if content.starts_with('[') && content.ends_with(']') {
            splitter.flush();
            let style = content[1..content.len() - 1]
                .split([',', '#', '.', '%'])
                .next()
                .unwrap_or_default()
                .trim();
            verbatim_next = VERBATIM_STYLES.contains(&style);
            return i + 1;
        }
        if indent == 0
            && let Some((level, title)) = heading(content)
        {
            splitter.flush();
            splitter.heading(
                level,
                Span::new(content_span.end - title.len(), content_span.end),
            );
            return i + 1;
        }
        if let Some((_, Delimited::Table(separator))) = open.last() {
            splitter.flush();
            splitter.cells(content_span, *separator, &NOT_PROSE_INLINE);
            return i + 1;
        }
        let in_quote = open.iter().any(|(_, d)| *d == Delimited::Quote);
        if let Some((ordered, marker_len)) = list_marker(content) {
            let item = Span::new(at + marker_len, content_span.end);
            splitter.list_item(ordered, item, &NOT_PROSE_INLINE);
        } else if let Some(title) = content
            .strip_prefix('.')
            .filter(|t| t.starts_with(|c: char| !c.is_whitespace() && c != '.'))
        {
            // A block title is a line of its own.
            splitter.flush();
            let span = Span::new(content_span.end - title.len(), content_span.end);
            splitter.prose(span, &NOT_PROSE_INLINE);
            splitter.flush();
        } else {
            if starts_block && in_quote {
                splitter.pending_kind = BlockKind::Quote;
            }
            splitter.prose(content_span, &NOT_PROSE_INLINE);
        }
        i + 1
    })
}

/// `= Title` (level 1) to `====== Title` (level 6), or the same with `#`; the title text.
fn heading(content: &str) -> Option<(u8, &str)> {
    let marker = content.chars().next().filter(|c| matches!(c, '=' | '#'))?;
    let level = content.chars().take_while(|&c| c == marker).count();
    let title = content[level..].strip_prefix([' ', '\t'])?.trim();
    ((1..=6).contains(&level) && !title.is_empty()).then_some((level as u8, title))
}

/// What a delimiter line opens, if the line is one.
fn delimiter(content: &str) -> Option<Delimited> {
    if content.starts_with("```") {
        return Some(Delimited::Verbatim);
    }
    if content == "--" {
        return Some(Delimited::Compound);
    }
    if let Some(rest) = content.get(1..)
        && rest.starts_with("===")
        && rest.bytes().all(|b| b == b'=')
    {
        let separator = content.chars().next().unwrap_or('|');
        if matches!(separator, '|' | ',' | ':' | '!') {
            return Some(Delimited::Table(if separator == '!' {
                '!'
            } else {
                separator
            }));
        }
    }
    let first = content.chars().next()?;
    if content.len() < 4 || !content.chars().all(|c| c == first) {
        return None;
    }
    match first {
        '-' | '.' | '+' | '/' => Some(Delimited::Verbatim),
        '=' | '*' => Some(Delimited::Compound),
        '_' => Some(Delimited::Quote),
        _ => None,
    }
}

/// The line after the one that closes the verbatim block opened at line `open`.
fn closing_line(text: &str, lines: &[Span], open: usize, delimiter: &str) -> usize {
    let fence = delimiter.starts_with("```");
    (open + 1..lines.len())
        .find(|&i| {
            let content = text[lines[i].range()].trim();
            if fence {
                content.starts_with("```")
            } else {
                content == delimiter
            }
        })
        .map_or(lines.len(), |close| close + 1)
}

/// AsciiDoc's list markers: `*`/`-` (nested `**`), `.` (nested `..`), `1.` and `a.`, each
/// followed by a space; whether the list is numbered, and the marker's byte length.
fn list_marker(content: &str) -> Option<(bool, usize)> {
    let first = content.chars().next()?;
    let repeated = content.chars().take_while(|&c| c == first).count();
    let marker = match first {
        '*' | '.' if repeated <= 5 => Some((first == '.', repeated)),
        '-' if repeated == 1 => Some((false, 1)),
        _ if first.is_ascii_digit() => {
            let digits = content.bytes().take_while(u8::is_ascii_digit).count();
            (content.as_bytes().get(digits) == Some(&b'.')).then_some((true, digits + 1))
        }
        _ if first.is_ascii_alphabetic() => {
            (content.as_bytes().get(1) == Some(&b'.')).then_some((true, 2))
        }
        _ => None,
    }?;
    content[marker.1..]
        .starts_with([' ', '\t'])
        .then_some(marker)
}

#[cfg(test)]
mod tests {
    use super::super::Outline;
    use super::*;

    fn read(text: &str) -> Outline {
        Outline::of(text, parse)
    }

    #[test]
    fn headings_by_equals_signs() {
        let text = "= Travel policy\n:toc: left\n\n== Why\n\nBecause.\n\n=== Details\n\n# Also a title\n\n====\nExample text.\n====\n";
        let Outline {
            blocks, headings, ..
        } = read(text);
        assert_eq!(
            headings,
            [
                (1, "Travel policy".into()),
                (2, "Why".into()),
                (3, "Details".into()),
                (1, "Also a title".into()),
            ]
        );
        assert_eq!(blocks.last().unwrap().1, "Example text.");
    }

    #[test]
    fn code_comments_and_attributes_are_not_prose() {
        let text = "[source,python]\n----\npurpose = 1\n----\n\n[source]\nwhy()\n\n  indented literal purpose\n\n////\ncomment block purpose\n////\n\n// policylint-disable-next-line purpose-missing\n// an ordinary comment\n\nUse `purpose` and https://x.example/why[the why] or <<why,reasons>> for {product}.\n\n____\nQuoted so that.\n____\n";
        let Outline {
            blocks, comments, ..
        } = read(text);
        assert_eq!(
            blocks,
            [
                (
                    BlockKind::Paragraph,
                    "Use | and |the why] or |reasons| for |.".into()
                ),
                (BlockKind::Quote, "Quoted so that.".into()),
            ]
        );
        assert_eq!(
            comments,
            ["// policylint-disable-next-line purpose-missing"]
        );
    }

    #[test]
    fn lists_tables_and_block_titles() {
        let text = "* first\nwraps\n** nested\n. step\n\n.Approvals\n|===\n| Who | Approves\n\n| Lead | Budget\n|===\n";
        let Outline { blocks, .. } = read(text);
        assert_eq!(
            blocks,
            [
                (BlockKind::ListItem { ordered: false }, "first|wraps".into()),
                (BlockKind::ListItem { ordered: false }, "nested".into()),
                (BlockKind::ListItem { ordered: true }, "step".into()),
                (BlockKind::Paragraph, "Approvals".into()),
                (BlockKind::TableCell, "Who".into()),
                (BlockKind::TableCell, "Approves".into()),
                (BlockKind::TableCell, "Lead".into()),
                (BlockKind::TableCell, "Budget".into()),
            ]
        );
    }
}
