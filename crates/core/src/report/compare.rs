//! `policylint report --compare old.json`: what changed since an earlier JSON report —
//! documents added and removed, concepts a document gained or lost, coverage per folder, and
//! from the review registers the reviews done and the reviews newly overdue.
//!
//! Documents and folders are matched by path as written, so both reports should be made from
//! the same folder with the same arguments. Only concepts and dimensions both reports know are
//! compared.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use super::changes::{Change, Comparison, DocumentChange, DocumentRef, FolderChange};
use super::contents::Report;
use super::schema::{AggregateJson, DocumentJson, JsonReport, RegisterRowJson, VERSION};

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
