//! `valid-metadata`: every lifecycle value is what its field needs, and the front matter can
//! be read at all.
//!
//! A review date of "next spring" or a status of "archived" would otherwise be ignored in
//! silence, and the document would look as if it had no review date or status. Each bad
//! value is reported where it is written; the rest of the document is judged as usual.

use super::{Check, Context, Kind, NoParams, runner, without_params};
use crate::finding::{Finding, Label};
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;

pub const KIND: Kind = Kind {
    name: "valid-metadata",
    scope: KindScope::LIFECYCLE,
    params: ParamsSpec::of::<NoParams>(),
    placeholders: &["kind", "problem"],
    compile: without_params::<ValidMetadata>,
    summary: "a lifecycle field holds a value of the wrong type, or the front matter cannot be read",
    builtin: None,
    run: runner::<ValidMetadata>,
};

#[derive(Debug, Default)]
pub struct ValidMetadata;

impl RuleKind for ValidMetadata {}

impl Check for ValidMetadata {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        for problem in &cx.metadata.problems {
            let message = cx.message(rule, &[("problem", &problem.message)]);
            out.push(cx.finding(rule, message, Label::new(problem.span, "not understood")));
        }
    }
}
