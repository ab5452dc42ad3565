//! `retired-link`: a document in force links to one that is retired or superseded.
//!
//! Readers who follow the link act on rules that no longer hold. A document is retired when
//! its own metadata says `status: retired` or names what supersedes it (`superseded-by`).
//! Drafts and retired documents may link to anything.

use super::{Check, Context, KindSpec};
use crate::finding::{Finding, Label};
use crate::links::Folder;
use crate::rules::Rule;
use crate::rules::load::Resolver;
use crate::rules::schema::RuleDef;

pub const SPEC: KindSpec = KindSpec {
    name: "retired-link",
    params: &[],
    placeholders: &["kind", "link"],
    compile,
    summary: "a document in force links to a retired or superseded one",
    reads_folder: true,
};

#[derive(Debug)]
pub struct RetiredLink;

fn compile(_: &RuleDef, _: &mut Resolver) -> Option<Check> {
    Some(Check::RetiredLink(RetiredLink))
}

impl RetiredLink {
    pub fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
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
