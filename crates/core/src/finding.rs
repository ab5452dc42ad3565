//! What a check reports: a rule, a severity, a message and the spans it is about.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::source::Span;

/// How serious a finding is. Ordered so that `Info < Warning < Error`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(format!(
                "unknown severity `{other}`, expected `error`, `warning` or `info`"
            )),
        }
    }
}

/// A span with something to say about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// One rule firing on one place of one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The place the finding is about.
    pub primary: Label,
    /// Context: the sections searched, the occurrences that tip the balance.
    pub secondary: Vec<Label>,
    /// Facts that explain the finding.
    pub notes: Vec<String>,
    /// Places in other documents the finding is about too: the figure one contradicts.
    pub related: Vec<Related>,
}

/// A place in another document, located when the finding was made (that document's text is
/// not at hand when findings are written out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The document's path, as reported.
    pub path: String,
    pub span: Span,
    /// 1-based line and column (in characters) of the span's start and (exclusive) end.
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub message: String,
}

impl Finding {
    /// Add `label` as context. A span already labelled keeps its one label, with the new
    /// message joined to it: two labels on one span print as two underlines of the same text.
    /// `false` when the label was merged rather than added.
    pub fn add_secondary(&mut self, label: Label) -> bool {
        let existing = std::iter::once(&mut self.primary)
            .chain(&mut self.secondary)
            .find(|l| l.span == label.span);
        match existing {
            Some(existing) => {
                if existing.message != label.message {
                    existing.message = format!("{}; {}", existing.message, label.message);
                }
                false
            }
            None => {
                self.secondary.push(label);
                true
            }
        }
    }

    /// Whether some span carries more than one of this finding's labels.
    pub fn has_two_labels_on_one_span(&self) -> bool {
        let mut spans: Vec<Span> = std::iter::once(&self.primary)
            .chain(&self.secondary)
            .map(|l| l.span)
            .collect();
        spans.sort();
        spans.windows(2).any(|pair| pair[0] == pair[1])
    }

    /// The order findings are reported in: by position, then rule, then message.
    pub fn sort_key(&self) -> (usize, usize, &str, &str) {
        (
            self.primary.span.start,
            self.primary.span.end,
            &self.rule,
            &self.message,
        )
    }
}
