//! The report model's parts: the [`Catalogue`] of dimensions, concepts and kinds, each linted
//! file reduced to a [`DocumentRecord`] as it arrives, and the [`Aggregate`] figures over a
//! group of records. [`contents`](super::contents) puts them together into a report.
//!
//! *Coverage* of a dimension is the share of its concepts a document shows any evidence of
//! (3 of the 4 concepts of managing things: 75%). *Balance* is each dimension's share of the
//! document's evidence. A document is *high* on a dimension when its coverage is at least
//! [`QUADRANT_HIGH`]; the [`Quadrant`] follows from managing things (`manage`) and leading
//! people (`lead`). Only documents of a kind some rule on their text checks are *assessed*:
//! the others (the built-in pack's pages: READMEs, changelogs) are listed but left out of every
//! figure.

use std::path::Path;

use super::words::count;
use crate::finding::Severity;
use crate::metadata::RegisterEntry;
use crate::results::FileResult;
use crate::rules::{Judges, RuleSet};

/// Coverage at or above this is *high* for the quadrants.
pub const QUADRANT_HIGH: f64 = 0.5;
/// The dimension on the quadrant chart's x axis.
pub const MANAGE: &str = "manage";
/// The dimension on the quadrant chart's y axis.
pub const LEAD: &str = "lead";

/// Where a document stands on managing things and leading people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quadrant {
    /// High on both.
    PurposeDriven,
    /// High on managing things only: reads as authoritarian.
    ManagedNotLed,
    /// High on leading people only: reads as laissez-faire.
    LedNotManaged,
    /// High on neither.
    Neither,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::PurposeDriven,
        Quadrant::ManagedNotLed,
        Quadrant::LedNotManaged,
        Quadrant::Neither,
    ];

    pub fn of(manage: f64, lead: f64) -> Quadrant {
        match (manage >= QUADRANT_HIGH, lead >= QUADRANT_HIGH) {
            (true, true) => Quadrant::PurposeDriven,
            (true, false) => Quadrant::ManagedNotLed,
            (false, true) => Quadrant::LedNotManaged,
            (false, false) => Quadrant::Neither,
        }
    }

    /// The name in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Quadrant::PurposeDriven => "purpose-driven",
            Quadrant::ManagedNotLed => "managed-not-led",
            Quadrant::LedNotManaged => "led-not-managed",
            Quadrant::Neither => "neither",
        }
    }

    pub fn from_id(id: &str) -> Option<Quadrant> {
        Quadrant::ALL.into_iter().find(|q| q.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::PurposeDriven => "Purpose-driven",
            Quadrant::ManagedNotLed => "Managed, not led",
            Quadrant::LedNotManaged => "Led, not managed",
            Quadrant::Neither => "Neither",
        }
    }

    /// What the quadrant says about a document, in plain words.
    pub fn meaning(self) -> &'static str {
        match self {
            Quadrant::PurposeDriven => "manages things and leads people",
            Quadrant::ManagedNotLed => "manages things but does not lead people",
            Quadrant::LedNotManaged => "leads people but does not manage things",
            Quadrant::Neither => "neither manages things nor leads people",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A dimension of the loaded packs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DimensionInfo {
    pub name: String,
    pub label: String,
}

/// A reported concept of the loaded packs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConceptInfo {
    pub name: String,
    pub label: String,
    /// Plain words for sentences: "never mention {topic}".
    pub topic: String,
    /// Index into [`Catalogue::dimensions`]; `None` for concepts of no dimension.
    pub dimension: Option<usize>,
}

/// A document kind of the loaded packs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindInfo {
    pub name: String,
    pub label: String,
}

/// The dimensions, concepts and kinds a report has columns for: those of every configuration
/// in the run, by name, in the packs' order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalogue {
    pub dimensions: Vec<DimensionInfo>,
    pub concepts: Vec<ConceptInfo>,
    pub kinds: Vec<KindInfo>,
}

/// The dimensions on the quadrant chart: indices of `manage` and `lead`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Axes {
    pub manage: usize,
    pub lead: usize,
}

