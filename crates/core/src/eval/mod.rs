//! `policylint eval`: how often the rules agree with a careful reader.
//!
//! A labels file says, document by document, whether each axis (purpose, people, process,
//! measures, or the axes a pack defines) is covered. Each axis has a rule that fires when it
//! is missing, so a rule should fire on the documents labelled `no` and stay silent on those
//! labelled `yes`; `partial` is never scored. The figure is balanced accuracy, the mean of the
//! two rates, so that a rule that always fires scores 50% however lopsided the labels are.

pub mod human;
pub mod json;
pub mod labels;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::results::FileReport;
use crate::rules::RuleSet;
use crate::toml_errors::TomlErrors;
use crate::workspace::{SetupError, Target, Workspace};

pub use labels::{Axis, DocLabel, Labels, Verdict};

/// How one rule did on one set of documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Documents labelled `no` (of a kind the rule judges), and how many it fired on.
    pub no: usize,
    pub no_fired: usize,
    /// Documents labelled `yes`, and how many it left alone.
    pub yes: usize,
    pub yes_silent: usize,
    /// Documents labelled with a kind the rule does not judge, and how many it fired on all
    /// the same: each of those is a finding a reader would not expect.
    pub other_kind: usize,
    pub other_kind_fired: usize,
}

impl Tally {
    /// Documents scored: those labelled `yes` or `no`.
    pub fn scored(&self) -> usize {
        self.no + self.yes
    }

    /// The mean of the share of `no` documents flagged and of `yes` documents left alone;
    /// `None` until both kinds of label are present.
    pub fn balanced_accuracy(&self) -> Option<f64> {
        (self.no > 0 && self.yes > 0).then(|| {
            (self.no_fired as f64 / self.no as f64 + self.yes_silent as f64 / self.yes as f64) / 2.0
        })
    }

    /// The share of `yes` documents the rule fires on anyway.
    pub fn false_alarm_rate(&self) -> Option<f64> {
        (self.yes > 0).then(|| (self.yes - self.yes_silent) as f64 / self.yes as f64)
    }
}

/// A rule's tally for one axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleScore {
    pub rule: String,
    pub axis: String,
    pub tally: Tally,
}

/// The scores of the documents under one folder (`--by`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub documents: usize,
    pub scores: Vec<RuleScore>,
}

/// A document where a rule and the reader disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub rule: String,
    pub axis: String,
    pub path: String,
    pub verdict: Verdict,
    pub why: String,
    /// The rule's first finding on the document; `None` when it was silent.
    pub finding: Option<String>,
}

/// What policylint did with one labelled document.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The first finding message of each rule that fired.
    pub fired: BTreeMap<String, String>,
    /// Rules that judge documents of the labelled kind (all rules when the label has none).
    pub judged: BTreeSet<String>,
    /// The labelled kind by the name of the pack's kind it names ("code" names `policy`), or
    /// as written when no pack knows it; `None` when the label gives no kind.
    pub labelled_kind: Option<String>,
    /// The kind policylint decided; `None` when the packs set no kind for the document.
    pub kind: Option<String>,
}

/// How the kinds policylint decided compare with one labelled kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindRow {
    pub labelled: String,
    /// How many of its documents policylint gave each kind ("none": no kind).
    pub decided: BTreeMap<String, usize>,
}

impl KindRow {
    pub fn documents(&self) -> usize {
        self.decided.values().sum()
    }

    pub fn same_kind(&self) -> usize {
        self.decided.get(&self.labelled).copied().unwrap_or(0)
    }

    /// The decided kinds, most documents first, then by name.
    pub fn decided_by_count(&self) -> Vec<(&str, usize)> {
        let mut decided: Vec<(&str, usize)> =
            self.decided.iter().map(|(k, &n)| (k.as_str(), n)).collect();
        decided.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        decided
    }
}

/// The name `eval` gives a document policylint decided no kind for.
pub const NO_KIND: &str = "none";

/// Everything `eval` measured.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub labels: String,
    /// Labelled documents under the paths asked for.
    pub documents: usize,
    /// Of those, the ones policylint linted (not missing, not refused).
    pub linted: usize,
    /// Labelled paths with no file.
    pub missing: Vec<String>,
    /// Labelled files that could not be linted (binary, too large, unparsable).
    pub not_linted: Vec<String>,
    pub scores: Vec<RuleScore>,
    /// Per folder, when asked for.
    pub groups: Vec<Group>,
    pub disagreements: Vec<Disagreement>,
    /// For each labelled kind, the kinds policylint decided for its documents.
    pub kinds: Vec<KindRow>,
    /// Axes left out, and why.
    pub notes: Vec<String>,
}

