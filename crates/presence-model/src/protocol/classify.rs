//! What an HTTP answer means for the roster: which answer, or which failure.
//!
//! The widget's fetch service hands over the status code, the `Retry-After` header and
//! the body bytes; everything from there on (which failure, which words, which delay) is
//! decided here, so it is tested natively.

use crate::protocol::server_settings::{ServerInfo, Settings};
use crate::protocol::teams::TeamKind;
use crate::protocol::{
    parse_error_body, parse_presence, parse_users, ParseError, Parsed, PresenceError,
};
use crate::protocol::{ErrorBody, ErrorCode, RealmPresence, UsersResponse};

/// The `code` the reference nginx configuration answers when Zulip refuses its key.
pub const PROXY_AUTH_FAILED: &str = "PROXY_AUTH_FAILED";
/// The `code` the reference nginx answers when it could not apply its privacy setting to
/// Zulip's answer (one it could not read, or a wrong setting) and so passed nothing on.
pub const PROXY_PRIVACY_FAILED: &str = "PROXY_PRIVACY_FAILED";

/// A 429 without any retry-after is retried after this long.
const DEFAULT_RATE_LIMIT_SECS: f64 = 60.0;

/// An HTTP answer, as far as the roster cares.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The status code.
    pub status: u16,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// Why the roster could not be refreshed, in the terms a page author can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The proxy URL does not lead to Zulip's API: a 404, or a web page instead of JSON.
    WrongUrl {
        /// The status code (200 for a web page served in place of JSON).
        status: u16,
        /// The body was not JSON.
        not_json: bool,
    },
    /// The Zulip server refused the proxy's credentials (401/403).
    Refused {
        /// The status code.
        status: u16,
        /// Zulip's `code`, when the body was Zulip's.
        code: Option<ErrorCode>,
        /// Zulip's (translated) message, shown as text.
        msg: String,
    },
    /// Zulip is rate-limiting the proxy (429).
    RateLimited {
        /// Seconds Zulip asked to wait.
        retry_after_secs: f64,
    },
    /// The proxy or the server is down: a 5xx, an HTML error page, no answer, or a timeout.
    Down {
        /// What happened.
        cause: DownCause,
    },
    /// Zulip refused the request for another reason (another 4xx with Zulip's body).
    Rejected {
        /// The status code.
        status: u16,
        /// Zulip's error body.
        body: ErrorBody,
    },
    /// The answer was JSON, but not the shape Zulip documents.
    Malformed(ParseError),
    /// The answer was larger than [`MAX_ANSWER_BYTES`]: not read (a hostile or broken
    /// server must not make every viewer's browser hold a gigabyte).
    TooLarge,
    /// The `group` or `channel` option names a team Zulip does not have (or the proxy's
    /// account cannot see): a wrong setting, found out from the server.
    NoSuchTeam {
        /// Group or channel.
        kind: TeamKind,
        /// The name or id as the page gave it.
        key: String,
        /// The answer's status (200 when the group list simply lacks it).
        status: u16,
    },
    /// Zulip does not let the proxy's account read user groups: guests never may, bots
    /// not before Zulip 12.0.
    GroupsRefused {
        /// Zulip's (translated) message, shown as text.
        msg: String,
        /// Whether the server lets bots read groups (Zulip 12.0, feature level 496), so
        /// the refused account is a guest's. An answer alone does not say; the widget
        /// knows from `/server_settings`.
        bots_may_read: bool,
    },
    /// The proxy sends counts only (its privacy setting), so it refuses the team
    /// endpoints, which name people (`PRIVACY_COUNTS_ONLY`).
    TeamsHidden,
    /// The proxy could not apply its privacy setting to Zulip's answer and sent nothing
    /// of it (`PROXY_PRIVACY_FAILED`): a fault for its administrator, retried as an outage.
    PrivacyFailed {
        /// The status code (502 from the reference nginx; 200 from its earlier body
        /// filter, which could not change the status).
        status: u16,
    },
}

