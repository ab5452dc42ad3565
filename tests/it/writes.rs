//! policylint writes only the files it is asked to write, and never into the files it lints.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::common::{self, policylint};

/// Every file under `dir`: its bytes and when it was last modified.
fn state(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let meta = entry.metadata().unwrap();
            (
                entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string(),
                (
                    std::fs::read(entry.path()).unwrap(),
                    meta.modified().unwrap(),
                ),
            )
        })
        .collect()
}

#[test]
fn no_command_modifies_a_linted_file() {
    // Every format, the cases with their suppressions and odd line endings, and invalid UTF-8:
    // what a careless tool would be likeliest to "fix".
    let docs = common::formats_folder();
    common::copy_files(&common::root().join("fixtures/cases"), docs.path());
    std::fs::write(docs.path().join("latin1.md"), b"# Caf\xe9\r\rNo purpose.\r").unwrap();
    let before = state(docs.path());
    assert!(before.len() > 10, "the cases are copied");

    let out = tempfile::tempdir().unwrap();
    let baseline = out.path().join("baseline.toml");
    let report = out.path().join("report.html");
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec!["check".into(), docs.path().into()],
        vec![
            "check".into(),
            docs.path().into(),
            "--write-baseline".into(),
            baseline.clone().into(),
        ],
        vec![
            "check".into(),
            docs.path().into(),
            "--baseline".into(),
            baseline.clone().into(),
        ],
        vec![
            "report".into(),
            docs.path().into(),
            "-o".into(),
            report.clone().into(),
        ],
        vec![
            "report".into(),
            docs.path().into(),
            "--format".into(),
            "csv".into(),
        ],
        vec!["inspect".into(), docs.path().join("latin1.md").into()],
    ];
    for args in &runs {
        let output = policylint().args(args).output().unwrap();
        assert!(
            output.status.code().is_some_and(|c| c < 2),
            "{args:?}: {output:?}"
        );
    }
    let init = policylint()
        .current_dir(docs.path())
        .arg("init")
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");

    let mut after = state(docs.path());
    assert!(
        after.remove("policylint.toml").is_some(),
        "init wrote its file"
    );
    assert!(after == before, "a linted file changed");
    let mut written: Vec<String> = state(out.path()).into_keys().collect();
    written.sort();
    assert_eq!(written, ["baseline.toml", "report.html"]);
}

#[test]
fn a_baseline_is_never_written_over_a_file_the_run_lints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.md"), "# Policy\n\nNo purpose.\n").unwrap();
    let output = common::run_in(dir.path(), &["check", ".", "--write-baseline", "policy.md"]);
    assert_eq!(
        common::transcript(&output),
        "exit code: 2\n--- stdout\n--- stderr\nerror: will not write the baseline over policy.md, which this run lints; write it elsewhere or exclude it\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("policy.md")).unwrap(),
        "# Policy\n\nNo purpose.\n"
    );
}

#[cfg(unix)]
#[test]
fn a_report_to_dev_stdout_is_printed() {
    let output = policylint()
        .args(["report", "fixtures/handbook", "-q", "-o", "/dev/stdout"])
        .args(["--format", "md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("## Coverage report"),
    );
}

#[cfg(unix)]
#[test]
fn a_baseline_keeps_its_permissions_and_its_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("kept")).unwrap();
    let real = dir.path().join("kept/baseline.toml");
    std::fs::write(&real, "").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("baseline.toml");
    std::os::unix::fs::symlink("kept/baseline.toml", &link).unwrap();
    let output = policylint()
        .args([
            "check",
            "fixtures/handbook",
            "--no-cache",
            "--write-baseline",
        ])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let meta = real.metadata().unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("[[finding]]")
    );
}

#[cfg(unix)]
#[test]
fn init_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    std::os::unix::fs::symlink("shared/policylint.toml", dir.path().join("policylint.toml"))
        .unwrap();
    let output = common::run_in(dir.path(), &["init", "--force"]);
    assert!(output.status.success(), "{output:?}");
    assert!(
        dir.path()
            .join("policylint.toml")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(dir.path().join("shared/policylint.toml").is_file());
}

/// Run policylint with its standard output a pipe already closed at the reading end, as
/// `policylint ... | head -0` would leave it.
fn run_into_a_closed_pipe(args: &[&str], dir: &Path) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_standard_output_still_gets_the_baseline_written_in_every_format() {
    use clap::ValueEnum;
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::root().join("fixtures/handbook"), dir.path());
    for format in policylint::output::OutputFormat::value_variants() {
        let name = format.to_possible_value().unwrap().get_name().to_string();
        let baseline = format!("{name}.baseline.toml");
        let args = ["check", ".", "--no-cache", "--format", &name];
        let output = run_into_a_closed_pipe(
            &[&args[..], &["--write-baseline", &baseline]].concat(),
            dir.path(),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        assert!(!stderr.contains("error:"), "{name}: {stderr}");
        let written = std::fs::read_to_string(dir.path().join(&baseline)).unwrap();
        assert!(written.contains("[[finding]]"), "{name}: {written}");
    }
}

#[test]
fn a_closed_standard_output_ends_every_command_quietly() {
    let dir = common::root();
    for args in [
        &["report", "fixtures/handbook", "--no-cache", "-q"][..],
        &["inspect", "fixtures/handbook/policies/expenses.md"],
        &["rules"],
        &["explain", "purpose-missing"],
    ] {
        let output = run_into_a_closed_pipe(args, dir);
        assert_eq!(
            common::transcript(&output),
            "exit code: 0\n--- stdout\n--- stderr\n",
            "{args:?}"
        );
    }
}
