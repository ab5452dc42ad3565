//! `policylint report`: the exact Markdown, JSON and CSV of the fixture handbook, comparison
//! with an earlier report, thresholds from the command line and the configuration, escaping of
//! what documents say, and the command's errors.

use std::path::Path;

use crate::common::{copy_tree, policylint, root, transcript};

const HANDBOOK: &str = "fixtures/handbook";

fn stdout_of(args: &[&str]) -> String {
    let output = policylint().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn markdown_report_of_the_handbook() {
    insta::assert_snapshot!(stdout_of(&["report", HANDBOOK]));
}

#[test]
fn json_report_of_the_handbook() {
    insta::assert_snapshot!(stdout_of(&["report", HANDBOOK, "--format", "json"]));
}

#[test]
fn csv_report_of_the_handbook() {
    insta::assert_snapshot!(stdout_of(&["report", HANDBOOK, "--format", "csv"]));
}

#[test]
fn the_terminal_gets_one_line_and_the_file_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coverage.md");
    let output = policylint()
        .args(["report", HANDBOOK, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "reported 7 documents (6 assessed, 2 purpose-driven); wrote {}\n",
            file.display()
        )
    );
    // The format follows the extension.
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        stdout_of(&["report", HANDBOOK])
    );
}

/// The HTML report of the handbook, written to a file.
fn html_of_the_handbook() -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coverage.html");
    let output = policylint()
        .args(["report", HANDBOOK, "-q", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    std::fs::read_to_string(&file).unwrap()
}

/// The part of a page from `start` to the next `end` after it, both included.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = from + page[from..].find(end).unwrap() + end.len();
    &page[from..to]
}

#[test]
fn the_html_report_opens_with_what_to_fix_first() {
    let html = html_of_the_handbook();
    let main = between(&html, "<main>", "<section id=\"overview\">");
    insta::assert_snapshot!(main.replace("</li>", "</li>\n"));
}

#[test]
fn needs_attention_links_every_row_to_what_to_fix() {
    let html = html_of_the_handbook();
    let attention = between(&html, "<section id=\"attention\">", "</section>");
    let links: Vec<&str> = attention
        .split("href=\"#fix-")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(links.len(), 4, "{attention}");
    for document in links {
        assert!(
            html.contains(&format!("<li id=\"fix-{document}\">")),
            "no entry for fix-{document}"
        );
    }
}

/// The Markdown lists "What to fix first" in full for the first five documents and in one
/// line each for the rest "Needs attention" shows; every row of that table links to its entry
/// through an explicit `<a id>`, which GitHub keeps (prefixed `user-content-`) and resolves.
#[test]
fn markdown_needs_attention_links_every_row_to_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join(HANDBOOK), dir.path());
    // More documents that need attention than "What to fix first" shows in full.
    for copy in ["a", "b", "c"] {
        for policy in ["expenses.md", "remote-work.md"] {
            std::fs::copy(
                root().join(HANDBOOK).join("policies").join(policy),
                dir.path().join(format!("policies/{copy}-{policy}")),
            )
            .unwrap();
        }
    }
    let output = report_in(dir.path(), &["."]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let markdown = String::from_utf8(output.stdout).unwrap();
    let fix_first = between(&markdown, "### What to fix first", "\n\n###");
    let attention = between(&markdown, "### Documents that need attention", "\n\n###");
    let links: Vec<&str> = attention
        .split("](#")
        .skip(1)
        .map(|rest| &rest[..rest.find(')').unwrap()])
        .collect();
    assert_eq!(links.len(), 10, "{attention}");
    for anchor in &links {
        assert_eq!(
            fix_first
                .matches(&format!("<a id=\"{anchor}\"></a>"))
                .count(),
            1,
            "no entry for #{anchor}"
        );
    }
    insta::assert_snapshot!(format!("{fix_first}\n\n{attention}"));
}

/// `fixtures/handbook-before` is an earlier version of the handbook: the expenses policy
/// still gave its purpose, the travel policy existed, remote work did not, and the team lead's
/// role had no plan. Both are copied side by side so the paths match.
fn before_and_after() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [("fixtures/handbook-before", "before"), (HANDBOOK, "after")] {
        copy_tree(&root().join(from), &dir.path().join(to));
    }
    let status = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir.path().join("before"))
        .args(["report", ".", "-o", "../before.json", "-q"])
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    dir
}

