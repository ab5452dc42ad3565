//! The sections the HTML and Markdown reports share, each worked out once from the
//! [`Report`]: the headline figures, what to fix first, the quadrants, thresholds, gaps,
//! coverage by kind, the documents that need attention, folders, the review register and what
//! changed. Figures come as the words both formats print ("63%", "+13 points"); text from a
//! document or a pack stays raw, for each format to escape in its own way. How much of a
//! section to show, and in what markup, is the format's choice.

use super::changes::{Change, DocumentChange, DocumentRef};
use super::contents::{NEXT_STEPS, Report, fix_anchor};
use super::model::{KeyFinding, Quadrant};
use super::register;
use super::thresholds::ThresholdResult;
use super::words::{capitalise, delta, join_words, percent, precise_percent};
use crate::date::Date;

/// Everything the HTML and Markdown reports both show.
pub struct View<'a> {
    pub report: &'a Report,
    /// Each dimension's label with a capital, as the tables' column headings.
    pub dimension_headings: Vec<String>,
    pub headline: Headline,
    pub next_steps: Vec<Step<'a>>,
    /// `None` when the packs lack the quadrant axes.
    pub quadrants: Option<Vec<QuadrantRow>>,
    pub thresholds: Vec<ThresholdRow<'a>>,
    pub gaps: Vec<GapRow>,
    pub kinds: KindTable,
    /// The first [`NEXT_STEPS`] documents of [`Report::attention`].
    pub attention: Vec<AttentionRow<'a>>,
    /// Every folder, in path order.
    pub folders: Vec<FolderRow<'a>>,
    /// `None` when no document is under lifecycle management.
    pub register: Option<RegisterView<'a>>,
    pub changes: Option<Changes<'a>>,
}

/// The figures a reader sees first.
pub struct Headline {
    /// When the packs have the quadrant axes and some document is assessed.
    pub purpose_driven: Option<PurposeDriven>,
    /// Dimensions with a coverage figure.
    pub dimensions: Vec<DimensionFigure>,
}

pub struct PurposeDriven {
    pub count: usize,
    /// Assessed documents.
    pub of: usize,
    pub share: String,
    /// How many there were in the compared report.
    pub before: Option<usize>,
}

/// One dimension's mean coverage.
pub struct DimensionFigure {
    /// Index into the catalogue's dimensions.
    pub index: usize,
    pub coverage: String,
    /// Concepts of the dimension.
    pub concepts: usize,
    /// Since the compared report: `+13 points`.
    pub change: Option<String>,
}

/// One document of "What to fix first".
pub struct Step<'a> {
    /// Index into [`Report::documents`].
    pub document: usize,
    pub anchor: String,
    pub quadrant: Option<Quadrant>,
    /// The concepts it never mentions, in words.
    pub lacks: String,
    pub finding: Option<&'a KeyFinding>,
}

pub struct QuadrantRow {
    pub quadrant: Quadrant,
    pub count: usize,
    pub share: String,
    /// When a comparison has the quadrant.
    pub before: Option<usize>,
}

pub struct ThresholdRow<'a> {
    pub passed: bool,
    pub subject: &'a str,
    pub measured: String,
    pub minimum: String,
    pub source: &'a str,
}

pub struct GapRow {
    pub sentence: String,
    /// The percentage of the kind's documents missing the concept.
    pub missing: f64,
}

/// Coverage by kind: a column per kind and one for all documents, a group of rows per
/// dimension.
pub struct KindTable {
    pub columns: Vec<String>,
    pub groups: Vec<KindGroup>,
}

pub struct KindGroup {
    pub label: String,
    /// Per column: the mean coverage of the dimension (`None` for concepts of no dimension).
    pub coverage: Vec<Option<String>>,
    pub concepts: Vec<KindConcept>,
}

pub struct KindConcept {
    pub label: String,
    /// Per column: how many documents mention it, of how many whose packs define it.
    pub shares: Vec<Option<ShareCell>>,
}

pub struct ShareCell {
    pub covered: usize,
    pub of: usize,
    pub percent: String,
}

pub struct AttentionRow<'a> {
    pub document: usize,
    pub anchor: String,
    pub kind: &'a str,
    pub quadrant: Option<Quadrant>,
    /// Per dimension; `–` where the document's packs lack it.
    pub coverage: Vec<String>,
    pub never_mentions: String,
    pub findings: String,
}

pub struct FolderRow<'a> {
    pub path: &'a str,
    pub documents: usize,
    /// Per dimension; `–` where no document has a figure.
    pub coverage: Vec<String>,
    /// The sum of the dimensions' mean coverage, to find the folders that need most.
    pub coverage_sum: f64,
    /// When the packs have the quadrant axes.
    pub purpose_driven: Option<usize>,
}

pub struct RegisterView<'a> {
    pub summary: String,
    pub owners: Vec<OwnerView<'a>>,
    /// Documents under lifecycle management.
    pub documents: usize,
}

