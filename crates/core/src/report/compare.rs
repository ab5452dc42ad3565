//! `policylint report --compare old.json`: what changed since an earlier JSON report —
//! documents added and removed, concepts a document gained or lost, coverage per folder, and
//! from the review registers the reviews done and the reviews newly overdue.
//!
//! Documents and folders are matched by path as written, so both reports should be made from
//! the same folder with the same arguments. Only concepts and dimensions both reports know are
//! compared.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::join_words;
use super::model::{Catalogue, Quadrant, Report};
use super::schema::{AggregateJson, DocumentJson, JsonReport, RegisterRowJson, VERSION};

/// A figure before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub path: String,
    pub title: String,
}

/// A document in both reports whose coverage changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentChange {
    pub path: String,
    pub title: String,
    /// Concept names it now mentions and did not before.
    pub gained: Vec<String>,
    /// Concept names it mentioned before and no longer does.
    pub lost: Vec<String>,
    /// Per dimension whose coverage changed.
    pub coverage: BTreeMap<String, Change<Option<f64>>>,
    /// Quadrant ids, when the quadrant changed.
    pub quadrant: Option<Change<Option<String>>>,
}

/// A folder whose documents or coverage changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FolderChange {
    pub path: String,
    pub documents: Change<usize>,
    pub coverage: BTreeMap<String, Change<Option<f64>>>,
}

/// What changed since an earlier report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The earlier report's file, as given.
    pub against: String,
    /// Assessed documents.
    pub documents: Change<usize>,
    /// Mean coverage per dimension over the assessed documents.
    pub coverage: BTreeMap<String, Change<Option<f64>>>,
    pub quadrants: BTreeMap<String, Change<usize>>,
    pub added: Vec<DocumentRef>,
    pub removed: Vec<DocumentRef>,
    /// In path order.
    pub changed: Vec<DocumentChange>,
    /// In path order.
    pub folders: Vec<FolderChange>,
    /// Documents reviewed since: a later `reviewed` date or a later next review. In path
    /// order; left out of the JSON when empty, as reports without a register have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews_done: Vec<DocumentRef>,
    /// Documents whose review is overdue now and was not then. In path order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newly_overdue: Vec<DocumentRef>,
}

impl DocumentChange {
    /// What changed, in plain words, without the path: "no longer mentions a purpose; now
    /// mentions how success is measured (Purpose-driven → Managed, not led)".
    pub fn summary(&self, catalogue: &Catalogue) -> String {
        let topics = |names: &[String]| {
            let topics: Vec<String> = names
                .iter()
                .map(|name| {
                    catalogue
                        .concept(name)
                        .map_or_else(|| name.clone(), |c| catalogue.concepts[c].topic.clone())
                })
                .collect();
            join_words(&topics)
        };
        let mut clauses = Vec::new();
        if !self.lost.is_empty() {
            clauses.push(format!("no longer mentions {}", topics(&self.lost)));
        }
        if !self.gained.is_empty() {
            clauses.push(format!("now mentions {}", topics(&self.gained)));
        }
        let mut summary = clauses.join("; ");
        if let Some(quadrant) = &self.quadrant {
            let name = |id: &Option<String>| {
                id.as_deref()
                    .and_then(Quadrant::from_id)
                    .map_or("not placed", Quadrant::label)
            };
            let moved = format!("{} → {}", name(&quadrant.before), name(&quadrant.after));
            summary = if summary.is_empty() {
                format!("moved: {moved}")
            } else {
                format!("{summary} ({moved})")
            };
        }
        if summary.is_empty() {
            summary = "changed coverage".into();
        }
        summary
    }
}

impl Comparison {
    /// Whether nothing changed at all.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.folders.is_empty()
            && self.reviews_done.is_empty()
            && self.newly_overdue.is_empty()
    }
}

/// The register's lines of a report, by path.
fn register_rows(report: &JsonReport) -> BTreeMap<&str, &RegisterRowJson> {
    report
        .register
        .iter()
        .flat_map(|register| &register.owners)
        .flat_map(|owner| &owner.documents)
        .map(|row| (row.path.as_str(), row))
        .collect()
}

