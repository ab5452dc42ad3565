//! `--format human`: rustc-style diagnostics through codespan-reporting.
//!
//! Each finding shows the rule id as its code, a primary label on the exact place, secondary
//! labels for context, the rule's notes and its help. After a file's findings comes the
//! document's coverage, once. For a Word or OpenDocument file the text shown is the extracted
//! text, and a first note names the paragraph in the file: `policy.docx: paragraph 12 (under
//! "Approvals")`.
//!
//! What would only repeat is left out, so a folder's output stays readable: findings that
//! label the same places (several about the whole document, at its title) are folded into one
//! block, each with its own header and notes; a place labelled as the primary one is
//! underlined without the words again; a rule's help is shown at its first finding of the run,
//! as rustc points to `--explain` once; and the coverage is one line.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity as CodespanSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config, WriteStyle};

use super::excerpt::Excerpt;
use super::{Emitter, Summary};
use crate::finding::{Finding, Severity};
use crate::results::{FileReport, FileResult};
use crate::rules::RuleSet;
use crate::source::{LineIndex, Span};

#[derive(Default)]
pub struct Human {
    config: Config,
    /// Each rule's help texts shown so far in the run.
    helps_shown: HashSet<(String, String)>,
    /// Whether a finding went without its help, shown before.
    help_withheld: bool,
}

impl Human {
    /// The finding as a diagnostic, its help left out when this run has shown it already.
    fn diagnostic(&mut self, finding: &Finding, location: Option<String>) -> Diagnostic<()> {
        let mut diagnostic = diagnostic(finding, location);
        if let Some(help) = &finding.help
            && !self
                .helps_shown
                .insert((finding.rule.clone(), help.clone()))
        {
            // The help is the last note.
            diagnostic.notes.pop();
            self.help_withheld = true;
        }
        diagnostic
    }
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
        let (name, text) = (linted.source.path.as_str(), linted.source.text.as_str());
        let file = SimpleFile::new(name, text);
        let lines = LineIndex::new(text);
        let mut out = HumanWriter::new(out);
        let mut shown: Option<Vec<Span>> = None;
        for (finding, spans) in grouped_by_place(&linted.findings) {
            // Extracted text (Word, OpenDocument) also names the paragraph in the file.
            let location = linted
                .source
                .location(finding.primary.span)
                .map(|location| format!("{}: {location}", linted.source.path));
            let mut diagnostic = self.diagnostic(finding, location);
            // Findings that label the same places (several about the whole document, at its
            // title) share one block: the lines are shown once, and each finding after the
            // first joins it with its header and notes, no blank line between.
            if shown.as_ref() == Some(&spans) {
                diagnostic.labels.clear();
                out.join_block_above();
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
            write_coverage(&mut out, linted, rules)?;
        }
        out.release_blank_line()?;
        Ok(())
    }

    /// Where the helps went, when some finding was shown without its own.
    fn finish(&mut self, _summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
        if self.help_withheld {
            writeln!(
                out,
                "each rule's help is shown at its first finding; `policylint explain RULE` says more"
            )?;
        }
        Ok(())
    }
}

/// The findings in their order (by place), except that among those at one place the ones with
/// the same labels come together, so that they share one block: each with the places it
/// labels.
fn grouped_by_place(findings: &[Finding]) -> Vec<(&Finding, Vec<Span>)> {
    let mut first_with: HashMap<Vec<Span>, usize> = HashMap::new();
    let mut grouped: Vec<(usize, &Finding, Vec<Span>)> = findings
        .iter()
        .enumerate()
        .map(|(index, finding)| {
            let spans: Vec<Span> = std::iter::once(&finding.primary)
                .chain(&finding.secondary)
                .map(|label| label.span)
                .collect();
            let group = *first_with.entry(spans.clone()).or_insert(index);
            (group, finding, spans)
        })
        .collect();
    // Findings are sorted by their primary place, and one set of labels has one primary
    // place: only findings at one place change order. The sort is stable.
    grouped.sort_by_key(|(group, _, _)| *group);
    grouped
        .into_iter()
        .map(|(_, finding, spans)| (finding, spans))
        .collect()
}

