//! Odd input never stops a run: each case gets a clear message naming the file, the other
//! files are still linted, and the exit code says what happened. Large inputs are made at
//! run time in temporary folders.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{check_purpose, policylint, purpose_command, transcript};

/// The finding the good document beside each odd file always has.
const GOOD: &str = "good.md:1:1: error[purpose-missing]: this policy never states its purpose\n";

/// A folder with one good document (which has a finding) beside the odd file.
fn folder_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# Good\n\nSubmit the form.\n").unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

/// Run `check` on a folder; returns (exit code, stdout, stderr with the folder path removed).
fn check(dir: &Path) -> (i32, String, String) {
    check_with(dir, &[])
}

/// [`check`] with more arguments; no run may take long, whatever the input.
fn check_with(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = check_purpose(dir, args);
    let prefix = format!("{}/", dir.display());
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout)
            .unwrap()
            .replace(&prefix, ""),
        String::from_utf8(output.stderr)
            .unwrap()
            .replace(&prefix, ""),
    )
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_the_offset() {
    let dir = folder_with("latin1.md", b"# Caf\xe9 policy\n\nNo reason given here.\n");
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "good.md:1:1: error[purpose-missing]: this policy never states its purpose\n\
         latin1.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
    );
    assert_eq!(
        stderr,
        "warning: latin1.md: invalid UTF-8 at byte offset 5 (1 invalid sequence); replaced with U+FFFD\n\
         checked 2 files: 2 errors, 0 warnings, 0 info\n"
    );
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = folder_with("scan.md", b"%PDF-1.4\x00\x01\x02binary");
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "good.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
    );
    assert_eq!(
        stderr,
        "note: scan.md: binary file (NUL byte at offset 8), skipped\nchecked 1 file, skipped 1 (binary): 1 error, 0 warnings, 0 info\n"
    );
}

#[test]
fn empty_and_blank_files_are_noted_not_flagged() {
    for content in [&b""[..], b"  \n\n\t\n"] {
        let dir = folder_with("empty.md", content);
        let (code, stdout, stderr) = check(dir.path());
        assert_eq!(code, 1);
        assert_eq!(
            stdout,
            "good.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
        );
        assert_eq!(
            stderr,
            "note: empty.md: empty file, nothing to check\nchecked 1 file, skipped 1 (empty): 1 error, 0 warnings, 0 info\n"
        );
    }
}

#[test]
fn a_missing_path_is_an_error_with_exit_2() {
    let dir = folder_with("other.md", b"# Other\n");
    let output = purpose_command()
        .arg(dir.path())
        .arg(dir.path().join("gone.md"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().lines().count(),
        2,
        "both readable files are linted"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("gone.md: no such file or directory"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_with_exit_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with("secret.md", b"# Secret\n");
    let secret = dir.path().join("secret.md");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Permission bits do not stop root; /proc/self/mem always refuses a plain read.
    let unreadable = if std::fs::read(&secret).is_ok() {
        Path::new("/proc/self/mem").to_path_buf()
    } else {
        secret.clone()
    };
    let output = purpose_command()
        .arg(dir.path().join("good.md"))
        .arg(&unreadable)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().lines().count(),
        1,
        "the readable file is linted"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "error: {}: cannot read file: ",
            unreadable.display()
        )),
        "{stderr}"
    );
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_decoded() {
    let text = "# Zweck\n\nSubmit the form.\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let dir = folder_with("le.md", &le);
    std::fs::write(dir.path().join("be.md"), be).unwrap();
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "be.md:1:1: error[purpose-missing]: this policy never states its purpose\n{GOOD}\
             le.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
        )
    );
    assert_eq!(stderr, "checked 3 files: 3 errors, 0 warnings, 0 info\n");
}

#[test]
fn a_utf8_byte_order_mark_is_dropped_and_columns_count_from_the_text() {
    let dir = folder_with("bom.md", b"\xEF\xBB\xBF# Marked\n\nSubmit the form.\n");
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!("bom.md:1:1: error[purpose-missing]: this policy never states its purpose\n{GOOD}")
    );
    assert_eq!(stderr, "checked 2 files: 2 errors, 0 warnings, 0 info\n");
}

/// `count` bytes of prose on one line, without a line break.
fn one_line(count: usize) -> Vec<u8> {
    let mut line = b"# One line ".to_vec();
    let words = b"the staff of the office and the team ";
    while line.len() < count {
        line.extend_from_slice(words);
    }
    line.truncate(count);
    line
}

#[test]
fn a_line_longer_than_the_default_size_limit_is_linted_when_the_limit_allows_it() {
    // Just over the default 10 MB: how the cost grows with the line is `resource_bounds`' job.
    // A megabyte of words, then spaces to the end of the line: twelve megabytes of words would
    // spend seconds of a debug build on tagging them.
    let mut line = one_line(1 << 20);
    line.resize(12 << 20, b' ');
    let dir = folder_with("long.txt", &line);
    let (code, stdout, stderr) = check_with(dir.path(), &["--max-file-size", "16MiB"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "{GOOD}long.txt:1:1: error[purpose-missing]: this policy never states its purpose\n"
        )
    );
    assert_eq!(stderr, "checked 2 files: 2 errors, 0 warnings, 0 info\n");
}

