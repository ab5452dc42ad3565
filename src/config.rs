//! `policylint.toml`: found by walking up from a linted file's folder (the nearest wins) or
//! named with `--config`. Every mistake in it is a located error with a "did you mean".
//!
//! ```toml
//! [lint]
//! include = ["**/*.md", "**/*.txt"]
//! exclude = ["archive/**"]
//! packs   = ["builtin:manage-lead", "rules/house-style.toml"]
//! fail-on = "warning"
//! max-file-size = "10MB"             # larger files are skipped with a warning
//! max-parse-time = 10                # seconds one file's parse may take
//! [rules]
//! measures-missing = "info"          # a severity, or "off"
//! [[overrides]]
//! paths = ["roles/**"]
//! kind = "role"
//! rules = { role-growth = "off" }
//! [report]
//! min-coverage = { purpose = 0.8, manage = 0.6 }   # concepts or dimensions, 0 to 1
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;
use crate::limits;
use crate::rules::{KindId, RuleSet};
use crate::schemas;
use crate::source::Format;
use crate::suppress::UNUSED_SUPPRESSION;
use crate::toml_errors::{TomlErrors, did_you_mean, push_help, toml_error};

/// The name policylint looks for.
pub const FILE_NAME: &str = "policylint.toml";

/// What `policylint init` writes.
pub const STARTER: &str = include_str!("starter.toml");

/// A rule's setting in `[rules]` or an override: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

// The doc comments of these types are the descriptions editors show from the JSON Schema.

/// policylint's configuration: the nearest `policylint.toml` above a file applies to it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfigFile {
    #[serde(default)]
    lint: LintSection,
    /// A severity per rule (`error`, `warning`, `info`), or `off`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    rules: BTreeMap<Spanned<String>, Spanned<Level>>,
    /// Settings for some paths only; later entries win.
    #[serde(default)]
    #[schemars(with = "Vec<OverrideSection>")]
    overrides: Vec<Spanned<OverrideSection>>,
    #[serde(default)]
    report: ReportSection,
}

/// Settings of `policylint report`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ReportSection {
    /// Concept or dimension name -> the lowest coverage `policylint report` accepts.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, schemas::Share>")]
    min_coverage: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// Which files are linted, with which packs, and what fails the run.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LintSection {
    /// Globs of the files to lint when walking folders, relative to this file's folder.
    #[schemars(with = "Option<Vec<String>>")]
    include: Option<Vec<Spanned<String>>>,
    /// Globs of files to leave out, even when named on the command line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    exclude: Vec<Spanned<String>>,
    /// Rule packs: `builtin:NAME`, or a file or folder of `.toml` packs.
    #[schemars(with = "Option<Vec<String>>")]
    packs: Option<Vec<Spanned<String>>>,
    /// The lowest severity that fails the run (exit code 1).
    #[schemars(with = "Option<Severity>")]
    fail_on: Option<Spanned<Severity>>,
    /// Larger files are skipped with a warning.
    #[schemars(with = "Option<schemas::Size>")]
    max_file_size: Option<Spanned<toml::Value>>,
    /// Seconds one file's parse may take.
    #[schemars(with = "Option<schemas::Seconds>")]
    max_parse_time: Option<Spanned<toml::Value>>,
}

/// Settings for the files some globs match.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OverrideSection {
    /// Globs, relative to this file's folder.
    #[schemars(with = "Vec<String>")]
    paths: Vec<Spanned<String>>,
    /// The kind these documents are, whatever they look like.
    #[schemars(with = "Option<String>")]
    kind: Option<Spanned<String>>,
    /// A severity per rule, or `off`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    rules: BTreeMap<Spanned<String>, Spanned<Level>>,
}

/// A rule pack a configuration asks for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PackRef {
    /// `builtin:<name>`
    Builtin(String),
    /// A file, or a folder of `.toml` files.
    Path(PathBuf),
}

