//! The machine-readable output formats: their exact output on the fixtures, the SARIF against
//! the official schema and the JSON against its own, the shapes GitLab and reviewdog read,
//! fingerprints that survive edits, escaping of odd paths and messages, and notices.

use std::path::Path;

use codespan_reporting::term::termcolor::NoColor;
use policylint::output::{OutputFormat, Summary};
use policylint::rules::{self, PackSource};
use policylint::{FileReport, Notice, NoticeLevel};
use serde_json::Value;

use crate::common::{self, policylint, root, transcript};

const FORMATS: [&str; 6] = ["json", "sarif", "github", "junit", "gitlab", "rdjsonl"];

/// A run's transcript with the version number masked, so a release does not touch snapshots.
fn masked(output: &std::process::Output) -> String {
    transcript(output).replace(env!("CARGO_PKG_VERSION"), "[version]")
}

fn stdout_json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("standard output is one JSON document")
}

/// Run `policylint check` in `dir` with `args`.
fn check_in(dir: &Path, args: &[&str]) -> std::process::Output {
    policylint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_format_on_the_cases() {
    for format in FORMATS {
        let output = check_in(root(), &["fixtures/cases", "--format", format]);
        insta::assert_snapshot!(format!("cases_{format}"), masked(&output));
    }
}

#[test]
fn every_format_on_the_handbook() {
    for format in FORMATS {
        let output = check_in(root(), &["fixtures/handbook", "--format", format]);
        insta::assert_snapshot!(format!("handbook_{format}"), masked(&output));
    }
}

/// Validators for the official SARIF 2.1.0 schema (kept in `tests/data`) and for the
/// documented JSON schema, with `format` keywords (URIs) checked too.
fn validator(schema: &Path) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(schema).unwrap_or_else(|err| panic!("{}: {err}", schema.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, document: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let validator = validator(&root().join("tests/data/sarif-schema-2.1.0.json"));
    let empty = tempfile::tempdir().unwrap();
    let runs = [
        check_in(root(), &["fixtures/cases", "--format", "sarif"]),
        check_in(root(), &["fixtures/handbook", "--format", "sarif"]),
        check_in(root(), &["fixtures/suppressions", "--format", "sarif"]),
        check_in(empty.path(), &["--format", "sarif"]),
        check_in(notices_folder().path(), &["--format", "sarif"]),
        check_in(escaping_folder().path(), &escaping_args("sarif")),
        check_in(common::formats_folder().path(), &["--format", "sarif"]),
    ];
    for (index, output) in runs.iter().enumerate() {
        assert_valid(
            &validator,
            &stdout_json(output),
            &format!("SARIF run {index}"),
        );
    }
    if let Some(corpus) = common::corpus() {
        // The shared corpus is read, never written to: no cache folder in it.
        let output = check_in(&corpus, &["--format", "sarif", "--no-cache"]);
        assert_valid(&validator, &stdout_json(&output), "SARIF on the corpus");
    }
    // The schema does reject what is wrong: a region cannot start on line 0.
    let mut broken = stdout_json(&runs[0]);
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn json_output_follows_its_documented_schema() {
    let validator = validator(&root().join("docs/check-output-v1.schema.json"));
    let empty = tempfile::tempdir().unwrap();
    let runs = [
        check_in(root(), &["fixtures/cases", "--format", "json"]),
        check_in(root(), &["fixtures/handbook", "--format", "json"]),
        check_in(empty.path(), &["--format", "json"]),
        check_in(notices_folder().path(), &["--format", "json"]),
        check_in(common::formats_folder().path(), &["--format", "json"]),
    ];
    for (index, output) in runs.iter().enumerate() {
        let document = stdout_json(output);
        assert_eq!(document["version"], policylint::output::JSON_VERSION);
        assert_valid(&validator, &document, &format!("JSON run {index}"));
    }
    if let Some(corpus) = common::corpus() {
        // The shared corpus is read, never written to: no cache folder in it.
        let output = check_in(&corpus, &["--format", "json", "--no-cache"]);
        assert_valid(&validator, &stdout_json(&output), "JSON on the corpus");
    }
    // A field the schema does not document is an error, so the two cannot drift apart.
    let mut undocumented = stdout_json(&runs[0]);
    undocumented["files"][0]["findings"][0]["column"] = 1.into();
    assert!(!validator.is_valid(&undocumented));
}

#[test]
fn gitlab_report_has_the_code_quality_shape() {
    let output = check_in(root(), &["fixtures/cases", "--format", "gitlab"]);
    let issues = stdout_json(&output);
    let issues = issues.as_array().expect("a JSON array");
    assert!(issues.len() > 20, "the cases have many findings");
    let mut fingerprints = std::collections::HashSet::new();
    for issue in issues {
        assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(issue["check_name"].as_str().is_some_and(|c| !c.is_empty()));
        let severity = issue["severity"].as_str().unwrap();
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity));
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(
            root().join(path).is_file(),
            "{path} is a file of the repository"
        );
        let begin = issue["location"]["lines"]["begin"].as_u64().unwrap();
        let end = issue["location"]["lines"]["end"].as_u64().unwrap();
        assert!(begin >= 1 && end >= begin);
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert!(
            fingerprints.insert(fingerprint.to_string()),
            "fingerprint {fingerprint} is unique"
        );
    }
}

#[test]
fn rdjsonl_lines_are_reviewdog_diagnostics_with_byte_columns() {
    // Without process-missing, the findings that would be notes on it stand on their own, and
    // some of them follow non-ASCII text on their line.
    let args = ["fixtures/cases", "--ignore", "process-missing", "--format"];
    let output = check_in(root(), &[&args[..], &["rdjsonl"]].concat());
    let json = stdout_json(&check_in(root(), &[&args[..], &["json"]].concat()));
    let findings: Vec<&Value> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .collect();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len(), "one line per finding");
    let mut wider_than_characters = 0;
    for (line, finding) in lines.iter().zip(findings) {
        let diagnostic: Value = serde_json::from_str(line).expect("each line is one JSON object");
        assert!(["ERROR", "WARNING", "INFO"].contains(&diagnostic["severity"].as_str().unwrap()));
        assert_eq!(diagnostic["source"]["name"], "policylint");
        assert_eq!(diagnostic["code"]["value"], finding["rule"]);
        let path = diagnostic["location"]["path"].as_str().unwrap();
        assert_eq!(path, finding["path"]);
        let start = &diagnostic["location"]["range"]["start"];
        assert_eq!(start["line"], finding["start"]["line"]);
        // reviewdog counts UTF-8 bytes: the bytes before the column are the characters the
        // JSON output counts before its column.
        let source = std::fs::read_to_string(root().join(path)).unwrap();
        let source_line = source
            .split('\n')
            .nth(start["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let bytes_before = start["column"].as_u64().unwrap() as usize - 1;
        let characters_before = source_line[..bytes_before].chars().count();
        assert_eq!(
            characters_before + 1,
            finding["start"]["column"].as_u64().unwrap() as usize
        );
        wider_than_characters += usize::from(bytes_before > characters_before);
    }
    assert!(
        wider_than_characters > 0,
        "some finding follows non-ASCII text on its line"
    );
}

/// Lines inserted above the findings move them down but keep their fingerprints.
#[test]
fn fingerprints_survive_lines_inserted_above() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(root().join("fixtures/cases/authoritarian.md")).unwrap();
    let path = dir.path().join("policy.md");
    let prints = |format: &str| -> Vec<(String, String, u64)> {
        let output = check_in(dir.path(), &["policy.md", "--format", format]);
        let document = stdout_json(&output);
        match format {
            "gitlab" => document
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    (
                        i["check_name"].as_str().unwrap().to_string(),
                        i["fingerprint"].as_str().unwrap().to_string(),
                        i["location"]["lines"]["begin"].as_u64().unwrap(),
                    )
                })
                .collect(),
            _ => document["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["ruleId"].as_str().unwrap().to_string(),
                        r["partialFingerprints"]["policylintAnchor/v1"]
                            .as_str()
                            .unwrap()
                            .to_string(),
                        r["locations"][0]["physicalLocation"]["region"]["startLine"]
                            .as_u64()
                            .unwrap(),
                    )
                })
                .collect(),
        }
    };
    for format in ["gitlab", "sarif"] {
        std::fs::write(&path, &original).unwrap();
        let before = prints(format);
        std::fs::write(
            &path,
            format!("<!-- reviewed in March -->\n\n<!-- by the people team -->\n\n{original}"),
        )
        .unwrap();
        let after = prints(format);
        assert!(!before.is_empty());
        assert_eq!(before.len(), after.len());
        for ((rule, print, line), (rule_after, print_after, line_after)) in
            before.iter().zip(&after)
        {
            assert_eq!((rule, print), (rule_after, print_after), "{format}");
            assert_eq!(line + 4, *line_after, "{format}: the finding moved down");
        }
    }
}

