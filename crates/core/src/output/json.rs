//! `--format json`: one JSON document with every file checked — its kind, notices, coverage
//! and findings — and the run's summary.
//!
//! The schema is versioned ([`JSON_VERSION`]) and described in `docs/json-output.md` and
//! `docs/check-output-v1.schema.json`; fields are only ever added within a version.

use std::io;
use std::path::Path;

use codespan_reporting::term::termcolor::WriteColor;
use serde::Serialize;

use super::{Emitter, ExtractedPlace, Locator, Position, Summary, portable_path, write_json};
use crate::coverage::Coverage;
use crate::finding::{Finding, Label, Related};
use crate::fingerprint;
use crate::results::{FileReport, FileResult};
use crate::rules::RuleSet;

/// The version of the JSON schema this emitter writes.
pub const JSON_VERSION: u32 = 1;

/// Collects every file, then writes the document.
#[derive(Default)]
pub struct Json {
    files: Vec<FileJson>,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    files: &'a [FileJson],
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FileJson {
    path: String,
    /// `None` when the file was not linted (see its notices).
    kind: Option<KindJson>,
    notices: Vec<NoticeJson>,
    coverage: Option<CoverageJson>,
    findings: Vec<FindingJson>,
}

#[derive(Serialize)]
struct KindJson {
    name: String,
    label: String,
}

#[derive(Serialize)]
struct NoticeJson {
    level: &'static str,
    message: String,
}

#[derive(Serialize)]
struct CoverageJson {
    total: u32,
    dimensions: Vec<DimensionJson>,
    concepts: Vec<ConceptJson>,
}

#[derive(Serialize)]
struct DimensionJson {
    name: String,
    label: String,
    evidence: u32,
    share: Option<f64>,
}

#[derive(Serialize)]
struct ConceptJson {
    name: String,
    label: String,
    dimension: Option<String>,
    evidence: u32,
}

#[derive(Serialize)]
struct FindingJson {
    path: String,
    rule: String,
    severity: &'static str,
    message: String,
    help: Option<String>,
    start: Position,
    end: Position,
    /// Word and OpenDocument files only: the paragraph the finding is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<ExtractedPlace>,
    labels: Vec<LabelJson>,
    notes: Vec<String>,
    fingerprint: String,
}

#[derive(Serialize)]
struct LabelJson {
    primary: bool,
    message: String,
    /// Only for a place in another document.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    start: Position,
    end: Position,
}

impl Emitter for Json {
    fn file(
        &mut self,
        report: &FileReport,
        rules: &RuleSet,
        _out: &mut dyn WriteColor,
    ) -> io::Result<()> {
        let path = portable_path(&report.path);
        let notices = report
            .notices
            .iter()
            .map(|notice| NoticeJson {
                level: notice.level.name(),
                message: notice.message.clone(),
            })
            .collect();
        let mut file = FileJson {
            path,
            kind: None,
            notices,
            coverage: None,
            findings: Vec::new(),
        };
        if let Some(linted) = &report.linted {
            file.kind = linted.kind.kind.map(|kind| KindJson {
                name: rules.kinds[kind].name.clone(),
                label: rules.kinds[kind].label.clone(),
            });
            file.coverage = Some(coverage(&linted.coverage, rules));
            file.findings = findings(&file.path, linted);
        }
        self.files.push(file);
        Ok(())
    }

    fn finish(&mut self, summary: &Summary, out: &mut dyn WriteColor) -> io::Result<()> {
        write_json(
            out,
            &Output {
                version: JSON_VERSION,
                tool: Tool {
                    name: crate::output::TOOL_NAME,
                    version: env!("CARGO_PKG_VERSION"),
                },
                files: &self.files,
                summary,
            },
        )
    }
}

fn coverage(coverage: &Coverage, rules: &RuleSet) -> CoverageJson {
    let dimensions = rules
        .dimensions
        .iter()
        .enumerate()
        .map(|(id, dimension)| DimensionJson {
            name: dimension.name.clone(),
            label: dimension.label.clone(),
            evidence: coverage.dimensions[id],
            share: coverage.share(id),
        })
        .collect();
    let concepts = rules
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, concept)| !concept.hidden)
        .map(|(id, concept)| ConceptJson {
            name: concept.name.clone(),
            label: concept.label.clone(),
            dimension: concept.dimension.map(|d| rules.dimensions[d].name.clone()),
            evidence: coverage.count(id),
        })
        .collect();
    CoverageJson {
        total: coverage.total(),
        dimensions,
        concepts,
    }
}

fn findings(path: &str, linted: &FileResult) -> Vec<FindingJson> {
    let locator = Locator::new(&linted.source.text);
    let prints = fingerprint::of_file(path, linted);
    linted
        .findings
        .iter()
        .zip(prints)
        .map(|(finding, fingerprint)| {
            let (start, end) = locator.span(finding.primary.span);
            FindingJson {
                path: path.to_string(),
                rule: finding.rule.clone(),
                severity: finding.severity.name(),
                message: finding.message.clone(),
                help: finding.help.clone(),
                start,
                end,
                place: ExtractedPlace::of(&linted.source, finding.primary.span),
                labels: labels(finding, &locator),
                notes: finding.notes.clone(),
                fingerprint,
            }
        })
        .collect()
}

/// The primary label first, then the secondary ones, then those in other documents.
fn labels(finding: &Finding, locator: &Locator) -> Vec<LabelJson> {
    let label = |label: &Label, primary: bool| {
        let (start, end) = locator.span(label.span);
        LabelJson {
            primary,
            message: label.message.clone(),
            path: None,
            start,
            end,
        }
    };
    let elsewhere = |related: &Related| {
        let position =
            |(line, column): (usize, usize), byte: usize| Position { line, column, byte };
        LabelJson {
            primary: false,
            message: related.message.clone(),
            path: Some(portable_path(Path::new(&related.path))),
            start: position(related.start, related.span.start),
            end: position(related.end, related.span.end),
        }
    };
    std::iter::once(label(&finding.primary, true))
        .chain(finding.secondary.iter().map(|l| label(l, false)))
        .chain(finding.related.iter().map(elsewhere))
        .collect()
}
