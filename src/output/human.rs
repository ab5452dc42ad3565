//! `--format human`: rustc-style diagnostics through codespan-reporting.
//!
//! Each finding shows the rule id as its code, a primary label on the exact place, secondary
//! labels for context, the rule's notes and its help. After a file's findings comes the
//! document's coverage, once. For a Word or OpenDocument file the text shown is the extracted
//! text, and a first note names the paragraph in the file: `policy.docx: paragraph 12 (under
//! "Approvals")`.

use std::io;

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity as CodespanSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config, WriteStyle};

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
        let mut out = InfoForNote::new(out);
        let mut shown: Option<Vec<Span>> = None;
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
            // Several findings about the whole document point at its title alone: the lines
            // are shown once, and the findings after the first name the place.
            if shown.as_ref() == Some(&spans) {
                let (line, column) = lines.line_col(text, finding.primary.span.start);
                diagnostic.labels.clear();
                diagnostic
                    .notes
                    .insert(0, format!("at {name}:{line}:{column}"));
                term::emit_to_write_style(&mut out, &self.config, &file, &diagnostic)
                    .map_err(io_error)?;
                continue;
            }
            shown = Some(spans.clone());
            let emitted = match Excerpt::of(name, text, &lines, &spans) {
                Some(excerpt) => {
                    for label in &mut diagnostic.labels {
                        label.range = excerpt.range(label.range.clone());
                    }
                    term::emit_to_write_style(&mut out, &self.config, &excerpt, &diagnostic)
                }
                None => term::emit_to_write_style(&mut out, &self.config, &file, &diagnostic),
            };
            emitted.map_err(io_error)?;
        }
        if !linted.findings.is_empty() {
            write_coverage(out.inner, linted, rules)?;
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

/// A finding as a codespan diagnostic; `info` findings are codespan's notes, which
/// [`InfoForNote`] prints as `info`. `location` names the place in the original file when the
/// text shown was extracted from it.
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

/// codespan-reporting has no `info` severity and names its severities itself: an `info`
/// finding is rendered as its `Note`, and this writer puts `info` where codespan would print
/// `note`, so the human output names severities as every other format does. codespan's
/// renderer calls [`WriteStyle::set_header`] with the severity right before it writes the
/// severity's name, the only text written in the header style; that write alone is renamed.
struct InfoForNote<'a> {
    inner: &'a mut dyn WriteColor,
    /// Set by a note's header style, cleared by the next write.
    note_name_next: bool,
}

impl<'a> InfoForNote<'a> {
    fn new(inner: &'a mut dyn WriteColor) -> Self {
        InfoForNote {
            inner,
            note_name_next: false,
        }
    }
}

impl io::Write for InfoForNote<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if std::mem::take(&mut self.note_name_next) && buf == b"note" {
            self.inner.write_all(Severity::Info.name().as_bytes())?;
            return Ok(buf.len());
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl WriteStyle for InfoForNote<'_> {
    fn set_header(&mut self, severity: CodespanSeverity) -> io::Result<()> {
        self.note_name_next = severity == CodespanSeverity::Note;
        WriteStyle::set_header(self.inner, severity)
    }

    fn set_header_message(&mut self) -> io::Result<()> {
        WriteStyle::set_header_message(self.inner)
    }

    fn set_line_number(&mut self) -> io::Result<()> {
        WriteStyle::set_line_number(self.inner)
    }

    fn set_note_bullet(&mut self) -> io::Result<()> {
        WriteStyle::set_note_bullet(self.inner)
    }

    fn set_source_border(&mut self) -> io::Result<()> {
        WriteStyle::set_source_border(self.inner)
    }

    fn set_label(&mut self, severity: CodespanSeverity, style: LabelStyle) -> io::Result<()> {
        WriteStyle::set_label(self.inner, severity, style)
    }

    fn reset(&mut self) -> io::Result<()> {
        WriteStyle::reset(self.inner)
    }
}