/// An error of codespan's as the I/O error it is, so a closed pipe stays a closed pipe.
fn io_error(error: codespan_reporting::files::Error) -> io::Error {
    match error {
        codespan_reporting::files::Error::Io(err) => err,
        other => io::Error::other(other),
    }
}

/// A finding as a codespan diagnostic; `info` findings are codespan's notes, which
/// [`HumanWriter`] prints as `info`. `location` names the place in the original file when the
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
    // A place labelled as the primary one is ("communication without cadence") is underlined
    // without the words again, so labels on one line need no line each.
    labels.extend(finding.secondary.iter().map(|l| {
        let label = Label::secondary((), l.span.range());
        if l.message == finding.primary.message {
            label
        } else {
            label.with_message(&l.message)
        }
    }));
    let mut notes: Vec<String> = location.into_iter().collect();
    notes.extend(finding.related.iter().map(|r| {
        let (line, column) = r.start;
        format!("other place: {}:{line}:{column}: {}", r.path, r.message)
    }));
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

/// The coverage of a file with findings, in one line right under them: what the document
/// does say, so the findings read against it.
fn write_coverage(out: &mut HumanWriter, linted: &FileResult, rules: &RuleSet) -> io::Result<()> {
    // A pack without dimensions has no coverage to show.
    let Some(summary) = linted.coverage.summarise(rules) else {
        return Ok(());
    };
    out.join_block_above();
    writeln!(
        out,
        "coverage of this {}: {summary}",
        rules.kind_label(linted.kind.kind)
    )?;
    writeln!(out)
}

/// The output as codespan-reporting writes it, with two changes.
///
/// codespan has no `info` severity and names its severities itself: an `info` finding is
/// rendered as its `Note`, and `note` is written as `info`, so the human output names
/// severities as every other format does. codespan's renderer calls [`WriteStyle::set_header`]
/// with the severity right before it writes the severity's name, the only text written in the
/// header style; that write alone is renamed.
///
/// codespan ends each diagnostic with a blank line. A blank line is held back until more is
/// written, so that a finding folded into the block above can drop it
/// ([`HumanWriter::join_block_above`]).
struct HumanWriter<'a> {
    inner: &'a mut dyn WriteColor,
    /// Set by a note's header style, cleared by the next write.
    note_name_next: bool,
    /// Whether the last byte written ended a line.
    at_line_start: bool,
    /// A blank line not written yet.
    blank_line_held: bool,
}

impl<'a> HumanWriter<'a> {
    fn new(inner: &'a mut dyn WriteColor) -> Self {
        HumanWriter {
            inner,
            note_name_next: false,
            at_line_start: true,
            blank_line_held: false,
        }
    }

    /// The next diagnostic continues the one above: the blank line between goes.
    fn join_block_above(&mut self) {
        self.blank_line_held = false;
    }

    /// Write the blank line held back, if any.
    fn release_blank_line(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.blank_line_held) {
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl io::Write for HumanWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        self.release_blank_line()?;
        if buf == b"\n" && self.at_line_start {
            self.blank_line_held = true;
            return Ok(1);
        }
        if std::mem::take(&mut self.note_name_next) && buf == b"note" {
            self.inner.write_all(Severity::Info.name().as_bytes())?;
            self.at_line_start = false;
            return Ok(buf.len());
        }
        let written = self.inner.write(buf)?;
        if written > 0 {
            self.at_line_start = buf[..written].ends_with(b"\n");
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl WriteStyle for HumanWriter<'_> {
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

#[cfg(test)]
mod tests {
    use codespan_reporting::term::termcolor::NoColor;

    use super::*;

    fn written(join: bool) -> String {
        let mut sink = NoColor::new(Vec::new());
        let mut out = HumanWriter::new(&mut sink);
        // As codespan ends a diagnostic: its last line, then a blank line of its own.
        writeln!(out, "first block").unwrap();
        writeln!(out).unwrap();
        if join {
            out.join_block_above();
        }
        writeln!(out, "next").unwrap();
        writeln!(out).unwrap();
        out.release_blank_line().unwrap();
        String::from_utf8(sink.into_inner()).unwrap()
    }

    #[test]
    fn a_blank_line_is_held_back_until_more_follows_or_the_block_is_joined() {
        assert_eq!(written(false), "first block\n\nnext\n\n");
        assert_eq!(written(true), "first block\nnext\n\n");
    }
}
