//! `pair`: where concept `when` appears, one of the concepts in `require` must appear too,
//! within the same sentence, section, or document (`scope`).
//!
//! A rule without a reason asks for obedience; a reason turns it into a shared aim. A vision
//! without a road map inspires and then strands people. Each unpaired occurrence is reported:
//! per sentence, per section (at its heading, with the occurrences as labels) or once per
//! document.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Context, Kind, add_capped_labels, compiled, runner};
use crate::evidence::Hit;
use crate::finding::{Finding, Label};
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::{Name, RuleDef};
use crate::rules::{ConceptId, Rule};
use crate::source::BlockKind;

pub const KIND: Kind = Kind {
    name: "pair",
    scope: KindScope::TEXT,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "when", "require", "count", "section"],
    compile,
    summary: "`when` appears without any of `require` in the same `scope` (sentence, section or document)",
    builtin: None,
    run: runner::<Pair>,
};

/// The parameters of a `pair` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// The concept that needs a partner.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    when: Option<Name>,
    /// Concepts, any one of which pairs with `when`.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    require: Option<Spanned<Vec<Name>>>,
    /// Where the partner is looked for.
    #[serde(default)]
    #[schemars(with = "Option<Scope>")]
    scope: Option<Spanned<Scope>>,
    /// How many unpaired occurrences a scope must hold before it is reported (default 1).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    min: Option<Spanned<u32>>,
}

/// Where a `pair` rule looks for the required concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Sentence,
    Section,
    Document,
}

#[derive(Debug)]
pub struct Pair {
    when: ConceptId,
    require: Vec<ConceptId>,
    scope: Scope,
    /// Unpaired occurrences a scope must hold before it is reported.
    min: usize,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let when = r.required(&params.when, "when")?;
    let when = r.concept(when);
    let require = r.required(&params.require, "require")?;
    if require.get_ref().is_empty() {
        r.error(
            require.span(),
            "`require` is empty",
            "name at least one concept",
            None,
        );
    }
    let require: Vec<Option<ConceptId>> = require.get_ref().iter().map(|c| r.concept(c)).collect();
    let scope = r.required(&params.scope, "scope").map(|s| *s.get_ref())?;
    let min = params
        .min
        .as_ref()
        .map_or(1, |m| *m.get_ref() as usize)
        .max(1);
    compiled(Pair {
        when: when?,
        require: require.into_iter().collect::<Option<Vec<_>>>()?,
        scope,
        min,
    })
}

impl RuleKind for Pair {
    fn follows_from_missing(&self, concept: ConceptId) -> bool {
        self.require.contains(&concept)
    }
}

impl Check for Pair {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let is_required = |h: &&Hit| self.require.contains(&h.concept);
        // A heading names a topic ("Enforcement"); it states no rule and needs no reason.
        let occurrences = cx.evidence.hits.iter().filter(|h| {
            h.concept == self.when
                && cx.doc.blocks[cx.evidence.block_of(h)].kind != BlockKind::Heading
        });
        match self.scope {
            Scope::Sentence => {
                let paired: std::collections::HashSet<usize> = cx
                    .evidence
                    .hits
                    .iter()
                    .filter(is_required)
                    .map(|h| h.sentence)
                    .collect();
                for hit in occurrences.filter(|h| !paired.contains(&h.sentence)) {
                    let sentence = cx.evidence.sentences[hit.sentence].span;
                    let mut finding =
                        self.finding(rule, cx, 1, "", Label::new(hit.span, self.label(cx)));
                    finding.add_secondary(Label::new(sentence, "in this sentence"));
                    out.push(finding);
                }
            }
            Scope::Section => {
                let paired = self.paired_sections(cx);
                let mut by_section: Vec<Vec<&Hit>> = vec![Vec::new(); cx.doc.sections.len()];
                for hit in occurrences {
                    let section = cx.doc.blocks[cx.evidence.block_of(hit)].section;
                    if !paired[section] {
                        by_section[section].push(hit);
                    }
                }
                for (section, hits) in by_section.iter().enumerate() {
                    if hits.len() < self.min {
                        continue;
                    }
                    let name = cx.doc.heading_text(section).unwrap_or_default();
                    let primary = match cx.doc.heading_span(section) {
                        Some(span) => {
                            Label::new(span, format!("{} in this section", self.label(cx)))
                        }
                        None => Label::new(hits[0].span, self.label(cx)),
                    };
                    let skip = usize::from(cx.doc.heading_span(section).is_none());
                    let mut finding = self.finding(rule, cx, hits.len(), &name, primary);
                    add_capped_labels(
                        &mut finding,
                        hits.iter()
                            .skip(skip)
                            .map(|h| Label::new(h.span, self.label(cx))),
                        "occurrence",
                        "occurrences",
                    );
                    out.push(finding);
                }
            }
            Scope::Document => {
                if cx
                    .evidence
                    .hits
                    .iter()
                    .any(|h| self.require.contains(&h.concept))
                {
                    return;
                }
                let hits: Vec<&Hit> = occurrences.collect();
                if hits.len() < self.min {
                    return;
                }
                let mut finding = self.finding(
                    rule,
                    cx,
                    hits.len(),
                    "",
                    Label::new(hits[0].span, self.label(cx)),
                );
                add_capped_labels(
                    &mut finding,
                    hits[1..].iter().map(|h| Label::new(h.span, self.label(cx))),
                    "occurrence",
                    "occurrences",
                );
                out.push(finding);
            }
        }
    }
}

impl Pair {
    /// Whether each section, or an ancestor's own text, holds a required concept: an
    /// introduction that gives the reason covers the sections under it, and the document's
    /// opening covers every section.
    fn paired_sections(&self, cx: &Context) -> Vec<bool> {
        let sections = &cx.doc.sections;
        let mut paired = vec![false; sections.len()];
        let opening = cx.opening_sentences();
        for hit in cx
            .evidence
            .hits
            .iter()
            .filter(|h| self.require.contains(&h.concept))
        {
            if opening.contains(&hit.sentence) {
                return vec![true; sections.len()];
            }
            paired[cx.doc.blocks[cx.evidence.block_of(hit)].section] = true;
        }
        // Pre-order: a parent is settled before its children.
        for section in 1..sections.len() {
            if let Some(parent) = sections[section].parent {
                paired[section] |= paired[parent];
            }
        }
        paired
    }

    fn require_labels(&self, cx: &Context) -> String {
        let labels: Vec<&str> = self.require.iter().map(|&c| cx.concept_label(c)).collect();
        labels.join(" or ")
    }

    fn label(&self, cx: &Context) -> String {
        format!(
            "{} without {}",
            cx.concept_label(self.when),
            self.require_labels(cx)
        )
    }

    fn finding(
        &self,
        rule: &Rule,
        cx: &Context,
        count: usize,
        section: &str,
        primary: Label,
    ) -> Finding {
        let count_text = count.to_string();
        let message = cx.message(
            rule,
            &[
                ("when", cx.concept_label(self.when)),
                ("require", &self.require_labels(cx)),
                ("count", &count_text),
                ("section", section),
            ],
        );
        cx.finding(rule, message, primary)
    }
}
