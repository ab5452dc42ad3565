//! `--format rdjsonl`: reviewdog's diagnostic format, one JSON object per line, for
//! `reviewdog -f=rdjsonl` to comment on pull and merge requests.
//!
//! reviewdog counts columns in UTF-8 bytes (1-based) and reads ranges with an exclusive end.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Emitter, Locator, message_with_help, portable_path};
use crate::finding::Severity;
use crate::results::FileReport;
use crate::rules::RuleSet;

pub struct Rdjsonl;

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl Emitter for Rdjsonl {
    fn file(
        &mut self,
        report: &FileReport,
        rules: &RuleSet,
        out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let Some(linted) = &report.linted else {
            return Ok(());
        };
        let path = portable_path(&report.path);
        let locator = Locator::new(&linted.source.text);
        let position = |offset: usize| {
            let position = locator.position(offset);
            Position {
                line: position.line,
                column: locator.byte_column(position),
            }
        };
        for finding in &linted.findings {
            let span = finding.primary.span;
            let diagnostic = Diagnostic {
                message: message_with_help(finding),
                location: Location {
                    path: &path,
                    range: Range {
                        start: position(span.start),
                        end: position(span.end),
                    },
                },
                severity: severity(finding.severity),
                source: Source {
                    name: crate::output::TOOL_NAME,
                },
                code: Code {
                    value: &finding.rule,
                    url: rules.rule(&finding.rule).and_then(|r| r.docs.as_deref()),
                },
            };
            serde_json::to_writer(&mut *out, &diagnostic)?;
            writeln!(out)?;
        }
        Ok(())
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}
