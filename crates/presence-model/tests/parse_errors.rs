//! Bad bodies are errors that say where, never panics; odd-but-valid bodies are warnings.

use presence_model::protocol::{ParseErrorKind, Warning};
use presence_model::{parse_presence, parse_users, PresenceError};

fn malformed(body: &str) -> presence_model::ParseError {
    match parse_presence(body.as_bytes()) {
        Err(PresenceError::Malformed(e)) => e,
        other => panic!("expected malformed, got {other:?}"),
    }
}

const OK_USER: &str = r#""ok@x":{"website":{"client":"website","status":"active","timestamp":1}}"#;

#[test]
fn a_missing_field_names_the_user_and_the_field() {
    let e = malformed(&format!(
        r#"{{"result":"success","msg":"","server_timestamp":5.0,"presences":{{{OK_USER},"iago@zulip.com":{{"website":{{"client":"website","status":"active"}}}}}}}}"#
    ));
    assert_eq!(e.kind, ParseErrorKind::Shape);
    assert_eq!(e.user(), Some("iago@zulip.com"));
    assert_eq!(e.field(), Some("timestamp"));
    let text = e.to_string();
    assert!(
        text.contains("iago@zulip.com") && text.contains("timestamp"),
        "{text}"
    );
}

#[test]
fn a_wrong_type_names_the_user_and_the_field() {
    let e = malformed(
        r#"{"result":"success","msg":"","server_timestamp":5.0,"presences":{"hamlet@zulip.com":{"website":{"client":"website","status":"active","timestamp":"yesterday"}}}}"#,
    );
    assert_eq!(e.user(), Some("hamlet@zulip.com"));
    assert_eq!(e.field(), Some("timestamp"));
    assert!(e.message.contains("invalid type"), "{}", e.message);
    let e = malformed(
        r#"{"result":"success","msg":"","server_timestamp":5.0,"presences":{"hamlet@zulip.com":{"website":{"client":"website","status":7,"timestamp":1}}}}"#,
    );
    assert_eq!(e.field(), Some("status"));
}

#[test]
fn top_level_problems_name_the_field() {
    let e = malformed(r#"{"result":"success","msg":"","server_timestamp":"now","presences":{}}"#);
    assert_eq!((e.user(), e.field()), (None, Some("server_timestamp")));
    let e = malformed(r#"{"result":"success","msg":"","server_timestamp":1.0}"#);
    assert_eq!(e.field(), Some("presences"));
    let e = malformed(r#"{"result":"success","msg":"","server_timestamp":1.0,"presences":[]}"#);
    assert_eq!(e.field(), Some("presences"));
}

#[test]
fn html_and_truncated_bodies_are_classified() {
    let e = malformed("<html><head><title>502 Bad Gateway</title></head></html>");
    assert_eq!(e.kind, ParseErrorKind::Syntax);
    assert_eq!(
        e.to_string().split(':').next(),
        Some("the answer is not JSON")
    );
    let full = format!(
        r#"{{"result":"success","msg":"","server_timestamp":5.0,"presences":{{{OK_USER}}}}}"#
    );
    for cut in [1, full.len() / 2, full.len() - 1] {
        assert_eq!(
            malformed(&full[..cut]).kind,
            ParseErrorKind::Truncated,
            "cut at {cut}"
        );
    }
    assert_eq!(malformed("").kind, ParseErrorKind::Truncated);
}

#[test]
fn unknown_fields_clients_and_statuses_are_tolerated() {
    let body = r#"{"result":"success","msg":"","server_timestamp":5.0,"zulip_version":"99.0",
        "ignored_parameters_unsupported":["slim_presence"],
        "presences":{"u@x":{"ZulipHologram":{"client":"ZulipHologram","status":"dnd","timestamp":1,"pushable":true,"battery":0.5},
                            "aggregated":{"client":"ZulipHologram","status":"dnd","timestamp":1}}}}"#;
    let parsed = parse_presence(body.as_bytes()).unwrap();
    assert_eq!(
        parsed.warnings,
        [
            Warning::UnknownStatus {
                user: "u@x".into(),
                client: "ZulipHologram".into(),
                status: "dnd".into()
            },
            Warning::UnknownStatus {
                user: "u@x".into(),
                client: "aggregated".into(),
                status: "dnd".into()
            },
            Warning::IgnoredParameters(vec!["slim_presence".into()]),
        ]
    );
    assert!(parsed.warnings[0].to_string().contains("counted as idle"));
}

#[test]
fn an_error_body_on_a_200_is_still_an_error() {
    let body = br#"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#;
    match parse_presence(body) {
        Err(PresenceError::Zulip(e)) => assert_eq!(e.code().as_str(), "INVALID_API_KEY"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn users_parse_and_their_errors_name_the_member() {
    let body = br#"{"result":"success","msg":"","members":[
        {"user_id":1,"email":"a@x","full_name":"Ada","avatar_url":null,"is_bot":false,"is_active":true,"timezone":"Europe/Oslo","role":400},
        {"user_id":2,"email":"b@x","full_name":"Bo"}]}"#;
    let users = parse_users(body).unwrap();
    assert_eq!(users.members.len(), 2);
    assert_eq!(users.members[0].avatar_url, None);
    assert!(users.members[1].is_active);
    let e = parse_users(br#"{"result":"success","msg":"","members":[{"user_id":1,"email":"a@x","full_name":"A"},{"user_id":"two","email":"b@x","full_name":"B"}]}"#).unwrap_err();
    assert_eq!(e.path, ["members", "1", "user_id"]);
}
