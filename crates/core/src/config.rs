//! `policylint.toml`: found by walking up from a linted file's folder (the nearest wins) or
//! named with `--config`. Every mistake in it is a located error with a "did you mean".
//!
//! `extends` names a base file whose settings apply unless this file sets them: tables merge
//! key by key, arrays and values replace the base's. Globs and pack paths are relative to the
//! file that writes them.
//!
//! ```toml
//! extends = "../shared/policylint.toml"
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
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::finding::Severity;
use crate::limits;
use crate::metadata::{Field, KindLifecycle, MetadataSettings};
use crate::rules::{KindId, RuleSet};
use crate::schemas;
use crate::source::Format;
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
    /// A base configuration, relative to this file: its settings apply unless this file sets
    /// them. Tables merge key by key; arrays and values replace the base's.
    #[schemars(with = "Option<String>")]
    extends: Option<Spanned<String>>,
    #[serde(default)]
    lint: LintSection,
    /// A severity per rule (`error`, `warning`, `info`), or `off`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    rules: BTreeMap<Spanned<String>, Spanned<Level>>,
    /// Settings for some paths only; later entries win. Replaces a base's list.
    #[schemars(with = "Option<Vec<OverrideSection>>")]
    overrides: Option<Vec<Spanned<OverrideSection>>>,
    #[serde(default)]
    report: ReportSection,
    #[serde(default)]
    metadata: MetadataSection,
}

/// Lifecycle metadata: where it is read from, and when reviews fall due.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct MetadataSection {
    /// More keys each lifecycle field is read from, besides its own name: front-matter keys
    /// or the core properties of Word and OpenDocument files (`creator`, `last-modified-by`,
    /// `modified`, `title`). Case, `_` and `-` do not matter.
    #[serde(default)]
    fields: FieldsSection,
    /// Months after `reviewed` that a review falls due, for documents without a `review-by`
    /// date (default 12).
    #[schemars(with = "Option<u32>")]
    review_interval: Option<Spanned<u32>>,
    /// How many days before its review date `review-due-soon` names a document (default 30).
    #[schemars(with = "Option<u32>")]
    due_soon: Option<Spanned<u32>>,
    /// The same settings for the documents of one kind, and whether lifecycle rules judge
    /// documents of that kind that carry no lifecycle metadata at all.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, KindMetadataSection>")]
    kinds: BTreeMap<Spanned<String>, Spanned<KindMetadataSection>>,
}

/// Extra keys per lifecycle field.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FieldsSection {
    owner: Option<Vec<String>>,
    approver: Option<Vec<String>>,
    effective: Option<Vec<String>>,
    review_by: Option<Vec<String>>,
    reviewed: Option<Vec<String>>,
    version: Option<Vec<String>>,
    supersedes: Option<Vec<String>>,
    superseded_by: Option<Vec<String>>,
    audience: Option<Vec<String>>,
    status: Option<Vec<String>>,
}

impl FieldsSection {
    fn each(&self) -> [(Field, &Option<Vec<String>>); 10] {
        [
            (Field::Owner, &self.owner),
            (Field::Approver, &self.approver),
            (Field::Effective, &self.effective),
            (Field::ReviewBy, &self.review_by),
            (Field::Reviewed, &self.reviewed),
            (Field::Version, &self.version),
            (Field::Supersedes, &self.supersedes),
            (Field::SupersededBy, &self.superseded_by),
            (Field::Audience, &self.audience),
            (Field::Status, &self.status),
        ]
    }
}

