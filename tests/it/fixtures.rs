//! The exact output of `policylint check` on every fixture document, in both text formats, and
//! the statements `inspect` reads in the statement fixtures.

use policylint::Worker;
use policylint::inspect as inspection;
use policylint::workspace::{CommandLine, Workspace};

use crate::common::{policylint, relative, transcript};

#[test]
fn human_output_of_every_fixture() {
    insta::glob!("../../fixtures/cases", "*.*", |path| {
        let output = policylint()
            .args(["check", &relative(path), "--color", "never"])
            .output()
            .unwrap();
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn concise_output_of_every_fixture() {
    insta::glob!("../../fixtures/cases", "*.*", |path| {
        let output = policylint()
            .args(["check", &relative(path), "--format", "concise"])
            .output()
            .unwrap();
        insta::assert_snapshot!(transcript(&output));
    });
}

/// What the terminal shows of documents whose shape once gave it away: a heading's attribute
/// list (`{#id}`) never shown as its words, one label per span where the sections searched
/// start at the title.
#[test]
fn human_output_of_terminal_fixtures() {
    insta::glob!("../../fixtures/terminal", "*.*", |path| {
        let output = policylint()
            .args(["check", &relative(path), "--color", "never", "--no-cache"])
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

/// Documents that say purpose and process in plain words without the usual keywords, and
/// pages full of those keywords that say neither: what each is found to state, its findings,
/// and for each missing concept what was searched and which sentences came closest. They are
/// read here as `inspect` reads them, by one linter in this process: the command line's own
/// output is checked on `fixtures/cases`, and starting it twice per fixture made this the
/// slowest test of the suite.
#[test]
fn statements_read_by_meaning_not_words() {
    let mut workspace = Workspace::new(CommandLine::default());
    let mut worker = Worker::default();
    insta::glob!("../../fixtures/statements", "*.md", |path| {
        let path = std::path::PathBuf::from(relative(path));
        let index = workspace.linter_for(&path).unwrap();
        let linter = &workspace.linters[index];
        let report = linter.inspect_path(&path, &mut worker);
        let notices = report
            .notices
            .iter()
            .map(|notice| format!("{}: {}\n", path.display(), notice.message))
            .collect::<String>();
        let inspect = inspection::render(report.linted.as_ref().unwrap(), linter);
        let statements = inspect
            .lines()
            .skip_while(|line| !line.starts_with("statements"))
            .take_while(|line| !line.starts_with("coverage"))
            .collect::<Vec<_>>()
            .join("\n");
        let findings = inspect
            .lines()
            .skip_while(|line| !line.starts_with("findings"))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("{notices}{statements}\n{findings}"));
    });
}

/// The statement fixtures carry a reader's labels: purpose-missing, process-missing and
/// people-missing must agree with them on these hand-made cases.
#[test]
fn statement_fixtures_agree_with_their_labels() {
    let output = policylint()
        .args([
            "eval",
            "fixtures/statements/labels.toml",
            "--format",
            "json",
        ])
        .args([
            "--min",
            "purpose-missing=0.8,process-missing=0.9,people-missing=0.7",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
}
