//! `--format concise`: exactly one line per finding, `path:line:column: severity[rule]: message`;
//! for a Word or OpenDocument file, `path: paragraph N (under "Heading"): severity[rule]: message`.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::Emitter;
use crate::results::FileReport;
use crate::rules::RuleSet;
use crate::source::LineIndex;

pub struct Concise;

impl Emitter for Concise {
    fn file(
        &mut self,
        report: &FileReport,
        _rules: &RuleSet,
        out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let Some(linted) = &report.linted else {
            return Ok(());
        };
        let text = &linted.source.text;
        let lines = LineIndex::new(text);
        for finding in &linted.findings {
            let path = &linted.source.path;
            match linted.source.location(finding.primary.span) {
                Some(location) => write!(out, "{path}: {location}: ")?,
                None => {
                    let (line, column) = lines.line_col(text, finding.primary.span.start);
                    write!(out, "{path}:{line}:{column}: ")?;
                }
            }
            writeln!(
                out,
                "{}[{}]: {}",
                finding.severity, finding.rule, finding.message
            )?;
        }
        Ok(())
    }
}