/// Lifecycle settings for the documents of one kind.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct KindMetadataSection {
    /// Judge every document of this kind: `owner-missing` and `review-overdue` fire on one
    /// that carries no lifecycle metadata at all.
    required: Option<bool>,
    /// Months after `reviewed` that a review falls due.
    review_interval: Option<u32>,
    /// Days before its review date that `review-due-soon` names a document.
    due_soon: Option<u32>,
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
    #[schemars(with = "Option<Vec<String>>")]
    exclude: Option<Vec<Spanned<String>>>,
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
    /// The day review and effective dates are judged on, `YYYY-MM-DD` (default: today), so
    /// that a run gives the same findings tomorrow.
    #[schemars(with = "Option<String>")]
    today: Option<Spanned<toml::Value>>,
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
    /// That file's folder, where the cache goes.
    pub root: PathBuf,
    include: Globs,
    exclude: Globs,
    pub packs: Vec<PackRef>,
    pub fail_on: Option<Severity>,
    /// `max-file-size`, in bytes.
    pub max_file_size: Option<u64>,
    /// `max-parse-time`.
    pub max_parse_time: Option<Duration>,
    /// `[rules]`, by rule id.
    pub rules: Vec<(String, Level)>,
    pub overrides: Vec<Override>,
    /// `[report] min-coverage`, bases first, in file order.
    pub min_coverage: Vec<MinCoverage>,
    /// `[lint] today`.
    pub today: Option<Date>,
    /// `[metadata]`.
    pub metadata: MetadataSettings,
    /// Rule ids and kind names to check once the packs are loaded, with the file (an index
    /// into `files`) that names them.
    names: Vec<(NameUse, usize, Spanned<String>)>,
    /// The file and the bases it extends, nearest first, with their text.
    files: Vec<(PathBuf, String)>,
}

/// Globs, and the folder they are relative to: that of the file that writes them.
#[derive(Debug)]
struct Globs {
    root: PathBuf,
    set: GlobSet,
}

impl Globs {
    fn is_match(&self, path: &Path) -> bool {
        self.set.is_match(relative_to(&self.root, path))
    }
}

/// One `[report] min-coverage` entry: `policylint report` fails when the coverage of a concept
/// or a dimension is below `minimum`.
#[derive(Clone, Debug, PartialEq)]
pub struct MinCoverage {
    /// A concept or dimension name; checked against the packs by [`Config::validate`].
    pub name: String,
    /// Between 0 and 1.
    pub minimum: f64,
    /// The file and line of the entry (`policylint.toml line 12`), for messages.
    pub place: String,
}

/// An `[[overrides]]` entry.
#[derive(Debug)]
pub struct Override {
    globs: Globs,
    /// The kind name; checked against the packs by [`Config::validate`].
    pub kind: Option<String>,
    pub rules: Vec<(String, Level)>,
    /// The file and line of the entry, for `inspect` to say why a kind was chosen.
    pub place: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameUse {
    Rule,
    Kind,
    /// A concept or dimension named in `[report] min-coverage`.
    Coverage,
}

/// The packs used when a configuration names none.
fn default_packs() -> Vec<PackRef> {
    crate::rules::DEFAULT_PACKS
        .iter()
        .map(|name| PackRef::Builtin(name.to_string()))
        .collect()
}

/// Globs a file must match to be linted when no `include` is set: every format policylint reads.
pub fn default_include() -> Vec<String> {
    Format::BY_EXTENSION
        .iter()
        .map(|(ext, _)| format!("**/*.{ext}"))
        .collect()
}

/// One file of an `extends` chain, parsed.
struct Layer {
    path: PathBuf,
    text: String,
    parsed: ConfigFile,
}

impl Layer {
    /// The folder its globs and pack paths are relative to.
    fn root(&self) -> PathBuf {
        crate::walk::folder_of(&self.path)
    }

