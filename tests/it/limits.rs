//! No single file can exhaust or stall a run: files over `max-file-size` are skipped with a
//! warning, parses over `max-parse-time` end in an error for that file, and the other files
//! are linted. Large inputs are made at run time.

use std::path::Path;

use crate::common::{self, check_purpose, policylint, transcript};

/// A folder with a small document beside `name`, which holds `bytes`.
fn folder_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# Good\n\nSubmit the form.\n").unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    dir
}

/// The transcript of `check` on `dir` with `args`, the folder path removed.
fn check(dir: &Path, args: &[&str]) -> String {
    let output = check_purpose(dir, args);
    transcript(&output).replace(&format!("{}/", dir.display()), "")
}

/// Prose of exactly `len` bytes, in paragraphs.
fn prose(len: usize) -> Vec<u8> {
    let mut text = b"# Large\n\n".to_vec();
    while text.len() < len {
        text.extend_from_slice(b"Submit the form and tell your manager.\n\n");
    }
    text.truncate(len);
    text
}

#[test]
fn a_file_over_the_default_10_mb_is_skipped_with_a_warning() {
    let dir = folder_with("large.md", &prose(10_000_001));
    insta::assert_snapshot!(check(dir.path(), &[]), @r"
    exit code: 1
    --- stdout
    good.md:1:1: error[purpose-missing]: this policy never states its purpose
    --- stderr
    warning: large.md: file is 10000001 bytes (10 MB), over the max-file-size limit of 10000000 bytes (10 MB); skipped
    checked 1 file, skipped 1 (over max-file-size): 1 error, 0 warnings, 0 info
    ");
    // At the limit, it is linted. Spaces fill it out: what is under test is the size gate, and
    // ten megabytes of sentences would spend seconds of a debug build on the lint itself.
    let mut at_limit = prose(100);
    at_limit.resize(10_000_000, b' ');
    let dir = folder_with("large.md", &at_limit);
    assert!(
        check(dir.path(), &[]).contains("large.md:1:1: error[purpose-missing]"),
        "a file of exactly the limit is linted"
    );
}

#[test]
fn the_size_limit_comes_from_the_command_line_over_the_configuration() {
    let dir = folder_with("large.md", &prose(2_000));
    insta::assert_snapshot!(check(dir.path(), &["--max-file-size", "1kB"]), @r"
    exit code: 1
    --- stdout
    good.md:1:1: error[purpose-missing]: this policy never states its purpose
    --- stderr
    warning: large.md: file is 2000 bytes (2 kB), over the max-file-size limit of 1000 bytes (1 kB); skipped
    checked 1 file, skipped 1 (over max-file-size): 1 error, 0 warnings, 0 info
    ");
    std::fs::write(
        dir.path().join("policylint.toml"),
        "[lint]\nmax-file-size = \"1KiB\"\n",
    )
    .unwrap();
    assert!(
        check(dir.path(), &[])
            .contains("file is 2000 bytes (2 kB), over the max-file-size limit of 1024 bytes"),
        "the configuration sets the limit"
    );
    let raised = check(dir.path(), &["--max-file-size", "1MB"]);
    assert!(
        raised.contains("large.md:1:1: error[purpose-missing]") && !raised.contains("warning:"),
        "the command line raises it: {raised}"
    );
}

#[test]
fn an_unreadable_size_on_the_command_line_is_a_usage_error() {
    let output = policylint()
        .args(["check", "--max-file-size", "ten", "fixtures/cases"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("invalid value 'ten' for '--max-file-size <SIZE>': `ten` is not a size"),
        "{stderr}"
    );
}

/// Markdown that takes a while to parse: lists nested a thousand deep, many times over.
fn slow_markdown() -> Vec<u8> {
    let mut text = b"# Slow\n\n".to_vec();
    for _ in 0..200 {
        text.extend_from_slice("- ".repeat(1_000).as_bytes());
        text.extend_from_slice(b"Submit the form.\n\n");
    }
    text
}

#[test]
fn a_parse_over_its_time_budget_is_an_error_for_that_file_alone() {
    // The budget of the configuration nearest the slow file; the good file keeps the default.
    let dir = folder_with("slow/slow.md", &slow_markdown());
    std::fs::write(
        dir.path().join("slow/policylint.toml"),
        "[lint]\nmax-parse-time = 0.001\n",
    )
    .unwrap();
    insta::assert_snapshot!(check(dir.path(), &[]), @r"
    exit code: 2
    --- stdout
    good.md:1:1: error[purpose-missing]: this policy never states its purpose
    --- stderr
    error: slow/slow.md: gave up parsing after 0.001 s (max-parse-time): the markup is too large or too deeply nested to parse in time
    checked 2 files: 1 error, 0 warnings, 0 info
    ");
}

#[test]
fn the_parse_time_budget_applies_to_html_too() {
    let page = "<ul><li>Submit the form.</li></ul>".repeat(20_000);
    let dir = folder_with("page.html", page.as_bytes());
    std::fs::remove_file(dir.path().join("good.md")).unwrap();
    insta::assert_snapshot!(check(dir.path(), &["--max-parse-time", "0.001"]), @r"
    exit code: 2
    --- stdout
    --- stderr
    error: page.html: gave up parsing after 0.001 s (max-parse-time): the markup is too large or too deeply nested to parse in time
    checked 1 file: 0 errors, 0 warnings, 0 info
    ");
}

/// tree-sitter-html carries the open elements in every token's state, so a page nested
/// ever deeper is refused before it is parsed rather than filling memory until the deadline.
#[test]
fn html_nested_too_deep_is_refused_before_it_is_parsed() {
    let page = format!("<p>Rules</p>{}", "<a>".repeat(1_000_000));
    let dir = folder_with("page.html", page.as_bytes());
    std::fs::write(
        dir.path().join("block.md"),
        format!("# Rules\n\n<div>\n{}\n</div>\n", "<span>".repeat(200)),
    )
    .unwrap();
    insta::assert_snapshot!(check(dir.path(), &[]), @r"
    exit code: 2
    --- stdout
    good.md:1:1: error[purpose-missing]: this policy never states its purpose
    --- stderr
    error: block.md: HTML elements nest more than 100 deep at byte 609: too deep to read
    error: page.html: HTML elements nest more than 100 deep at byte 312: too deep to read
    checked 3 files: 1 error, 0 warnings, 0 info
    ");
}

#[test]
fn standard_input_is_read_no_further_than_the_limit() {
    let output = policylint()
        .args([
            "check",
            "--format",
            "concise",
            "--max-file-size",
            "1kB",
            "-",
        ])
        .write_stdin(prose(5_000))
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output), @r"
    exit code: 0
    --- stdout
    --- stderr
    warning: -: more than the max-file-size limit of 1000 bytes (1 kB); skipped
    checked 0 files, skipped 1 (over max-file-size): 0 errors, 0 warnings, 0 info
    ");
}

#[test]
fn the_parse_budget_is_the_same_whatever_the_number_of_jobs() {
    // Each file takes a fraction of the budget to parse; two dozen of them at once on a few
    // cores wait for a core far longer than the budget, and waiting must not count.
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("# Deep\n\n{}Submit the form.\n", "> ".repeat(50_000));
    for i in 0..24 {
        std::fs::write(dir.path().join(format!("deep-{i:02}.md")), &deep).unwrap();
    }
    let run = |jobs: &str| {
        let output = common::run_in(
            dir.path(),
            &[
                "check",
                ".",
                "--no-cache",
                "--format",
                "concise",
                "--max-parse-time",
                "0.5",
                "--jobs",
                jobs,
            ],
        );
        common::outcome(&output)
    };
    let one = run("1");
    assert_eq!(one.0, Some(1), "every file parses within the budget");
    assert_eq!(run("24"), one);
}
