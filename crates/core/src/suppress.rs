//! Inline suppression: comments in a document that silence findings, with the reason beside
//! them. Those that silence nothing are the `unused-suppression` rule's to report
//! ([`crate::check`], like ruff's RUF100).
//!
//! ```text
//! <!-- policylint-disable-next-line purpose-missing -- the purpose is on the parent page -->
//! <!-- policylint-disable rule-without-purpose, authoritarian -->  ...  <!-- policylint-enable -->
//! <!-- policylint-disable-file measures-missing -->
//! ```
//! In plain text the same words follow `#` or `//` on a line of their own (`//` in AsciiDoc, `..`
//! in reStructuredText); front matter can say
//! `policylint: { disable: [rule, ...] }`. A directive without rules applies to every rule.

use crate::finding::Finding;
use crate::source::{Document, LineIndex, Span};

/// How far a directive reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The whole file (`policylint-disable-file`, front matter).
    File,
    /// The next line with text (`policylint-disable-next-line`).
    NextLine,
    /// From here until an `enable` or the end (`policylint-disable`).
    Disable,
    /// Ends a `disable` (`policylint-enable`).
    Enable,
}

/// One suppression directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub reach: Reach,
    /// The comment (or front-matter entry) holding the directive.
    pub span: Span,
    /// The rules named, each with its span; empty means every rule.
    pub rules: Vec<(String, Span)>,
    /// Text after ` -- `: why the finding is silenced.
    pub reason: Option<String>,
}

/// The directives of a document, in order: front matter first, then comments.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let mut found = Vec::new();
    if let Some(front) = &doc.front_matter
        && !front.disable.is_empty()
    {
        let all = front.disable.iter().any(|(name, _)| name == "all");
        let span = front
            .disable
            .iter()
            .map(|(_, s)| *s)
            .reduce(Span::cover)
            .unwrap_or(front.span);
        found.push(Directive {
            reach: Reach::File,
            span,
            rules: if all {
                Vec::new()
            } else {
                front.disable.clone()
            },
            reason: None,
        });
    }
    found.extend(
        doc.comments
            .iter()
            .filter_map(|&span| parse_comment(&doc.text, span)),
    );
    found
}

