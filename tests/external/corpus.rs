//! Real documents: the shared corpus of openly licensed handbooks, codes and role documents
//! beside the repository. Every document lints without a panic and with every span on its own
//! text, the cache changes no output, and every rule's agreement with a careful reader stays
//! within two points of the figures committed in `docs/accuracy.toml`.
//!
//! Without `../shared/corpus` the tests are reported as ignored; under CI they fail instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use policylint::rules::{self, PackSource};
use policylint::source::Format;
use policylint::walk::{self, WalkOptions};
use policylint::{Linter, Selection};

use crate::common::{self, outcome, run_in as run};

/// How far below its committed figure a rule's balanced accuracy may fall.
const TOLERANCE: f64 = 0.02;

/// This file's tests, each reported as ignored when what it needs is missing.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let missing = common::corpus_missing();
    let tests: [(&str, fn()); 5] = [
        (
            "every_corpus_document_lints_with_spans_on_char_boundaries",
            every_corpus_document_lints_with_spans_on_char_boundaries,
        ),
        (
            "warm_output_is_cold_output_on_the_corpus",
            warm_output_is_cold_output_on_the_corpus,
        ),
        (
            "the_report_never_draws_as_leading_a_document_the_linter_says_lacks_a_purpose",
            the_report_never_draws_as_leading_a_document_the_linter_says_lacks_a_purpose,
        ),
        (
            "accuracy_holds_on_the_development_set",
            accuracy_holds_on_the_development_set,
        ),
        (
            "accuracy_holds_on_the_validation_set",
            accuracy_holds_on_the_validation_set,
        ),
    ];
    tests
        .into_iter()
        .map(|(name, test)| common::needing(name, missing.clone(), test))
        .collect()
}

fn corpus() -> PathBuf {
    common::corpus().expect("the shared corpus is here")
}

fn linter() -> Linter {
    let set =
        policylint::check::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
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

fn every_corpus_document_lints_with_spans_on_char_boundaries() {
    let corpus = corpus();
    let files = documents(&corpus);
    assert!(files.len() > 400, "found only {} documents", files.len());
    let linter = linter();
    let mut linted = 0;
    let mut worker = policylint::Worker::default();
    for path in &files {
        // Inspected, so that the spans of the document and evidence are checked too.
        let report = linter.inspect_path(path, &mut worker);
        assert!(
            report
                .notices
                .iter()
                .all(|n| n.level != policylint::NoticeLevel::Error),
            "{}: {:?}",
            report.path.display(),
            report.notices
        );
        let Some(file) = report.linted else { continue };
        linted += 1;
        let text = &file.document.text;
        let spans = file
            .result
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
    }
    assert!(linted > 400);
}

fn warm_output_is_cold_output_on_the_corpus() {
    let corpus = corpus();
    // The cache goes to a folder of its own: the shared corpus is never written to.
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = ["--cache-dir", cache.path().to_str().unwrap()];
    run(&corpus, &[&["check", "."], &cache_dir[..]].concat());
    // The formats whose fingerprints read the sentences findings are anchored to.
    for format in ["json", "sarif"] {
        let args = ["check", ".", "--format", format];
        let uncached = outcome(&run(&corpus, &[&args[..], &["--no-cache"]].concat()));
        let warm = outcome(&run(&corpus, &[&args[..], &cache_dir[..]].concat()));
        assert_eq!(warm, uncached, "--format {format}");
    }
    assert!(!corpus.join(".policylint_cache").exists());
}

/// The JSON a command prints on the corpus, parsed.
fn json_of(args: &[&str]) -> serde_json::Value {
    let output = run(&corpus(), args);
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("{err}: {}", common::transcript(&output));
    })
}

fn the_report_never_draws_as_leading_a_document_the_linter_says_lacks_a_purpose() {
    let check = json_of(&["check", ".", "--format", "json", "--no-cache"]);
    let lacking: std::collections::BTreeSet<&str> = check["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|file| {
            file["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == "purpose-missing")
        })
        .map(|file| file["path"].as_str().unwrap())
        .collect();
    assert!(
        lacking.len() > 20,
        "only {} documents lack a purpose",
        lacking.len()
    );
    let report = json_of(&["report", ".", "--format", "json", "--no-cache", "-q"]);
    let drawn_leading: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            matches!(
                d["quadrant"].as_str(),
                Some("purpose-driven" | "led-not-managed")
            )
        })
        .filter_map(|d| d["path"].as_str())
        .filter(|path| lacking.contains(path))
        .collect();
    assert!(
        drawn_leading.is_empty(),
        "drawn as leading people though they never state a purpose: {drawn_leading:#?}"
    );
}

/// The committed figures: `docs/accuracy.toml`, one table per labels file.
#[derive(serde::Deserialize)]
struct Committed {
    set: Vec<CommittedSet>,
}

#[derive(serde::Deserialize)]
struct CommittedSet {
    labels: String,
    balanced: BTreeMap<String, f64>,
}

/// `policylint eval LABELS --format json` on a labels file of the corpus, checked against the
/// committed figures for it.
fn accuracy_holds(labels: &str) {
    let committed: Committed = toml::from_str(
        &std::fs::read_to_string(common::root().join("docs/accuracy.toml")).unwrap(),
    )
    .unwrap();
    let floor = committed
        .set
        .iter()
        .find(|s| s.labels == labels)
        .unwrap_or_else(|| panic!("docs/accuracy.toml has no figures for {labels}"));
    let output = run(
        common::root(),
        &[
            "eval",
            corpus().join(labels).to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        common::transcript(&output)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let measured: BTreeMap<&str, f64> = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["rule"].as_str()?, r["balanced_accuracy"].as_f64()?)))
        .collect();
    let mut problems = Vec::new();
    for (rule, figure) in &floor.balanced {
        match measured.get(rule.as_str()) {
            Some(now) if *now + TOLERANCE + 1e-9 >= *figure => {
                eprintln!(
                    "{labels}: {rule} {:.1}% (committed {:.1}%)",
                    now * 100.0,
                    figure * 100.0
                );
            }
            Some(now) => problems.push(format!(
                "{rule}: {:.1}%, more than {:.0} points below the committed {:.1}%",
                now * 100.0,
                TOLERANCE * 100.0,
                figure * 100.0
            )),
            None => problems.push(format!("{rule}: not scored any more")),
        }
    }
    assert!(problems.is_empty(), "{labels}:\n{}", problems.join("\n"));
}

fn accuracy_holds_on_the_development_set() {
    accuracy_holds("labels.toml");
}

fn accuracy_holds_on_the_validation_set() {
    accuracy_holds("labels-2.toml");
}
