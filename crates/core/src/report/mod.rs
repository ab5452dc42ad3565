//! Coverage reports for leadership teams: which documents both manage things and lead people,
//! which do only one, what is missing across a folder, and what changed since last time.
//!
//! [`model`] reduces each linted file to a small [`DocumentRecord`] as it arrives (documents are
//! never kept in memory); [`contents`] turns the records into a [`Report`]: aggregates per folder
//! and per kind, gaps ranked in plain words, quadrants, the [`register`], [`thresholds`] and
//! the [`changes`] a [`compare`]ison with an earlier JSON report finds. One file per format
//! renders the report behind [`Renderer`]; HTML and Markdown share the sections a view model
//! works out once. Imports run one way, from the formats down to the model and `words`.

pub mod changes;
pub mod compare;
pub mod contents;
mod csv;
mod html;
mod json;
mod markdown;
pub mod model;
pub mod register;
pub mod schema;
mod svg;
pub mod thresholds;
mod view;
mod words;

use std::path::Path;

pub use contents::{Renderer, Report, ReportBuilder};
pub use model::{Aggregate, Catalogue, DocumentRecord, FindingCounts, Quadrant};

/// The formats `policylint report --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ReportFormat {
    /// A self-contained page with charts, for people; needs `-o FILE`.
    Html,
    /// A concise summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    #[cfg_attr(feature = "clap", value(alias = "markdown"))]
    Md,
    /// Every figure, in the versioned schema of docs/report-json.md; `--compare` reads it back.
    Json,
    /// One row per document, one column per concept plus the coverage figures.
    Csv,
}

impl ReportFormat {
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            ReportFormat::Html => Box::new(html::Html),
            ReportFormat::Md => Box::new(markdown::Markdown),
            ReportFormat::Json => Box::new(json::Json),
            ReportFormat::Csv => Box::new(csv::Csv),
        }
    }

    /// The format a file name asks for by its extension (`coverage.html`).
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "md" | "markdown" => Some(ReportFormat::Md),
            "json" => Some(ReportFormat::Json),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_file_extension() {
        assert_eq!(
            ReportFormat::from_path(Path::new("out/coverage.HTML")),
            Some(ReportFormat::Html)
        );
        assert_eq!(
            ReportFormat::from_path(Path::new("summary.md")),
            Some(ReportFormat::Md)
        );
        assert_eq!(ReportFormat::from_path(Path::new("report.txt")), None);
    }
}