/// The code of the reference proxy's refusal of team endpoints in counts mode.
pub const TEAMS_HIDDEN_CODE: &str = "PRIVACY_COUNTS_ONLY";

/// The largest answer the widget reads: 64 MiB, several times a 50,000-person
/// organization's presence or member list.
pub const MAX_ANSWER_BYTES: usize = 64 << 20;

/// How the proxy or server was down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownCause {
    /// An HTTP status of 500 or more.
    Status(u16),
    /// No HTTP answer at all (connection refused, DNS, CORS, offline).
    Network,
    /// No answer within this many seconds.
    Timeout(u32),
}

impl Failure {
    /// A short, stable name for scripts (`roster-error` events, `data-error`).
    pub fn cause(&self) -> &'static str {
        match self {
            Failure::WrongUrl { .. } => "wrong-url",
            Failure::Refused { .. } => "refused",
            Failure::RateLimited { .. } => "rate-limited",
            Failure::Down { .. } => "down",
            Failure::Rejected { .. } => "rejected",
            Failure::Malformed(_) | Failure::TooLarge => "malformed",
            Failure::NoSuchTeam { .. } => "config",
            Failure::GroupsRefused { .. } => "refused",
            Failure::TeamsHidden => "config",
            Failure::PrivacyFailed { .. } => "privacy",
        }
    }
}

impl Failure {
    /// The HTTP status behind the failure, when there was an answer.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Failure::WrongUrl { status, .. }
            | Failure::Refused { status, .. }
            | Failure::Rejected { status, .. }
            | Failure::PrivacyFailed { status } => Some(*status),
            Failure::RateLimited { .. } => Some(429),
            Failure::Down {
                cause: DownCause::Status(status),
            } => Some(*status),
            Failure::Down { .. } => None,
            Failure::Malformed(_) | Failure::TooLarge => Some(200),
            Failure::NoSuchTeam { status, .. } => Some(*status),
            Failure::GroupsRefused { .. } | Failure::TeamsHidden => Some(400),
        }
    }

    /// Zulip's error `code`, when the answer carried one.
    pub fn zulip_code(&self) -> Option<&str> {
        match self {
            Failure::Refused { code, .. } => code.as_ref().map(ErrorCode::as_str),
            Failure::Rejected { body, .. } => body.code.as_deref(),
            Failure::RateLimited { .. } => Some("RATE_LIMIT_HIT"),
            Failure::NoSuchTeam { status: 400, .. } | Failure::GroupsRefused { .. } => {
                Some("BAD_REQUEST")
            }
            Failure::TeamsHidden => Some(TEAMS_HIDDEN_CODE),
            Failure::PrivacyFailed { .. } => Some(PROXY_PRIVACY_FAILED),
            _ => None,
        }
    }
}

/// Classifies a `GET /realm/presence` answer.
pub fn classify_presence(answer: Answer<'_>) -> Result<Parsed<RealmPresence>, Failure> {
    if (200..300).contains(&answer.status) {
        return match parse_presence(answer.body) {
            Ok(parsed) => Ok(parsed),
            Err(PresenceError::Zulip(body)) => {
                Err(from_error_body(answer.status, answer.retry_after, body))
            }
            Err(PresenceError::Malformed(err)) => Err(malformed(answer, err)),
        };
    }
    Err(classify_failure(answer))
}

/// Classifies a `GET /server_settings` answer: the server's API feature level (0 before
/// Zulip 3.0, which did not send one) and the organization's URL.
pub fn classify_server_settings(answer: Answer<'_>) -> Result<ServerInfo, Failure> {
    if (200..300).contains(&answer.status) {
        return crate::protocol::parse_json::<Settings>(answer.body)
            .map(ServerInfo::from)
            .map_err(|err| match parse_error_body(answer.body) {
                Some(body) => from_error_body(answer.status, answer.retry_after, body),
                None => malformed(answer, err),
            });
    }
    Err(classify_failure(answer))
}

/// Classifies a `GET /users` answer.
pub fn classify_users(answer: Answer<'_>) -> Result<UsersResponse, Failure> {
    if (200..300).contains(&answer.status) {
        return parse_users(answer.body).map_err(|err| from_body_or_malformed(answer, err));
    }
    Err(classify_failure(answer))
}

