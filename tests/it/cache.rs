//! The content cache: warm runs print exactly what cold and uncached runs print, re-lint only
//! what changed, and never trust a cache file they did not just check.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{self, copy_tree, outcome, root, run_in as run};

const CHECK_FORMATS: &[&str] = &[
    "human", "concise", "json", "sarif", "github", "junit", "gitlab", "rdjsonl",
];
const REPORT_FORMATS: &[&str] = &["html", "md", "json", "csv"];
const CACHE: &str = ".policylint_cache";

/// A copy of a fixture folder, so its cache starts empty and edits stay in the copy.
fn copy_of(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join(fixture), dir.path());
    dir
}

/// Every format policylint reads, with the files that only make notices: empty, binary, and
/// invalid UTF-8.
fn mixed_folder() -> tempfile::TempDir {
    let dir = common::formats_folder();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    std::fs::write(dir.path().join("binary.txt"), b"PK\x00\x01\x02").unwrap();
    std::fs::write(
        dir.path().join("latin1.md"),
        b"# Caf\xe9 policy\n\nStaff must sign in.\n",
    )
    .unwrap();
    dir
}

/// The `cached: N of M files` line of `check --statistics`.
fn cached_line(dir: &Path, args: &[&str]) -> String {
    let output = run(dir, &[&["check", "--statistics"], args].concat());
    let stderr = String::from_utf8(output.stderr).unwrap();
    stderr
        .lines()
        .find(|line| line.starts_with("cached: "))
        .unwrap_or_else(|| panic!("no cached line in {stderr}"))
        .to_string()
}

/// The cache files (`<key>.bin`) in a cache folder, by name.
fn cache_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    files.sort();
    files
}

/// Makes a folder to lint in a fresh temporary directory.
type MakeFolder = fn() -> tempfile::TempDir;

