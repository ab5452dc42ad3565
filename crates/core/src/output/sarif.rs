//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run: the rules with their documentation in `tool.driver.rules`, a result per finding
//! with its region (columns in Unicode code points), related locations for the secondary
//! labels and a line-independent `partialFingerprints` entry, and the files' notices as
//! `invocations[0].toolExecutionNotifications`.

use std::collections::HashMap;
use std::io;
use std::path::Path;

use codespan_reporting::term::termcolor::WriteColor;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::{Emitter, ExtractedPlace, Locator, Summary, portable_path, write_json};
use crate::finding::{Label, Severity};
use crate::fingerprint;
use crate::results::{FileReport, NoticeLevel};
use crate::rules::{Rule, RuleSet};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Collects rules, results and notifications, then writes the log.
#[derive(Default)]
pub struct Sarif {
    rules: Vec<ReportingDescriptor>,
    rule_index: HashMap<String, usize>,
    results: Vec<SarifResult>,
    notifications: Vec<Notification>,
    /// Whether a file could not be linted.
    failed: bool,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    column_kind: &'static str,
    results: &'a [SarifResult],
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: &'a [ReportingDescriptor],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Help>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: &'a [Notification],
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
struct Fingerprints {
    /// The hash of rule, path and anchor text, version 1.
    #[serde(rename = "policylintAnchor/v1")]
    anchor: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
    /// Word and OpenDocument files: the paragraph, as a property bag.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ExtractedPlace>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl Emitter for Sarif {
    fn file(
        &mut self,
        report: &FileReport,
        rules: &RuleSet,
        _out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        self.register_rules(rules);
        let uri = artifact_uri(&report.path);
        for notice in &report.notices {
            self.failed |= notice.level == NoticeLevel::Error;
            self.notifications.push(Notification {
                level: notice.level.name(),
                message: text(&notice.message),
                locations: [location(&uri, None, None, None)],
            });
        }
        let Some(linted) = &report.linted else {
            return Ok(());
        };
        let locator = Locator::new(&linted.source.text);
        let region = |label: &Label| {
            let (start, end) = locator.span(label.span);
            Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
            }
        };
        let path = portable_path(&report.path);
        let prints = fingerprint::of_file(&path, linted);
        for (finding, print) in linted.findings.iter().zip(prints) {
            let primary = &finding.primary;
            let elsewhere = finding.related.iter().map(|related| {
                let uri = artifact_uri(Path::new(&related.path));
                let region = Region {
                    start_line: related.start.0,
                    start_column: related.start.1,
                    end_line: related.end.0,
                    end_column: related.end.1,
                };
                (uri, region, &related.message)
            });
            let related_locations = finding
                .secondary
                .iter()
                .map(|label| (uri.clone(), region(label), &label.message))
                .chain(elsewhere)
                .enumerate()
                .map(|(id, (uri, region, message))| {
                    location(&uri, Some(region), Some(message), Some(id + 1))
                })
                .collect();
            self.results.push(SarifResult {
                rule_index: self.rule_index.get(&finding.rule).copied(),
                rule_id: finding.rule.clone(),
                level: level(finding.severity),
                message: text(&finding.message),
                locations: [Location {
                    properties: ExtractedPlace::of(&linted.source, primary.span),
                    ..location(&uri, Some(region(primary)), Some(&primary.message), None)
                }],
                related_locations,
                partial_fingerprints: Fingerprints { anchor: print },
            });
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
        write_json(
            out,
            &Log {
                schema: SCHEMA,
                version: "2.1.0",
                runs: [Run {
                    tool: Tool {
                        driver: Driver {
                            name: crate::output::TOOL_NAME,
                            version: env!("CARGO_PKG_VERSION"),
                            semantic_version: env!("CARGO_PKG_VERSION"),
                            rules: &self.rules,
                        },
                    },
                    invocations: [Invocation {
                        execution_successful: !self.failed,
                        tool_execution_notifications: &self.notifications,
                    }],
                    column_kind: "unicodeCodePoints",
                    results: &self.results,
                }],
            },
        )
    }
}

impl Sarif {
    /// Describe every rule of `rules` not described yet, so every result can point at its
    /// rule by index.
    fn register_rules(&mut self, rules: &RuleSet) {
        for rule in &rules.rules {
            if !self.rule_index.contains_key(&rule.id) {
                self.add_rule(describe(rule));
            }
        }
    }

    fn add_rule(&mut self, descriptor: ReportingDescriptor) {
        self.rule_index
            .insert(descriptor.id.clone(), self.rules.len());
        self.rules.push(descriptor);
    }
}

fn describe(rule: &Rule) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.id.clone(),
        name: rule.id.clone(),
        short_description: text(&rule.summary()),
        full_description: rule.explanation.as_deref().map(text),
        help: rule.help.as_ref().map(|help| Help {
            text: help.clone(),
            markdown: help_markdown(rule, help),
        }),
        help_uri: rule.docs.clone(),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
    }
}

fn help_markdown(rule: &Rule, help: &str) -> String {
    let mut markdown = String::new();
    if let Some(explanation) = &rule.explanation {
        markdown.push_str(explanation.trim());
        markdown.push_str("\n\n");
    }
    markdown.push_str("**What to write:** ");
    markdown.push_str(help.trim());
    if let Some(examples) = &rule.examples {
        for (title, example) in [
            ("Example that fires", &examples.bad),
            ("The same, mended", &examples.good),
        ] {
            let fence = "`".repeat(longest_backtick_run(example).max(2) + 1);
            markdown.push_str(&format!(
                "\n\n**{title}:**\n\n{fence}markdown\n{}\n{fence}",
                example.trim_end()
            ));
        }
    }
    markdown
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

fn text(text: &str) -> Text {
    Text {
        text: text.to_string(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(
    uri: &str,
    region: Option<Region>,
    message: Option<&str>,
    id: Option<usize>,
) -> Location {
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri.to_string(),
            },
            region,
        },
        message: message.map(text),
        properties: None,
    }
}

/// Characters left as they are in a URI path; everything else is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// In an absolute path, a colon cannot be mistaken for a scheme (`file:///C:/...`).
const ABSOLUTE_PATH: &AsciiSet = &PATH.remove(b':');

/// A relative reference for a relative path (resolved against the repository root by code
/// scanning), a `file://` URI for an absolute one.
fn artifact_uri(path: &Path) -> String {
    let portable = portable_path(path);
    if path.is_absolute() {
        let encoded = utf8_percent_encode(&portable, ABSOLUTE_PATH).to_string();
        let slash = if encoded.starts_with('/') { "" } else { "/" };
        format!("file://{slash}{encoded}")
    } else {
        utf8_percent_encode(&portable, PATH).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(
            artifact_uri(Path::new("policies/a b:c,100%.md")),
            "policies/a%20b%3Ac%2C100%25.md"
        );
        assert_eq!(artifact_uri(Path::new("ünï.md")), "%C3%BCn%C3%AF.md");
        if cfg!(unix) {
            assert_eq!(
                artifact_uri(Path::new("/srv/docs/a:b.md")),
                "file:///srv/docs/a:b.md"
            );
        }
    }

    #[test]
    fn fences_are_longer_than_any_backtick_run_inside() {
        assert_eq!(longest_backtick_run("a ``` b ` c"), 3);
        assert_eq!(longest_backtick_run("plain"), 0);
    }
}
