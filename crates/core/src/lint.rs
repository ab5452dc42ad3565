//! Linting one file from its bytes to its findings, the steps in order: decode or unpack,
//! parse, evidence, coverage, classify, check, suppress. [`Linter`] holds what one
//! configuration decides; [`Worker`] what one thread reuses from file to file.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crate::check;
use crate::classify;
use crate::config::{self, Config, Override};
use crate::coverage::Coverage;
use crate::date;
use crate::evidence::{self, Evidence};
use crate::figures;
use crate::finding::Severity;
use crate::fingerprint;
use crate::language;
use crate::limits::Limits;
use crate::links;
use crate::metadata::Metadata;
use crate::parallel;
use crate::read;
use crate::results::{Dependency, FileReport, FileResult, LintedFile, NoticeLevel, Skip};
use crate::rules::lexicon::Scratch;
use crate::rules::{self, RuleSet};
use crate::source::{
    self, DecodeError, Decoded, Document, Format, MarkdownParser, ParseError, Source,
};

/// The rules named on the command line with `--select` and `--ignore`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// When set, only these rules run.
    pub select: Option<HashSet<String>>,
    /// These rules never run.
    pub ignore: HashSet<String>,
}

impl Selection {
    /// The severity a rule runs at, given the severity configuration gave it (`None`: off) and
    /// the pack's own. `--ignore` turns a rule off; `--select` runs only the rules it names,
    /// turning a rule the configuration switched off back on at its pack severity.
    pub fn apply(
        &self,
        id: &str,
        configured: Option<Severity>,
        pack: Severity,
    ) -> Option<Severity> {
        if self.ignore.contains(id) {
            return None;
        }
        match &self.select {
            Some(select) if select.contains(id) => configured.or(Some(pack)),
            Some(_) => None,
            None => configured,
        }
    }

    /// Rule ids named in the selection that no loaded rule has.
    pub fn unknown_ids<'a>(&'a self, rules: &'a RuleSet) -> impl Iterator<Item = &'a str> + 'a {
        self.select
            .iter()
            .flatten()
            .chain(&self.ignore)
            .filter(|id| rules.rule(id).is_none())
            .map(String::as_str)
    }
}

/// Per-thread state: parsers and memo tables are reused across the files a worker lints.
#[derive(Default)]
pub struct Worker {
    markdown: MarkdownParser,
    scratch: Scratch,
}

/// The compiled rules and the settings for the files under one configuration, shared by every
/// worker.
#[derive(Debug)]
pub struct Linter {
    pub rules: RuleSet,
    pub selection: Selection,
    pub config: Config,
    /// The lowest severity that fails the run.
    pub fail_on: Severity,
    pub limits: Limits,
    /// The day review and effective dates are judged on.
    pub today: date::Date,
    /// The files documents link to, read once per run.
    pub folder: links::Folder,
}

impl Linter {
    /// A linter with default settings (no configuration file), failing on errors.
    pub fn new(rules: RuleSet, selection: Selection) -> Self {
        let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Linter::with_config(rules, selection, Config::defaults(root), Severity::Error)
    }

    pub fn with_config(
        rules: RuleSet,
        selection: Selection,
        config: Config,
        fail_on: Severity,
    ) -> Self {
        let limits = Limits::default().with(config.max_file_size, config.max_parse_time);
        let today = config.today.unwrap_or_else(date::Date::today);
        let folder = links::Folder::new(config.metadata.names.clone(), limits.max_file_size);
        Linter {
            rules,
            selection,
            config,
            fail_on,
            limits,
            today,
            folder,
        }
    }

    /// The severity a rule runs at for a file under `overrides`: the pack's, then `[rules]`,
    /// then each matching override in order, then `--select`/`--ignore`.
    pub fn severity(&self, id: &str, pack: Severity, overrides: &[&Override]) -> Option<Severity> {
        let configured = self
            .config
            .rules
            .iter()
            .chain(overrides.iter().flat_map(|o| &o.rules))
            .rfind(|(rule, _)| rule == id)
            .map_or(Some(pack), |(_, level)| level.severity());
        self.selection.apply(id, configured, pack)
    }

