//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations on
//! the lines of a pull request.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one per finding
//! (`info` findings are `::notice`), and one per file warning or error (a file that could not be
//! read, invalid UTF-8). Values are escaped as the Actions runner reads them back: `%`, `\r`
//! and `\n` everywhere, and `:` and `,` in properties.

use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Emitter, Locator, message_with_help, portable_path};
use crate::finding::Severity;
use crate::results::{FileReport, NoticeLevel};
use crate::rules::RuleSet;

pub struct Github;

impl Emitter for Github {
    fn file(
        &mut self,
        report: &FileReport,
        _rules: &RuleSet,
        out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let file = escape_property(&portable_path(&report.path));
        for notice in &report.notices {
            let command = match notice.level {
                NoticeLevel::Error => "error",
                NoticeLevel::Warning => "warning",
                NoticeLevel::Note => continue,
            };
            writeln!(
                out,
                "::{command} file={file},title=policylint::{}",
                escape_data(&notice.message)
            )?;
        }
        let Some(linted) = &report.linted else {
            return Ok(());
        };
        let locator = Locator::new(&linted.source.text);
        for finding in &linted.findings {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (start, end) = locator.span(finding.primary.span);
            writeln!(
                out,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("policylint ({})", finding.rule)),
                escape_data(&message_with_help(finding))
            )?;
        }
        Ok(())
    }
}

/// A command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as data, and `:` and `,` too, which end a property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_unescapes() {
        assert_eq!(escape_data("100%\r\nnext: a, b"), "100%25%0D%0Anext: a, b");
        assert_eq!(escape_property("a,b: 100%\n"), "a%2Cb%3A 100%25%0A");
        // `%` goes first, so an escape in the input is not read back as one.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
