//! The proxy's privacy setting as the widget reads it: answers of the reference nginx in
//! each mode (`zulip_roster_privacy` beside Zulip's fields), through the reducer the
//! widget runs.

use presence_model::domain::default_ranking;
use presence_model::state::{Event, Widget};
use presence_model::words::{english, EN};
use presence_model::{parse_presence, parse_users, Config, Counts, Directory, Privacy};

const SERVER_T: f64 = 1_800_000_000.0;

/// A realm presence answer as the proxy sends it: (key, status, seconds ago), web app,
/// with `privacy` when it is not full.
fn answer(rows: &[(&str, &str, i64)], privacy: Option<&str>) -> Event {
    let users: serde_json::Map<String, serde_json::Value> = rows
        .iter()
        .map(|(key, status, ago)| {
            let entry = serde_json::json!({"client": "website", "status": status, "timestamp": SERVER_T as i64 - ago});
            (key.to_string(), serde_json::json!({"website": entry, "aggregated": entry}))
        })
        .collect();
    let mut body = serde_json::json!({"result": "success", "msg": "", "server_timestamp": SERVER_T, "presences": users});
    if let Some(privacy) = privacy {
        body["zulip_roster_privacy"] = privacy.into();
    }
    let presence = parse_presence(body.to_string().as_bytes()).unwrap().value;
    Event::Presence {
        outcome: Ok(presence),
        now_ms: 1000.0,
        jitter: 0.0,
    }
}

/// `/users` as the proxy sends it: (email or opaque id, name).
fn names(members: &[(&str, &str)], privacy: Option<&str>) -> Event {
    let members: Vec<_> = members
        .iter()
        .enumerate()
        .map(|(i, (email, name))| serde_json::json!({"user_id": i + 1, "email": email, "full_name": name, "is_bot": false, "is_active": true}))
        .collect();
    let mut body = serde_json::json!({"result": "success", "msg": "", "members": members});
    if let Some(privacy) = privacy {
        body["zulip_roster_privacy"] = privacy.into();
    }
    let users = parse_users(body.to_string().as_bytes()).unwrap();
    Event::Names {
        directory: Directory::new(users.members),
        now_ms: 500.0,
    }
}

fn mounted() -> Widget {
    let mut config = Config::from_pairs([("refresh", "30")], Some("/api/v1")).unwrap();
    config.offline_threshold_secs = Some(140);
    let mut roster = Widget::default();
    step(&mut roster, Event::Options(Ok(config)));
    roster
}

fn step(roster: &mut Widget, event: Event) -> presence_model::state::Effects {
    roster.update(event, english(), &default_ranking)
}

