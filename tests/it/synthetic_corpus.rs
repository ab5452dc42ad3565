//! The synthetic corpus behind the benchmark: reproducible, and linted the same on any number
//! of threads.

#[path = "../../examples/synthetic_corpus/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::policylint;

/// Every file under `dir` by relative path, with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap();
            (
                relative.display().to_string(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let written = corpus::write(a.path(), 40, corpus::DEFAULT_SEED).unwrap();
    assert_eq!(
        corpus::write(b.path(), 40, corpus::DEFAULT_SEED).unwrap(),
        written
    );
    corpus::write(c.path(), 40, corpus::DEFAULT_SEED + 1).unwrap();
    let first = contents(a.path());
    assert_eq!(first.len(), 40);
    assert_eq!(first.values().map(|v| v.len() as u64).sum::<u64>(), written);
    assert_eq!(first, contents(b.path()));
    assert_ne!(first, contents(c.path()));
}

#[test]
fn check_output_is_the_same_for_one_and_four_jobs() {
    let dir = tempfile::tempdir().unwrap();
    corpus::write(dir.path(), 200, corpus::DEFAULT_SEED).unwrap();
    let run = |jobs: &str| {
        policylint()
            .args(["check", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let one = run("1");
    let four = run("4");
    assert_eq!(one.status.code(), Some(1), "the corpus has findings");
    assert!(one.stdout.len() > 10_000, "the corpus has many findings");
    assert_eq!(
        String::from_utf8(one.stdout).unwrap(),
        String::from_utf8(four.stdout).unwrap()
    );
    assert_eq!(one.stderr, four.stderr);
}
