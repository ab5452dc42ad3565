//! Output formats for `policylint check`, one file each, behind one trait.
//!
//! Reports arrive one file at a time, in path order, while the document's text is still in
//! memory; an emitter writes what it can at once and keeps only what its format needs for the
//! end (a JSON array, say), so memory does not grow with the folder.

mod concise;
mod excerpt;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod location;
mod rdjsonl;
mod sarif;

use std::collections::BTreeMap;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::results::{FileReport, Skip};
use crate::rules::RuleSet;

pub use concise::Concise;
pub use github::Github;
pub use gitlab::Gitlab;
pub use human::Human;
pub use json::{JSON_VERSION, Json};
pub use junit::Junit;
use location::{ExtractedPlace, Locator, Position, portable_path};
pub use rdjsonl::Rdjsonl;
pub use sarif::Sarif;

/// The tool's name in machine-readable outputs and to editors: the command's name, which the
/// library's package (`policylint-core`) does not share.
pub const TOOL_NAME: &str = "policylint";

/// Counts for the closing summary and the exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every file the run was given, skipped ones included.
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read or parsed.
    pub failed_files: usize,
    /// Findings at or above their file's `fail-on`.
    pub failing: usize,
    #[serde(skip)]
    pub skipped: Skipped,
}

/// The files passed over on purpose, by why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped(BTreeMap<Skip, usize>);

impl Skipped {
    pub fn add(&mut self, report: &FileReport) {
        if let Some(skip) = report.skipped {
            *self.0.entry(skip).or_insert(0) += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    /// `over max-file-size` when every skipped file was skipped for one reason, else
    /// `2 binary, 1 empty`; `None` when none was.
    pub fn reasons(&self) -> Option<String> {
        let reasons: Vec<String> = match self.0.len() {
            0 => return None,
            1 => self
                .0
                .keys()
                .map(|skip| skip.reason().to_string())
                .collect(),
            _ => self
                .0
                .iter()
                .map(|(skip, n)| format!("{n} {}", skip.reason()))
                .collect(),
        };
        Some(reasons.join(", "))
    }

    /// `skipped 1 (over max-file-size)`, `skipped 3 (2 binary, 1 empty)`, or `None`.
    pub fn describe(&self) -> Option<String> {
        let reasons = self.reasons()?;
        Some(format!("skipped {} ({reasons})", self.total()))
    }
}

impl Summary {
    /// Count a file's findings; those at or above `fail_on` fail the run.
    pub fn add(&mut self, report: &FileReport, fail_on: Severity) {
        self.files += 1;
        self.skipped.add(report);
        if report
            .notices
            .iter()
            .any(|n| n.level == crate::results::NoticeLevel::Error)
        {
            self.failed_files += 1;
        }
        for finding in report.linted.iter().flat_map(|l| &l.findings) {
            self.failing += usize::from(finding.severity >= fail_on);
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Files read and linted, or that failed: all but the skipped ones.
    pub fn checked(&self) -> usize {
        self.files - self.skipped.total()
    }

    /// `checked 3 files: 1 error, 2 warnings, 0 info`, or with skipped files
    /// `checked 70 files, skipped 1 (over max-file-size): 0 errors, 2 warnings, 0 info`
    pub fn line(&self) -> String {
        let skipped = self
            .skipped
            .describe()
            .map(|skipped| format!(", {skipped}"))
            .unwrap_or_default();
        format!(
            "checked {} file{}{skipped}: {} error{}, {} warning{}, {} info",
            self.checked(),
            plural(self.checked()),
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.infos
        )
    }
}

/// A list in words: "a", "a or b", "a, b or c".
pub(crate) fn join_or(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

/// The plural ending for a count: "1 file", "2 files".
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One output format.
pub trait Emitter {
    /// Called once per file, in path order.
    fn file(
        &mut self,
        report: &FileReport,
        rules: &RuleSet,
        out: &mut dyn WriteColor,
    ) -> io::Result<()>;

    /// Called once after the last file, even when there was none.
    fn finish(&mut self, _summary: &Summary, _out: &mut dyn WriteColor) -> io::Result<()> {
        Ok(())
    }
}

/// The formats `check --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// rustc-style diagnostics with the source, labels, notes and help.
    Human,
    /// One line per finding: `path:line:column: severity[rule]: message`.
    Concise,
    /// One JSON document: every file with its findings, notices and coverage.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the changed lines.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// GitLab Code Quality JSON, for merge request widgets.
    Gitlab,
    /// reviewdog diagnostics, one JSON object per line.
    Rdjsonl,
}

impl OutputFormat {
    pub fn emitter(self) -> Box<dyn Emitter> {
        match self {
            OutputFormat::Human => Box::new(Human::default()),
            OutputFormat::Concise => Box::new(Concise),
            OutputFormat::Json => Box::new(Json::default()),
            OutputFormat::Sarif => Box::new(Sarif::default()),
            OutputFormat::Github => Box::new(Github),
            OutputFormat::Junit => Box::new(Junit::default()),
            OutputFormat::Gitlab => Box::new(Gitlab::default()),
            OutputFormat::Rdjsonl => Box::new(Rdjsonl),
        }
    }
}

/// A finding's message with its help on the lines below, for formats that show one text next
/// to the line it is about.
fn message_with_help(finding: &Finding) -> String {
    match &finding.help {
        Some(help) => format!("{}\n\nhelp: {help}", finding.message),
        None => finding.message.clone(),
    }
}

/// Write `value` as pretty-printed JSON and a final newline.
fn write_json(out: &mut dyn WriteColor, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(skip: Option<Skip>) -> FileReport {
        let mut report = FileReport::new(std::path::Path::new("a.md"));
        report.skipped = skip;
        report
    }

    #[test]
    fn the_summary_counts_skipped_files_apart_by_reason() {
        let mut summary = Summary::default();
        for _ in 0..70 {
            summary.add(&skipped(None), Severity::Error);
        }
        summary.add(&skipped(Some(Skip::TooLarge)), Severity::Error);
        assert_eq!(
            summary.line(),
            "checked 70 files, skipped 1 (over max-file-size): 0 errors, 0 warnings, 0 info"
        );
        summary.add(&skipped(Some(Skip::Empty)), Severity::Error);
        summary.add(&skipped(Some(Skip::Empty)), Severity::Error);
        assert_eq!(
            summary.line(),
            "checked 70 files, skipped 3 (1 over max-file-size, 2 empty): 0 errors, 0 warnings, 0 info"
        );
        assert_eq!(Summary::default().skipped.describe(), None);
    }
}
