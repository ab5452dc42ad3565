//! Rule kinds. Each kind lives in its own file with its parameters, how they are compiled from
//! a pack, and the check itself: a function of a document and its evidence to findings.

mod balance;
mod broken_link;
mod conflicting_figures;
mod effective_date;
mod forbid;
mod pair;
mod require_concept;
mod require_field;
mod require_section;
mod retired_link;
mod review_date;
mod valid_metadata;

use crate::coverage::Coverage;
use crate::evidence::Evidence;
use crate::figures::Claim;
use crate::finding::{Finding, Label, Severity};
use crate::links::{Folder, Link};
use crate::metadata::{Lifecycle, Metadata};
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;
use crate::rules::{KindId, Rule, RuleSet};
use crate::source::{Document, Span};

/// At most this many secondary labels per finding; the rest are counted in a note.
pub const MAX_LABELS: usize = 4;

/// A compiled rule kind with its parameters.
#[derive(Debug)]
pub enum Check {
    RequireConcept(require_concept::RequireConcept),
    RequireSection(require_section::RequireSection),
    Balance(balance::Balance),
    Pair(pair::Pair),
    Forbid(forbid::Forbid),
    ValidMetadata(valid_metadata::ValidMetadata),
    RequireField(require_field::RequireField),
    ReviewDate(review_date::ReviewDate),
    EffectiveDate(effective_date::EffectiveDate),
    BrokenLink(broken_link::BrokenLink),
    RetiredLink(retired_link::RetiredLink),
    ConflictingFigures(conflicting_figures::ConflictingFigures),
}

/// What the loader needs to know about a rule kind.
pub struct KindSpec {
    pub name: &'static str,
    /// Parameters the kind reads; any other parameter is an error in the pack.
    pub params: &'static [&'static str],
    /// Placeholders its message may use.
    pub placeholders: &'static [&'static str],
    pub compile: fn(&RuleDef, &mut Resolver) -> Option<Check>,
    /// One line for `policylint rules` and the docs.
    pub summary: &'static str,
    /// Whether it reads other files of the folder (the ones links point to): its rules have
    /// no single-document examples.
    pub reads_folder: bool,
}

/// Every rule kind, in the order the docs list them.
pub const KINDS: &[KindSpec] = &[
    require_concept::SPEC,
    require_section::SPEC,
    balance::SPEC,
    pair::SPEC,
    forbid::SPEC,
    valid_metadata::SPEC,
    require_field::SPEC,
    review_date::SPEC,
    effective_date::SPEC,
    broken_link::SPEC,
    retired_link::SPEC,
    conflicting_figures::SPEC,
];

impl Check {
    /// The concept a rule of this kind says is missing when it fires on a whole document.
    pub fn missing_concept(&self) -> Option<crate::rules::ConceptId> {
        match self {
            Check::RequireConcept(c) => c.document_concept(),
            _ => None,
        }
    }

    /// The concepts whose evidence a rule of this kind counts when it fires on a whole
    /// document, and how many pieces it needs.
    pub fn missing_evidence(&self) -> Option<(Vec<crate::rules::ConceptId>, u32)> {
        match self {
            Check::RequireConcept(c) => c.document_evidence(),
            _ => None,
        }
    }

    /// Whether a finding of this rule is one more sign that `concept` is missing: a rule
    /// without a reason when the document states no purpose at all.
    fn follows_from_missing(&self, concept: crate::rules::ConceptId) -> bool {
        match self {
            Check::Pair(c) => c.requires(concept),
            Check::RequireSection(c) => c.requires(concept),
            _ => false,
        }
    }

    /// Whether rules of this kind judge what a document says (rather than its lifecycle
    /// metadata or its links): a document such rules check is assessed in reports.
    pub fn judges_text(&self) -> bool {
        matches!(
            self,
            Check::RequireConcept(_)
                | Check::RequireSection(_)
                | Check::Balance(_)
                | Check::Pair(_)
                | Check::Forbid(_)
        )
    }

    /// Whether rules of this kind read other files of the folder.
    pub fn reads_folder(&self) -> bool {
        KINDS
            .iter()
            .find(|spec| spec.name == self.kind_name())
            .is_some_and(|spec| spec.reads_folder)
    }

