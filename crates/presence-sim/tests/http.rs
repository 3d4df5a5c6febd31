//! The server as a client sees it: auth, shapes, errors, faults, stats.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use base64::Engine;
use http_body_util::BodyExt;
use presence_model::{parse_error_body, parse_presence, parse_users, ErrorCode};
use presence_sim::{router, Clock, Deployment, Format, ServerIdentity, SimConfig};
use tower::ServiceExt;

const EMAIL: &str = "bot@zulip.example";
const KEY: &str = "0123456789abcdef0123456789abcdef";

fn config(users: usize, format: Format) -> SimConfig {
    SimConfig {
        users,
        seed: 1,
        format,
        fixture: None,
        email: EMAIL.into(),
        api_key: KEY.into(),
        avatar_base: "http://sim.test".into(),
        server: ServerIdentity::default(),
        deployment: Deployment::default(),
        member_account: false,
    }
}

/// A clock the test moves by hand.
fn manual_clock(start: u64) -> (Clock, Arc<AtomicU64>) {
    let now = Arc::new(AtomicU64::new(start));
    let read = now.clone();
    (
        Arc::new(move || read.load(Ordering::SeqCst) as f64 + 0.25),
        now,
    )
}

fn app(config: SimConfig) -> Router {
    router(config, manual_clock(1_800_000_000).0)
}

fn basic(email: &str, key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{email}:{key}"))
    )
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

async fn send(app: &Router, method: &str, path: &str, auth: Option<String>, body: &str) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(auth) = auth {
        request = request.header(header::AUTHORIZATION, auth);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, path: &str) -> Answer {
    send(app, "GET", path, Some(basic(EMAIL, KEY)), "").await
}

#[tokio::test]
async fn presence_lists_every_user_in_zulips_shape() {
    let app = app(config(1000, Format::Modern));
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    let parsed = parse_presence(&answer.body).unwrap();
    assert_eq!(parsed.value.presences.len(), 1000);
    assert_eq!(parsed.value.server_timestamp, 1_800_000_000.25);
    assert!(parsed.warnings.is_empty());
    let raw: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(
        (raw["result"].as_str(), raw["msg"].as_str()),
        (Some("success"), Some(""))
    );
}

#[tokio::test]
async fn no_credentials_is_zulips_401() {
    let app = app(config(5, Format::Modern));
    for path in ["/api/v1/realm/presence", "/api/v1/users"] {
        let answer = send(&app, "GET", path, None, "").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            answer.headers[header::WWW_AUTHENTICATE],
            "Basic realm=\"zulip\""
        );
        let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"result": "error", "code": "UNAUTHORIZED",
                "msg": "Not logged in: API authentication or user session required"})
        );
    }
}

#[tokio::test]
async fn a_wrong_key_or_email_is_invalid_api_key() {
    let app = app(config(5, Format::Modern));
    for auth in [basic(EMAIL, "wrong"), basic("someone@else", KEY)] {
        let answer = send(&app, "GET", "/api/v1/realm/presence", Some(auth), "").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        let body = parse_error_body(&answer.body).unwrap();
        assert_eq!(
            (body.code(), body.msg.as_str()),
            (ErrorCode::InvalidApiKey, "Invalid API key")
        );
    }
    let garbled = send(
        &app,
        "GET",
        "/api/v1/realm/presence",
        Some("Basic !!!".into()),
        "",
    )
    .await;
    assert_eq!(
        parse_error_body(&garbled.body).unwrap().code(),
        ErrorCode::Unauthorized
    );
}

#[tokio::test]
async fn other_paths_are_404_in_zulips_error_shape() {
    let app = app(config(5, Format::Modern));
    let answer = get(&app, "/api/v1/messages").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        parse_error_body(&answer.body).unwrap().code(),
        ErrorCode::BadRequest
    );
}

#[tokio::test]
async fn users_name_everyone_in_presence() {
    let app = app(config(50, Format::Legacy));
    let users = parse_users(&get(&app, "/api/v1/users?client_gravatar=false").await.body).unwrap();
    let presence = parse_presence(&get(&app, "/api/v1/realm/presence").await.body)
        .unwrap()
        .value;
    for email in presence.presences.keys() {
        let member = users
            .members
            .iter()
            .find(|m| &m.email == email)
            .expect("named");
        assert!(!member.is_bot);
        let avatar = member.avatar_url.as_deref().unwrap();
        assert!(avatar.starts_with("/user_avatars/2/"), "{avatar}");
        let path = avatar.split('?').next().unwrap();
        let svg = send(&app, "GET", path, None, "").await;
        assert_eq!(svg.headers[header::CONTENT_TYPE], "image/svg+xml");
    }
    assert!(users.members.iter().any(|m| m.is_bot && m.email == EMAIL));
}

