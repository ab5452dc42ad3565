//! policylint writes only the files it is asked to write, and never into the files it lints.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::policylint;

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