#[test]
fn nesting_100000_deep_neither_overflows_nor_stalls() {
    for (name, line) in [
        ("lists.md", "- "),
        ("quotes.md", "> "),
        ("mixed.md", "> - "),
    ] {
        let mut text = "# Deep\n\n".to_string();
        text.push_str(&line.repeat(100_000));
        text.push_str("Submit the form.\n");
        let dir = folder_with(name, text.as_bytes());
        let (code, stdout, stderr) = check(dir.path());
        assert_eq!(code, 1, "{name}: {stderr}");
        assert_eq!(
            stdout,
            format!(
                "{GOOD}{name}:1:1: error[purpose-missing]: this policy never states its purpose\n"
            )
        );
        assert_eq!(stderr, "checked 2 files: 2 errors, 0 warnings, 0 info\n");
    }
}

#[test]
fn a_file_of_100000_headings_is_linted() {
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!(
            "{} Part {i}\n\nSubmit the form.\n\n",
            "#".repeat(1 + i % 6)
        ));
    }
    let dir = folder_with("headings.md", text.as_bytes());
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "{GOOD}headings.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
        )
    );
}

/// A pack with one rule, `no-whatever`, that flags the word "whatever" where it stands.
fn whatever_pack() -> tempfile::NamedTempFile {
    let pack = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    std::fs::write(
        pack.path(),
        "[pack]\nname = \"odd\"\n\n[[rules]]\nid = \"no-whatever\"\nkind = \"forbid\"\n\
         terms = [\"whatever\"]\nseverity = \"warning\"\nmessage = \"no \\\"{match}\\\"\"\n",
    )
    .unwrap();
    pack
}

/// Lint `files` (name, bytes) with [`whatever_pack`] only; the transcript, folder path removed.
fn lint_with_whatever(files: &[(&str, &[u8])], format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let pack = whatever_pack();
    let output = policylint()
        .args([
            "check",
            "--no-default-rules",
            "--color",
            "never",
            "--format",
            format,
        ])
        .arg("--rules")
        .arg(pack.path())
        .arg(dir.path())
        .output()
        .unwrap();
    transcript(&output).replace(&format!("{}/", dir.path().display()), "")
}

