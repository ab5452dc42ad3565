//! What linting a file produced: the notices, the results and why a file was passed
//! over. Every later step (outputs, report, baseline, cache, server) reads these types, so they
//! sit in a module of their own that imports none of those steps.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::classify::KindDecision;
use crate::coverage::Coverage;
use crate::evidence::Evidence;
use crate::evidence::Sentence;
use crate::finding::Finding;
use crate::metadata;
use crate::source::{Document, Format, Source, Title};

/// What linting a file found, as every later step reads it: the outputs, the report, the
/// baseline, the cache and the server's diagnostics. A result restored from the
/// [`crate::cache`] is the same value as a fresh one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileResult {
    /// Not kept by the cache, which decodes it again from the bytes a result is found by.
    #[serde(skip, default = "unread")]
    pub source: Source,
    /// The document's title, so reports need no section tree.
    pub title: Option<Title>,
    pub kind: KindDecision,
    pub coverage: Coverage,
    /// In position order.
    pub findings: Vec<Finding>,
    /// The ids of the rules that ran on this document, in rule-set order (built-in rules such
    /// as `unused-suppression` last): what a test report lists as passed or failed.
    pub checked: Vec<String>,
    /// Why no rule judged the document although it was read: it is not in the packs'
    /// language. Becomes a notice on the file.
    pub not_judged: Option<String>,
    /// The other files its findings were judged with.
    pub depends_on: Vec<Dependency>,
    /// What the figures of the run's other documents said when its figures were compared with
    /// them, when it states any ([`crate::links::Folder::figures_digest`]): a cached result holds only
    /// while they say the same.
    pub compared_with: Option<u128>,
    /// Its line in the review register, when it is under lifecycle management.
    pub register: Option<metadata::RegisterEntry>,
    /// The sentences its findings are anchored to ([`crate::fingerprint::anchor_sentences`]).
    pub anchors: Vec<Sentence>,
}

/// The source of a result just decoded from the cache, before it is given the text it was
/// found by.
fn unread() -> Source {
    Source::plain(String::new(), Format::Text, String::new())
}

/// A [`FileResult`] with the parsed document and the evidence it came from: what `inspect`,
/// the server's hover and the invariant checks read. Never cached.
#[derive(Debug)]
pub struct LintedFile {
    pub result: FileResult,
    pub document: Document,
    pub evidence: Evidence,
}

impl LintedFile {
    pub fn into_result(self) -> FileResult {
        self.result
    }
}

/// Another file a document's findings depend on, and the hash of its bytes when they were
/// made (`None`: no such file). A cached result is used again only while each still holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependency {
    pub path: String,
    pub content: Option<u128>,
}

/// How much a notice about a file matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NoticeLevel {
    Note,
    Warning,
    /// The file could not be linted; the run exits 2.
    Error,
}

impl NoticeLevel {
    pub fn name(self) -> &'static str {
        match self {
            NoticeLevel::Note => "note",
            NoticeLevel::Warning => "warning",
            NoticeLevel::Error => "error",
        }
    }
}

/// Something the user should know about a file besides its findings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub level: NoticeLevel,
    pub message: String,
}

/// Why a file was passed over on purpose rather than linted; the summary counts these apart
/// from the files checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Skip {
    /// Larger than `max-file-size`.
    TooLarge,
    /// A NUL byte: not text.
    Binary,
    /// Empty, blank, or a Word or OpenDocument file without text.
    Empty,
}

impl Skip {
    /// Why, as the summary says it: `skipped 1 (over max-file-size)`.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::TooLarge => "over max-file-size",
            Skip::Binary => "binary",
            Skip::Empty => "empty",
        }
    }
}

/// The outcome for one file: notices, and what linting found unless it was skipped. `L` is
/// [`LintedFile`] for the few callers that read the whole document.
#[derive(Debug)]
pub struct FileReport<L = FileResult> {
    pub path: PathBuf,
    pub notices: Vec<Notice>,
    pub linted: Option<L>,
    /// Set when the file was passed over on purpose (its notice says so too).
    pub skipped: Option<Skip>,
}

impl<L> FileReport<L> {
    /// A report on `path` with no notices yet and nothing linted.
    pub(crate) fn new(path: &Path) -> Self {
        FileReport {
            path: path.to_path_buf(),
            notices: Vec::new(),
            linted: None,
            skipped: None,
        }
    }

    pub(crate) fn notice(&mut self, level: NoticeLevel, message: String) {
        self.notices.push(Notice { level, message });
    }
}

impl FileReport<LintedFile> {
    /// The linted document, and its notice when no rule judged it.
    pub(crate) fn add(&mut self, linted: LintedFile) {
        if let Some(reason) = &linted.result.not_judged {
            self.notice(NoticeLevel::Warning, reason.clone());
        }
        self.linted = Some(linted);
    }

    /// The report as the outputs read it, without the document and evidence.
    pub fn into_results(self) -> FileReport {
        FileReport {
            path: self.path,
            notices: self.notices,
            linted: self.linted.map(LintedFile::into_result),
            skipped: self.skipped,
        }
    }
}
