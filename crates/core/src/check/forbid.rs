//! `forbid`: a concept, or the rule's own `terms`, must not appear at all.
//!
//! For house style ("never say *guys*") and for words a team has agreed to retire. Every
//! occurrence is reported at the words themselves, negated or repeated ones included.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Context, Kind, compiled, runner};
use crate::finding::{Finding, Label};
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::{Name, RuleDef};
use crate::rules::{ConceptId, Rule};

pub const KIND: Kind = Kind {
    name: "forbid",
    scope: KindScope::TEXT,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "concept", "match"],
    compile,
    summary: "`concept` (or the rule's own `terms`) appears at all",
    builtin: None,
    run: runner::<Forbid>,
};

/// The parameters of a `forbid` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// The concept that must not appear.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    concept: Option<Name>,
    /// Words to flag, when no concept names them.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    terms: Option<Spanned<Vec<Name>>>,
}

#[derive(Debug)]
pub struct Forbid {
    concept: ConceptId,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let concept = match (&params.concept, &params.terms) {
        (Some(concept), None) => r.concept(concept)?,
        (None, Some(terms)) => r.terms_concept(terms)?,
        (Some(concept), Some(_)) => {
            r.error(
                concept.span(),
                "`forbid` takes `concept` or `terms`, not both",
                "remove one of them",
                None,
            );
            return None;
        }
        (None, None) => {
            r.required(&params.concept, "concept or terms");
            return None;
        }
    };
    compiled(Forbid { concept })
}

impl RuleKind for Forbid {}

impl Check for Forbid {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let evidence = cx.evidence;
        let mut occurrences: Vec<_> = evidence
            .hits
            .iter()
            .chain(&evidence.negated)
            .chain(&evidence.repeats)
            .filter(|h| h.concept == self.concept)
            .collect();
        occurrences.sort_by_key(|h| h.span);
        for hit in occurrences {
            let matched = &cx.doc.text[hit.span.range()];
            let message = cx.message(
                rule,
                &[
                    ("concept", cx.concept_label(self.concept)),
                    ("match", matched),
                ],
            );
            out.push(cx.finding(rule, message, Label::new(hit.span, "used here")));
        }
    }
}