impl Evaluation {
    /// The rules whose balanced accuracy is below the minimum asked for, as sentences. A rule
    /// with no score (no `yes` or no `no` labels) fails too: nothing shows it meets the bar.
    pub fn below(&self, minimums: &[(String, f64)]) -> Vec<String> {
        let mut problems = Vec::new();
        for (rule, minimum) in minimums {
            let Some(score) = self.scores.iter().find(|s| &s.rule == rule) else {
                continue;
            };
            match score.tally.balanced_accuracy() {
                Some(accuracy) if accuracy + 1e-9 >= *minimum => {}
                Some(accuracy) => problems.push(format!(
                    "{rule}: balanced accuracy {} is below the minimum {}",
                    percent(accuracy),
                    percent(*minimum)
                )),
                None => problems.push(format!(
                    "{rule}: no balanced accuracy (it needs documents labelled both `yes` and `no`), below the minimum {}",
                    percent(*minimum)
                )),
            }
        }
        problems
    }
}

/// A share as a percentage with one decimal: `92.3%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// What to evaluate and how.
pub struct Request<'a> {
    pub labels: &'a Labels,
    /// Only documents under these paths (all labelled documents when empty).
    pub paths: &'a [PathBuf],
    pub jobs: usize,
    /// Group the scores by the first this many folders of each path.
    pub by: Option<usize>,
}

/// Why an evaluation could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The configuration or a pack is wrong.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// The labels file names a rule no pack has.
    #[error(transparent)]
    Labels(TomlErrors),
}

/// Lint the labelled documents, each with its own configuration, and score every axis's rule.
/// `on_report` sees each file's report, for its notices.
pub fn run(
    workspace: &mut Workspace,
    request: &Request,
    mut on_report: impl FnMut(&FileReport),
) -> Result<Evaluation, EvalError> {
    let labels = request.labels;
    let selected: Vec<&DocLabel> = labels
        .docs
        .iter()
        .filter(|doc| is_under(&doc.file, request.paths))
        .collect();
    let mut missing = Vec::new();
    let mut targets = Vec::new();
    let mut linted_docs = Vec::new();
    for doc in &selected {
        if !doc.file.is_file() {
            missing.push(doc.path.clone());
            continue;
        }
        let linter = workspace.linter_for(&doc.file)?;
        targets.push(Target {
            path: doc.file.clone(),
            linter,
        });
        linted_docs.push(*doc);
    }
    let rule_sets: Vec<&RuleSet> = workspace.linters.iter().map(|l| &l.rules).collect();
    let (axes, notes) = labels.scored_axes(&rule_sets).map_err(EvalError::Labels)?;
    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(targets.len());
    let mut index = 0;
    workspace.lint(&targets, request.jobs, |report, linter| {
        on_report(&report);
        let doc = linted_docs[index];
        index += 1;
        outcomes.push(report.linted.as_ref().map(|linted| {
            let mut fired = BTreeMap::new();
            for finding in &linted.findings {
                fired
                    .entry(finding.rule.clone())
                    .or_insert_with(|| finding.message.clone());
            }
            let rules = &linter.rules;
            Outcome {
                fired,
                judged: judged_rules(rules, doc.kind.as_deref()),
                labelled_kind: doc.kind.as_deref().map(|name| {
                    rules
                        .kind_by_name(name)
                        .map_or(name, |kind| rules.kinds[kind].name.as_str())
                        .to_string()
                }),
                kind: linted.kind.kind.map(|kind| rules.kinds[kind].name.clone()),
            }
        }));
    });
    let not_linted = linted_docs
        .iter()
        .zip(&outcomes)
        .filter(|(_, outcome)| outcome.is_none())
        .map(|(doc, _)| doc.path.clone())
        .collect();
    let scored: Vec<(&DocLabel, &Outcome)> = linted_docs
        .iter()
        .zip(&outcomes)
        .filter_map(|(doc, outcome)| Some((*doc, outcome.as_ref()?)))
        .collect();
    let mut evaluation = score(&axes, &scored, request.by);
    evaluation.labels = labels.path.display().to_string();
    evaluation.documents = selected.len();
    evaluation.missing = missing;
    evaluation.not_linted = not_linted;
    evaluation.notes = notes;
    Ok(evaluation)
}

