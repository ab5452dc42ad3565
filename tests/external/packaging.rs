//! The Python wheel and the pre-commit hook, installed the way users install them.
//!
//! The wheel is built by `scripts/build-wheel.sh` (maturin), installed into a fresh virtual
//! environment, and must check `fixtures/handbook` exactly as the binary under test does.
//! `pre-commit try-repo` installs the hook from this repository (pip builds the wheel) into a
//! scratch git repository and runs it there. Both build with the dev profile, one at a time, in
//! a target folder of their own (`target/tmp/packaging`), since the one of `cargo test` is locked
//! while tests run; the first run compiles everything once more (about 2.5 minutes on two cores).
//!
//! They need python3 with `venv`, maturin, and for the hook pre-commit and git. Without them the
//! tests are reported as ignored, except under CI (`CI` set), where `.ci/run` installs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, PoisonError};

use crate::common::{self, policylint, root};

/// This file's tests, each reported as ignored when what it needs is missing.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let wheel_missing = missing(&["python3", "maturin"]);
    let hook_missing = missing(&["python3", "maturin", "pre-commit", "git"]);
    vec![
        common::needing(
            "the_wheel_installs_into_a_fresh_venv_and_checks_the_handbook",
            wheel_missing,
            the_wheel_installs_into_a_fresh_venv_and_checks_the_handbook,
        ),
        common::needing(
            "pre_commit_try_repo_runs_the_hook_on_a_scratch_repository",
            hook_missing,
            pre_commit_try_repo_runs_the_hook_on_a_scratch_repository,
        ),
        libtest_mimic::Trial::test("the_hook_covers_every_format_policylint_reads", || {
            the_hook_covers_every_format_policylint_reads();
            Ok(())
        }),
    ]
}

/// Why the tools are not all here, if they are not.
fn missing(tools: &[&str]) -> Option<String> {
    let absent: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|tool| find(tool).is_none())
        .collect();
    let no_venv = find("python3").is_some()
        && !Command::new("python3")
            .args(["-c", "import venv, ensurepip"])
            .output()
            .is_ok_and(|o| o.status.success());
    match (absent.is_empty(), no_venv) {
        (true, false) => None,
        (true, true) => Some("python3 has no venv module (apt-get install python3-venv)".into()),
        (false, _) => Some(format!(
            "{} not on PATH (pip install maturin pre-commit)",
            absent.join(", ")
        )),
    }
}

fn find(tool: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(tool))
        .find(|path| path.is_file())
}

/// Where the packaging builds keep their artifacts between runs.
fn build_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("packaging")
}

/// Held while a test builds in `build_dir`: maturin moves the binary it packs out of the target
/// folder, so two builds there at once can lose it ("failed to rename file").
static BUILDING: Mutex<()> = Mutex::new(());

fn run(command: &mut Command) -> Output {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A fresh virtual environment under `dir`, and the folder of its programs.
fn venv(dir: &Path) -> PathBuf {
    run(Command::new("python3").arg("-m").arg("venv").arg(dir));
    dir.join(if cfg!(windows) { "Scripts" } else { "bin" })
}

fn the_wheel_installs_into_a_fresh_venv_and_checks_the_handbook() {
    let scratch = tempfile::tempdir().unwrap();
    let wheels = scratch.path().join("wheels");
    let building = BUILDING.lock().unwrap_or_else(PoisonError::into_inner);
    let built = run(Command::new(root().join("scripts/build-wheel.sh"))
        .arg("--profile")
        .arg("dev")
        .env("WHEEL_DIR", &wheels)
        .env("CARGO_TARGET_DIR", build_dir()));
    drop(building);
    let wheel = String::from_utf8(built.stdout).unwrap();
    let wheel = Path::new(wheel.trim());
    assert!(
        wheel.starts_with(&wheels),
        "the script prints the wheel: {wheel:?}"
    );

    let bin = venv(&scratch.path().join("venv"));
    run(Command::new(bin.join("pip"))
        .args(["install", "--no-index", "--no-deps", "--quiet"])
        .arg(wheel));
    let args = [
        "check",
        "fixtures/handbook",
        "--no-cache",
        "--color",
        "never",
    ];
    let installed = Command::new(bin.join("policylint"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let expected = policylint().args(args).output().unwrap();
    assert_eq!(
        installed.status.code(),
        Some(1),
        "the handbook has findings"
    );
    assert_eq!(
        common::transcript(&installed),
        common::transcript(&expected)
    );
}

fn pre_commit_try_repo_runs_the_hook_on_a_scratch_repository() {
    let scratch = tempfile::tempdir().unwrap();
    let repo = scratch.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let git = |args: &[&str]| {
        run(Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&repo));
    };
    git(&["init", "--quiet"]);
    std::fs::copy(
        root().join("fixtures/cases/purpose-missing.md"),
        repo.join("expenses.md"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/cases/balanced-code.md"),
        repo.join("code.md"),
    )
    .unwrap();
    std::fs::write(repo.join("build.rs"), "fn main() {}\n").unwrap();
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "documents"]);

    let building = BUILDING.lock().unwrap_or_else(PoisonError::into_inner);
    let output = Command::new("pre-commit")
        .args(["try-repo", "--all-files", "--color", "never"])
        .arg(root())
        .arg("policylint")
        .current_dir(&repo)
        .env("PRE_COMMIT_HOME", scratch.path().join("pre-commit-home"))
        .env("CARGO_TARGET_DIR", build_dir())
        .env("MATURIN_PEP517_ARGS", "--profile dev")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    drop(building);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "the hook fails:\n{stdout}");
    assert!(
        stdout.contains("policylint") && stdout.contains("Failed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("expenses.md:1:1")
            && stdout.contains("error[purpose-missing]")
            && !stdout.contains("code.md:")
            && !stdout.contains("build.rs"),
        "only the document with findings is reported, and only documents are linted:\n{stdout}"
    );
}

/// The hook's `files` pattern names exactly the extensions policylint reads.
fn the_hook_covers_every_format_policylint_reads() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let pattern = hooks
        .lines()
        .find_map(|line| line.trim().strip_prefix("files: "))
        .expect("the hook has a files pattern");
    let listed = pattern
        .strip_prefix(r"(?i)\.(")
        .and_then(|p| p.strip_suffix(")$"))
        .expect("the pattern is (?i)\\.(ext|ext...)$");
    let mut listed: Vec<&str> = listed.split('|').collect();
    let mut read: Vec<&str> = policylint::source::Format::BY_EXTENSION
        .iter()
        .map(|(ext, _)| *ext)
        .collect();
    listed.sort_unstable();
    read.sort_unstable();
    assert_eq!(listed, read);
    assert!(hooks.contains("language: python"));
}
