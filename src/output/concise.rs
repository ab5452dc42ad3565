//! `--format concise`: exactly one line per finding, `path:line:column: severity[rule]: message`.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::Emitter;
use crate::FileReport;
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
        let text = &linted.document.text;
        let lines = LineIndex::new(text);
        for finding in &linted.findings {
            let (line, column) = lines.line_col(text, finding.primary.span.start);
            writeln!(
                out,
                "{}:{line}:{column}: {}[{}]: {}",
                linted.document.path, finding.severity, finding.rule, finding.message
            )?;
        }
        Ok(())
    }
}
