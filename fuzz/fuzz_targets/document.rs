//! Any bytes, read as Markdown, text, HTML, reStructuredText, AsciiDoc, Word or OpenDocument,
//! linted with the built-in pack: no panic, every invariant holds, and a second lint agrees.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((format, bytes)) = common::split_format(data) {
        common::lint_checked(&common::BUILTIN, &common::file_name(format), format, bytes);
    }
});