pub struct OwnerView<'a> {
    pub owner: Option<&'a str>,
    pub rows: Vec<RegisterRow<'a>>,
}

pub struct RegisterRow<'a> {
    pub document: usize,
    pub status: &'static str,
    pub approver: Option<&'a str>,
    pub effective: String,
    pub reviewed: String,
    pub next_review: String,
    /// `12 days overdue`, `due in 30 days`.
    pub days: String,
}

/// What changed since the compared report.
pub struct Changes<'a> {
    pub against: &'a str,
    pub nothing: bool,
    /// Added, removed, reviewed, newly overdue: each with its heading, left out when empty.
    pub lists: Vec<(&'static str, &'a [DocumentRef])>,
    /// What got worse first.
    pub changed: Vec<ChangedDocument<'a>>,
    pub folders: Vec<FolderChangeRow<'a>>,
}

pub struct ChangedDocument<'a> {
    pub worse: bool,
    pub title: &'a str,
    pub path: &'a str,
    pub summary: String,
}

pub struct FolderChangeRow<'a> {
    pub path: &'a str,
    /// `4` or `3 → 4`.
    pub documents: String,
    /// Per dimension; `None` where it did not change.
    pub coverage: Vec<Option<CoverageChange>>,
}

pub struct CoverageChange {
    pub before: String,
    pub after: String,
    /// When both reports have a figure: `+13 points`.
    pub delta: Option<String>,
}

/// A ratio as a whole percentage, or `–` when there is none.
fn percent_or_dash(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".into(), percent)
}

impl<'a> View<'a> {
    pub fn of(report: &'a Report) -> View<'a> {
        View {
            report,
            dimension_headings: report
                .catalogue
                .dimensions
                .iter()
                .map(|d| capitalise(&d.label))
                .collect(),
            headline: headline(report),
            next_steps: next_steps(report),
            quadrants: quadrants(report),
            thresholds: thresholds(report),
            gaps: report
                .gaps
                .iter()
                .map(|gap| GapRow {
                    sentence: gap.sentence(&report.catalogue),
                    missing: gap.missing as f64 / gap.of as f64 * 100.0,
                })
                .collect(),
            kinds: kinds(report),
            attention: attention(report),
            folders: folders(report),
            register: register_view(report),
            changes: changes(report),
        }
    }
}

fn headline(report: &Report) -> Headline {
    let summary = &report.summary;
    let comparison = report.comparison.as_ref();
    let purpose_driven = (report.axes.is_some() && summary.documents > 0).then(|| {
        let count = summary.quadrant(Quadrant::PurposeDriven);
        PurposeDriven {
            count,
            of: summary.documents,
            share: percent(count as f64 / summary.documents as f64),
            before: comparison
                .and_then(|c| c.quadrants.get(Quadrant::PurposeDriven.id()))
                .map(|c| c.before),
        }
    });
    let catalogue = &report.catalogue;
    let dimensions = catalogue
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(index, dimension)| {
            let coverage = summary.coverage(index)?;
            Some(DimensionFigure {
                index,
                coverage: percent(coverage),
                concepts: catalogue.concepts_of(Some(index)).count(),
                change: comparison
                    .and_then(|c| c.coverage.get(&dimension.name))
                    .and_then(|c| c.before)
                    .map(|before| delta(before, coverage)),
            })
        })
        .collect();
    Headline {
        purpose_driven,
        dimensions,
    }
}

fn next_steps(report: &Report) -> Vec<Step<'_>> {
    report
        .next_steps
        .iter()
        .map(|step| {
            let lacks = step.lack_labels(&report.catalogue);
            Step {
                document: step.document,
                anchor: fix_anchor(step.document),
                quadrant: report.documents[step.document].quadrant,
                lacks: if lacks.is_empty() {
                    "nothing; it mentions every concept".into()
                } else {
                    join_words(&lacks)
                },
                finding: step.finding.as_ref(),
            }
        })
        .collect()
}

fn quadrants(report: &Report) -> Option<Vec<QuadrantRow>> {
    report.axes?;
    let summary = &report.summary;
    let rows = Quadrant::ALL
        .into_iter()
        .map(|quadrant| {
            let count = summary.quadrant(quadrant);
            QuadrantRow {
                quadrant,
                count,
                share: percent(count as f64 / summary.documents as f64),
                before: report
                    .comparison
                    .as_ref()
                    .and_then(|c| c.quadrants.get(quadrant.id()))
                    .map(|c| c.before),
            }
        })
        .collect();
    Some(rows)
}

fn thresholds(report: &Report) -> Vec<ThresholdRow<'_>> {
    report
        .thresholds
        .iter()
        .map(|result: &ThresholdResult| ThresholdRow {
            passed: result.passed(),
            subject: result.subject(&report.catalogue),
            measured: result.measured(),
            minimum: precise_percent(result.threshold.minimum),
            source: &result.threshold.source,
        })
        .collect()
}