/// Reviews done and reviews newly overdue between two registers.
fn review_changes(old: &JsonReport, new: &JsonReport) -> (Vec<DocumentRef>, Vec<DocumentRef>) {
    let before = register_rows(old);
    let reference = |row: &RegisterRowJson| DocumentRef {
        path: row.path.clone(),
        title: row.title.clone(),
    };
    let overdue = |row: &RegisterRowJson| row.days_left.is_some_and(|days| days < 0);
    let mut done = Vec::new();
    let mut newly_overdue = Vec::new();
    for (path, after) in register_rows(new) {
        let earlier = before.get(path);
        // Dates are written YYYY-MM-DD, so their text sorts as they do.
        let later = |field: fn(&RegisterRowJson) -> &Option<String>| {
            earlier.is_some_and(|b| field(after) > field(b))
        };
        if later(|r| &r.reviewed) || later(|r| &r.next_review) {
            done.push(reference(after));
        }
        if overdue(after) && !earlier.is_some_and(|b| overdue(b)) {
            newly_overdue.push(reference(after));
        }
    }
    (done, newly_overdue)
}

/// Read an earlier JSON report, with a clear error when it is not one this version reads.
pub fn load(path: &Path) -> Result<JsonReport, CompareError> {
    #[derive(Deserialize)]
    struct Probe {
        version: u32,
    }
    let text = std::fs::read_to_string(path).map_err(|source| CompareError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let probe: Probe = serde_json::from_str(&text).map_err(|source| CompareError::NotAReport {
        path: path.to_path_buf(),
        source,
    })?;
    if probe.version != VERSION {
        return Err(CompareError::Version {
            path: path.to_path_buf(),
            version: probe.version,
        });
    }
    serde_json::from_str(&text).map_err(|source| CompareError::Malformed {
        path: path.to_path_buf(),
        source,
    })
}

/// Why an earlier report could not be compared with.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error("cannot read {}: {}", path.display(), crate::walk::describe_io(source))]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a JSON report of `policylint report --format json`: {source}", path.display())]
    NotAReport {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{} is a version {version} report; this policylint compares with version {VERSION} reports",
        path.display()
    )]
    Version {
        path: std::path::PathBuf,
        version: u32,
    },
    #[error("{}: {source}", path.display())]
    Malformed {
        path: std::path::PathBuf,
        source: serde_json::Error,
    },
}

/// Compare `report` with an earlier one and keep the result in it.
pub fn attach(report: &mut Report, old: &JsonReport, against: &str) {
    let new = JsonReport::of(report);
    report.comparison = Some(between(old, &new, against));
}

/// What changed from `old` to `new`.
pub fn between(old: &JsonReport, new: &JsonReport, against: &str) -> Comparison {
    let old_docs: BTreeMap<&str, &DocumentJson> =
        old.documents.iter().map(|d| (d.path.as_str(), d)).collect();
    let new_docs: BTreeMap<&str, &DocumentJson> =
        new.documents.iter().map(|d| (d.path.as_str(), d)).collect();
    let reference = |d: &DocumentJson| DocumentRef {
        path: d.path.clone(),
        title: d.title.clone(),
    };
    let added = new_docs
        .iter()
        .filter(|(path, _)| !old_docs.contains_key(*path))
        .map(|(_, d)| reference(d))
        .collect();
    let removed = old_docs
        .iter()
        .filter(|(path, _)| !new_docs.contains_key(*path))
        .map(|(_, d)| reference(d))
        .collect();
    let changed = new_docs
        .iter()
        .filter_map(|(path, after)| document_change(old_docs.get(path)?, after))
        .collect();
    let old_folders: BTreeMap<&str, &AggregateJson> = old
        .by_folder
        .iter()
        .map(|f| (f.path.as_str(), &f.figures))
        .collect();
    let new_folders: BTreeMap<&str, &AggregateJson> = new
        .by_folder
        .iter()
        .map(|f| (f.path.as_str(), &f.figures))
        .collect();
    let folder_paths: BTreeSet<&str> = old_folders
        .keys()
        .chain(new_folders.keys())
        .copied()
        .collect();
    let folders = folder_paths
        .into_iter()
        .filter_map(|path| {
            let before = old_folders.get(path).copied();
            let after = new_folders.get(path).copied();
            let documents = Change {
                before: before.map_or(0, |f| f.documents),
                after: after.map_or(0, |f| f.documents),
            };
            let coverage =
                coverage_changes(before.map(|f| &f.coverage), after.map(|f| &f.coverage));
            (documents.before != documents.after || !coverage.is_empty()).then(|| FolderChange {
                path: path.to_string(),
                documents,
                coverage,
            })
        })
        .collect();
    let quadrants = new
        .summary
        .quadrants
        .keys()
        .filter_map(|q| {
            Some((
                q.clone(),
                Change {
                    before: *old.summary.quadrants.get(q)?,
                    after: new.summary.quadrants[q],
                },
            ))
        })
        .collect();
    let (reviews_done, newly_overdue) = review_changes(old, new);
    Comparison {
        against: against.to_string(),
        documents: Change {
            before: old.summary.documents,
            after: new.summary.documents,
        },
        coverage: both_sides(&old.summary.coverage, &new.summary.coverage),
        quadrants,
        added,
        removed,
        changed,
        folders,
        reviews_done,
        newly_overdue,
    }
}

