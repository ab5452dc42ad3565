//! `require-section`: some heading must match one of `headings` (stemmed, case-insensitive),
//! or, with `or-concepts`, the content must be there under any heading.
//!
//! Role descriptions in particular are read by scanning headings: a candidate looks for
//! "Responsibilities" or "How success is measured", and a missing section reads as a missing
//! answer. A role that says what it is for in its opening paragraph, or how success shows
//! under "How we'll know it's going well", has answered all the same. The finding points at
//! the title, where the reader starts looking.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Context, Kind, compiled, runner};
use crate::finding::{Finding, Label};
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::{Name, RuleDef};
use crate::rules::{ConceptId, Phrase, Rule};

/// Headings listed in the note before it is cut short.
const MAX_LISTED_HEADINGS: usize = 8;

pub const KIND: Kind = Kind {
    name: "require-section",
    scope: KindScope::TEXT,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "headings"],
    compile,
    summary: "no heading matches any of `headings` (and no evidence of `or-concepts` anywhere)",
    builtin: None,
    run: runner::<RequireSection>,
};

/// The parameters of a `require-section` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// Headings (stemmed), any one of which satisfies the rule.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    headings: Option<Spanned<Vec<Name>>>,
    /// Concepts whose evidence anywhere satisfies it as well.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    or_concepts: Option<Spanned<Vec<Name>>>,
}

#[derive(Debug)]
pub struct RequireSection {
    headings: Vec<Phrase>,
    /// Concepts whose evidence anywhere answers as well as a heading.
    or_concepts: Vec<ConceptId>,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let headings = r.required(&params.headings, "headings")?;
    let headings = r.phrases(headings);
    let or_concepts = params
        .or_concepts
        .iter()
        .flat_map(|list| list.get_ref())
        .map(|name| r.concept(name))
        .collect::<Option<Vec<_>>>()?;
    compiled(RequireSection {
        headings,
        or_concepts,
    })
}

impl RuleKind for RequireSection {
    fn follows_from_missing(&self, concept: ConceptId) -> bool {
        self.or_concepts.contains(&concept)
    }
}

impl Check for RequireSection {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let found = cx
            .evidence
            .headings
            .iter()
            .any(|heading| self.headings.iter().any(|p| p.occurs_in(heading)))
            || self.or_concepts.iter().any(|&c| cx.coverage.count(c) > 0);
        if found {
            return;
        }
        let wanted: Vec<&str> = self.headings.iter().map(|p| p.text.as_str()).collect();
        let message = cx.message(rule, &[("headings", &wanted.join(" / "))]);
        let label = format!(
            "no heading such as \"{}\"",
            wanted.first().copied().unwrap_or_default()
        );
        let mut finding = cx.finding(rule, message, Label::new(cx.doc.anchor_span(), label));
        let present: Vec<String> = (1..cx.doc.sections.len())
            .filter_map(|s| cx.doc.heading_text(s))
            .filter(|h| !h.is_empty())
            .collect();
        finding.notes.push(if present.is_empty() {
            "this document has no headings".to_string()
        } else {
            let shown: Vec<&str> = present
                .iter()
                .take(MAX_LISTED_HEADINGS)
                .map(String::as_str)
                .collect();
            let more = present.len().saturating_sub(MAX_LISTED_HEADINGS);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!("headings present: {}{tail}", shown.join(", "))
        });
        finding.notes.push(format!(
            "any of these headings would do: {}",
            wanted.join(", ")
        ));
        if !self.or_concepts.is_empty() {
            let labels: Vec<&str> = self
                .or_concepts
                .iter()
                .map(|&c| cx.concept_label(c))
                .collect();
            finding.notes.push(format!(
                "so would any {} under any heading; none was found",
                labels.join(" or ")
            ));
        }
        out.push(finding);
    }
}