/// Settings for the files under one configuration (or the defaults, when there is none).
#[derive(Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// The folder globs and pack paths are relative to.
    pub root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    pub packs: Vec<PackRef>,
    pub fail_on: Option<Severity>,
    /// `max-file-size`, in bytes.
    pub max_file_size: Option<u64>,
    /// `max-parse-time`.
    pub max_parse_time: Option<Duration>,
    /// `[rules]`, in file order.
    pub rules: Vec<(String, Level)>,
    pub overrides: Vec<Override>,
    /// `[report] min-coverage`, in file order.
    pub min_coverage: Vec<MinCoverage>,
    /// Rule ids and kind names to check once the packs are loaded.
    names: Vec<(NameUse, Spanned<String>)>,
    text: String,
}

/// One `[report] min-coverage` entry: `policylint report` fails when the coverage of a concept
/// or a dimension is below `minimum`.
#[derive(Clone, Debug, PartialEq)]
pub struct MinCoverage {
    /// A concept or dimension name; checked against the packs by [`Config::validate`].
    pub name: String,
    /// Between 0 and 1.
    pub minimum: f64,
    /// The line of the entry, for messages.
    pub line: usize,
}

/// An `[[overrides]]` entry.
#[derive(Debug)]
pub struct Override {
    globs: GlobSet,
    /// The kind name; checked against the packs by [`Config::validate`].
    pub kind: Option<String>,
    pub rules: Vec<(String, Level)>,
    /// Where the entry is, for `inspect` to say why a kind was chosen.
    pub line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameUse {
    Rule,
    Kind,
    /// A concept or dimension named in `[report] min-coverage`.
    Coverage,
}

/// Globs a file must match to be linted when no `include` is set: every format policylint reads.
pub fn default_include() -> Vec<String> {
    Format::BY_EXTENSION
        .iter()
        .map(|(ext, _)| format!("**/*.{ext}"))
        .collect()
}

impl Config {
    /// The settings used when no configuration file applies.
    pub fn defaults(root: PathBuf) -> Config {
        Config {
            path: None,
            root,
            include: glob_set(default_include().iter().map(String::as_str)),
            exclude: GlobSet::empty(),
            packs: vec![PackRef::Builtin(crate::rules::DEFAULT_PACK.to_string())],
            fail_on: None,
            max_file_size: None,
            max_parse_time: None,
            rules: Vec::new(),
            overrides: Vec::new(),
            min_coverage: Vec::new(),
            names: Vec::new(),
            text: String::new(),
        }
    }

