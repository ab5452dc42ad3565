//! A fuzzed document linted with the built-in pack, plus fuzzed findings and a notice, written
//! in every `check --format`: no panic, the output is UTF-8, and the JSON formats parse.
#![no_main]

mod common;

use clap::ValueEnum;
use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use policylint::finding::{Finding, Label, Severity};
use policylint::output::{OutputFormat, Summary};
use policylint::source::Span;
use policylint::{FileReport, Notice, NoticeLevel};

/// The raw choices for one extra finding; its spans are fitted to the text once the document
/// is linted.
struct RawFinding {
    rule: usize,
    severity: Severity,
    message: String,
    help: Option<String>,
    /// Start and length of each label, before fitting.
    primary: (u16, u8),
    secondary: Option<(u16, u8, String)>,
    note: Option<String>,
}

impl RawFinding {
    fn draw(u: &mut Unstructured) -> Result<RawFinding> {
        Ok(RawFinding {
            rule: u.arbitrary()?,
            severity: *u.choose(&Severity::ALL)?,
            message: u.arbitrary()?,
            help: u.arbitrary()?,
            primary: u.arbitrary()?,
            secondary: u.arbitrary()?,
            note: u.arbitrary()?,
        })
    }

    /// A finding of one of `rules` whose spans lie on character boundaries of `text`.
    fn finding(self, rules: &[&str], text: &str) -> Finding {
        let secondary = self.secondary.map(|(start, len, message)| Label {
            span: fit(text, start, len),
            message,
        });
        Finding {
            rule: rules[self.rule % rules.len()].to_string(),
            severity: self.severity,
            message: self.message,
            help: self.help,
            primary: Label::new(fit(text, self.primary.0, self.primary.1), "here"),
            secondary: secondary.into_iter().collect(),
            notes: self.note.into_iter().collect(),
            related: Vec::new(),
        }
    }
}

/// A span of about `len` bytes from about `start`, moved onto character boundaries of `text`.
fn fit(text: &str, start: u16, len: u8) -> Span {
    let (start, len) = (usize::from(start), usize::from(len));
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(start % (text.len() + 1));
    Span::new(start, floor(start + len).max(start))
}

/// What the input says besides the document: extra findings, a notice and the folder.
struct Extras {
    findings: Vec<RawFinding>,
    notice: Option<Notice>,
    folder: String,
}

impl Extras {
    fn draw(mut u: Unstructured) -> Result<Extras> {
        let count = u.int_in_range(0..=3)?;
        let findings = (0..count)
            .map(|_| RawFinding::draw(&mut u))
            .collect::<Result<_>>()?;
        let notice = match u.arbitrary::<Option<String>>()? {
            Some(message) => Some(Notice {
                level: *u.choose(&[NoticeLevel::Note, NoticeLevel::Warning, NoticeLevel::Error])?,
                message,
            }),
            None => None,
        };
        Ok(Extras {
            findings,
            notice,
            folder: String::arbitrary_take_rest(u)?,
        })
    }
}

/// The document and the extras of an input: the extras follow the last 0xFF byte, which
/// UTF-8 text never holds, so a plain document (a seed) is read whole with no extras.
fn split_extras(data: &[u8]) -> (&[u8], Extras) {
    let (document, tail) = match data.iter().rposition(|&b| b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let extras = Extras::draw(Unstructured::new(tail)).unwrap_or(Extras {
        findings: Vec::new(),
        notice: None,
        folder: String::new(),
    });
    (document, extras)
}

fuzz_target!(|data: &[u8]| {
    let Some((format, data)) = common::split_format(data) else {
        return;
    };
    let (bytes, extras) = split_extras(data);
    let linter = &*common::BUILTIN;
    let path = format!("{}/{}", extras.folder, common::file_name(format));
    let mut report: FileReport = common::lint_sound(linter, &path, format, bytes);
    report.notices.extend(extras.notice);
    if let Some(linted) = &mut report.linted {
        let rules: Vec<&str> = linter
            .rules
            .rules
            .iter()
            .map(|rule| rule.id.as_str())
            .collect();
        let text = &linted.source.text;
        linted
            .findings
            .extend(extras.findings.into_iter().map(|r| r.finding(&rules, text)));
        linted
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    let mut summary = Summary::default();
    summary.add(&report, linter.fail_on);
    for &format in OutputFormat::value_variants() {
        let mut out = NoColor::new(Vec::new());
        let mut emitter = format.emitter();
        emitter.file(&report, &linter.rules, &mut out).unwrap();
        emitter.finish(&summary, &mut out).unwrap();
        let text = String::from_utf8(out.into_inner())
            .unwrap_or_else(|err| panic!("{format:?} output is not UTF-8: {err}"));
        let parses = |json: &str| serde_json::from_str::<serde_json::Value>(json).is_ok();
        match format {
            OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Gitlab => {
                assert!(parses(&text), "{format:?} output is not JSON:\n{text}");
            }
            OutputFormat::Rdjsonl => {
                assert!(
                    text.lines().all(parses),
                    "an rdjsonl line is not JSON:\n{text}"
                );
            }
            _ => {}
        }
    }
});