/// The folders warm and cold runs are compared on: a handbook, nested configurations with
/// overrides, and every input format.
fn folders() -> [(&'static str, MakeFolder); 3] {
    [
        ("handbook", || copy_of("fixtures/handbook")),
        ("config", || copy_of("fixtures/config")),
        ("formats", mixed_folder),
    ]
}

#[test]
fn warm_check_output_is_cold_output_in_every_format() {
    for (fixture, folder) in folders() {
        for format in CHECK_FORMATS {
            let dir = folder();
            let args = ["check", ".", "--format", format];
            let uncached = outcome(&run(dir.path(), &[&args[..], &["--no-cache"]].concat()));
            let cold = outcome(&run(dir.path(), &args));
            let warm = outcome(&run(dir.path(), &args));
            assert_eq!(cold, uncached, "{fixture} --format {format}, cold");
            assert_eq!(warm, uncached, "{fixture} --format {format}, warm");
        }
    }
}

#[test]
fn a_warm_run_restores_every_file_but_word_and_opendocument() {
    for (fixture, folder) in folders() {
        let dir = folder();
        run(dir.path(), &["check", "."]);
        let expected = match fixture {
            "handbook" => "cached: 7 of 7 files",
            "config" => "cached: 3 of 3 files",
            _ => "cached: 7 of 9 files",
        };
        assert_eq!(cached_line(dir.path(), &["."]), expected, "{fixture}");
    }
}

#[test]
fn warm_reports_are_cold_reports_in_every_format() {
    for (fixture, folder) in folders() {
        for format in REPORT_FORMATS {
            let dir = folder();
            let report = |name: &str, extra: &[&str]| {
                let out = dir.path().join("..").join(format!("{name}.{format}"));
                let out = out.to_str().unwrap().to_string();
                let args = ["report", ".", "--format", format, "-o", &out];
                let output = run(dir.path(), &[&args[..], extra].concat());
                (output.status.code(), std::fs::read(&out).unwrap())
            };
            let uncached = report("uncached", &["--no-cache"]);
            let cold = report("cold", &[]);
            let warm = report("warm", &[]);
            assert_eq!(cold, uncached, "{fixture} --format {format}, cold");
            assert_eq!(warm, uncached, "{fixture} --format {format}, warm");
        }
    }
}

#[test]
fn the_cache_sits_next_to_each_configuration_and_keeps_out_of_git() {
    let dir = copy_of("fixtures/config");
    run(dir.path(), &["check", "."]);
    for folder in [dir.path().join(CACHE), dir.path().join("team").join(CACHE)] {
        assert_eq!(cache_files(&folder).len(), 1, "{}", folder.display());
        let ignore = std::fs::read_to_string(folder.join(".gitignore")).unwrap();
        assert_eq!(ignore, "*\n");
        let tag = std::fs::read_to_string(folder.join("CACHEDIR.TAG")).unwrap();
        assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    }
    assert!(!dir.path().join("policies").join(CACHE).exists());
}

#[test]
fn cache_dir_is_honoured_and_no_cache_writes_nothing() {
    let dir = copy_of("fixtures/handbook");
    let elsewhere = tempfile::tempdir().unwrap();
    let cache_dir = elsewhere.path().join("cache");
    let chosen = ["--cache-dir", cache_dir.to_str().unwrap()];
    run(dir.path(), &[&["check", "."], &chosen[..]].concat());
    assert_eq!(cache_files(&cache_dir).len(), 1);
    assert!(!dir.path().join(CACHE).exists());
    assert_eq!(
        cached_line(dir.path(), &[&["."], &chosen[..]].concat()),
        "cached: 7 of 7 files"
    );

    run(dir.path(), &["check", ".", "--no-cache"]);
    run(dir.path(), &["report", ".", "--no-cache"]);
    assert!(!dir.path().join(CACHE).exists());
    let stats = run(dir.path(), &["check", ".", "--no-cache", "--statistics"]);
    assert!(!String::from_utf8(stats.stderr).unwrap().contains("cached:"));
}

#[test]
fn only_changed_files_are_linted_again() {
    let dir = copy_of("fixtures/handbook");
    assert_eq!(cached_line(dir.path(), &["."]), "cached: 0 of 7 files");
    assert_eq!(cached_line(dir.path(), &["."]), "cached: 7 of 7 files");
    let before = outcome(&run(dir.path(), &["check", ".", "--format", "json"]));

    let doc = dir.path().join("policies/expenses.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replace("# Expenses policy\n", "# Expenses policy\n\nHey guys.\n"),
    )
    .unwrap();
    assert_eq!(cached_line(dir.path(), &["."]), "cached: 6 of 7 files");
    let warm = outcome(&run(dir.path(), &["check", ".", "--format", "json"]));
    let uncached = outcome(&run(
        dir.path(),
        &["check", ".", "--format", "json", "--no-cache"],
    ));
    assert_eq!(warm, uncached);
    assert_ne!(warm, before, "the new finding shows");
}

#[test]
fn a_changed_configuration_or_pack_invalidates_every_entry() {
    let dir = copy_of("fixtures/config");
    let config = dir.path().join("policylint.toml");
    run(dir.path(), &["check", "policies"]);
    assert_eq!(
        cached_line(dir.path(), &["policies"]),
        "cached: 1 of 1 files"
    );
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("measures-missing = \"info\"", "")).unwrap();
    assert_eq!(
        cached_line(dir.path(), &["policies"]),
        "cached: 0 of 1 files"
    );
    assert_eq!(
        outcome(&run(dir.path(), &["check", "policies"])),
        outcome(&run(dir.path(), &["check", "policies", "--no-cache"]))
    );

    let pack = dir.path().join("../extra.toml");
    std::fs::copy(root().join("fixtures/packs/house-style.toml"), &pack).unwrap();
    let with_pack = ["policies", "--rules", pack.to_str().unwrap()];
    run(dir.path(), &[&["check"], &with_pack[..]].concat());
    assert_eq!(cached_line(dir.path(), &with_pack), "cached: 1 of 1 files");
    let text = std::fs::read_to_string(&pack).unwrap();
    std::fs::write(&pack, format!("{text}\n# edited\n")).unwrap();
    assert_eq!(cached_line(dir.path(), &with_pack), "cached: 0 of 1 files");

    let selected = ["policies", "--ignore", "people-missing"];
    assert_eq!(cached_line(dir.path(), &selected), "cached: 0 of 1 files");
    assert_eq!(cached_line(dir.path(), &selected), "cached: 1 of 1 files");
}

