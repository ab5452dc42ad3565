//! `review-date`: a document's next review is past (`due = "overdue"`) or near (`due =
//! "soon"`, within the configured days).
//!
//! The next review is the `review-by` date, else `reviewed` plus the configured interval
//! (12 months unless `[metadata]` says otherwise). Dates are judged on the run's `today`
//! (`--today`, `[lint] today`), so a run can be repeated. A document with no review date at
//! all is `require-field`'s to report (`field = "review-by"`).

use super::{Check, Context, KindSpec};
use crate::finding::{Finding, Label};
use crate::rules::Rule;
use crate::rules::load::Resolver;
use crate::rules::schema::{ReviewDue, RuleDef};

pub const SPEC: KindSpec = KindSpec {
    name: "review-date",
    params: &["due"],
    placeholders: &["kind", "date", "days"],
    compile,
    summary: "the next review is past (`due = \"overdue\"`) or within the configured days (`due = \"soon\"`)",
    reads_folder: false,
};

#[derive(Debug)]
pub struct ReviewDate {
    due: ReviewDue,
}

fn compile(def: &RuleDef, r: &mut Resolver) -> Option<Check> {
    let due = *r.required(&def.due, "due")?.get_ref();
    Some(Check::ReviewDate(ReviewDate { due }))
}

impl ReviewDate {
    pub fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let meta = cx.metadata;
        let lifecycle = cx.lifecycle;
        if !meta.judged(&lifecycle) || meta.is_retired() {
            return;
        }
        let Some((date, span, field)) = meta.next_review(&lifecycle) else {
            return;
        };
        let left = lifecycle.today.days_until(date);
        let fires = match self.due {
            ReviewDue::Overdue => left < 0,
            ReviewDue::Soon => (0..=i64::from(lifecycle.due_soon)).contains(&left),
        };
        if !fires {
            return;
        }
        let days = left.unsigned_abs().to_string();
        let date_text = date.to_string();
        let message = cx.message(rule, &[("date", &date_text), ("days", &days)]);
        let label = match field {
            crate::metadata::Field::ReviewBy => format!("due on {date_text}"),
            _ => format!(
                "reviewed then; due {} months later, on {date_text}",
                lifecycle.review_interval
            ),
        };
        let mut finding = cx.finding(rule, message, Label::new(span, label));
        finding.notes.push(format!("judged on {}", lifecycle.today));
        out.push(finding);
    }
}
