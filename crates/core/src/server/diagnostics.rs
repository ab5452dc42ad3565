//! A linted file as LSP diagnostics: the same findings, in the same order, as
//! `check --format json` prints for the same text, and notices about the file at its start.

use codespan_reporting::term::{self, termcolor::NoColor};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};

use super::actions;
use super::position::Lines;
use crate::finding::{Finding, Severity};
use crate::results::{FileReport, LintedFile, Notice, NoticeLevel};
use crate::rules::RuleSet;
use crate::workspace::SetupError;

/// The name diagnostics are published under.
pub const SOURCE: &str = "policylint";

/// The diagnostics of one file: its notices, then its findings in position order. The parsed
/// document places the skeletons that code actions insert.
pub fn of_report(report: &FileReport<LintedFile>, rules: &RuleSet, uri: &Uri) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = report.notices.iter().map(of_notice).collect();
    if let Some(linted) = &report.linted {
        let lines = Lines::new(&linted.result.source.text);
        diagnostics.extend(
            linted
                .result
                .findings
                .iter()
                .map(|finding| of_finding(finding, linted, &lines, rules, uri)),
        );
    }
    diagnostics
}

/// The severity a finding has in SARIF, in LSP's terms: error, warning, and note as
/// information.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn of_finding(
    finding: &Finding,
    linted: &LintedFile,
    lines: &Lines,
    rules: &RuleSet,
    uri: &Uri,
) -> Diagnostic {
    let code_description = rules
        .rule(&finding.rule)
        .and_then(|rule| rule.docs.as_deref())
        .and_then(|docs| docs.parse().ok())
        .map(|href| CodeDescription { href });
    // The secondary labels: the sections searched, the occurrences that tip the balance.
    let related = finding
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(label.span)),
            message: label.message.clone(),
        })
        .collect();
    Diagnostic {
        range: lines.range(finding.primary.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.clone())),
        code_description,
        source: Some(SOURCE.into()),
        message: finding.message.clone(),
        related_information: Some(related),
        tags: None,
        data: actions::anchor(&linted.document, lines, finding),
    }
}

/// A notice about the whole file, at its start.
fn of_notice(notice: &Notice) -> Diagnostic {
    let severity = match notice.level {
        NoticeLevel::Error => DiagnosticSeverity::ERROR,
        NoticeLevel::Warning => DiagnosticSeverity::WARNING,
        NoticeLevel::Note => DiagnosticSeverity::INFORMATION,
    };
    at_start(severity, notice.message.clone())
}

/// Settings that could not be loaded, as an error at the start of each document they govern,
/// with the diagnostics `check` prints for them.
pub fn of_setup_error(error: &SetupError) -> Diagnostic {
    let message = match error {
        SetupError::Toml(errors) => {
            let mut out = NoColor::new(Vec::new());
            let config = term::Config::default();
            for diagnostic in &errors.diagnostics {
                let _ = term::emit_to_write_style(&mut out, &config, &errors.files, diagnostic);
            }
            String::from_utf8_lossy(&out.into_inner()).into_owned()
        }
        other => other.to_string(),
    };
    at_start(
        DiagnosticSeverity::ERROR,
        format!("could not load the settings: {}", message.trim_end()),
    )
}

fn at_start(severity: DiagnosticSeverity, message: String) -> Diagnostic {
    Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(severity),
        source: Some(SOURCE.into()),
        message,
        ..Diagnostic::default()
    }
}
