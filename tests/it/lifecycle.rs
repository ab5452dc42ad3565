//! Lifecycle metadata and the rules on it: owners, review dates, effective dates, links to
//! retired documents and links that lead nowhere, on the policy folder in
//! `fixtures/lifecycle`, judged on the day its configuration names (or `--today`), never on
//! the real date.

use crate::common::{copy_tree, formats_folder, outcome, policylint, root, run_in, transcript};

/// The lifecycle pack's rules, so that the output is theirs alone.
const LIFECYCLE_RULES: &str = "metadata-invalid,owner-missing,review-date-missing,review-overdue,\
    review-due-soon,effective-in-future,retired-still-linked,broken-internal-link";

fn check(dir: &std::path::Path, extra: &[&str]) -> String {
    let output = run_in(
        dir,
        &[
            &[
                "check",
                ".",
                "--format",
                "concise",
                "--select",
                LIFECYCLE_RULES,
            ],
            extra,
        ]
        .concat(),
    );
    transcript(&output)
}

#[test]
fn the_policy_folder_is_judged_on_the_configured_day() {
    let output = policylint()
        .args([
            "check",
            "fixtures/lifecycle",
            "--format",
            "concise",
            "--no-cache",
            "--select",
            LIFECYCLE_RULES,
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn a_finding_shows_the_date_it_was_judged_on() {
    let output = policylint()
        .args([
            "check",
            "fixtures/lifecycle/policies/travel.md",
            "--no-cache",
            "--color",
            "never",
            "--select",
            "review-overdue",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let finding: String = stdout
        .split_inclusive('\n')
        .take_while(|line| !line.starts_with("fixtures/"))
        .collect();
    insta::assert_snapshot!(finding);
}

#[test]
fn today_on_the_command_line_wins_over_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("fixtures/lifecycle"), dir.path());
    let output = check(dir.path(), &["--no-cache", "--today", "2025-11-20"]);
    assert!(
        output.contains(
            "policies/travel.md:9:12: info[review-due-soon]: this policy is due for review on \
             2025-12-01, in 11 days"
        ),
        "{output}"
    );
    assert!(!output.contains("review-overdue"), "{output}");
    assert!(
        output
            .contains("effective-in-future]: this policy takes effect on 2026-03-01, in 101 days"),
        "{output}"
    );
    let bad = policylint()
        .args(["check", "fixtures/lifecycle", "--today", "someday"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`someday` is not a date"));
}

#[test]
fn cached_results_follow_the_files_their_links_point_to() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("fixtures/lifecycle"), dir.path());
    let cold = check(dir.path(), &[]);
    assert_eq!(check(dir.path(), &[]), cold);
    assert!(cold.contains("retired-still-linked"), "{cold}");
    assert!(cold.contains("leads nowhere: gifts.md"), "{cold}");
    // The retired document comes back into force and the missing one is written: the linking
    // document's cached findings no longer hold, though its own bytes are unchanged.
    let old = dir.path().join("policies/old-travel.md");
    let text = std::fs::read_to_string(&old).unwrap();
    std::fs::write(
        &old,
        text.replace("status: retired\nsuperseded-by: travel.md\n", ""),
    )
    .unwrap();
    std::fs::write(dir.path().join("policies/gifts.md"), "# Gifts\n").unwrap();
    let warm = check(dir.path(), &[]);
    assert_eq!(warm, check(dir.path(), &["--no-cache"]));
    assert!(!warm.contains("retired-still-linked"), "{warm}");
    assert!(!warm.contains("gifts.md"), "{warm}");
}

#[test]
fn word_and_opendocument_properties_are_fields_under_mapped_names() {
    let dir = formats_folder();
    std::fs::write(
        dir.path().join("policylint.toml"),
        "[lint]\ntoday = 2026-01-15\n\n[metadata.fields]\nowner = [\"creator\"]\nreviewed = [\"modified\"]\n",
    )
    .unwrap();
    insta::assert_snapshot!(check(dir.path(), &["--no-cache"]));
}

#[test]
fn lifecycle_settings_are_checked_like_the_rest_of_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
    let mut transcripts = String::new();
    for config in [
        "[metadata.fields]\nownr = [\"Owner\"]\n",
        "[lint]\ntoday = \"soon\"\n",
        "[metadata.kinds.rol]\nrequired = true\n",
    ] {
        std::fs::write(dir.path().join("policylint.toml"), config).unwrap();
        let output = run_in(dir.path(), &["check", ".", "--color", "never"]);
        transcripts.push_str(&transcript(&output));
    }
    insta::assert_snapshot!(transcripts);
}

/// The review register of `policylint report`: grouped by owner, the most urgent first, with
/// the counts, in Markdown and CSV (JSON is checked against its schema in `report.rs`).
#[test]
fn the_report_has_a_review_register() {
    let report = |format: &str| {
        let output = policylint()
            .args([
                "report",
                "fixtures/lifecycle",
                "--no-cache",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", transcript(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    let markdown = report("md");
    let register = &markdown[markdown.find("### Review register").unwrap()..];
    insta::assert_snapshot!("register_md", register);
    let csv = report("csv");
    let columns: Vec<String> = csv
        .lines()
        .map(|line| {
            line.split(',')
                .skip(line.split(',').count() - 8)
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    insta::assert_snapshot!("register_csv", columns.join("\n"));
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let owners: Vec<&str> = json["register"]["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["owner"].as_str().unwrap_or("(none)"))
        .collect();
    assert_eq!(owners, ["Head of Finance", "Finance team", "(none)"]);
    assert_eq!(json["register"]["overdue"], 1);
    let handbook = policylint()
        .args([
            "report",
            "fixtures/handbook",
            "--no-cache",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let handbook: serde_json::Value = serde_json::from_slice(&handbook.stdout).unwrap();
    assert!(
        handbook.get("register").is_none(),
        "no lifecycle metadata, no register"
    );
}

/// `report --compare` names the reviews done and the reviews newly overdue since an earlier
/// report.
#[test]
fn compare_shows_reviews_done_and_newly_overdue() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("fixtures/lifecycle"), dir.path());
    let old = run_in(
        dir.path(),
        &[
            "report",
            ".",
            "--no-cache",
            "--format",
            "json",
            "--today",
            "2025-11-01",
        ],
    );
    assert!(old.status.success(), "{}", transcript(&old));
    std::fs::write(dir.path().join("old.json"), &old.stdout).unwrap();
    let expenses = dir.path().join("policies/expenses.md");
    let text = std::fs::read_to_string(&expenses).unwrap();
    std::fs::write(&expenses, text.replace("2025-02-01", "2026-01-10")).unwrap();
    let new = run_in(
        dir.path(),
        &[
            "report",
            ".",
            "--no-cache",
            "--format",
            "md",
            "--compare",
            "old.json",
        ],
    );
    let markdown = String::from_utf8(new.stdout).unwrap();
    let changes = &markdown[markdown.find("### What changed").unwrap()..];
    insta::assert_snapshot!(changes);
}

/// `check` of `fixtures/conflicts` in `format`, with only `conflicting-figures`.
fn conflicts(dir: &std::path::Path, format: &str, extra: &[&str]) -> std::process::Output {
    let args = [
        &[
            "check",
            ".",
            "--color",
            "never",
            "--format",
            format,
            "--select",
            "conflicting-figures",
        ],
        extra,
    ]
    .concat();
    run_in(dir, &args)
}

#[test]
fn conflicting_figures_are_reported_on_both_documents_and_near_misses_stay_silent() {
    // Silent: a hotel rate and a training cost of the same amounts as the gift limits, leave
    // notice in weeks and in days, refunds in working days and in days, and a retired policy.
    let output = conflicts(&root().join("fixtures/conflicts"), "human", &["--no-cache"]);
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn a_conflicting_figure_carries_the_other_place_as_a_related_location() {
    let dir = root().join("fixtures/conflicts");
    let json = conflicts(&dir, "json", &["--no-cache"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let labels: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|file| file["findings"].as_array().unwrap())
        .map(|finding| format!("{} {}", finding["path"], finding["labels"]))
        .collect();
    insta::assert_snapshot!(labels.join("\n"));

    let sarif = conflicts(&dir, "sarif", &["--no-cache"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let related = &log["runs"][0]["results"][0]["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "travel.md"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 13);
    assert_eq!(related["message"]["text"], "within 14 days");
}

#[test]
fn cached_figures_give_the_findings_of_a_cold_run_and_follow_the_other_documents() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("fixtures/conflicts"), dir.path());
    let cold = outcome(&conflicts(dir.path(), "concise", &["--no-cache"]));
    assert_eq!(outcome(&conflicts(dir.path(), "concise", &[])), cold);
    assert_eq!(outcome(&conflicts(dir.path(), "concise", &[])), cold);
    assert!(cold.1.contains("expenses.md:13:34"), "{}", cold.1);
    // A paragraph added above travel's figures moves the place expenses.md points to.
    let travel = dir.path().join("travel.md");
    let text = std::fs::read_to_string(&travel).unwrap();
    std::fs::write(
        &travel,
        text.replace("## Claims\n", "## Claims\n\nKeep receipts.\n"),
    )
    .unwrap();
    let moved = outcome(&conflicts(dir.path(), "human", &[]));
    assert_eq!(
        moved,
        outcome(&conflicts(dir.path(), "human", &["--no-cache"]))
    );
    assert!(
        moved
            .1
            .contains("other place: travel.md:15:34: within 14 days"),
        "{}",
        moved.1
    );
    // Travel comes into line: the cached result of expenses.md, whose bytes did not change,
    // no longer holds.
    let text = std::fs::read_to_string(&travel).unwrap();
    std::fs::write(
        &travel,
        text.replace(
            "within 14 days of the purchase",
            "within 30 days of the purchase",
        ),
    )
    .unwrap();
    let warm = outcome(&conflicts(dir.path(), "concise", &[]));
    assert_eq!(
        warm,
        outcome(&conflicts(dir.path(), "concise", &["--no-cache"]))
    );
    assert!(!warm.1.contains("within 14 days"), "{}", warm.1);
    // A document outside lifecycle management that disagrees is not compared: like the other
    // lifecycle rules, the comparison concerns managed documents only.
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\nExpense claims must be submitted within 60 days of the purchase.\n",
    )
    .unwrap();
    let unmanaged = outcome(&conflicts(dir.path(), "concise", &[]));
    assert_eq!(unmanaged, warm, "{}", unmanaged.1);
    // A new managed document that disagrees: the cached results are judged against it too.
    std::fs::write(
        dir.path().join("claims.md"),
        "---\nowner: Head of Finance\nreviewed: 2025-11-01\n---\n\n# Claims\n\nExpense claims must be submitted within 60 days of the purchase.\n",
    )
    .unwrap();
    let added = outcome(&conflicts(dir.path(), "concise", &[]));
    assert_eq!(
        added,
        outcome(&conflicts(dir.path(), "concise", &["--no-cache"]))
    );
    assert!(added.1.contains("expenses.md:13:34"), "{}", added.1);
    assert!(added.1.contains("claims.md:8:34"), "{}", added.1);
    assert!(!added.1.contains("notes.md"), "{}", added.1);
}