    /// Lint decoded text as if it were the file `path`: its configuration overrides and inline
    /// suppressions apply.
    pub fn lint_source(
        &self,
        path: &str,
        format: Format,
        text: String,
        worker: &mut Worker,
    ) -> Result<LintedFile, ParseError> {
        let document = source::parse_within(
            path.to_string(),
            format,
            text,
            &mut worker.markdown,
            self.limits.max_parse_time,
        )?;
        Ok(self.lint_document(document, worker))
    }

    /// Lint a parsed document as the file it names.
    pub fn lint_document(&self, document: Document, worker: &mut Worker) -> LintedFile {
        let path = Path::new(&document.path);
        let evidence = evidence::scan(&document, &self.rules, &mut worker.scratch);
        let coverage = Coverage::from_evidence(&evidence, &self.rules);
        let overrides: Vec<&Override> = self.config.overrides_for(path).collect();
        let forced = config::forced_kind(&self.config, path, &self.rules);
        let kind = classify::classify(&document, &evidence, &self.rules, forced);
        let metadata = Metadata::read(&document, &self.config.metadata.names);
        let kind_name = kind.kind.map(|k| self.rules.kinds[k].name.as_str());
        let links = links::internal_links(&document);
        let depends_on = self.dependencies(&document.path, &links);
        let lifecycle = self.config.metadata.lifecycle(kind_name, self.today);
        let register = metadata.register_entry(&lifecycle);
        let enabled = |rule: &rules::Rule| self.severity(&rule.id, rule.severity, &overrides);
        // Figures are compared between documents under lifecycle management, as the other
        // lifecycle rules judge only those: so a folder that never asked for it is never read
        // twice.
        let compares_figures = metadata.declared
            && metadata.is_active()
            && self.rules.rules.iter().any(|rule| {
                rule.scope.compares_figures
                    && check::applies(rule, kind.kind)
                    && enabled(rule).is_some()
            });
        let figures = if compares_figures {
            figures::claims(&document)
        } else {
            Vec::new()
        };
        let cx = check::Context {
            doc: &document,
            rules: &self.rules,
            evidence: &evidence,
            coverage: &coverage,
            kind: kind.kind,
            metadata: &metadata,
            lifecycle,
            links: &links,
            folder: &self.folder,
            figures: &figures,
        };
        let findings = check::run(&cx, &enabled);
        // Rules on lifecycle metadata and links count as checked on documents under lifecycle
        // management, or where they found something: a test report of a folder without
        // front matter does not list them as passed on every page.
        let managed = register.is_some();
        let checked = self
            .rules
            .rules
            .iter()
            .filter(|rule| check::applies(rule, kind.kind) && enabled(rule).is_some())
            .filter(|rule| {
                rule.scope.judges != rules::Judges::Lifecycle
                    || managed
                    || findings.iter().any(|f| f.rule == rule.id)
            })
            .map(|rule| rule.id.clone())
            .collect();
        let mut findings = check::suppress(&document, findings, &self.rules, &enabled);
        let mut checked: Vec<String> = checked;
        let not_judged = self.foreign_language(&document, &evidence);
        if not_judged.is_some() {
            let judges = |id: &str| {
                self.rules
                    .rule(id)
                    .and_then(|r| r.pack)
                    .is_some_and(|pack| self.rules.packs[pack].language.is_some())
            };
            findings.retain(|f| !judges(&f.rule));
            checked.retain(|id| !judges(id));
        }
        let compared_with = (!figures.is_empty()).then(|| {
            self.folder.figures_digest(&document.path, |other| {
                findings
                    .iter()
                    .any(|f| f.related.iter().any(|r| r.path == other))
            })
        });
        let anchors = fingerprint::anchor_sentences(&evidence.sentences, &findings);
        LintedFile {
            result: FileResult {
                source: Source::of(&document),
                title: document.title(),
                kind,
                coverage,
                findings,
                checked,
                not_judged,
                depends_on,
                compared_with,
                register,
                anchors,
            },
            document,
            evidence,
        }
    }

