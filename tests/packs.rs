//! Rule packs: every load error points at the exact key or value, and exits 2; a valid extra
//! pack adds rules beside the built-in ones.

mod common;

use common::{policylint, relative, transcript};
use policylint::rules::{self, PackSource};

#[test]
fn every_invalid_pack_is_a_located_error_with_exit_2() {
    insta::glob!("../fixtures/packs/invalid", "*.toml", |path| {
        let output = policylint()
            .args([
                "check",
                "fixtures/cases/balanced-code.md",
                "--color",
                "never",
                "--rules",
                &relative(path),
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", relative(path));
        assert!(
            output.stdout.is_empty(),
            "nothing is linted with a broken pack"
        );
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn an_extra_pack_adds_its_rules_beside_the_builtin_ones() {
    let output = policylint()
        .args(["check", "fixtures/packs/memo.md", "--format", "concise"])
        .args(["--rules", "fixtures/packs/house-style.toml"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "fixtures/packs/memo.md:1:1: warning[measures-missing]: this policy never says how outcomes are measured\n\
         fixtures/packs/memo.md:1:1: warning[people-missing]: this policy says nothing about leading the people it affects\n\
         fixtures/packs/memo.md:3:5: info[no-guys]: \"guys\" is not inclusive\n\
         fixtures/packs/memo.md:3:17: warning[no-jargon]: avoid the jargon word \"leverage\"\n\
         fixtures/packs/memo.md:3:30: warning[no-jargon]: avoid the jargon word \"synergy\"\n\
         fixtures/packs/memo.md:5:1: warning[needs-escalation]: section \"How to claim\" names a process but describes only 1 step(s)\n"
    );
}

/// A pack that needs nothing from the built-in one.
const STANDALONE: &str = "[pack]\nname = \"a\"\n[[rules]]\nid = \"no-ninja\"\nkind = \"forbid\"\nterms = [\"ninja\"]\nseverity = \"info\"\nmessage = \"no\"\n";

#[test]
fn no_default_rules_leaves_the_builtin_pack_out() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("standalone.toml");
    std::fs::write(&pack, STANDALONE).unwrap();
    let output = policylint()
        .args(["rules", "--no-default-rules", "--rules"])
        .arg(&pack)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let ids: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, ["no-ninja", "unused-suppression"]);
    // The house-style pack uses the built-in `process` concept, so it cannot stand alone.
    policylint()
        .args([
            "rules",
            "--no-default-rules",
            "--rules",
            "fixtures/packs/house-style.toml",
        ])
        .assert()
        .code(2);
}

#[test]
fn a_folder_of_packs_loads_every_toml_file_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("fixtures/packs/house-style.toml", dir.path().join("b.toml")).unwrap();
    std::fs::write(dir.path().join("a.toml"), STANDALONE).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a pack").unwrap();
    let output = policylint()
        .args([
            "rules",
            "--select",
            "no-ninja,no-jargon,purpose-missing",
            "--rules",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let active: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.contains(" off "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(active, ["purpose-missing", "no-ninja", "no-jargon"]);
}

#[test]
fn no_packs_at_all_is_a_usage_error() {
    policylint()
        .args(["check", "fixtures/cases", "--no-default-rules"])
        .assert()
        .code(2)
        .stderr("error: no rule packs: --no-default-rules needs at least one --rules FILE|DIR\n");
}

#[test]
fn the_builtin_pack_loads_and_every_rule_has_docs() {
    let set = rules::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
    for id in [
        "purpose-missing",
        "process-missing",
        "people-missing",
        "measures-missing",
        "authoritarian",
        "laissez-faire",
        "rule-without-purpose",
        "vision-without-roadmap",
        "communication-cadence",
        "role-purpose",
        "role-responsibilities",
        "role-success-measures",
        "role-growth",
    ] {
        let rule = set
            .rule(id)
            .unwrap_or_else(|| panic!("built-in rule {id} is missing"));
        assert!(
            rule.explanation.as_deref().is_some_and(|e| e.len() > 100),
            "{id} needs an explanation"
        );
        assert!(
            rule.help.as_deref().is_some_and(|h| !h.is_empty()),
            "{id} needs help"
        );
        assert!(rule.examples.is_some(), "{id} needs examples");
    }
}

#[test]
fn the_pack_example_in_the_readme_loads_and_its_examples_hold() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = readme
        .find("## Writing rule packs")
        .expect("the README documents packs");
    let start = section
        + readme[section..]
            .find("```toml\n")
            .expect("the README shows a pack")
        + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let set = rules::load(&[
        PackSource::builtin(rules::DEFAULT_PACK).unwrap(),
        PackSource {
            origin: "README.md".into(),
            text: readme[start..end].to_string(),
        },
    ])
    .unwrap_or_else(|errors| panic!("{errors:?}"));
    let rule = set.rule("no-jargon").unwrap();
    let examples = rule.examples.clone().unwrap();
    let linter = policylint::Linter::new(set, policylint::Selection::default());
    let fires = |text: &str| {
        linter
            .lint_source(
                "memo.md",
                policylint::source::Format::Markdown,
                text.into(),
                &mut Default::default(),
            )
            .unwrap()
            .findings
            .iter()
            .any(|f| f.rule == "no-jargon")
    };
    assert!(fires(&examples.bad));
    assert!(!fires(&examples.good));
}

/// An unknown placeholder is underlined where it is written, even after escapes or in a
/// multi-line string; one that only an escape makes underlines the whole string (found by
/// fuzzing: the label could land inside a character).
#[test]
fn unknown_placeholders_are_located_in_the_source_as_written() {
    let rule = |id: &str, message: &str| {
        format!(
            "[[rules]]\nid = \"{id}\"\nkind = \"require-concept\"\nconcept = \"purpose\"\n\
             severity = \"warning\"\nmessage = {message}\n\n"
        )
    };
    let text = [
        "[pack]\nname = \"escapes\"\n\n".to_string(),
        rule("escaped", r#""caf\u00e9 \"{kind}\" lacks {concpt}""#),
        rule(
            "multi-line",
            "\"\"\"\nthis {kind} \\\n  lacks {purpos}\"\"\"",
        ),
        rule("literal", "'''\n\u{e9}t\u{e9} {kind} {nme}'''"),
        rule("hidden", r#""an escaped \u007Bbrace} is one too""#),
    ]
    .concat();
    let errors = rules::load(&[
        PackSource::builtin(rules::DEFAULT_PACK).unwrap(),
        PackSource {
            origin: "escapes.toml".into(),
            text: text.clone(),
        },
    ])
    .unwrap_err();
    let underlined: Vec<(&str, &str)> = errors
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), &text[d.labels[0].range.clone()]))
        .collect();
    assert_eq!(
        underlined,
        [
            ("unknown placeholder `{concpt}`", "{concpt}"),
            ("unknown placeholder `{purpos}`", "{purpos}"),
            ("unknown placeholder `{nme}`", "{nme}"),
            (
                "unknown placeholder `{brace}`",
                r#""an escaped \u007Bbrace} is one too""#
            ),
        ]
    );
}
