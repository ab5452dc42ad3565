//! Code actions on policylint's diagnostics. They insert marked placeholders for the writer to
//! replace (never policy text of policylint's own, which would silence the finding with words
//! nobody wrote) and inline suppressions in the comment syntax of the document's format.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString, Range, TextEdit,
    Uri, WorkspaceEdit,
};
use serde::{Deserialize, Serialize};

use super::diagnostics::SOURCE;
use super::documents::OpenDocument;
use super::position::Lines;
use crate::check::UNUSED_SUPPRESSION;
use crate::finding::Finding;
use crate::source::{Document, Format};

/// The rule a purpose paragraph answers.
const PURPOSE_MISSING: &str = "purpose-missing";
/// The rule a "How to" section of steps answers.
const PROCESS_MISSING: &str = "process-missing";

const PURPOSE_PLACEHOLDER: &str =
    "[TODO purpose: replace this placeholder with the purpose, in your own words.]";
const STEPS_TITLE: &str = "How to [TODO: name the task]";
const STEPS: [&str; 3] = [
    "[TODO: first step, who does what]",
    "[TODO: second step]",
    "[TODO: who approves, and how to report or escalate]",
];
const REASON_PLACEHOLDER: &str = "TODO: why this does not apply here";

/// Where a skeleton goes, kept in a diagnostic's `data` so that the action needs nothing but
/// the diagnostic the client sends back.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Anchor {
    /// The line to insert at (one past the last line when the text ends there without a
    /// newline).
    insert_line: u32,
    /// The level a heading inserted there has: one below the section's.
    heading_level: u8,
}

/// The `data` of a finding that has a skeleton to insert: where it goes. A purpose paragraph
/// goes under the title (below front matter that holds it); a section of steps at the end of
/// the section the finding is about, the whole document for a document's finding.
pub fn anchor(doc: &Document, lines: &Lines, finding: &Finding) -> Option<serde_json::Value> {
    let span = finding.primary.span;
    let block = doc
        .blocks
        .iter()
        .position(|block| block.span.start <= span.start && span.start < block.span.end);
    let end = if finding.rule == PURPOSE_MISSING {
        let in_front_matter = doc
            .front_matter
            .as_ref()
            .filter(|front| front.span.start <= span.start && span.start < front.span.end);
        match (in_front_matter, block) {
            (Some(front), _) => front.span.end,
            (None, Some(block)) => doc.blocks[block].span.end.max(span.end),
            (None, None) => span.end,
        }
    } else if finding.rule == PROCESS_MISSING {
        block
            .map(|block| doc.subtree_blocks(doc.blocks[block].section))
            .and_then(|blocks| doc.blocks[blocks].last())
            .map_or(span.end, |last| last.span.end.max(span.end))
    } else {
        return None;
    };
    let level = block.map_or(1, |block| doc.sections[doc.blocks[block].section].level);
    let mut after = next_line_start(&doc.text, end);
    // A reStructuredText heading's block leaves out the line that underlines it.
    while doc.format == Format::Rst
        && let Some(start) = after
        && is_adornment(&doc.text[start..])
    {
        after = next_line_start(&doc.text, start + 1);
    }
    let insert_line = match after {
        Some(offset) => lines.position(offset).line,
        None => lines.count() as u32,
    };
    serde_json::to_value(Anchor {
        insert_line,
        heading_level: (level + 1).clamp(2, 6),
    })
    .ok()
}

/// The start of the line after the one `offset` is on (`offset` itself at a line start),
/// `None` when the text ends first.
fn next_line_start(text: &str, offset: usize) -> Option<usize> {
    if offset > 0 && text.as_bytes().get(offset - 1) == Some(&b'\n') {
        return Some(offset);
    }
    text[offset..].find('\n').map(|i| offset + i + 1)
}

/// Whether `rest` starts with a reStructuredText adornment line: one punctuation character
/// repeated.
fn is_adornment(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("").trim_end();
    let mut chars = line.chars();
    chars.next().is_some_and(|first| {
        first.is_ascii_punctuation() && line.len() > 1 && chars.all(|c| c == first)
    })
}