    /// The other files a document's results depend on: those its links point to, with the
    /// hash of their bytes now.
    fn dependencies(&self, path: &str, links: &[links::Link]) -> Vec<Dependency> {
        let mut paths: Vec<PathBuf> = links
            .iter()
            .filter(|link| !link.path.is_empty())
            .map(|link| links::Folder::resolve(path, link))
            .collect();
        paths.sort();
        paths.dedup();
        paths
            .into_iter()
            .map(|path| Dependency {
                content: self.folder.target(&path).content,
                path: path.display().to_string(),
            })
            .collect()
    }

    /// "not English: not judged by ..." when the document is not in the language of the packs
    /// that declare one.
    fn foreign_language(&self, document: &Document, evidence: &Evidence) -> Option<String> {
        let packs: Vec<&str> = self
            .rules
            .packs
            .iter()
            .filter(|p| p.language.is_some())
            .map(|p| p.name.as_str())
            .collect();
        if packs.is_empty() || language::is_english(document, evidence) != Some(false) {
            return None;
        }
        Some(format!(
            "not English: not judged by the {} pack{}",
            packs.join(", "),
            if packs.len() == 1 { "" } else { "s" }
        ))
    }

    /// Read, decode and lint one file. Never panics on odd input: problems become notices.
    pub fn lint_path(&self, path: &Path, worker: &mut Worker) -> FileReport {
        self.lint_path_with(path, worker, None)
    }

    /// [`Linter::lint_path`] with the parsed document and evidence kept, for `inspect`.
    pub fn inspect_path(&self, path: &Path, worker: &mut Worker) -> FileReport<LintedFile> {
        match read::read_document(path, self.limits.max_file_size) {
            Ok(bytes) => self.inspect_bytes(path, Format::of_file(path), bytes, worker),
            Err(refusal) => refusal.report(path),
        }
    }

    /// [`Linter::lint_path`], re-using what `memo` kept of an earlier run when the file's bytes
    /// are the same and the result still holds, and giving it each fresh result to keep. Word
    /// and OpenDocument files are always linted afresh.
    pub fn lint_path_with(
        &self,
        path: &Path,
        worker: &mut Worker,
        memo: Option<&dyn Memo>,
    ) -> FileReport {
        let bytes = match read::read_document(path, self.limits.max_file_size) {
            Ok(bytes) => bytes,
            Err(refusal) => return refusal.report(path),
        };
        let format = Format::of_file(path);
        let Some(memo) = memo.filter(|_| !format.is_package()) else {
            return self.lint_bytes(path, format, bytes, worker);
        };
        let content = memo.content(&bytes);
        let decoded = match memo.recall(self, path, content, format, source::decode(bytes)) {
            Ok(report) => return report,
            Err(decoded) => decoded,
        };
        let report = self
            .lint_decoded(path, format, decoded, worker)
            .into_results();
        memo.keep(path, content, &report);
        report
    }

    /// Decode and lint the bytes of a file (read from disk, or standard input named `path`);
    /// Word and OpenDocument files are unpacked instead of decoded.
    pub fn lint_bytes(
        &self,
        path: &Path,
        format: Format,
        bytes: Vec<u8>,
        worker: &mut Worker,
    ) -> FileReport {
        self.inspect_bytes(path, format, bytes, worker)
            .into_results()
    }

