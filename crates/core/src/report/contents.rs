//! What a report contains: [`ReportBuilder`] collects a [`DocumentRecord`] per linted file and
//! works out the aggregates per folder and per kind, the gaps, the documents that need
//! attention and their next steps; the [`Report`] holds them with the review register, the
//! thresholds and the comparison with an earlier report. Each format renders it behind
//! [`Renderer`].

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use super::changes::Comparison;
use super::model::{
    Aggregate, Axes, Catalogue, DocumentRecord, Gap, KeyFinding, QUADRANT_HIGH, Quadrant,
};
use super::register::Register;
use super::thresholds::ThresholdResult;
use super::words::{capitalise, count};
use crate::results::FileReport;
use crate::rules::RuleSet;

/// Documents with their next step in the model: the HTML report lists this many (and links
/// each row of "Needs attention" to one).
pub const NEXT_STEPS: usize = 25;
/// Of those, the ones every format shows first, in full.
pub const FIX_FIRST: usize = 5;

/// One report format.
pub trait Renderer {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()>;
}

/// Collects records as files are linted; [`ReportBuilder::finish`] computes the figures.
#[derive(Debug)]
pub struct ReportBuilder {
    catalogue: Catalogue,
    documents: Vec<DocumentRecord>,
}

impl ReportBuilder {
    pub fn new(catalogue: Catalogue) -> Self {
        ReportBuilder {
            catalogue,
            documents: Vec::new(),
        }
    }

    /// Reduce a linted file to its record; files that were skipped or failed are not
    /// documents of the report (their notices are the caller's to show).
    pub fn add(&mut self, report: &FileReport, rules: &RuleSet) {
        if let Some(linted) = &report.linted {
            let record = DocumentRecord::new(&report.path, linted, rules, &self.catalogue);
            self.documents.push(record);
        }
    }

    pub fn push(&mut self, record: DocumentRecord) {
        self.documents.push(record);
    }

    /// The figures. `inputs` are the paths the report is about, for its heading.
    pub fn finish(self, inputs: Vec<String>) -> Report {
        let ReportBuilder {
            catalogue,
            mut documents,
        } = self;
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let axes = catalogue.axes();
        for document in &mut documents {
            document.quadrant = axes.filter(|_| document.assessed).and_then(|axes| {
                // One truth: a document a rule says never states its purpose is not drawn as
                // leading people, however much else it says about them.
                let on_axis = |d: usize| {
                    let coverage = document.coverage(d)?;
                    Some(if document.lacking.contains(&d) {
                        coverage.min(QUADRANT_HIGH - f64::EPSILON)
                    } else {
                        coverage
                    })
                };
                Some(Quadrant::of(on_axis(axes.manage)?, on_axis(axes.lead)?))
            });
        }
        let summary = Aggregate::of(&catalogue, &documents);
        let mut by_kind: BTreeMap<Option<usize>, Vec<&DocumentRecord>> = BTreeMap::new();
        let mut by_folder: BTreeMap<&str, Vec<&DocumentRecord>> = BTreeMap::new();
        for document in documents.iter().filter(|d| d.assessed) {
            by_kind.entry(document.kind).or_default().push(document);
            by_folder
                .entry(document.folder())
                .or_default()
                .push(document);
        }
        let kinds: Vec<(Option<usize>, Aggregate)> = by_kind
            .into_iter()
            .map(|(kind, docs)| (kind, Aggregate::of(&catalogue, docs)))
            .collect();
        let folders = by_folder
            .into_iter()
            .map(|(folder, docs)| (folder.to_string(), Aggregate::of(&catalogue, docs)))
            .collect();
        let gaps = rank_gaps(&kinds);
        let attention = rank_attention(&documents, &catalogue);
        let next_steps = attention
            .iter()
            .take(NEXT_STEPS)
            .map(|&document| NextStep {
                document,
                lacks: documents[document].lacks(&catalogue).collect(),
                finding: documents[document].key_finding.clone(),
            })
            .collect();
        let register = Register::of(&documents);
        Report {
            inputs,
            axes,
            catalogue,
            documents,
            summary,
            kinds,
            folders,
            gaps,
            attention,
            next_steps,
            register,
            thresholds: Vec::new(),
            comparison: None,
        }
    }
}

/// Every concept some documents of a kind never mention, the most widespread first.
fn rank_gaps(kinds: &[(Option<usize>, Aggregate)]) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = kinds
        .iter()
        .flat_map(|(kind, aggregate)| {
            aggregate
                .concepts
                .iter()
                .enumerate()
                .filter(|(_, share)| share.missing() > 0)
                .map(|(concept, share)| Gap {
                    kind: *kind,
                    concept,
                    missing: share.missing(),
                    of: share.of,
                })
        })
        .collect();
    // Compare missing/of by cross-multiplying: exact, no floats.
    gaps.sort_by(|a, b| {
        (b.missing * a.of)
            .cmp(&(a.missing * b.of))
            .then(b.missing.cmp(&a.missing))
            .then(a.kind.cmp(&b.kind))
            .then(a.concept.cmp(&b.concept))
    });
    gaps
}

/// How many axes of the quadrant chart a document is low on: 2 for neither, 1 for managed
/// but not led or led but not managed, 0 otherwise.
fn missing_axes(document: &DocumentRecord) -> usize {
    match document.quadrant {
        Some(Quadrant::Neither) => 2,
        Some(Quadrant::ManagedNotLed | Quadrant::LedNotManaged) => 1,
        _ => 0,
    }
}

