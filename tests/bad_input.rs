//! Odd input never stops a run: each case gets a clear message naming the file, the other
//! files are still linted, and the exit code says what happened.

mod common;

use std::path::Path;

use common::policylint;

/// A folder with one good document (which has a finding) beside the odd file.
fn folder_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.md"), "# Good\n\nSubmit the form.\n").unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    dir
}

/// Run `check` on a folder; returns (exit code, stdout, stderr with the folder path removed).
fn check(dir: &Path) -> (i32, String, String) {
    let output = policylint()
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .arg(dir)
        .output()
        .unwrap();
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
        "note: scan.md: binary file (NUL byte at offset 8), skipped\nchecked 2 files: 1 error, 0 warnings, 0 info\n"
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
            "note: empty.md: empty file, nothing to check\nchecked 2 files: 1 error, 0 warnings, 0 info\n"
        );
    }
}

#[test]
fn a_missing_path_is_an_error_with_exit_2() {
    let dir = folder_with("other.md", b"# Other\n");
    let output = policylint()
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
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
    let output = policylint()
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
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