/// A file name with every character a format must escape (where the system allows it).
const ODD_NAME: &str = if cfg!(windows) {
    "draft, 50%; v2.md"
} else {
    "draft: 50%, v2\r\n<&\">.md"
};

/// The odd file name; with [`escaping_args`], messages with every character a format must
/// escape too.
fn escaping_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/output/draft.md"),
        dir.path().join(ODD_NAME),
    )
    .unwrap();
    dir
}

fn escaping_args(format: &str) -> Vec<&str> {
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/output/escaping.toml");
    vec!["--no-default-rules", "--rules", pack, "--format", format]
}

#[cfg(unix)]
#[test]
fn odd_paths_and_messages_are_escaped_in_every_format() {
    let dir = escaping_folder();
    for format in FORMATS {
        let output = check_in(dir.path(), &escaping_args(format));
        insta::assert_snapshot!(format!("escaping_{format}"), masked(&output));
    }
}

const ODD_MESSAGE: &str = "\"synergy\" is 100% jargon <&> — say it plainly,\r\nor: drop it";

/// What the Actions runner reads back from a workflow command's property or message.
fn unescape_command(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_read_back_as_the_path_and_message() {
    let dir = escaping_folder();
    let output = check_in(dir.path(), &escaping_args("github"));
    let text = String::from_utf8(output.stdout).unwrap();
    let first = text.lines().next().expect("one command per finding");
    let command = first.strip_prefix("::").unwrap();
    let (command, message) = command.split_once("::").unwrap();
    let (level, properties) = command.split_once(' ').unwrap();
    assert_eq!(level, "warning");
    let properties: Vec<(&str, String)> = properties
        .split(',')
        .map(|p| {
            let (key, value) = p.split_once('=').unwrap();
            assert!(
                !value.contains(':'),
                "`:` in a property is escaped: {value}"
            );
            (key, unescape_command(value))
        })
        .collect();
    assert_eq!(properties[0], ("file", ODD_NAME.to_string()));
    assert_eq!(
        properties[5],
        ("title", "policylint (no-jargon)".to_string())
    );
    assert_eq!(
        unescape_command(message),
        format!("{ODD_MESSAGE}\n\nhelp: Write <plain> & \"simple\" words: 50%, no more.")
    );
}

#[test]
fn junit_is_well_formed_xml_that_reads_back_as_the_path_and_message() {
    let dir = escaping_folder();
    let output = check_in(dir.path(), &escaping_args("junit"));
    let text = String::from_utf8(output.stdout).unwrap();
    let xml = roxmltree::Document::parse(&text).expect("well-formed XML");
    let suite = xml
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some(ODD_NAME));
    let failure = suite
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    let message = format!("{ODD_MESSAGE} (and 1 more)");
    assert_eq!(failure.attribute("message"), Some(message.as_str()));
    let first_line = format!("{ODD_NAME}:1:10: warning: {ODD_MESSAGE}\n");
    assert!(failure.text().unwrap().starts_with(&first_line));
}