    /// `path line N` for a byte offset, for messages.
    fn place(&self, offset: usize) -> String {
        let line = self.text[..offset].matches('\n').count() + 1;
        format!("{} line {line}", self.path.display())
    }
}

/// The file at `path` and the bases it extends, nearest first: a file's index is its file id
/// in diagnostics. A base that is missing, not valid configuration or already in the chain is
/// an error that points at the `extends` naming it.
fn read_chain(path: &Path) -> Result<Vec<Layer>, TomlErrors> {
    let mut layers: Vec<Layer> = Vec::new();
    let mut next = path.to_path_buf();
    loop {
        let file = layers.len();
        // The `extends` that names `next`, in the file before it.
        let named_at = layers
            .last()
            .and_then(|layer| Some((file - 1, layer.parsed.extends.as_ref()?.span())));
        let mut sources: Vec<(PathBuf, String)> = layers
            .iter()
            .map(|layer| (layer.path.clone(), layer.text.clone()))
            .collect();
        let text = match crate::read::read_settings(&next) {
            Ok(text) => text,
            Err(reason) => {
                let message = format!("cannot read {}: {reason}", next.display());
                let Some((at, span)) = named_at else {
                    return Err(TomlErrors::message(path, message));
                };
                let diagnostic = Diagnostic::error()
                    .with_message(message)
                    .with_label(Label::primary(at, span).with_message("base configuration"));
                return Err(TomlErrors::many_in_files(&sources, vec![diagnostic]));
            }
        };
        let parsed = toml::from_str::<ConfigFile>(&text).map_err(|err| {
            let mut diagnostic = toml_error(file, &err);
            if let Some((at, span)) = named_at.clone() {
                diagnostic
                    .labels
                    .push(Label::secondary(at, span).with_message("extended here"));
            }
            sources.push((next.clone(), text.clone()));
            TomlErrors::many_in_files(&sources, vec![diagnostic])
        })?;
        let base = parsed.extends.as_ref().map(|base| {
            (
                without_dot_dot(&crate::walk::folder_of(&next).join(base.get_ref())),
                base.span(),
            )
        });
        layers.push(Layer {
            path: next,
            text,
            parsed,
        });
        let Some((base, span)) = base else {
            return Ok(layers);
        };
        if let Some(first) = layers
            .iter()
            .position(|layer| same_file(&layer.path, &base))
        {
            let chain: Vec<String> = layers[first..]
                .iter()
                .map(|layer| layer.path.display().to_string())
                .chain([base.display().to_string()])
                .collect();
            let diagnostic = Diagnostic::error()
                .with_message("`extends` makes a cycle")
                .with_label(
                    Label::primary(file, span)
                        .with_message(format!("{} is already in the chain", base.display())),
                )
                .with_notes(vec![format!("the chain: {}", chain.join(" -> "))]);
            let sources: Vec<(PathBuf, String)> = layers
                .into_iter()
                .map(|layer| (layer.path, layer.text))
                .collect();
            return Err(TomlErrors::many_in_files(&sources, vec![diagnostic]));
        }
        next = base;
    }
}

/// `path` with `.` and `folder/..` taken out, by its text alone (as ruff does), so that
/// messages show a base's path plainly.
fn without_dot_dot(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match clean.components().next_back() {
                Some(Component::Normal(_)) => {
                    clean.pop();
                }
                // Above the root is the root.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => clean.push(".."),
            },
            other => clean.push(other),
        }
    }
    if clean.as_os_str().is_empty() {
        clean.push(".");
    }
    clean
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The setting of the nearest file in the chain that has it, with that file's index.
fn nearest<'a, T>(
    layers: &'a [Layer],
    get: impl Fn(&'a ConfigFile) -> Option<&'a T>,
) -> Option<(usize, &'a T)> {
    layers
        .iter()
        .enumerate()
        .find_map(|(file, layer)| Some((file, get(&layer.parsed)?)))
}

/// A table merged over the chain: each key from the nearest file that sets it.
type Merged<'a, V> = BTreeMap<&'a str, (usize, &'a Spanned<String>, &'a Spanned<V>)>;

fn merged<'a, V>(
    layers: &'a [Layer],
    get: impl Fn(&'a ConfigFile) -> &'a BTreeMap<Spanned<String>, Spanned<V>>,
) -> Merged<'a, V> {
    let mut table = BTreeMap::new();
    for (file, layer) in layers.iter().enumerate().rev() {
        for (key, value) in get(&layer.parsed) {
            table.insert(key.get_ref().as_str(), (file, key, value));
        }
    }
    table
}

impl Config {
    /// The settings used when no configuration file applies.
    pub fn defaults(root: PathBuf) -> Config {
        Config {
            path: None,
            include: Globs {
                root: root.clone(),
                set: glob_set(default_include().iter().map(String::as_str)),
            },
            exclude: Globs {
                root: root.clone(),
                set: GlobSet::empty(),
            },
            root,
            packs: default_packs(),
            fail_on: None,
            max_file_size: None,
            max_parse_time: None,
            rules: Vec::new(),
            overrides: Vec::new(),
            min_coverage: Vec::new(),
            today: None,
            metadata: MetadataSettings::default(),
            names: Vec::new(),
            files: Vec::new(),
        }
    }