impl Catalogue {
    pub fn new<'a>(rule_sets: impl IntoIterator<Item = &'a RuleSet>) -> Catalogue {
        let mut catalogue = Catalogue::default();
        let rule_sets: Vec<&RuleSet> = rule_sets.into_iter().collect();
        for rules in &rule_sets {
            for dimension in &rules.dimensions {
                if catalogue.dimension(&dimension.name).is_none() {
                    catalogue.dimensions.push(DimensionInfo {
                        name: dimension.name.clone(),
                        label: dimension.label.clone(),
                    });
                }
            }
            for kind in &rules.kinds {
                if catalogue.kind(&kind.name).is_none() {
                    catalogue.kinds.push(KindInfo {
                        name: kind.name.clone(),
                        label: kind.label.clone(),
                    });
                }
            }
        }
        // Managing things, then leading people, as on the quadrant chart.
        catalogue.dimensions.sort_by_key(|d| {
            [MANAGE, LEAD]
                .iter()
                .position(|n| *n == d.name)
                .unwrap_or(2)
        });
        for rules in &rule_sets {
            for (group, _) in rules.concept_groups() {
                for id in rules.concepts_of(group) {
                    let concept = &rules.concepts[id];
                    if catalogue.concept(&concept.name).is_some() {
                        continue;
                    }
                    let dimension = concept
                        .dimension
                        .and_then(|d| catalogue.dimension(&rules.dimensions[d].name));
                    catalogue.concepts.push(ConceptInfo {
                        name: concept.name.clone(),
                        label: concept.label.clone(),
                        topic: concept.topic.clone(),
                        dimension,
                    });
                }
            }
        }
        // By dimension, whichever pack defined them, then by label.
        catalogue.concepts.sort_by(|a, b| {
            (a.dimension.unwrap_or(usize::MAX), a.label.to_lowercase())
                .cmp(&(b.dimension.unwrap_or(usize::MAX), b.label.to_lowercase()))
        });
        catalogue
    }

    pub fn dimension(&self, name: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.name == name)
    }

    pub fn concept(&self, name: &str) -> Option<usize> {
        self.concepts.iter().position(|c| c.name == name)
    }

    pub fn kind(&self, name: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.name == name)
    }

    /// The quadrant axes, when the packs define both `manage` and `lead`.
    pub fn axes(&self) -> Option<Axes> {
        Some(Axes {
            manage: self.dimension(MANAGE)?,
            lead: self.dimension(LEAD)?,
        })
    }

    /// The concepts of a dimension (`None`: of no dimension), in order.
    pub fn concepts_of(&self, dimension: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        (0..self.concepts.len()).filter(move |&c| self.concepts[c].dimension == dimension)
    }

    /// The groups concepts are shown in: each dimension with concepts, then "both" for the
    /// concepts of no dimension.
    pub fn concept_groups(&self) -> Vec<(Option<usize>, &str)> {
        self.dimensions
            .iter()
            .enumerate()
            .map(|(d, dimension)| (Some(d), dimension.label.as_str()))
            .chain(std::iter::once((None, "both")))
            .filter(|(group, _)| self.concepts_of(*group).next().is_some())
            .collect()
    }

    /// A kind's label, or "document" for documents of no kind.
    pub fn kind_label(&self, kind: Option<usize>) -> &str {
        kind.map_or("document", |k| &self.kinds[k].label)
    }

    /// The noun for `count` documents of a kind: "1 policy", "3 policies".
    pub fn kind_noun(&self, kind: Option<usize>, count: usize) -> String {
        let label = self.kind_label(kind);
        if count == 1 {
            label.to_string()
        } else {
            plural(label)
        }
    }
}

/// The English plural of a label's last word: policy -> policies, role description -> role
/// descriptions, process -> processes.
fn plural(label: &str) -> String {
    let lower = label.to_ascii_lowercase();
    let consonant_y = lower.ends_with('y')
        && !lower
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c));
    if consonant_y {
        format!("{}ies", &label[..label.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{label}es")
    } else {
        format!("{label}s")
    }
}

/// Evidence a document shows of one dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DimensionFigures {
    /// Concepts of the dimension with any evidence.
    pub covered: u32,
    /// Concepts of the dimension the document's packs define.
    pub of: u32,
    /// Pieces of evidence of the dimension.
    pub evidence: u32,
}