fn compare(dir: &Path, format: &str) -> String {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir.join("after"))
        .args([
            "report",
            ".",
            "--compare",
            "../before.json",
            "--format",
            format,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn comparison_in_markdown_says_what_got_worse() {
    let dir = before_and_after();
    let markdown = compare(dir.path(), "md");
    assert!(
        markdown.contains("- `policies/expenses.md` no longer mentions a purpose and reasons"),
        "{markdown}"
    );
    insta::assert_snapshot!(markdown);
}

#[test]
fn comparison_in_json_and_csv() {
    let dir = before_and_after();
    let json: serde_json::Value = serde_json::from_str(&compare(dir.path(), "json")).unwrap();
    insta::assert_snapshot!(
        "comparison_json",
        serde_json::to_string_pretty(&json["comparison"]).unwrap()
    );
    insta::assert_snapshot!("comparison_csv", compare(dir.path(), "csv"));
    assert_eq!(json["comparison"]["against"], "../before.json");
}

#[test]
fn comparison_in_html() {
    let dir = before_and_after();
    let status = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir.path().join("after"))
        .args([
            "report",
            ".",
            "--compare",
            "../before.json",
            "-o",
            "../coverage.html",
        ])
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let html = std::fs::read_to_string(dir.path().join("coverage.html")).unwrap();
    assert!(html.contains("<h2>What changed since ../before.json</h2>"));
    assert!(html.contains(
        "<li class=\"worse\"><strong>Expenses policy</strong> no longer mentions a purpose and \
         reasons for what is asked<span class=\"path\">policies/expenses.md</span></li>"
    ));
    assert!(html.contains("<h3>Removed (1)</h3>"));
}

#[test]
fn comparing_with_a_report_of_itself_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    policylint()
        .args(["report", HANDBOOK, "-q", "-o"])
        .arg(&old)
        .assert()
        .code(0);
    let markdown = stdout_of(&["report", HANDBOOK, "--compare", old.to_str().unwrap()]);
    assert!(markdown.ends_with("Nothing changed.\n\n"), "{markdown}");
}

