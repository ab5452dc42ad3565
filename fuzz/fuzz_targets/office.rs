//! Any bytes as the XML parts of a Word or OpenDocument package, zipped here so the fuzzer
//! spends its time in the XML readers rather than on zip checksums. The first byte picks the
//! format; the rest is the main part (`word/document.xml`, `content.xml`) up to the first
//! `0xFF` byte and the styles part after it. Linted with a one-second parse budget: an input
//! that needs more fails the lint as it would a real run, and one that ignores the budget is
//! caught by libFuzzer's timeout.
#![no_main]

mod common;

use std::io::Write;
use std::sync::LazyLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use policylint::check;
use policylint::rules::{self, PackSource};
use policylint::source::Format;
use policylint::{Linter, Selection};
use zip::write::{SimpleFileOptions, ZipWriter};

/// The built-in pack with a one-second parse budget.
static BOUNDED: LazyLock<Linter> = LazyLock::new(|| {
    let pack = PackSource::builtin(rules::DEFAULT_PACK).expect("the built-in pack");
    let rules = check::load(&[pack]).expect("the built-in pack loads");
    let mut linter = Linter::new(rules, Selection::default());
    linter.limits.max_parse_time = Duration::from_secs(1);
    linter
});

/// A stored (uncompressed) zip of `parts`.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        writer.start_file(*name, options).expect("a new part");
        writer.write_all(bytes).expect("writing to memory");
    }
    writer.finish().expect("writing to memory").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, xml)) = data.split_first() else {
        return;
    };
    let (main, styles) = match xml.iter().position(|&b| b == 0xFF) {
        Some(at) => (&xml[..at], &xml[at + 1..]),
        None => (xml, &[][..]),
    };
    let (format, bytes) = if first % 2 == 0 {
        let parts = [("word/document.xml", main), ("word/styles.xml", styles)];
        (Format::Docx, package(&parts))
    } else {
        let parts = [
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.text".as_slice(),
            ),
            ("content.xml", main),
            ("styles.xml", styles),
        ];
        (Format::Odt, package(&parts))
    };
    common::lint_checked(&BOUNDED, &common::file_name(format), format, &bytes);
});
