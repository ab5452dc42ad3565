//! `policylint server`: a Language Server Protocol server over standard input and output.
//!
//! Three threads: one reads frames ([`transport`]), one writes them, and the thread of
//! [`run`] keeps the open [`documents`] and answers requests; documents are linted on a
//! fourth ([`linting`]) so that a large one never holds up the conversation. Diagnostics come
//! from [`crate::workspace::Workspace::lint_text`], the path `check` takes for standard input,
//! and are mapped in [`diagnostics`]; [`hover`] and [`actions`] work from the same results.

mod actions;
mod diagnostics;
mod documents;
mod hover;
mod linting;
mod position;
mod transport;

use std::io;
use std::sync::mpsc::{self, Sender};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, Exit,
    Initialized, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, HoverRequest, Initialize, RegisterCapability, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, HoverParams,
    HoverProviderCapability, InitializeParams, InitializeResult, PositionEncodingKind,
    Registration, RegistrationParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::de::DeserializeOwned;

use crate::workspace::CommandLine;
use documents::{Documents, OpenDocument};
use linting::{Job, Linting};
use transport::Outgoing;

/// The files whose change reloads the settings: configurations, the bases they extend and rule
/// packs are all TOML files, wherever they are.
const WATCHED: &str = "**/*.toml";

/// Serve one client on standard input and output until it says `exit` or closes the input.
/// The exit code is 0 after a `shutdown` request, 1 otherwise, as the protocol asks.
pub fn run(command_line: CommandLine) -> io::Result<u8> {
    let (incoming_sender, incoming) = mpsc::channel::<Message>();
    let (outgoing, outgoing_receiver) = mpsc::channel::<Outgoing>();
    let reader_outgoing = outgoing.clone();
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            transport::read(io::stdin().lock(), &incoming_sender, &reader_outgoing);
        })?;
    let writer = std::thread::Builder::new()
        .name("lsp-writer".into())
        .spawn(move || transport::write(io::stdout().lock(), outgoing_receiver))?;
    let documents = Documents::default();
    let (jobs, jobs_receiver) = mpsc::channel::<Job>();
    let linting = Linting::new(command_line, documents.clone(), outgoing.clone());
    std::thread::Builder::new()
        .name("lint".into())
        .spawn(move || linting.run(jobs_receiver))?;

    let mut server = Server {
        outgoing,
        documents,
        jobs,
        phase: Phase::Uninitialized,
        watch_dynamically: false,
    };
    let mut code = 1;
    for message in incoming {
        match message {
            Message::Request(request) => server.request(request),
            Message::Notification(notification) if notification.method == Exit::METHOD => {
                code = if server.phase == Phase::ShuttingDown {
                    0
                } else {
                    1
                };
                break;
            }
            Message::Notification(notification) => server.notification(notification),
            // The client's answers to our registrations: nothing to do.
            Message::Response(_) => {}
        }
    }
    // What was sent before is written; the linting thread may be in the middle of a document,
    // and its result is not wanted.
    let _ = server.outgoing.send(Outgoing::Close);
    let _ = writer.join();
    Ok(code)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShuttingDown,
}

struct Server {
    outgoing: Sender<Outgoing>,
    documents: Documents,
    jobs: Sender<Job>,
    phase: Phase,
    /// Whether the client lets us register file watchers.
    watch_dynamically: bool,
}

/// The error for a request about a document the client has not opened (or has closed).
fn not_open(id: RequestId, uri: &Uri) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("{} is not open", uri.as_str()),
    )
}

/// A request's parameters, or the error response for them.
fn params<P: DeserializeOwned>(request: &Request) -> Result<P, Response> {
    serde_json::from_value(request.params.clone()).map_err(|err| {
        Response::new_err(
            request.id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("invalid parameters for {}: {err}", request.method),
        )
    })
}

impl Server {
    fn send(&self, message: Message) {
        let _ = self.outgoing.send(Outgoing::Message(message));
    }

