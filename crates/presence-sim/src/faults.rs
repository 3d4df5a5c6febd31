//! Faults on request (`POST /_sim/fault`): what the next answers do instead of answering
//! well, for the tests of a misbehaving upstream.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use presence_model::{ErrorBody, ErrorCode};
use serde::{Deserialize, Serialize};

use crate::server::{json_error, lock, AppState};

/// A failure the next answers should show.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FaultKind {
    /// 429 `RATE_LIMIT_HIT` with `Retry-After` and `retry-after`.
    RateLimit {
        /// Seconds to wait.
        #[serde(default = "default_retry_after")]
        retry_after: f64,
        /// Send `Retry-After` as the fraction itself ("2.5"), as some servers and
        /// proxies do, instead of whole seconds rounded up.
        #[serde(default)]
        fractional_header: bool,
    },
    /// 500 with Zulip's JSON error body.
    ServerError,
    /// 502 with nginx's HTML page, as a proxy whose upstream is down answers.
    BadGateway,
    /// The normal answer, late.
    Slow {
        /// How late.
        #[serde(default = "default_delay_ms")]
        delay_ms: u64,
    },
    /// A 200 whose first user's entry has no `timestamp`.
    Malformed,
    /// A 200 whose body stops halfway.
    Truncated,
    /// 401 `INVALID_API_KEY` with `WWW-Authenticate`, as when the bot's key is revoked.
    Unauthorized,
    /// 401 `REALM_DEACTIVATED`, "This organization has been deactivated"
    /// (`zerver/lib/exceptions.py` `RealmDeactivatedError`).
    RealmDeactivated,
    /// 401 `USER_DEACTIVATED`, "Account is deactivated": the proxy's bot was deactivated
    /// (`UserDeactivatedError`).
    UserDeactivated,
}

fn default_retry_after() -> f64 {
    2.0
}

fn default_delay_ms() -> u64 {
    3000
}

/// `POST /_sim/fault`: `{"kind":"rate_limit","retry_after":3,"count":2}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FaultRequest {
    /// What to do.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// To how many of the next `/api/` answers.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// Takes one use of the pending fault, if any.
pub(crate) fn take_fault(state: &AppState) -> Option<FaultKind> {
    let mut slot = lock(&state.fault);
    let fault = slot.as_mut()?;
    let kind = fault.kind;
    fault.count -= 1;
    if fault.count == 0 {
        *slot = None;
    }
    lock(&state.stats).faults_served += 1;
    Some(kind)
}

pub(crate) const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// The same answer with the first user's first entry missing its `timestamp`.
pub(crate) fn malformed(bytes: &[u8]) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return bytes.to_vec();
    };
    let first_entry = value
        .get_mut("presences")
        .and_then(|p| p.as_object_mut())
        .and_then(|users| users.values_mut().next())
        .and_then(|user| user.as_object_mut())
        .and_then(|entries| entries.values_mut().next())
        .and_then(|entry| entry.as_object_mut());
    match first_entry {
        Some(entry) => {
            entry.remove("timestamp");
        }
        None => {
            value["server_timestamp"] = serde_json::Value::from("not a number");
        }
    }
    serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec())
}

pub(crate) async fn set_fault(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    match serde_json::from_slice::<FaultRequest>(&body) {
        Ok(fault) if fault.count > 0 => {
            *lock(&state.fault) = Some(fault.clone());
            (StatusCode::OK, Json(fault)).into_response()
        }
        Ok(_) => json_error(
            StatusCode::BAD_REQUEST,
            ErrorBody::new(ErrorCode::BadRequest, "count must be at least 1"),
        ),
        Err(e) => json_error(
            StatusCode::BAD_REQUEST,
            ErrorBody::new(ErrorCode::BadRequest, format!("bad fault: {e}")),
        ),
    }
}

pub(crate) async fn clear_fault(State(state): State<Arc<AppState>>) -> Response {
    *lock(&state.fault) = None;
    StatusCode::NO_CONTENT.into_response()
}
