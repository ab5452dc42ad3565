//! `retired-link`: a document in force links to one that is retired or superseded.
//!
//! Readers who follow the link act on rules that no longer hold. A document is retired when
//! its own metadata says `status: retired` or names what supersedes it (`superseded-by`).
//! Drafts and retired documents may link to anything.

use super::{Check, Context, Kind, NoParams, runner, without_params};
use crate::finding::{Finding, Label};
use crate::links::Folder;
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;

pub const KIND: Kind = Kind {
    name: "retired-link",
    scope: KindScope {
        reads_folder: true,
        ..KindScope::LIFECYCLE
    },
    params: ParamsSpec::of::<NoParams>(),
    placeholders: &["kind", "link"],
    compile: without_params::<RetiredLink>,
    summary: "a document in force links to a retired or superseded one",
    builtin: None,
    run: runner::<RetiredLink>,
};

#[derive(Debug, Default)]
pub struct RetiredLink;

impl RuleKind for RetiredLink {}

impl Check for RetiredLink {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        if !cx.metadata.is_active() {
            return;
        }
        for link in cx.links.iter().filter(|l| !l.path.is_empty()) {
            let target = cx.folder.target(&Folder::resolve(&cx.doc.path, link));
            if !target.retired {
                continue;
            }
            let written = &cx.doc.text[link.span.range()];
            let message = cx.message(rule, &[("link", written)]);
            out.push(cx.finding(
                rule,
                message,
                Label::new(link.span, "retired or superseded"),
            ));
        }
    }
}
