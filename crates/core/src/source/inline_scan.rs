//! An exact scan for the inline markup most paragraphs hold, so that the inline grammar (two to
//! three times the cost of the block parse) runs only on the rest.
//!
//! The scan accepts inline content made of plain text, single-backtick code spans and inline
//! links `[text](destination)` with plain text and a destination without spaces or brackets,
//! and finds their non-prose bytes just as the grammar does. Anything else (escapes, HTML,
//! autolinks, images, formulas, reference links, titles, longer backtick runs, markup over a
//! line break) makes it give up, and the caller asks the grammar. Emphasis is accepted only as
//! closed pairs of `*`, `**`, `_` or `__` around plain words, since an unclosed delimiter
//! changes how the grammar reads the links after it. A unit test in the markdown module holds
//! it to the grammar on many generated paragraphs.

use super::Span;

/// The bytes of `ranges` (inline content, in order, split around block markers) that are not
/// prose, sorted and merged; `None` when the content needs the inline grammar.
pub(super) fn not_prose(text: &str, ranges: &[tree_sitter::Range]) -> Option<Vec<Span>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Span> = Vec::new();
    let mut previous_last: Option<u8> = None;
    for (index, range) in ranges.iter().enumerate() {
        let content = &bytes[range.start_byte..range.end_byte];
        let edges = Edges {
            first: index == 0,
            last: index + 1 == ranges.len(),
        };
        // The grammar reads the ranges as one stream: a backtick run or `![` may go across.
        if let (Some(last), Some(&first)) = (previous_last, content.first())
            && ((last == b'`' && first == b'`') || (last == b'!' && first == b'['))
        {
            return None;
        }
        scan_range(content, range.start_byte, edges, &mut out)?;
        previous_last = content.last().copied().or(previous_last);
    }
    Some(out)
}

/// Whether a range opens or closes the inline content, where emphasis may start or end.
#[derive(Clone, Copy)]
struct Edges {
    first: bool,
    last: bool,
}

/// Scan one range whose first byte is at `offset` in the text, adding its non-prose spans.
fn scan_range(content: &[u8], offset: usize, edges: Edges, out: &mut Vec<Span>) -> Option<()> {
    let mut at = 0;
    while at < content.len() {
        match content[at] {
            b'\\' | b'<' | b'$' | b']' | b'~' => return None,
            b'*' | b'_' => at = emphasis_end(content, at, edges)?,
            b'`' => {
                let close = code_span_end(content, at)?;
                push(out, offset + at, offset + close);
                at = close;
            }
            b'[' => {
                if at > 0 && content[at - 1] == b'!' {
                    return None;
                }
                let (text_end, link_end) = inline_link(content, at)?;
                push(out, offset + at, offset + at + 1);
                push(out, offset + text_end, offset + link_end);
                at = link_end;
            }
            _ => at += 1,
        }
    }
    Some(())
}

/// The end of the closed emphasis opening at `open`: one or two delimiters after a space (or
/// at the start) and before a letter or digit, plain words, and the same delimiters after a
/// letter or digit and before a space, punctuation that ends a clause, or the end.
fn emphasis_end(content: &[u8], open: usize, edges: Edges) -> Option<usize> {
    let delimiter = content[open];
    let run = content[open..]
        .iter()
        .take_while(|&&b| b == delimiter)
        .count();
    let after_space = if open == 0 {
        edges.first
    } else {
        content[open - 1] == b' '
    };
    let inner = open + run;
    if run > 2 || !after_space || !content.get(inner)?.is_ascii_alphanumeric() {
        return None;
    }
    let length = content[inner..].iter().position(|&b| {
        !(b.is_ascii_alphanumeric() || matches!(b, b' ' | b'.' | b',' | b'\'' | b'-'))
    })?;
    let close = inner + length;
    let closing_run = content[close..]
        .iter()
        .take_while(|&&b| b == delimiter)
        .count();
    let end = close + closing_run;
    let closes = content[close] == delimiter
        && closing_run == run
        && content[close - 1].is_ascii_alphanumeric()
        && match content.get(end) {
            None => edges.last,
            Some(b) => matches!(b, b' ' | b'.' | b',' | b';' | b':'),
        };
    closes.then_some(end)
}

/// The end of the single-backtick code span opening at `open`.
fn code_span_end(content: &[u8], open: usize) -> Option<usize> {
    if content.get(open + 1) == Some(&b'`') {
        return None;
    }
    let length = content[open + 1..]
        .iter()
        .position(|&b| b == b'`' || b == b'\n')?;
    let close = open + 1 + length;
    let single = content.get(close + 1) != Some(&b'`');
    (content[close] == b'`' && length > 0 && single).then_some(close + 1)
}

/// For the inline link opening at `open`: where its text ends (at `]`) and where it ends.
fn inline_link(content: &[u8], open: usize) -> Option<(usize, usize)> {
    let text_length = content[open + 1..].iter().position(|&b| {
        matches!(
            b,
            b']' | b'['
                | b'`'
                | b'\\'
                | b'<'
                | b'$'
                | b'!'
                | b'\n'
                | b'('
                | b')'
                | b'*'
                | b'_'
                | b'~'
        )
    })?;
    let text_end = open + 1 + text_length;
    if text_length == 0 || content[text_end] != b']' || content.get(text_end + 1) != Some(&b'(') {
        return None;
    }
    let destination = text_end + 2;
    let length = content[destination..].iter().position(|&b| {
        matches!(
            b,
            b')' | b'(' | b' ' | b'\t' | b'\n' | b'\r' | b'<' | b'>' | b'\\' | b'`' | b'[' | b']'
        )
    })?;
    let close = destination + length;
    (length > 0 && content[close] == b')').then_some((text_end, close + 1))
}

/// Add a span, merging it with the last one when they touch, as the grammar's walk does.
fn push(out: &mut Vec<Span>, start: usize, end: usize) {
    match out.last_mut() {
        Some(last) if start <= last.end => last.end = last.end.max(end),
        _ => out.push(Span::new(start, end)),
    }
}
