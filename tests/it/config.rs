//! Configuration files, overrides, suppressions, baselines, standard input and statistics.

use crate::common::{self, policylint, relative, transcript};

fn concise(args: &[&str]) -> (i32, String) {
    let output = policylint()
        .args(["check", "--format", "concise", "--quiet"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn the_nearest_config_wins_and_overrides_apply() {
    let output = policylint()
        .args(["check", "fixtures/config", "--format", "concise"])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}

#[test]
fn overrides_set_the_kind_and_say_so() {
    let output = policylint()
        .args(["inspect", "fixtures/config/roles/driver.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("  config  fixtures/config/policylint.toml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  kind    role (fixtures/config/policylint.toml line 8 sets `kind = \"role\"`)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn exclude_leaves_files_out_even_when_named() {
    let output = policylint()
        .args([
            "check",
            "fixtures/config/archive/old-travel.md",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    // With every file named excluded, the run lints nothing, which fails unless allowed.
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "note: fixtures/config/archive/old-travel.md: excluded by fixtures/config/policylint.toml\n\
         checked 0 files: 0 errors, 0 warnings, 0 info\n\
         error: nothing to lint: no file in fixtures/config/archive/old-travel.md is one \
         policylint reads and the configuration includes (--allow-empty accepts this)\n"
    );
}

#[test]
fn fail_on_comes_from_the_config_and_the_command_line_wins() {
    // policies/travel.md has a warning and an error; roles/ only warnings and info once
    // process-missing is ignored.
    let roles = "fixtures/config/roles";
    assert_eq!(
        concise(&[roles, "--ignore", "process-missing"]).0,
        1,
        "config fail-on = warning"
    );
    assert_eq!(
        concise(&[roles, "--ignore", "process-missing", "--fail-on", "error"]).0,
        0
    );
    // team/ has its own config with fail-on = error.
    assert_eq!(
        concise(&["fixtures/config/team", "--ignore", "process-missing"]).0,
        0
    );
}

#[test]
fn the_command_line_selection_overrides_the_config() {
    let (_, all) = concise(&["fixtures/config/roles"]);
    assert!(
        all.contains("info[measures-missing]"),
        "[rules] lowers it to info: {all}"
    );
    assert!(
        !all.contains("role-growth"),
        "the override turns it off: {all}"
    );
    let (_, selected) = concise(&[
        "fixtures/config/roles",
        "--select",
        "role-growth,measures-missing",
    ]);
    assert_eq!(
        selected,
        "fixtures/config/roles/driver.md:1:1: info[measures-missing]: this role never says how outcomes are measured\n\
         fixtures/config/roles/driver.md:1:1: info[role-growth]: this role says nothing about growth in the role\n"
    );
}

#[test]
fn an_explicit_config_applies_to_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("strict.toml");
    std::fs::write(
        &config,
        "[rules]\nprocess-missing = \"off\"\npurpose-missing = \"off\"\n",
    )
    .unwrap();
    let (_, stdout) = concise(&["fixtures/config/team", "--config", config.to_str().unwrap()]);
    // The nested team config (which turns both of these off) is not used.
    assert_eq!(
        stdout,
        "fixtures/config/team/rota.md:1:1: warning[measures-missing]: this policy never says how outcomes are measured\n\
         fixtures/config/team/rota.md:1:1: warning[people-missing]: this policy says nothing about leading the people it affects\n"
    );
}

#[test]
fn every_config_error_is_located_with_exit_2() {
    insta::glob!("../../fixtures/config-errors", "*.toml", |path| {
        let output = policylint()
            .args([
                "check",
                "fixtures/cases/balanced-code.md",
                "--color",
                "never",
                "--config",
                &relative(path),
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn init_writes_a_starter_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        policylint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let first = run(&["init"]);
    assert_eq!(first.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("policylint.toml")).unwrap();
    assert!(written.starts_with("# policylint configuration."));
    std::fs::write(dir.path().join("policylint.toml"), "# mine\n").unwrap();
    let second = run(&["init"]);
    assert_eq!(second.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(second.stderr).unwrap(),
        "error: policylint.toml already exists; use --force to overwrite it\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("policylint.toml")).unwrap(),
        "# mine\n"
    );
    assert_eq!(run(&["init", "--force"]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("policylint.toml")).unwrap(),
        written
    );
    // The starter is a working configuration.
    std::fs::write(
        dir.path().join("a.md"),
        "# A\n\nWe do this so that it works. Submit the form to HR; they reply within a week.\n",
    )
    .unwrap();
    assert_eq!(run(&["check", "a.md"]).status.code(), Some(0));
}

#[test]
fn standard_input_is_linted_as_the_named_path_with_its_config() {
    let text = std::fs::read("fixtures/config/roles/driver.md").unwrap();
    let output = policylint()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "fixtures/config/roles/driver.md",
            "--format",
            "concise",
        ])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let (_, from_disk) = concise(&["fixtures/config/roles/driver.md"]);
    assert_eq!(String::from_utf8(output.stdout).unwrap(), from_disk);
    assert!(
        from_disk.contains("role-responsibilities"),
        "the override's kind applies: {from_disk}"
    );
    let bare = policylint()
        .args(["check", "-", "--format", "concise"])
        .write_stdin(text)
        .output()
        .unwrap();
    let bare = String::from_utf8(bare.stdout).unwrap();
    assert!(bare.lines().all(|l| l.starts_with("-:")), "{bare}");
    policylint()
        .args(["check", "fixtures", "--stdin-filename", "x.md"])
        .assert()
        .code(2)
        .stderr("error: --stdin-filename needs `-` as the only path\n");
}

#[test]
fn statistics_count_findings_per_rule() {
    let output = policylint()
        .args([
            "check",
            "fixtures/handbook",
            "--format",
            "concise",
            "--statistics",
            "--quiet",
            // Without the cache's count of restored files, which depends on earlier runs.
            "--no-cache",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "3  people-missing (warning)\n\
         2  measures-missing (warning)\n\
         2  process-missing (error)\n\
         1  authoritarian (warning)\n\
         1  laissez-faire (warning)\n\
         1  purpose-missing (error)\n\
         1  role-growth (info)\n"
    );
}

#[test]
fn every_suppression_form() {
    insta::glob!("../../fixtures/suppressions", "*.*", |path| {
        let output = policylint()
            .args(["check", &relative(path), "--format", "concise"])
            .output()
            .unwrap();
        insta::assert_snapshot!(transcript(&output));
    });
}

#[test]
fn unused_suppressions_can_be_switched_off() {
    let (_, stdout) = concise(&[
        "fixtures/suppressions/unused.md",
        "--ignore",
        "unused-suppression,people-missing",
    ]);
    assert_eq!(
        stdout,
        "fixtures/suppressions/unused.md:2:1: warning[measures-missing]: this policy never says how outcomes are measured\n"
    );
}

#[test]
fn a_baseline_hides_known_findings_even_after_lines_are_inserted_above_them() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("expenses.md");
    let baseline = dir.path().join("baseline.toml");
    std::fs::copy("fixtures/handbook/policies/expenses.md", &doc).unwrap();
    let run = |args: &[&str]| {
        policylint()
            .args(["check", "--format", "concise"])
            .arg(&doc)
            .args(args)
            .output()
            .unwrap()
    };
    let before = run(&[]);
    assert_eq!(before.status.code(), Some(1));
    let written = run(&["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(written.status.code(), Some(0));
    let stderr = String::from_utf8(written.stderr).unwrap();
    assert!(
        stderr.ends_with(&format!("wrote 3 findings to {}\n", baseline.display())),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&baseline).unwrap();
    insta::assert_snapshot!(text);

    // Lines inserted above every finding move them all down; the baseline still knows them.
    let original = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, format!("<!-- reviewed in March -->\n\n{original}")).unwrap();
    let after = run(&["--baseline", baseline.to_str().unwrap(), "--statistics"]);
    assert_eq!(after.status.code(), Some(0));
    assert!(
        after.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&after.stdout)
    );
    let stderr = String::from_utf8(after.stderr).unwrap();
    assert!(
        stderr.contains("baseline: 3 findings hidden, 0 recorded findings no longer found"),
        "{stderr}"
    );

    // Fixing a finding leaves its entry stale (a reason for the approval rules is a purpose);
    // a new finding shows: the rules in "Rules" still have no reason, which was a note on the
    // missing purpose before.
    let fixed = original.replace(
        "## Approvals\n",
        "## Approvals\n\nApprovals exist so that spending stays fair.\n",
    );
    let fixed = fixed.replace("# Expenses policy\n", "# Expenses policy\n\nHey guys.\n");
    std::fs::write(&doc, fixed).unwrap();
    let later = run(&["--baseline", baseline.to_str().unwrap(), "--statistics"]);
    let stderr = String::from_utf8(later.stderr).unwrap();
    assert!(
        stderr.contains("baseline: 2 findings hidden, 1 recorded finding no longer found"),
        "{stderr}"
    );
    let stdout = String::from_utf8(later.stdout).unwrap();
    assert!(
        stdout.ends_with(
            "warning[rule-without-purpose]: rules without a reason in section \"Rules\"\n"
        ),
        "{stdout}"
    );
}

/// The first TOML example under a README heading.
fn readme_example(heading: &str) -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = readme
        .find(heading)
        .unwrap_or_else(|| panic!("the README has {heading}"));
    let start = section + readme[section..].find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_string()
}

/// The README's configuration example in `dir`, with the pack it names.
fn write_readme_configuration(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::write(
        dir.join("policylint.toml"),
        readme_example("## Configuration"),
    )
    .unwrap();
    std::fs::copy(
        "fixtures/packs/house-style.toml",
        dir.join("rules/house-style.toml"),
    )
    .unwrap();
}

/// `policylint rules` in `dir`: the line of `measures-missing` and the whole output.
fn rules_in(dir: &std::path::Path) -> (String, String) {
    let output = policylint().current_dir(dir).arg("rules").output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let measures = stdout
        .lines()
        .find(|l| l.starts_with("measures-missing"))
        .unwrap()
        .to_string();
    (measures, stdout)
}

#[test]
fn the_configuration_example_in_the_readme_works() {
    let dir = tempfile::tempdir().unwrap();
    write_readme_configuration(dir.path());
    let (measures, stdout) = rules_in(dir.path());
    assert!(measures.contains(" info "), "{measures}");
    assert!(stdout.contains("no-jargon"), "{stdout}");
}

#[test]
fn the_sharing_example_in_the_readme_works() {
    let dir = tempfile::tempdir().unwrap();
    write_readme_configuration(&dir.path().join("shared"));
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    std::fs::write(
        team.join("policylint.toml"),
        readme_example("### Sharing a configuration"),
    )
    .unwrap();
    let (measures, stdout) = rules_in(&team);
    assert!(measures.contains(" warning "), "{measures}");
    // The base's pack, found next to the base.
    assert!(stdout.contains("no-jargon"), "{stdout}");
}

#[test]
fn a_glob_too_large_to_compile_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.md"), "# Policy\n").unwrap();
    let glob = "[!/]".repeat(200_000);
    std::fs::write(
        dir.path().join("policylint.toml"),
        format!("[lint]\nexclude = [\"archive/**\", \"{glob}\"]\n"),
    )
    .unwrap();
    let output = common::run_in(dir.path(), &["check", ".", "--color", "never"]);
    let underline = "^".repeat(glob.len() + 2);
    insta::assert_snapshot!(
        transcript(&output)
            .replace(&glob, "[!/]…")
            .replace(&underline, "^^^^^^^^")
    );
}

#[test]
fn discovery_stops_at_the_repository_root_and_at_home() {
    let dir = tempfile::tempdir().unwrap();
    // A configuration above the repository and above home that would exclude everything.
    std::fs::write(
        dir.path().join("policylint.toml"),
        "[lint]\nexclude = [\"**\"]\n",
    )
    .unwrap();
    for (folder, marker) in [("repo", Some(".git")), ("home/me", None)] {
        let docs = dir.path().join(folder).join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        if let Some(marker) = marker {
            std::fs::create_dir(dir.path().join(folder).join(marker)).unwrap();
        }
        std::fs::write(docs.join("policy.md"), "# Policy\n\nWe file forms.\n").unwrap();
        let output = policylint()
            .current_dir(&docs)
            .env("HOME", dir.path().join("home/me"))
            .args(["check", ".", "--no-cache", "--format", "concise"])
            .args(["--select", "purpose-missing"])
            .output()
            .unwrap();
        assert_eq!(
            transcript(&output),
            "exit code: 1\n--- stdout\npolicy.md:1:1: error[purpose-missing]: this policy never states its purpose\n--- stderr\nchecked 1 file: 1 error, 0 warnings, 0 info\n",
            "{folder}"
        );
    }
}

#[test]
fn a_configuration_that_is_not_utf8_names_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy.md"), "# Policy\n").unwrap();
    std::fs::write(
        dir.path().join("policylint.toml"),
        b"[lint]\nexclude = [\"caf\xe9/**\"]\n",
    )
    .unwrap();
    let output = common::run_in(dir.path(), &["check", "."]);
    insta::assert_snapshot!(transcript(&output));
}

/// `check` of a file under `--config`, without colour, as a transcript.
fn check_with_config(config: &str) -> String {
    let output = policylint()
        .args([
            "check",
            "fixtures/cases/balanced-code.md",
            "--color",
            "never",
        ])
        .args(["--config", config])
        .output()
        .unwrap();
    transcript(&output)
}

// fixtures/extends/chain: team/policylint.toml extends shared/department.toml, which extends
// base.toml; the base names a pack, an exclude glob and an override relative to its own folder.

#[test]
fn a_three_file_extends_chain_applies_with_the_nearest_file_winning() {
    let output = policylint()
        .args([
            "check",
            "fixtures/extends/chain/team",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
    let (_, stdout) = concise(&["fixtures/extends/chain/team/leave.md"]);
    // The team sets measures-missing to warning over the base's info; the department turns
    // people-missing off over the base's info.
    assert!(stdout.contains("warning[measures-missing]"), "{stdout}");
    assert!(!stdout.contains("people-missing"), "{stdout}");
    // The department's fail-on = "warning" wins over the base's "error".
    let leave = "fixtures/extends/chain/team/leave.md";
    assert_eq!(concise(&[leave, "--ignore", "process-missing"]).0, 1);
    assert_eq!(
        concise(&[
            leave,
            "--ignore",
            "process-missing,measures-missing,no-asap"
        ])
        .0,
        0
    );
}

#[test]
fn a_base_in_another_folder_resolves_its_globs_and_packs_from_there() {
    // packs/plain-words.toml sits next to the base, not next to the team's file.
    let (_, stdout) = concise(&["fixtures/extends/chain/team/leave.md"]);
    assert!(
        stdout.contains("leave.md:3:25: warning[no-asap]: \"asap\" gives no date"),
        "{stdout}"
    );
    // The base's `team/drafts/**` is relative to the base's folder.
    let output = policylint()
        .args(["check", "fixtures/extends/chain/team/drafts/sick-leave.md"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "note: fixtures/extends/chain/team/drafts/sick-leave.md: excluded by fixtures/extends/chain/team/policylint.toml\n\
         checked 0 files: 0 errors, 0 warnings, 0 info\n\
         error: nothing to lint: no file in fixtures/extends/chain/team/drafts/sick-leave.md is \
         one policylint reads and the configuration includes (--allow-empty accepts this)\n"
    );
    // So is the override's `team/roles/**`, and inspect names the base's line.
    let output = policylint()
        .args(["inspect", "fixtures/extends/chain/team/roles/dispatcher.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "  kind    role (fixtures/extends/chain/base.toml line 12 sets `kind = \"role\"`)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn an_extends_cycle_is_a_located_error() {
    insta::assert_snapshot!(check_with_config(
        "fixtures/extends/errors/cycle-first.toml"
    ));
}

#[test]
fn a_missing_base_is_located_at_the_extends_that_names_it() {
    insta::assert_snapshot!(check_with_config(
        "fixtures/extends/errors/missing-base.toml"
    ));
}

#[test]
fn errors_in_a_base_point_into_the_base() {
    insta::assert_snapshot!(
        "a_base_with_an_invalid_value",
        check_with_config("fixtures/extends/errors/invalid-base.toml")
    );
    insta::assert_snapshot!(
        "a_base_naming_an_unknown_rule",
        check_with_config("fixtures/extends/errors/unknown-rule-in-base.toml")
    );
}

#[test]
fn a_misspelt_rule_in_a_suppression_gets_a_did_you_mean() {
    let output = policylint()
        .args([
            "check",
            "fixtures/suppressions/misspelt.md",
            "--select",
            "unused-suppression",
            "--color",
            "never",
            "--no-cache",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!(transcript(&output));
}
