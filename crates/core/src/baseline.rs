//! A baseline records today's findings so a team can adopt policylint on a legacy folder and
//! see only new ones. A finding is known by its rule, its path and the normalised text of its
//! anchor (the sentence or heading it points at) — not by line — so edits elsewhere in the
//! file do not bring it back. The file is sorted TOML, written atomically.
//!
//! ```toml
//! version = 1
//!
//! [[finding]]
//! path = "policies/expenses.md"
//! rule = "purpose-missing"
//! anchor = "# Expenses policy"
//! count = 1
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic;
use crate::fingerprint::anchor;
use crate::results::FileReport;
use crate::toml_errors::{TomlErrors, toml_error};

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    #[serde(default, rename = "finding")]
    findings: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    anchor: String,
    count: usize,
}

/// What identifies a finding across edits.
type Key = (String, String, String);

/// A path as the baseline stores it: relative to the baseline's folder, with `/`.
fn stored_path(root: &Path, path: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let file = absolute(path);
    let relative = file.strip_prefix(absolute(root)).unwrap_or(&file);
    relative.to_string_lossy().replace('\\', "/")
}

fn keys<'a>(root: &'a Path, report: &'a FileReport) -> impl Iterator<Item = (usize, Key)> + 'a {
    let path = stored_path(root, &report.path);
    report.linted.iter().flat_map(move |linted| {
        let path = path.clone();
        linted
            .findings
            .iter()
            .enumerate()
            .map(move |(index, f)| (index, (path.clone(), f.rule.clone(), anchor(linted, f))))
    })
}

/// A loaded baseline, counting what it hides as files go by.
#[derive(Debug)]
pub struct Baseline {
    root: PathBuf,
    remaining: BTreeMap<Key, usize>,
    hidden: usize,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, TomlErrors> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            TomlErrors::message(
                path,
                format!(
                    "cannot read baseline {}: {}",
                    path.display(),
                    crate::walk::describe_io(&err)
                ),
            )
        })?;
        let file: BaselineFile = toml::from_str(&text)
            .map_err(|err| TomlErrors::in_file(path, &text, toml_error(0, &err)))?;
        if file.version != VERSION {
            return Err(TomlErrors::message(
                path,
                format!(
                    "baseline {} has version {}; this policylint reads version {VERSION}",
                    path.display(),
                    file.version
                ),
            ));
        }
        let mut remaining = BTreeMap::new();
        for entry in file.findings {
            *remaining
                .entry((entry.path, entry.rule, entry.anchor))
                .or_insert(0) += entry.count;
        }
        Ok(Baseline {
            root: crate::walk::folder_of(path),
            remaining,
            hidden: 0,
        })
    }

    /// Remove from `report` the findings the baseline knows, as many times as it recorded them.
    pub fn filter(&mut self, report: &mut FileReport) {
        let known: Vec<usize> = keys(&self.root, report)
            .filter_map(|(index, key)| match self.remaining.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    Some(index)
                }
                _ => None,
            })
            .collect();
        if let Some(linted) = &mut report.linted {
            self.hidden += known.len();
            let mut index = 0;
            linted.findings.retain(|_| {
                let keep = !known.contains(&index);
                index += 1;
                keep
            });
        }
    }

    /// Findings hidden so far.
    pub fn hidden(&self) -> usize {
        self.hidden
    }

    /// Recorded findings that no longer occur.
    pub fn stale(&self) -> usize {
        self.remaining.values().sum()
    }
}

/// Collects findings to write a new baseline.
#[derive(Debug)]
pub struct Recorder {
    root: PathBuf,
    counts: BTreeMap<Key, usize>,
}

impl Recorder {
    /// A recorder for a baseline to be written at `path`.
    pub fn new(path: &Path) -> Recorder {
        Recorder {
            root: crate::walk::folder_of(path),
            counts: BTreeMap::new(),
        }
    }

    pub fn record(&mut self, report: &FileReport) {
        for (_, key) in keys(&self.root, report) {
            *self.counts.entry(key).or_insert(0) += 1;
        }
    }

    /// Write the baseline, sorted, through a temporary file; returns the number of findings.
    pub fn write(&self, path: &Path) -> std::io::Result<usize> {
        let findings: Vec<Entry> = self
            .counts
            .iter()
            .map(|((path, rule, anchor), count)| Entry {
                path: path.clone(),
                rule: rule.clone(),
                anchor: anchor.clone(),
                count: *count,
            })
            .collect();
        let total = findings.iter().map(|e| e.count).sum();
        let file = BaselineFile {
            version: VERSION,
            findings,
        };
        let text = toml::to_string(&file).map_err(std::io::Error::other)?;
        atomic::write(path, text.as_bytes())?;
        Ok(total)
    }
}
