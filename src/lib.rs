//! policylint: a linter for corporate codes, policies and role documents.
//!
//! The pipeline runs one way, one module per step:
//! `walk -> source -> evidence (lexicon match) -> coverage -> classify -> check -> output`.
//! [`Linter`] ties the steps together for one file ([`Linter::lint_source`]) or for many in
//! parallel with output in path order ([`Linter::lint_files`]).

pub mod check;
pub mod classify;
pub mod coverage;
pub mod evidence;
pub mod explain;
pub mod finding;
pub mod inspect;
pub mod output;
pub mod rules;
pub mod source;
pub mod walk;

use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use classify::KindDecision;
use coverage::Coverage;
use evidence::Evidence;
use finding::{Finding, Severity};
use rules::lexicon::Scratch;
use rules::{Rule, RuleSet};
use source::{Document, Format, MarkdownParser, ParseError};

/// Which rules run and at what severity.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// When set, only these rules run.
    pub select: Option<HashSet<String>>,
    /// These rules never run.
    pub ignore: HashSet<String>,
}

impl Selection {
    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        let selected = self.select.as_ref().is_none_or(|s| s.contains(&rule.id));
        (selected && !self.ignore.contains(&rule.id)).then_some(rule.severity)
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

/// A linted document with everything learnt about it.
#[derive(Debug)]
pub struct LintedFile {
    pub document: Document,
    pub kind: KindDecision,
    pub evidence: Evidence,
    pub coverage: Coverage,
    /// In position order.
    pub findings: Vec<Finding>,
}

/// How much a notice about a file matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoticeLevel {
    Note,
    Warning,
    /// The file could not be linted; the run exits 2.
    Error,
}

/// Something the user should know about a file besides its findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub message: String,
}

/// The outcome for one file: notices, and the linted document unless it was skipped.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub notices: Vec<Notice>,
    pub linted: Option<LintedFile>,
}

/// Per-thread state: parsers and memo tables are reused across the files a worker lints.
#[derive(Default)]
pub struct Worker {
    markdown: MarkdownParser,
    scratch: Scratch,
}

/// The compiled rules and the selection, shared by every worker.
#[derive(Debug)]
pub struct Linter {
    pub rules: RuleSet,
    pub selection: Selection,
}

impl Linter {
    pub fn new(rules: RuleSet, selection: Selection) -> Self {
        Linter { rules, selection }
    }

    /// Lint decoded text as if it were the file `path`.
    pub fn lint_source(
        &self,
        path: &str,
        format: Format,
        text: String,
        worker: &mut Worker,
    ) -> Result<LintedFile, ParseError> {
        let document = source::parse(path.to_string(), format, text, &mut worker.markdown)?;
        let evidence = evidence::scan(&document, &self.rules, &mut worker.scratch);
        let coverage = Coverage::from_evidence(&evidence, &self.rules);
        let kind = classify::classify(&document, &self.rules, None);
        let cx = check::Context {
            doc: &document,
            rules: &self.rules,
            evidence: &evidence,
            coverage: &coverage,
            kind: kind.kind,
        };
        let findings = check::run(&cx, &|rule| self.selection.severity(rule));
        Ok(LintedFile {
            document,
            kind,
            evidence,
            coverage,
            findings,
        })
    }

    /// Read, decode and lint one file. Never panics on odd input: problems become notices.
    pub fn lint_path(&self, path: &Path, worker: &mut Worker) -> FileReport {
        let mut report = FileReport {
            path: path.to_path_buf(),
            notices: Vec::new(),
            linted: None,
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                report.notice(
                    NoticeLevel::Error,
                    format!("cannot read file: {}", walk::describe_io(&err)),
                );
                return report;
            }
        };
        let decoded = match source::decode(bytes) {
            Ok(decoded) => decoded,
            Err(err) => {
                report.notice(NoticeLevel::Note, err.to_string());
                return report;
            }
        };
        if let Some(warning) = decoded.warning {
            report.notice(NoticeLevel::Warning, warning);
        }
        if decoded.text.trim().is_empty() {
            report.notice(NoticeLevel::Note, "empty file, nothing to check".into());
            return report;
        }
        let format = Format::from_path(path).unwrap_or(Format::Text);
        match self.lint_source(&path.display().to_string(), format, decoded.text, worker) {
            Ok(linted) => report.linted = Some(linted),
            Err(err) => report.notice(NoticeLevel::Error, err.to_string()),
        }
        report
    }

    /// Lint `files` on `jobs` threads and hand each report to `sink` in the order of `files`.
    ///
    /// Workers take files in order and may run at most a small window ahead of the file being
    /// reported, so memory holds a few documents at a time, not the whole folder.
    pub fn lint_files(&self, files: &[PathBuf], jobs: usize, mut sink: impl FnMut(FileReport)) {
        let jobs = jobs.clamp(1, files.len().max(1));
        let window = jobs * 4;
        let next = AtomicUsize::new(0);
        let reported = (Mutex::new(0usize), Condvar::new());
        let (sender, receiver) = mpsc::channel::<(usize, FileReport)>();
        let work = |sender: mpsc::Sender<(usize, FileReport)>| {
            let mut worker = Worker::default();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(index) else {
                    break;
                };
                wait_for_window(&reported, index, window);
                let report = self.lint_path_guarded(path, &mut worker);
                if sender.send((index, report)).is_err() {
                    break;
                }
            }
        };
        let mut receive = |receiver: mpsc::Receiver<(usize, FileReport)>| {
            let mut pending = BTreeMap::new();
            let mut expected = 0usize;
            for (index, report) in receiver {
                pending.insert(index, report);
                while let Some(report) = pending.remove(&expected) {
                    sink(report);
                    expected += 1;
                    *lock(&reported.0) = expected;
                    reported.1.notify_all();
                }
            }
        };
        match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool.in_place_scope(|scope| {
                spawn_workers(scope, jobs, &work, sender);
                receive(receiver);
            }),
            // No threads of our own to be had: share the global pool.
            Err(_) => rayon::in_place_scope(|scope| {
                spawn_workers(scope, jobs, &work, sender);
                receive(receiver);
            }),
        }
    }

    /// [`Linter::lint_path`], turning a bug that panics into an error for this file alone.
    fn lint_path_guarded(&self, path: &Path, worker: &mut Worker) -> FileReport {
        catch_unwind(AssertUnwindSafe(|| self.lint_path(path, worker))).unwrap_or_else(|_| {
            *worker = Worker::default();
            FileReport {
                path: path.to_path_buf(),
                notices: vec![Notice {
                    level: NoticeLevel::Error,
                    message: "internal error while linting this file; please report it".into(),
                }],
                linted: None,
            }
        })
    }
}

impl FileReport {
    fn notice(&mut self, level: NoticeLevel, message: String) {
        self.notices.push(Notice { level, message });
    }
}

/// Start `jobs` workers on `scope`, each with its own sender.
fn spawn_workers<'scope, W>(
    scope: &rayon::Scope<'scope>,
    jobs: usize,
    work: &'scope W,
    sender: mpsc::Sender<(usize, FileReport)>,
) where
    W: Fn(mpsc::Sender<(usize, FileReport)>) + Sync,
{
    for _ in 0..jobs {
        let sender = sender.clone();
        scope.spawn(move |_| work(sender));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Block until file `index` is within `window` files of the last one reported.
fn wait_for_window(reported: &(Mutex<usize>, Condvar), index: usize, window: usize) {
    let mut done = lock(&reported.0);
    while index >= *done + window {
        done = reported
            .1
            .wait(done)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
    }
}