/// Findings per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl FindingCounts {
    fn add(&mut self, other: FindingCounts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }

    /// "1 error, 4 warnings", leaving out severities with none; "none" when there are none.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.error, "error", "errors"),
            (self.warning, "warning", "warnings"),
            (self.info, "info", "info"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(*n, one, many))
        .collect();
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

/// What the report keeps of one linted document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRecord {
    /// As given on the command line or found in a folder, with `/` separators.
    pub path: String,
    /// The document's title, else its file name.
    pub title: String,
    /// Index into [`Catalogue::kinds`].
    pub kind: Option<usize>,
    /// Whether some rule checks documents of its kind.
    pub assessed: bool,
    /// Evidence per catalogue concept; `None` where the document's packs lack the concept.
    pub concepts: Vec<Option<u32>>,
    /// Figures per catalogue dimension; `None` where the document's packs lack it.
    pub dimensions: Vec<Option<DimensionFigures>>,
    pub findings: FindingCounts,
    /// Catalogue dimensions a finding says this document lacks a concept of ("never states
    /// its purpose"): the document is never drawn high on them, whatever else it covers.
    pub lacking: Vec<usize>,
    /// Set by [`super::contents::ReportBuilder::finish`] for assessed documents when the packs have both axes.
    pub quadrant: Option<Quadrant>,
    /// The one finding that best says what to fix: see [`KeyFinding::pick`].
    pub key_finding: Option<KeyFinding>,
    /// Its line in the review register, when it is under lifecycle management.
    pub register: Option<RegisterEntry>,
}

/// The one finding a reader of the report is pointed to for a document, with the rule's help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFinding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Where in the document: `line 3`, or `paragraph 12 (under "Approvals")`.
    pub place: String,
}

impl KeyFinding {
    /// The most severe finding, and among those one that says the document lacks a concept
    /// (it names what to write), else the first in the document.
    fn pick(linted: &FileResult, rules: &RuleSet) -> Option<KeyFinding> {
        let says_what_is_missing = |f: &crate::finding::Finding| {
            rules
                .rule(&f.rule)
                .is_some_and(|rule| rule.check.missing_concept().is_some())
        };
        let finding = linted
            .findings
            .iter()
            .enumerate()
            .max_by_key(|(position, f)| {
                (
                    f.severity,
                    says_what_is_missing(f),
                    std::cmp::Reverse(*position),
                )
            })?
            .1;
        let source = &linted.source;
        let place = match source.location(finding.primary.span) {
            Some(location) => location.to_string(),
            None => {
                let lines = crate::source::LineIndex::new(&source.text);
                let (line, _) = lines.line_col(&source.text, finding.primary.span.start);
                format!("line {line}")
            }
        };
        Some(KeyFinding {
            rule: finding.rule.clone(),
            severity: finding.severity,
            message: finding.message.clone(),
            help: finding.help.clone(),
            place,
        })
    }
}

impl DocumentRecord {
    /// The record of an assessed document at `path`, titled by its path, with nothing found.
    #[cfg(test)]
    pub(crate) fn bare(path: &str) -> Self {
        DocumentRecord {
            path: path.into(),
            title: path.into(),
            kind: None,
            assessed: true,
            concepts: Vec::new(),
            dimensions: Vec::new(),
            findings: FindingCounts::default(),
            lacking: Vec::new(),
            quadrant: None,
            key_finding: None,
            register: None,
        }
    }

