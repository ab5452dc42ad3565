//! `policylint inspect`: the document as the linter sees it, so a writer can learn why a
//! finding did or did not fire — its kind and why, its section tree, every piece of evidence
//! by dimension and concept (the matched words in brackets), negated matches, and coverage.

use std::fmt::Write;

use crate::check::percent;
use crate::evidence::Hit;
use crate::lint::Linter;
use crate::output::{join_or, plural};
use crate::results::LintedFile;
use crate::rules::ConceptId;
use crate::source::{LineIndex, Span};
use crate::statements::{Role, RoleId};

/// Sentences longer than this are cut around the match.
const MAX_EXCERPT_CHARS: usize = 100;

/// The inspection of one linted file as plain text.
pub fn render(linted: &LintedFile, linter: &Linter) -> String {
    let rules = &linter.rules;
    let doc = &linted.document;
    let lines = LineIndex::new(&doc.text);
    let line_of = |offset: usize| lines.line_col(&doc.text, offset);
    let mut out = String::new();

    let _ = writeln!(out, "{}", doc.path);
    let _ = writeln!(out, "  format  {}", doc.format.name());
    if !doc.places.is_empty() {
        let _ = writeln!(
            out,
            "  text    extracted, one paragraph a line: line N is paragraph N"
        );
    }
    let _ = writeln!(out, "  config  {}", linter.config.describe());
    let kind_name = linted
        .result
        .kind
        .kind
        .map_or("none", |k| rules.kinds[k].name.as_str());
    let _ = writeln!(out, "  kind    {kind_name} ({})", linted.result.kind.reason);
    match doc.title() {
        Some(title) => {
            let place = match linted.result.source.location(title.span) {
                Some(location) => format!("paragraph {}", location.paragraph),
                None => format!("line {}", line_of(title.span.start).0),
            };
            let _ = writeln!(out, "  title   {} ({place})", title.text);
        }
        None => {
            let _ = writeln!(out, "  title   none");
        }
    }

    let _ = writeln!(out, "\nsections");
    if doc.sections.len() == 1 {
        let _ = writeln!(out, "  (no headings)");
    }
    for (index, section) in doc.sections.iter().enumerate().skip(1) {
        let span = doc.heading_span(index).unwrap_or_default();
        let heading = doc.heading_text(index).unwrap_or_default();
        let own = linted.evidence.hits_in(section.blocks.clone()).count();
        let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
        let _ = writeln!(
            out,
            "  {:>5}  {indent}{} {heading}  [{own} evidence]",
            line_of(span.start).0,
            "#".repeat(usize::from(section.level))
        );
    }

    let hits = &linted.evidence.hits;
    let _ = writeln!(
        out,
        "\nevidence ({} in all, counted once per concept and sentence)",
        hits.len()
    );
    let total = linted.result.coverage.total();
    for (dimension, label) in rules.concept_groups() {
        let concepts: Vec<ConceptId> = rules.concepts_of(dimension).collect();
        if concepts.is_empty() {
            continue;
        }
        match dimension {
            Some(d) if total > 0 => {
                let n = linted.result.coverage.dimensions[d];
                let _ = writeln!(
                    out,
                    "  {label}: {n} ({})",
                    percent(f64::from(n) / f64::from(total))
                );
            }
            Some(d) => {
                let _ = writeln!(out, "  {label}: {}", linted.result.coverage.dimensions[d]);
            }
            None => {
                let _ = writeln!(out, "  {label}:");
            }
        }
        for concept in concepts {
            let of_concept: Vec<&Hit> = hits.iter().filter(|h| h.concept == concept).collect();
            let name = &rules.concepts[concept].label;
            if of_concept.is_empty() {
                let _ = writeln!(out, "    {name}: none");
                continue;
            }
            let _ = writeln!(out, "    {name} ({})", of_concept.len());
            for hit in of_concept {
                let (line, column) = line_of(hit.span.start);
                let sentence = linted.evidence.sentences[hit.sentence].span;
                let _ = writeln!(
                    out,
                    "      {:>9}  {}",
                    format!("{line}:{column}"),
                    excerpt(&doc.text, sentence, hit.span)
                );
            }
        }
    }
    if !linted.evidence.negated.is_empty() {
        let _ = writeln!(out, "  negated, not counted:");
        for hit in &linted.evidence.negated {
            let (line, column) = line_of(hit.span.start);
            let sentence = linted.evidence.sentences[hit.sentence].span;
            let _ = writeln!(
                out,
                "      {:>9}  {}: {}",
                format!("{line}:{column}"),
                rules.concepts[hit.concept].label,
                excerpt(&doc.text, sentence, hit.span)
            );
        }
    }

    render_statements(&mut out, linted, linter, &line_of);

    let _ = writeln!(out, "\ncoverage");
    for (d, dimension) in rules.dimensions.iter().enumerate() {
        let (covered, of) = linted.result.coverage.dimension_coverage(d, rules);
        let share = linted
            .result
            .coverage
            .share(d)
            .map_or("no evidence".into(), percent);
        let _ = writeln!(
            out,
            "  {}: {covered} of {of} concepts, {share} of the evidence",
            dimension.label
        );
    }
    for line in linted.result.coverage.describe(rules) {
        let _ = writeln!(out, "  {line}");
    }

    let findings = &linted.result.findings;
    let _ = writeln!(out, "\nfindings");
    if findings.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for finding in findings {
        let (line, column) = line_of(finding.primary.span.start);
        let _ = writeln!(
            out,
            "  {line}:{column}  {}[{}]: {}",
            finding.severity, finding.rule, finding.message
        );
        if let Some(why) = why_missing(linted, linter, &finding.rule, &line_of) {
            let _ = writeln!(out, "      {why}");
        }
    }
    out
}

