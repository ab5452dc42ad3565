//! `review-date`: a document's next review is past (`due = "overdue"`) or near (`due =
//! "soon"`, within the configured days).
//!
//! The next review is the `review-by` date, else `reviewed` plus the configured interval
//! (12 months unless `[metadata]` says otherwise). Dates are judged on the run's `today`
//! (`--today`, `[lint] today`), so a run can be repeated. A document with no review date at
//! all is `require-field`'s to report (`field = "review-by"`).

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Context, Kind, compiled, runner};
use crate::finding::{Finding, Label};
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;

pub const KIND: Kind = Kind {
    name: "review-date",
    scope: KindScope::LIFECYCLE,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "date", "days"],
    compile,
    summary: "the next review is past (`due = \"overdue\"`) or within the configured days (`due = \"soon\"`)",
    builtin: None,
    run: runner::<ReviewDate>,
};

/// The parameters of a `review-date` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// Fire on reviews past their date (`overdue`) or due within the configured days (`soon`).
    #[serde(default)]
    #[schemars(with = "Option<ReviewDue>")]
    due: Option<Spanned<ReviewDue>>,
}

/// Which reviews a `review-date` rule names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReviewDue {
    Overdue,
    Soon,
}

#[derive(Debug)]
pub struct ReviewDate {
    due: ReviewDue,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let due = *r.required(&params.due, "due")?.get_ref();
    compiled(ReviewDate { due })
}

impl RuleKind for ReviewDate {}

impl Check for ReviewDate {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
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
        let date_text = date.to_string();
        let label = match field {
            crate::metadata::Field::ReviewBy => format!("due on {date_text}"),
            _ => format!(
                "reviewed then; due {} months later, on {date_text}",
                lifecycle.review_interval
            ),
        };
        let label = Label::new(span, label);
        out.push(cx.date_finding(rule, &date_text, left.unsigned_abs(), label));
    }
}