    /// Reduce a linted file to its record.
    pub fn new(path: &Path, linted: &FileResult, rules: &RuleSet, catalogue: &Catalogue) -> Self {
        let counts = &linted.coverage;
        let concepts = catalogue
            .concepts
            .iter()
            .map(|info| {
                rules
                    .concepts
                    .iter()
                    .position(|c| c.name == info.name && !c.hidden)
                    .map(|id| counts.count(id))
            })
            .collect();
        let dimensions = catalogue
            .dimensions
            .iter()
            .map(|info| {
                let id = rules.dimensions.iter().position(|d| d.name == info.name)?;
                let (covered, of) = counts.dimension_coverage(id, rules);
                Some(DimensionFigures {
                    covered: covered as u32,
                    of: of as u32,
                    evidence: counts.dimensions[id],
                })
            })
            .collect();
        let mut findings = FindingCounts::default();
        for finding in &linted.findings {
            match finding.severity {
                Severity::Error => findings.error += 1,
                Severity::Warning => findings.warning += 1,
                Severity::Info => findings.info += 1,
            }
        }
        let path = portable(path);
        let title = linted
            .title
            .as_ref()
            .map(|t| t.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| file_name(&path).to_string());
        let lacking = linted
            .findings
            .iter()
            .filter_map(|f| rules.rule(&f.rule)?.check.missing_concept())
            .filter_map(|concept| rules.concepts[concept].dimension)
            .filter_map(|d| catalogue.dimension(&rules.dimensions[d].name))
            .collect();
        let kind = linted.kind.kind;
        DocumentRecord {
            path,
            title,
            kind: kind.and_then(|k| catalogue.kind(&rules.kinds[k].name)),
            assessed: rules
                .rules
                .iter()
                .filter(|rule| rule.scope.judges == Judges::Text)
                .any(|rule| match kind {
                    Some(kind) => rule.applies_to_kind(kind),
                    None => rule.applies_to.is_none(),
                }),
            concepts,
            dimensions,
            findings,
            lacking,
            quadrant: None,
            key_finding: KeyFinding::pick(linted, rules),
            register: linted.register.clone(),
        }
    }

    /// The folder the document is in, as written in its path (`.` for none).
    pub fn folder(&self) -> &str {
        folder_of(&self.path)
    }

    /// Share of a dimension's concepts with evidence.
    pub fn coverage(&self, dimension: usize) -> Option<f64> {
        let figures = self.dimensions.get(dimension).copied().flatten()?;
        (figures.of > 0).then(|| f64::from(figures.covered) / f64::from(figures.of))
    }

    /// A dimension's share of the document's evidence; `None` when there is no evidence.
    pub fn share(&self, dimension: usize) -> Option<f64> {
        let total: u32 = self.dimensions.iter().flatten().map(|f| f.evidence).sum();
        let figures = self.dimensions.get(dimension).copied().flatten()?;
        (total > 0).then(|| f64::from(figures.evidence) / f64::from(total))
    }

    /// Whether the document shows a concept; `None` when its packs lack the concept.
    pub fn covers(&self, concept: usize) -> Option<bool> {
        self.concepts.get(concept).copied().flatten().map(|n| n > 0)
    }

    /// The concepts of the document's packs it shows no evidence of, in catalogue order.
    pub fn missing(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.concepts.len()).filter(|&c| self.covers(c) == Some(false))
    }

    /// The concepts of a dimension it never mentions: what keeps it from the top quadrant.
    pub fn lacks<'a>(&'a self, catalogue: &'a Catalogue) -> impl Iterator<Item = usize> + 'a {
        self.missing()
            .filter(|&c| catalogue.concepts[c].dimension.is_some())
    }

    /// The labels of [`DocumentRecord::lacks`], joined by commas.
    pub fn missing_labels(&self, catalogue: &Catalogue) -> String {
        let labels: Vec<&str> = self
            .lacks(catalogue)
            .map(|c| catalogue.concepts[c].label.as_str())
            .collect();
        labels.join(", ")
    }
}

/// `/` separators whatever the platform, so reports compare across machines.
fn portable(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// The folder part of a `/`-separated path (`.` for none).
pub fn folder_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(end) => &path[..end],
        None => ".",
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// How many documents of a group show a concept, out of those whose packs define it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub covered: usize,
    pub of: usize,
}