/// The figure of every dimension both maps know, changed or not.
fn both_sides(
    before: &BTreeMap<String, Option<f64>>,
    after: &BTreeMap<String, Option<f64>>,
) -> BTreeMap<String, Change<Option<f64>>> {
    after
        .iter()
        .filter_map(|(name, after)| {
            Some((
                name.clone(),
                Change {
                    before: *before.get(name)?,
                    after: *after,
                },
            ))
        })
        .collect()
}

/// The dimensions whose coverage differs; a folder that appears or disappears has every
/// dimension of the side it is on changed from or to nothing.
fn coverage_changes(
    before: Option<&BTreeMap<String, Option<f64>>>,
    after: Option<&BTreeMap<String, Option<f64>>>,
) -> BTreeMap<String, Change<Option<f64>>> {
    let names: BTreeSet<&String> = before
        .into_iter()
        .chain(after)
        .flat_map(|m| m.keys())
        .collect();
    names
        .into_iter()
        .filter_map(|name| {
            let lookup = |side: Option<&BTreeMap<String, Option<f64>>>| match side {
                Some(map) => map.get(name).copied(),
                None => Some(None),
            };
            let change = Change {
                before: lookup(before)?,
                after: lookup(after)?,
            };
            (change.before != change.after).then(|| (name.clone(), change))
        })
        .collect()
}

fn document_change(before: &DocumentJson, after: &DocumentJson) -> Option<DocumentChange> {
    let mut gained = Vec::new();
    let mut lost = Vec::new();
    for (name, count) in &after.concepts {
        if let (Some(Some(old)), Some(new)) = (before.concepts.get(name), count) {
            match (*old > 0, *new > 0) {
                (false, true) => gained.push(name.clone()),
                (true, false) => lost.push(name.clone()),
                _ => {}
            }
        }
    }
    let ratio = |d: &DocumentJson| -> BTreeMap<String, Option<f64>> {
        d.coverage
            .iter()
            .map(|(name, c)| (name.clone(), c.as_ref().and_then(|c| c.ratio)))
            .collect()
    };
    let coverage: BTreeMap<String, Change<Option<f64>>> = both_sides(&ratio(before), &ratio(after))
        .into_iter()
        .filter(|(_, change)| change.before != change.after)
        .collect();
    let quadrant = (before.quadrant != after.quadrant).then(|| Change {
        before: before.quadrant.clone(),
        after: after.quadrant.clone(),
    });
    let changed =
        !gained.is_empty() || !lost.is_empty() || !coverage.is_empty() || quadrant.is_some();
    changed.then(|| DocumentChange {
        path: after.path.clone(),
        title: after.title.clone(),
        gained,
        lost,
        coverage,
        quadrant,
    })
}