    /// The text of the configuration file (empty for the defaults): with the packs, all that
    /// decides a file's results besides the file itself.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Read and check a configuration file. Rule ids and kinds are checked later, against the
    /// packs it loads ([`Config::validate`]).
    pub fn load(path: &Path) -> Result<Config, TomlErrors> {
        let text = crate::read::read_settings(path).map_err(|reason| {
            TomlErrors::message(path, format!("cannot read {}: {reason}", path.display()))
        })?;
        let root = crate::walk::folder_of(path);
        // The one file of `files_with`.
        let file = 0;
        let parsed: ConfigFile = toml::from_str(&text)
            .map_err(|err| TomlErrors::in_file(path, &text, toml_error(file, &err)))?;
        let mut diagnostics = Vec::new();
        let mut globs = |list: &[Spanned<String>]| -> GlobSet {
            let mut builder = GlobSetBuilder::new();
            let mut valid = true;
            for glob in list {
                // A glob that parses may still compile too large to match with.
                match build_glob(glob.get_ref()).and_then(|built| {
                    GlobSetBuilder::new()
                        .add(built.clone())
                        .build()
                        .map(|_| built)
                        .map_err(|err| err.kind().to_string())
                }) {
                    Ok(glob) => {
                        builder.add(glob);
                    }
                    Err(reason) => {
                        valid = false;
                        diagnostics.push(
                            Diagnostic::error()
                                .with_message(format!("invalid glob `{}`", glob.get_ref()))
                                .with_label(Label::primary(file, glob.span()).with_message(reason)),
                        );
                    }
                }
            }
            match builder.build() {
                Ok(set) => set,
                Err(err) => {
                    if let (true, Some(first), Some(last)) = (valid, list.first(), list.last()) {
                        diagnostics.push(
                            Diagnostic::error()
                                .with_message("these globs together do not compile")
                                .with_label(
                                    Label::primary(file, first.span().start..last.span().end)
                                        .with_message(err.kind().to_string()),
                                ),
                        );
                    }
                    GlobSet::empty()
                }
            }
        };
        let lint = &parsed.lint;
        let include = match &lint.include {
            Some(list) => globs(list),
            None => glob_set(default_include().iter().map(String::as_str)),
        };
        let exclude = globs(&lint.exclude);
        let mut names = Vec::new();
        let rules = levels(&parsed.rules, &mut names);
        let mut overrides = Vec::new();
        for entry in &parsed.overrides {
            let entry_span = entry.span();
            let entry = entry.get_ref();
            let override_rules = levels(&entry.rules, &mut names);
            if let Some(kind) = &entry.kind {
                names.push((NameUse::Kind, kind.clone()));
            }
            overrides.push(Override {
                globs: globs(&entry.paths),
                kind: entry.kind.as_ref().map(|k| k.get_ref().clone()),
                rules: override_rules,
                line: text[..entry_span.start].lines().count() + 1,
            });
        }
        let packs = match &lint.packs {
            Some(list) => list.iter().map(|p| pack_ref(&root, p.get_ref())).collect(),
            None => vec![PackRef::Builtin(crate::rules::DEFAULT_PACK.to_string())],
        };
        for pack in lint.packs.iter().flatten() {
            if let Some(name) = pack.get_ref().strip_prefix("builtin:")
                && !crate::rules::BUILTIN_PACKS.iter().any(|(n, _)| *n == name)
            {
                let mut diagnostic = Diagnostic::error()
                    .with_message(format!("unknown built-in pack `{name}`"))
                    .with_label(Label::primary(file, pack.span()).with_message("no such pack"));
                let known = crate::rules::BUILTIN_PACKS.iter().map(|(n, _)| *n);
                push_help(&mut diagnostic, did_you_mean(name, known));
                diagnostics.push(diagnostic);
            }
        }
        let min_coverage = min_coverage(&parsed.report, &text, file, &mut names, &mut diagnostics);
        let max_file_size = limit(&lint.max_file_size, file, &mut diagnostics, file_size);
        let max_parse_time = limit(&lint.max_parse_time, file, &mut diagnostics, parse_time);
        if !diagnostics.is_empty() {
            return Err(TomlErrors::many_in_file(path, &text, diagnostics));
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            include,
            exclude,
            packs,
            fail_on: lint.fail_on.as_ref().map(|f| *f.get_ref()),
            max_file_size,
            max_parse_time,
            rules,
            overrides,
            min_coverage,
            names,
            text,
        })
    }

