//! Any text as a rule pack: loading returns the rules or errors that point inside the text,
//! never a panic; the errors render, and loaded rules lint a small document soundly.
#![no_main]

mod common;

use codespan_reporting::term::{self, termcolor::NoColor};
use libfuzzer_sys::fuzz_target;
use policylint::check;
use policylint::rules::PackSource;
use policylint::source::Format;
use policylint::{Linter, Selection};

/// A short document with headings, a list and prose for the fuzzed rules to look at.
const MEMO: &str = "---\ntitle: Memo\n---\n# Memo\n\nWe review the process each quarter so \
that people can grow.\n\n## How to claim\n\n- Submit the form.\n- Ask your manager for \
feedback.\n\n<!-- policylint-disable-next-line -->\nThere is no formal policy.\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = PackSource {
        origin: "fuzzed.toml".into(),
        text: text.clone(),
    };
    match check::load(&[source]) {
        Ok(rules) => {
            let linter = Linter::new(rules, Selection::default());
            common::lint_checked(&linter, "memo.md", Format::Markdown, MEMO.as_bytes());
        }
        Err(errors) => {
            assert!(!errors.diagnostics.is_empty(), "a failed load says why");
            for diagnostic in &errors.diagnostics {
                assert!(
                    !diagnostic.labels.is_empty(),
                    "error `{}` points nowhere",
                    diagnostic.message
                );
                for label in &diagnostic.labels {
                    let range = label.range.clone();
                    assert!(
                        range.start <= range.end && text.get(range.clone()).is_some(),
                        "error `{}` points at {range:?}, outside the {} bytes of the pack",
                        diagnostic.message,
                        text.len()
                    );
                }
            }
            let mut out = NoColor::new(Vec::new());
            for diagnostic in &errors.diagnostics {
                term::emit_to_write_style(
                    &mut out,
                    &term::Config::default(),
                    &errors.files,
                    diagnostic,
                )
                .expect("pack errors render");
            }
        }
    }
});