    pub fn kind_name(&self) -> &'static str {
        match self {
            Check::RequireConcept(_) => require_concept::SPEC.name,
            Check::RequireSection(_) => require_section::SPEC.name,
            Check::Balance(_) => balance::SPEC.name,
            Check::Pair(_) => pair::SPEC.name,
            Check::Forbid(_) => forbid::SPEC.name,
            Check::ValidMetadata(_) => valid_metadata::SPEC.name,
            Check::RequireField(_) => require_field::SPEC.name,
            Check::ReviewDate(_) => review_date::SPEC.name,
            Check::EffectiveDate(_) => effective_date::SPEC.name,
            Check::BrokenLink(_) => broken_link::SPEC.name,
            Check::RetiredLink(_) => retired_link::SPEC.name,
            Check::ConflictingFigures(_) => conflicting_figures::SPEC.name,
        }
    }
}

/// Everything a check reads about one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub rules: &'a RuleSet,
    pub evidence: &'a Evidence,
    pub coverage: &'a Coverage,
    pub kind: Option<KindId>,
    pub metadata: &'a Metadata,
    pub lifecycle: Lifecycle,
    /// The document's internal links, in order.
    pub links: &'a [Link],
    pub folder: &'a Folder,
    /// The figures the document states, when a rule compares them and it is in force.
    pub figures: &'a [Claim],
}