/// A 2xx whose body is not the shape asked for: Zulip's error body if it is one (a proxy
/// may rewrite the status), else malformed.
pub(crate) fn from_body_or_malformed(answer: Answer<'_>, err: ParseError) -> Failure {
    match parse_error_body(answer.body) {
        Some(body) => from_error_body(answer.status, answer.retry_after, body),
        None => malformed(answer, err),
    }
}

fn looks_like_html(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// A 2xx that is not the JSON we asked for: a web page means the URL leads elsewhere
/// (a single-page app answers every path with its index.html).
fn malformed(answer: Answer<'_>, err: ParseError) -> Failure {
    if looks_like_html(answer.body) {
        Failure::WrongUrl {
            status: answer.status,
            not_json: true,
        }
    } else {
        Failure::Malformed(err)
    }
}

pub(crate) fn classify_failure(answer: Answer<'_>) -> Failure {
    let body = parse_error_body(answer.body);
    match (answer.status, body) {
        (429, body) => Failure::RateLimited {
            retry_after_secs: retry_after(answer.retry_after, body.as_ref()),
        },
        (status, Some(body)) if body.code.as_deref() == Some(PROXY_PRIVACY_FAILED) => {
            Failure::PrivacyFailed { status }
        }
        // The reference nginx answers a refused bot key with a 502 (a 401 would make
        // browsers prompt the visitor for a password) carrying Zulip's own body, whose
        // code says why (a wrong key, a deactivated bot or organization), or its own
        // PROXY_AUTH_FAILED when it has no body to pass on.
        (status, Some(body))
            if body.code.as_deref() == Some(PROXY_AUTH_FAILED) || is_refusal(&body.code()) =>
        {
            Failure::Refused {
                status,
                code: Some(body.code()),
                msg: body.msg,
            }
        }
        (500.., _) => Failure::Down {
            cause: DownCause::Status(answer.status),
        },
        (404, _) => Failure::WrongUrl {
            status: 404,
            not_json: !looks_like_json(answer.body),
        },
        (status @ (401 | 403), body) => Failure::Refused {
            status,
            code: body.as_ref().map(ErrorBody::code),
            msg: body.map(|b| b.msg).unwrap_or_default(),
        },
        (status, Some(body)) => from_error_body(status, answer.retry_after, body),
        (status, None) => Failure::WrongUrl {
            status,
            not_json: looks_like_html(answer.body),
        },
    }
}

/// Zulip's codes for credentials it will not take.
fn is_refusal(code: &ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Unauthorized
            | ErrorCode::InvalidApiKey
            | ErrorCode::UserDeactivated
            | ErrorCode::RealmDeactivated
    )
}

fn looks_like_json(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Zulip's body decides, whatever the status (a proxy may have rewritten it).
fn from_error_body(status: u16, retry_after_header: Option<&str>, body: ErrorBody) -> Failure {
    if body.code.as_deref() == Some(PROXY_PRIVACY_FAILED) {
        return Failure::PrivacyFailed { status };
    }
    match body.code() {
        ErrorCode::RateLimitHit => Failure::RateLimited {
            retry_after_secs: retry_after(retry_after_header, Some(&body)),
        },
        code if is_refusal(&code) => Failure::Refused {
            status,
            code: Some(code),
            msg: body.msg,
        },
        _ if status >= 500 => Failure::Down {
            cause: DownCause::Status(status),
        },
        _ => Failure::Rejected { status, body },
    }
}

/// The body's `retry-after` (fractional seconds) wins over the header's (whole seconds).
fn retry_after(header: Option<&str>, body: Option<&ErrorBody>) -> f64 {
    body.and_then(|b| b.retry_after)
        .or_else(|| header.and_then(|h| h.trim().parse::<f64>().ok()))
        .filter(|secs| secs.is_finite() && *secs >= 0.0)
        .unwrap_or(DEFAULT_RATE_LIMIT_SECS)
}
