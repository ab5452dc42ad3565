//! Which settings lint which file: each file gets the linter of its nearest configuration (or
//! of `--config`), built once per configuration from its packs, with the command line's
//! `--rules`, `--select`, `--ignore` and `--fail-on` on top.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cache::{Cache, CacheError};
use crate::config::{Config, Configs, PackRef};
use crate::finding::Severity;
use crate::lint::{Linter, Selection, Worker, guarded};
use crate::parallel;
use crate::read;
use crate::results::{FileReport, LintedFile};
use crate::rules::{PackSource, RuleSet};
use crate::source::Format;
use crate::toml_errors::TomlErrors;
use crate::walk;

/// What the command line says about settings, over any configuration file.
#[derive(Clone, Debug, Default)]
pub struct CommandLine {
    /// `--config`: one configuration for every file, no discovery.
    pub config: Option<PathBuf>,
    /// `--rules`: packs loaded beside the configured ones.
    pub extra_packs: Vec<PathBuf>,
    /// `--no-default-rules`: leave out built-in packs.
    pub no_default_rules: bool,
    pub selection: Selection,
    pub fail_on: Option<Severity>,
    /// `--max-file-size`, in bytes.
    pub max_file_size: Option<u64>,
    /// `--max-parse-time`.
    pub max_parse_time: Option<Duration>,
    /// `--today`: the day review and effective dates are judged on.
    pub today: Option<crate::date::Date>,
}

/// Why settings could not be put together.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A configuration or pack file is wrong; the diagnostics point into it.
    #[error(transparent)]
    Toml(#[from] TomlErrors),
    #[error("no rule packs: --no-default-rules needs at least one --rules FILE|DIR")]
    NoPacks,
    #[error("cannot read rule pack {}: {source}", path.display())]
    ReadPack {
        path: PathBuf,
        source: read::SettingsError,
    },
    #[error("no .toml rule packs in {}", .0.display())]
    NoPacksInFolder(PathBuf),
    /// `--select` or `--ignore` names rules no pack has.
    #[error("unknown rule {}; `policylint rules` lists them", join(.0))]
    UnknownRules(Vec<UnknownRule>),
}

/// A rule id no loaded pack defines, and the nearest one that exists.
#[derive(Debug)]
pub struct UnknownRule {
    pub id: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.hint {
            Some(hint) => write!(f, "`{}` ({hint})", self.id),
            None => write!(f, "`{}`", self.id),
        }
    }
}

fn join(rules: &[UnknownRule]) -> String {
    let rules: Vec<String> = rules.iter().map(ToString::to_string).collect();
    rules.join(", ")
}

/// A file to lint and the linter for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub linter: usize,
}

/// Every linter a run needs, one per configuration in use.
pub struct Workspace {
    command_line: CommandLine,
    configs: Configs,
    pub linters: Vec<Linter>,
    by_config: HashMap<Option<PathBuf>, usize>,
    /// The results of earlier runs, one store per linter, when the cache is on.
    cache: Option<Cache>,
}

impl Workspace {
    pub fn new(command_line: CommandLine) -> Self {
        Workspace {
            command_line,
            configs: Configs::default(),
            linters: Vec::new(),
            by_config: HashMap::new(),
            cache: None,
        }
    }

    /// Keep results in a cache and re-use them for files whose bytes have not changed: in `dir`,
    /// else in `.policylint_cache` next to each configuration file (or in the working directory
    /// when there is none). Call before the first [`Workspace::linter_for`].
    pub fn use_cache(&mut self, dir: Option<PathBuf>) {
        self.cache = Some(Cache::new(dir));
    }

    /// How many of the files linted so far came from the cache, if it is on.
    pub fn cache_hits(&self) -> Option<usize> {
        self.cache.as_ref().map(Cache::hits)
    }

    /// Write the cache files, keeping the results of this run only. Problems are returned, not
    /// raised: a cache that cannot be written costs speed, not results.
    pub fn save_cache(&self) -> Vec<CacheError> {
        self.cache.as_ref().map_or_else(Vec::new, Cache::save)
    }

