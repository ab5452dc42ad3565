//! Minimum coverage for CI: `--min-coverage purpose=0.8` or `[report] min-coverage` in
//! `policylint.toml`. A concept's coverage is the share of assessed documents that mention it;
//! a dimension's is the assessed documents' mean coverage of its concepts.

use super::model::{Aggregate, Catalogue};
use super::words::{points, precise_percent};
use crate::config::MinCoverage;
use crate::toml_errors::did_you_mean;

/// A minimum coverage for a concept or a dimension, and where it was set.
#[derive(Clone, Debug, PartialEq)]
pub struct Threshold {
    /// A concept or dimension name.
    pub name: String,
    /// Between 0 and 1.
    pub minimum: f64,
    /// `--min-coverage` or `policylint.toml line 12`, for messages.
    pub source: String,
}

impl Threshold {
    /// Parse `NAME=VALUE`, where the value is a fraction (`0.8`) or a percentage (`80%`).
    pub fn parse(flag: &str) -> Result<Threshold, MinimumError> {
        let (name, minimum) = parse_minimum(flag, "concept or dimension")?;
        Ok(Threshold {
            name,
            minimum,
            source: "--min-coverage".into(),
        })
    }

    /// The thresholds of a configuration file, then those of the command line; a flag replaces
    /// a configured threshold of the same name.
    pub fn merge(configured: &[MinCoverage], flags: &[Threshold]) -> Vec<Threshold> {
        let mut thresholds: Vec<Threshold> = configured
            .iter()
            .map(|entry| Threshold {
                name: entry.name.clone(),
                minimum: entry.minimum,
                source: entry.place.clone(),
            })
            .collect();
        for flag in flags {
            thresholds.retain(|t| t.name != flag.name);
            thresholds.push(flag.clone());
        }
        thresholds
    }
}

/// Parse a `NAME=MINIMUM` flag, where the minimum is a fraction (`0.8`) or a percentage
/// (`80%`); `what` names what the name stands for, in messages.
pub fn parse_minimum(flag: &str, what: &'static str) -> Result<(String, f64), MinimumError> {
    let (name, value) = flag
        .split_once('=')
        .ok_or_else(|| MinimumError::NotNameValue(flag.to_string()))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(MinimumError::NoName {
            flag: flag.to_string(),
            what,
        });
    }
    let value = value.trim();
    let minimum = match value.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().map(|p| p / 100.0),
        None => value.parse::<f64>(),
    }
    .ok()
    .filter(|m| (0.0..=1.0).contains(m))
    .ok_or_else(|| MinimumError::OutOfRange {
        name: name.to_string(),
        value: value.to_string(),
    })?;
    Ok((name.to_string(), minimum))
}

/// Why a `NAME=MINIMUM` flag could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MinimumError {
    #[error("expected NAME=MINIMUM, such as purpose=0.8, not `{0}`")]
    NotNameValue(String),
    #[error("`{flag}` names no {what}")]
    NoName { flag: String, what: &'static str },
    #[error("the minimum for `{name}` must be from 0 to 1 (or 0% to 100%), not `{value}`")]
    OutOfRange { name: String, value: String },
}

/// A threshold that names nothing the loaded packs measure.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ThresholdError {
    #[error("`{name}` ({set_in}) is both a concept and a dimension of the loaded packs")]
    Ambiguous { name: String, set_in: String },
    #[error(
        "unknown concept or dimension `{name}` ({set_in}){}",
        .hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default()
    )]
    Unknown {
        name: String,
        set_in: String,
        hint: Option<String>,
    },
}

/// What a threshold measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Index into [`Catalogue::concepts`].
    Concept(usize),
    /// Index into [`Catalogue::dimensions`].
    Dimension(usize),
}

