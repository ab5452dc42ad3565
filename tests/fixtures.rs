//! The exact output of `policylint check` on every fixture document, in both text formats.

mod common;

use common::{policylint, relative, transcript};

#[test]
fn human_output_of_every_fixture() {
    insta::glob!("../fixtures/cases", "*.*", |path| {
        let output = policylint()
            .args(["check", &relative(path), "--color", "never"])
            .output()
            .unwrap();
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn concise_output_of_every_fixture() {
    insta::glob!("../fixtures/cases", "*.*", |path| {
        let output = policylint()
            .args(["check", &relative(path), "--format", "concise"])
            .output()
            .unwrap();
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn inspect_shows_the_document_as_the_linter_sees_it() {
    for fixture in [
        "fixtures/cases/balanced-code.md",
        "fixtures/cases/policy.txt",
    ] {
        let output = policylint().args(["inspect", fixture]).output().unwrap();
        assert!(output.status.success());
        insta::assert_snapshot!(
            fixture.replace(['/', '.'], "_"),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn the_demo_handbook_reads_as_the_readme_shows() {
    let output = policylint()
        .args(["check", "fixtures/handbook", "--color", "never"])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}
