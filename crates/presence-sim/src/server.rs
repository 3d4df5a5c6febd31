//! The HTTP side: Zulip's auth and error shapes, the two read endpoints, faults on demand.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use presence_model::{ErrorBody, ErrorCode, UsersResponse};
use serde::Serialize;

use crate::avatars::{avatar, default_avatar, uploaded_avatar};
use crate::faults::{
    clear_fault, malformed, set_fault, take_fault, FaultKind, FaultRequest, NGINX_502,
};
use crate::org::{Format, Org};

/// A source of Unix time in seconds, injectable so tests control the clock.
pub type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

/// The wall clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    })
}

/// Everything the server needs to know.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// People in the organization.
    pub users: usize,
    /// Seed for names, clients and churn.
    pub seed: u64,
    /// Realm presence shape.
    pub format: Format,
    /// A fixed presence body to serve instead of the simulation.
    pub fixture: Option<Vec<u8>>,
    /// The Basic-auth user (a bot's API email).
    pub email: String,
    /// The Basic-auth password (the bot's API key).
    pub api_key: String,
    /// Where avatar URLs point (this server's own base URL as the browser reaches it).
    pub avatar_base: String,
    /// What `GET /server_settings` says the server is: its version and API feature level.
    pub server: ServerIdentity,
    /// Which of a real deployment's variants it sends (avatars, kinds of members, emails).
    pub deployment: crate::Deployment,
    /// The account behind `email` is a member, not a bot: Zulip serves user groups only
    /// to members and administrators.
    pub member_account: bool,
}

/// The version a simulated server claims to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerIdentity {
    /// `zulip_version`.
    pub version: String,
    /// `zulip_feature_level`.
    pub feature_level: u32,
}

impl Default for ServerIdentity {
    /// Zulip 8.4 (feature level 237 is 8.0's, and 8.x kept it): the 70-second active/idle
    /// rule the simulated clients follow is 8.0's.
    fn default() -> Self {
        ServerIdentity {
            version: "8.4".to_owned(),
            feature_level: 237,
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct Stats {
    /// Requests per path.
    pub(crate) requests: BTreeMap<String, u64>,
    /// Requests per method.
    pub(crate) methods: BTreeMap<String, u64>,
    /// Requests that carried a `Cookie` header (a proxy should strip them).
    pub(crate) with_cookie: u64,
    /// Requests outside `/api/` (avatars) that carried an `Authorization` header.
    pub(crate) public_with_authorization: u64,
    pub(crate) faults_served: u64,
    pub(crate) faults_pending: u32,
}

pub(crate) struct AppState {
    pub(crate) config: SimConfig,
    pub(crate) org: Mutex<Org>,
    pub(crate) clock: Clock,
    pub(crate) fault: Mutex<Option<FaultRequest>>,
    pub(crate) stats: Mutex<Stats>,
}

/// Locks a mutex; a panic elsewhere while holding it poisons nothing worth refusing.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The simulator's routes, with the simulation starting at `clock()`.
pub fn router(config: SimConfig, clock: Clock) -> Router {
    let start = clock().floor() as i64;
    let state = Arc::new(AppState {
        org: Mutex::new(Org::deployed(
            config.users,
            config.seed,
            start,
            config.deployment,
        )),
        config,
        clock,
        fault: Mutex::new(None),
        stats: Mutex::new(Stats::default()),
    });
    Router::new()
        .route("/api/v1/server_settings", get(server_settings))
        .route("/api/v1/realm/presence", get(realm_presence))
        .route("/api/v1/users", get(users))
        .route("/api/v1/user_groups", get(user_groups))
        .route("/api/v1/get_stream_id", get(get_stream_id))
        .route("/api/v1/streams/{id}/members", get(stream_members))
        .route("/avatar/{file}", get(avatar))
        .route("/user_avatars/{realm}/{file}", get(uploaded_avatar))
        .route("/static/images/default-avatar.png", get(default_avatar))
        .route("/_sim/fault", post(set_fault).delete(clear_fault))
        .route("/_sim/stats", get(stats))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), count_request))
        .with_state(state)
}

async fn count_request(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let method = request.method().as_str().to_owned();
    let cookie = request.headers().contains_key(header::COOKIE);
    let authorization = request.headers().contains_key(header::AUTHORIZATION);
    {
        let mut stats = lock(&state.stats);
        stats.public_with_authorization += u64::from(authorization && !path.starts_with("/api/"));
        *stats.requests.entry(path).or_default() += 1;
        *stats.methods.entry(method).or_default() += 1;
        stats.with_cookie += u64::from(cookie);
    }
    next.run(request).await
}

pub(crate) fn json_error(status: StatusCode, body: ErrorBody) -> Response {
    (status, Json(body)).into_response()
}

