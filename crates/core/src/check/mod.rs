//! Rule kinds. Each kind lives in its own file: its parameters (a strict serde struct read
//! from the rule's table in the pack), how they compile, and the check itself, a function of a
//! document and its evidence to findings. [`KINDS`] names them all.
//!
//! This module depends on [`crate::rules`], which loads packs and knows no kind: `rules/` is
//! given [`KINDS`] to compile each rule with, and a compiled rule holds its kind as a
//! [`RuleKind`]. Adding a kind is one new file here plus its name in the `kinds!` list, which
//! declares the module and puts its `KIND` in [`KINDS`].

use std::any::Any;

use crate::coverage::Coverage;
use crate::evidence::Evidence;
use crate::figures::Claim;
use crate::finding::{Finding, Label, Severity};
use crate::links::{Folder, Link};
use crate::metadata::{Lifecycle, Metadata};
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;
use crate::rules::{KindId, KindSpec, PackSource, Rule, RuleKind, RuleSet};
use crate::source::{Document, Span};
use crate::toml_errors::TomlErrors;

/// At most this many secondary labels per finding; the rest are counted in a note.
pub const MAX_LABELS: usize = 4;

/// Declares each kind's module and lists its `KIND` in [`KINDS`].
macro_rules! kinds {
    ($($kind:ident),* $(,)?) => {
        $(mod $kind;)*

        /// Every rule kind, in the order the docs list them.
        pub const KINDS: &[Kind] = &[$($kind::KIND),*];
    };
}

kinds![
    require_concept,
    require_section,
    balance,
    pair,
    forbid,
    valid_metadata,
    require_field,
    review_date,
    effective_date,
    broken_link,
    retired_link,
    conflicting_figures,
    unused_suppression,
];

/// Load packs with every rule kind: the rule set a linter runs.
pub fn load(sources: &[PackSource]) -> Result<RuleSet, TomlErrors> {
    crate::rules::load(sources, KINDS)
}

/// The id of the built-in rule on suppression comments that silence nothing.
pub const UNUSED_SUPPRESSION: &str = unused_suppression::KIND.name;

/// A rule kind as `check/` registers it: what the loader needs, and how to run it.
pub type Kind = KindSpec<Runner>;

/// Runs a compiled kind (a rule's [`RuleKind`], upcast to [`Any`]) on one document.
pub type Runner = fn(&dyn Any, &Rule, &Context, &mut Vec<Finding>);

/// What a rule kind does with a document.
pub trait Check: RuleKind {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>);
}

/// The [`Runner`] of kind `K`.
pub fn runner<K: Check>(kind: &dyn Any, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
    if let Some(kind) = kind.downcast_ref::<K>() {
        kind.check(rule, cx, out);
    }
}

/// The parameters of a kind that takes none: any key is an error.
#[derive(serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// A compiled kind, boxed for [`Rule::check`].
fn compiled(kind: impl RuleKind) -> Option<Box<dyn RuleKind>> {
    Some(Box::new(kind))
}

/// The `compile` of a kind that takes no parameters: every rule of it compiles to the same
/// value.
fn without_params<K: RuleKind + Default>(
    _: &RuleDef,
    r: &mut Resolver,
) -> Option<Box<dyn RuleKind>> {
    r.params::<NoParams>()?;
    compiled(K::default())
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

    /// A finding of `rule` on a lifecycle date `days` away from the run's `today`, which a note
    /// names: the dates a document is judged by change with the day of the run.
    pub fn date_finding(&self, rule: &Rule, date: &str, days: u64, primary: Label) -> Finding {
        let message = self.message(rule, &[("date", date), ("days", &days.to_string())]);
        let mut finding = self.finding(rule, message, primary);
        finding
            .notes
            .push(format!("judged on {}", self.lifecycle.today));
        finding
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
        if let Some(kind) = KINDS.iter().find(|kind| kind.name == rule.kind) {
            (kind.run)(&*rule.check as &dyn Any, rule, cx, &mut findings);
        }
        for finding in &mut findings[start..] {
            finding.severity = severity;
        }
    }
    let mut findings = one_cause_one_finding(cx.rules, findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// Remove the findings the document's suppression comments silence; report each comment, or
/// rule named in one, that silenced nothing under `unused-suppression` when it is on.
pub fn suppress(
    doc: &Document,
    findings: Vec<Finding>,
    rules: &RuleSet,
    enabled: &dyn Fn(&Rule) -> Option<Severity>,
) -> Vec<Finding> {
    let (mut kept, unused) = crate::suppress::apply(doc, findings);
    let Some(rule) = rules.rule(unused_suppression::KIND.name) else {
        return kept;
    };
    let Some(severity) = enabled(rule) else {
        return kept;
    };
    if !unused.is_empty() {
        kept.extend(
            unused
                .iter()
                .map(|u| unused_suppression::finding(rule, severity, u, rules)),
        );
        kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    kept
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
