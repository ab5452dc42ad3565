//! `--format human`: rustc-style diagnostics through codespan-reporting.
//!
//! Each finding shows the rule id as its code, a primary label on the exact place, secondary
//! labels for context, the rule's notes, the document's coverage and the rule's help. For a
//! Word or OpenDocument file the text shown is the extracted text, and a first note names the
//! paragraph in the file: `policy.docx: paragraph 12 (under "Approvals")`.

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
        let coverage = coverage_note(linted, rules);
        for finding in &linted.findings {
            // Extracted text (Word, OpenDocument) also names the paragraph in the file.
            let location = linted
                .document
                .location(finding.primary.span)
                .map(|location| format!("{}: {location}", linted.document.path));
            let mut diagnostic = diagnostic(finding, location, &coverage);
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
pub fn diagnostic(finding: &Finding, location: Option<String>, coverage: &str) -> Diagnostic<()> {
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
    notes.push(coverage.to_string());
    if let Some(help) = &finding.help {
        notes.push(format!("help: {help}"));
    }
    Diagnostic::new(severity)
        .with_code(&finding.rule)
        .with_message(&finding.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// `coverage of this policy (kind: code): ...` with one line per dimension.
fn coverage_note(linted: &LintedFile, rules: &RuleSet) -> String {
    let mut note = format!("coverage of this {}:", rules.kind_label(linted.kind.kind));
    for line in linted.coverage.describe(rules) {
        note.push_str("\n  ");
        note.push_str(&line);
    }
    note
}
