//! `effective-date`: a document takes effect after the run's `today`.
//!
//! Not a mistake, but a reader should know that the text is not yet in force.

use super::{Check, Context, Kind, NoParams, runner, without_params};
use crate::finding::{Finding, Label};
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;

pub const KIND: Kind = Kind {
    name: "effective-date",
    scope: KindScope::LIFECYCLE,
    params: ParamsSpec::of::<NoParams>(),
    placeholders: &["kind", "date", "days"],
    compile: without_params::<EffectiveDate>,
    summary: "the document's `effective` date is still to come",
    builtin: None,
    run: runner::<EffectiveDate>,
};

#[derive(Debug, Default)]
pub struct EffectiveDate;

impl RuleKind for EffectiveDate {}

impl Check for EffectiveDate {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let Some(effective) = &cx.metadata.effective else {
            return;
        };
        let left = cx.lifecycle.today.days_until(effective.value);
        if left <= 0 {
            return;
        }
        let date = effective.value.to_string();
        let label = Label::new(effective.span, "not in force yet");
        out.push(cx.date_finding(rule, &date, left.unsigned_abs(), label));
    }
}
