//! The promises a linted document keeps, checked as data: every span points at real
//! characters of the text, the section tree is well formed, and findings come in position
//! order.
//!
//! Output formats, suppressions and coverage all slice the text with these spans and walk the
//! section tree by index, so a broken promise would surface there as a panic or a finding in
//! the wrong place. The fuzz targets and the invariant tests call [`violation`] on every
//! document they lint, so a parser that breaks one is caught where it happens.

use std::ops::Range;

use crate::results::LintedFile;
use crate::source::{Document, Span};

/// The first broken invariant of a linted document, in words, or `None` when all hold.
pub fn violation(linted: &LintedFile) -> Option<String> {
    document_violation(&linted.document)
        .or_else(|| evidence_violation(linted))
        .or_else(|| findings_violation(linted))
}

/// The first broken invariant of a parsed document, in words, or `None` when all hold.
pub fn document_violation(doc: &Document) -> Option<String> {
    spans_violation(doc)
        .or_else(|| blocks_violation(doc))
        .or_else(|| sections_violation(doc))
}

/// A span that does not lie within `text` on character boundaries, described.
fn bad_span(text: &str, span: Span, what: &str) -> Option<String> {
    if span.start > span.end || span.end > text.len() {
        return Some(format!(
            "{what} {span:?} is not within the text ({} bytes)",
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Some(format!("{what} {span:?} splits a character"));
    }
    None
}

/// A range of indexes that does not lie within `0..len`, described.
fn bad_range(range: &Range<usize>, len: usize, what: &str) -> Option<String> {
    (range.start > range.end || range.end > len)
        .then(|| format!("{what} {range:?} is not within 0..{len}"))
}

/// The first pair of neighbours out of order in `items`, described.
fn unsorted<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K, what: &str) -> Option<String> {
    items
        .windows(2)
        .position(|pair| key(&pair[0]) > key(&pair[1]))
        .map(|i| format!("{what} {i} and {} are out of order", i + 1))
}

fn spans_violation(doc: &Document) -> Option<String> {
    let text = &doc.text;
    let front = doc.front_matter.iter().flat_map(|front| {
        [Some(front.span), front.kind_span, front.title_span]
            .into_iter()
            .flatten()
            .chain(front.disable.iter().map(|(_, span)| *span))
    });
    front
        .map(|span| (span, "front matter span"))
        .chain(doc.blocks.iter().map(|b| (b.span, "block span")))
        .chain(doc.prose.iter().map(|&span| (span, "prose span")))
        .chain(doc.comments.iter().map(|&span| (span, "comment span")))
        .chain(
            doc.places
                .iter()
                .map(|place| (Span::new(place.start, place.start), "place")),
        )
        .find_map(|(span, what)| bad_span(text, span, what))
        .or_else(|| unsorted(&doc.comments, |c| *c, "comments"))
        .or_else(|| unsorted(&doc.places, |p| p.start, "places"))
}

/// Blocks come in reading order, each owning the next run of prose spans, all inside it.
fn blocks_violation(doc: &Document) -> Option<String> {
    let mut next_prose = 0;
    for (index, block) in doc.blocks.iter().enumerate() {
        if let Some(broken) = bad_range(&block.prose, doc.prose.len(), "block prose range") {
            return Some(format!("block {index}: {broken}"));
        }
        if block.prose.start != next_prose {
            return Some(format!(
                "block {index} owns prose from {} where the previous block stopped at {next_prose}",
                block.prose.start
            ));
        }
        next_prose = block.prose.end;
        if let Some(outside) = doc
            .block_prose(block)
            .iter()
            .find(|p| p.start < block.span.start || p.end > block.span.end)
        {
            return Some(format!(
                "block {index} {:?} does not contain its prose {outside:?}",
                block.span
            ));
        }
        if let Some(i) = unsorted(doc.block_prose(block), |p| p.start, "prose spans") {
            return Some(format!("block {index}: {i}"));
        }
        if block.section >= doc.sections.len() {
            return Some(format!(
                "block {index} names section {} of {}",
                block.section,
                doc.sections.len()
            ));
        }
        if !doc.sections[block.section].blocks.contains(&index) {
            return Some(format!(
                "block {index} names section {} whose blocks are {:?}",
                block.section, doc.sections[block.section].blocks
            ));
        }
    }
    if next_prose != doc.prose.len() {
        return Some(format!(
            "the blocks own {next_prose} of {} prose spans",
            doc.prose.len()
        ));
    }
    unsorted(&doc.blocks, |b| b.span.start, "blocks")
}

/// Sections are a pre-order tree: the root first, parents before children, a subtree's range
/// holding its children's, and the sections' own blocks following each other in order.
fn sections_violation(doc: &Document) -> Option<String> {
    let sections = &doc.sections;
    let Some(root) = sections.first() else {
        return Some("the document has no root section".into());
    };
    if root.heading.is_some() || root.parent.is_some() || root.level != 0 {
        return Some("section 0 is not a root: it has a heading, parent or level".into());
    }
    if root.subtree_end != sections.len() {
        return Some(format!(
            "the root's subtree ends at {} of {} sections",
            root.subtree_end,
            sections.len()
        ));
    }
    let mut next_block = 0;
    for (index, section) in sections.iter().enumerate() {
        if section.subtree_end <= index || section.subtree_end > sections.len() {
            return Some(format!(
                "section {index}'s subtree ends at {} of {}",
                section.subtree_end,
                sections.len()
            ));
        }
        if let Some(broken) = bad_range(&section.blocks, doc.blocks.len(), "blocks") {
            return Some(format!("section {index}: {broken}"));
        }
        if section.blocks.start != next_block {
            return Some(format!(
                "section {index}'s blocks start at {} where the previous section's ended at {next_block}",
                section.blocks.start
            ));
        }
        next_block = section.blocks.end;
        if index == 0 {
            continue;
        }
        let Some(parent) = section.parent.filter(|&p| p < index) else {
            return Some(format!(
                "section {index} has parent {:?}, not an earlier section",
                section.parent
            ));
        };
        let outer = &sections[parent];
        if section.level <= outer.level || section.level > 6 {
            return Some(format!(
                "section {index} of level {} is under a section of level {}",
                section.level, outer.level
            ));
        }
        if section.subtree_end > outer.subtree_end || index >= outer.subtree_end {
            return Some(format!(
                "section {index} (subtree to {}) is outside its parent {parent}'s subtree (to {})",
                section.subtree_end, outer.subtree_end
            ));
        }
        if section.heading != Some(section.blocks.start) || section.blocks.is_empty() {
            return Some(format!(
                "section {index}'s heading {:?} is not its first block of {:?}",
                section.heading, section.blocks
            ));
        }
    }
    (next_block != doc.blocks.len()).then(|| {
        format!(
            "the sections own {next_block} of {} blocks",
            doc.blocks.len()
        )
    })
}

/// Sentences and hits lie in the text and point at sentences and blocks that exist.
fn evidence_violation(linted: &LintedFile) -> Option<String> {
    let doc = &linted.document;
    let evidence = &linted.evidence;
    if evidence.headings.len() != doc.sections.len() {
        return Some(format!(
            "evidence has headings for {} of {} sections",
            evidence.headings.len(),
            doc.sections.len()
        ));
    }
    for sentence in &evidence.sentences {
        if sentence.block >= doc.blocks.len() {
            return Some(format!(
                "a sentence names block {} of {}",
                sentence.block,
                doc.blocks.len()
            ));
        }
        if let Some(broken) = bad_span(&doc.text, sentence.span, "sentence span") {
            return Some(broken);
        }
    }
    let hits = [
        (&evidence.hits, "hit"),
        (&evidence.negated, "negated hit"),
        (&evidence.repeats, "repeated hit"),
    ];
    for (list, what) in hits {
        for hit in list {
            if hit.sentence >= evidence.sentences.len() {
                return Some(format!(
                    "a {what} names sentence {} of {}",
                    hit.sentence,
                    evidence.sentences.len()
                ));
            }
            if let Some(broken) = bad_span(&doc.text, hit.span, what) {
                return Some(broken);
            }
        }
        if let Some(broken) = unsorted(list, |h| (evidence.block_of(h), h.span.start), what) {
            return Some(broken);
        }
    }
    None
}

/// Every finding's labels lie in the text, no two of a finding on one span, and findings come
/// in position order.
fn findings_violation(linted: &LintedFile) -> Option<String> {
    let text = &linted.document.text;
    if let Some(finding) = linted
        .result
        .findings
        .iter()
        .find(|f| f.has_two_labels_on_one_span())
    {
        return Some(format!(
            "a {} finding has two labels on one span",
            finding.rule
        ));
    }
    linted
        .result
        .findings
        .iter()
        .flat_map(|finding| {
            std::iter::once(&finding.primary)
                .chain(&finding.secondary)
                .map(move |label| (label.span, finding.rule.as_str()))
        })
        .find_map(|(span, rule)| bad_span(text, span, &format!("label of a {rule} finding")))
        .or_else(|| {
            linted
                .result
                .findings
                .windows(2)
                .position(|pair| pair[0].sort_key() > pair[1].sort_key())
                .map(|i| format!("findings {i} and {} are out of order", i + 1))
        })
}