/// Files that give notices: invalid UTF-8 (a warning), binary and empty (notes).
fn notices_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let policy = std::fs::read(root().join("fixtures/cases/balanced-code.md")).unwrap();
    let mut latin1 = policy.clone();
    latin1.extend_from_slice(b"\nCaf\xe9 staff are welcome.\n");
    std::fs::write(dir.path().join("latin1.md"), latin1).unwrap();
    std::fs::write(dir.path().join("binary.md"), b"PK\x03\x04\x00\x00binary").unwrap();
    std::fs::write(dir.path().join("empty.md"), b"  \n").unwrap();
    dir
}

#[test]
fn notices_reach_the_formats_that_have_a_place_for_them() {
    let dir = notices_folder();
    for format in FORMATS {
        let output = check_in(dir.path(), &["--format", format]);
        insta::assert_snapshot!(format!("notices_{format}"), masked(&output));
    }
}

/// A file that could not be read is an error in every format that reports notices.
#[test]
fn an_unreadable_file_is_an_error_where_the_format_has_a_place_for_it() {
    let rules =
        policylint::check::load(&[PackSource::builtin(rules::DEFAULT_PACK).unwrap()]).unwrap();
    let report = FileReport {
        path: "policies/locked.md".into(),
        notices: vec![Notice {
            level: NoticeLevel::Error,
            message: "cannot read file: permission denied".into(),
        }],
        linted: None,
        skipped: None,
    };
    let summary = Summary {
        files: 1,
        failed_files: 1,
        ..Summary::default()
    };
    let mut outputs = String::new();
    for format in [
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
        OutputFormat::Junit,
        OutputFormat::Gitlab,
        OutputFormat::Rdjsonl,
    ] {
        let mut out = NoColor::new(Vec::new());
        let mut emitter = format.emitter();
        emitter.file(&report, &rules, &mut out).unwrap();
        emitter.finish(&summary, &mut out).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        outputs.push_str(&format!("--- {format:?}\n{text}"));
    }
    insta::assert_snapshot!(outputs.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}
