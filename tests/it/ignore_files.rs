//! Folder walks skip what ignore files exclude, as ripgrep does; `--no-ignore` and naming a
//! file on the command line bring it back. Every tree is built in a temporary folder, since an
//! ignore file inside the repository would apply to git and to the repository's own runs.

use std::path::Path;

use crate::common::{self, check_purpose};

const DOC: &str = "# Notes\n\nNothing here yet.\n";

/// Make `files` (path, contents) under `root`.
fn tree(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The files a `check` of `root` with `args` lints, relative to `root`.
fn linted(root: &Path, args: &[&str]) -> Vec<String> {
    let output = check_purpose(root, args);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let prefix = format!("{}/", root.display());
    stdout
        .lines()
        .map(|line| {
            let path = line.split(':').next().unwrap();
            path.strip_prefix(&prefix).unwrap_or(path).to_string()
        })
        .collect()
}

/// A git repository (git itself is not needed: a `.git` folder is what marks one) with nested
/// ignore files, negations, `.git/info/exclude` and `.policylintignore`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    tree(
        dir.path(),
        &[
            (".git/info/exclude", "local-notes.md\n"),
            (
                ".gitignore",
                "drafts/\nnode_modules/\n*.draft.md\n!keep.draft.md\n",
            ),
            (".policylintignore", "archive/\n"),
            (".ignore", "scratch.md\n"),
            ("a.md", DOC),
            ("local-notes.md", DOC),
            ("scratch.md", DOC),
            ("drafts/b.md", DOC),
            ("node_modules/pkg/notes.md", DOC),
            ("x.draft.md", DOC),
            ("keep.draft.md", DOC),
            ("archive/old.md", DOC),
            ("sub/.gitignore", "!notes.draft.md\nprivate.md\n"),
            ("sub/c.md", DOC),
            ("sub/notes.draft.md", DOC),
            ("sub/other.draft.md", DOC),
            ("sub/private.md", DOC),
        ],
    );
    dir
}

#[test]
fn folder_walks_skip_what_nested_ignore_files_exclude_and_keep_what_they_negate() {
    let dir = repository();
    assert_eq!(
        linted(dir.path(), &[]),
        ["a.md", "keep.draft.md", "sub/c.md", "sub/notes.draft.md"]
    );
}

#[test]
fn no_ignore_walks_everything_but_hidden_files() {
    let dir = repository();
    assert_eq!(
        linted(dir.path(), &["--no-ignore"]),
        [
            "a.md",
            "archive/old.md",
            "drafts/b.md",
            "keep.draft.md",
            "local-notes.md",
            "node_modules/pkg/notes.md",
            "scratch.md",
            "sub/c.md",
            "sub/notes.draft.md",
            "sub/other.draft.md",
            "sub/private.md",
            "x.draft.md",
        ]
    );
}

#[test]
fn a_file_named_on_the_command_line_is_linted_though_ignored() {
    let dir = repository();
    for name in [
        "drafts/b.md",
        "x.draft.md",
        "archive/old.md",
        "sub/private.md",
    ] {
        let output = check_purpose(&dir.path().join(name), &[]);
        assert_eq!(
            String::from_utf8(output.stdout).unwrap().lines().count(),
            1,
            "{name} is linted when named"
        );
    }
}

#[test]
fn outside_a_git_repository_only_gitignore_is_left_aside() {
    let dir = tempfile::tempdir().unwrap();
    tree(
        dir.path(),
        &[
            (".gitignore", "a.md\n"),
            (".policylintignore", "b.md\n"),
            (".ignore", "c.md\n"),
            ("a.md", DOC),
            ("b.md", DOC),
            ("c.md", DOC),
        ],
    );
    assert_eq!(linted(dir.path(), &[]), ["a.md"]);
}

#[test]
fn a_bad_line_in_an_ignore_file_is_a_located_warning_and_the_rest_still_applies() {
    let dir = tempfile::tempdir().unwrap();
    tree(
        dir.path(),
        &[
            (".policylintignore", "b.md\n[z-a].md\n"),
            ("a.md", DOC),
            ("b.md", DOC),
        ],
    );
    let output = check_purpose(dir.path(), &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    let stderr = stderr.replace(&format!("{}/", dir.path().display()), "");
    insta::assert_snapshot!(stderr);
    assert_eq!(linted(dir.path(), &[]), ["a.md"]);
}

#[test]
fn a_walk_of_a_subfolder_applies_the_ignore_files_of_the_folders_above_it() {
    let dir = repository();
    assert_eq!(
        linted(&dir.path().join("sub"), &[]),
        ["c.md", "notes.draft.md"]
    );
}

/// A link that points at itself is a warning when a walk meets it, so its absence shows that
/// the ignored folder holding it was never entered.
#[cfg(unix)]
#[test]
fn an_ignored_folder_is_never_entered() {
    let dir = repository();
    std::os::unix::fs::symlink("self", dir.path().join("node_modules/self")).unwrap();
    let stderr = |args: &[&str]| {
        let output = check_purpose(dir.path(), args);
        let stderr = String::from_utf8(output.stderr).unwrap();
        stderr.replace(&format!("{}/", dir.path().display()), "")
    };
    assert_eq!(
        stderr(&["--follow"]),
        "checked 4 files: 4 errors, 0 warnings, 0 info\n"
    );
    assert_eq!(
        stderr(&["--follow", "--no-ignore"]),
        "warning: node_modules/self: symbolic link loop, not followed\n\
         checked 12 files: 12 errors, 0 warnings, 0 info\n"
    );
}

/// git's global excludes file, and `info/exclude` in the main repository's git folder for a
/// linked worktree, whose `.git` is a file naming its own git folder.
#[test]
fn global_excludes_and_a_worktree_s_exclude_file_apply() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    tree(
        dir.path(),
        &[
            (
                "gitconfig",
                &format!("[core]\n\texcludesFile = {}\n", at("global-ignore")),
            ),
            ("global-ignore", "global.md\n"),
            ("git/info/exclude", "excluded.md\n"),
            ("git/worktrees/wt/commondir", "../..\n"),
            ("wt/.git", &format!("gitdir: {}\n", at("git/worktrees/wt"))),
            ("wt/a.md", DOC),
            ("wt/excluded.md", DOC),
            ("wt/global.md", DOC),
        ],
    );
    let output = common::policylint()
        .env("GIT_CONFIG_GLOBAL", at("gitconfig"))
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "purpose-missing",
        ])
        .arg(at("wt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.replace(&format!("{}/", at("wt")), ""),
        "a.md:1:1: error[purpose-missing]: this policy never states its purpose\n"
    );
}

#[test]
fn a_line_of_an_ignore_file_that_is_not_utf8_is_a_located_warning_and_the_lines_before_it_apply() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path(), &[("a.md", DOC), ("b.md", DOC), ("c.md", DOC)]);
    std::fs::write(dir.path().join(".ignore"), b"b.md\n\xFF.md\nc.md\n").unwrap();
    let output = check_purpose(dir.path(), &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    let stderr = stderr.replace(&format!("{}/", dir.path().display()), "");
    insta::assert_snapshot!(stderr);
    assert_eq!(linted(dir.path(), &[]), ["a.md", "c.md"]);
}