impl Context<'_> {
    /// The sentences of the document's opening: its first sentences of prose, where a reason
    /// is the document's own and covers everything after it.
    pub fn opening_sentences(&self) -> Vec<usize> {
        self.evidence
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| self.doc.blocks[s.block].kind != crate::source::BlockKind::Heading)
            .take(crate::statements::OPENING_SENTENCES)
            .map(|(i, _)| i)
            .collect()
    }

    /// Fill a rule's message: `{kind}` always, the rest from `values`.
    pub fn message(&self, rule: &Rule, values: &[(&str, &str)]) -> String {
        let mut out = rule
            .message
            .replace("{kind}", self.rules.kind_label(self.kind));
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A finding of `rule` at `primary`, with the rule's help.
    pub fn finding(&self, rule: &Rule, message: String, primary: Label) -> Finding {
        Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            message,
            help: rule.help.clone(),
            primary,
            secondary: Vec::new(),
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Where a section is: its heading, or for the root its first line.
    pub fn section_span(&self, section: usize) -> Span {
        self.doc
            .heading_span(section)
            .unwrap_or_else(|| self.doc.anchor_span())
    }

    /// The concept's label.
    pub fn concept_label(&self, concept: usize) -> &str {
        &self.rules.concepts[concept].label
    }

    /// The sections a reader sees as the document's parts: the children of the title section
    /// when the document has a single top heading, else the top-level sections.
    pub fn top_sections(&self) -> Vec<usize> {
        let sections = &self.doc.sections;
        let top: Vec<usize> = (1..sections.len())
            .filter(|&s| sections[s].parent == Some(0))
            .collect();
        match top.as_slice() {
            [only] => (only + 1..sections.len())
                .filter(|&s| sections[s].parent == Some(*only))
                .collect(),
            _ => top,
        }
    }
}

/// Add labels for `items`, at most [`MAX_LABELS`], and a note counting the rest, which are
/// called `one` ("section searched") or `many` ("sections searched").
pub fn add_capped_labels(
    finding: &mut Finding,
    items: impl IntoIterator<Item = Label>,
    one: &str,
    many: &str,
) {
    let mut rest = 0usize;
    for label in items {
        let labelled = std::iter::once(&finding.primary)
            .chain(&finding.secondary)
            .any(|l| l.span == label.span);
        if labelled || finding.secondary.len() < MAX_LABELS {
            finding.add_secondary(label);
        } else {
            rest += 1;
        }
    }
    if rest > 0 {
        let what = if rest == 1 { one } else { many };
        finding
            .notes
            .push(format!("and {rest} more {what} not shown"));
    }
}

/// A percentage as a reader writes it.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Whether a rule checks documents of `kind`; a document of no kind gets only the rules for
/// every kind.
pub fn applies(rule: &Rule, kind: Option<KindId>) -> bool {
    match kind {
        Some(kind) => rule.applies_to_kind(kind),
        None => rule.applies_to.is_none(),
    }
}

/// Run every enabled rule that applies to the document's kind.
pub fn run(cx: &Context, enabled: &dyn Fn(&Rule) -> Option<Severity>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in &cx.rules.rules {
        let Some(severity) = enabled(rule) else {
            continue;
        };
        if !applies(rule, cx.kind) {
            continue;
        }
        let start = findings.len();
        match &rule.check {
            Check::RequireConcept(c) => c.check(rule, cx, &mut findings),
            Check::RequireSection(c) => c.check(rule, cx, &mut findings),
            Check::Balance(c) => c.check(rule, cx, &mut findings),
            Check::Pair(c) => c.check(rule, cx, &mut findings),
            Check::Forbid(c) => c.check(rule, cx, &mut findings),
            Check::ValidMetadata(c) => c.check(rule, cx, &mut findings),
            Check::RequireField(c) => c.check(rule, cx, &mut findings),
            Check::ReviewDate(c) => c.check(rule, cx, &mut findings),
            Check::EffectiveDate(c) => c.check(rule, cx, &mut findings),
            Check::BrokenLink(c) => c.check(rule, cx, &mut findings),
            Check::RetiredLink(c) => c.check(rule, cx, &mut findings),
            Check::ConflictingFigures(c) => c.check(rule, cx, &mut findings),
        }
        for finding in &mut findings[start..] {
            finding.severity = severity;
        }
    }
    let mut findings = one_cause_one_finding(cx.rules, findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// Where a rule says the whole document lacks a concept ("never states its purpose"), the
/// findings that follow from that one gap ("rules without a reason in section ...") become
/// notes on it: one cause, one finding.
fn one_cause_one_finding(rules: &RuleSet, findings: Vec<Finding>) -> Vec<Finding> {
    let missing: Vec<(usize, crate::rules::ConceptId)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, rules.rule(&f.rule)?.check.missing_concept()?)))
        .collect();
    if missing.is_empty() {
        return findings;
    }
    let mut folded: Vec<Option<usize>> = vec![None; findings.len()];
    for (i, finding) in findings.iter().enumerate() {
        let Some(rule) = rules.rule(&finding.rule) else {
            continue;
        };
        folded[i] = missing
            .iter()
            .find(|(_, concept)| rule.check.follows_from_missing(*concept))
            .map(|(cause, _)| *cause);
    }
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); findings.len()];
    for (i, cause) in folded.iter().enumerate() {
        if let Some(cause) = cause {
            notes[*cause].push(format!(
                "also {}: {}",
                findings[i].rule, findings[i].message
            ));
        }
    }
    findings
        .into_iter()
        .zip(folded)
        .zip(notes)
        .filter(|((_, cause), _)| cause.is_none())
        .map(|((mut finding, _), notes)| {
            finding.notes.extend(notes);
            finding
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Finding {
        Finding {
            rule: "r".into(),
            severity: Severity::Warning,
            message: "m".into(),
            help: None,
            primary: Label::new(Span::new(0, 5), "the title"),
            secondary: Vec::new(),
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    fn labels(count: usize) -> impl Iterator<Item = Label> {
        (1..=count).map(|i| Label::new(Span::new(i * 10, i * 10 + 5), format!("section {i}")))
    }

    #[test]
    fn labels_past_the_cap_are_counted_in_the_singular_or_plural() {
        let mut one_more = finding();
        add_capped_labels(&mut one_more, labels(MAX_LABELS + 1), "section", "sections");
        assert_eq!(one_more.secondary.len(), MAX_LABELS);
        assert_eq!(one_more.notes, ["and 1 more section not shown"]);

        let mut two_more = finding();
        let (one, many) = ("section searched", "sections searched");
        add_capped_labels(&mut two_more, labels(MAX_LABELS + 2), one, many);
        assert_eq!(two_more.notes, ["and 2 more sections searched not shown"]);

        let mut none_more = finding();
        add_capped_labels(&mut none_more, labels(MAX_LABELS), "section", "sections");
        assert!(none_more.notes.is_empty());
    }

    #[test]
    fn a_label_on_a_span_already_labelled_joins_that_label() {
        let mut finding = finding();
        let items = [
            Label::new(Span::new(0, 5), "only 1 here"),
            Label::new(Span::new(10, 15), "no purpose here"),
            Label::new(Span::new(10, 15), "no purpose here"),
            Label::new(Span::new(10, 15), "in this sentence"),
        ];
        add_capped_labels(&mut finding, items, "section", "sections");
        assert_eq!(finding.primary.message, "the title; only 1 here");
        assert_eq!(
            finding.secondary,
            [Label::new(
                Span::new(10, 15),
                "no purpose here; in this sentence"
            )]
        );
        assert!(!finding.has_two_labels_on_one_span());
        assert!(finding.notes.is_empty());
    }
}
