//! `forbid`: a concept, or the rule's own `terms`, must not appear at all.
//!
//! For house style ("never say *guys*") and for words a team has agreed to retire. Every
//! occurrence is reported at the words themselves, negated or repeated ones included.

use super::{Check, Context, KindSpec};
use crate::finding::{Finding, Label};
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;
use crate::rules::{ConceptId, Rule};

pub const SPEC: KindSpec = KindSpec {
    name: "forbid",
    params: &["concept", "terms"],
    placeholders: &["kind", "concept", "match"],
    compile,
    summary: "`concept` (or the rule's own `terms`) appears at all",
    reads_folder: false,
};

#[derive(Debug)]
pub struct Forbid {
    concept: ConceptId,
}

fn compile(def: &RuleDef, r: &mut Resolver) -> Option<Check> {
    let concept = match (&def.concept, &def.terms) {
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
            r.required(&def.concept, "concept or terms");
            return None;
        }
    };
    Some(Check::Forbid(Forbid { concept }))
}

impl Forbid {
    pub fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
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