/// Find what each threshold names; every unknown or ambiguous name is an error.
pub fn resolve(
    thresholds: Vec<Threshold>,
    catalogue: &Catalogue,
) -> Result<Vec<(Threshold, Measure)>, Vec<ThresholdError>> {
    let mut resolved = Vec::new();
    let mut problems = Vec::new();
    for threshold in thresholds {
        let concept = catalogue.concept(&threshold.name);
        let dimension = catalogue.dimension(&threshold.name);
        match (concept, dimension) {
            (Some(c), None) => resolved.push((threshold, Measure::Concept(c))),
            (None, Some(d)) => resolved.push((threshold, Measure::Dimension(d))),
            (Some(_), Some(_)) => problems.push(ThresholdError::Ambiguous {
                name: threshold.name,
                set_in: threshold.source,
            }),
            (None, None) => {
                let known = catalogue
                    .concepts
                    .iter()
                    .map(|c| c.name.as_str())
                    .chain(catalogue.dimensions.iter().map(|d| d.name.as_str()));
                let hint = did_you_mean(&threshold.name, known);
                problems.push(ThresholdError::Unknown {
                    name: threshold.name,
                    set_in: threshold.source,
                    hint,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}

/// A threshold measured on a report.
#[derive(Clone, Debug, PartialEq)]
pub struct ThresholdResult {
    pub threshold: Threshold,
    pub measure: Measure,
    /// `None` when no assessed document could be measured.
    pub actual: Option<f64>,
    /// For a concept: documents that mention it, out of how many.
    pub documents: Option<(usize, usize)>,
}

/// Measure every threshold on the figures of all assessed documents.
pub fn evaluate(resolved: Vec<(Threshold, Measure)>, summary: &Aggregate) -> Vec<ThresholdResult> {
    resolved
        .into_iter()
        .map(|(threshold, measure)| {
            let (actual, documents) = match measure {
                Measure::Concept(c) => {
                    let share = summary.concepts[c];
                    (share.ratio(), Some((share.covered, share.of)))
                }
                Measure::Dimension(d) => (summary.coverage(d), None),
            };
            ThresholdResult {
                threshold,
                measure,
                actual,
                documents,
            }
        })
        .collect()
}

/// Coverage figures are means and ratios of small counts: allow for float rounding.
const EPSILON: f64 = 1e-9;

impl ThresholdResult {
    pub fn passed(&self) -> bool {
        self.actual
            .is_some_and(|actual| actual + EPSILON >= self.threshold.minimum)
    }

    /// What the threshold measures, in words: "purpose", "managing things".
    pub fn subject<'a>(&self, catalogue: &'a Catalogue) -> &'a str {
        match self.measure {
            Measure::Concept(c) => &catalogue.concepts[c].label,
            Measure::Dimension(d) => &catalogue.dimensions[d].label,
        }
    }

    /// The measured figure in words, e.g. "mentioned in 66.7% of documents (4 of 6)" or
    /// "66.7% average coverage".
    pub fn measured(&self) -> String {
        match (self.actual, self.documents) {
            (None, _) => "no assessed document to measure".into(),
            (Some(actual), Some((covered, of))) => format!(
                "mentioned in {} of documents ({covered} of {of})",
                precise_percent(actual)
            ),
            (Some(actual), None) => format!("{} average coverage", precise_percent(actual)),
        }
    }

    /// One line for the terminal, e.g. "purpose: mentioned in 66.7% of documents (4 of 6),
    /// 13.3 points below the minimum of 80% (--min-coverage)".
    pub fn message(&self, catalogue: &Catalogue) -> String {
        let standing = match self.actual {
            Some(actual) if !self.passed() => format!(
                ", {} points below the minimum of {}",
                points(self.threshold.minimum - actual),
                precise_percent(self.threshold.minimum)
            ),
            _ => format!(
                "; the minimum is {}",
                precise_percent(self.threshold.minimum)
            ),
        };
        let subject = self.subject(catalogue);
        let name = if subject == self.threshold.name {
            String::new()
        } else {
            format!(" ({})", self.threshold.name)
        };
        format!(
            "{subject}{name}: {}{standing} ({})",
            self.measured(),
            self.threshold.source
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_take_fractions_and_percentages() {
        let t = Threshold::parse("purpose=0.8").unwrap();
        assert_eq!((t.name.as_str(), t.minimum), ("purpose", 0.8));
        assert_eq!(Threshold::parse("manage = 60%").unwrap().minimum, 0.6);
        assert!(
            Threshold::parse("purpose")
                .unwrap_err()
                .to_string()
                .contains("NAME=MINIMUM")
        );
        assert!(
            Threshold::parse("purpose=1.5")
                .unwrap_err()
                .to_string()
                .contains("from 0 to 1")
        );
        assert!(Threshold::parse("=0.5").is_err());
        assert!(Threshold::parse("purpose=lots").is_err());
    }

    #[test]
    fn a_flag_replaces_the_configured_threshold_of_the_same_name() {
        let configured = [
            MinCoverage {
                name: "purpose".into(),
                minimum: 0.9,
                place: "policylint.toml line 3".into(),
            },
            MinCoverage {
                name: "lead".into(),
                minimum: 0.5,
                place: "policylint.toml line 3".into(),
            },
        ];
        let flags = [Threshold::parse("purpose=0.7").unwrap()];
        let merged = Threshold::merge(&configured, &flags);
        let summary: Vec<(&str, f64, &str)> = merged
            .iter()
            .map(|t| (t.name.as_str(), t.minimum, t.source.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("lead", 0.5, "policylint.toml line 3"),
                ("purpose", 0.7, "--min-coverage")
            ]
        );
    }
}