fn unauthorized(msg: &str) -> Response {
    let mut response = json_error(
        StatusCode::UNAUTHORIZED,
        ErrorBody::new(ErrorCode::Unauthorized, msg),
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"zulip\""),
    );
    response
}

/// Zulip's credential checks, in Zulip's order and words: the refusal, if any.
fn auth_refusal(config: &SimConfig, headers: &HeaderMap) -> Option<Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Some(unauthorized(
            "Not logged in: API authentication or user session required",
        ));
    };
    let decoded = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b64| {
            base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .ok()
        })
        .and_then(|raw| String::from_utf8(raw).ok());
    let Some((email, key)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
        return Some(unauthorized("Invalid authorization header for basic auth"));
    };
    if key != config.api_key || !email.eq_ignore_ascii_case(&config.email) {
        return Some(json_error(
            StatusCode::UNAUTHORIZED,
            ErrorBody::new(ErrorCode::InvalidApiKey, "Invalid API key"),
        ));
    }
    None
}

pub(crate) fn json_bytes(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Answers an authenticated `/api/` request, applying a pending fault to it.
async fn answer(state: &AppState, headers: &HeaderMap, body: impl FnOnce() -> Vec<u8>) -> Response {
    let fault = take_fault(state);
    match fault {
        Some(FaultKind::RateLimit {
            retry_after,
            fractional_header,
        }) => {
            let mut error =
                ErrorBody::new(ErrorCode::RateLimitHit, "API usage exceeded rate limit");
            error.retry_after = Some(retry_after);
            let mut response = json_error(StatusCode::TOO_MANY_REQUESTS, error);
            let header_value = if fractional_header {
                HeaderValue::from_str(&retry_after.to_string()).ok()
            } else {
                Some(HeaderValue::from(retry_after.ceil().max(0.0) as u64))
            };
            if let Some(value) = header_value {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return response;
        }
        Some(FaultKind::RealmDeactivated) => {
            return json_error(
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(
                    ErrorCode::RealmDeactivated,
                    "This organization has been deactivated",
                ),
            )
        }
        Some(FaultKind::UserDeactivated) => {
            return json_error(
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::UserDeactivated, "Account is deactivated"),
            )
        }
        Some(FaultKind::ServerError) => {
            return json_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorBody::new(ErrorCode::BadRequest, "Internal server error"),
            )
        }
        Some(FaultKind::BadGateway) => {
            return (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                NGINX_502,
            )
                .into_response()
        }
        Some(FaultKind::Unauthorized) => {
            let mut response = json_error(
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::InvalidApiKey, "Invalid API key"),
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"zulip\""),
            );
            return response;
        }
        Some(FaultKind::Slow { delay_ms }) => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await
        }
        Some(FaultKind::Malformed | FaultKind::Truncated) | None => {}
    }
    if let Some(refused) = auth_refusal(&state.config, headers) {
        return refused;
    }
    let bytes = body();
    match fault {
        Some(FaultKind::Malformed) => json_bytes(malformed(&bytes)),
        Some(FaultKind::Truncated) => json_bytes(bytes[..bytes.len() / 2].to_vec()),
        _ => json_bytes(bytes),
    }
}

/// Unauthenticated, as in Zulip (`zerver/views/auth.py`, `api_get_server_settings`):
/// clients read it before logging in, Zulip's Python client at construction.
async fn server_settings(State(state): State<Arc<AppState>>) -> Response {
    let server = &state.config.server;
    let body = crate::responses::ServerSettings {
        result: "success".to_owned(),
        msg: String::new(),
        zulip_version: server.version.clone(),
        zulip_merge_base: Some(server.version.clone()),
        zulip_feature_level: server.feature_level,
        is_incompatible: false,
        push_notifications_enabled: false,
        email_auth_enabled: true,
        require_email_format_usernames: true,
        authentication_methods: [("password", true), ("dev", false)]
            .into_iter()
            .map(|(name, on)| (name.to_owned(), on))
            .collect(),
        realm_uri: Some(state.config.avatar_base.clone()),
        // Zulip 9.0 (feature level 257) added `realm_url` beside `realm_uri`.
        realm_url: (server.feature_level >= 257).then(|| state.config.avatar_base.clone()),
        realm_name: Some("Simulated Zulip".to_owned()),
    };
    Json(body).into_response()
}

async fn realm_presence(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    answer(&state, &headers, || {
        if let Some(fixture) = &state.config.fixture {
            return fixture.clone();
        }
        let now = (state.clock)();
        let presence = {
            let mut org = lock(&state.org);
            org.advance_to(now.floor() as i64);
            org.presence(state.config.format, now)
        };
        serde_json::to_vec(&presence).unwrap_or_default()
    })
    .await
}

