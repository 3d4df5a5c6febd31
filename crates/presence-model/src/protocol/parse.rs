//! Parsing from bytes, with errors that name the user and field.
//!
//! The fast path is one `serde_json::from_slice` straight into the typed structs. Only
//! when that fails is the body scanned again to find the user and field, so the cost of
//! locating the error is paid on the error path alone.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::protocol::{ErrorBody, RealmPresence, ReportedStatus, UsersResponse};

/// A parsed value and what was odd about it without being wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// The value.
    pub value: T,
    /// Things worth a console line, not an error.
    pub warnings: Vec<Warning>,
}

/// Something tolerated while parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A `status` that is neither `active`, `idle` nor `offline`; counted as idle.
    UnknownStatus {
        /// The user's email.
        user: String,
        /// The entry's key (client name or `aggregated`).
        client: String,
        /// The status as sent.
        status: String,
    },
    /// The server said it ignored these request parameters.
    IgnoredParameters(Vec<String>),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Warning::UnknownStatus {
                user,
                client,
                status,
            } => write!(
                f,
                "presence of {user} ({client}): unknown status {status:?}, counted as idle"
            ),
            Warning::IgnoredParameters(params) => {
                write!(f, "the server ignored parameters: {}", params.join(", "))
            }
        }
    }
}

/// Where a body stopped making sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What kind of failure.
    pub kind: ParseErrorKind,
    /// Object keys and array indexes from the top of the body to the failure.
    pub path: Vec<String>,
    /// serde's description (`missing field \`timestamp\``, `invalid type: …`).
    pub message: String,
    /// 1-based line of the failure, 0 when unknown.
    pub line: usize,
    /// 1-based column of the failure, 0 when unknown.
    pub column: usize,
}

/// The broad classes of [`ParseError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Not JSON at all (an HTML error page, say).
    Syntax,
    /// JSON that ended too early: a truncated body.
    Truncated,
    /// Valid JSON of the wrong shape: a wrong type or a missing field.
    Shape,
}

impl ParseError {
    fn from_json(err: serde_json::Error, path: Vec<String>) -> Self {
        let kind = match err.classify() {
            serde_json::error::Category::Eof => ParseErrorKind::Truncated,
            serde_json::error::Category::Data => ParseErrorKind::Shape,
            _ => ParseErrorKind::Syntax,
        };
        // serde_json appends " at line L column C" to its Display; keep the bare cause.
        let full = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        ParseError {
            kind,
            path,
            message,
            line: err.line(),
            column: err.column(),
        }
    }

    /// A field the body lacks at its top level, as serde would report it.
    pub(crate) fn missing(field: &str) -> Self {
        ParseError {
            kind: ParseErrorKind::Shape,
            path: Vec::new(),
            message: format!("missing field `{field}`"),
            line: 0,
            column: 0,
        }
    }

    /// For a presence body: the email of the user whose entry is wrong.
    pub fn user(&self) -> Option<&str> {
        match self.path.as_slice() {
            [top, user, ..] if top == "presences" => Some(user),
            _ => None,
        }
    }