    /// The configuration file and the bases it extends, with their text (none for the
    /// defaults): with the packs, all that decides a file's results besides the file itself.
    pub fn files(&self) -> &[(PathBuf, String)] {
        &self.files
    }

    /// Read and check a configuration file and the bases it extends. Rule ids and kinds are
    /// checked later, against the packs it loads ([`Config::validate`]).
    pub fn load(path: &Path) -> Result<Config, TomlErrors> {
        let layers = read_chain(path)?;
        let root = crate::walk::folder_of(path);
        let mut diagnostics = Vec::new();
        let mut names = Vec::new();
        let mut globs = |file: usize, list: &[Spanned<String>]| -> Globs {
            Globs {
                root: layers[file].root(),
                set: glob_list(file, list, &mut diagnostics),
            }
        };
        let include = match nearest(&layers, |c| c.lint.include.as_ref()) {
            Some((file, list)) => globs(file, list),
            None => Globs {
                root: root.clone(),
                set: glob_set(default_include().iter().map(String::as_str)),
            },
        };
        let exclude = match nearest(&layers, |c| c.lint.exclude.as_ref()) {
            Some((file, list)) => globs(file, list),
            None => Globs {
                root: root.clone(),
                set: GlobSet::empty(),
            },
        };
        let rules = levels(merged(&layers, |c| &c.rules), &mut names);
        let mut overrides = Vec::new();
        if let Some((file, list)) = nearest(&layers, |c| c.overrides.as_ref()) {
            for entry in list {
                let place = layers[file].place(entry.span().start);
                let entry = entry.get_ref();
                let in_file = entry
                    .rules
                    .iter()
                    .map(|(k, v)| (k.get_ref().as_str(), (file, k, v)));
                let override_rules = levels(in_file.collect(), &mut names);
                if let Some(kind) = &entry.kind {
                    names.push((NameUse::Kind, file, kind.clone()));
                }
                overrides.push(Override {
                    globs: globs(file, &entry.paths),
                    kind: entry.kind.as_ref().map(|k| k.get_ref().clone()),
                    rules: override_rules,
                    place,
                });
            }
        }
        let packs = match nearest(&layers, |c| c.lint.packs.as_ref()) {
            Some((file, list)) => {
                for pack in list {
                    check_builtin_pack(file, pack, &mut diagnostics);
                }
                let folder = layers[file].root();
                list.iter()
                    .map(|p| pack_ref(&folder, p.get_ref()))
                    .collect()
            }
            None => default_packs(),
        };
        let min_coverage = min_coverage(&layers, &mut names, &mut diagnostics);
        let max_file_size = limit(
            nearest(&layers, |c| c.lint.max_file_size.as_ref()),
            &mut diagnostics,
            file_size,
        );
        let max_parse_time = limit(
            nearest(&layers, |c| c.lint.max_parse_time.as_ref()),
            &mut diagnostics,
            parse_time,
        );
        let fail_on = nearest(&layers, |c| c.lint.fail_on.as_ref()).map(|(_, f)| *f.get_ref());
        let today = limit(
            nearest(&layers, |c| c.lint.today.as_ref()),
            &mut diagnostics,
            date,
        );
        let metadata = metadata_settings(&layers, &mut names);
        let files: Vec<(PathBuf, String)> = layers
            .into_iter()
            .map(|layer| (layer.path, layer.text))
            .collect();
        if !diagnostics.is_empty() {
            return Err(TomlErrors::many_in_files(&files, diagnostics));
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            include,
            exclude,
            packs,
            fail_on,
            max_file_size,
            max_parse_time,
            rules,
            overrides,
            min_coverage,
            today,
            metadata,
            names,
            files,
        })
    }

    /// Check the rule ids and kind names the files use against the loaded packs.
    pub fn validate(&self, rules: &RuleSet) -> Result<(), TomlErrors> {
        let mut diagnostics = Vec::new();
        for (use_, file, name) in &self.names {
            let known: Vec<&str> = match use_ {
                NameUse::Rule => rules.rules.iter().map(|r| r.id.as_str()).collect(),
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
                    Label::primary(*file, name.span())
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
            Err(TomlErrors::many_in_files(&self.files, diagnostics))
        }
    }

    /// Whether a file found by walking a folder is one to lint.
    pub fn includes(&self, path: &Path) -> bool {
        self.include.is_match(path) && !self.exclude.is_match(path)
    }

    /// Whether `exclude` leaves a file out.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.is_match(path)
    }

    /// The overrides that apply to a file, in order.
    pub fn overrides_for<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a Override> + 'a {
        self.overrides
            .iter()
            .filter(move |o| o.globs.is_match(path))
    }

    /// What `inspect` and messages call this configuration.
    pub fn describe(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "defaults".into(), |p| p.display().to_string())
    }
}

