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
/// that never states its purpose, which is enough to see which files a run linted.
pub fn check_purpose(path: &Path, args: &[&str]) -> std::process::Output {
    policylint()
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .args(args)
        .arg(path)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap()
}

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
