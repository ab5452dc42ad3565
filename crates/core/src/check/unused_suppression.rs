//! `unused-suppression`: a suppression comment that silences nothing (like ruff's RUF100).
//!
//! A built-in rule: no pack defines it, every rule set has it, and it is configured, selected,
//! listed and explained like any other. Its findings are made once the document's
//! suppressions have been applied ([`super::suppress`]), so running it with the other rules
//! finds nothing.

use super::{Check, Context, Kind, NoParams, runner};
use crate::finding::{Finding, Label, Severity};
use crate::rules::kind::{Builtin, ParamsSpec};
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;
use crate::rules::{Judges, KindScope, Rule, RuleKind, RuleSet};
use crate::suppress::Unused;

pub const KIND: Kind = Kind {
    name: "unused-suppression",
    scope: KindScope {
        judges: Judges::Comments,
        reads_folder: false,
        compares_figures: false,
    },
    params: ParamsSpec::of::<NoParams>(),
    placeholders: &[],
    compile,
    summary: "a suppression comment silences nothing",
    builtin: Some(Builtin {
        severity: Severity::Warning,
        explanation: "A suppression comment that silences nothing is noise at best and, at \
worst, hides the next real finding of that rule when the text around it changes. It usually \
means the document was mended after the comment was written, or the rule id is misspelt.",
        help: "Remove the comment, or the rule from it.",
        kind: || Box::new(UnusedSuppression),
    }),
    run: runner::<UnusedSuppression>,
};

#[derive(Debug)]
pub struct UnusedSuppression;

/// Packs cannot use the kind; the loader never asks.
fn compile(_: &RuleDef, _: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    None
}

impl RuleKind for UnusedSuppression {}

impl Check for UnusedSuppression {
    fn check(&self, _: &Rule, _: &Context, _: &mut Vec<Finding>) {}
}

/// The finding on a directive, or a rule name in it, that silenced nothing: a rule that did
/// not fire here, or a name that is no rule, with the rule it most likely meant.
pub fn finding(rule: &Rule, severity: Severity, unused: &Unused, rules: &RuleSet) -> Finding {
    let (message, hint) = match &unused.rule {
        None => ("this suppression silences nothing".to_string(), None),
        Some(name) if rules.rule(name).is_some() => (
            format!("unused suppression: `{name}` does not fire here"),
            None,
        ),
        Some(name) => (
            format!("unused suppression: `{name}` is not a rule"),
            rules.nearest_rule(name),
        ),
    };
    Finding {
        rule: rule.id.clone(),
        severity,
        message,
        help: hint.or_else(|| rule.help.clone()),
        primary: Label::new(unused.span, "nothing to silence"),
        secondary: Vec::new(),
        notes: Vec::new(),
        related: Vec::new(),
    }
}