    /// Check the rule ids and kind names the file uses against the loaded packs.
    pub fn validate(&self, rules: &RuleSet) -> Result<(), TomlErrors> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut diagnostics = Vec::new();
        for (use_, name) in &self.names {
            let known: Vec<&str> = match use_ {
                NameUse::Rule => rules
                    .rules
                    .iter()
                    .map(|r| r.id.as_str())
                    .chain([UNUSED_SUPPRESSION])
                    .collect(),
                NameUse::Kind => rules.kinds.iter().map(|k| k.name.as_str()).collect(),
                NameUse::Coverage => rules
                    .dimensions
                    .iter()
                    .map(|d| d.name.as_str())
                    .chain(
                        rules
                            .concepts
                            .iter()
                            .filter(|c| !c.hidden)
                            .map(|c| c.name.as_str()),
                    )
                    .collect(),
            };
            if known.contains(&name.get_ref().as_str()) {
                continue;
            }
            let what = match use_ {
                NameUse::Rule => "rule",
                NameUse::Kind => "kind",
                NameUse::Coverage => "concept or dimension",
            };
            let mut diagnostic = Diagnostic::error()
                .with_message(format!("unknown {what} `{}`", name.get_ref()))
                .with_label(
                    Label::primary(0, name.span())
                        .with_message(format!("no {what} of this name is loaded")),
                );
            push_help(
                &mut diagnostic,
                did_you_mean(name.get_ref(), known.iter().copied()),
            );
            diagnostics.push(diagnostic);
        }
        if diagnostics.is_empty() {
            Ok(())
        } else {
            Err(TomlErrors::many_in_file(path, &self.text, diagnostics))
        }
    }

    /// `path` relative to this configuration's folder, with `/` separators, for glob matching.
    pub fn relative(&self, path: &Path) -> PathBuf {
        let file = absolute(path);
        file.strip_prefix(absolute(&self.root))
            .map_or(file.clone(), Path::to_path_buf)
    }

    /// Whether a file found by walking a folder is one to lint.
    pub fn includes(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        self.include.is_match(&relative) && !self.exclude.is_match(&relative)
    }

    /// Whether `exclude` leaves a file out.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    /// The overrides that apply to a file, in order.
    pub fn overrides_for<'a>(&'a self, path: &Path) -> impl Iterator<Item = &'a Override> + 'a {
        let relative = self.relative(path);
        self.overrides
            .iter()
            .filter(move |o| o.globs.is_match(&relative))
    }

    /// What `inspect` and messages call this configuration.
    pub fn describe(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "defaults".into(), |p| p.display().to_string())
    }
}

/// A `[rules]` table as (rule, level) pairs; the rule names are kept for validation.
fn levels(
    table: &BTreeMap<Spanned<String>, Spanned<Level>>,
    names: &mut Vec<(NameUse, Spanned<String>)>,
) -> Vec<(String, Level)> {
    table
        .iter()
        .map(|(name, level)| {
            names.push((NameUse::Rule, name.clone()));
            (name.get_ref().clone(), *level.get_ref())
        })
        .collect()
}

