//! Output formats for `policylint check`, one file each, behind one trait.
//!
//! Reports arrive one file at a time, in path order, while the document's text is still in
//! memory; an emitter writes what it can at once and keeps only what its format needs for the
//! end (a JSON array, say), so memory does not grow with the folder.

mod concise;
mod human;

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use crate::FileReport;
use crate::finding::Severity;
use crate::rules::RuleSet;

pub use concise::Concise;
pub use human::Human;

/// Counts for the closing summary and the exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read or parsed.
    pub failed_files: usize,
    /// Findings at or above their file's `fail-on`.
    pub failing: usize,
}

impl Summary {
    /// Count a file's findings; those at or above `fail_on` fail the run.
    pub fn add(&mut self, report: &FileReport, fail_on: Severity) {
        self.files += 1;
        if report
            .notices
            .iter()
            .any(|n| n.level == crate::NoticeLevel::Error)
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

    /// `checked 3 files: 1 error, 2 warnings, 0 info`
    pub fn line(&self) -> String {
        format!(
            "checked {} file{}: {} error{}, {} warning{}, {} info",
            self.files,
            plural(self.files),
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.infos
        )
    }
}

fn plural(n: usize) -> &'static str {
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

    /// Called once after the last file.
    fn finish(
        &mut self,
        _summary: &Summary,
        _rules: &RuleSet,
        _out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        Ok(())
    }
}

/// The formats `check --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Concise,
}

impl OutputFormat {
    pub fn emitter(self) -> Box<dyn Emitter> {
        match self {
            OutputFormat::Human => Box::new(Human::default()),
            OutputFormat::Concise => Box::new(Concise),
        }
    }
}
