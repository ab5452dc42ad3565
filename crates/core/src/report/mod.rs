//! Coverage reports for leadership teams: which documents both manage things and lead people,
//! which do only one, what is missing across a folder, and what changed since last time.
//!
//! [`model`] reduces each linted file to a small [`DocumentRecord`] as it arrives (documents are
//! never kept in memory) and turns the records into figures: aggregates per folder and per
//! kind, gaps ranked in plain words, quadrants, [`thresholds`] and a [`compare`]ison with an
//! earlier JSON report. One file per format renders the model behind [`Renderer`].

pub mod compare;
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

use std::io;
use std::path::Path;

pub use model::{
    Aggregate, Catalogue, DocumentRecord, FindingCounts, Quadrant, Report, ReportBuilder,
};

/// One report format.
pub trait Renderer {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()>;
}

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

/// A ratio as a whole percentage: `0.625` -> `63%`.
pub fn percent(ratio: f64) -> String {
    format!("{}%", (ratio * 100.0).round())
}

/// A ratio as a percentage with one decimal where it has one: `0.6667` -> `66.7%`,
/// `0.8` -> `80%`. For thresholds, where rounding must not hide a shortfall.
pub fn precise_percent(ratio: f64) -> String {
    format!("{}%", points(ratio))
}

/// A ratio in percentage points with one decimal where it has one: `0.133` -> `13.3`.
pub fn points(ratio: f64) -> String {
    let tenths = (ratio * 1000.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A change between two ratios in whole points, signed: `+13 points`, `−5 points`,
/// `no change`.
pub fn delta(before: f64, after: f64) -> String {
    let change = ((after - before) * 100.0).round();
    if change == 0.0 {
        "no change".into()
    } else if change > 0.0 {
        format!("+{change:.0} points")
    } else {
        format!("\u{2212}{:.0} points", -change)
    }
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Text cut to at most `max` characters, with an ellipsis where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// "a, b and c"
pub fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_but_thresholds_keep_a_decimal() {
        assert_eq!(percent(0.625), "63%");
        assert_eq!(precise_percent(2.0 / 3.0), "66.7%");
        assert_eq!(precise_percent(0.8), "80%");
        assert_eq!(points(0.8 - 2.0 / 3.0), "13.3");
        assert_eq!(delta(0.5, 0.75), "+25 points");
        assert_eq!(delta(0.75, 0.5), "\u{2212}25 points");
        assert_eq!(delta(0.5, 0.501), "no change");
    }

    #[test]
    fn words_join_in_english() {
        let words = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join_words(&words), "a, b and c");
        assert_eq!(join_words(&words[..1]), "a");
        assert_eq!(capitalise("leading people"), "Leading people");
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("Führungsleitlinien", 6), "Führu…");
        assert_eq!(shorten("short", 6), "short");
    }

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
