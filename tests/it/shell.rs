//! Shell completions and man pages, both made from the same definitions as `--help`.

use crate::common::policylint;

const SUBCOMMANDS: [&str; 10] = [
    "check",
    "report",
    "inspect",
    "rules",
    "explain",
    "eval",
    "server",
    "init",
    "completions",
    "man",
];

fn stdout_of(args: &[&str]) -> String {
    let output = policylint().args(args).output().unwrap();
    assert!(output.status.success(), "policylint {args:?} fails");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_shell_gets_a_completion_script_that_knows_the_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for word in ["check", "report", "no-ignore", "fail-on"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
}

#[cfg(unix)]
#[test]
fn bash_completes_a_subcommand_flag_and_a_flag_value() {
    let script = stdout_of(&["completions", "bash"]);
    let complete = |words: &str| {
        let program = format!(
            "{script}\nCOMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _policylint policylint \"${{COMP_WORDS[COMP_CWORD]}}\" \
             \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let output = std::process::Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(complete("policylint rep"), "report\n");
    assert_eq!(complete("policylint check --no-ig"), "--no-ignore\n");
    assert_eq!(
        complete("policylint check --fail-on ''"),
        "error\nwarning\ninfo\n"
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = policylint().args(["completions", "cmd"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("possible values: bash, elvish, fish, powershell, zsh"));
}

/// The long flags `--help` lists for `subcommand`, in order.
fn flags_in_help(subcommand: &str) -> Vec<String> {
    stdout_of(&[subcommand, "--help"])
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line
                .strip_prefix("-")
                .and_then(|l| l.split_once(", ").map(|p| p.1))
                .unwrap_or(line);
            line.strip_prefix("--")
                .map(|flag| flag.split([' ', '=']).next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn the_man_pages_hold_every_command_and_every_flag_of_help() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man");
    policylint()
        .args(["man", "--output-dir"])
        .arg(&pages)
        .assert()
        .success();
    let main = std::fs::read_to_string(pages.join("policylint.1")).unwrap();
    assert_eq!(main, stdout_of(&["man"]), "`man` prints the main page");
    for subcommand in SUBCOMMANDS {
        assert!(
            main.contains(&format!(
                "policylint\\-{}(1)",
                subcommand.replace('-', "\\-")
            )),
            "policylint.1 lists {subcommand}"
        );
        let page = std::fs::read_to_string(pages.join(format!("policylint-{subcommand}.1")))
            .unwrap_or_else(|_| panic!("policylint-{subcommand}.1 is written"));
        let flags = flags_in_help(subcommand);
        assert!(flags.contains(&"help".to_string()));
        for flag in flags {
            let in_roff = format!("\\-\\-{}", flag.replace('-', "\\-"));
            assert!(
                page.contains(&in_roff),
                "policylint-{subcommand}.1 documents --{flag}"
            );
        }
    }
}
