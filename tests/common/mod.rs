//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `policylint` binary, run from the repository root without colour from the environment.
pub fn policylint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"));
    cmd.current_dir(root()).env_remove("NO_COLOR");
    cmd
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run the binary in `dir` with `args`, without colour from the environment.
pub fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap()
}

/// Exit code and standard output: what must not depend on the cache.
pub fn outcome(output: &std::process::Output) -> (Option<i32>, String) {
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// A path relative to the repository root, with `/` separators, for stable snapshots.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Exit code, stdout and stderr of a run, as one text for a snapshot.
pub fn transcript(output: &std::process::Output) -> String {
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("none".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `policylint check --format concise --select purpose-missing`, for more arguments to follow.
pub fn purpose_command() -> assert_cmd::Command {
    let mut command = policylint();
    command.args([
        "check",
        "--format",
        "concise",
        "--select",
        "purpose-missing",
    ]);
    command
}

/// `check --format concise --select purpose-missing` with `args` on `path`: one line per file
/// that never states its purpose, which is enough to see which files a run linted. A run that
/// hangs is ended after [`HANG`].
pub fn check_purpose(path: &Path, args: &[&str]) -> std::process::Output {
    purpose_command()
        .args(args)
        .arg(path)
        .timeout(HANG)
        .output()
        .unwrap()
}

/// How long a run may go before a test calls it hung. Generous: the debug build lints the
/// largest inputs here (50 MB on one line) in over a minute on two cores, and all the end-to-end
/// tests share one binary, so the heaviest of them may run side by side on a busy machine.
pub const HANG: std::time::Duration = std::time::Duration::from_secs(300);

/// Copy the folder `from` to `to`, the cache folder of earlier runs left out.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_name() == ".policylint_cache" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The shared corpus of real documents beside the repository, when it is there.
pub fn corpus() -> Option<PathBuf> {
    let path = root().join("../shared/corpus");
    path.is_dir().then_some(path)
}

/// The zip package (a .docx or .odt) made of the files under `parts`, in name order, with
/// `mimetype` first and stored as OpenDocument asks.
pub fn package(parts: &Path) -> Vec<u8> {
    use std::io::Write;
    use zip::write::{SimpleFileOptions, ZipWriter};

    let mut names: Vec<String> = walkdir::WalkDir::new(parts)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| relative_to(parts, entry.path()))
        .collect();
    names.sort_by_key(|name| (name != "mimetype", name.clone()));
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for name in names {
        let options = if name == "mimetype" {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default()
        };
        writer.start_file(name.as_str(), options).unwrap();
        writer
            .write_all(&std::fs::read(parts.join(&name)).unwrap())
            .unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn relative_to(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// A folder holding the same policy in every format: the text fixtures of
/// `fixtures/formats` copied, and the packages under `fixtures/formats/parts` built.
pub fn formats_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("fixtures/formats");
    copy_files(&fixtures, dir.path());
    for entry in std::fs::read_dir(fixtures.join("parts")).unwrap() {
        let parts = entry.unwrap().path();
        std::fs::write(dir.path().join(parts.file_name().unwrap()), package(&parts)).unwrap();
    }
    dir
}

/// Copy the files directly in `from` (not its folders) into `to`.
pub fn copy_files(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// A test that needs something outside the repository (the shared corpus, Chromium, strace).
/// When it is missing the test is reported as ignored, with the reason on standard error, so
/// the runner counts it as not run; under CI (`CI` set), where `.ci/run` provides everything,
/// a missing input fails the test instead.
pub fn needing(name: &str, missing: Option<String>, test: fn()) -> libtest_mimic::Trial {
    let run = move || {
        test();
        Ok(())
    };
    match missing {
        None => libtest_mimic::Trial::test(name, run),
        Some(why) if std::env::var_os("CI").is_some() => {
            libtest_mimic::Trial::test(name, move || {
                Err(format!("{why}, and under CI this test must run").into())
            })
        }
        Some(why) => {
            eprintln!("ignored {name}: {why}");
            libtest_mimic::Trial::test(name, run).with_ignored_flag(true)
        }
    }
}

/// Run a test binary's trials with the standard command-line arguments and exit with their
/// outcome.
pub fn run_trials(trials: Vec<libtest_mimic::Trial>) -> std::process::ExitCode {
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit_code()
}

/// Why the shared corpus cannot be used, if it cannot.
pub fn corpus_missing() -> Option<String> {
    corpus()
        .is_none()
        .then(|| format!("{} is not here", root().join("../shared/corpus").display()))
}