#[test]
fn compare_needs_a_json_report_of_this_version() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("missing.json", None),
        ("text.json", Some("not json")),
        ("future.json", Some("{\"version\": 2}")),
        ("broken.json", Some("{\"version\": 1, \"documents\": 3}")),
    ];
    let mut messages = String::new();
    for (name, content) in cases {
        let path = dir.path().join(name);
        if let Some(content) = content {
            std::fs::write(&path, content).unwrap();
        }
        let output = policylint()
            .args(["report", HANDBOOK, "--compare"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8(output.stderr).unwrap();
        messages.push_str(&stderr.replace(&dir.path().display().to_string(), "DIR"));
    }
    insta::assert_snapshot!(messages);
}

#[test]
fn thresholds_fail_the_run_and_say_by_how_much() {
    let output = policylint()
        .args([
            "report",
            HANDBOOK,
            "--min-coverage",
            "purpose=0.8,manage=50%",
            "--min-coverage",
            "vision=0.5",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(format!(
        "exit code: {:?}\n{}",
        output.status.code(),
        String::from_utf8(output.stderr).unwrap()
    ));
    // Passing thresholds are quiet and exit 0; they are still in the report.
    let output = policylint()
        .args([
            "report",
            HANDBOOK,
            "--min-coverage",
            "empowerment=0.6,lead=0.5",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(markdown.contains(
        "| ✅ passed | empowerment | mentioned in 66.7% of documents (4 of 6) | 60% | --min-coverage |"
    ), "{markdown}");
}

#[test]
fn threshold_names_and_values_are_checked() {
    let run = |flag: &str| {
        let output = policylint()
            .args(["report", HANDBOOK, "--min-coverage", flag])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{flag}");
        String::from_utf8(output.stderr).unwrap()
    };
    assert_eq!(
        run("purpse=0.8"),
        "error: unknown concept or dimension `purpse` (--min-coverage); did you mean `purpose`?\n"
    );
    assert!(run("purpose=2").contains("the minimum for `purpose` must be from 0 to 1"));
    assert!(run("purpose").contains("expected NAME=MINIMUM"));
}

/// A folder with its own `policylint.toml` and the documents of the handbook's policies.
fn configured(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &root().join(HANDBOOK).join("policies"),
        &dir.path().join("policies"),
    );
    std::fs::write(dir.path().join("policylint.toml"), config).unwrap();
    dir
}

fn report_in(dir: &Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir)
        .arg("report")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn thresholds_come_from_the_configuration_and_flags_replace_them() {
    let dir = configured(
        "[lint]\nfail-on = \"warning\"\n\n[report]\nmin-coverage = { purpose = 0.9, lead = 0.5 }\n",
    );
    let output = report_in(dir.path(), &["policies", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "error: coverage below the minimum: purpose: mentioned in 75% of documents (3 of 4), \
         15 points below the minimum of 90% (policylint.toml line 5)\n\
         reported 4 documents (4 assessed, 1 purpose-driven); 1 of 2 thresholds failed\n"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&json["thresholds"]).unwrap());
    let output = report_in(
        dir.path(),
        &["policies", "--min-coverage", "purpose=0.75", "-q"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    // The table form works too.
    let dir = configured("[report.min-coverage]\nmanage = 1\n");
    let output = report_in(dir.path(), &["policies", "-q"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("(policylint.toml line 2)")
    );
}

#[test]
fn configured_thresholds_are_checked_where_they_are_written() {
    let mut transcripts = String::new();
    for config in [
        "[report]\nmin-coverage = { manage = 80, lead = \"high\" }\n",
        "[report.min-coverage]\npurpse = 0.8\n",
    ] {
        let dir = configured(config);
        transcripts.push_str(&transcript(&report_in(dir.path(), &["policies"])));
    }
    insta::assert_snapshot!(transcripts);
}

#[test]
fn every_string_from_a_document_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pol|icies");
    std::fs::create_dir(&folder).unwrap();
    let name = if cfg!(unix) {
        "<img src=x onerror=alert(2)>.md"
    } else {
        "plain.md"
    };
    std::fs::write(
        folder.join(name),
        "---\ntitle: \"<script>alert(1)</script> | *bold* & [link](x)\"\n---\n\nWe must submit \
         expenses so that we can pay people back.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("formula.md"),
        "---\ntitle: \"=HYPERLINK(\\\"http://example.com\\\")\"\n---\n\nEmployees must file \
         claims because we pay people.\n",
    )
    .unwrap();
    let html_path = dir.path().join("coverage.html");
    let output = report_in(dir.path(), &["pol|icies", "-q", "-o", "coverage.html"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the report's own script"
    );
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *bold* &amp; [link](x)"));
    if cfg!(unix) {
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;.md"));
    }

    let markdown = String::from_utf8(report_in(dir.path(), &["pol|icies", "-q"]).stdout).unwrap();
    assert!(
        markdown.contains("\\<script\\>alert(1)\\</script\\> \\| \\*bold\\* \\& \\[link\\](x)"),
        "{markdown}"
    );
    assert!(markdown.contains("`pol\\|icies`"), "{markdown}");
    assert!(
        !markdown.replace("\\<", "").contains("<script"),
        "{markdown}"
    );
    if cfg!(unix) {
        // Inside a code span markup is shown as written.
        assert!(markdown.contains("`pol\\|icies/<img src=x onerror=alert(2)>.md`"));
    }

    let csv =
        String::from_utf8(report_in(dir.path(), &["pol|icies", "-q", "--format", "csv"]).stdout)
            .unwrap();
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://example.com\"\")\",policy,"),
        "a title is never a formula: {csv}"
    );
}

#[test]
fn a_report_is_never_written_over_a_document_it_reports_on() {
    let dir = configured("");
    let first = report_in(dir.path(), &[".", "-o", "coverage.md"]);
    assert_eq!(
        String::from_utf8(first.stderr).unwrap(),
        "reported 4 documents (4 assessed, 1 purpose-driven); wrote coverage.md\n"
    );
    // Now coverage.md is a Markdown file in the folder, so the run would lint it.
    let policy = dir.path().join("policies/code-of-conduct.md");
    let before = std::fs::read(&policy).unwrap();
    for (path, output) in [
        ("coverage.md", "coverage.md"),
        (
            "policies/code-of-conduct.md",
            "./policies/../policies/code-of-conduct.md",
        ),
    ] {
        let refused = report_in(dir.path(), &[".", "-o", output]);
        assert_eq!(refused.status.code(), Some(2));
        assert_eq!(
            String::from_utf8(refused.stderr).unwrap(),
            format!(
                "error: will not write the report over {path}, which this run lints; write it \
                 elsewhere or exclude it\n"
            )
        );
    }
    assert_eq!(std::fs::read(&policy).unwrap(), before);
    std::fs::write(
        dir.path().join("policylint.toml"),
        "[lint]\nexclude = [\"coverage.md\"]\n",
    )
    .unwrap();
    let excluded = report_in(dir.path(), &[".", "-o", "coverage.md"]);
    assert_eq!(excluded.status.code(), Some(0), "{excluded:?}");
}

#[test]
fn an_empty_folder_makes_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let output = report_in(dir.path(), &["."]);
    assert_eq!(output.status.code(), Some(2), "nothing to lint is an error");
    let output = report_in(dir.path(), &[".", "--allow-empty"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "## Coverage report\n\n0 documents in `.`.\n\nNo document to assess.\n\n"
    );
    let args = [".", "--allow-empty", "--min-coverage", "purpose=0.5", "-q"];
    let output = report_in(dir.path(), &args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "nothing to measure is not a pass"
    );
    let output = report_in(
        dir.path(),
        &[".", "--allow-empty", "-q", "-o", "empty.html"],
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    let cases: [&[&str]; 4] = [
        &["report", HANDBOOK, "--format", "html"],
        &["report", HANDBOOK, "-o", "coverage.pdf"],
        &["report", "-"],
        &["report", "fixtures/no-such-folder"],
    ];
    let mut transcripts = String::new();
    for args in cases {
        let output = policylint().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        transcripts.push_str(&format!("$ policylint {}\n", args.join(" ")));
        transcripts.push_str(&String::from_utf8(output.stderr).unwrap());
    }
    insta::assert_snapshot!(transcripts);
}

#[test]
fn odd_files_are_noted_and_missing_ones_exit_2_after_the_report() {
    let dir = configured("");
    std::fs::write(
        dir.path().join("policies/scan.md"),
        [0x00, 0xff, 0x00, 0x01],
    )
    .unwrap();
    let output = report_in(
        dir.path(),
        &["policies", "policies/gone.md", "--format", "csv"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        5,
        "the header and four documents: {stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error: policies/gone.md: no such file or directory"),
        "{stderr}"
    );
    assert!(stderr.contains("note: policies/scan.md: "), "{stderr}");
}

/// Every field of the JSON report is described in docs/report-json.md.
#[test]
fn the_json_schema_document_describes_every_field() {
    fn fields(
        value: &serde_json::Value,
        parent: &str,
        found: &mut std::collections::BTreeSet<String>,
    ) {
        // Objects keyed by concept, dimension or quadrant name, not by field.
        const MAPS: [&str; 4] = ["concepts", "coverage", "quadrants", "balance"];
        match value {
            serde_json::Value::Object(object) if MAPS.contains(&parent) => {
                object.values().for_each(|v| fields(v, "*", found));
            }
            serde_json::Value::Object(object) => {
                for (key, v) in object {
                    found.insert(key.clone());
                    fields(v, key, found);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| fields(v, parent, found)),
            _ => {}
        }
    }
    let dir = before_and_after();
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir.path().join("after"))
        .args([
            "report",
            ".",
            "--compare",
            "../before.json",
            "--format",
            "json",
        ])
        .args(["--min-coverage", "purpose=0.5,lead=0.5"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found = std::collections::BTreeSet::new();
    fields(&json, "", &mut found);
    let docs = std::fs::read_to_string(root().join("docs/report-json.md")).unwrap();
    let missing: Vec<&String> = found
        .iter()
        .filter(|f| {
            ![format!("`{f}`"), format!(".{f}`"), format!("\"{f}\"")]
                .iter()
                .any(|form| docs.contains(form.as_str()))
        })
        .collect();
    assert!(missing.is_empty(), "undocumented fields: {missing:?}");
    assert!(found.len() > 40, "{found:?}");
}

const PACK_ARGS: [&str; 5] = [
    "fixtures/report-pack/memos",
    "--no-default-rules",
    "--rules",
    "fixtures/report-pack/style.toml",
    "-q",
];

#[test]
fn a_pack_without_manage_and_lead_has_no_quadrants() {
    let mut args = vec!["report"];
    args.extend(PACK_ARGS);
    insta::assert_snapshot!(stdout_of(&args));
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("memos.html");
    policylint()
        .args(&args)
        .arg("-o")
        .arg(&html)
        .assert()
        .code(0);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(!html.contains("id=\"quadrant-chart\""));
    assert!(html.contains("id=\"heat-map-1\"") && html.contains("id=\"folder-bars-1\""));
}

#[test]
fn json_reports_are_valid_against_their_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/report-v1.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = before_and_after();
    let empty = tempfile::tempdir().unwrap();
    let mut pack = vec!["--format", "json"];
    pack.extend(PACK_ARGS);
    let runs = [
        report_in(root(), &[HANDBOOK, "--format", "json"]),
        report_in(
            &dir.path().join("after"),
            &[
                ".",
                "--compare",
                "../before.json",
                "--format",
                "json",
                "--min-coverage",
                "purpose=0.9,lead=0.1",
            ],
        ),
        report_in(
            empty.path(),
            &[".", "--format", "json", "--min-coverage", "purpose=0.5"],
        ),
        report_in(root(), &pack),
        report_in(root(), &["fixtures/lifecycle", "--format", "json"]),
    ];
    for (index, output) in runs.iter().enumerate() {
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "report {index} is invalid:\n{}",
            errors.join("\n")
        );
    }
    // The schema is strict: a misspelt field is an error.
    let mut json: serde_json::Value = serde_json::from_slice(&runs[0].stdout).unwrap();
    json["documents"][0]["titel"] = serde_json::json!("x");
    assert!(!validator.is_valid(&json));
}

#[test]
fn heading_attributes_never_reach_the_report() {
    let output = policylint()
        .args([
            "report",
            "--no-cache",
            "--format",
            "md",
            "fixtures/terminal/heading-attributes.md",
        ])
        .output()
        .unwrap();
    let report = String::from_utf8(output.stdout).unwrap();
    assert!(report.contains("Travel expenses"), "{report}");
    assert!(!report.contains('{'), "{report}");
}
