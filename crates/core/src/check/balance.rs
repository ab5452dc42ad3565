//! `balance`: one dimension's share of all evidence must not exceed `max-share`.
//!
//! A code that is all rules and no reasons reads as authoritarian; one that is all vision and
//! no road map reads as laissez-faire. The finding points at the title, with the sections
//! that tip the balance most as context.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Context, Kind, add_capped_labels, compiled, percent, runner};
use crate::finding::{Finding, Label};
use crate::rules::{KindScope, RuleKind};
use crate::rules::kind::ParamsSpec;
use crate::rules::load::Resolver;
use crate::rules::schema::{Name, RuleDef};
use crate::rules::{DimensionId, Rule};

/// Below this much evidence a document is too thin to call unbalanced.
const DEFAULT_MIN_EVIDENCE: u32 = 8;

pub const KIND: Kind = Kind {
    name: "balance",
    scope: KindScope::TEXT,
    params: ParamsSpec::of::<Params>(),
    placeholders: &["kind", "dimension", "share", "count", "total"],
    compile,
    summary: "`dimension` holds more than `max-share` of all evidence (once there is `min-evidence`)",
    builtin: None,
    run: runner::<Balance>,
};

/// The parameters of a `balance` rule.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// The dimension whose share of all evidence is limited.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    dimension: Option<Name>,
    /// The largest share of all evidence the dimension may hold, from 0 to 1.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    max_share: Option<Spanned<f64>>,
    /// The evidence a document needs before its balance is judged (default 8).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    min_evidence: Option<Spanned<u32>>,
}

#[derive(Debug)]
pub struct Balance {
    dimension: DimensionId,
    max_share: f64,
    min_evidence: u32,
}

fn compile(_: &RuleDef, r: &mut Resolver) -> Option<Box<dyn RuleKind>> {
    let params: Params = r.params()?;
    let dimension = r.required(&params.dimension, "dimension")?;
    let dimension = r.dimension(dimension)?;
    let max_share = r.required(&params.max_share, "max-share")?;
    if !(max_share.get_ref() > &0.0 && max_share.get_ref() < &1.0) {
        r.error(
            max_share.span(),
            "`max-share` must lie between 0 and 1",
            "a share such as 0.8",
            None,
        );
        return None;
    }
    compiled(Balance {
        dimension,
        max_share: *max_share.get_ref(),
        min_evidence: params
            .min_evidence
            .as_ref()
            .map_or(DEFAULT_MIN_EVIDENCE, |m| *m.get_ref()),
    })
}

impl RuleKind for Balance {}

impl Check for Balance {
    fn check(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let total = cx.coverage.total();
        if total < self.min_evidence {
            return;
        }
        let Some(share) = cx.coverage.share(self.dimension) else {
            return;
        };
        if share <= self.max_share {
            return;
        }
        let rules = cx.rules;
        let label = &rules.dimensions[self.dimension].label;
        let count = cx.coverage.dimensions[self.dimension];
        let (share_text, count_text, total_text) =
            (percent(share), count.to_string(), total.to_string());
        let message = cx.message(
            rule,
            &[
                ("dimension", label),
                ("share", &share_text),
                ("count", &count_text),
                ("total", &total_text),
            ],
        );
        let primary = Label::new(
            cx.doc.anchor_span(),
            format!("{share_text} of the evidence here is {label}"),
        );
        let mut finding = cx.finding(rule, message, primary);
        let mut tipping = self.tipping_sections(cx);
        // A section that is the title itself would only repeat the primary label.
        tipping.retain(|&(section, _, _)| cx.section_span(section) != cx.doc.anchor_span());
        tipping.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let labels = tipping.iter().map(|&(section, ours, all)| {
            Label::new(
                cx.section_span(section),
                format!("{ours} of {all} pieces of evidence here are {label}"),
            )
        });
        add_capped_labels(&mut finding, labels, "section", "sections");
        let split: Vec<String> = rules
            .dimensions
            .iter()
            .zip(&cx.coverage.dimensions)
            .map(|(d, n)| {
                format!(
                    "{} {n} ({})",
                    d.label,
                    percent(f64::from(*n) / f64::from(total))
                )
            })
            .collect();
        finding
            .notes
            .push(format!("evidence by dimension: {}", split.join(", ")));
        finding
            .notes
            .push(format!("the limit is {}", percent(self.max_share)));
        out.push(finding);
    }
}

impl Balance {
    /// Sections (own blocks only) where this dimension's share is above the limit:
    /// `(section, evidence of this dimension, all dimensional evidence)`.
    fn tipping_sections(&self, cx: &Context) -> Vec<(usize, usize, usize)> {
        let concepts = &cx.rules.concepts;
        (0..cx.doc.sections.len())
            .filter_map(|section| {
                let (mut ours, mut all) = (0usize, 0usize);
                for hit in cx.evidence.hits_in(cx.doc.sections[section].blocks.clone()) {
                    if let Some(d) = concepts[hit.concept].dimension {
                        all += 1;
                        ours += usize::from(d == self.dimension);
                    }
                }
                (ours > 0 && ours as f64 / all as f64 > self.max_share)
                    .then_some((section, ours, all))
            })
            .collect()
    }
}