fn kinds(report: &Report) -> KindTable {
    let catalogue = &report.catalogue;
    let columns = report.kind_columns();
    let groups = catalogue
        .concept_groups()
        .into_iter()
        .map(|(group, label)| KindGroup {
            label: capitalise(label),
            coverage: columns
                .iter()
                .map(|(_, aggregate)| group.and_then(|d| aggregate.coverage(d)).map(percent))
                .collect(),
            concepts: catalogue
                .concepts_of(group)
                .map(|concept| KindConcept {
                    label: catalogue.concepts[concept].label.clone(),
                    shares: columns
                        .iter()
                        .map(|(_, aggregate)| {
                            let share = aggregate.concepts[concept];
                            share.ratio().map(|ratio| ShareCell {
                                covered: share.covered,
                                of: share.of,
                                percent: percent(ratio),
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    KindTable {
        columns: columns.into_iter().map(|(title, _)| title).collect(),
        groups,
    }
}

fn attention(report: &Report) -> Vec<AttentionRow<'_>> {
    let catalogue = &report.catalogue;
    report
        .attention
        .iter()
        .take(NEXT_STEPS)
        .map(|&index| {
            let document = &report.documents[index];
            AttentionRow {
                document: index,
                anchor: fix_anchor(index),
                kind: catalogue.kind_label(document.kind),
                quadrant: document.quadrant,
                coverage: (0..catalogue.dimensions.len())
                    .map(|d| percent_or_dash(document.coverage(d)))
                    .collect(),
                never_mentions: document.missing_labels(catalogue),
                findings: document.findings.describe(),
            }
        })
        .collect()
}

fn folders(report: &Report) -> Vec<FolderRow<'_>> {
    let dimensions = report.catalogue.dimensions.len();
    report
        .folders
        .iter()
        .map(|(path, aggregate)| FolderRow {
            path,
            documents: aggregate.documents,
            coverage: (0..dimensions)
                .map(|d| percent_or_dash(aggregate.coverage(d)))
                .collect(),
            coverage_sum: (0..dimensions).filter_map(|d| aggregate.coverage(d)).sum(),
            purpose_driven: report
                .axes
                .map(|_| aggregate.quadrant(Quadrant::PurposeDriven)),
        })
        .collect()
}

fn register_view(report: &Report) -> Option<RegisterView<'_>> {
    let register = &report.register;
    if register.is_empty() {
        return None;
    }
    let date = |d: Option<Date>| d.map_or("–".into(), |d| d.to_string());
    Some(RegisterView {
        summary: register::summary(&register.counts),
        documents: register.counts.documents,
        owners: register
            .groups
            .iter()
            .map(|group| OwnerView {
                owner: group.owner.as_deref(),
                rows: group
                    .rows
                    .iter()
                    .map(|row| {
                        let entry = &row.entry;
                        RegisterRow {
                            document: row.document,
                            status: entry.status.map_or("–", |s| s.name()),
                            approver: entry.approver.as_deref(),
                            effective: date(entry.effective),
                            reviewed: date(entry.reviewed),
                            next_review: date(entry.next_review),
                            days: register::describe_days(entry),
                        }
                    })
                    .collect(),
            })
            .collect(),
    })
}

fn changes(report: &Report) -> Option<Changes<'_>> {
    let comparison = report.comparison.as_ref()?;
    let catalogue = &report.catalogue;
    let lists = [
        ("Added", &comparison.added),
        ("Removed", &comparison.removed),
        ("Reviewed", &comparison.reviews_done),
        ("Newly overdue for review", &comparison.newly_overdue),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .map(|(title, list)| (title, list.as_slice()))
    .collect();
    let mut changed: Vec<&DocumentChange> = comparison.changed.iter().collect();
    changed.sort_by_key(|c| c.lost.is_empty());
    let changed = changed
        .into_iter()
        .map(|change| ChangedDocument {
            worse: !change.lost.is_empty(),
            title: &change.title,
            path: &change.path,
            summary: change.summary(catalogue),
        })
        .collect();
    let folders = comparison
        .folders
        .iter()
        .map(|folder| FolderChangeRow {
            path: &folder.path,
            documents: arrow(&folder.documents),
            coverage: catalogue
                .dimensions
                .iter()
                .map(|dimension| folder.coverage.get(&dimension.name).map(coverage_change))
                .collect(),
        })
        .collect();
    Some(Changes {
        against: &comparison.against,
        nothing: comparison.is_empty(),
        lists,
        changed,
        folders,
    })
}

fn coverage_change(change: &Change<Option<f64>>) -> CoverageChange {
    CoverageChange {
        before: percent_or_dash(change.before),
        after: percent_or_dash(change.after),
        delta: change
            .before
            .zip(change.after)
            .map(|(before, after)| delta(before, after)),
    }
}

/// `4`, or `3 → 4` when it changed.
fn arrow(change: &Change<usize>) -> String {
    if change.before == change.after {
        change.after.to_string()
    } else {
        format!("{} → {}", change.before, change.after)
    }
}