/// For a rule that says a concept read from statements is missing: what was searched, and why
/// nothing counted.
fn why_missing(
    linted: &LintedFile,
    linter: &Linter,
    rule: &str,
    line_of: &dyn Fn(usize) -> (usize, usize),
) -> Option<String> {
    let rules = &linter.rules;
    let (concepts, min) = rules.rule(rule)?.check.missing_evidence()?;
    let prose = linted
        .evidence
        .sentences
        .iter()
        .filter(|s| linted.document.blocks[s.block].kind != crate::source::BlockKind::Heading)
        .count();
    let searched = format!("searched {prose} sentence{} of prose", plural(prose));
    // Concepts read from words: the finding's own labels say where none were found.
    let roles: Vec<&Role> = concepts
        .iter()
        .filter_map(|c| rules.grammar.evidences.iter().find(|(e, _)| e == c))
        .map(|&(_, role)| &rules.grammar.roles[role])
        .collect();
    let role = *roles.first()?;
    if let Some(procedure) = &role.procedure {
        let step = &rules.grammar.roles[procedure.steps].label;
        let steps = linted
            .evidence
            .statements
            .iter()
            .filter(|s| s.role == procedure.steps)
            .count();
        let mut why = if steps == 0 {
            format!("{searched}: no {step} found")
        } else {
            format!(
                "{searched}: {steps} {step}{} found, none connected to another in a list, in neighbouring sentences, in one sentence or under a condition",
                plural(steps)
            )
        };
        let alone = linted
            .evidence
            .statements
            .iter()
            .filter(|s| s.role == procedure.steps);
        for statement in alone.take(NEAR_MISSES_SHOWN) {
            let sentence = linted.evidence.sentences[statement.sentence].span;
            let at = statement.evidence_span(sentence);
            let (line, column) = line_of(at.start);
            let _ = write!(
                why,
                "\n        {line}:{column}  {step} on its own ({}): {}",
                statement.frame,
                excerpt(&linted.document.text, sentence, at)
            );
        }
        return Some(why);
    }
    let found: Vec<String> = roles
        .iter()
        .filter_map(|r| {
            let id = rules.grammar.role_by_name(&r.name)?;
            let sentences = statement_sentences(linted, id);
            (sentences > 0).then(|| format!("{} {sentences}", r.label))
        })
        .collect();
    if found.is_empty() {
        let mut frames: Vec<&str> = roles
            .iter()
            .flat_map(|r| r.frames.iter().map(|f| f.name()))
            .collect();
        frames.sort_unstable();
        frames.dedup();
        let labels: Vec<&str> = roles.iter().map(|r| r.label.as_str()).collect();
        let mut why = format!(
            "{searched}: none fits a frame of {} ({})",
            join_or(&labels),
            frames.join(", ")
        );
        near_misses(&mut why, linted, linter, &roles, line_of);
        return Some(why);
    }
    let total: usize = roles
        .iter()
        .filter_map(|r| rules.grammar.role_by_name(&r.name))
        .map(|id| statement_sentences(linted, id))
        .sum();
    Some(format!(
        "{searched}: {total} statement{} found ({}), {min} needed",
        plural(total),
        found.join(", ")
    ))
}

/// How many near misses `inspect` lists under a "missing" finding.
const NEAR_MISSES_SHOWN: usize = 5;

