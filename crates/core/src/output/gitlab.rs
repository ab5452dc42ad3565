//! `--format gitlab`: a GitLab Code Quality report, the JSON array GitLab reads from a job's
//! `artifacts:reports:codequality` and shows in merge requests.
//!
//! Each finding is an issue with a line-independent `fingerprint`, so GitLab tells new
//! findings from old ones even when text moves.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Emitter, Locator, Summary, portable_path, write_json};
use crate::finding::Severity;
use crate::fingerprint;
use crate::results::FileReport;
use crate::rules::RuleSet;

/// Collects the issues of every file, then writes the array.
#[derive(Default)]
pub struct Gitlab {
    issues: Vec<Issue>,
}

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

impl Emitter for Gitlab {
    fn file(
        &mut self,
        report: &FileReport,
        _rules: &RuleSet,
        _out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let Some(linted) = &report.linted else {
            return Ok(());
        };
        let path = portable_path(&report.path);
        let locator = Locator::new(&linted.source.text);
        let prints = fingerprint::of_file(&path, linted);
        for (finding, fingerprint) in linted.findings.iter().zip(prints) {
            let span = finding.primary.span;
            self.issues.push(Issue {
                description: format!("{}: {}", finding.rule, finding.message),
                check_name: finding.rule.clone(),
                fingerprint,
                severity: severity(finding.severity),
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: locator.position(span.start).line,
                        end: locator.last_line(span),
                    },
                },
            });
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
        write_json(out, &self.issues)
    }
}

/// Code Quality's scale is info, minor, major, critical, blocker.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
