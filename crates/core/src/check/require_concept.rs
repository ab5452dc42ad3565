//! `require-concept`: a document, or each section whose heading matches `in-sections`, must
//! show at least `min` pieces of evidence of a concept.
//!
//! A policy that never says why it exists, or a role description that never says whom the
//! role serves, leaves readers to guess. The finding points at the title, with the sections
//! that were searched as context.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Context, Kind, add_capped_labels, compiled, runner};
use crate::finding::{Finding, Label};
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::{Name, RuleDef};
use crate::rules::{ConceptId, Phrase, Rule};

pub const KIND: Kind = Kind {
    name: "require-concept",
    scope: KindScope::TEXT,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "concept", "count", "min", "section"],
    compile,
    summary: "fewer than `min` pieces of evidence of `concept` in the document (or in each section matching `in-sections`)",
    builtin: None,
    run: runner::<RequireConcept>,
};

/// The parameters of a `require-concept` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// The concept looked for.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    concept: Option<Name>,
    /// Concepts whose evidence also counts.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    or_concepts: Option<Spanned<Vec<Name>>>,
    /// How many pieces of evidence are enough (default 1).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    min: Option<Spanned<u32>>,
    /// Check each section whose heading matches, not the whole document.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    in_sections: Option<Spanned<Vec<Name>>>,
    /// Concepts that also count in the first five sentences.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    or_opening: Option<Spanned<Vec<Name>>>,
}

#[derive(Debug)]
pub struct RequireConcept {
    concept: ConceptId,
    min: u32,
    /// When set, each section whose heading contains one of these phrases is checked on its own.
    in_sections: Option<Vec<Phrase>>,
    /// Concepts whose evidence counts as well: leading people shows in care, in development
    /// and in empowerment alike.
    or_concepts: Vec<ConceptId>,
    /// Concepts that also count when they appear in the document's opening: a reason given in
    /// the first sentences ("To help everyone feel welcome, we ...") states the purpose.
    or_opening: Vec<ConceptId>,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let concept = r.required(&params.concept, "concept")?;
    let concept = r.concept(concept)?;
    let min = match &params.min {
        Some(min) if *min.get_ref() == 0 => {
            r.error(
                min.span(),
                "`min` must be at least 1",
                "a minimum of 0 never fires",
                None,
            );
            return None;
        }
        Some(min) => *min.get_ref(),
        None => 1,
    };
    let in_sections = params.in_sections.as_ref().map(|list| r.phrases(list));
    let or_concepts = concept_list(r, &params.or_concepts);
    let or_opening = concept_list(r, &params.or_opening);
    compiled(RequireConcept {
        concept,
        min,
        in_sections,
        or_concepts: or_concepts.into_iter().collect::<Option<Vec<_>>>()?,
        or_opening: or_opening.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

impl RuleKind for RequireConcept {
    fn missing_concept(&self) -> Option<ConceptId> {
        self.in_sections.is_none().then_some(self.concept)
    }

    fn missing_evidence(&self) -> Option<(Vec<ConceptId>, u32)> {
        self.in_sections
            .is_none()
            .then(|| (self.counted().collect(), self.min))
    }
}

impl Check for RequireConcept {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        match &self.in_sections {
            None => self.check_document(rule, cx, out),
            Some(phrases) => self.check_sections(rule, cx, phrases, out),
        }
    }
}

/// Each named concept, resolved (`None` where the name is unknown; the error is reported).
fn concept_list(
    r: &mut Resolver,
    list: &Option<toml::Spanned<Vec<Name>>>,
) -> Vec<Option<ConceptId>> {
    list.iter()
        .flat_map(|list| list.get_ref())
        .map(|name| r.concept(name))
        .collect()
}

impl RequireConcept {
    fn check_document(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let count =
            self.counted().map(|c| cx.coverage.count(c)).sum::<u32>() + self.opening_count(cx);
        if count >= self.min {
            return;
        }
        let label = self.label(cx);
        let mut finding = self.finding(
            rule,
            cx,
            count,
            "",
            cx.doc.anchor_span(),
            format!("no {label} stated in this {}", cx.rules.kind_label(cx.kind)),
        );
        // Sections with a little evidence are pointed at, where more would be written. Those
        // with none are not: the label on the title already says there is none anywhere.
        let thin = cx.top_sections().into_iter().filter_map(|s| {
            let n = self.count_in(cx, s);
            (n > 0).then(|| Label::new(cx.section_span(s), format!("only {n} here")))
        });
        add_capped_labels(&mut finding, thin, "section", "sections");
        out.push(finding);
    }

    /// What the rule looks for, in words: "care for people, development or empowerment".
    fn label(&self, cx: &Context) -> String {
        let labels: Vec<&str> = self.counted().map(|c| cx.concept_label(c)).collect();
        crate::output::join_or(&labels)
    }

    /// The concept and the alternatives whose evidence counts.
    fn counted(&self) -> impl Iterator<Item = ConceptId> + '_ {
        std::iter::once(self.concept).chain(self.or_concepts.iter().copied())
    }

    /// Counted evidence in a section and the sections under it.
    fn count_in(&self, cx: &Context, section: usize) -> u32 {
        let blocks = cx.doc.subtree_blocks(section);
        self.counted()
            .map(|c| cx.evidence.count_in(c, blocks.clone()) as u32)
            .sum()
    }

    /// Evidence of the `or-opening` concepts in the opening sentences.
    fn opening_count(&self, cx: &Context) -> u32 {
        if self.or_opening.is_empty() {
            return 0;
        }
        let opening = cx.opening_sentences();
        let in_opening = |h: &&crate::evidence::Hit| {
            opening.contains(&h.sentence) && self.or_opening.contains(&h.concept)
        };
        let mut sentences: Vec<usize> = cx
            .evidence
            .hits
            .iter()
            .filter(in_opening)
            .map(|h| h.sentence)
            .collect();
        sentences.dedup();
        sentences.len() as u32
    }

    fn check_sections(
        &self,
        rule: &Rule,
        cx: &Context,
        phrases: &[Phrase],
        out: &mut Vec<Finding>,
    ) {
        for section in 1..cx.doc.sections.len() {
            let heading = &cx.evidence.headings[section];
            if !phrases.iter().any(|p| p.occurs_in(heading)) {
                continue;
            }
            let count = self.count_in(cx, section);
            if count >= self.min {
                continue;
            }
            let name = cx.doc.heading_text(section).unwrap_or_default();
            let label = format!("no {} in this section", self.label(cx));
            out.push(self.finding(rule, cx, count, &name, cx.section_span(section), label));
        }
    }

    fn finding(
        &self,
        rule: &Rule,
        cx: &Context,
        count: u32,
        section: &str,
        span: crate::source::Span,
        label: String,
    ) -> Finding {
        let (count_text, min_text) = (count.to_string(), self.min.to_string());
        let message = cx.message(
            rule,
            &[
                ("concept", cx.concept_label(self.concept)),
                ("count", &count_text),
                ("min", &min_text),
                ("section", section),
            ],
        );
        let mut finding = cx.finding(rule, message, Label::new(span, label));
        if count > 0 {
            finding.notes.push(format!(
                "found {count} piece{} of evidence; {} needed",
                if count == 1 { "" } else { "s" },
                self.min
            ));
        }
        finding
    }
}