/// Whether `file` is one of `paths` or under one of them (every file when `paths` is empty).
fn is_under(file: &Path, paths: &[PathBuf]) -> bool {
    if paths.is_empty() {
        return true;
    }
    let file = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    paths.iter().any(|path| {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        file.starts_with(path)
    })
}

/// The rules that judge documents of the labelled kind: a rule limited to some kinds judges
/// only those; an unlabelled kind, or one the packs do not know, is judged by every rule.
fn judged_rules(rules: &RuleSet, kind: Option<&str>) -> BTreeSet<String> {
    let kind = kind.and_then(|name| rules.kind_by_name(name));
    rules
        .rules
        .iter()
        .filter(|rule| {
            kind.is_none_or(|kind| rule.applies_to.is_none() || rule.applies_to_kind(kind))
        })
        .map(|rule| rule.id.clone())
        .collect()
}

/// Score each axis's rule over the documents, overall and per folder.
pub fn score(axes: &[Axis], docs: &[(&DocLabel, &Outcome)], by: Option<usize>) -> Evaluation {
    let scores = tally_all(axes, docs);
    let mut groups: BTreeMap<String, Vec<(&DocLabel, &Outcome)>> = BTreeMap::new();
    if let Some(depth) = by {
        for &(doc, outcome) in docs {
            groups
                .entry(group_of(&doc.path, depth))
                .or_default()
                .push((doc, outcome));
        }
    }
    let groups = groups
        .into_iter()
        .map(|(name, docs)| Group {
            name,
            documents: docs.len(),
            scores: tally_all(axes, &docs),
        })
        .collect();
    let mut disagreements = Vec::new();
    for axis in axes {
        for &(doc, outcome) in docs {
            let Some(&verdict) = doc.verdicts.get(&axis.name) else {
                continue;
            };
            if !outcome.judged.contains(&axis.rule) {
                continue;
            }
            let finding = outcome.fired.get(&axis.rule).cloned();
            let agrees = match verdict {
                Verdict::Yes => finding.is_none(),
                Verdict::No => finding.is_some(),
                Verdict::Partial => true,
            };
            if !agrees {
                disagreements.push(Disagreement {
                    rule: axis.rule.clone(),
                    axis: axis.name.clone(),
                    path: doc.path.clone(),
                    verdict,
                    why: doc.why.clone(),
                    finding,
                });
            }
        }
    }
    Evaluation {
        labels: String::new(),
        documents: docs.len(),
        linted: docs.len(),
        missing: Vec::new(),
        not_linted: Vec::new(),
        scores,
        groups,
        disagreements,
        kinds: compare_kinds(docs),
        notes: Vec::new(),
    }
}

/// For each labelled kind, the kinds policylint decided for its documents. Documents with no
/// kind label are left out.
fn compare_kinds(docs: &[(&DocLabel, &Outcome)]) -> Vec<KindRow> {
    let mut rows: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for (_, outcome) in docs {
        if let Some(labelled) = &outcome.labelled_kind {
            let decided = outcome.kind.as_deref().unwrap_or(NO_KIND);
            *rows
                .entry(labelled)
                .or_default()
                .entry(decided.to_string())
                .or_default() += 1;
        }
    }
    rows.into_iter()
        .map(|(labelled, decided)| KindRow {
            labelled: labelled.to_string(),
            decided,
        })
        .collect()
}

fn tally_all(axes: &[Axis], docs: &[(&DocLabel, &Outcome)]) -> Vec<RuleScore> {
    axes.iter()
        .map(|axis| {
            let mut tally = Tally::default();
            for (doc, outcome) in docs {
                let fired = outcome.fired.contains_key(&axis.rule);
                if !outcome.judged.contains(&axis.rule) {
                    tally.other_kind += 1;
                    tally.other_kind_fired += usize::from(fired);
                    continue;
                }
                match doc.verdicts.get(&axis.name) {
                    Some(Verdict::No) => {
                        tally.no += 1;
                        tally.no_fired += usize::from(fired);
                    }
                    Some(Verdict::Yes) => {
                        tally.yes += 1;
                        tally.yes_silent += usize::from(!fired);
                    }
                    Some(Verdict::Partial) | None => {}
                }
            }
            RuleScore {
                rule: axis.rule.clone(),
                axis: axis.name.clone(),
                tally,
            }
        })
        .collect()
}