async fn users(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    answer(&state, &headers, || {
        let members = match &state.config.fixture {
            Some(fixture) => fixture_members(fixture),
            None => lock(&state.org).members(&state.config.avatar_base),
        };
        let body = users_answer(members, &state.config.email, state.config.member_account);
        serde_json::to_vec(&body).unwrap_or_default()
    })
    .await
}

/// A 400 `BAD_REQUEST` with Zulip's message.
fn bad_request(msg: &str) -> Response {
    json_error(
        StatusCode::BAD_REQUEST,
        ErrorBody::new(ErrorCode::BadRequest, msg),
    )
}

/// Zulip's `require_member_or_admin` (`zerver/decorator.py`): bots are refused, before
/// Zulip 12.0 (feature level 496; from then on bots may read groups, guests still not).
async fn user_groups(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let bots_may_read =
        state.config.server.feature_level >= presence_model::domain::BOTS_READ_GROUPS_FEATURE_LEVEL;
    if auth_refusal(&state.config, &headers).is_none()
        && !state.config.member_account
        && !bots_may_read
    {
        return bad_request("This endpoint does not accept bot requests.");
    }
    answer(&state, &headers, || {
        let groups = crate::teams::user_groups(&lock(&state.org));
        let body = crate::responses::UserGroupsResponse {
            result: "success".to_owned(),
            msg: String::new(),
            user_groups: groups,
        };
        serde_json::to_vec(&body).unwrap_or_default()
    })
    .await
}

/// `GET /get_stream_id?stream=NAME` (`access_stream_by_name`: "Invalid channel name").
async fn get_stream_id(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let name = query.get("stream").cloned().unwrap_or_default();
    let found = crate::teams::channels(&lock(&state.org))
        .into_iter()
        .find(|c| c.name == name);
    match found {
        Some(channel) if auth_refusal(&state.config, &headers).is_none() => {
            answer(&state, &headers, || {
                let body = crate::responses::StreamIdResponse {
                    result: "success".to_owned(),
                    msg: String::new(),
                    stream_id: channel.id,
                };
                serde_json::to_vec(&body).unwrap_or_default()
            })
            .await
        }
        None if auth_refusal(&state.config, &headers).is_none() => {
            bad_request(&format!("Invalid channel name '{name}'"))
        }
        _ => answer(&state, &headers, Vec::new).await,
    }
}

/// `GET /streams/{id}/members` ("Invalid channel ID" for one it does not have).
async fn stream_members(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let found = id.parse::<i64>().ok().and_then(|id| {
        crate::teams::channels(&lock(&state.org))
            .into_iter()
            .find(|c| c.id == id)
    });
    match found {
        _ if auth_refusal(&state.config, &headers).is_some() => {
            answer(&state, &headers, Vec::new).await
        }
        Some(channel) => {
            answer(&state, &headers, || {
                let body = crate::responses::SubscribersResponse {
                    result: "success".to_owned(),
                    msg: String::new(),
                    subscribers: channel.subscribers,
                };
                serde_json::to_vec(&body).unwrap_or_default()
            })
            .await
        }
        None => bad_request("Invalid channel ID"),
    }
}

/// The `/users` answer for `members`: Zulip lists the account whose key asks, too (a
/// bot, or with `member_account` a member).
pub fn users_answer(
    mut members: Vec<presence_model::Member>,
    account_email: &str,
    member_account: bool,
) -> UsersResponse {
    members.push(presence_model::Member {
        user_id: 1,
        email: account_email.to_owned(),
        full_name: if member_account {
            "Roster Reader"
        } else {
            "Roster Bot"
        }
        .to_owned(),
        avatar_url: None,
        is_bot: !member_account,
        is_active: true,
        is_guest: false,
        role: None,
        timezone: String::new(),
    });
    UsersResponse {
        result: "success".to_owned(),
        msg: String::new(),
        members,
    }
}

/// Names for a served fixture's people, so it still shows names rather than emails.
fn fixture_members(fixture: &[u8]) -> Vec<presence_model::Member> {
    let emails = presence_model::parse_presence(fixture)
        .map(|p| p.value.presences.into_keys().collect::<Vec<_>>())
        .unwrap_or_default();
    emails
        .into_iter()
        .enumerate()
        .map(|(i, email)| presence_model::Member {
            user_id: i as i64 + 10,
            email,
            full_name: crate::names::full_name(i),
            avatar_url: None,
            is_bot: false,
            is_active: true,
            is_guest: false,
            role: None,
            timezone: String::new(),
        })
        .collect()
}

async fn stats(State(state): State<Arc<AppState>>) -> Response {
    let pending = lock(&state.fault).as_ref().map_or(0, |f| f.count);
    let mut stats = lock(&state.stats);
    stats.faults_pending = pending;
    Json(&*stats).into_response()
}

pub(crate) async fn not_found() -> Response {
    json_error(
        StatusCode::NOT_FOUND,
        ErrorBody::new(ErrorCode::BadRequest, "Not Found"),
    )
}
