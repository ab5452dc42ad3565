//! `require-field`: a document that keeps lifecycle metadata names a `field` (its owner, say;
//! for `review-by`, a `reviewed` date that the next review follows from will do).
//!
//! Auditors ask who owns each policy. Only documents that declare lifecycle metadata, or
//! whose kind the configuration marks `required`, are judged: a folder of pages that never
//! used front matter is not flooded with findings.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Check, Context, Kind, compiled, runner};
use crate::finding::{Finding, Label};
use crate::metadata::Field;
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::{Name, RuleDef};
use crate::toml_errors::did_you_mean;

pub const KIND: Kind = Kind {
    name: "require-field",
    scope: KindScope::LIFECYCLE,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "field"],
    compile,
    summary: "a document with lifecycle metadata does not name `field`",
    builtin: None,
    run: runner::<RequireField>,
};

/// The parameters of a `require-field` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// The lifecycle field a document must carry (`owner`, `approver`, ...).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    field: Option<Name>,
}

#[derive(Debug)]
pub struct RequireField {
    field: Field,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let name = r.required(&params.field, "field")?;
    let Some(field) = Field::from_name(name.get_ref()) else {
        let names = Field::ALL.map(Field::name);
        r.error(
            name.span(),
            format!("unknown field `{}`", name.get_ref()),
            "not a lifecycle field",
            did_you_mean(name.get_ref(), names.iter().copied())
                .or_else(|| Some(format!("fields: {}", names.join(", ")))),
        );
        return None;
    };
    compiled(RequireField { field })
}

impl RuleKind for RequireField {}

impl Check for RequireField {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let meta = cx.metadata;
        if !meta.judged(&cx.lifecycle) || meta.has(self.field) {
            return;
        }
        let name = self.field.name();
        let message = cx.message(rule, &[("field", name)]);
        out.push(cx.finding(
            rule,
            message,
            Label::new(
                cx.doc.anchor_span(),
                format!("no `{name}` for this document"),
            ),
        ));
    }
}