#[tokio::test]
async fn time_moves_the_answer() {
    let (clock, now) = manual_clock(1_800_000_000);
    let app = router(config(200, Format::Modern), clock);
    let first = parse_presence(&get(&app, "/api/v1/realm/presence").await.body)
        .unwrap()
        .value;
    now.fetch_add(1800, Ordering::SeqCst);
    let later = parse_presence(&get(&app, "/api/v1/realm/presence").await.body)
        .unwrap()
        .value;
    assert_eq!(later.server_timestamp - first.server_timestamp, 1800.0);
    assert_ne!(first.presences, later.presences);
}

#[tokio::test]
async fn a_fixture_is_served_verbatim() {
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/realm-presence.get.200.example.json"
    ))
    .unwrap();
    let mut cfg = config(5, Format::Modern);
    cfg.fixture = Some(fixture.clone());
    let app = app(cfg);
    assert_eq!(get(&app, "/api/v1/realm/presence").await.body, fixture);
    let users = parse_users(&get(&app, "/api/v1/users").await.body).unwrap();
    assert!(users.members.iter().any(|m| m.email == "iago@zulip.com"));
}

async fn fault(app: &Router, json: &str) {
    let answer = send(app, "POST", "/_sim/fault", None, json).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
}

#[tokio::test]
async fn rate_limit_fault_answers_429_for_the_next_n_then_recovers() {
    let app = app(config(5, Format::Modern));
    fault(&app, r#"{"kind":"rate_limit","retry_after":2.5,"count":2}"#).await;
    for _ in 0..2 {
        let answer = get(&app, "/api/v1/realm/presence").await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(answer.headers[header::RETRY_AFTER], "3");
        let body = parse_error_body(&answer.body).unwrap();
        assert_eq!(
            (body.code(), body.retry_after),
            (ErrorCode::RateLimitHit, Some(2.5))
        );
    }
    assert_eq!(
        get(&app, "/api/v1/realm/presence").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn failure_faults_look_like_what_they_imitate() {
    let app = app(config(5, Format::Modern));
    fault(&app, r#"{"kind":"server_error"}"#).await;
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(parse_error_body(&answer.body).is_some());

    fault(&app, r#"{"kind":"bad_gateway"}"#).await;
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert!(String::from_utf8_lossy(&answer.body).contains("<title>502 Bad Gateway</title>"));

    fault(&app, r#"{"kind":"malformed"}"#).await;
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.status, StatusCode::OK);
    match parse_presence(&answer.body) {
        Err(presence_model::PresenceError::Malformed(e)) => {
            assert_eq!(e.field(), Some("timestamp"));
            assert!(e.user().is_some());
        }
        other => panic!("{other:?}"),
    }

    fault(&app, r#"{"kind":"unauthorized"}"#).await;
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.headers[header::WWW_AUTHENTICATE],
        "Basic realm=\"zulip\""
    );
    assert_eq!(
        parse_error_body(&answer.body).unwrap().code(),
        ErrorCode::InvalidApiKey
    );

    fault(&app, r#"{"kind":"truncated"}"#).await;
    match parse_presence(&get(&app, "/api/v1/realm/presence").await.body) {
        Err(presence_model::PresenceError::Malformed(e)) => {
            assert_eq!(e.kind, presence_model::protocol::ParseErrorKind::Truncated)
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn slow_fault_delays_the_answer() {
    let app = app(config(5, Format::Modern));
    fault(&app, r#"{"kind":"slow","delay_ms":5000}"#).await;
    let started = tokio::time::Instant::now();
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(5000));
}

#[tokio::test]
async fn bad_fault_requests_are_refused_and_faults_can_be_cleared() {
    let app = app(config(5, Format::Modern));
    let answer = send(&app, "POST", "/_sim/fault", None, r#"{"kind":"meteor"}"#).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    fault(&app, r#"{"kind":"server_error","count":5}"#).await;
    assert_eq!(
        send(&app, "DELETE", "/_sim/fault", None, "").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&app, "/api/v1/realm/presence").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn stats_count_requests_per_path() {
    let app = app(config(5, Format::Modern));
    for _ in 0..3 {
        get(&app, "/api/v1/realm/presence").await;
    }
    get(&app, "/api/v1/users").await;
    fault(&app, r#"{"kind":"server_error","count":2}"#).await;
    get(&app, "/api/v1/realm/presence").await;
    let stats: serde_json::Value =
        serde_json::from_slice(&get(&app, "/_sim/stats").await.body).unwrap();
    assert_eq!(stats["requests"]["/api/v1/realm/presence"], 4);
    assert_eq!(stats["requests"]["/api/v1/users"], 1);
    assert_eq!(stats["faults_served"], 1);
    assert_eq!(stats["methods"]["GET"], 6);
    assert_eq!(stats["methods"]["POST"], 1);
    assert_eq!(stats["with_cookie"], 0);
    assert_eq!(stats["faults_pending"], 1);
}

/// `zerver/views/auth.py` (`api_get_server_settings`): no authentication at all, and the
/// version and feature level clients check before anything else.
#[tokio::test]
async fn server_settings_need_no_credentials_and_say_the_version() {
    let app = app(config(5, Format::Modern));
    let answer = send(&app, "GET", "/api/v1/server_settings", None, "").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
    let settings: presence_sim::responses::ServerSettings =
        serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(settings.result, "success");
    assert_eq!(
        (
            settings.zulip_version.as_str(),
            settings.zulip_feature_level
        ),
        ("8.4", 237)
    );
    assert_eq!(settings.authentication_methods.get("password"), Some(&true));
    let raw: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    for field in [
        "zulip_merge_base",
        "push_notifications_enabled",
        "is_incompatible",
        "realm_uri",
    ] {
        assert!(raw.get(field).is_some(), "Zulip sends {field}");
    }
}

#[tokio::test]
async fn server_settings_say_the_version_the_simulator_was_given() {
    let mut config = config(5, Format::Modern);
    config.server = ServerIdentity {
        version: "6.2".into(),
        feature_level: 157,
    };
    let answer = send(&app(config), "GET", "/api/v1/server_settings", None, "").await;
    let settings: presence_sim::responses::ServerSettings =
        serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(settings.zulip_feature_level, 157);
    assert_eq!(settings.zulip_version, "6.2");
}

fn self_hosted(users: usize) -> Router {
    let mut config = config(users, Format::Legacy);
    config.deployment = Deployment::self_hosted();
    app(config)
}

async fn members(app: &Router) -> Vec<presence_model::Member> {
    let answer = get(app, "/api/v1/users").await;
    presence_model::parse_users(&answer.body).unwrap().members
}

async fn presence_keys(app: &Router) -> Vec<String> {
    let answer = get(app, "/api/v1/realm/presence").await;
    parse_presence(&answer.body)
        .unwrap()
        .value
        .presences
        .into_keys()
        .collect()
}

/// Zulip's three avatar forms (`zerver/lib/avatar.py`, `zerver/lib/upload/local.py`):
/// uploaded and default are server-relative and served to anyone; Gravatar is absolute.
#[tokio::test]
async fn a_self_hosted_server_sends_avatars_in_zulips_three_forms() {
    let app = self_hosted(30);
    let urls: Vec<String> = members(&app)
        .await
        .into_iter()
        .filter(|m| !m.is_bot)
        .filter_map(|m| m.avatar_url)
        .collect();
    let uploaded: Vec<&String> = urls
        .iter()
        .filter(|u| u.starts_with("/user_avatars/2/"))
        .collect();
    let default = urls
        .iter()
        .filter(|u| u.as_str() == "/static/images/default-avatar.png?version=1")
        .count();
    let gravatar = urls
        .iter()
        .filter(|u| u.starts_with("https://secure.gravatar.com/avatar/"))
        .count();
    assert!(
        !uploaded.is_empty() && default > 0 && gravatar > 0,
        "{urls:?}"
    );
    assert_eq!(uploaded.len() + default + gravatar, urls.len());
    for url in [uploaded[0].as_str(), "/static/images/default-avatar.png"] {
        let path = url.split('?').next().unwrap();
        let answer = send(&app, "GET", path, None, "").await;
        assert_eq!(answer.status, StatusCode::OK, "{path} without credentials");
        assert_eq!(answer.headers[header::CONTENT_TYPE], "image/svg+xml");
    }
    let unknown = send(&app, "GET", "/user_avatars/2/0000000a00.png", None, "").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// What /users and realm presence hold on a real server: bots and deactivated members in
/// /users only (realm presence has active humans, `zerver/lib/presence.py`), guests with
/// `role` 600, members with no presence in the window, and presence for accounts /users
/// does not list.
#[tokio::test]
async fn a_self_hosted_server_lists_every_kind_of_member() {
    let app = self_hosted(40);
    let members = members(&app).await;
    let keys = presence_keys(&app).await;
    let in_presence = |email: &str| keys.iter().any(|k| k == email);
    let bots: Vec<_> = members.iter().filter(|m| m.is_bot).collect();
    assert_eq!(bots.len(), 3, "two bots and the proxy's own");
    assert!(bots.iter().all(|b| !in_presence(&b.email)));
    let deactivated: Vec<_> = members.iter().filter(|m| !m.is_active).collect();
    assert!(!deactivated.is_empty());
    assert!(deactivated.iter().all(|m| !in_presence(&m.email)));
    let guests: Vec<_> = members.iter().filter(|m| m.guest()).collect();
    assert!(!guests.is_empty());
    assert!(guests.iter().all(|g| g.is_guest && g.role == Some(600)));
    let quiet = members
        .iter()
        .filter(|m| m.listed() && !in_presence(&m.email))
        .count();
    assert!(quiet > 0, "active members with no presence");
    let strangers: Vec<_> = keys
        .iter()
        .filter(|k| members.iter().all(|m| &m.email != *k))
        .collect();
    assert_eq!(strangers.len(), 2, "{strangers:?}");
    assert_eq!(
        members.iter().filter(|m| m.role == Some(100)).count(),
        1,
        "an owner"
    );
}

/// With restricted email visibility, Zulip gives everyone a dummy API email,
/// `user<id>@<host>`, the same in /users and as presence keys.
#[tokio::test]
async fn dummy_emails_are_the_same_in_users_and_presence() {
    let mut config = config(20, Format::Modern);
    config.deployment.dummy_emails = true;
    let app = app(config);
    let members = members(&app).await;
    let humans: Vec<_> = members.iter().filter(|m| !m.is_bot).collect();
    assert!(humans
        .iter()
        .all(|m| m.email == format!("user{}@zulip.example", m.user_id)));
    let keys = presence_keys(&app).await;
    assert!(keys.iter().all(|k| humans.iter().any(|m| &m.email == k)));
}

/// Zulip's deactivation errors (`zerver/lib/exceptions.py`): 401, their own code and words.
#[tokio::test]
async fn deactivation_faults_answer_with_zulips_codes() {
    let app = app(config(5, Format::Modern));
    for (kind, code, msg) in [
        (
            "realm_deactivated",
            ErrorCode::RealmDeactivated,
            "This organization has been deactivated",
        ),
        (
            "user_deactivated",
            ErrorCode::UserDeactivated,
            "Account is deactivated",
        ),
    ] {
        fault(&app, &format!(r#"{{"kind":"{kind}"}}"#)).await;
        let answer = get(&app, "/api/v1/realm/presence").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{kind}");
        let body = parse_error_body(&answer.body).unwrap();
        assert_eq!((body.code(), body.msg.as_str()), (code, msg));
    }
}

#[tokio::test]
async fn a_rate_limit_can_say_retry_after_as_a_fraction() {
    let app = app(config(5, Format::Modern));
    fault(
        &app,
        r#"{"kind":"rate_limit","retry_after":2.5,"fractional_header":true}"#,
    )
    .await;
    let answer = get(&app, "/api/v1/realm/presence").await;
    assert_eq!(answer.headers[header::RETRY_AFTER], "2.5");
}

/// The widget's own classifier reads an answer of a team endpoint.
fn team_answer(
    stage: presence_model::domain::TeamStage,
    kind: presence_model::protocol::TeamKind,
    key: &str,
    answer: &Answer,
) -> Result<presence_model::domain::TeamAnswer, presence_model::Failure> {
    let team = presence_model::domain::Team::parse(kind, key).unwrap();
    presence_model::domain::classify_team(
        stage,
        &team,
        presence_model::Answer {
            status: answer.status.as_u16(),
            retry_after: None,
            body: &answer.body,
        },
    )
}

#[tokio::test]
async fn user_groups_refuse_a_bot_as_zulip_does() {
    use presence_model::domain::TeamStage;
    use presence_model::protocol::TeamKind;
    let app = app(config(40, Format::Modern));
    let answer = get(&app, "/api/v1/user_groups").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let failure = team_answer(TeamStage::Groups, TeamKind::Group, "design", &answer).unwrap_err();
    assert!(failure
        .to_string()
        .contains("This endpoint does not accept bot requests."));
    // No key at all is still Zulip's 401 first.
    let anonymous = send(&app, "GET", "/api/v1/user_groups", None, "").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn from_zulip_12_user_groups_answer_a_bot() {
    let mut config = config(40, Format::Modern);
    config.server.feature_level = 496;
    let app = app(config);
    let answer = get(&app, "/api/v1/user_groups").await;
    assert_eq!(answer.status, StatusCode::OK);
    let groups: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert!(!groups["user_groups"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_member_account_reads_groups_with_nested_subgroups() {
    use presence_model::domain::{TeamAnswer, TeamStage};
    use presence_model::protocol::TeamKind;
    let mut config = config(40, Format::Modern);
    config.member_account = true;
    let app = app(config);
    let answer = get(&app, "/api/v1/user_groups").await;
    assert_eq!(answer.status, StatusCode::OK);
    let Ok(TeamAnswer::Groups(groups)) =
        team_answer(TeamStage::Groups, TeamKind::Group, "x", &answer)
    else {
        panic!("groups");
    };
    let members = |name: &str| {
        presence_model::domain::Team::parse(TeamKind::Group, name)
            .unwrap()
            .group_members(&groups)
            .unwrap()
    };
    let (engineering, backend) = (members("engineering"), members("backend"));
    assert!(
        backend.iter().all(|id| engineering.contains(id)),
        "subgroup members included"
    );
    assert!(engineering.len() > backend.len() && !backend.is_empty());
    // The member account is listed in /users as a human.
    let users: serde_json::Value =
        serde_json::from_slice(&get(&app, "/api/v1/users").await.body).unwrap();
    let me = users["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == EMAIL)
        .unwrap();
    assert_eq!(me["is_bot"], false);
}

#[tokio::test]
async fn channels_answer_by_name_and_id_and_refuse_unknown_ones() {
    use presence_model::domain::{TeamAnswer, TeamStage};
    use presence_model::protocol::TeamKind;
    let app = app(config(40, Format::Modern));
    let id = get(&app, "/api/v1/get_stream_id?stream=design").await;
    assert_eq!(
        team_answer(TeamStage::ChannelId, TeamKind::Channel, "design", &id),
        Ok(TeamAnswer::ChannelId(16))
    );
    let members = get(&app, "/api/v1/streams/16/members").await;
    let Ok(TeamAnswer::Subscribers(ids)) =
        team_answer(TeamStage::Subscribers, TeamKind::Channel, "16", &members)
    else {
        panic!("subscribers");
    };
    assert!(!ids.is_empty() && ids.len() < 40);
    let unknown = get(&app, "/api/v1/get_stream_id?stream=nonexistent").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let failure = team_answer(
        TeamStage::ChannelId,
        TeamKind::Channel,
        "nonexistent",
        &unknown,
    )
    .unwrap_err();
    assert_eq!(failure.cause(), "config");
    let body: serde_json::Value = serde_json::from_slice(&unknown.body).unwrap();
    assert_eq!(body["msg"], "Invalid channel name 'nonexistent'");
    let no_id = get(&app, "/api/v1/streams/999/members").await;
    assert_eq!(no_id.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn members_carry_their_time_zones() {
    let app = app(config(40, Format::Modern));
    let users: serde_json::Value =
        serde_json::from_slice(&get(&app, "/api/v1/users").await.body).unwrap();
    let zones: Vec<&str> = users["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["timezone"].as_str().unwrap_or(""))
        .collect();
    assert!(zones.contains(&"Asia/Tokyo") && zones.contains(&""));
}
