//! Zulip's error body, and the codes the widget tells apart.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// Zulip's error body: `{"result":"error","msg":…,"code":…}`, plus `retry-after` on 429.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Always `"error"`.
    pub result: String,
    /// Human-readable and translated: show it, never branch on it.
    #[serde(default)]
    pub msg: String,
    /// Machine-readable cause; servers before 2.1 omitted it (then it means `BAD_REQUEST`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Seconds to wait, on `RATE_LIMIT_HIT`: a number, or a string holding one (both
    /// are seen behind proxies); anything else is as if absent, so a rate limit with an
    /// odd `retry-after` is still a rate limit.
    #[serde(
        rename = "retry-after",
        default,
        deserialize_with = "seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_after: Option<f64>,
}

fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    struct SecondsVisitor;

    impl Visitor<'_> for SecondsVisitor {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("seconds")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<f64>, E> {
            Ok(Some(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<f64>, E> {
            Ok(Some(v as f64))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<f64>, E> {
            Ok(Some(v as f64))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<f64>, E> {
            Ok(v.trim().parse().ok())
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<f64>, E> {
            Ok(None)
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<f64>, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(SecondsVisitor)
}

impl ErrorBody {
    /// A body with the given code and message.
    pub fn new(code: ErrorCode, msg: impl Into<String>) -> Self {
        ErrorBody {
            result: "error".to_owned(),
            msg: msg.into(),
            code: Some(code.as_str().to_owned()),
            retry_after: None,
        }
    }

    /// The `code`, classified.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::from_wire(self.code.as_deref().unwrap_or("BAD_REQUEST"))
    }
}

/// The error codes a presence client has to tell apart (Zulip's `ErrorCode`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// 401, no credentials at all.
    Unauthorized,
    /// 401, wrong or malformed key.
    InvalidApiKey,
    /// 401 (403 before 5.0), the account is deactivated.
    UserDeactivated,
    /// 401 (403 before 5.0), the organization is deactivated.
    RealmDeactivated,
    /// 429, with `retry-after`.
    RateLimitHit,
    /// 400, the catch-all.
    BadRequest,
    /// A code this client does not know.
    Other(String),
}

impl ErrorCode {
    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::Unauthorized => "UNAUTHORIZED",
            ErrorCode::InvalidApiKey => "INVALID_API_KEY",
            ErrorCode::UserDeactivated => "USER_DEACTIVATED",
            ErrorCode::RealmDeactivated => "REALM_DEACTIVATED",
            ErrorCode::RateLimitHit => "RATE_LIMIT_HIT",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::Other(s) => s,
        }
    }

    /// Classifies a wire string.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "UNAUTHORIZED" => ErrorCode::Unauthorized,
            "INVALID_API_KEY" => ErrorCode::InvalidApiKey,
            "USER_DEACTIVATED" => ErrorCode::UserDeactivated,
            "REALM_DEACTIVATED" => ErrorCode::RealmDeactivated,
            "RATE_LIMIT_HIT" => ErrorCode::RateLimitHit,
            "BAD_REQUEST" => ErrorCode::BadRequest,
            other => ErrorCode::Other(other.to_owned()),
        }
    }
}
