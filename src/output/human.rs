//! `--format human`: rustc-style diagnostics through codespan-reporting.
//!
//! Each finding shows the rule id as its code, a primary label on the exact place, secondary
//! labels for context, the rule's notes and its help. After a file's findings comes the
//! document's coverage, once. For a Word or OpenDocument file the text shown is the extracted
//! text, and a first note names the paragraph in the file: `policy.docx: paragraph 12 (under
//! "Approvals")`.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CodespanSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config};

use super::Emitter;
use super::excerpt::Excerpt;
use crate::finding::{Finding, Severity};
use crate::rules::RuleSet;
use crate::source::{LineIndex, Span};
use crate::{FileReport, LintedFile};

#[derive(Default)]
pub struct Human {
    config: Config,
}

impl Emitter for Human {
    fn file(
        &mut self,
        report: &FileReport,
        rules: &RuleSet,
        out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let Some(linted) = &report.linted else {
            return Ok(());
        };
        let (name, text) = (linted.document.path.as_str(), linted.document.text.as_str());
        let file = SimpleFile::new(name, text);
        let lines = LineIndex::new(text);
        for finding in &linted.findings {
            // Extracted text (Word, OpenDocument) also names the paragraph in the file.
            let location = linted
                .document
                .location(finding.primary.span)
                .map(|location| format!("{}: {location}", linted.document.path));
            let mut diagnostic = diagnostic(finding, location);
            let spans: Vec<Span> = std::iter::once(&finding.primary)
                .chain(&finding.secondary)
                .map(|label| label.span)
                .collect();
            let emitted = match Excerpt::of(name, text, &lines, &spans) {
                Some(excerpt) => {
                    for label in &mut diagnostic.labels {
                        label.range = excerpt.range(label.range.clone());
                    }
                    term::emit_to_write_style(out, &self.config, &excerpt, &diagnostic)
                }
                None => term::emit_to_write_style(out, &self.config, &file, &diagnostic),
            };
            emitted.map_err(io_error)?;
        }
        if !linted.findings.is_empty() {
            write_coverage(out, linted, rules)?;
        }
        Ok(())
    }
}

/// An error of codespan's as the I/O error it is, so a closed pipe stays a closed pipe.
fn io_error(error: codespan_reporting::files::Error) -> io::Error {
    match error {
        codespan_reporting::files::Error::Io(err) => err,
        other => io::Error::other(other),
    }
}

/// A finding as a codespan diagnostic; `info` findings show as notes. `location` names the
/// place in the original file when the text shown was extracted from it.
pub fn diagnostic(finding: &Finding, location: Option<String>) -> Diagnostic<()> {
    let severity = match finding.severity {
        Severity::Error => CodespanSeverity::Error,
        Severity::Warning => CodespanSeverity::Warning,
        Severity::Info => CodespanSeverity::Note,
    };
    let mut labels = vec![
        Label::primary((), finding.primary.span.range()).with_message(&finding.primary.message),
    ];
    labels.extend(
        finding
            .secondary
            .iter()
            .map(|l| Label::secondary((), l.span.range()).with_message(&l.message)),
    );
    let mut notes: Vec<String> = location.into_iter().collect();
    notes.extend(finding.notes.iter().cloned());
    if let Some(help) = &finding.help {
        notes.push(format!("help: {help}"));
    }
    Diagnostic::new(severity)
        .with_code(&finding.rule)
        .with_message(&finding.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// The coverage of a file with findings, once after them: what the document does say, so the
/// findings read against it.
fn write_coverage(
    out: &mut dyn WriteColor,
    linted: &LintedFile,
    rules: &RuleSet,
) -> io::Result<()> {
    let lines = linted.coverage.describe(rules);
    // A pack without dimensions has no coverage to show.
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{}: coverage of this {}",
        linted.document.path,
        rules.kind_label(linted.kind.kind)
    )?;
    for line in lines {
        writeln!(out, "    {line}")?;
    }
    writeln!(out)
}
