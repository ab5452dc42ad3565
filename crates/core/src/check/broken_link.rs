//! `broken-link`: a link to a file of the folder, or to a heading, that is not there.
//!
//! Renamed files and reworded headings leave links behind that readers follow to nothing.
//! Headings are matched the way GitHub makes their anchors (lower case, punctuation dropped,
//! spaces as `-`, `-1` after a repeated heading); anchors are checked in Markdown files. Like
//! the other lifecycle rules it judges documents that carry lifecycle metadata or whose kind
//! must: a copied or partial folder (one part of a larger handbook) would otherwise be all
//! broken links.

use super::{Check, Context, Kind, NoParams, runner, without_params};
use crate::finding::{Finding, Label};
use crate::links::{Folder, anchors};
use crate::rules::Rule;
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::toml_errors::did_you_mean;

pub const KIND: Kind = Kind {
    name: "broken-link",
    scope: KindScope {
        reads_folder: true,
        ..KindScope::LIFECYCLE
    },
    params: ParamsSpec::of::<NoParams>(),
    placeholders: &["kind", "link"],
    compile: without_params::<BrokenLink>,
    summary: "a link points to a file or a heading of the folder that does not exist",
    builtin: None,
    run: runner::<BrokenLink>,
};

#[derive(Debug, Default)]
pub struct BrokenLink;

impl RuleKind for BrokenLink {}

impl Check for BrokenLink {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        if !cx.metadata.judged(&cx.lifecycle) {
            return;
        }
        let own_anchors = anchors(cx.doc);
        for link in cx.links {
            let written = &cx.doc.text[link.span.range()];
            let (label, hint) = if link.path.is_empty() {
                let Some(fragment) = &link.fragment else {
                    continue;
                };
                match missing_anchor(fragment, &own_anchors) {
                    Some(hint) => ("no heading of this document has this anchor", hint),
                    None => continue,
                }
            } else {
                let target = cx.folder.target(&Folder::resolve(&cx.doc.path, link));
                if !target.exists {
                    ("no such file", None)
                } else {
                    let (Some(fragment), Some(anchors)) = (&link.fragment, target.anchors()) else {
                        continue;
                    };
                    match missing_anchor(fragment, anchors) {
                        Some(hint) => ("the file has no heading with this anchor", hint),
                        None => continue,
                    }
                }
            };
            let message = cx.message(rule, &[("link", written)]);
            let mut finding = cx.finding(rule, message, Label::new(link.span, label));
            if let Some(hint) = hint {
                finding.notes.push(hint);
            }
            out.push(finding);
        }
    }
}

/// `None` when `fragment` is one of `anchors`; else the closest anchor as a hint, if any.
fn missing_anchor(fragment: &str, anchors: &[String]) -> Option<Option<String>> {
    let fragment = fragment.to_lowercase();
    if anchors.contains(&fragment) {
        return None;
    }
    Some(did_you_mean(&fragment, anchors.iter().map(String::as_str)))
}
