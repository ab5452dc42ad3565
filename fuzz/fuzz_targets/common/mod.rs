//! What the fuzz targets share: the linter with the built-in pack, the format a fuzzed
//! input is read as, and linting that asserts the invariants and determinism.
// Each target uses only part of this module.
#![allow(dead_code)]

use std::cell::RefCell;
use std::path::Path;
use std::sync::LazyLock;

use policylint::check;
use policylint::rules::{self, PackSource};
use policylint::source::Format;
use policylint::{FileReport, Linter, Selection, Worker, invariants};

/// The formats a fuzzed document can be read as; its first byte picks one, the rest is the
/// file. `fuzz/run.sh` prefixes each seed with the index of its format.
pub const FORMATS: [Format; 7] = [
    Format::Markdown,
    Format::Text,
    Format::Html,
    Format::Rst,
    Format::AsciiDoc,
    Format::Docx,
    Format::Odt,
];

/// The built-in pack, compiled once: compiling it for every input would dwarf the lint.
pub static BUILTIN: LazyLock<Linter> = LazyLock::new(|| {
    let rules = check::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
    Linter::new(rules, Selection::default())
});

thread_local! {
    /// One worker for every input, as a real run reuses it across files: state left behind
    /// by one document must not change the next one's findings.
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

/// The format picked by the first byte of `data`, and the file's bytes after it.
pub fn split_format(data: &[u8]) -> Option<(Format, &[u8])> {
    let (&first, bytes) = data.split_first()?;
    Some((FORMATS[usize::from(first) % FORMATS.len()], bytes))
}

/// A file name with the extension of `format`, so outputs name a plausible file.
pub fn file_name(format: Format) -> String {
    let (ext, _) = Format::BY_EXTENSION
        .iter()
        .find(|(_, f)| *f == format)
        .expect("every format has an extension");
    format!("fuzzed.{ext}")
}

/// Lint `bytes` as a file of `format`, panicking on a broken invariant.
pub fn lint_sound(linter: &Linter, path: &str, format: Format, bytes: &[u8]) -> FileReport {
    let report = WORKER.with_borrow_mut(|worker| {
        linter.inspect_bytes(Path::new(path), format, bytes.to_vec(), worker)
    });
    if let Some(linted) = &report.linted
        && let Some(broken) = invariants::violation(linted)
    {
        panic!("invariant broken: {broken}");
    }
    report.into_results()
}

/// [`lint_sound`], then lint again and panic if the second run differs from the first.
pub fn lint_checked(linter: &Linter, path: &str, format: Format, bytes: &[u8]) -> FileReport {
    let report = lint_sound(linter, path, format, bytes);
    let again = lint_sound(linter, path, format, bytes);
    assert_eq!(
        report.notices, again.notices,
        "notices differ on a second run"
    );
    let findings = |r: &FileReport| r.linted.as_ref().map(|l| l.findings.clone());
    assert_eq!(
        findings(&report),
        findings(&again),
        "findings differ on a second run"
    );
    report
}
