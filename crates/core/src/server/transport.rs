//! JSON-RPC messages over a byte stream, framed by `Content-Length` headers.
//!
//! lsp-server's own reader stops at the first malformed message; an editor's server must not,
//! so frames are read here: a frame that is not JSON gets a parse error, JSON that is not a
//! message an invalid-request error, and reading goes on with the next frame.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The largest message read; larger ones are skipped with an error. A 10 MB document whose
/// every character is escaped in JSON stays well under it.
const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// What the server writes.
pub enum Outgoing {
    Message(Message),
    /// An error about a frame whose request could not be read: its `id` when it had one, else
    /// `null`.
    Unreadable {
        id: Value,
        code: ErrorCode,
        message: String,
    },
    /// The end of the conversation: nothing after it is written.
    Close,
}

impl From<Message> for Outgoing {
    fn from(message: Message) -> Self {
        Outgoing::Message(message)
    }
}

/// Read frames from `input` until it ends, handing messages to `incoming` and answering
/// unreadable frames through `outgoing` at once.
pub fn read(mut input: impl BufRead, incoming: &Sender<Message>, outgoing: &Sender<Outgoing>) {
    loop {
        let frame = match read_frame(&mut input) {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => return,
        };
        let answer = match frame {
            Frame::Body(body) => match parse(&body) {
                Ok(message) => {
                    if incoming.send(message).is_err() {
                        return;
                    }
                    continue;
                }
                Err(unreadable) => unreadable,
            },
            Frame::Malformed(why) => Outgoing::Unreadable {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: why,
            },
        };
        if outgoing.send(answer).is_err() {
            return;
        }
    }
}

/// Write each outgoing message to `output` as a frame, until [`Outgoing::Close`] or every
/// sender is gone.
pub fn write(mut output: impl Write, outgoing: Receiver<Outgoing>) -> io::Result<()> {
    for message in outgoing {
        match message {
            Outgoing::Message(message) => message.write(&mut output)?,
            Outgoing::Unreadable { id, code, message } => {
                let body = json!({
                    "jsonrpc": "2.0",
                    "id": id,
                    "error": { "code": code as i32, "message": message },
                })
                .to_string();
                write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
                output.flush()?;
            }
            Outgoing::Close => break,
        }
    }
    Ok(())
}

enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`, or a body too large: why.
    Malformed(String),
}

/// The next frame, `None` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut problem = None;
    let mut line = String::new();
    let mut headers = 0;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if headers == 0 {
                // Blank lines between frames.
                continue;
            }
            break;
        }
        headers += 1;
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => problem = Some(format!("bad Content-Length header `{header}`")),
                }
            }
            Some(_) => {}
            None => problem = Some(format!("malformed header `{header}`")),
        }
    }
    if let Some(problem) = problem {
        return Ok(Some(Frame::Malformed(problem)));
    }
    let Some(length) = length else {
        return Ok(Some(Frame::Malformed("no Content-Length header".into())));
    };
    if length > MAX_MESSAGE_BYTES {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Frame::Malformed(format!(
            "message of {length} bytes, over the limit of {MAX_MESSAGE_BYTES}"
        ))));
    }
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(Frame::Body(body)))
}

/// A frame's body as a message, or the error to answer it with.
fn parse(body: &[u8]) -> Result<Message, Outgoing> {
    let value: Value = serde_json::from_slice(body).map_err(|err| Outgoing::Unreadable {
        id: Value::Null,
        code: ErrorCode::ParseError,
        message: format!("not JSON: {err}"),
    })?;
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let is_message = value.get("method").is_some_and(Value::is_string)
        || (value.get("id").is_some()
            && (value.get("result").is_some() || value.get("error").is_some()));
    let invalid = |why: String| Outgoing::Unreadable {
        id: id.clone(),
        code: ErrorCode::InvalidRequest,
        message: why,
    };
    if !is_message {
        return Err(invalid(
            "not a JSON-RPC request, notification or response".into(),
        ));
    }
    serde_json::from_value(value.clone())
        .map_err(|err| invalid(format!("not a JSON-RPC message: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut input = input.as_bytes();
        let mut found = Vec::new();
        while let Some(frame) = read_frame(&mut input).unwrap() {
            found.push(match frame {
                Frame::Body(body) => String::from_utf8(body).unwrap(),
                Frame::Malformed(why) => format!("malformed: {why}"),
            });
        }
        found
    }

    #[test]
    fn frames_are_read_past_a_broken_one() {
        let input = "Content-Length: 2\r\n\r\n{}\
                     Content-Length: x\r\n\r\n\
                     Content-Type: json\r\n\r\n\
                     content-length: 4\r\n\r\nnull\
                     Content-Length: 9\r\n\r\ncut";
        assert_eq!(
            frames(input),
            [
                "{}",
                "malformed: bad Content-Length header `Content-Length: x`",
                "malformed: no Content-Length header",
                "null"
            ]
        );
    }

    #[test]
    fn bodies_that_are_no_message_get_the_json_rpc_error_for_them() {
        let code = |body: &str| match parse(body.as_bytes()) {
            Ok(_) => None,
            Err(Outgoing::Unreadable { id, code, .. }) => Some((id, code as i32)),
            Err(_) => unreachable!(),
        };
        assert_eq!(code("{"), Some((Value::Null, -32700)));
        assert_eq!(code("[1]"), Some((Value::Null, -32600)));
        assert_eq!(code(r#"{"id": 4, "params": {}}"#), Some((json!(4), -32600)));
        assert_eq!(code(r#"{"id": 4, "method": "x"}"#), None);
        assert_eq!(code(r#"{"method": "x"}"#), None);
    }
}
