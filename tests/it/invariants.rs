//! The invariants of `policylint::invariants` on every fixture and on odd inputs, in every
//! format: what the fuzz targets check, run by CI without a fuzzer. Inputs the fuzzers found
//! breaking an invariant stay here as regression cases.

use std::path::Path;
use std::sync::LazyLock;

use policylint::rules::{self, PackSource};
use policylint::source::Format;
use policylint::{FileReport, Linter, Selection, Worker, invariants};

use crate::common;

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let rules =
        policylint::check::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
    Linter::new(rules, Selection::default())
});

const TEXT_FORMATS: [Format; 5] = [
    Format::Markdown,
    Format::Text,
    Format::Html,
    Format::Rst,
    Format::AsciiDoc,
];

/// Lint `bytes` as `path` twice with one worker; panics with `what` when an invariant breaks
/// or the second lint differs.
fn assert_sound(path: &Path, format: Format, bytes: &[u8], what: &str) -> FileReport {
    let mut worker = Worker::default();
    let report = LINTER.inspect_bytes(path, format, bytes.to_vec(), &mut worker);
    if let Some(linted) = &report.linted
        && let Some(broken) = invariants::violation(linted)
    {
        panic!("{what} as {}: {broken}", format.name());
    }
    let again = LINTER.lint_bytes(path, format, bytes.to_vec(), &mut worker);
    assert_eq!(report.notices, again.notices, "{what}: notices differ");
    assert_eq!(
        report.linted.as_ref().map(|l| &l.result.findings),
        again.linted.as_ref().map(|l| &l.findings),
        "{what}: findings differ on a second lint"
    );
    report.into_results()
}

/// `text` in every text format.
fn assert_sound_everywhere(text: &str, what: &str) {
    for format in TEXT_FORMATS {
        assert_sound(Path::new("odd"), format, text.as_bytes(), what);
    }
}

#[test]
fn every_fixture_keeps_the_invariants() {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(common::root().join("fixtures")) {
        let entry = entry.unwrap();
        let path = entry.path();
        let Some(format) = Format::from_path(path).filter(|_| entry.file_type().is_file()) else {
            continue;
        };
        let bytes = std::fs::read(path).unwrap();
        let report = assert_sound(path, format, &bytes, &common::relative(path));
        checked += usize::from(report.linted.is_some());
    }
    let packages = common::formats_folder();
    for format in [Format::Docx, Format::Odt] {
        let path = packages
            .path()
            .join(format!("remote-work.{}", format.name()));
        let report = assert_sound(&path, format, &std::fs::read(&path).unwrap(), format.name());
        assert!(report.linted.is_some(), "{}: not linted", format.name());
        checked += 1;
    }
    assert!(checked > 50, "only {checked} fixtures were linted");
}

#[test]
fn fixtures_keep_the_invariants_read_as_every_text_format() {
    for entry in walkdir::WalkDir::new(common::root().join("fixtures/formats")).max_depth(1) {
        let path = entry.unwrap().into_path();
        if path.is_file() {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_sound_everywhere(&text, &common::relative(&path));
        }
    }
}

#[test]
fn line_endings_tabs_and_control_characters() {
    let cases = [
        "# Title\r\n\r\nWe review the process.\r\n\r\n## Growth\r\nPeople grow.\r\n",
        "# Title\rWe review\rthe process.\r\r- item\r- other\r",
        "# Title\n\r\n\r\rmixed\r\n\nendings\n\r",
        "\tindented\tby tabs\n\t- item\twith\ttab\n|\ta\t|\tb\t|\n|---|---|\n|\tc\t|\td\t|\n",
        "NUL\0inside\0the text\n\0\n# \0\n",
        "\u{feff}# After a byte-order mark\n\nSome prose.\n",
        "form feed\u{c}and vertical tab\u{b}here.\n\n# Head\u{c}ing\n",
        "\u{1b}[31mescape codes\u{1b}[0m and \u{7f} delete\n",
        "line separator\u{2028}paragraph separator\u{2029}next line\u{85}done.\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        assert_sound_everywhere(text, &format!("case {i}"));
    }
}