/// Assessed documents that are not purpose-driven or have errors, in the order they are worth
/// fixing: documents with errors first (an error fails the CI job), then those low on more
/// axes, then those that never mention more concepts of a dimension, then by warnings, then
/// by path.
fn rank_attention(documents: &[DocumentRecord], catalogue: &Catalogue) -> Vec<usize> {
    let missing_concepts = |d: &DocumentRecord| d.lacks(catalogue).count();
    let mut attention: Vec<usize> = (0..documents.len())
        .filter(|&i| {
            let d = &documents[i];
            d.assessed && (missing_axes(d) > 0 || d.findings.error > 0)
        })
        .collect();
    attention.sort_by(|&a, &b| {
        let (a, b) = (&documents[a], &documents[b]);
        (b.findings.error > 0)
            .cmp(&(a.findings.error > 0))
            .then(missing_axes(b).cmp(&missing_axes(a)))
            .then(missing_concepts(b).cmp(&missing_concepts(a)))
            .then(b.findings.error.cmp(&a.findings.error))
            .then(b.findings.warning.cmp(&a.findings.warning))
            .then(a.path.cmp(&b.path))
    });
    attention
}

/// The order of "What to fix first" and "Needs attention", in the reports' words.
pub const NEXT_STEPS_ORDER: &str = "Documents with errors come first, then those low on both \
     managing things and leading people, then those that never mention the most concepts.";

/// One document of "What to fix first": what it lacks and the finding that says so.
#[derive(Clone, Debug, PartialEq)]
pub struct NextStep {
    /// Index into [`Report::documents`].
    pub document: usize,
    /// Catalogue concepts of a dimension the document never mentions.
    pub lacks: Vec<usize>,
    pub finding: Option<KeyFinding>,
}

/// The id of a document's entry in "What to fix first", which "Needs attention" links to:
/// `fix-3` for [`Report::documents`]`[3]`, in the HTML and the Markdown alike.
pub fn fix_anchor(document: usize) -> String {
    format!("fix-{document}")
}

impl NextStep {
    /// The labels of the concepts the document lacks, as both formats print them.
    pub fn lack_labels(&self, catalogue: &Catalogue) -> Vec<String> {
        self.lacks
            .iter()
            .map(|&c| catalogue.concepts[c].label.clone())
            .collect()
    }
}

/// Everything a report shows.
#[derive(Debug)]
pub struct Report {
    /// The paths the report is about.
    pub inputs: Vec<String>,
    pub catalogue: Catalogue,
    pub axes: Option<Axes>,
    /// Every document, assessed or not, in path order.
    pub documents: Vec<DocumentRecord>,
    /// Over the assessed documents.
    pub summary: Aggregate,
    /// Per kind of the assessed documents, in catalogue order.
    pub kinds: Vec<(Option<usize>, Aggregate)>,
    /// Per folder of the assessed documents, in path order.
    pub folders: Vec<(String, Aggregate)>,
    /// Most widespread first.
    pub gaps: Vec<Gap>,
    /// Indices into `documents`, most worth fixing first (see `rank_attention`).
    pub attention: Vec<usize>,
    /// The first [`NEXT_STEPS`] of `attention`, with what each lacks and why.
    pub next_steps: Vec<NextStep>,
    pub register: Register,
    pub thresholds: Vec<ThresholdResult>,
    pub comparison: Option<Comparison>,
}

impl Report {
    /// The aggregate of each kind, then of all assessed documents, each with a column title
    /// such as "Policies (4)", for tables of coverage by kind.
    pub fn kind_columns(&self) -> Vec<(String, &Aggregate)> {
        self.kinds
            .iter()
            .map(|(kind, aggregate)| {
                let noun = capitalise(&self.catalogue.kind_noun(*kind, 2));
                (format!("{noun} ({})", aggregate.documents), aggregate)
            })
            .chain(std::iter::once((
                format!("All ({})", self.summary.documents),
                &self.summary,
            )))
            .collect()
    }

    /// The documents no rule checks.
    pub fn not_assessed(&self) -> impl Iterator<Item = &DocumentRecord> {
        self.documents.iter().filter(|d| !d.assessed)
    }

    /// One line for the terminal: "reported 7 documents (6 assessed, 4 purpose-driven); wrote
    /// coverage.html".
    pub fn describe(&self, written: Option<&Path>) -> String {
        let mut line = format!(
            "reported {} ({} assessed",
            count(self.documents.len(), "document", "documents"),
            self.summary.documents
        );
        if self.axes.is_some() {
            line.push_str(&format!(
                ", {} purpose-driven",
                self.summary.quadrant(Quadrant::PurposeDriven)
            ));
        }
        line.push(')');
        let failed = self.thresholds.iter().filter(|t| !t.passed()).count();
        if !self.thresholds.is_empty() {
            line.push_str(&format!(
                "; {failed} of {} failed",
                count(self.thresholds.len(), "threshold", "thresholds")
            ));
        }
        if let Some(path) = written {
            line.push_str(&format!("; wrote {}", path.display()));
        }
        line
    }

    /// Whether every threshold passed (also when there are none).
    pub fn thresholds_passed(&self) -> bool {
        self.thresholds.iter().all(ThresholdResult::passed)
    }
}