fn shown(roster: &Widget) -> Vec<(String, String)> {
    let snapshot = roster.live().state().snapshot().expect("a roster");
    snapshot
        .roster
        .people()
        .map(|p| (p.email.clone(), p.name.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn counts_only_counts_every_entry_though_the_names_are_empty() {
    let mut roster = mounted();
    // The proxy's /users in counts mode: nobody, marked. Joining it would list no one.
    step(&mut roster, names(&[], Some("counts")));
    let effects = step(
        &mut roster,
        answer(
            &[("0", "active", 400), ("1", "idle", 20), ("2", "active", 10)],
            Some("counts"),
        ),
    );
    let host = effects.host().expect("host attributes");
    assert_eq!(host.privacy, Privacy::Counts);
    assert_eq!(
        host.counts,
        Some(Counts {
            active: 1,
            idle: 1,
            offline: 1
        })
    );
    assert_eq!(roster.privacy(), Privacy::Counts);
}

#[test]
fn counts_only_reports_no_one_by_key_when_the_positions_change_hands() {
    let mut roster = mounted();
    step(
        &mut roster,
        answer(&[("0", "idle", 20), ("1", "active", 10)], Some("counts")),
    );
    // Next poll: the same two, positions swapped: someone's key "0" is not a person.
    let mut later = answer(&[("0", "active", 5), ("1", "idle", 30)], Some("counts"));
    if let Event::Presence { now_ms, .. } = &mut later {
        *now_ms = 31_000.0;
    }
    let effects = step(&mut roster, later);
    if let Some(change) = effects.change() {
        assert!(change.changes.is_empty(), "{:?}", change.changes);
    }
}

#[test]
fn no_emails_joins_names_by_the_opaque_ids() {
    let mut roster = mounted();
    step(
        &mut roster,
        names(
            &[("u1f3a", "Ada Lovelace"), ("u9c2e", "Bo Idle")],
            Some("no-emails"),
        ),
    );
    let effects = step(
        &mut roster,
        answer(
            &[("u1f3a", "active", 10), ("u9c2e", "idle", 20)],
            Some("no-emails"),
        ),
    );
    assert_eq!(effects.host().unwrap().privacy, Privacy::NoEmails);
    assert_eq!(
        shown(&roster),
        [
            ("u1f3a".to_owned(), "Ada Lovelace".to_owned()),
            ("u9c2e".to_owned(), "Bo Idle".to_owned())
        ]
    );
}

#[test]
fn an_answer_without_the_field_is_zulip_as_it_is() {
    let mut roster = mounted();
    let effects = step(&mut roster, answer(&[("a@x", "active", 10)], None));
    assert_eq!(effects.host().unwrap().privacy, Privacy::Full);
    assert_eq!(EN.privacy_note(Privacy::Full), None);
    assert_eq!(
        EN.privacy_note(Privacy::Counts),
        Some("This organization's proxy shows how many people are online, not who.")
    );
}

#[test]
fn an_unknown_setting_is_an_unreadable_answer_not_a_panic() {
    let body = br#"{"result":"success","msg":"","server_timestamp":1,"presences":{},"zulip_roster_privacy":"some"}"#;
    let error = parse_presence(body).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("privacy setting: full, no-emails or counts"),
        "{error}"
    );
}

/// What the reference nginx answers when it could not apply its setting to Zulip's answer.
const PRIVACY_FAILED: &[u8] = br#"{"result":"error","msg":"The proxy could not apply its privacy setting to Zulip's answer (the answer is not a JSON object), so it passed nothing on","code":"PROXY_PRIVACY_FAILED"}"#;

#[test]
fn a_proxy_that_could_not_apply_its_setting_says_so_not_that_the_answer_was_unreadable() {
    let failure = presence_model::classify_presence(presence_model::Answer {
        status: 502,
        retry_after: None,
        body: PRIVACY_FAILED,
    })
    .unwrap_err();
    assert_eq!(failure.cause(), "privacy");
    assert_eq!(failure.zulip_code(), Some("PROXY_PRIVACY_FAILED"));
    assert_eq!(failure.http_status(), Some(502));
    assert_eq!(
        failure.describe(english()),
        "The proxy could not apply its privacy setting to Zulip's answer, so it sent nothing. Its administrator will find why in nginx's error log."
    );
}

#[test]
fn the_earlier_proxys_privacy_failure_with_status_200_is_the_same_failure() {
    let failure = presence_model::classify_users(presence_model::Answer {
        status: 200,
        retry_after: None,
        body: PRIVACY_FAILED,
    })
    .unwrap_err();
    assert_eq!(failure.cause(), "privacy");
}

#[test]
fn counts_mode_counts_a_member_without_presence_as_offline() {
    let mut roster = mounted();
    // The proxy sends one position per person the full roster lists; a member with no
    // presence in two weeks is an empty entry.
    let body = format!(
        r#"{{"result":"success","msg":"","server_timestamp":{SERVER_T},"presences":{{"0":{{}},"1":{{"aggregated":{{"client":"website","status":"active","timestamp":{}}}}}}},"zulip_roster_privacy":"counts"}}"#,
        SERVER_T as i64 - 5
    );
    let presence = parse_presence(body.as_bytes()).unwrap().value;
    let effects = step(
        &mut roster,
        Event::Presence {
            outcome: Ok(presence),
            now_ms: 1000.0,
            jitter: 0.0,
        },
    );
    assert_eq!(
        effects.host().unwrap().counts,
        Some(Counts {
            active: 1,
            idle: 0,
            offline: 1
        })
    );
}
