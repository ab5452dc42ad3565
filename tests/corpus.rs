//! Real documents: the shared corpus of openly licensed handbooks, codes and role documents
//! beside the repository. Every document lints without a panic and with every span on its own
//! text; and `purpose-missing` and `process-missing` agree with a careful reader's labels.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use policylint::rules::{self, PackSource};
use policylint::source::Format;
use policylint::walk::{self, WalkOptions};
use policylint::{Linter, Selection};

fn linter() -> Linter {
    let set = rules::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
    Linter::new(set, Selection::default())
}

/// Corpus documents, without its own metadata files.
fn documents(corpus: &Path) -> Vec<PathBuf> {
    let walked = walk::collect(&[corpus.to_path_buf()], WalkOptions::default());
    assert!(walked.errors.is_empty(), "{:?}", walked.errors);
    walked
        .files
        .into_iter()
        .map(|found| found.path)
        .filter(|p| Format::from_path(p).is_some())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !(name.starts_with("LICENSE")
                || name == "COPYING"
                || (p.parent() == Some(corpus) && name == "README.md"))
        })
        .collect()
}

#[test]
fn every_corpus_document_lints_with_spans_on_char_boundaries() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus is not here");
        return;
    };
    let files = documents(&corpus);
    assert!(files.len() > 200, "found only {} documents", files.len());
    let linter = linter();
    let mut linted = 0;
    linter.lint_files(&files, 2, |report| {
        assert!(
            report
                .notices
                .iter()
                .all(|n| n.level != policylint::NoticeLevel::Error),
            "{}: {:?}",
            report.path.display(),
            report.notices
        );
        let Some(file) = report.linted else { return };
        linted += 1;
        let text = &file.document.text;
        let spans = file
            .findings
            .iter()
            .flat_map(|f| std::iter::once(&f.primary).chain(&f.secondary))
            .map(|l| l.span)
            .chain(file.document.prose.iter().copied())
            .chain(file.evidence.hits.iter().map(|h| h.span))
            .chain(file.evidence.sentences.iter().map(|s| s.span));
        for span in spans {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{}: bad span {span:?}",
                report.path.display()
            );
        }
    });
    assert!(linted > 200);
}

/// A reader's judgement of one document.
#[derive(serde::Deserialize)]
struct Label {
    path: String,
    kind: String,
    purpose: String,
    process: String,
}

#[derive(serde::Deserialize)]
struct Labels {
    doc: Vec<Label>,
}

/// Balanced accuracy of a rule against `yes`/`no` labels of code and role documents: the mean
/// of the share of `no` documents it fires on and of `yes` documents it leaves alone.
fn balanced_accuracy(
    labels: &[Label],
    axis: fn(&Label) -> &str,
    fired: &HashMap<String, Vec<String>>,
    rule: &str,
) -> (f64, Vec<String>) {
    let (mut no, mut no_fired, mut yes, mut yes_silent) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for label in labels
        .iter()
        .filter(|l| l.kind == "code" || l.kind == "role")
    {
        let fires = fired
            .get(&label.path)
            .is_some_and(|rules| rules.iter().any(|r| r == rule));
        match axis(label) {
            "no" => {
                no += 1;
                if fires {
                    no_fired += 1;
                } else {
                    wrong.push(format!("{rule} silent on {} (reader: no)", label.path));
                }
            }
            "yes" => {
                yes += 1;
                if fires {
                    wrong.push(format!("{rule} fires on {} (reader: yes)", label.path));
                } else {
                    yes_silent += 1;
                }
            }
            _ => {}
        }
    }
    let accuracy =
        (f64::from(no_fired) / f64::from(no) + f64::from(yes_silent) / f64::from(yes)) / 2.0;
    eprintln!(
        "{rule}: fires on {no_fired}/{no} `no` documents, silent on {yes_silent}/{yes} `yes` documents, balanced accuracy {:.1}%",
        accuracy * 100.0
    );
    (accuracy, wrong)
}

#[test]
fn purpose_and_process_rules_agree_with_a_careful_reader() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus is not here");
        return;
    };
    let Ok(text) = std::fs::read_to_string(corpus.join("labels.toml")) else {
        eprintln!("skipped: ../shared/corpus/labels.toml is not here");
        return;
    };
    let labels: Labels = toml::from_str(&text).unwrap();
    let files: Vec<PathBuf> = labels.doc.iter().map(|l| corpus.join(&l.path)).collect();
    let mut fired: HashMap<String, Vec<String>> = HashMap::new();
    linter().lint_files(&files, 2, |report| {
        let relative = report
            .path
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let rules = report
            .linted
            .iter()
            .flat_map(|l| &l.findings)
            .map(|f| f.rule.clone())
            .collect();
        fired.insert(relative, rules);
    });
    let (purpose, wrong_purpose) =
        balanced_accuracy(&labels.doc, |l| &l.purpose, &fired, "purpose-missing");
    let (process, wrong_process) =
        balanced_accuracy(&labels.doc, |l| &l.process, &fired, "process-missing");
    for line in wrong_purpose.iter().chain(&wrong_process) {
        eprintln!("  {line}");
    }
    assert!(
        purpose >= 0.85,
        "purpose-missing balanced accuracy {purpose:.3} is below 0.85"
    );
    assert!(
        process >= 0.85,
        "process-missing balanced accuracy {process:.3} is below 0.85"
    );
}
