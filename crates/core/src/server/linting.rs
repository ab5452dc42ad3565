//! The linting thread: it lints open documents through the same [`Workspace`] as `check`,
//! publishes their diagnostics and answers hovers from the last result.
//!
//! A change is linted once the document has been still for [`DEBOUNCE`]; a burst of changes
//! costs one lint of the last version. A result for a version the editor has already left is
//! dropped, not published. Reading the client's messages goes on on the other thread while a
//! large document is linted here.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, RequestId, Response};
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{Diagnostic, Position, PublishDiagnosticsParams, Uri};

use super::documents::Documents;
use super::position::Lines;
use super::transport::Outgoing;
use super::{diagnostics, hover};
use crate::results::{FileReport, LintedFile};
use crate::workspace::{CommandLine, Workspace};

/// How long a document must be still before it is linted.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// What the linting thread is asked to do.
pub enum Job {
    /// A document was opened: lint it now.
    Opened(Uri),
    /// A document changed: lint it once it is still.
    Changed(Uri),
    /// A document was closed: forget it and clear its diagnostics.
    Closed(Uri),
    /// A configuration or pack file changed: load the settings again and lint every open
    /// document.
    Reload,
    Hover {
        id: RequestId,
        uri: Uri,
        position: Position,
    },
}

/// The last result for an open document.
struct Analysis {
    version: i32,
    report: FileReport<LintedFile>,
    /// The index of its linter in the workspace.
    linter: usize,
}

pub struct Linting {
    command_line: CommandLine,
    workspace: Workspace,
    worker: crate::lint::Worker,
    documents: Documents,
    outgoing: Sender<Outgoing>,
    /// Documents waiting to be linted, and when.
    due: HashMap<Uri, Instant>,
    analyses: HashMap<Uri, Analysis>,
}

impl Linting {
    pub fn new(
        command_line: CommandLine,
        documents: Documents,
        outgoing: Sender<Outgoing>,
    ) -> Self {
        Linting {
            workspace: Workspace::new(command_line.clone()),
            command_line,
            worker: crate::lint::Worker::default(),
            documents,
            outgoing,
            due: HashMap::new(),
            analyses: HashMap::new(),
        }
    }

    /// Work until the sender of jobs is gone.
    pub fn run(mut self, jobs: Receiver<Job>) {
        loop {
            let next = self.due.values().min().copied();
            let job = match next {
                Some(when) => {
                    match jobs.recv_timeout(when.saturating_duration_since(Instant::now())) {
                        Ok(job) => Some(job),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                None => match jobs.recv() {
                    Ok(job) => Some(job),
                    Err(_) => return,
                },
            };
            if let Some(job) = job {
                self.take(job);
            }
            // Everything already sent is taken in before linting: the last of a burst of
            // changes, a close, a hover waiting.
            while let Ok(job) = jobs.try_recv() {
                self.take(job);
            }
            let now = Instant::now();
            let ready: Vec<Uri> = self
                .due
                .iter()
                .filter(|(_, when)| **when <= now)
                .map(|(uri, _)| uri.clone())
                .collect();
            for uri in ready {
                self.due.remove(&uri);
                self.lint(&uri);
            }
        }
    }

    fn take(&mut self, job: Job) {
        match job {
            Job::Opened(uri) => {
                self.due.insert(uri, Instant::now());
            }
            Job::Changed(uri) => {
                self.due.insert(uri, Instant::now() + DEBOUNCE);
            }
            Job::Closed(uri) => {
                self.due.remove(&uri);
                self.analyses.remove(&uri);
                self.publish(uri, Vec::new(), None);
            }
            Job::Reload => {
                self.workspace = Workspace::new(self.command_line.clone());
                self.analyses.clear();
                let now = Instant::now();
                for uri in self.documents.lock().keys() {
                    self.due.insert(uri.clone(), now);
                }
            }
            Job::Hover { id, uri, position } => self.hover(id, &uri, position),
        }
    }

    /// Lint the current text of a document and publish its diagnostics, unless it changed or
    /// closed meanwhile.
    fn lint(&mut self, uri: &Uri) {
        let Some(document) = self.documents.lock().get(uri).cloned() else {
            return;
        };
        let diagnostics = match document.format() {
            None => Vec::new(),
            Some(_) => {
                let path = document.path.clone();
                let version = document.version;
                match self
                    .workspace
                    .lint_text(&path, document.text.into_bytes(), &mut self.worker)
                {
                    Ok((report, linter)) => {
                        let rules = &self.workspace.linters[linter].rules;
                        // Linting is guarded already; a bug in the mapping costs this
                        // document's diagnostics, not the thread.
                        let Ok(diagnostics) = catch_unwind(AssertUnwindSafe(|| {
                            diagnostics::of_report(&report, rules, uri)
                        })) else {
                            return;
                        };
                        self.analyses.insert(
                            uri.clone(),
                            Analysis {
                                version,
                                report,
                                linter,
                            },
                        );
                        diagnostics
                    }
                    Err(error) => {
                        self.analyses.remove(uri);
                        vec![diagnostics::of_setup_error(&error)]
                    }
                }
            }
        };
        let current = self.documents.lock().get(uri).map(|d| d.version);
        if current == Some(document.version) {
            self.publish(uri.clone(), diagnostics, Some(document.version));
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let notification = Notification::new(PublishDiagnostics::METHOD.into(), params);
        let _ = self
            .outgoing
            .send(Outgoing::Message(Message::Notification(notification)));
    }

    /// Answer a hover from the result for the document's current version, linting it first
    /// when it is waiting.
    fn hover(&mut self, id: RequestId, uri: &Uri, position: Position) {
        let current = self.documents.lock().get(uri).map(|d| d.version);
        let Some(version) = current else {
            return self.respond(super::not_open(id, uri));
        };
        if self.analyses.get(uri).is_none_or(|a| a.version != version) {
            self.due.remove(uri);
            self.lint(uri);
        }
        let found = catch_unwind(AssertUnwindSafe(|| {
            self.analyses.get(uri).and_then(|analysis| {
                let linted = analysis.report.linted.as_ref()?;
                let rules = &self.workspace.linters[analysis.linter].rules;
                let offset = Lines::new(&linted.result.source.text).offset(position);
                hover::hover(linted, rules, offset)
            })
        }));
        let response = match (found, self.analyses.get(uri)) {
            (Err(_), _) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "internal error while answering the hover; please report it".into(),
            ),
            (Ok(_), Some(analysis)) if analysis.version != version => Response::new_err(
                id,
                ErrorCode::ContentModified as i32,
                "the document changed while it was linted".into(),
            ),
            (Ok(found), _) => Response::new_ok(id, found),
        };
        self.respond(response);
    }

    fn respond(&self, response: Response) {
        let _ = self
            .outgoing
            .send(Outgoing::Message(Message::Response(response)));
    }
}
