//! Evidence reduced to figures: how much of each concept and dimension a document shows.

use serde::{Deserialize, Serialize};

use crate::evidence::Evidence;
use crate::rules::{ConceptId, DimensionId, RuleSet};

/// Per-document evidence counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Counted evidence (sentences) per concept, indexed by concept id.
    pub concepts: Vec<u32>,
    /// Counted evidence per dimension, indexed by dimension id.
    pub dimensions: Vec<u32>,
}

impl Coverage {
    pub fn from_evidence(evidence: &Evidence, rules: &RuleSet) -> Coverage {
        let mut concepts = vec![0u32; rules.concepts.len()];
        for hit in &evidence.hits {
            concepts[hit.concept] += 1;
        }
        let mut dimensions = vec![0u32; rules.dimensions.len()];
        for (concept, count) in rules.concepts.iter().zip(&concepts) {
            if let (Some(dimension), false) = (concept.dimension, concept.hidden) {
                dimensions[dimension] += count;
            }
        }
        Coverage {
            concepts,
            dimensions,
        }
    }

    pub fn count(&self, concept: ConceptId) -> u32 {
        self.concepts.get(concept).copied().unwrap_or(0)
    }

    /// Evidence over all dimensions.
    pub fn total(&self) -> u32 {
        self.dimensions.iter().sum()
    }

    /// A dimension's share of all dimensional evidence, or `None` when there is none.
    pub fn share(&self, dimension: DimensionId) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| f64::from(self.dimensions[dimension]) / f64::from(total))
    }

    /// How many of a dimension's concepts have any evidence, out of how many.
    pub fn dimension_coverage(&self, dimension: DimensionId, rules: &RuleSet) -> (usize, usize) {
        let concepts: Vec<ConceptId> = rules.concepts_of(Some(dimension)).collect();
        let covered = concepts.iter().filter(|&&c| self.count(c) > 0).count();
        (covered, concepts.len())
    }

    /// The coverage in one line, for the human output after a file's findings: how many of
    /// each group's concepts the document mentions and which it never does, e.g.
    /// `leading people 4 of 6, missing vision, care for people; managing things all 4; both
    /// none of 2`. Evidence counts are `inspect`'s ([`Coverage::describe`]); `None` for a pack
    /// without concepts in groups.
    pub fn summarise(&self, rules: &RuleSet) -> Option<String> {
        let groups: Vec<String> = rules
            .concept_groups()
            .filter_map(|(dimension, label)| {
                let concepts: Vec<ConceptId> = rules.concepts_of(dimension).collect();
                let missing: Vec<&str> = concepts
                    .iter()
                    .filter(|&&c| self.count(c) == 0)
                    .map(|&c| rules.concepts[c].label.as_str())
                    .collect();
                let of = concepts.len();
                Some(match missing.len() {
                    _ if of == 0 => return None,
                    0 => format!("{label} all {of}"),
                    n if n == of => format!("{label} none of {of}"),
                    n => format!("{label} {} of {of}, missing {}", of - n, missing.join(", ")),
                })
            })
            .collect();
        (!groups.is_empty()).then(|| groups.join("; "))
    }

    /// One line per dimension naming the concepts found and missing, e.g.
    /// `managing things: process (4), obligation (2); missing measures`.
    pub fn describe(&self, rules: &RuleSet) -> Vec<String> {
        let mut lines = Vec::new();
        for (dimension, label) in rules.concept_groups() {
            let concepts: Vec<ConceptId> = rules.concepts_of(dimension).collect();
            if concepts.is_empty() {
                continue;
            }
            let found: Vec<String> = concepts
                .iter()
                .filter(|&&c| self.count(c) > 0)
                .map(|&c| format!("{} ({})", rules.concepts[c].label, self.count(c)))
                .collect();
            let missing: Vec<&str> = concepts
                .iter()
                .filter(|&&c| self.count(c) == 0)
                .map(|&c| rules.concepts[c].label.as_str())
                .collect();
            let mut line = format!("{label}: ");
            line.push_str(if found.is_empty() {
                "nothing found"
            } else {
                ""
            });
            line.push_str(&found.join(", "));
            if !missing.is_empty() {
                line.push_str(&format!("; missing {}", missing.join(", ")));
            }
            lines.push(line);
        }
        lines
    }
}