/// Parse one comment; `None` when it is not addressed to policylint.
fn parse_comment(text: &str, span: Span) -> Option<Directive> {
    let raw = &text[span.range()];
    let (body, body_start) = if let Some(inner) = raw.strip_prefix("<!--") {
        (inner.strip_suffix("-->").unwrap_or(inner), span.start + 4)
    } else if let Some(inner) = raw.strip_prefix("//").or_else(|| raw.strip_prefix("..")) {
        (inner, span.start + 2)
    } else if let Some(inner) = raw.strip_prefix('#') {
        (inner, span.start + 1)
    } else {
        return None;
    };
    let trimmed = body.trim_start();
    let mut at = body_start + (body.len() - trimmed.len());
    const WORDS: [(&str, Reach); 4] = [
        ("policylint-disable-next-line", Reach::NextLine),
        ("policylint-disable-file", Reach::File),
        ("policylint-disable", Reach::Disable),
        ("policylint-enable", Reach::Enable),
    ];
    let (word, reach) = WORDS.iter().find(|(word, _)| {
        trimmed.starts_with(word)
            && !trimmed[word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
    })?;
    at += word.len();
    let rest = &trimmed[word.len()..];
    let (list, reason) = match rest.split_once(" -- ") {
        Some((list, reason)) => (
            list,
            Some(reason.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (rest, None),
    };
    let mut rules = Vec::new();
    let mut offset = 0;
    for piece in list.split([',', ' ', '\t', '\n', '\r']) {
        if !piece.is_empty() {
            let start = at + offset;
            rules.push((piece.to_string(), Span::new(start, start + piece.len())));
        }
        offset += piece.len() + 1;
    }
    Some(Directive {
        reach: *reach,
        span,
        rules,
        reason,
    })
}

/// A directive, or one rule it names, that silenced nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused {
    /// The rule name, or the whole directive when it names no rule.
    pub span: Span,
    /// The rule named; `None` for a directive that names none (every rule).
    pub rule: Option<String>,
}

/// Remove the findings the document's directives silence, and list each directive or rule
/// name that silenced nothing, in the order they are written.
pub fn apply(doc: &Document, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Unused>) {
    let directives = directives(doc);
    if directives.is_empty() {
        return (findings, Vec::new());
    }
    let lines = LineIndex::new(&doc.text);
    // Directives ending on the same line reach the same next line: look it up once per line,
    // however many directives share it.
    let mut next_after: std::collections::HashMap<usize, Option<usize>> =
        std::collections::HashMap::new();
    let next_lines: Vec<Option<usize>> = directives
        .iter()
        .map(|d| {
            if d.reach == Reach::NextLine {
                *next_after
                    .entry(lines.line(d.span.end))
                    .or_insert_with(|| next_text_line(doc, &lines, d.span))
            } else {
                None
            }
        })
        .collect();
    // Per directive, per named rule (or one slot for "every rule"): did it silence anything?
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let line = lines.line(finding.primary.span.start);
        match silencer(&directives, &next_lines, &finding, line) {
            Some((directive, slot)) => used[directive][slot] = true,
            None => kept.push(finding),
        }
    }
    let mut unused = Vec::new();
    for (directive, used) in directives.iter().zip(&used) {
        if directive.reach == Reach::Enable {
            continue;
        }
        if directive.rules.is_empty() {
            if !used[0] {
                unused.push(Unused {
                    span: directive.span,
                    rule: None,
                });
            }
            continue;
        }
        for ((name, span), used) in directive.rules.iter().zip(used) {
            if !used {
                unused.push(Unused {
                    span: *span,
                    rule: Some(name.clone()),
                });
            }
        }
    }
    (kept, unused)
}

/// The directive (and its slot) that silences a finding on `line`, if any.
fn silencer(
    directives: &[Directive],
    next_lines: &[Option<usize>],
    finding: &Finding,
    line: usize,
) -> Option<(usize, usize)> {
    let slot_for = |directive: &Directive| -> Option<usize> {
        if directive.rules.is_empty() {
            Some(0)
        } else {
            directive
                .rules
                .iter()
                .position(|(name, _)| *name == finding.rule)
        }
    };
    for (index, directive) in directives.iter().enumerate() {
        let applies = match directive.reach {
            Reach::File => true,
            Reach::NextLine => next_lines[index] == Some(line),
            Reach::Disable | Reach::Enable => false,
        };
        if applies && let Some(slot) = slot_for(directive) {
            return Some((index, slot));
        }
    }
    // Disable/enable regions: the last directive before the finding that names its rule wins.
    let position = finding.primary.span.start;
    directives
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, d)| {
            matches!(d.reach, Reach::Disable | Reach::Enable) && d.span.end <= position
        })
        .find_map(|(index, d)| slot_for(d).map(|slot| (index, slot, d.reach)))
        .filter(|(_, _, reach)| *reach == Reach::Disable)
        .map(|(index, slot, _)| (index, slot))
}

/// The first line after a comment that has text on it (1-based), or `None` at the end. A line
/// of one repeated punctuation mark (a reStructuredText overline, a thematic break) is not
/// text: the directive reaches the title under it.
fn next_text_line(doc: &Document, lines: &LineIndex, comment: Span) -> Option<usize> {
    let mut at = doc.text[comment.end..]
        .find('\n')
        .map(|i| comment.end + i + 1)?;
    while at < doc.text.len() {
        let end = doc.text[at..].find('\n').map_or(doc.text.len(), |i| at + i);
        let line = doc.text[at..end].trim();
        let first = line.chars().next();
        let adornment =
            first.is_some_and(|f| f.is_ascii_punctuation() && line.chars().all(|c| c == f));
        if !line.is_empty() && !adornment {
            return Some(lines.line(at));
        }
        at = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(comment: &str) -> Option<Directive> {
        parse_comment(comment, Span::new(0, comment.len()))
    }

    #[test]
    fn comments_in_every_form_parse() {
        let d = directive("<!-- policylint-disable-next-line purpose-missing, people-missing -- parent page says why -->").unwrap();
        assert_eq!(d.reach, Reach::NextLine);
        let names: Vec<&str> = d.rules.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["purpose-missing", "people-missing"]);
        assert_eq!(d.reason.as_deref(), Some("parent page says why"));
        let span = d.rules[1].1;
        assert_eq!(
            &"<!-- policylint-disable-next-line purpose-missing, people-missing -- parent page says why -->"
                [span.range()],
            "people-missing"
        );

        assert_eq!(
            directive("# policylint-disable-file").unwrap().reach,
            Reach::File
        );
        assert_eq!(
            directive("// policylint-enable").unwrap().reach,
            Reach::Enable
        );
        assert_eq!(
            directive(".. policylint-disable-next-line purpose-missing")
                .unwrap()
                .reach,
            Reach::NextLine
        );
        assert!(
            directive("<!-- policylint-disable -->")
                .unwrap()
                .rules
                .is_empty()
        );
        assert_eq!(directive("<!-- just a note -->"), None);
        assert_eq!(directive("<!-- policylint-disabled x -->"), None);
    }
}
