//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure
//! Pipelines, CircleCI).
//!
//! Each file is a test suite and each rule that ran on it a test case, which fails with every
//! finding of that rule in the file. A file that could not be read is a case in error; one
//! that was skipped (binary, empty) is a skipped case; other notices go to `system-err`.
//!
//! quick-xml's writer lays out the elements; the text and attribute values are escaped here,
//! since XML 1.0 cannot carry some characters at all and parsers fold line breaks in
//! attributes, which quick-xml's escaping leaves as they are.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use codespan_reporting::term::termcolor::WriteColor;
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use super::{Emitter, Locator, Summary, portable_path};
use crate::finding::Finding;
use crate::results::{FileReport, FileResult, NoticeLevel};
use crate::rules::RuleSet;

/// Collects the suites, then writes them under one root with the totals.
#[derive(Default)]
pub struct Junit {
    suites: Vec<Suite>,
    totals: Counts,
}

/// One file's cases.
struct Suite {
    path: String,
    counts: Counts,
    cases: Vec<Case>,
    /// The notices of a file that was linted all the same.
    system_err: Option<String>,
}

/// One rule on one file, or `lint` for a file that was not linted.
struct Case {
    name: String,
    outcome: Outcome,
}

enum Outcome {
    Passed,
    /// Every finding of the rule: the worst severity, the first message, one line each.
    Failed {
        severity: String,
        message: String,
        body: String,
    },
    /// A file that was not linted: `error` when it could not be read or parsed, else
    /// `skipped`, with the reason.
    NotLinted {
        element: &'static str,
        message: String,
    },
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

    /// `<name name="label" tests="…" failures="…" errors="…" skipped="…">`.
    fn start<'a>(self, name: &'a str, label: &str) -> BytesStart<'a> {
        let numbers = [
            ("tests", self.tests.to_string()),
            ("failures", self.failures.to_string()),
            ("errors", self.errors.to_string()),
            ("skipped", self.skipped.to_string()),
        ];
        let mut attributes = vec![("name", label)];
        attributes.extend(numbers.iter().map(|(key, value)| (*key, value.as_str())));
        start(name, &attributes)
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
            None => unlinted_case(report),
        };
        let system_err = (report.linted.is_some() && !report.notices.is_empty()).then(|| {
            report
                .notices
                .iter()
                .map(|n| format!("{}: {}\n", n.level.name(), n.message))
                .collect()
        });
        self.totals.add(counts);
        self.suites.push(Suite {
            path,
            counts,
            cases,
            system_err,
        });
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
        let mut xml = Writer::new_with_indent(&mut *out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(self.totals.start("testsuites", "policylint")))?;
        for suite in &self.suites {
            write_suite(&mut xml, suite)?;
        }
        xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
        writeln!(out)
    }
}

fn write_suite<W: io::Write>(xml: &mut Writer<W>, suite: &Suite) -> io::Result<()> {
    let path = suite.path.as_str();
    xml.write_event(Event::Start(suite.counts.start("testsuite", path)))?;
    for case in &suite.cases {
        let open = start(
            "testcase",
            &[("name", &case.name), ("classname", path), ("file", path)],
        );
        match &case.outcome {
            Outcome::Passed => xml.write_event(Event::Empty(open))?,
            Outcome::Failed {
                severity,
                message,
                body,
            } => {
                xml.write_event(Event::Start(open))?;
                let failure = start("failure", &[("type", severity), ("message", message)]);
                xml.write_event(Event::Start(failure))?;
                xml.write_event(Event::Text(text(body)))?;
                xml.write_event(Event::End(BytesEnd::new("failure")))?;
                xml.write_event(Event::End(BytesEnd::new("testcase")))?;
            }
            Outcome::NotLinted { element, message } => {
                xml.write_event(Event::Start(open))?;
                xml.write_event(Event::Empty(start(element, &[("message", message)])))?;
                xml.write_event(Event::End(BytesEnd::new("testcase")))?;
            }
        }
    }
    if let Some(notices) = &suite.system_err {
        xml.write_event(Event::Start(BytesStart::new("system-err")))?;
        xml.write_event(Event::Text(text(notices)))?;
        xml.write_event(Event::End(BytesEnd::new("system-err")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuite")))
}

/// `<name key="value" …>`, each value escaped for a double-quoted attribute.
fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        element.push_attribute(Attribute {
            key: QName(key.as_bytes()),
            value: Cow::Owned(escape(value, true).into_bytes()),
        });
    }
    element
}

/// Element content, escaped.
fn text(content: &str) -> BytesText<'static> {
    BytesText::from_escaped(escape(content, false))
}

/// A case per rule that ran, failing with that rule's findings.
fn rule_cases(path: &str, linted: &FileResult) -> (Vec<Case>, Counts) {
    let locator = Locator::new(&linted.source.text);
    let mut cases = Vec::new();
    let mut counts = Counts::default();
    for rule in &linted.checked {
        counts.tests += 1;
        let findings: Vec<&Finding> = linted.findings.iter().filter(|f| &f.rule == rule).collect();
        let Some(first) = findings.first() else {
            cases.push(Case {
                name: rule.clone(),
                outcome: Outcome::Passed,
            });
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
        cases.push(Case {
            name: rule.clone(),
            outcome: Outcome::Failed {
                severity: worst.to_string(),
                message,
                body,
            },
        });
    }
    (cases, counts)
}

/// One case for a file that was not linted: in error when it could not be read or parsed,
/// else skipped.
fn unlinted_case(report: &FileReport) -> (Vec<Case>, Counts) {
    let error = report
        .notices
        .iter()
        .find(|n| n.level == NoticeLevel::Error);
    let (outcome, counts) = match error {
        Some(notice) => (
            Outcome::NotLinted {
                element: "error",
                message: notice.message.clone(),
            },
            Counts {
                tests: 1,
                errors: 1,
                ..Counts::default()
            },
        ),
        None => (
            Outcome::NotLinted {
                element: "skipped",
                message: report
                    .notices
                    .first()
                    .map_or("not linted", |n| n.message.as_str())
                    .to_string(),
            },
            Counts {
                tests: 1,
                skipped: 1,
                ..Counts::default()
            },
        ),
    };
    let case = Case {
        name: "lint".to_string(),
        outcome,
    };
    (vec![case], counts)
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