/// The globs of one list, each invalid one a diagnostic at it.
fn glob_list(
    file: usize,
    list: &[Spanned<String>],
    diagnostics: &mut Vec<Diagnostic<usize>>,
) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    let mut valid = true;
    for glob in list {
        // A glob that parses may still compile too large to match with.
        match build_glob(glob.get_ref()).and_then(|built| {
            GlobSetBuilder::new()
                .add(built.clone())
                .build()
                .map(|_| built)
        }) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(err) => {
                valid = false;
                let reason = err.kind().to_string();
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
}

/// A `builtin:NAME` pack that does not exist is a diagnostic with a "did you mean".
fn check_builtin_pack(
    file: usize,
    pack: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic<usize>>,
) {
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

/// A `[rules]` table as (rule, level) pairs; the rule names are kept for validation.
fn levels(
    table: Merged<'_, Level>,
    names: &mut Vec<(NameUse, usize, Spanned<String>)>,
) -> Vec<(String, Level)> {
    table
        .into_iter()
        .map(|(name, (file, key, level))| {
            names.push((NameUse::Rule, file, key.clone()));
            (name.to_string(), *level.get_ref())
        })
        .collect()
}

/// `[report] min-coverage` merged over the chain as entries, bases first, in file order; a
/// value that is not a number from 0 to 1 is a diagnostic at the value. The names are kept for
/// validation.
fn min_coverage(
    layers: &[Layer],
    names: &mut Vec<(NameUse, usize, Spanned<String>)>,
    diagnostics: &mut Vec<Diagnostic<usize>>,
) -> Vec<MinCoverage> {
    let mut entries = Vec::new();
    let mut in_file_order: Vec<_> = merged(layers, |c| &c.report.min_coverage)
        .into_values()
        .collect();
    in_file_order.sort_by_key(|(file, name, _)| (std::cmp::Reverse(*file), name.span().start));
    for (file, name, value) in in_file_order {
        let minimum = match value.get_ref() {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        match minimum {
            Some(minimum) if (0.0..=1.0).contains(&minimum) => {
                names.push((NameUse::Coverage, file, name.clone()));
                entries.push(MinCoverage {
                    name: name.get_ref().clone(),
                    minimum,
                    place: layers[file].place(name.span().start),
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
    value: Option<(usize, &Spanned<toml::Value>)>,
    diagnostics: &mut Vec<Diagnostic<usize>>,
    read: fn(&toml::Value) -> Result<T, (&'static str, String)>,
) -> Option<T> {
    let (file, value) = value?;
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

/// `today`: a TOML date or a `YYYY-MM-DD` string.
fn date(value: &toml::Value) -> Result<Date, (&'static str, String)> {
    let text = match value {
        toml::Value::Datetime(date) => date.to_string(),
        toml::Value::String(text) => text.clone(),
        _ => String::new(),
    };
    Date::parse(&text).ok_or(("today", "expected a date such as 2026-01-31".into()))
}

/// `[metadata]` merged over the chain: each setting, each field's names and each kind's
/// entry from the nearest file that sets it.
fn metadata_settings(
    layers: &[Layer],
    names: &mut Vec<(NameUse, usize, Spanned<String>)>,
) -> MetadataSettings {
    let mut settings = MetadataSettings::default();
    for (file, layer) in layers.iter().enumerate().rev() {
        let section = &layer.parsed.metadata;
        for (field, keys) in section.fields.each() {
            if let Some(keys) = keys {
                settings.names.extra.insert(field, keys.clone());
            }
        }
        if let Some(months) = &section.review_interval {
            settings.review_interval = *months.get_ref();
        }
        if let Some(days) = &section.due_soon {
            settings.due_soon = *days.get_ref();
        }
        for (kind, entry) in &section.kinds {
            names.push((NameUse::Kind, file, kind.clone()));
            let entry = entry.get_ref();
            settings.kinds.insert(
                kind.get_ref().clone(),
                KindLifecycle {
                    required: entry.required.unwrap_or(false),
                    review_interval: entry.review_interval,
                    due_soon: entry.due_soon,
                },
            );
        }
    }
    settings
}

/// `max-file-size`: a number of bytes or a size such as `"10MB"`.
fn file_size(value: &toml::Value) -> Result<u64, (&'static str, String)> {
    let key = "max-file-size";
    match value {
        toml::Value::Integer(bytes) if *bytes > 0 => Ok(*bytes as u64),
        toml::Value::String(text) => {
            limits::parse_size(text).map_err(|reason| (key, reason.to_string()))
        }
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
                format!("{} sets `kind = \"{}\"`", o.place, rules.kinds[kind].name),
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
fn build_glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
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

/// `path` relative to `root`, for glob matching; absolute when it lies elsewhere. Both lose
/// their `..` first: a base's folder is often reached through one.
fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let file = without_dot_dot(&absolute(path));
    file.strip_prefix(without_dot_dot(&absolute(root)))
        .map_or(file.clone(), Path::to_path_buf)
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
        assert_eq!(config.packs, default_packs());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_child_wins_key_by_key_and_replaces_arrays_and_values() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("base")).unwrap();
        std::fs::write(
            dir.path().join("base/base.toml"),
            "[lint]\npacks = [\"rules\"]\nexclude = [\"old/**\"]\nfail-on = \"error\"\n\
             max-parse-time = 5\n\
             [rules]\nrole-growth = \"off\"\npurpose-missing = \"info\"\n\
             [[overrides]]\npaths = [\"a/**\"]\nkind = \"role\"\n\
             [report]\nmin-coverage = { purpose = 0.5, people = 0.4 }\n",
        )
        .unwrap();
        let child = dir.path().join(FILE_NAME);
        std::fs::write(
            &child,
            "extends = \"base/base.toml\"\n\
             [lint]\nfail-on = \"warning\"\n\
             [rules]\npurpose-missing = \"warning\"\n\
             [[overrides]]\npaths = [\"b/**\"]\n\
             [report]\nmin-coverage = { people = 0.6 }\n",
        )
        .unwrap();
        let config = Config::load(&child).unwrap();
        // Values: the child's fail-on; the base's parse time and packs, relative to the base.
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert_eq!(config.max_parse_time, Some(Duration::from_secs(5)));
        assert_eq!(
            config.packs,
            vec![PackRef::Path(dir.path().join("base/rules"))]
        );
        // Tables: merged key by key, the child winning.
        assert_eq!(
            config.rules,
            vec![
                ("purpose-missing".to_string(), Level::Warning),
                ("role-growth".to_string(), Level::Off),
            ]
        );
        let coverage: Vec<(&str, f64)> = config
            .min_coverage
            .iter()
            .map(|m| (m.name.as_str(), m.minimum))
            .collect();
        assert_eq!(coverage, [("purpose", 0.5), ("people", 0.6)]);
        // Arrays: the child's overrides replace the base's.
        assert_eq!(config.overrides.len(), 1);
        assert_eq!(config.overrides[0].kind, None);
        assert!(config.overrides_for(&dir.path().join("b/x.md")).count() == 1);
        // The base's exclude is relative to the base's folder.
        assert!(config.excludes(&dir.path().join("base/old/x.md")));
        assert!(!config.excludes(&dir.path().join("old/x.md")));
        assert_eq!(config.files().len(), 2);
    }

    #[test]
    fn globs_match_relative_paths_within_folders() {
        let config = Config {
            exclude: Globs {
                root: PathBuf::from("/repo"),
                set: glob_set(["archive/**"].into_iter()),
            },
            ..Config::defaults(PathBuf::from("/repo"))
        };
        assert!(config.includes(Path::new("/repo/policies/a.md")));
        assert!(!config.includes(Path::new("/repo/archive/old/a.md")));
        assert!(!config.includes(Path::new("/repo/policies/a.pdf")));
    }
}
