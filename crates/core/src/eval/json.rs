//! `eval --format json`: the same figures for scripts, with every count and rate.

use serde::Serialize;

use super::{Evaluation, RuleScore};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    labels: &'a str,
    documents: usize,
    linted: usize,
    missing: &'a [String],
    not_linted: &'a [String],
    notes: &'a [String],
    rules: Vec<Score<'a>>,
    groups: Vec<GroupScores<'a>>,
    kinds: Vec<Kind<'a>>,
    disagreements: Vec<Disagreement<'a>>,
}

/// For one labelled kind: its documents, how many policylint gave the same kind, and how many
/// it gave each kind.
#[derive(Serialize)]
struct Kind<'a> {
    labelled: &'a str,
    documents: usize,
    same_kind: usize,
    decided: &'a std::collections::BTreeMap<String, usize>,
}

#[derive(Serialize)]
struct Score<'a> {
    rule: &'a str,
    axis: &'a str,
    scored: usize,
    no: usize,
    fires_on_no: usize,
    yes: usize,
    silent_on_yes: usize,
    balanced_accuracy: Option<f64>,
    false_alarm_rate: Option<f64>,
    other_kinds: usize,
    fires_on_other_kinds: usize,
}

#[derive(Serialize)]
struct GroupScores<'a> {
    group: &'a str,
    documents: usize,
    rules: Vec<Score<'a>>,
}

#[derive(Serialize)]
struct Disagreement<'a> {
    rule: &'a str,
    axis: &'a str,
    path: &'a str,
    label: &'a str,
    why: &'a str,
    /// The finding's message, or null when the rule was silent.
    finding: Option<&'a str>,
}

fn scores(scores: &[RuleScore]) -> Vec<Score<'_>> {
    scores
        .iter()
        .map(|s| Score {
            rule: &s.rule,
            axis: &s.axis,
            scored: s.tally.scored(),
            no: s.tally.no,
            fires_on_no: s.tally.no_fired,
            yes: s.tally.yes,
            silent_on_yes: s.tally.yes_silent,
            balanced_accuracy: s.tally.balanced_accuracy().map(round),
            false_alarm_rate: s.tally.false_alarm_rate().map(round),
            other_kinds: s.tally.other_kind,
            fires_on_other_kinds: s.tally.other_kind_fired,
        })
        .collect()
}

/// Four decimals: enough for a percentage with two, and stable across platforms.
fn round(share: f64) -> f64 {
    (share * 10_000.0).round() / 10_000.0
}

/// The evaluation as pretty-printed JSON with a final newline.
pub fn render(evaluation: &Evaluation) -> String {
    let report = Report {
        version: 1,
        labels: &evaluation.labels,
        documents: evaluation.documents,
        linted: evaluation.linted,
        missing: &evaluation.missing,
        not_linted: &evaluation.not_linted,
        notes: &evaluation.notes,
        rules: scores(&evaluation.scores),
        groups: evaluation
            .groups
            .iter()
            .map(|g| GroupScores {
                group: &g.name,
                documents: g.documents,
                rules: scores(&g.scores),
            })
            .collect(),
        kinds: evaluation
            .kinds
            .iter()
            .map(|k| Kind {
                labelled: &k.labelled,
                documents: k.documents(),
                same_kind: k.same_kind(),
                decided: &k.decided,
            })
            .collect(),
        disagreements: evaluation
            .disagreements
            .iter()
            .map(|d| Disagreement {
                rule: &d.rule,
                axis: &d.axis,
                path: &d.path,
                label: d.verdict.name(),
                why: &d.why,
                finding: d.finding.as_deref(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