    /// The index of the linter for a file (or a folder, for standard input's pretend path),
    /// building it the first time its configuration is seen.
    pub fn linter_for(&mut self, path: &Path) -> Result<usize, SetupError> {
        let config_path = match &self.command_line.config {
            Some(config) => Some(config.clone()),
            None => {
                let dir = if path.is_dir() {
                    path.to_path_buf()
                } else {
                    walk::folder_of(path)
                };
                self.configs.nearest(&dir)
            }
        };
        if let Some(&index) = self.by_config.get(&config_path) {
            return Ok(index);
        }
        let config = match &config_path {
            Some(path) => Config::load(path)?,
            None => {
                Config::defaults(std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
            }
        };
        let packs = pack_sources(&config, &self.command_line)?;
        let rules = crate::check::load(&packs)?;
        config.validate(&rules)?;
        check_selection(&self.command_line.selection, &rules)?;
        let fail_on = self
            .command_line
            .fail_on
            .or(config.fail_on)
            .unwrap_or(Severity::Error);
        let mut linter =
            Linter::with_config(rules, self.command_line.selection.clone(), config, fail_on);
        linter.limits = linter.limits.with(
            self.command_line.max_file_size,
            self.command_line.max_parse_time,
        );
        if let Some(today) = self.command_line.today {
            linter.today = today;
        }
        // Linked files are read under the same size limit as the files linted.
        linter.folder = crate::links::Folder::new(
            linter.config.metadata.names.clone(),
            linter.limits.max_file_size,
        );
        if let Some(cache) = &mut self.cache {
            cache.open(
                &linter.config,
                &packs,
                &linter.selection,
                linter.limits,
                linter.today,
            );
        }
        self.linters.push(linter);
        let index = self.linters.len() - 1;
        self.by_config.insert(config_path, index);
        Ok(index)
    }

    /// Lint `targets` on `jobs` threads; `sink` gets each report, in order, with its linter.
    pub fn lint(&self, targets: &[Target], jobs: usize, mut sink: impl FnMut(FileReport, &Linter)) {
        // Each linter compares the figures of the documents it lints with one another.
        for (index, linter) in self.linters.iter().enumerate() {
            let documents = targets
                .iter()
                .filter(|t| t.linter == index)
                .map(|t| t.path.clone())
                .collect();
            linter.folder.set_documents(documents);
        }
        parallel::lint_in_order(
            targets.len(),
            jobs,
            |index, worker| {
                let Target { path, linter } = &targets[index];
                let memo = self.cache.as_ref().map(|cache| cache.memo(*linter));
                self.linters[*linter].lint_path_guarded(path, worker, memo)
            },
            |index, report| sink(report, &self.linters[targets[index].linter]),
        );
    }

    /// Lint what `input` (standard input) holds as the file `path` (Markdown unless the
    /// path's extension says otherwise), reading no more than its `max-file-size`.
    pub fn lint_stdin(
        &mut self,
        path: &Path,
        input: impl std::io::Read,
    ) -> Result<(FileReport, usize), SetupError> {
        let index = self.linter_for(path)?;
        match read::read_within(input, self.linters[index].limits.max_file_size, 0) {
            Ok(bytes) => self
                .lint_text(path, bytes, &mut Worker::default())
                .map(|(report, index)| (report.into_results(), index)),
            Err(refusal) => Ok((refusal.report(path), index)),
        }
    }

    /// Lint `bytes` that are not on disk (standard input, an editor's unsaved text) as the
    /// file `path`: its configuration, overrides and format apply (Markdown unless the path's
    /// extension says otherwise), and bytes over its `max-file-size` are refused as a file
    /// would be. The document and evidence are kept, for the server's hover.
    pub fn lint_text(
        &mut self,
        path: &Path,
        bytes: Vec<u8>,
        worker: &mut Worker,
    ) -> Result<(FileReport<LintedFile>, usize), SetupError> {
        let index = self.linter_for(path)?;
        let linter = &self.linters[index];
        let limit = linter.limits.max_file_size;
        if bytes.len() as u64 > limit {
            let refusal = read::Refusal::TooLarge {
                size: Some(bytes.len() as u64),
                limit,
            };
            return Ok((refusal.report(path), index));
        }
        let format = Format::from_path(path).unwrap_or(Format::Markdown);
        let report = guarded(path, worker, |worker| {
            linter.inspect_bytes(path, format, bytes, worker)
        });
        Ok((report, index))
    }
}

/// The pack files of a configuration and the command line, read.
///
/// A pack named twice (`--rules` over a configuration that lists it, two spellings of its
/// path, a link to it in a pack folder) is read once rather than defining everything twice.
fn pack_sources(
    config: &Config,
    command_line: &CommandLine,
) -> Result<Vec<PackSource>, SetupError> {
    let mut sources = Vec::new();
    let mut loaded = HashSet::new();
    for pack in &config.packs {
        match pack {
            PackRef::Builtin(name) if !command_line.no_default_rules => {
                if loaded.insert(PathBuf::from(format!("builtin:{name}"))) {
                    sources.extend(PackSource::builtin(name));
                }
            }
            PackRef::Builtin(_) => {}
            PackRef::Path(path) => sources.extend(read_packs(path, &mut loaded)?),
        }
    }
    for path in &command_line.extra_packs {
        sources.extend(read_packs(path, &mut loaded)?);
    }
    if sources.is_empty() {
        return Err(SetupError::NoPacks);
    }
    Ok(sources)
}

/// A pack file, or the `.toml` files of a folder in name order, leaving out the files in
/// `loaded` and adding the others to it.
fn read_packs(path: &Path, loaded: &mut HashSet<PathBuf>) -> Result<Vec<PackSource>, SetupError> {
    let unreadable = |path: &Path, source| SetupError::ReadPack {
        path: path.to_path_buf(),
        source,
    };
    let files = if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|err| unreadable(path, read::SettingsError::Io(err)))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(SetupError::NoPacksInFolder(path.to_path_buf()));
        }
        files
    } else {
        vec![path.to_path_buf()]
    };
    files
        .into_iter()
        .filter(|file| loaded.insert(file.canonicalize().unwrap_or_else(|_| file.clone())))
        .map(|file| {
            let text = read::read_settings(&file).map_err(|reason| unreadable(&file, reason))?;
            Ok(PackSource {
                origin: file.display().to_string(),
                text,
            })
        })
        .collect()
}

/// `--select` and `--ignore` must name rules that exist.
fn check_selection(selection: &Selection, rules: &RuleSet) -> Result<(), SetupError> {
    let mut unknown: Vec<UnknownRule> = selection
        .unknown_ids(rules)
        .map(|id| UnknownRule {
            id: id.to_string(),
            hint: rules.nearest_rule(id),
        })
        .collect();
    // The selection is a set: in name order, the message is the same from run to run.
    unknown.sort_by(|a, b| a.id.cmp(&b.id));
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(SetupError::UnknownRules(unknown))
    }
}
