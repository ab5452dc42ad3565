//! The command-line contract: exit codes, output streams, flags.

use crate::common::{self, policylint, purpose_command};

const CLEAN: &str = "fixtures/cases/balanced-code.md";
const WARNINGS_ONLY: &str = "fixtures/cases/role-missing-success.md";
const ERRORS: &str = "fixtures/cases/purpose-missing.md";

#[test]
fn exit_0_when_clean() {
    policylint()
        .args(["check", CLEAN])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn exit_1_when_a_finding_reaches_fail_on() {
    policylint().args(["check", ERRORS]).assert().code(1);
    policylint().args(["check", WARNINGS_ONLY]).assert().code(0);
    policylint()
        .args(["check", WARNINGS_ONLY, "--fail-on", "warning"])
        .assert()
        .code(1);
    policylint()
        .args(["check", CLEAN, "--fail-on", "info"])
        .assert()
        .code(0);
}

#[test]
fn a_missing_path_exits_2_after_linting_the_others() {
    let output = policylint()
        .args([
            "check",
            "fixtures/cases/no-such-file.md",
            ERRORS,
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("purpose-missing.md:1:1: error[purpose-missing]"),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error: fixtures/cases/no-such-file.md: no such file or directory"),
        "{stderr}"
    );
}

#[test]
fn concise_prints_exactly_one_line_per_finding_on_stdout() {
    let output = policylint()
        .args(["check", "fixtures/cases", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line =
        regex::Regex::new(r"^fixtures/cases/[\w.-]+:\d+:\d+: (error|warning|info)\[[a-z-]+\]: .+$")
            .unwrap();
    assert!(stdout.lines().count() > 20);
    for l in stdout.lines() {
        assert!(line.is_match(l), "not a concise line: {l:?}");
    }
    let stderr = String::from_utf8(output.stderr).unwrap();
    let errors = stdout.lines().filter(|l| l.contains(": error[")).count();
    assert!(
        stderr.contains(&format!("checked 20 files: {errors} errors")),
        "{stderr}"
    );
}

#[test]
fn quiet_drops_the_summary() {
    policylint()
        .args(["check", ERRORS, "--format", "concise", "--quiet"])
        .assert()
        .code(1)
        .stderr("");
}

#[test]
fn findings_come_in_path_then_position_order_for_any_number_of_jobs() {
    let run = |jobs: &str| {
        policylint()
            .args(["check", "fixtures", "--format", "concise", "--jobs", jobs])
            .output()
            .unwrap()
            .stdout
    };
    let one = String::from_utf8(run("1")).unwrap();
    assert_eq!(one, String::from_utf8(run("4")).unwrap());
    let keys: Vec<(String, usize, usize)> = one
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let path = parts.next().unwrap().to_string();
            let line = parts.next().unwrap().parse().unwrap();
            let column = parts.next().unwrap().parse().unwrap();
            (path, line, column)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| {
        std::path::Path::new(&a.0)
            .cmp(std::path::Path::new(&b.0))
            .then((a.1, a.2).cmp(&(b.1, b.2)))
    });
    assert_eq!(keys, sorted);
}

#[test]
fn select_and_ignore_choose_rules() {
    let lines = |args: &[&str]| -> Vec<String> {
        let output = policylint()
            .args([
                "check",
                "fixtures/cases/authoritarian.md",
                "--format",
                "concise",
            ])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                l.split_once('[')
                    .unwrap()
                    .1
                    .split_once(']')
                    .unwrap()
                    .0
                    .to_string()
            })
            .collect()
    };
    // Rules without a reason, in a document that states no purpose at all, are a note on
    // purpose-missing; with purpose-missing off they are a finding of their own.
    assert_eq!(
        lines(&[]),
        ["authoritarian", "people-missing", "purpose-missing"]
    );
    assert_eq!(
        lines(&["--select", "authoritarian,purpose-missing"]),
        ["authoritarian", "purpose-missing"]
    );
    assert_eq!(
        lines(&[
            "--ignore",
            "authoritarian,people-missing",
            "--ignore",
            "purpose-missing"
        ]),
        ["rule-without-purpose"]
    );
}

#[test]
fn an_unknown_rule_id_is_a_usage_error_with_a_suggestion() {
    policylint()
        .args(["check", CLEAN, "--ignore", "purpose-mising"])
        .assert()
        .code(2)
        .stderr("error: unknown rule `purpose-mising` (did you mean `purpose-missing`?); `policylint rules` lists them\n");
}

#[test]
fn unknown_rule_ids_are_named_in_name_order_from_run_to_run() {
    for _ in 0..8 {
        policylint()
            .args(["check", CLEAN, "--select", "zz-nothing,purpose-mising"])
            .args(["--ignore", "aa-nothing"])
            .assert()
            .code(2)
            .stderr(
                "error: unknown rule `aa-nothing`, `purpose-mising` (did you mean \
                 `purpose-missing`?), `zz-nothing`; `policylint rules` lists them\n",
            );
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let coloured = policylint()
        .args(["check", ERRORS, "--color", "always"])
        .output()
        .unwrap();
    assert!(coloured.stdout.contains(&0x1b), "--color always colours");
    let auto = policylint().args(["check", ERRORS]).output().unwrap();
    assert!(
        !auto.stdout.contains(&0x1b),
        "a pipe is not a terminal: no colour"
    );
    let never = policylint()
        .args(["check", ERRORS, "--color", "never"])
        .output()
        .unwrap();
    assert!(!never.stdout.contains(&0x1b));
}

#[test]
fn folders_are_walked_for_known_formats_skipping_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "# Notes\n\nNothing here yet.\n";
    for name in [
        "a.md",
        "b.markdown",
        "c.txt",
        "d.pdf",
        ".hidden.md",
        ".git/e.md",
        "sub/f.md",
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, doc).unwrap();
    }
    let output = purpose_command().arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let files: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(':').next().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(files, ["a.md", "b.markdown", "c.txt", "f.md"]);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_only_with_follow() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("linked.md"),
        "# Linked\n\nNo reason here.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
    let count = |follow: bool| {
        let mut cmd = policylint();
        cmd.args([
            "check",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .arg(dir.path());
        if follow {
            cmd.arg("--follow");
        }
        String::from_utf8(cmd.output().unwrap().stdout)
            .unwrap()
            .lines()
            .count()
    };
    assert_eq!(count(false), 0);
    assert_eq!(count(true), 1);
}

#[test]
fn rules_lists_every_active_rule() {
    let output = policylint()
        .args(["rules", "--ignore", "role-growth"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 23);
    let last: Vec<&str> = stdout
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .take(3)
        .collect();
    assert_eq!(last, ["unused-suppression", "warning", "built-in"]);
    let growth = stdout
        .lines()
        .find(|l| l.starts_with("role-growth"))
        .unwrap();
    assert!(growth.contains(" off "), "{growth}");
    let purpose = stdout
        .lines()
        .find(|l| l.starts_with("purpose-missing"))
        .unwrap();
    assert!(
        purpose.contains(" error ") && purpose.contains("require-concept"),
        "{purpose}"
    );
}

#[test]
fn explain_documents_a_rule() {
    let output = policylint()
        .args(["explain", "rule-without-purpose"])
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
    policylint()
        .args(["explain", "rule-without-purpse"])
        .assert()
        .code(2)
        .stderr("error: unknown rule `rule-without-purpse` (did you mean `rule-without-purpose`?); `policylint rules` lists them\n");
}

/// `eval` with `args`, without colour: exit code, stdout and stderr as one text.
fn eval(args: &[&str]) -> (Option<i32>, String) {
    let output = policylint()
        .args(["eval", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (output.status.code(), common::transcript(&output))
}

/// `eval --format json` with `args`: the report, after checking the run succeeded.
fn eval_json(args: &[&str]) -> serde_json::Value {
    let output = policylint()
        .args(["eval", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        common::transcript(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The JSON figures of one rule.
fn rule_figures<'a>(report: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == rule)
        .unwrap_or_else(|| panic!("{rule} is not scored: {report:#}"))
}

#[test]
fn eval_reports_figures_disagreements_and_missing_documents() {
    let (code, transcript) = eval(&["fixtures/eval/labels.toml"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(transcript);
}

#[test]
fn eval_scores_a_perfect_rule_at_100_and_one_that_always_fires_at_50() {
    let report = eval_json(&["fixtures/eval/labels.toml"]);
    let purpose = rule_figures(&report, "purpose-missing");
    assert_eq!(purpose["balanced_accuracy"], 1.0);
    assert_eq!(purpose["false_alarm_rate"], 0.0);
    assert_eq!(report["missing"], serde_json::json!(["docs/moved-away.md"]));

    let report = eval_json(&[
        "fixtures/eval/labels-always.toml",
        "--rules",
        "fixtures/eval/always-fires.toml",
    ]);
    let always = rule_figures(&report, "always-fires");
    assert_eq!(always["axis"], "purpose");
    assert_eq!(always["balanced_accuracy"], 0.5);
    assert_eq!(always["false_alarm_rate"], 1.0);
    // plants.md is labelled partial: never scored.
    assert_eq!(always["scored"], 3);
    assert_eq!(
        (always["no"].clone(), always["yes"].clone()),
        (1.into(), 2.into())
    );
}

#[test]
fn eval_compares_the_kinds_it_decides_with_the_labelled_ones() {
    // "code" names the built-in `policy` kind; a document with no kind label is left out.
    let report = eval_json(&["fixtures/eval/labels-kinds.toml"]);
    assert_eq!(
        report["kinds"],
        serde_json::json!([
            { "labelled": "other", "documents": 1, "same_kind": 0, "decided": { "policy": 1 } },
            { "labelled": "policy", "documents": 1, "same_kind": 1, "decided": { "policy": 1 } },
            { "labelled": "role", "documents": 1, "same_kind": 0, "decided": { "policy": 1 } },
        ])
    );
}

#[test]
fn eval_scores_only_the_paths_asked_for_and_groups_by_folder() {
    let report = eval_json(&["fixtures/eval/labels.toml", "fixtures/eval/docs/parking.md"]);
    assert_eq!(report["documents"], 1);
    assert_eq!(rule_figures(&report, "purpose-missing")["scored"], 1);

    let report = eval_json(&["fixtures/eval/labels.toml", "--by", "1"]);
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["group"], "docs");
    assert_eq!(groups[0]["documents"], 4);
}

#[test]
fn eval_min_fails_the_run_when_a_rule_falls_below() {
    let labels = "fixtures/eval/labels.toml";
    assert_eq!(eval(&[labels, "--min", "purpose-missing=0.9"]).0, Some(0));
    let (code, transcript) = eval(&[labels, "--min", "purpose-missing=90%,process-missing=90%"]);
    assert_eq!(code, Some(1));
    assert!(
        transcript
            .contains("error: process-missing: balanced accuracy 75.0% is below the minimum 90.0%"),
        "{transcript}"
    );
    let (code, transcript) = eval(&[labels, "--min", "purpse-missing=0.9"]);
    assert_eq!(code, Some(2));
    assert!(
        transcript.contains("did you mean `purpose-missing`?"),
        "{transcript}"
    );
}

#[test]
fn every_labels_file_error_is_located_with_exit_2() {
    insta::glob!("../../fixtures/eval/bad-labels", "*.toml", |path| {
        let (code, transcript) = eval(&[&common::relative(path)]);
        assert_eq!(code, Some(2));
        insta::assert_snapshot!(transcript);
    });
}

#[test]
fn a_document_not_in_english_gets_one_warning_and_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("urlaub.md"),
        "# Urlaubsrichtlinie\n\n\
         Alle Mitarbeitenden haben Anspruch auf dreißig Tage Urlaub im Jahr. Urlaub wird über \
         das Personalportal beantragt und von der direkten Führungskraft innerhalb von fünf \
         Arbeitstagen genehmigt. Wir möchten, dass sich alle erholen, denn ausgeruhte Menschen \
         treffen bessere Entscheidungen. Resturlaub kann bis zum 31. März des Folgejahres \
         übertragen werden. Bei Krankheit während des Urlaubs wird der Tag nicht angerechnet.\n",
    )
    .unwrap();
    policylint()
        .current_dir(dir.path())
        .args(["check", "urlaub.md", "--format", "concise", "--no-cache"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(
            "warning: urlaub.md: not English: not judged by the manage-lead pack\n\
             checked 1 file: 0 errors, 0 warnings, 0 info\n",
        );
}

#[test]
fn code_is_another_name_for_the_policy_kind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("note.md"),
        "---\nkind: code\n---\n# Desk booking\n\nBook a desk in the app.\n",
    )
    .unwrap();
    let output = policylint()
        .current_dir(dir.path())
        .args(["inspect", "note.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("  kind    policy (front matter says `kind: code`)"),
        "{stdout}"
    );
}

/// `check` and `report` in `dir` on `args`, each as a transcript.
fn check_and_report(dir: &std::path::Path, args: &[&str]) -> String {
    let mut out = String::new();
    for command in ["check", "report"] {
        let mut full = vec![command, "--no-cache"];
        full.extend(args);
        let output = common::run_in(dir, &full);
        out.push_str(&format!("$ policylint {}\n", full.join(" ")));
        out.push_str(&common::transcript(&output));
    }
    out
}

#[test]
fn a_run_that_lints_nothing_is_an_error_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::create_dir(dir.path().join("big")).unwrap();
    std::fs::write(
        dir.path().join("big/leave.md"),
        "# Leave\n\nWe grant leave so that people rest.\n",
    )
    .unwrap();
    let mut out = check_and_report(dir.path(), &["empty"]);
    out.push_str(&check_and_report(dir.path(), &["empty", "--allow-empty"]));
    out.push_str(&check_and_report(
        dir.path(),
        &["big", "--max-file-size", "10"],
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn the_summary_counts_skipped_files_apart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blank.md"), "\n\n").unwrap();
    std::fs::write(dir.path().join("data.txt"), "a\0b").unwrap();
    std::fs::write(
        dir.path().join("leave.md"),
        "# Leave\n\nWe grant leave so that people rest.\n",
    )
    .unwrap();
    let output = common::run_in(
        dir.path(),
        &["check", "--no-cache", "--format", "concise", "."],
    );
    insta::assert_snapshot!(common::transcript(&output));
}

#[test]
fn documents_policylint_cannot_read_yet_get_one_notice_per_run() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "a.pdf",
        "sub/b.PDF",
        "c.rtf",
        "d.doc",
        "e.pages",
        ".hidden.pdf",
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "%PDF-1.4\n").unwrap();
    }
    std::fs::write(
        dir.path().join("leave.md"),
        "# Leave\n\nWe grant leave so that people rest.\n",
    )
    .unwrap();
    let mut out = String::new();
    for args in [
        &["check", "--no-cache", "--format", "concise", "."][..],
        &["report", "--no-cache", "--format", "csv", "."],
        // Named on the command line, such a file is an error.
        &[
            "check",
            "--no-cache",
            "--format",
            "concise",
            "a.pdf",
            "leave.md",
        ],
    ] {
        let output = common::run_in(dir.path(), args);
        out.push_str(&format!("$ policylint {}\n", args.join(" ")));
        out.push_str(&common::transcript(&output));
    }
    insta::assert_snapshot!(out);
}
