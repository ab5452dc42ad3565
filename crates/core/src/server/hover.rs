//! Hover: over a finding, its rule's explanation and help; over evidence, the concept and the
//! words that matched; over a heading, what its section covers. All that applies, in that
//! order.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::position::Lines;
use crate::evidence::Hit;
use crate::results::LintedFile;
use crate::rules::RuleSet;

/// What to show at byte `offset` of a linted document, `None` when nothing is there.
pub fn hover(linted: &LintedFile, rules: &RuleSet, offset: usize) -> Option<Hover> {
    let doc = &linted.document;
    let over = |start: usize, end: usize| start <= offset && offset < end.max(start + 1);
    let mut parts: Vec<String> = Vec::new();
    for finding in &linted.result.findings {
        if over(finding.primary.span.start, finding.primary.span.end) {
            parts.push(explain_finding(&finding.rule, &finding.message, rules));
        }
    }
    let evidence = &linted.evidence;
    for (hit, counted) in evidence
        .hits
        .iter()
        .map(|hit| (hit, true))
        .chain(evidence.negated.iter().map(|hit| (hit, false)))
    {
        if over(hit.span.start, hit.span.end) {
            parts.push(describe_hit(hit, counted, linted, rules));
        }
    }
    for section in 1..doc.sections.len() {
        if let Some(span) = doc.heading_span(section)
            && over(span.start, span.end)
        {
            parts.push(section_coverage(linted, rules, section));
        }
    }
    if parts.is_empty() {
        return None;
    }
    let lines = Lines::new(&doc.text);
    let range = linted
        .result
        .findings
        .iter()
        .map(|f| f.primary.span)
        .chain(evidence.hits.iter().map(|h| h.span))
        .find(|span| over(span.start, span.end))
        .map(|span| lines.range(span));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// A rule's explanation and what to write.
fn explain_finding(id: &str, message: &str, rules: &RuleSet) -> String {
    let (explanation, help) = match rules.rule(id) {
        Some(rule) => (rule.explanation.as_deref(), rule.help.as_deref()),
        None => (None, None),
    };
    let mut out = format!("**{id}**: {message}");
    if let Some(explanation) = explanation {
        let _ = write!(out, "\n\n{}", explanation.trim());
    }
    if let Some(help) = help {
        let _ = write!(out, "\n\n**What to write:** {}", help.trim());
    }
    out
}

/// The concept a piece of evidence counts for and the words that matched.
fn describe_hit(hit: &Hit, counted: bool, linted: &LintedFile, rules: &RuleSet) -> String {
    let concept = &rules.concepts[hit.concept];
    let dimension = concept
        .dimension
        .map_or("managing things and leading people", |d| {
            rules.dimensions[d].label.as_str()
        });
    let cue = &linted.document.text[hit.span.range()];
    let cue = cue.split_whitespace().collect::<Vec<_>>().join(" ");
    if counted {
        format!(
            "**Evidence: {}** ({dimension})\n\nCue: `{cue}`",
            concept.label
        )
    } else {
        format!(
            "**Not counted: {}** ({dimension})\n\nCue: `{cue}`, negated",
            concept.label
        )
    }
}

/// The evidence a section (with its subsections) gives, concept by concept, and what it lacks.
fn section_coverage(linted: &LintedFile, rules: &RuleSet, section: usize) -> String {
    let doc = &linted.document;
    let blocks = doc.subtree_blocks(section);
    let heading = doc.heading_text(section).unwrap_or_default();
    let mut counts = vec![0usize; rules.concepts.len()];
    for hit in linted.evidence.hits_in(blocks) {
        counts[hit.concept] += 1;
    }
    let total: usize = counts.iter().sum();
    let mut out = format!(
        "**Coverage of “{heading}”**: {total} piece{} of evidence\n",
        { if total == 1 { "" } else { "s" } }
    );
    for (dimension, label) in rules.concept_groups() {
        let concepts: Vec<_> = rules
            .concepts_of(dimension)
            .filter(|&c| !rules.concepts[c].hidden)
            .collect();
        if concepts.is_empty() {
            continue;
        }
        let found: Vec<String> = concepts
            .iter()
            .filter(|&&c| counts[c] > 0)
            .map(|&c| format!("{} ({})", rules.concepts[c].label, counts[c]))
            .collect();
        let missing: Vec<&str> = concepts
            .iter()
            .filter(|&&c| counts[c] == 0)
            .map(|&c| rules.concepts[c].label.as_str())
            .collect();
        let found = if found.is_empty() {
            "nothing found".to_string()
        } else {
            found.join(", ")
        };
        let _ = write!(out, "\n- {label}: {found}");
        if !missing.is_empty() {
            let _ = write!(out, "; missing {}", missing.join(", "));
        }
    }
    out
}
