//! `effective-date`: a document takes effect after the run's `today`.
//!
//! Not a mistake, but a reader should know that the text is not yet in force.

use schemars::JsonSchema;

use super::{Check, Context, Kind, NoParams, compiled, runner};
use crate::finding::{Finding, Label};
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::field_names;
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;

pub const KIND: Kind = Kind {
    name: "effective-date",
    scope: KindScope::LIFECYCLE,
    params: field_names::<NoParams>,
    schema: NoParams::json_schema,
    placeholders: &["kind", "date", "days"],
    compile,
    summary: "the document's `effective` date is still to come",
    builtin: None,
    run: runner::<EffectiveDate>,
};

#[derive(Debug)]
pub struct EffectiveDate;

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    r.params::<NoParams>()?;
    compiled(EffectiveDate)
}

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
        let message = cx.message(rule, &[("date", &date), ("days", &left.to_string())]);
        let mut finding = cx.finding(
            rule,
            message,
            Label::new(effective.span, "not in force yet"),
        );
        finding
            .notes
            .push(format!("judged on {}", cx.lifecycle.today));
        out.push(finding);
    }
}