/// The sentences that hold words a frame of `roles` looks for but fit none of its frames:
/// what a writer would take for the missing statement.
fn near_misses(
    out: &mut String,
    linted: &LintedFile,
    linter: &Linter,
    roles: &[&Role],
    line_of: &dyn Fn(usize) -> (usize, usize),
) {
    let rules = &linter.rules;
    let doc = &linted.document;
    let mut cues: Vec<ConceptId> = roles
        .iter()
        .flat_map(|r| r.frames.iter().flat_map(|f| f.cue_lists()))
        .collect();
    cues.sort_unstable();
    cues.dedup();
    let mut misses = linted
        .evidence
        .sentences
        .iter()
        .filter(|s| doc.blocks[s.block].kind != crate::source::BlockKind::Heading)
        .filter_map(|s| {
            let words = crate::evidence::cue_words(doc, rules, s.span, &cues);
            let first = *words.first()?;
            let quoted: Vec<&str> = words.iter().map(|w| &doc.text[w.range()]).collect();
            let (line, column) = line_of(s.span.start);
            Some(format!(
                "\n        {line}:{column}  holds \"{}\" but fits no frame: {}",
                quoted.join("\", \""),
                excerpt(&doc.text, s.span, first)
            ))
        });
    let shown: Vec<String> = misses.by_ref().take(NEAR_MISSES_SHOWN).collect();
    if shown.is_empty() {
        out.push_str("; no sentence holds a word its frames look for");
        return;
    }
    for line in shown {
        out.push_str(&line);
    }
    let more = misses.count();
    if more > 0 {
        let _ = write!(out, "\n        and {more} more sentence{}", plural(more));
    }
}

/// How many sentences play a role.
fn statement_sentences(linted: &LintedFile, role: RoleId) -> usize {
    let mut sentences: Vec<usize> = linted
        .evidence
        .statements
        .iter()
        .filter(|s| s.role == role)
        .map(|s| s.sentence)
        .collect();
    sentences.dedup();
    sentences.len()
}

/// Each statement: where, the role it plays, the frame and the cue words (with their parts of
/// speech where the frame read them), and its sentence.
fn render_statements(
    out: &mut String,
    linted: &LintedFile,
    linter: &Linter,
    line_of: &dyn Fn(usize) -> (usize, usize),
) {
    let statements = &linted.evidence.statements;
    let roles = &linter.rules.grammar.roles;
    if roles.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nstatements ({})", statements.len());
    if statements.is_empty() {
        let names: Vec<&str> = roles.iter().map(|r| r.label.as_str()).collect();
        let _ = writeln!(
            out,
            "  none: no sentence fits a frame of {}",
            names.join(", ")
        );
    }
    let doc = &linted.document;
    for statement in statements {
        let sentence = linted.evidence.sentences[statement.sentence].span;
        let (line, column) = line_of(sentence.start);
        let cues: Vec<String> = statement
            .cues
            .iter()
            .map(|cue| {
                let word = doc.text[cue.span.range()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                match cue.tag {
                    Some(tag) => {
                        format!("{word}/{}", tag.map_or("?", crate::statements::Tag::name))
                    }
                    None => word,
                }
            })
            .collect();
        let highlight = statement.evidence_span(sentence);
        let _ = writeln!(
            out,
            "  {:>9}  {} ({}: {})  {}",
            format!("{line}:{column}"),
            roles[statement.role].label,
            statement.frame,
            cues.join(" "),
            excerpt(&doc.text, sentence, highlight)
        );
    }
}

/// A sentence on one line with the match in brackets, cut around the match when long.
fn excerpt(text: &str, sentence: Span, hit: Span) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = one_line(&text[sentence.start..hit.start.max(sentence.start)]);
    let matched = one_line(&text[hit.range()]);
    let after = one_line(&text[hit.end.min(sentence.end)..sentence.end.max(hit.end)]);
    let budget = MAX_EXCERPT_CHARS.saturating_sub(matched.chars().count()) / 2;
    let before = if before.chars().count() > budget {
        let skip = before.chars().count() - budget;
        format!("…{}", before.chars().skip(skip).collect::<String>())
    } else {
        before
    };
    let after = if after.chars().count() > budget {
        format!("{}…", after.chars().take(budget).collect::<String>())
    } else {
        after
    };
    let space_before = if before.is_empty() || text[..hit.start].ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let space_after = if text[hit.end..].starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!(
        "{}{}[{matched}]{}{}",
        before,
        if before.is_empty() { "" } else { space_before },
        space_after,
        after
    )
    .trim()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_brackets_the_match() {
        let text = "You must submit receipts.";
        assert_eq!(
            excerpt(text, Span::new(0, 25), Span::new(9, 15)),
            "You must [submit] receipts."
        );
        assert_eq!(
            excerpt(text, Span::new(0, 25), Span::new(0, 3)),
            "[You] must submit receipts."
        );
    }
}
