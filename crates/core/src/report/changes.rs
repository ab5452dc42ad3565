//! What changed since an earlier report, as [`compare`](super::compare) finds it: the
//! [`Comparison`] a report holds and the JSON report writes out, and its changes in plain words.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Catalogue, Quadrant};
use super::words::join_words;

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
