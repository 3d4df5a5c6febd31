//! Every realm-presence and error body in `tests/fixtures/` parses, and means what Zulip
//! documents it to mean.

use std::path::PathBuf;

use presence_model::{parse_error_body, parse_presence, ErrorCode, PresenceTimes, Status};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture_names() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_presence_fixture_parses() {
    let presence: Vec<String> = fixture_names()
        .into_iter()
        .filter(|n| n.starts_with("realm-presence") || n.starts_with("users-me-presence"))
        .collect();
    assert!(
        presence.len() >= 4,
        "expected the presence fixtures, found {presence:?}"
    );
    for name in presence {
        let parsed = parse_presence(&fixture(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!parsed.value.presences.is_empty(), "{name}: no users");
        assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    }
}

#[test]
fn every_error_fixture_parses_with_its_code() {
    let cases = [
        (
            "error.InvalidApiKeyError.example.json",
            ErrorCode::InvalidApiKey,
            None,
        ),
        (
            "error.RateLimitedError.example.json",
            ErrorCode::RateLimitHit,
            Some(28.706807374954224),
        ),
        (
            "error.RealmDeactivatedError.example.json",
            ErrorCode::RealmDeactivated,
            None,
        ),
        (
            "error.UserDeactivatedError.example.json",
            ErrorCode::UserDeactivated,
            None,
        ),
        (
            "error.get-stream-id.invalid-name.json",
            ErrorCode::BadRequest,
            None,
        ),
        ("error.user-groups.bot.json", ErrorCode::BadRequest, None),
        ("error.user-groups.guest.json", ErrorCode::BadRequest, None),
    ];
    let on_disk = fixture_names()
        .into_iter()
        .filter(|n| n.starts_with("error."))
        .count();
    assert_eq!(on_disk, cases.len(), "a new error fixture needs a row here");
    for (name, code, retry_after) in cases {
        let body = parse_error_body(&fixture(name)).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(body.code(), code, "{name}");
        assert_eq!(body.retry_after, retry_after, "{name}");
        assert!(!body.msg.is_empty(), "{name}");
        // The same bytes given to the presence parser are a Zulip error, not a crash.
        match parse_presence(&fixture(name)) {
            Err(presence_model::PresenceError::Zulip(b)) => assert_eq!(b.code(), code),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn the_api_example_is_one_active_user_on_the_web() {
    let parsed = parse_presence(&fixture("realm-presence.get.200.example.json")).unwrap();
    let iago = &parsed.value.presences["iago@zulip.com"];
    let times = PresenceTimes::of(iago);
    assert_eq!(times.active, 1656958485);
    // 54.6 s after the report, at the server's timestamp: active.
    assert_eq!(
        times.status(parsed.value.server_timestamp, 140),
        Status::Active
    );
    assert_eq!(
        iago.clients().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["website"]
    );
}

#[test]
fn the_modern_format_fixture_uses_its_timestamps() {
    let parsed = parse_presence(&fixture(
        "users-me-presence.post.200.modern-presence-format-example.json",
    ))
    .unwrap();
    let user = &parsed.value.presences["10"];
    assert_eq!(
        PresenceTimes::of(user),
        PresenceTimes {
            active: 1656958520,
            idle: 1656958530
        }
    );
}

#[test]
fn per_user_bodies_are_not_mistaken_for_realm_presence() {
    for name in [
        "users-user_id_or_email-presence.get.200.example.json",
        "users-user_id_or_email-presence.get.200.example.pre-fl487.json",
        "events.presence.legacy-format.example.json",
    ] {
        match parse_presence(&fixture(name)) {
            Err(presence_model::PresenceError::Malformed(e)) => {
                assert_eq!(
                    e.field(),
                    Some(if name.contains("pre-fl487") {
                        "server_timestamp"
                    } else {
                        "presences"
                    }),
                    "{name}: {e}"
                )
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

/// Zulip's own `GET /users` example joined with its realm presence example: the bot is
/// never listed, the two humans (who have no presence in that example) are listed offline,
/// and iago@zulip.com's presence, an account this /users does not list, is skipped
/// (`web/src/buddy_data.ts` `filter_user_ids`).
#[test]
fn zulips_users_example_lists_its_humans_and_skips_its_bot() {
    use presence_model::{default_name_order, parse_users, Directory, LastActive, Roster};
    let users = parse_users(&fixture("users.get.200.example.json")).unwrap();
    assert_eq!(users.members.len(), 3);
    let presence = parse_presence(&fixture("realm-presence.get.200.example.json"))
        .unwrap()
        .value;
    let now = presence.server_timestamp;
    let directory = Directory::new(users.members);
    let roster = Roster::build(&presence, Some(&directory), now, 200, default_name_order);
    let names: Vec<&str> = roster.people().map(|p| p.display_name()).collect();
    assert_eq!(names, ["aaron", "King Hamlet"]);
    for person in roster.people() {
        assert_eq!(person.status, Status::Offline);
        assert_eq!(person.last_active(now, 0), LastActive::NotRecently);
    }
    assert!(roster.get("iago@zulip.com").is_none());
}