#[test]
fn a_changed_base_configuration_invalidates_every_entry() {
    let dir = copy_of("fixtures/extends/chain");
    let team = dir.path().join("team");
    run(&team, &["check", "."]);
    assert_eq!(cached_line(&team, &["."]), "cached: 2 of 2 files");
    let base = dir.path().join("base.toml");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replace("fail-on = \"error\"", "")).unwrap();
    assert_eq!(cached_line(&team, &["."]), "cached: 0 of 2 files");
}

#[test]
fn damaged_cache_files_are_ignored_and_rewritten() {
    let dir = copy_of("fixtures/handbook");
    let expected = outcome(&run(
        dir.path(),
        &["check", ".", "--format", "sarif", "--no-cache"],
    ));
    run(dir.path(), &["check", "."]);
    let file = cache_files(&dir.path().join(CACHE)).remove(0);
    let intact = std::fs::read(&file).unwrap();
    let mut flipped = intact.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let damages: [(&str, Vec<u8>); 4] = [
        ("truncated", intact[..intact.len() / 2].to_vec()),
        ("flipped", flipped),
        ("garbage", b"\x00\xffnot a cache file".repeat(100)),
        ("empty", Vec::new()),
    ];
    for (damage, bytes) in damages {
        std::fs::write(&file, bytes).unwrap();
        let output = run(
            dir.path(),
            &["check", ".", "--format", "sarif", "--statistics"],
        );
        assert_eq!(outcome(&output), expected, "{damage}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("cached: 0 of 7 files"),
            "{damage}: {stderr}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), intact, "{damage}: rewritten");
        assert_eq!(cached_line(dir.path(), &["."]), "cached: 7 of 7 files");
    }
}

#[test]
fn a_run_keeps_the_entries_of_its_own_files_only() {
    let dir = copy_of("fixtures/handbook");
    run(dir.path(), &["check", "."]);
    run(dir.path(), &["check", "roles"]);
    assert_eq!(cached_line(dir.path(), &["."]), "cached: 2 of 7 files");
    let file = cache_files(&dir.path().join(CACHE)).remove(0);
    let full = std::fs::metadata(&file).unwrap().len();
    run(dir.path(), &["check", "roles/team-lead.md"]);
    assert!(std::fs::metadata(&file).unwrap().len() < full);
}

#[test]
fn baselines_work_the_same_from_the_cache() {
    let dir = copy_of("fixtures/handbook");
    let write = |name: &str| {
        let path = dir.path().join("..").join(name);
        run(
            dir.path(),
            &["check", ".", "--write-baseline", path.to_str().unwrap()],
        );
        std::fs::read_to_string(path).unwrap()
    };
    let cold = write("cold.toml");
    let warm = write("warm.toml");
    assert_eq!(cold, warm);
    let baseline = dir.path().join("../cold.toml");
    let with = [
        "check",
        ".",
        "--baseline",
        baseline.to_str().unwrap(),
        "--statistics",
    ];
    let warm = run(dir.path(), &with);
    let uncached = run(dir.path(), &[&with[..], &["--no-cache"]].concat());
    assert_eq!(outcome(&warm), outcome(&uncached));
    let hidden = |output: &Output| {
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        stderr
            .lines()
            .find(|l| l.starts_with("baseline:"))
            .map(str::to_string)
    };
    assert_eq!(hidden(&warm), hidden(&uncached));
    assert!(hidden(&warm).is_some());
}

#[test]
fn runs_at_the_same_time_leave_a_whole_cache() {
    let dir = copy_of("fixtures/handbook");
    let expected = outcome(&run(dir.path(), &["check", ".", "--no-cache"]));
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_policylint"))
                .current_dir(dir.path())
                .args(["check", "."])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        assert_eq!(outcome(&child.wait_with_output().unwrap()), expected);
    }
    assert_eq!(cached_line(dir.path(), &["."]), "cached: 7 of 7 files");
    let names: Vec<String> = std::fs::read_dir(dir.path().join(CACHE))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

#[test]
fn standard_input_leaves_the_cache_alone() {
    let dir = copy_of("fixtures/handbook");
    run(dir.path(), &["check", "."]);
    let file = cache_files(&dir.path().join(CACHE)).remove(0);
    let before = std::fs::read(&file).unwrap();
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir.path())
        .args([
            "check",
            "-",
            "--stdin-filename",
            "policies/new.md",
            "--statistics",
        ])
        .write_stdin("# New policy\n\nStaff must sign in.\n")
        .output()
        .unwrap();
    assert!(
        !String::from_utf8(output.stderr)
            .unwrap()
            .contains("cached:")
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert_eq!(cached_line(dir.path(), &["."]), "cached: 7 of 7 files");
}

/// `check --statistics` in `dir` with the cache key kept under `keys`, as another user's (or
/// another machine's) would be.
fn cached_line_with_keys_in(dir: &Path, keys: &Path) -> String {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir)
        .env("XDG_CACHE_HOME", keys)
        .args(["check", ".", "--statistics", "--format", "concise"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    stderr
        .lines()
        .find(|line| line.starts_with("cached: "))
        .unwrap_or_else(|| panic!("no cached line in {stderr}"))
        .to_string()
}

#[test]
fn a_cache_written_by_someone_else_is_not_trusted() {
    let dir = copy_of("fixtures/handbook");
    let mine = tempfile::tempdir().unwrap();
    let theirs = tempfile::tempdir().unwrap();
    // Their cache file, as a pull request could commit it.
    assert_eq!(
        cached_line_with_keys_in(dir.path(), theirs.path()),
        "cached: 0 of 7 files"
    );
    assert_eq!(
        cached_line_with_keys_in(dir.path(), mine.path()),
        "cached: 0 of 7 files"
    );
    assert_eq!(
        cached_line_with_keys_in(dir.path(), mine.path()),
        "cached: 7 of 7 files"
    );
    let key = mine.path().join("policylint/secret");
    assert_eq!(std::fs::read(&key).unwrap().len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(key.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn a_warm_run_with_a_shorter_parse_time_answers_as_a_cold_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("# Policy\n\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "We *file* forms **{i}** and [a link](x) every day.\n\n"
        ));
    }
    std::fs::write(dir.path().join("policy.md"), text).unwrap();
    let args = [
        "check",
        ".",
        "--format",
        "concise",
        "--select",
        "purpose-missing",
    ];
    let tight = ["--max-parse-time", "0.000001"];
    let uncached = run(dir.path(), &[&args[..], &tight, &["--no-cache"]].concat());
    assert_eq!(uncached.status.code(), Some(2), "the budget is too short");
    let warm_up = run(dir.path(), &args);
    assert_eq!(warm_up.status.code(), Some(1));
    let warm = run(dir.path(), &[&args[..], &tight].concat());
    assert_eq!(outcome(&warm), outcome(&uncached));
    assert_eq!(warm.stderr, uncached.stderr);
}

#[test]
fn a_cache_folder_that_is_a_file_is_named_as_such() {
    let dir = copy_of("fixtures/handbook");
    std::fs::write(dir.path().join(CACHE), "not a folder").unwrap();
    let output = run(dir.path(), &["check", ".", "--format", "concise", "-q"]);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "warning: cannot keep the cache in {}: it is a file, not a folder\n",
            dir.path().join(CACHE).display()
        )
    );
}
