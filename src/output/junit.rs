//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure
//! Pipelines, CircleCI).
//!
//! Each file is a test suite and each rule that ran on it a test case, which fails with every
//! finding of that rule in the file. A file that could not be read is a case in error; one
//! that was skipped (binary, empty) is a skipped case; other notices go to `system-err`.

use std::fmt::Write as _;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;

use super::{Emitter, Locator, Summary, portable_path};
use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::{FileReport, LintedFile, NoticeLevel};

/// Collects the suites, then writes them under one root with the totals.
#[derive(Default)]
pub struct Junit {
    suites: String,
    totals: Counts,
}

#[derive(Clone, Copy, Default)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tests += other.tests;
        self.failures += other.failures;
        self.errors += other.errors;
        self.skipped += other.skipped;
    }

    fn attributes(self) -> String {
        format!(
            r#"tests="{}" failures="{}" errors="{}" skipped="{}""#,
            self.tests, self.failures, self.errors, self.skipped
        )
    }
}

impl Emitter for Junit {
    fn file(
        &mut self,
        report: &FileReport,
        _rules: &RuleSet,
        _out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let path = portable_path(&report.path);
        let (cases, counts) = match &report.linted {
            Some(linted) => rule_cases(&path, linted),
            None => unlinted_case(&path, report),
        };
        let name = escape(&path, true);
        let _ = writeln!(
            self.suites,
            r#"  <testsuite name="{name}" {}>"#,
            counts.attributes()
        );
        self.suites.push_str(&cases);
        if report.linted.is_some() && !report.notices.is_empty() {
            let notices: String = report
                .notices
                .iter()
                .map(|n| format!("{}: {}\n", n.level.name(), n.message))
                .collect();
            let _ = writeln!(
                self.suites,
                "    <system-err>{}</system-err>",
                escape(&notices, false)
            );
        }
        self.suites.push_str("  </testsuite>\n");
        self.totals.add(counts);
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="policylint" {}>"#,
            self.totals.attributes()
        )?;
        out.write_all(self.suites.as_bytes())?;
        writeln!(out, "</testsuites>")
    }
}

/// A case per rule that ran, failing with that rule's findings.
fn rule_cases(path: &str, linted: &LintedFile) -> (String, Counts) {
    let locator = Locator::new(&linted.document.text);
    let mut cases = String::new();
    let mut counts = Counts::default();
    for rule in &linted.checked {
        counts.tests += 1;
        let findings: Vec<&Finding> = linted.findings.iter().filter(|f| &f.rule == rule).collect();
        let open = case_open(path, rule);
        let Some(first) = findings.first() else {
            let _ = writeln!(cases, "{open}/>");
            continue;
        };
        counts.failures += 1;
        let mut message = first.message.clone();
        if findings.len() > 1 {
            let _ = write!(message, " (and {} more)", findings.len() - 1);
        }
        let worst = findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(first.severity);
        let mut body = String::new();
        for finding in &findings {
            let start = locator.position(finding.primary.span.start);
            let _ = writeln!(
                body,
                "{path}:{}:{}: {}: {}",
                start.line, start.column, finding.severity, finding.message
            );
        }
        if let Some(help) = &first.help {
            let _ = writeln!(body, "help: {help}");
        }
        let _ = writeln!(
            cases,
            r#"{open}>
      <failure type="{worst}" message="{}">{}</failure>
    </testcase>"#,
            escape(&message, true),
            escape(&body, false)
        );
    }
    (cases, counts)
}

/// One case for a file that was not linted: in error when it could not be read or parsed,
/// else skipped.
fn unlinted_case(path: &str, report: &FileReport) -> (String, Counts) {
    let error = report
        .notices
        .iter()
        .find(|n| n.level == NoticeLevel::Error);
    let (element, reason, counts) = match error {
        Some(notice) => (
            "error",
            notice.message.as_str(),
            Counts {
                tests: 1,
                errors: 1,
                ..Counts::default()
            },
        ),
        None => (
            "skipped",
            report
                .notices
                .first()
                .map_or("not linted", |n| n.message.as_str()),
            Counts {
                tests: 1,
                skipped: 1,
                ..Counts::default()
            },
        ),
    };
    let case = format!(
        "{}>\n      <{element} message=\"{}\"/>\n    </testcase>\n",
        case_open(path, "lint"),
        escape(reason, true)
    );
    (case, counts)
}

fn case_open(path: &str, name: &str) -> String {
    let path = escape(path, true);
    format!(
        r#"    <testcase name="{}" classname="{path}" file="{path}""#,
        escape(name, true)
    )
}

/// Text for XML 1.0 element content or a double-quoted attribute. Markup characters become
/// entities; carriage returns (and, in attributes, line breaks and tabs) become character
/// references so parsers keep them; characters XML 1.0 cannot carry at all become U+FFFD.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_odd_characters_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">&</a>"#, true),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape(r#"say "hi""#, false), r#"say "hi""#);
        assert_eq!(escape("a\r\n\tb", true), "a&#13;&#10;&#9;b");
        assert_eq!(escape("a\r\n\tb", false), "a&#13;\n\tb");
        assert_eq!(
            escape("form\u{c}feed\u{0}\u{FFFF}", false),
            "form\u{FFFD}feed\u{FFFD}\u{FFFD}"
        );
        assert_eq!(escape("ünï €", false), "ünï €");
    }
}
