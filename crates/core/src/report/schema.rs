//! The JSON report, version [`VERSION`]: every figure of the model, documented field by field in
//! `docs/report-json.md`. `policylint report --compare` reads it back, so a change to these
//! types that old reports cannot satisfy needs a new version.
//!
//! Ratios are fractions from 0 to 1, rounded to four decimals; maps are keyed by concept,
//! dimension or quadrant name and sorted by key.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::changes::Comparison;
use super::contents::Report;
use super::model::{
    Aggregate, Catalogue, DocumentRecord, FindingCounts, KeyFinding, QUADRANT_HIGH, Quadrant,
};
use super::thresholds::{Measure, ThresholdResult};

/// The schema version; bumped whenever a report of an older version would not read back.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonReport {
    pub version: u32,
    pub tool: Tool,
    pub inputs: Vec<String>,
    /// `None` when the packs lack the `manage` or `lead` dimension.
    pub quadrant_rule: Option<QuadrantRule>,
    pub dimensions: Vec<NameLabel>,
    pub concepts: Vec<ConceptJson>,
    pub kinds: Vec<NameLabel>,
    pub summary: AggregateJson,
    pub by_kind: Vec<KindAggregateJson>,
    pub by_folder: Vec<FolderAggregateJson>,
    pub gaps: Vec<GapJson>,
    pub documents: Vec<DocumentJson>,
    /// "What to fix first": the documents most worth fixing, in order. Reports written before
    /// it was added lack it.
    #[serde(default)]
    pub next_steps: Vec<NextStepJson>,
    pub thresholds: Vec<ThresholdJson>,
    pub comparison: Option<Comparison>,
    /// The review register; left out when no document is under lifecycle management, so
    /// reports of folders without lifecycle metadata stay as they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<RegisterJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterJson {
    pub documents: usize,
    pub overdue: usize,
    pub due_within_30: usize,
    pub due_within_60: usize,
    pub due_within_90: usize,
    pub no_owner: usize,
    /// The most urgent owner first.
    pub owners: Vec<OwnerJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerJson {
    /// `None` for the documents without an owner.
    pub owner: Option<String>,
    /// The most urgent first.
    pub documents: Vec<RegisterRowJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterRowJson {
    pub path: String,
    pub title: String,
    pub approver: Option<String>,
    pub status: Option<String>,
    pub effective: Option<String>,
    pub reviewed: Option<String>,
    pub next_review: Option<String>,
    /// Days from the day of the run to the next review; negative when overdue.
    pub days_left: Option<i64>,
}

impl RegisterJson {
    fn of(report: &Report) -> Option<RegisterJson> {
        let register = &report.register;
        if register.is_empty() {
            return None;
        }
        let counts = register.counts;
        let date = |d: Option<crate::date::Date>| d.map(|d| d.to_string());
        Some(RegisterJson {
            documents: counts.documents,
            overdue: counts.overdue,
            due_within_30: counts.due_within[0],
            due_within_60: counts.due_within[1],
            due_within_90: counts.due_within[2],
            no_owner: counts.no_owner,
            owners: register
                .groups
                .iter()
                .map(|group| OwnerJson {
                    owner: group.owner.clone(),
                    documents: group
                        .rows
                        .iter()
                        .map(|row| {
                            let document = &report.documents[row.document];
                            let entry = &row.entry;
                            RegisterRowJson {
                                path: document.path.clone(),
                                title: document.title.clone(),
                                approver: entry.approver.clone(),
                                status: entry.status.map(|s| s.name().to_string()),
                                effective: date(entry.effective),
                                reviewed: date(entry.reviewed),
                                next_review: date(entry.next_review),
                                days_left: entry.days_left,
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
    }
}

/// The program that wrote the report, as in `check --format json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuadrantRule {
    pub x: String,
    pub y: String,
    pub high: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameLabel {
    pub name: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConceptJson {
    pub name: String,
    pub label: String,
    pub topic: String,
    pub dimension: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AggregateJson {
    pub documents: usize,
    pub coverage: BTreeMap<String, Option<f64>>,
    pub concepts: BTreeMap<String, ShareJson>,
    pub quadrants: BTreeMap<String, usize>,
    pub findings: FindingsJson,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareJson {
    pub covered: usize,
    pub of: usize,
    pub ratio: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingsJson {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindAggregateJson {
    pub kind: Option<String>,
    #[serde(flatten)]
    pub figures: AggregateJson,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FolderAggregateJson {
    pub path: String,
    #[serde(flatten)]
    pub figures: AggregateJson,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapJson {
    pub kind: Option<String>,
    pub concept: String,
    pub missing: usize,
    pub of: usize,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentJson {
    pub path: String,
    pub folder: String,
    pub title: String,
    pub kind: Option<String>,
    pub assessed: bool,
    pub quadrant: Option<String>,
    pub concepts: BTreeMap<String, Option<u32>>,
    pub coverage: BTreeMap<String, Option<CoverageJson>>,
    pub balance: BTreeMap<String, f64>,
    pub findings: FindingsJson,
    /// `None` for a document without findings, and in reports written before it was added.
    #[serde(default)]
    pub key_finding: Option<KeyFindingJson>,
}

/// One document of "What to fix first"; its key finding is in its entry of `documents`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextStepJson {
    pub path: String,
    /// Concepts of a dimension the document never mentions, by name.
    pub lacks: Vec<String>,
}

/// The one finding that best says what to fix in a document, with the rule's help.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyFindingJson {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub help: Option<String>,
    /// `line 3`, or `paragraph 12 (under "Approvals")` in a Word or OpenDocument file.
    pub place: String,
}

impl From<&KeyFinding> for KeyFindingJson {
    fn from(finding: &KeyFinding) -> Self {
        KeyFindingJson {
            rule: finding.rule.clone(),
            severity: finding.severity.name().to_string(),
            message: finding.message.clone(),
            help: finding.help.clone(),
            place: finding.place.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageJson {
    pub covered: u32,
    pub of: u32,
    pub ratio: Option<f64>,
    pub evidence: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdJson {
    pub name: String,
    /// `concept` or `dimension`.
    pub measures: String,
    pub minimum: f64,
    pub actual: Option<f64>,
    pub passed: bool,
    pub source: String,
}

/// A ratio rounded to four decimals, so reports are stable and easy to read.
pub fn round(ratio: f64) -> f64 {
    (ratio * 10_000.0).round() / 10_000.0
}

impl JsonReport {
    pub fn of(report: &Report) -> JsonReport {
        let catalogue = &report.catalogue;
        let kind_name = |kind: Option<usize>| kind.map(|k| catalogue.kinds[k].name.clone());
        JsonReport {
            version: VERSION,
            tool: Tool {
                name: "policylint".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            inputs: report.inputs.clone(),
            quadrant_rule: report.axes.map(|axes| QuadrantRule {
                x: catalogue.dimensions[axes.manage].name.clone(),
                y: catalogue.dimensions[axes.lead].name.clone(),
                high: QUADRANT_HIGH,
            }),
            dimensions: catalogue
                .dimensions
                .iter()
                .map(|d| NameLabel {
                    name: d.name.clone(),
                    label: d.label.clone(),
                })
                .collect(),
            concepts: catalogue
                .concepts
                .iter()
                .map(|c| ConceptJson {
                    name: c.name.clone(),
                    label: c.label.clone(),
                    topic: c.topic.clone(),
                    dimension: c.dimension.map(|d| catalogue.dimensions[d].name.clone()),
                })
                .collect(),
            kinds: catalogue
                .kinds
                .iter()
                .map(|k| NameLabel {
                    name: k.name.clone(),
                    label: k.label.clone(),
                })
                .collect(),
            summary: AggregateJson::of(&report.summary, report),
            by_kind: report
                .kinds
                .iter()
                .map(|(kind, aggregate)| KindAggregateJson {
                    kind: kind_name(*kind),
                    figures: AggregateJson::of(aggregate, report),
                })
                .collect(),
            by_folder: report
                .folders
                .iter()
                .map(|(path, aggregate)| FolderAggregateJson {
                    path: path.clone(),
                    figures: AggregateJson::of(aggregate, report),
                })
                .collect(),
            gaps: report
                .gaps
                .iter()
                .map(|gap| GapJson {
                    kind: kind_name(gap.kind),
                    concept: catalogue.concepts[gap.concept].name.clone(),
                    missing: gap.missing,
                    of: gap.of,
                    text: gap.sentence(catalogue),
                })
                .collect(),
            documents: report
                .documents
                .iter()
                .map(|d| DocumentJson::of(d, catalogue))
                .collect(),
            next_steps: report
                .next_steps
                .iter()
                .map(|step| NextStepJson {
                    path: report.documents[step.document].path.clone(),
                    lacks: step
                        .lacks
                        .iter()
                        .map(|&c| catalogue.concepts[c].name.clone())
                        .collect(),
                })
                .collect(),
            thresholds: report.thresholds.iter().map(ThresholdJson::of).collect(),
            comparison: report.comparison.clone(),
            register: RegisterJson::of(report),
        }
    }
}

impl AggregateJson {
    fn of(aggregate: &Aggregate, report: &Report) -> AggregateJson {
        let catalogue = &report.catalogue;
        AggregateJson {
            documents: aggregate.documents,
            coverage: catalogue
                .dimensions
                .iter()
                .enumerate()
                .map(|(d, info)| (info.name.clone(), aggregate.coverage(d).map(round)))
                .collect(),
            concepts: catalogue
                .concepts
                .iter()
                .zip(&aggregate.concepts)
                .map(|(info, share)| {
                    (
                        info.name.clone(),
                        ShareJson {
                            covered: share.covered,
                            of: share.of,
                            ratio: share.ratio().map(round),
                        },
                    )
                })
                .collect(),
            quadrants: match report.axes {
                Some(_) => Quadrant::ALL
                    .iter()
                    .map(|q| (q.id().to_string(), aggregate.quadrant(*q)))
                    .collect(),
                None => BTreeMap::new(),
            },
            findings: aggregate.findings.into(),
        }
    }
}

impl From<FindingCounts> for FindingsJson {
    fn from(counts: FindingCounts) -> Self {
        FindingsJson {
            error: counts.error,
            warning: counts.warning,
            info: counts.info,
        }
    }
}

impl DocumentJson {
    fn of(document: &DocumentRecord, catalogue: &Catalogue) -> DocumentJson {
        let evidence_total: u32 = document
            .dimensions
            .iter()
            .flatten()
            .map(|f| f.evidence)
            .sum();
        DocumentJson {
            path: document.path.clone(),
            folder: document.folder().to_string(),
            title: document.title.clone(),
            kind: document.kind.map(|k| catalogue.kinds[k].name.clone()),
            assessed: document.assessed,
            quadrant: document.quadrant.map(|q| q.id().to_string()),
            concepts: catalogue
                .concepts
                .iter()
                .zip(&document.concepts)
                .map(|(info, count)| (info.name.clone(), *count))
                .collect(),
            coverage: catalogue
                .dimensions
                .iter()
                .enumerate()
                .map(|(d, info)| {
                    let figures = document.dimensions[d].map(|f| CoverageJson {
                        covered: f.covered,
                        of: f.of,
                        ratio: document.coverage(d).map(round),
                        evidence: f.evidence,
                    });
                    (info.name.clone(), figures)
                })
                .collect(),
            balance: if evidence_total == 0 {
                BTreeMap::new()
            } else {
                catalogue
                    .dimensions
                    .iter()
                    .enumerate()
                    .filter_map(|(d, info)| Some((info.name.clone(), round(document.share(d)?))))
                    .collect()
            },
            findings: document.findings.into(),
            key_finding: document.key_finding.as_ref().map(KeyFindingJson::from),
        }
    }
}

impl ThresholdJson {
    fn of(result: &ThresholdResult) -> ThresholdJson {
        ThresholdJson {
            name: result.threshold.name.clone(),
            measures: match result.measure {
                Measure::Concept(_) => "concept",
                Measure::Dimension(_) => "dimension",
            }
            .into(),
            minimum: result.threshold.minimum,
            actual: result.actual.map(round),
            passed: result.passed(),
            source: result.threshold.source.clone(),
        }
    }
}