    fn respond(&self, response: Response) {
        self.send(Message::Response(response));
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let error = |code: ErrorCode, message: &str| {
            Response::new_err(id.clone(), code as i32, message.into())
        };
        let response = match (self.phase, request.method.as_str()) {
            (Phase::Uninitialized, Initialize::METHOD) => self.initialize(&request),
            (Phase::Uninitialized, _) => Some(error(
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            )),
            (Phase::ShuttingDown, _) => Some(error(
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            )),
            (Phase::Running, Initialize::METHOD) => Some(error(
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            )),
            (Phase::Running, Shutdown::METHOD) => {
                self.phase = Phase::ShuttingDown;
                Some(Response::new_ok(id.clone(), ()))
            }
            (Phase::Running, HoverRequest::METHOD) => self.hover(&request),
            (Phase::Running, CodeActionRequest::METHOD) => Some(self.code_action(&request)),
            (Phase::Running, method) => Some(error(
                ErrorCode::MethodNotFound,
                &format!("unknown method {method}"),
            )),
        };
        if let Some(response) = response {
            self.respond(response);
        }
    }

    fn initialize(&mut self, request: &Request) -> Option<Response> {
        let params: InitializeParams = match params(request) {
            Ok(params) => params,
            Err(response) => return Some(response),
        };
        self.watch_dynamically = params
            .capabilities
            .workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: crate::output::TOOL_NAME.into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        self.phase = Phase::Running;
        Some(Response::new_ok(request.id.clone(), result))
    }

    /// Hovers are answered by the linting thread, which holds the results.
    fn hover(&self, request: &Request) -> Option<Response> {
        let params: HoverParams = match params(request) {
            Ok(params) => params,
            Err(response) => return Some(response),
        };
        let document = params.text_document_position_params;
        let uri = document.text_document.uri;
        if !self.documents.lock().contains_key(&uri) {
            return Some(not_open(request.id.clone(), &uri));
        }
        let _ = self.jobs.send(Job::Hover {
            id: request.id.clone(),
            uri,
            position: document.position,
        });
        None
    }

    fn code_action(&self, request: &Request) -> Response {
        let params: CodeActionParams = match params(request) {
            Ok(params) => params,
            Err(response) => return response,
        };
        let uri = &params.text_document.uri;
        match self.documents.lock().get(uri) {
            Some(document) => Response::new_ok(
                request.id.clone(),
                actions::code_actions(uri, document, &params.context.diagnostics),
            ),
            None => not_open(request.id.clone(), uri),
        }
    }

    fn notification(&mut self, notification: Notification) {
        if self.phase == Phase::Uninitialized {
            return;
        }
        match notification.method.as_str() {
            Initialized::METHOD => self.register_watchers(),
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let doc = params.text_document;
                    let open = OpenDocument::new(&doc.uri, &doc.language_id, doc.version, doc.text);
                    self.documents.lock().insert(doc.uri.clone(), open);
                    let _ = self.jobs.send(Job::Opened(doc.uri));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    let uri = params.text_document.uri;
                    let changed = match self.documents.lock().get_mut(&uri) {
                        Some(document) => {
                            document.apply(params.text_document.version, params.content_changes);
                            true
                        }
                        None => false,
                    };
                    if changed {
                        let _ = self.jobs.send(Job::Changed(uri));
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    let uri = params.text_document.uri;
                    if self.documents.lock().remove(&uri).is_some() {
                        let _ = self.jobs.send(Job::Closed(uri));
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let _ = self.jobs.send(Job::Reload);
            }
            // Saves, cancellations and anything else: nothing to do.
            _ => {}
        }
    }

    /// Ask the client to tell us when a configuration or pack file changes.
    fn register_watchers(&self) {
        if !self.watch_dynamically {
            return;
        }
        let watchers = vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(WATCHED.into()),
            kind: None,
        }];
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "policylint-settings".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.send(Message::Request(Request::new(
            RequestId::from("policylint-watch-settings".to_string()),
            RegisterCapability::METHOD.into(),
            params,
        )));
    }
}