#[test]
fn wide_and_combining_characters() {
    let cases = [
        "# Ce\u{301}sar\n\nLe processus e\u{301}volue. Manag\u{0308}er.\n",
        "# \u{0301}\u{0301}\u{0301}\n\n\u{0301}leading combining marks\u{0308}.\n",
        "# 日本語の方針\n\n私たちは毎週プロセスを見直します。人が育つ。\n",
        "# 👩‍👩‍👧 Family 🏳️‍🌈\n\nWe 🙂 review the process 👍🏽. Growth ❤️.\n",
        "# עברית\n\nمرحبا بالعالم. The process, \u{202e}reversed\u{202c}.\n",
        "ﬁ ligature ﬀ and ẞ capital sharp s, İstanbul ǅ.\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        assert_sound_everywhere(text, &format!("case {i}"));
    }
}

#[test]
fn unclosed_and_odd_markup() {
    let cases = [
        "# Title\n\n```\nunclosed fence\n# not a heading\n",
        "~~~~\n~~~\n```\n",
        "<!-- unclosed comment\n# Title\n",
        "<div>\n# Title\n<p>unclosed <b>bold <i>italic\n",
        "[link](<unclosed\n![img](\n[ref]:\n",
        "**bold _italic ~~strike `code\n",
        "| a | b |\n|---|\n| c |\n| d | e | f |\n",
        "# \n\n#\n\n######\n\n####### seven\n",
        "Setext\n===\n\n---\n\n***\n\nAnother\n---\n",
        "=====\nTitle\n=====\n\n.. comment\n   more\n\n.. policylint-disable\n",
        "= Doc\n:attr: value\n\n[source]\n----\ncode\n\n////\nunclosed block comment\n",
        "<script>process</script><style>purpose</style>&amp;&#x2603;&#99999999;&bogus;\n",
        "<h1><h2><h3>nested headings</h3></h2></h1><table><tr><td><table><td>cell\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        assert_sound_everywhere(text, &format!("case {i}"));
    }
}

#[test]
fn front_matter_edge_cases() {
    let cases = [
        "---\n",
        "---\n---\n",
        "---\ntitle: only front matter\n---",
        "---\ntitle:\nkind:\n---\n# Body\n",
        "---\ntitle: \"unterminated\nkind: [role\npolicylint: { disable: [a, b\n---\n",
        "---\npolicylint:\n  disable:\n    - purpose-missing\n    -\n---\nBody.\n",
        "+++\ntitle = \"TOML\"\nkind = 3\n[policylint]\ndisable = [1]\n+++\n",
        "+++\ntitle = \n+++\n",
        "--- \ntitle: trailing space fence\n--- \n",
        "---\r\ntitle: CRLF\r\n---\r\nBody.\r\n",
        "---\ntitle: Ünïcödé 👍\n---\n",
        "---\ntitle: never closed\n\n# Body\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        assert_sound_everywhere(text, &format!("case {i}"));
    }
}

#[test]
fn deep_nesting_and_huge_lines() {
    let depth = 2_000;
    let cases = [
        format!("{}deep quote\n", "> ".repeat(depth)),
        format!("{}deep list\n", "- ".repeat(depth)),
        (1..=depth)
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i % 50)))
            .collect(),
        format!("{}text{}", "<div>".repeat(depth), "</div>".repeat(depth)),
        format!("{}emphasis{}", "*_".repeat(depth), "_*".repeat(depth)),
        format!("{}brackets{}", "[".repeat(depth), "]".repeat(depth)),
        (1..=depth)
            .map(|i| format!("{} H{i}\n", "#".repeat(i % 7 + 1)))
            .collect(),
        // Longer than the piece a paragraph's inline markup is parsed in (256 KiB), so the
        // lines cross pieces.
        "We review the process and people grow. ".repeat(8_000),
        "x".repeat(600 << 10),
        "é".repeat(100_000),
        "\n".repeat(100_000),
    ];
    for (i, text) in cases.iter().enumerate() {
        assert_sound_everywhere(text, &format!("case {i}"));
    }
}
