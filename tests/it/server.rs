//! `policylint server` driven over standard input and output as an editor drives it: framed
//! JSON-RPC messages from a small client of the tests' own.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a debug build on a busy machine; only there so a broken server fails the
/// test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(120);

/// The server on one side of two pipes.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read while waiting for another.
    stash: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// `policylint server` with `args`, run in `dir`.
    fn start(dir: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_policylint"))
            .arg("server")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(body) = read_frame(&mut stdout) {
                let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            stash: VecDeque::new(),
            next_id: 1,
        }
    }

    /// A started server, initialized with a client that watches files when asked.
    fn initialized(dir: &Path) -> Client {
        let mut client = Client::start(dir, &[]);
        client.initialize();
        client
    }

    fn initialize(&mut self) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                }
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request without waiting: its id.
    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Send a request and wait for its response (the whole message: `result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait(&format!("the response to {method}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// The first message `wanted` accepts, keeping the others for later.
    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.stash.iter().position(&wanted) {
            return self.stash.remove(index).unwrap();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.stash.push_back(message),
                Err(_) => panic!("no {what} from the server; it sent {:#?}", self.stash),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({
                "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text }
            }),
        );
        self.diagnostics(uri, 1)
    }

    /// Replace the whole text, as version `version`.
    fn replace(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
        self.diagnostics(uri, version)
    }

    /// `shutdown`, `exit`, and the exit code.
    fn shut_down(mut self) -> Option<i32> {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The body of the next `Content-Length` frame, `None` at the end.
fn read_frame(input: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("every frame has a Content-Length")];
    input.read_exact(&mut body).ok()?;
    Some(body)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(crate::common::root().join("fixtures/server").join(name)).unwrap()
}

/// A folder for the documents of one test, by its canonical path (URIs name real paths).
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().canonicalize().unwrap();
    (dir, path)
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Apply the `TextEdit`s of a `WorkspaceEdit` for `uri` to `text` (columns as UTF-16 units).
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<&Value> = edit["changes"][uri].as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| {
        let start = &e["range"]["start"];
        std::cmp::Reverse((start["line"].as_u64(), start["character"].as_u64()))
    });
    let mut text = text.to_string();
    for edit in edits {
        let start = offset(&text, &edit["range"]["start"]);
        let end = offset(&text, &edit["range"]["end"]);
        text.replace_range(start..end, edit["newText"].as_str().unwrap());
    }
    text
}

fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap();
    let character = position["character"].as_u64().unwrap() as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(newline) => start += newline + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (index, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + index;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `check --format json` on `path`, turned into the diagnostics the server must publish: the
/// same rule, severity (as in SARIF), message, range (lines and columns from 0) and labels.
fn expected_from_check(path: &Path, uri: &str) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["check", "--format", "json", "--no-cache"])
        .arg(path)
        .current_dir(path.parent().unwrap())
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let position = |p: &Value| {
        json!({
            "line": p["line"].as_u64().unwrap() - 1,
            "character": p["column"].as_u64().unwrap() - 1,
        })
    };
    let range = |v: &Value| json!({ "start": position(&v["start"]), "end": position(&v["end"]) });
    json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            let severity = match finding["severity"].as_str().unwrap() {
                "error" => 1,
                "warning" => 2,
                _ => 3,
            };
            let related: Vec<Value> = finding["labels"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|label| label["primary"] == false)
                .map(|label| {
                    json!({
                        "location": { "uri": uri, "range": range(label) },
                        "message": label["message"],
                    })
                })
                .collect();
            json!({
                "code": finding["rule"],
                "severity": severity,
                "message": finding["message"],
                "range": range(finding),
                "relatedInformation": related,
            })
        })
        .collect()
}

/// The fields of published diagnostics that `check` also has.
fn comparable(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d["code"],
                "severity": d["severity"],
                "message": d["message"],
                "range": d["range"],
                "relatedInformation": d["relatedInformation"],
            })
        })
        .collect()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("(notice)"))
        .collect()
}

/// Diagnostics with the scratch folder's URI made stable, for snapshots.
fn pretty(value: &Value, uri: &str) -> String {
    serde_json::to_string_pretty(value)
        .unwrap()
        .replace(uri, "file:///SCRATCH/doc")
}

#[test]
fn initialize_announces_what_the_server_does() {
    let (_dir, path) = scratch();
    let mut client = Client::start(&path, &[]);
    let response = client.initialize();
    insta::assert_snapshot!(serde_json::to_string_pretty(&response["result"]).unwrap());
    let registration = client.wait("a request to watch files", |m| {
        m["method"] == "client/registerCapability"
    });
    insta::assert_snapshot!(
        "registration",
        serde_json::to_string_pretty(&registration["params"]).unwrap()
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn diagnostics_on_open_are_those_of_check_json_on_the_same_text() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    for name in ["bike-loans.md", "key-safe.md"] {
        let file = path.join(name);
        let text = fixture(name);
        std::fs::write(&file, &text).unwrap();
        let uri = uri_of(&file);
        let published = client.open(&uri, "markdown", &text);
        assert_eq!(
            comparable(&published),
            expected_from_check(&file, &uri),
            "{name}"
        );
        insta::assert_snapshot!(name, pretty(&Value::from(published), &uri));
    }
    // Unsaved text is linted as it stands: the file on disk is not read.
    let file = path.join("draft.md");
    std::fs::write(&file, fixture("bike-loans-fixed.md")).unwrap();
    let uri = uri_of(&file);
    let unsaved = client.open(&uri, "markdown", &fixture("key-safe.md"));
    assert_eq!(
        codes(&unsaved),
        ["measures-missing", "people-missing", "purpose-missing"]
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_change_that_fixes_the_document_clears_its_findings_and_closing_clears_all() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    let uri = uri_of(&path.join("bike-loans.md"));
    let before = client.open(&uri, "markdown", &fixture("bike-loans.md"));
    assert!(codes(&before).contains(&"purpose-missing"));
    let fixed = fixture("bike-loans-fixed.md");
    let after = client.replace(&uri, 2, &fixed);
    assert_eq!(codes(&after), ["people-missing"]);
    // An incremental change: the last paragraph names the people it cares for.
    let lines = fixed.lines().count() as u64;
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{
                "range": {
                    "start": { "line": lines, "character": 0 },
                    "end": { "line": lines, "character": 0 }
                },
                "text": "We support every rider's wellbeing and development, and we trust each \
                         rider to judge when the weather makes a trip unsafe.\n"
            }]
        }),
    );
    assert_eq!(client.diagnostics(&uri, 3), Vec::<Value>::new());
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let cleared = client.wait("diagnostics cleared on close", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn hover_shows_the_rule_the_evidence_and_the_section_coverage() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    let uri = uri_of(&path.join("key-safe.md"));
    client.open(&uri, "markdown", &fixture("key-safe.md"));
    let mut hover = |line: u64, character: u64| {
        let response = client.request(
            "textDocument/hover",
            json!({
                "textDocument": { "uri": uri },
                "position": { "line": line, "character": character }
            }),
        );
        response["result"].clone()
    };
    // The title: three findings, and the coverage of the whole document.
    let title = hover(0, 3);
    // `must` in the first rule: evidence.
    let evidence = hover(4, 9);
    // A heading without findings: its section's coverage.
    let heading = hover(8, 5);
    // A blank line: nothing.
    let blank = hover(1, 0);
    assert_eq!(blank, Value::Null);
    let markdown = |v: &Value| v["contents"]["value"].as_str().unwrap().to_string();
    insta::assert_snapshot!("hover_title", markdown(&title));
    insta::assert_snapshot!("hover_evidence", markdown(&evidence));
    insta::assert_snapshot!("hover_heading", markdown(&heading));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn code_actions_insert_placeholders_and_suppressions_that_round_trip() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    let uri = uri_of(&path.join("leave.md"));
    let text = &fixture("leave.md");
    let diagnostics = client.open(&uri, "markdown", text);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": diagnostics }
        }),
    );
    let actions = response["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    insta::assert_snapshot!(titles.join("\n"));
    let mut version = 1;
    let mut edited = Vec::new();
    for action in &actions {
        assert_eq!(action["kind"], "quickfix");
        let new_text = apply(text, &action["edit"], &uri);
        version += 1;
        let after = client.replace(&uri, version, &new_text);
        let rule = action["diagnostics"][0]["code"].as_str().unwrap();
        let title = action["title"].as_str().unwrap();
        if title.starts_with("Silence") {
            assert!(
                !codes(&after).contains(&rule),
                "{title} silences {rule}: {after:#?}"
            );
            assert!(!codes(&after).contains(&"unused-suppression"), "{title}");
        } else {
            // A placeholder is not the writer's text: the finding stays until it is replaced.
            assert!(codes(&after).contains(&rule), "{title}: {after:#?}");
        }
        edited.push(format!("--- {title}\n{new_text}"));
    }
    insta::assert_snapshot!("edited", edited.join(""));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn suppressions_use_the_comment_syntax_of_each_format() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    let documents = [
        (
            "leave.txt",
            "plaintext",
            "ANNUAL LEAVE\n\nEmployees get twenty-five days of leave.\n",
        ),
        (
            "leave.html",
            "html",
            "<h1>Annual leave</h1>\n<p>Employees get twenty-five days of leave.</p>\n",
        ),
        (
            "leave.rst",
            "restructuredtext",
            "Annual leave\n============\n\nEmployees get twenty-five days of leave.\n",
        ),
        (
            "leave.adoc",
            "asciidoc",
            "= Annual leave\n\nEmployees get twenty-five days of leave.\n",
        ),
    ];
    let mut edited = Vec::new();
    for (name, language, text) in documents {
        let uri = uri_of(&path.join(name));
        let diagnostics = client.open(&uri, language, text);
        let purpose: Vec<Value> = diagnostics
            .into_iter()
            .filter(|d| d["code"] == "purpose-missing")
            .collect();
        assert_eq!(purpose.len(), 1, "{name}");
        let response = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": purpose[0]["range"],
                "context": { "diagnostics": purpose }
            }),
        );
        let actions = response["result"].as_array().unwrap();
        for action in actions {
            let new_text = apply(text, &action["edit"], &uri);
            let after = client.replace(&uri, 2, &new_text);
            let title = action["title"].as_str().unwrap();
            if title.starts_with("Silence") {
                assert!(
                    !codes(&after).contains(&"purpose-missing"),
                    "{name}: {after:#?}"
                );
                assert!(!codes(&after).contains(&"unused-suppression"), "{name}");
            }
            edited.push(format!("--- {name}: {title}\n{new_text}"));
            client.replace(&uri, 1, text);
        }
    }
    insta::assert_snapshot!(edited.join(""));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_configuration_change_is_reloaded_and_open_documents_linted_again() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    let file = path.join("bike-loans.md");
    let uri = uri_of(&file);
    let before = client.open(&uri, "markdown", &fixture("bike-loans.md"));
    assert!(codes(&before).contains(&"purpose-missing"));
    let config = path.join("policylint.toml");
    std::fs::write(&config, "[rules]\npurpose-missing = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&config), "type": 1 }] }),
    );
    let after = client.diagnostics(&uri, 1);
    assert!(!codes(&after).contains(&"purpose-missing"), "{after:#?}");
    std::fs::write(&file, fixture("bike-loans.md")).unwrap();
    assert_eq!(comparable(&after), expected_from_check(&file, &uri));
    // A configuration with a mistake: one error at the start, saying where.
    std::fs::write(&config, "[rules]\npurpose-misisng = \"off\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&config), "type": 2 }] }),
    );
    let broken = client.diagnostics(&uri, 1);
    assert_eq!(broken.len(), 1, "{broken:#?}");
    let message = broken[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("could not load the settings: ")
            && message.contains("policylint.toml:2:1"),
        "{message}"
    );
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn shutdown_then_exit_ends_with_0_and_exit_alone_with_1() {
    let (_dir, path) = scratch();
    assert_eq!(Client::initialized(&path).shut_down(), Some(0));
    let mut client = Client::initialized(&path);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

/// Send raw bytes and read the error they get: its id and code.
fn error(client: &mut Client, bytes: &[u8]) -> (Value, Value) {
    client.send_raw(bytes);
    let reply = client.wait("an error", |m| m.get("error").is_some());
    (reply["id"].clone(), reply["error"]["code"].clone())
}

#[test]
fn malformed_messages_unknown_methods_and_closed_documents_get_json_rpc_errors() {
    let (_dir, path) = scratch();
    let mut client = Client::start(&path, &[]);
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize();
    assert_eq!(
        error(&mut client, b"Content-Length: 9\r\n\r\n{\"id\": 1,"),
        (Value::Null, json!(-32700))
    );
    assert_eq!(
        error(&mut client, b"Content-Length: 12\r\n\r\n[1, 2, 3, 4]"),
        (Value::Null, json!(-32600))
    );
    assert_eq!(
        error(&mut client, b"Content-Type: text\r\n\r\n"),
        (Value::Null, json!(-32700))
    );
    let unknown = client.request("policylint/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = client.request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");
    let uri = uri_of(&path.join("gone.md"));
    client.open(&uri, "markdown", "# Gone\n\nText.\n");
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let position = json!({ "line": 0, "character": 0 });
    let closed = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position }),
    );
    assert_eq!(closed["error"]["code"], -32602, "{closed}");
    assert!(
        closed["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with("gone.md is not open")
    );
    let never = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": position, "end": position },
            "context": { "diagnostics": [] }
        }),
    );
    assert_eq!(never["error"]["code"], -32602, "{never}");
    // Unknown notifications are ignored, and the server still answers.
    client.notify("policylint/unheard-of", json!({}));
    assert_eq!(client.shut_down(), Some(0));
}

#[test]
fn a_huge_document_and_a_burst_of_changes_neither_block_nor_crash_the_server() {
    let (_dir, path) = scratch();
    let mut client = Client::initialized(&path);
    // Over the default max-file-size of 10 MB: a warning, as `check` gives for such a file.
    let huge_uri = uri_of(&path.join("huge.md"));
    let paragraph = "Employees must book leave in the calendar before they take it.\n\n";
    let huge = format!(
        "# Huge\n\n{}",
        paragraph.repeat(10 * 1024 * 1024 / paragraph.len() + 1)
    );
    let refused = client.open(&huge_uri, "markdown", &huge);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["severity"], 2);
    assert!(
        refused[0]["message"]
            .as_str()
            .unwrap()
            .contains("over the max-file-size limit"),
        "{refused:#?}"
    );

    // 500 keystrokes, each one character: the last version is linted and published.
    let uri = uri_of(&path.join("typed.md"));
    let start = "# Typed\n\n";
    client.open(&uri, "markdown", start);
    let typed = "We lend bicycles so that colleagues can travel between sites. ".repeat(9);
    let typed: String = typed.chars().take(500).collect();
    assert_eq!(typed.len(), 500);
    for (i, c) in typed.chars().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": i + 2 },
                "contentChanges": [{
                    "range": {
                        "start": { "line": 2, "character": i },
                        "end": { "line": 2, "character": i }
                    },
                    "text": c.to_string()
                }]
            }),
        );
    }
    // The conversation goes on during the burst.
    let position = json!({ "line": 0, "character": 0 });
    let answer = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": position, "end": position },
            "context": { "diagnostics": [] }
        }),
    );
    assert_eq!(answer["result"], json!([]));
    let last = client.diagnostics(&uri, 501);
    let file = path.join("typed.md");
    std::fs::write(&file, format!("{start}{typed}")).unwrap();
    assert_eq!(comparable(&last), expected_from_check(&file, &uri));
    assert!(!codes(&last).contains(&"purpose-missing"), "{last:#?}");
    assert_eq!(client.shut_down(), Some(0));
}