#[test]
fn crlf_and_lone_cr_line_endings_give_the_same_lines() {
    let lines = ["# Endings", "", "Say whatever", "", "and whatever else."];
    let transcript = lint_with_whatever(
        &[
            ("crlf.md", lines.join("\r\n").as_bytes()),
            ("cr.md", lines.join("\r").as_bytes()),
            ("lf.md", lines.join("\n").as_bytes()),
        ],
        "concise",
    );
    insta::assert_snapshot!(transcript, @r#"
    exit code: 0
    --- stdout
    cr.md:3:5: warning[no-whatever]: no "whatever"
    cr.md:5:5: warning[no-whatever]: no "whatever"
    crlf.md:3:5: warning[no-whatever]: no "whatever"
    crlf.md:5:5: warning[no-whatever]: no "whatever"
    lf.md:3:5: warning[no-whatever]: no "whatever"
    lf.md:5:5: warning[no-whatever]: no "whatever"
    --- stderr
    checked 3 files: 0 errors, 6 warnings, 0 info
    "#);
}

#[test]
fn tabs_and_combining_characters_keep_columns_right() {
    // A tab is one column, and "e" with its combining acute accent two, the way codespan
    // counts characters; in the human output the caret still lands under the word.
    let text = "# Columns\n\nCafe\u{301}\tde\u{301}cor, whatever it takes.\n\n-\tSay whatever.\n";
    let concise = lint_with_whatever(&[("tabs.md", text.as_bytes())], "concise");
    insta::assert_snapshot!(concise, @r#"
    exit code: 0
    --- stdout
    tabs.md:3:15: warning[no-whatever]: no "whatever"
    tabs.md:5:7: warning[no-whatever]: no "whatever"
    --- stderr
    checked 1 file: 0 errors, 2 warnings, 0 info
    "#);
    insta::assert_snapshot!(lint_with_whatever(&[("tabs.md", text.as_bytes())], "human"));
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = folder_with("good.md", b"# Good\n\nSubmit the form.\n");
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9.md");
    std::fs::write(dir.path().join(name), "# Menu\n\nOrder lunch.\n").unwrap();
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "caf\u{FFFD}.md:1:1: error[purpose-missing]: this policy never states its purpose\n{GOOD}"
        )
    );
    assert_eq!(stderr, "checked 2 files: 2 errors, 0 warnings, 0 info\n");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_a_warning_and_the_walk_goes_on() {
    use std::os::unix::fs::symlink;
    let dir = folder_with("other.md", b"# Other\n\nOrder lunch.\n");
    symlink("self", dir.path().join("self")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    let (code, stdout, stderr) = check_with(dir.path(), &["--follow"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "{GOOD}other.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
        )
    );
    assert_eq!(
        stderr,
        "warning: self: symbolic link loop, not followed\n\
         warning: sub/up: symbolic link loop, not followed\n\
         checked 2 files: 2 errors, 0 warnings, 0 info\n"
    );
}

#[cfg(unix)]
#[test]
fn a_file_deleted_or_replaced_by_a_fifo_after_the_walk_is_an_error_for_it_alone() {
    use policylint::walk::{self, WalkOptions};
    use policylint::{Linter, Selection, rules};

    let dir = folder_with("gone.md", b"# Gone\n");
    let swapped = dir.path().join("swapped.md");
    std::fs::write(&swapped, "# Swapped\n").unwrap();
    let files: Vec<PathBuf> = walk::collect(&[dir.path().to_path_buf()], WalkOptions::default())
        .files
        .into_iter()
        .map(|found| found.path)
        .collect();
    assert_eq!(files.len(), 3);
    std::fs::remove_file(dir.path().join("gone.md")).unwrap();
    std::fs::remove_file(&swapped).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(&swapped)
        .status()
        .unwrap();
    assert!(status.success());

    let pack = rules::PackSource::builtin(rules::DEFAULT_PACK).unwrap();
    let linter = Linter::new(
        policylint::check::load(&[pack]).unwrap(),
        Selection::default(),
    );
    let mut reports = Vec::new();
    linter.lint_files(&files, 2, |report| reports.push(report));
    // One line per file: its name, its notices, and whether it was linted.
    let outcome: Vec<String> = reports
        .iter()
        .map(|report| {
            let notices: Vec<String> = report
                .notices
                .iter()
                .map(|n| format!("{}: {}", n.level.name(), n.message))
                .collect();
            format!(
                "{} [{}] linted: {}",
                report.path.file_name().unwrap().to_string_lossy(),
                notices.join("; "),
                report.linted.is_some()
            )
        })
        .collect();
    assert_eq!(
        outcome,
        [
            "gone.md [error: cannot read file: no such file or directory] linted: false",
            "good.md [] linted: true",
            "swapped.md [error: not a regular file, skipped] linted: false",
        ]
    );
}

#[test]
fn a_folder_named_like_a_document_is_walked_not_read() {
    let dir = folder_with("other.txt", b"Nothing here.\n");
    std::fs::remove_file(dir.path().join("other.txt")).unwrap();
    let folder = dir.path().join("notes.md");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inner.md"), "# Inner\n\nOrder lunch.\n").unwrap();
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "{GOOD}notes.md/inner.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
        )
    );
    assert_eq!(stderr, "checked 2 files: 2 errors, 0 warnings, 0 info\n");
    let (code, stdout, _) = check(&folder);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

#[test]
fn a_path_given_twice_is_linted_once() {
    let dir = folder_with("other.md", b"# Other\n\nOrder lunch.\n");
    let absolute = dir.path().join("good.md");
    let output = purpose_command()
        .current_dir(dir.path())
        .args(["good.md", "good.md", "./good.md", "."])
        .arg(&absolute)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let prefix = format!("{}/", dir.path().display());
    assert_eq!(
        stdout.replace(&prefix, ""),
        format!(
            "{GOOD}other.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
        )
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "checked 2 files: 2 errors, 0 warnings, 0 info\n"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_never_blocks_the_run() {
    let dir = folder_with("other.md", b"# Other\n\nOrder lunch.\n");
    let fifo = dir.path().join("pipe.md");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    // Found in a folder, it is not a file to lint.
    let (code, stdout, stderr) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert_eq!(stderr, "checked 2 files: 2 errors, 0 warnings, 0 info\n");
    // Named, it is an error, and the named document beside it is still linted.
    let output = purpose_command()
        .arg(&fifo)
        .arg(dir.path().join("good.md"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "error: {}: not a regular file, skipped\n",
            fifo.display()
        )),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_not_followed_gets_one_notice() {
    use std::os::unix::fs::symlink;
    let dir = folder_with("other.md", b"# Other\n\nOrder lunch.\n");
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::fs::write(dir.path().join("elsewhere/kept.txt"), "kept").unwrap();
    symlink("other.md", dir.path().join("linked.md")).unwrap();
    symlink("elsewhere/kept.txt", dir.path().join("linked.png")).unwrap();
    let (code, _, stderr) = check_with(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "note: linked.md: symbolic link, not followed (--follow lints what it points at)\n\
         checked 3 files: 3 errors, 0 warnings, 0 info\n"
    );
    let (_, _, quiet) = check_with(dir.path(), &["--quiet"]);
    assert_eq!(quiet, "");
}