    /// [`Linter::lint_bytes`] with the parsed document and evidence kept.
    pub fn inspect_bytes(
        &self,
        path: &Path,
        format: Format,
        bytes: Vec<u8>,
        worker: &mut Worker,
    ) -> FileReport<LintedFile> {
        let mut report = FileReport::new(path);
        if format.is_package() {
            let max_parse_time = self.limits.max_parse_time;
            match source::unpack_within(path.display().to_string(), format, &bytes, max_parse_time)
            {
                Ok(document) if document.blocks.is_empty() => {
                    report.notice(NoticeLevel::Note, "no text, nothing to check".into());
                    report.skipped = Some(Skip::Empty);
                }
                Ok(document) => report.add(self.lint_document(document, worker)),
                Err(err) => report.notice(NoticeLevel::Error, err.to_string()),
            }
            return report;
        }
        self.lint_decoded(path, format, source::decode(bytes), worker)
    }

    /// Lint a file's decoded text (not a Word or OpenDocument file); what decoding had to say
    /// becomes its notices.
    fn lint_decoded(
        &self,
        path: &Path,
        format: Format,
        decoded: Result<Decoded, DecodeError>,
        worker: &mut Worker,
    ) -> FileReport<LintedFile> {
        let mut report = FileReport::new(path);
        let decoded = match decoded {
            Ok(decoded) => decoded,
            Err(err) => {
                report.notice(NoticeLevel::Note, err.to_string());
                report.skipped = Some(Skip::Binary);
                return report;
            }
        };
        if let Some(warning) = decoded.warning {
            report.notice(NoticeLevel::Warning, warning);
        }
        if decoded.text.trim().is_empty() {
            report.notice(NoticeLevel::Note, "empty file, nothing to check".into());
            report.skipped = Some(Skip::Empty);
            return report;
        }
        match self.lint_source(&path.display().to_string(), format, decoded.text, worker) {
            Ok(linted) => report.add(linted),
            Err(err) => report.notice(NoticeLevel::Error, err.to_string()),
        }
        report
    }

    /// Lint `files` on `jobs` threads and hand each report to `sink` in the order of `files`.
    pub fn lint_files(&self, files: &[PathBuf], jobs: usize, mut sink: impl FnMut(FileReport)) {
        parallel::lint_in_order(
            files.len(),
            jobs,
            |index, worker| self.lint_path_guarded(&files[index], worker, None),
            |_, report| sink(report),
        );
    }

    /// [`Linter::lint_path_with`], turning a bug that panics into an error for this file alone.
    pub fn lint_path_guarded(
        &self,
        path: &Path,
        worker: &mut Worker,
        memo: Option<&dyn Memo>,
    ) -> FileReport {
        guarded(path, worker, |worker| {
            self.lint_path_with(path, worker, memo)
        })
    }
}

/// Results kept from earlier runs ([`crate::cache`]): a step of [`Linter::lint_path_with`]
/// between decoding a file and parsing it, so that a restored result and a fresh one come the
/// same way.
pub trait Memo: Sync {
    /// The hash of a file's bytes that a kept result is found by.
    fn content(&self, bytes: &[u8]) -> u128;
    /// The report kept for `path`, whose bytes hashed to `content`, while it still holds for
    /// `linter`; else the decoded text back, to lint.
    fn recall(
        &self,
        linter: &Linter,
        path: &Path,
        content: u128,
        format: Format,
        decoded: Result<Decoded, DecodeError>,
    ) -> Result<FileReport, Result<Decoded, DecodeError>>;
    /// Keep a fresh report for the next run.
    fn keep(&self, path: &Path, content: u128, report: &FileReport);
}

/// Run `lint` on the file `path`, turning a bug that panics into an error for this file alone.
pub fn guarded<L>(
    path: &Path,
    worker: &mut Worker,
    lint: impl FnOnce(&mut Worker) -> FileReport<L>,
) -> FileReport<L> {
    catch_unwind(AssertUnwindSafe(|| lint(worker))).unwrap_or_else(|_| {
        *worker = Worker::default();
        let mut report = FileReport::new(path);
        report.notice(
            NoticeLevel::Error,
            "internal error while linting this file; please report it".into(),
        );
        report
    })
}