    /// The name of the field that is wrong or missing.
    pub fn field(&self) -> Option<&str> {
        if let Some(rest) = self.message.strip_prefix("missing field `") {
            return rest.split('`').next();
        }
        self.path.last().map(String::as_str)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.kind {
            ParseErrorKind::Syntax => f.write_str("the answer is not JSON")?,
            ParseErrorKind::Truncated => f.write_str("the answer was cut short")?,
            ParseErrorKind::Shape => f.write_str("the answer has an unexpected shape")?,
        }
        if let Some(user) = self.user() {
            write!(f, ": presence of {user}")?;
            if let [_, _, client, rest @ ..] = self.path.as_slice() {
                write!(f, ", entry {client:?}")?;
                // serde names a missing field itself; a wrong type it does not.
                if let Some(field) = rest.first() {
                    write!(f, ", field {field:?}")?;
                }
            }
        } else if !self.path.is_empty() {
            write!(f, ": at {}", self.path.join(" → "))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ParseError {}

/// Why a presence body could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum PresenceError {
    /// The server answered with Zulip's error body.
    Zulip(ErrorBody),
    /// The body is not a presence answer.
    Malformed(ParseError),
}

impl fmt::Display for PresenceError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            PresenceError::Zulip(body) => write!(f, "{} ({})", body.msg, body.code().as_str()),
            PresenceError::Malformed(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for PresenceError {}

/// Parses a `GET /realm/presence` body.
///
/// A body that is Zulip's error shape comes back as [`PresenceError::Zulip`], whatever
/// the HTTP status was, so a proxy that rewrites statuses cannot make an error look like
/// an empty roster.
pub fn parse_presence(bytes: &[u8]) -> Result<Parsed<RealmPresence>, PresenceError> {
    match parse_json::<RealmPresence>(bytes) {
        Ok(value) => {
            if value.result == "error" {
                if let Some(body) = parse_error_body(bytes) {
                    return Err(PresenceError::Zulip(body));
                }
            }
            let warnings = presence_warnings(&value);
            Ok(Parsed { value, warnings })
        }
        Err(err) => match parse_error_body(bytes) {
            Some(body) => Err(PresenceError::Zulip(body)),
            None => Err(PresenceError::Malformed(err)),
        },
    }
}

/// Parses Zulip's error body, if that is what `bytes` holds (`result` is `"error"`).
pub fn parse_error_body(bytes: &[u8]) -> Option<ErrorBody> {
    serde_json::from_slice::<ErrorBody>(without_bom(bytes))
        .ok()
        .filter(|body| body.result == "error")
}

/// Parses a `GET /users` body.
pub fn parse_users(bytes: &[u8]) -> Result<UsersResponse, ParseError> {
    parse_json(bytes)
}

/// `bytes` without a leading UTF-8 byte-order mark, which JSON forbids and some proxies
/// and editors add anyway.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    let bytes = without_bom(bytes);
    serde_json::from_slice(bytes).map_err(|err| {
        let path = path_at(bytes, err.line(), err.column());
        ParseError::from_json(err, path)
    })
}

/// The object keys and array indexes enclosing the byte at `line`/`column` (serde_json's
/// 1-based position of an error), found by scanning the body up to there.
///
/// Why a scanner and not `serde_path_to_error`: that crate instantiates a second copy of
/// every deserializer, about 9 kB brotli that every viewer downloads for a message only
/// a proxy's operator reads. serde_json stops right after the value that broke (for a
/// missing field, right after the object's `}`), so the containers still open there, and
/// the last key of each, are the path; the tests check this against
/// `serde_path_to_error` on broken payloads.
fn path_at(bytes: &[u8], line: usize, column: usize) -> Vec<String> {
    enum Frame {
        Object { key: Option<String>, at_key: bool },
        Array { index: usize },
    }
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    let end = line_start.saturating_add(column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied() {
            Some(b'"') => {
                let start = i + 1;
                i = start;
                while let Some(&b) = bytes.get(i) {
                    match b {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                if let Some(Frame::Object {
                    key,
                    at_key: at_key @ true,
                }) = stack.last_mut()
                {
                    let raw = bytes.get(start..i.min(bytes.len())).unwrap_or_default();
                    // Keys with escapes come back as parsed; a broken escape, as written.
                    let quoted = [&b"\""[..], raw, &b"\""[..]].concat();
                    *key = Some(
                        serde_json::from_slice(&quoted)
                            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned()),
                    );
                    *at_key = false;
                }
            }
            Some(b'{') => stack.push(Frame::Object {
                key: None,
                at_key: true,
            }),
            Some(b'[') => stack.push(Frame::Array { index: 0 }),
            Some(b'}' | b']') => {
                stack.pop();
            }
            Some(b',') => match stack.last_mut() {
                Some(Frame::Object { at_key, .. }) => *at_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    stack
        .into_iter()
        .filter_map(|frame| match frame {
            Frame::Object { key, .. } => key,
            Frame::Array { index } => Some(index.to_string()),
        })
        .collect()
}

fn presence_warnings(value: &RealmPresence) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for (user, presence) in &value.presences {
        for (client, entry) in &presence.entries {
            if let ReportedStatus::Other(status) = &entry.status {
                warnings.push(Warning::UnknownStatus {
                    user: user.clone(),
                    client: client.to_string(),
                    status: status.clone(),
                });
            }
        }
    }
    if let Some(params) = &value.ignored_parameters_unsupported {
        if !params.is_empty() {
            warnings.push(Warning::IgnoredParameters(params.clone()));
        }
    }
    warnings
}