/// The actions for the diagnostics the client asks about.
pub fn code_actions(
    uri: &Uri,
    document: &OpenDocument,
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let Some(format) = document.format() else {
        return Vec::new();
    };
    let lines = Lines::new(&document.text);
    let mut actions = Vec::new();
    for diagnostic in diagnostics {
        let (Some(SOURCE), Some(NumberOrString::String(rule))) =
            (diagnostic.source.as_deref(), &diagnostic.code)
        else {
            continue;
        };
        let anchor = diagnostic
            .data
            .clone()
            .and_then(|data| serde_json::from_value::<Anchor>(data).ok());
        let mut action = |title: String, at: u32, text: String| {
            let edit = insert_at_line(&lines, at, text);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }));
        };
        if let Some(anchor) = &anchor {
            if rule == PURPOSE_MISSING {
                action(
                    "Insert a purpose paragraph to fill in".into(),
                    anchor.insert_line,
                    format!("\n{}\n", paragraph(format, PURPOSE_PLACEHOLDER)),
                );
            } else if rule == PROCESS_MISSING {
                action(
                    "Insert a \"How to …\" section of steps to fill in".into(),
                    anchor.insert_line,
                    format!("\n{}\n", steps(format, anchor.heading_level)),
                );
            }
        }
        if rule != UNUSED_SUPPRESSION {
            action(
                format!("Silence {rule} here, with a reason to fill in"),
                diagnostic.range.start.line,
                format!("{}\n", suppression(format, rule)),
            );
        }
    }
    actions
}

/// An edit inserting `text` at the start of 0-based line `line`; past the last line, at the end
/// of the text on a line of its own.
fn insert_at_line(lines: &Lines, line: u32, text: String) -> TextEdit {
    let (at, text) = match lines.line_start(line) {
        Some(start) => (lines.position(start), text),
        None => (lines.position(usize::MAX), format!("\n{text}")),
    };
    TextEdit::new(Range::new(at, at), text)
}

fn paragraph(format: Format, text: &str) -> String {
    match format {
        Format::Html => format!("<p>{text}</p>"),
        _ => text.to_string(),
    }
}

/// A heading of `level` and a numbered list of placeholder steps.
fn steps(format: Format, level: u8) -> String {
    let level = usize::from(level);
    let items = STEPS
        .iter()
        .enumerate()
        .map(|(i, step)| match format {
            Format::Html => format!("<li>{step}</li>"),
            Format::AsciiDoc => format!(". {step}"),
            _ => format!("{}. {step}", i + 1),
        })
        .collect::<Vec<_>>()
        .join("\n");
    match format {
        Format::Html => format!("<h{level}>{STEPS_TITLE}</h{level}>\n<ol>\n{items}\n</ol>"),
        Format::AsciiDoc => format!("{} {STEPS_TITLE}\n\n{items}", "=".repeat(level)),
        Format::Rst => {
            let underline = "-".repeat(STEPS_TITLE.chars().count());
            format!("{STEPS_TITLE}\n{underline}\n\n{items}")
        }
        Format::Text => format!("{STEPS_TITLE}\n\n{items}"),
        _ => format!("{} {STEPS_TITLE}\n\n{items}", "#".repeat(level)),
    }
}

/// A `policylint-disable-next-line` directive for `rule` with a reason to write, as the
/// format's comments hold it (see the README's "Silencing a finding").
fn suppression(format: Format, rule: &str) -> String {
    let directive = format!("policylint-disable-next-line {rule} -- {REASON_PLACEHOLDER}");
    match format {
        Format::Text => format!("# {directive}"),
        Format::AsciiDoc => format!("// {directive}"),
        Format::Rst => format!(".. {directive}\n"),
        _ => format!("<!-- {directive} -->"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: &TextEdit) -> String {
        let lines = Lines::new(text);
        let start = lines.offset(edit.range.start);
        let end = lines.offset(edit.range.end);
        let mut out = text.to_string();
        out.replace_range(start..end, &edit.new_text);
        out
    }

    #[test]
    fn an_edit_past_the_last_line_goes_on_a_line_of_its_own() {
        let text = "# Leave";
        let lines = Lines::new(text);
        let edit = insert_at_line(&lines, 1, "x\n".into());
        assert_eq!(apply(text, &edit), "# Leave\nx\n");
        let edit = insert_at_line(&lines, 0, "y\n".into());
        assert_eq!(apply(text, &edit), "y\n# Leave");
    }

    #[test]
    fn skeletons_follow_the_format() {
        assert_eq!(
            steps(Format::Rst, 2).lines().take(2).collect::<Vec<_>>(),
            [STEPS_TITLE, &"-".repeat(STEPS_TITLE.chars().count())]
        );
        assert!(steps(Format::AsciiDoc, 3).starts_with("=== How to"));
        assert!(suppression(Format::Text, "x").starts_with("# policylint-disable-next-line x -- "));
    }
}
