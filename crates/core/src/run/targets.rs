//! Choosing the files a run lints: walk the paths named, keep what each file's configuration
//! includes, and say what was passed over (links not followed, files excluded, documents
//! policylint cannot read yet).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Console, RunError};
use crate::output::Skipped;
use crate::results::NoticeLevel;
use crate::source::Format;
use crate::walk::{self, WalkOptions};
use crate::workspace::{SetupError, Target, Workspace};

/// Which files a run lints and how they are found.
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// Files and folders; none means the working directory.
    pub paths: Vec<PathBuf>,
    pub walk: WalkOptions,
    /// A run that lints no file is a warning, not an error.
    pub allow_empty: bool,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
    /// Keep results in a cache: `Some(None)` next to the configuration, `Some(Some(dir))` in
    /// `dir`, `None` not at all.
    pub cache: Option<Option<PathBuf>>,
}

impl Files {
    /// The paths named, or the working directory.
    pub(super) fn paths_or_here(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            self.paths.clone()
        }
    }

    /// Turn the cache on in `workspace` when asked for.
    pub(super) fn apply_cache(&self, workspace: &mut Workspace) {
        if let Some(dir) = &self.cache {
            workspace.use_cache(dir.clone());
        }
    }
}

/// The files under `paths` to lint, each with its linter: named files unless their
/// configuration excludes them, files found in folders when their configuration includes them.
/// Walk errors go to the console; the flag says whether there were any.
pub fn collect_targets(
    workspace: &mut Workspace,
    paths: &[PathBuf],
    walk: WalkOptions,
    quiet: bool,
    console: &mut dyn Console,
) -> Result<(Vec<Target>, bool), SetupError> {
    let walked = walk::collect(paths, walk);
    for error in &walked.errors {
        let level = error.level.name();
        console.line(&format!(
            "{level}: {}: {}",
            error.path.display(),
            error.message
        ));
    }
    for link in &walked.links {
        let linter = workspace.linter_for(link)?;
        if !quiet && workspace.linters[linter].config.includes(link) {
            console.line(&format!(
                "note: {}: symbolic link, not followed (--follow lints what it points at)",
                link.display()
            ));
        }
    }
    let mut targets = Vec::new();
    let mut failed = false;
    // Documents found in folders that policylint cannot read yet, by extension.
    let mut not_read: BTreeMap<String, usize> = BTreeMap::new();
    for found in walked.files {
        let linter = workspace.linter_for(&found.path)?;
        let config = &workspace.linters[linter].config;
        if found.named && config.excludes(&found.path) {
            if !quiet {
                console.line(&format!(
                    "note: {}: excluded by {}",
                    found.path.display(),
                    config.describe()
                ));
            }
            continue;
        }
        if let Some(ext) = Format::not_yet_read(&found.path) {
            if found.named {
                console.line(&format!(
                    "error: {}: policylint cannot read .{ext} files yet; save it as Word, \
                     OpenDocument, Markdown or plain text to lint it",
                    found.path.display()
                ));
                failed = true;
            } else if !config.excludes(&found.path) {
                *not_read.entry(ext).or_insert(0) += 1;
            }
            continue;
        }
        if found.named || config.includes(&found.path) {
            targets.push(Target {
                path: found.path,
                linter,
            });
        }
    }
    if !quiet && !not_read.is_empty() {
        console.line(&format!("note: {}", describe_not_read(&not_read)));
    }
    failed |= walked
        .errors
        .iter()
        .any(|error| error.level == NoticeLevel::Error);
    Ok((targets, failed))
}

/// `skipped 3 files policylint cannot read yet (2 .pdf, 1 .rtf)`
fn describe_not_read(by_extension: &BTreeMap<String, usize>) -> String {
    let total: usize = by_extension.values().sum();
    let counts: Vec<String> = by_extension
        .iter()
        .map(|(ext, n)| format!("{n} .{ext}"))
        .collect();
    format!(
        "skipped {total} file{} policylint cannot read yet ({})",
        super::plural(total),
        counts.join(", ")
    )
}

/// Say that a run linted no file, and why; `true` (the run fails) unless `allow_empty`.
pub(super) fn nothing_linted(
    paths: &[PathBuf],
    skipped: &Skipped,
    allow_empty: bool,
    console: &mut dyn Console,
) -> bool {
    let why = match skipped.reasons() {
        Some(reasons) => format!("every file was skipped ({reasons})"),
        None => {
            let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            format!(
                "no file in {} is one policylint reads and the configuration includes",
                paths.join(", ")
            )
        }
    };
    if allow_empty {
        console.line(&format!("warning: nothing to lint: {why}"));
        false
    } else {
        console.line(&format!(
            "error: nothing to lint: {why} (--allow-empty accepts this)"
        ));
        true
    }
}

/// Refuse to write `output` over a file this run lints: that would destroy the input.
pub(super) fn refuse_to_overwrite_input(
    output: Option<&Path>,
    what: &'static str,
    targets: &[Target],
) -> Result<(), RunError> {
    let inputs = targets.iter().map(|t| t.path.as_path());
    match output.and_then(|output| crate::atomic::same_file_as(output, inputs)) {
        Some(input) => Err(RunError::WouldOverwriteInput {
            what,
            input: input.to_path_buf(),
        }),
        None => Ok(()),
    }
}
