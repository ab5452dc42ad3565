//! `conflicting-figures`: two documents in force state different figures for the same thing.
//!
//! "Claims within 30 days" in one policy and "within 14 days" in another leave readers to pick
//! one. Figures are compared only when they measure the same quantity (calendar time, working
//! days, months, one currency, a percentage), set the same relation (a deadline, an upper or a
//! lower bound, a threshold) and are about the same subject (see [`crate::figures`]). Where
//! either document also states the other's figure for that subject, the two are taken to
//! speak of different cases and nothing is reported: a false contradiction costs more than a
//! missed one. Like the other lifecycle rules it concerns documents under lifecycle management
//! (their metadata declares it); drafts and retired documents are not compared.

use super::{Check, Context, Kind, MAX_LABELS, NoParams, runner, without_params};
use crate::figures::Claim;
use crate::finding::{Finding, Label, Related};
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;

pub const KIND: Kind = Kind {
    name: "conflicting-figures",
    scope: KindScope {
        reads_folder: true,
        compares_figures: true,
        ..KindScope::LIFECYCLE
    },
    params: ParamsSpec::of::<NoParams>(),
    placeholders: &["kind", "figure", "other", "document"],
    compile: without_params::<ConflictingFigures>,
    summary: "two documents in force state different figures for the same thing",
    builtin: None,
    run: runner::<ConflictingFigures>,
};

#[derive(Debug, Default)]
pub struct ConflictingFigures;

impl RuleKind for ConflictingFigures {}

impl Check for ConflictingFigures {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        if cx.figures.is_empty() {
            return;
        }
        for claim in cx.figures {
            let mut conflicts: Vec<(&str, &Claim)> = Vec::new();
            for (path, target) in cx.folder.stating_others(&cx.doc.path) {
                let theirs = &target.figures(cx.folder.names()).claims;
                if states(theirs, claim) {
                    continue;
                }
                conflicts.extend(
                    theirs
                        .iter()
                        .filter(|c| c.amount != claim.amount && c.same_thing(claim))
                        .filter(|c| !states(cx.figures, c))
                        .map(|c| (path.as_str(), c)),
                );
            }
            let Some((first_path, first)) = conflicts.first() else {
                continue;
            };
            let message = cx.message(
                rule,
                &[
                    ("figure", &claim.written),
                    ("other", &first.written),
                    ("document", first_path),
                ],
            );
            let label = if conflicts.len() == 1 {
                format!("{} says {}", first_path, first.written)
            } else {
                format!("{} other places say otherwise", conflicts.len())
            };
            let mut finding = cx.finding(rule, message, Label::new(claim.span, label));
            for (path, other) in conflicts.iter().take(MAX_LABELS) {
                finding.related.push(Related {
                    path: (*path).to_string(),
                    span: other.span,
                    start: other.start,
                    end: other.end,
                    message: other.written.clone(),
                });
            }
            if conflicts.len() > MAX_LABELS {
                finding.notes.push(format!(
                    "and {} more places not shown",
                    conflicts.len() - MAX_LABELS
                ));
            }
            out.push(finding);
        }
    }
}

/// Whether `claims` state `figure`'s amount for its subject.
fn states(claims: &[Claim], figure: &Claim) -> bool {
    claims
        .iter()
        .any(|c| c.amount == figure.amount && c.same_thing(figure))
}