/// `[report] min-coverage` as entries; a value that is not a number from 0 to 1 is a
/// diagnostic at the value. The names are kept for validation.
fn min_coverage(
    section: &ReportSection,
    text: &str,
    file: usize,
    names: &mut Vec<(NameUse, Spanned<String>)>,
    diagnostics: &mut Vec<Diagnostic<usize>>,
) -> Vec<MinCoverage> {
    let mut entries = Vec::new();
    let mut in_file_order: Vec<_> = section.min_coverage.iter().collect();
    in_file_order.sort_by_key(|(name, _)| name.span().start);
    for (name, value) in in_file_order {
        let minimum = match value.get_ref() {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        match minimum {
            Some(minimum) if (0.0..=1.0).contains(&minimum) => {
                names.push((NameUse::Coverage, name.clone()));
                entries.push(MinCoverage {
                    name: name.get_ref().clone(),
                    minimum,
                    line: text[..name.span().start].matches('\n').count() + 1,
                });
            }
            _ => diagnostics.push(
                Diagnostic::error()
                    .with_message(format!("invalid minimum coverage for `{}`", name.get_ref()))
                    .with_label(
                        Label::primary(file, value.span())
                            .with_message("expected a number from 0 to 1, such as 0.8"),
                    ),
            ),
        }
    }
    entries
}

/// A `[lint]` limit read by `read`, or a diagnostic at its value saying what was expected.
fn limit<T>(
    value: &Option<Spanned<toml::Value>>,
    file: usize,
    diagnostics: &mut Vec<Diagnostic<usize>>,
    read: fn(&toml::Value) -> Result<T, (&'static str, String)>,
) -> Option<T> {
    let value = value.as_ref()?;
    match read(value.get_ref()) {
        Ok(limit) => Some(limit),
        Err((key, reason)) => {
            diagnostics.push(
                Diagnostic::error()
                    .with_message(format!("invalid `{key}`"))
                    .with_label(Label::primary(file, value.span()).with_message(reason)),
            );
            None
        }
    }
}

/// `max-file-size`: a number of bytes or a size such as `"10MB"`.
fn file_size(value: &toml::Value) -> Result<u64, (&'static str, String)> {
    let key = "max-file-size";
    match value {
        toml::Value::Integer(bytes) if *bytes > 0 => Ok(*bytes as u64),
        toml::Value::String(text) => limits::parse_size(text).map_err(|reason| (key, reason)),
        _ => Err((
            key,
            "expected a number of bytes or a size such as \"10MB\"".into(),
        )),
    }
}

/// `max-parse-time`: a positive number of seconds.
fn parse_time(value: &toml::Value) -> Result<Duration, (&'static str, String)> {
    let seconds = match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    };
    seconds.and_then(limits::seconds_to_duration).ok_or((
        "max-parse-time",
        "expected a positive number of seconds, such as 10".into(),
    ))
}

/// The kind an override forces, resolved against the packs, with the reason.
pub fn forced_kind(config: &Config, path: &Path, rules: &RuleSet) -> Option<(KindId, String)> {
    config
        .overrides_for(path)
        .filter_map(|o| Some((o, rules.kind_by_name(o.kind.as_deref()?)?)))
        .last()
        .map(|(o, kind)| {
            (
                kind,
                format!(
                    "{} line {} sets `kind = \"{}\"`",
                    config.describe(),
                    o.line,
                    rules.kinds[kind].name
                ),
            )
        })
}

/// The nearest `policylint.toml` in `dir` or a folder above it, relative to the working
/// directory when it lies under it (as it is shown in messages).
///
/// The search ends at the repository root (the first folder holding `.git`) or at the home
/// folder, whichever comes first: a configuration above them (in the system's temporary
/// folder, say) belongs to someone else, and would silently decide what is linted and where
/// the cache goes.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(|home| absolute(Path::new(&home)));
    let dir = absolute(dir);
    let mut searched = Vec::new();
    for folder in dir.ancestors() {
        searched.push(folder);
        if folder.join(".git").exists() || home.as_deref() == Some(folder) {
            break;
        }
    }
    let found = searched
        .into_iter()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())?;
    let cwd = std::env::current_dir().ok();
    Some(
        match cwd.as_deref().and_then(|cwd| found.strip_prefix(cwd).ok()) {
            Some(relative) => relative.to_path_buf(),
            None => found,
        },
    )
}

fn pack_ref(root: &Path, entry: &str) -> PackRef {
    match entry.strip_prefix("builtin:") {
        Some(name) => PackRef::Builtin(name.to_string()),
        None => PackRef::Path(root.join(entry)),
    }
}

/// Globs with `*` that stays within a folder, as in `.gitignore`.
fn build_glob(pattern: &str) -> Result<Glob, String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|err| err.kind().to_string())
}

fn glob_set<'a>(patterns: impl Iterator<Item = &'a str>) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        if let Ok(glob) = build_glob(pattern) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Settings by configuration file, loaded once each.
#[derive(Default)]
pub struct Configs {
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    /// The nearest configuration file for a file in `dir`, remembered per folder.
    pub fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let found = discover(dir);
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_config_loads() {
        let dir = std::env::temp_dir().join(format!("policylint-starter-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, STARTER).unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.packs, vec![PackRef::Builtin("manage-lead".into())]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn globs_match_relative_paths_within_folders() {
        let config = Config {
            exclude: glob_set(["archive/**"].into_iter()),
            ..Config::defaults(PathBuf::from("/repo"))
        };
        assert!(config.includes(Path::new("/repo/policies/a.md")));
        assert!(!config.includes(Path::new("/repo/archive/old/a.md")));
        assert!(!config.includes(Path::new("/repo/policies/a.pdf")));
    }
}