impl Share {
    pub fn ratio(&self) -> Option<f64> {
        (self.of > 0).then(|| self.covered as f64 / self.of as f64)
    }

    pub fn missing(&self) -> usize {
        self.of - self.covered
    }
}

/// Figures over a group of assessed documents: all of them, a folder's, a kind's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregate {
    pub documents: usize,
    /// Per catalogue concept.
    pub concepts: Vec<Share>,
    /// Per catalogue dimension: the sum of the documents' coverage and how many had one.
    coverage_sums: Vec<(f64, usize)>,
    /// Per [`Quadrant::index`].
    pub quadrants: [usize; 4],
    pub findings: FindingCounts,
}

impl Aggregate {
    /// The figures of the assessed documents among `documents`.
    pub fn of<'a>(
        catalogue: &Catalogue,
        documents: impl IntoIterator<Item = &'a DocumentRecord>,
    ) -> Aggregate {
        let mut aggregate = Aggregate {
            concepts: vec![Share::default(); catalogue.concepts.len()],
            coverage_sums: vec![(0.0, 0); catalogue.dimensions.len()],
            ..Aggregate::default()
        };
        for document in documents.into_iter().filter(|d| d.assessed) {
            aggregate.documents += 1;
            for (concept, share) in aggregate.concepts.iter_mut().enumerate() {
                if let Some(covers) = document.covers(concept) {
                    share.of += 1;
                    share.covered += usize::from(covers);
                }
            }
            for (dimension, sum) in aggregate.coverage_sums.iter_mut().enumerate() {
                if let Some(coverage) = document.coverage(dimension) {
                    sum.0 += coverage;
                    sum.1 += 1;
                }
            }
            if let Some(quadrant) = document.quadrant {
                aggregate.quadrants[quadrant.index()] += 1;
            }
            aggregate.findings.add(document.findings);
        }
        aggregate
    }

    /// The documents' mean coverage of a dimension.
    pub fn coverage(&self, dimension: usize) -> Option<f64> {
        let (sum, count) = self.coverage_sums.get(dimension).copied()?;
        (count > 0).then(|| sum / count as f64)
    }

    pub fn quadrant(&self, quadrant: Quadrant) -> usize {
        self.quadrants[quadrant.index()]
    }
}

/// Documents of one kind that never mention a concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    pub kind: Option<usize>,
    pub concept: usize,
    pub missing: usize,
    /// Documents of the kind whose packs define the concept.
    pub of: usize,
}

impl Gap {
    /// "2 of 3 role descriptions never mention how success is measured"
    pub fn sentence(&self, catalogue: &Catalogue) -> String {
        format!(
            "{} of {} {} never {} {}",
            self.missing,
            self.of,
            catalogue.kind_noun(self.kind, self.of),
            if self.missing == 1 {
                "mentions"
            } else {
                "mention"
            },
            catalogue.concepts[self.concept].topic
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_kind_labels() {
        assert_eq!(plural("policy"), "policies");
        assert_eq!(plural("role description"), "role descriptions");
        assert_eq!(plural("process"), "processes");
        assert_eq!(plural("survey"), "surveys");
        assert_eq!(plural("page"), "pages");
    }

    #[test]
    fn quadrants_split_at_half_coverage() {
        assert_eq!(Quadrant::of(0.5, 0.5), Quadrant::PurposeDriven);
        assert_eq!(Quadrant::of(0.75, 0.49), Quadrant::ManagedNotLed);
        assert_eq!(Quadrant::of(0.25, 1.0), Quadrant::LedNotManaged);
        assert_eq!(Quadrant::of(0.0, 0.0), Quadrant::Neither);
        for quadrant in Quadrant::ALL {
            assert_eq!(Quadrant::from_id(quadrant.id()), Some(quadrant));
        }
    }

    #[test]
    fn folders_of_paths() {
        let mut record = DocumentRecord::bare("policies/travel.md");
        assert_eq!(record.folder(), "policies");
        record.path = "travel.md".into();
        assert_eq!(record.folder(), ".");
    }
}
