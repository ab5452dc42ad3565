//! `effective-date`: a document takes effect after the run's `today`.
//!
//! Not a mistake, but a reader should know that the text is not yet in force.

use super::{Check, Context, KindSpec};
use crate::finding::{Finding, Label};
use crate::rules::Rule;
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;

pub const SPEC: KindSpec = KindSpec {
    name: "effective-date",
    params: &[],
    placeholders: &["kind", "date", "days"],
    compile,
    summary: "the document's `effective` date is still to come",
    reads_folder: false,
};

#[derive(Debug)]
pub struct EffectiveDate;

fn compile(_: &RuleDef, _: &mut Resolver) -> Option<Check> {
    Some(Check::EffectiveDate(EffectiveDate))
}

impl EffectiveDate {
    pub fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
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