/// The first `depth` folders of a labelled path: `roles/monzo` for `roles/monzo/x/y.md` at
/// depth 2; `.` for a file at the top.
pub fn group_of(path: &str, depth: usize) -> String {
    let folders: Vec<&str> = path.split('/').collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    let kept: Vec<&str> = folders.iter().take(depth.max(1)).copied().collect();
    if kept.is_empty() {
        ".".into()
    } else {
        kept.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, purpose: Verdict) -> DocLabel {
        DocLabel {
            path: path.into(),
            file: PathBuf::from(path),
            kind: None,
            verdicts: BTreeMap::from([("purpose".to_string(), purpose)]),
            why: String::new(),
            span: 0..0,
        }
    }

    fn outcome(fires: bool) -> Outcome {
        Outcome {
            fired: if fires {
                BTreeMap::from([("purpose-missing".into(), "no purpose".into())])
            } else {
                BTreeMap::new()
            },
            judged: BTreeSet::from(["purpose-missing".to_string()]),
            labelled_kind: None,
            kind: None,
        }
    }

    fn axes() -> Vec<Axis> {
        vec![Axis {
            name: "purpose".into(),
            rule: "purpose-missing".into(),
            explicit: false,
        }]
    }

    #[test]
    fn a_rule_that_always_fires_scores_half_and_a_perfect_one_scores_all() {
        let docs = [
            doc("a.md", Verdict::No),
            doc("b.md", Verdict::Yes),
            doc("c.md", Verdict::Yes),
            doc("d.md", Verdict::Partial),
        ];
        let always = outcome(true);
        let pairs: Vec<_> = docs.iter().map(|d| (d, &always)).collect();
        let evaluation = score(&axes(), &pairs, None);
        assert_eq!(evaluation.scores[0].tally.balanced_accuracy(), Some(0.5));
        assert_eq!(evaluation.scores[0].tally.false_alarm_rate(), Some(1.0));
        assert_eq!(evaluation.disagreements.len(), 2, "partial is never scored");

        let perfect = [outcome(true), outcome(false), outcome(false), outcome(true)];
        let pairs: Vec<_> = docs.iter().zip(&perfect).collect();
        let evaluation = score(&axes(), &pairs, None);
        assert_eq!(evaluation.scores[0].tally.balanced_accuracy(), Some(1.0));
        assert_eq!(evaluation.scores[0].tally.scored(), 3);
        assert!(evaluation.disagreements.is_empty());
    }

    #[test]
    fn kinds_are_compared_per_labelled_kind_and_unlabelled_ones_are_left_out() {
        let docs = [
            doc("a.md", Verdict::Yes),
            doc("b.md", Verdict::Yes),
            doc("c.md", Verdict::Yes),
            doc("d.md", Verdict::Yes),
        ];
        let kinds = [
            (Some("policy"), Some("policy")),
            (Some("policy"), Some("role")),
            (Some("other"), None),
            (None, Some("policy")),
        ];
        let outcomes: Vec<Outcome> = kinds
            .iter()
            .map(|(labelled, decided)| Outcome {
                labelled_kind: labelled.map(String::from),
                kind: decided.map(String::from),
                ..outcome(false)
            })
            .collect();
        let pairs: Vec<_> = docs.iter().zip(&outcomes).collect();
        let rows = score(&axes(), &pairs, None).kinds;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].labelled, "other");
        assert_eq!(rows[0].decided_by_count(), [(NO_KIND, 1)]);
        assert_eq!(rows[0].same_kind(), 0);
        assert_eq!(rows[1].labelled, "policy");
        assert_eq!(rows[1].documents(), 2);
        assert_eq!(rows[1].same_kind(), 1);
    }

    #[test]
    fn groups_are_the_leading_folders() {
        assert_eq!(group_of("roles/monzo/eng/backend.md", 2), "roles/monzo");
        assert_eq!(group_of("roles/x.md", 2), "roles");
        assert_eq!(group_of("x.md", 1), ".");
    }
}
