//! Properties: parse ∘ serialize is the identity; status never improves with age; a
//! broken payload's error names the same place `serde_path_to_error` would.

use std::collections::BTreeMap;

use presence_model::{
    parse_presence, ClientName, ClientPresence, PresenceError, PresenceTimes, Privacy,
    RealmPresence, ReportedStatus, UserPresence,
};
use proptest::prelude::*;

fn status() -> impl Strategy<Value = ReportedStatus> {
    prop_oneof![
        Just(ReportedStatus::Active),
        Just(ReportedStatus::Idle),
        Just(ReportedStatus::Offline),
        "[a-z]{1,8}".prop_map(|s| match s.as_str() {
            "active" | "idle" | "offline" => ReportedStatus::Idle,
            _ => ReportedStatus::Other(s),
        }),
    ]
}

fn entry() -> impl Strategy<Value = ClientPresence> {
    (
        proptest::option::of("[A-Za-z]{1,12}"),
        status(),
        0i64..2_000_000_000,
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(client, status, timestamp, pushable)| ClientPresence {
            client: client.as_deref().map(ClientName::new),
            status,
            timestamp,
            pushable,
        })
}

fn user() -> impl Strategy<Value = UserPresence> {
    (
        proptest::collection::btree_map(
            prop_oneof![
                Just("aggregated".to_owned()),
                Just("website".to_owned()),
                "Zulip[A-Za-z]{0,8}"
            ],
            entry(),
            0..4,
        ),
        proptest::option::of(0i64..2_000_000_000),
        proptest::option::of(0i64..2_000_000_000),
    )
        .prop_map(|(entries, active_timestamp, idle_timestamp)| UserPresence {
            entries: entries
                .into_iter()
                .map(|(name, entry)| (ClientName::new(&name), entry))
                .collect(),
            active_timestamp,
            idle_timestamp,
        })
}

fn realm() -> impl Strategy<Value = RealmPresence> {
    (
        proptest::collection::btree_map("\\PC{1,20}", user(), 0..6),
        0.0f64..4e9,
        proptest::option::of(proptest::collection::vec("[a-z_]{1,10}", 0..3)),
    )
        .prop_map(
            |(presences, server_timestamp, ignored): (BTreeMap<_, _>, _, _)| RealmPresence {
                result: "success".into(),
                msg: String::new(),
                server_timestamp,
                presences,
                ignored_parameters_unsupported: ignored,
                zulip_roster_privacy: Privacy::Full,
            },
        )
}

/// Every object member in `value`, as the path of keys to it.
fn members(value: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let serde_json::Value::Object(map) = value {
        for (key, child) in map {
            at.push(key.clone());
            out.push(at.clone());
            members(child, at, out);
            at.pop();
        }
    }
}

/// `value` with the member at `path` removed (`kind` 0) or replaced by a value of another
/// type.
fn break_member(value: &mut serde_json::Value, path: &[String], kind: u8) {
    let (last, parents) = path.split_last().unwrap();
    let mut object = value;
    for key in parents {
        object = object.get_mut(key).unwrap();
    }
    let map = object.as_object_mut().unwrap();
    match kind {
        0 => {
            map.remove(last);
        }
        1 => {
            map.insert(last.clone(), serde_json::json!("x"));
        }
        2 => {
            map.insert(last.clone(), serde_json::json!(-1.5));
        }
        _ => {
            map.insert(last.clone(), serde_json::json!([{}]));
        }
    }
}

proptest! {
    #[test]
    fn a_broken_member_is_located_as_serde_path_to_error_would(
        realm in realm(),
        pick in any::<proptest::sample::Index>(),
        kind in 0u8..4,
        pretty in any::<bool>(),
    ) {
        let mut value = serde_json::to_value(&realm).unwrap();
        let mut all = Vec::new();
        members(&value, &mut Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        break_member(&mut value, &path, kind);
        let bytes = if pretty {
            serde_json::to_vec_pretty(&value).unwrap()
        } else {
            serde_json::to_vec(&value).unwrap()
        };
        let reference = serde_path_to_error::deserialize::<_, RealmPresence>(
            &mut serde_json::Deserializer::from_slice(&bytes),
        );
        match (parse_presence(&bytes), reference) {
            (Err(PresenceError::Malformed(ours)), Err(theirs)) => {
                let expected: Vec<String> = theirs
                    .path()
                    .iter()
                    .filter_map(|segment| match segment {
                        serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                        serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                        serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                        serde_path_to_error::Segment::Unknown => None,
                    })
                    .collect();
                prop_assert_eq!(ours.path, expected, "{}", String::from_utf8_lossy(&bytes));
            }
            (Ok(_), Ok(_)) | (Err(PresenceError::Zulip(_)), _) => {}
            (ours, theirs) => prop_assert!(false, "ours {:?}, reference {:?}", ours.err(), theirs.err()),
        }
    }

    #[test]
    fn parse_of_serialize_is_identity(realm in realm()) {
        let bytes = serde_json::to_vec(&realm).unwrap();
        let parsed = parse_presence(&bytes).unwrap();
        prop_assert_eq!(parsed.value, realm);
    }

    #[test]
    fn status_never_improves_as_age_grows(
        active in 0i64..10_000, idle in 0i64..10_000,
        now in 0.0f64..20_000.0, later in 0.0f64..20_000.0,
        threshold in 1u32..1000,
    ) {
        let times = PresenceTimes { active, idle };
        let (a, b) = if now <= later { (now, later) } else { (later, now) };
        prop_assert!(times.status(a, threshold) <= times.status(b, threshold));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_presence(&bytes);
    }
}

/// Times as a browser hands them over: mostly moving on, sometimes equal or earlier
/// (fake clocks in tests, a clock set back, answers that overtook a tick).
fn when() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => 1.7e12f64..1.7e12 + 3.6e6,
        1 => Just(0.0),
        1 => -1e9f64..1e15,
    ]
}

fn failure() -> impl Strategy<Value = presence_model::Failure> {
    use presence_model::protocol::DownCause;
    use presence_model::Failure;
    prop_oneof![
        (400u16..600, any::<bool>())
            .prop_map(|(status, not_json)| Failure::WrongUrl { status, not_json }),
        (400u16..500).prop_map(|status| Failure::Refused {
            status,
            code: None,
            msg: "no".into()
        }),
        prop_oneof![Just(-1.0), Just(0.0), 0.0f64..1e7, Just(f64::MAX)]
            .prop_map(|retry_after_secs| Failure::RateLimited { retry_after_secs }),
        (500u16..600).prop_map(|s| Failure::Down {
            cause: DownCause::Status(s)
        }),
        Just(Failure::Down {
            cause: DownCause::Network
        }),
        any::<u32>().prop_map(|s| Failure::Down {
            cause: DownCause::Timeout(s)
        }),
        Just(Failure::TooLarge),
    ]
}

fn options() -> impl Strategy<Value = Vec<(&'static str, String)>> {
    proptest::collection::vec(
        prop_oneof![
            (0u32..100_000).prop_map(|n| ("refresh", n.to_string())),
            (0u32..100_000).prop_map(|n| ("offline-threshold", n.to_string())),
            (0u32..1000).prop_map(|n| ("timeout", n.to_string())),
            (0u32..100).prop_map(|n| ("max", n.to_string())),
            prop_oneof![Just("off"), Just("on")].prop_map(|v| ("names", v.to_owned())),
            prop_oneof![Just("all"), Just("recent"), Just("none")]
                .prop_map(|v| ("show-offline", v.to_owned())),
            prop_oneof![Just("true"), Just("false")].prop_map(|v| ("compact", v.to_owned())),
        ],
        0..4,
    )
}

fn event() -> impl Strategy<Value = presence_model::state::Event> {
    use presence_model::state::Event;
    use presence_model::{Config, Directory, Member};
    prop_oneof![
        options().prop_map(|pairs| Event::Options(Config::from_pairs(
            pairs.iter().map(|(k, v)| (*k, v.as_str())),
            Some("/api/v1")
        ))),
        (realm(), when(), 0.0f64..1.0).prop_map(|(realm, now_ms, jitter)| Event::Presence {
            outcome: Ok(realm),
            now_ms,
            jitter
        }),
        (failure(), when(), 0.0f64..1.0).prop_map(|(failure, now_ms, jitter)| Event::Presence {
            outcome: Err(failure),
            now_ms,
            jitter
        }),
        (
            proptest::collection::vec(("\\PC{1,12}", "\\PC{0,12}"), 0..6),
            when()
        )
            .prop_map(|(people, now_ms)| Event::Names {
                directory: Directory::new(
                    people
                        .iter()
                        .enumerate()
                        .map(|(i, (email, name))| Member::human(i as i64 + 10, email, name, None))
                ),
                now_ms
            }),
        when().prop_map(|now_ms| Event::Tick { now_ms }),
        (proptest::option::of(any::<u32>()), when()).prop_map(|(feature_level, now_ms)| {
            Event::Server {
                feature_level,
                realm_url: None,
                now_ms,
            }
        }),
        Just(Event::Refresh),
        when().prop_map(|now_ms| Event::Locale { now_ms }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the browser sends, in whatever order and at whatever times, the mounted
    /// widget's reducer answers: a panic there would leave the widget's state borrowed
    /// for good and every later tick failing.
    #[test]
    fn the_live_roster_takes_any_event_sequence(
        events in proptest::collection::vec(event(), 1..40)
    ) {
        use presence_model::state::{Widget, PollRequest};
        let mut roster = Widget::default();
        for event in events {
            let effects = roster.update(event, presence_model::words::english(), &presence_model::default_ranking);
            if let Some(PollRequest::InMs(ms)) = effects.poll() {
                prop_assert!(ms >= 0.0, "poll in {ms} ms");
            }
            let _ = roster.live().state().banner_in(1.7e12, presence_model::words::english());
        }
    }
}

proptest! {
    /// Ageing skips the ticks before anyone's next status change, and that is exact:
    /// after any ticks (forward, repeated, backward, or with another threshold) everyone's
    /// status and place are what a roster built at that moment says, and the changes it
    /// reports are exactly who moved (with up to 60 people, both re-listing paths run).
    #[test]
    fn ageing_between_status_changes_is_exact(
        people in proptest::collection::vec((0i64..700, 0i64..700, any::<bool>()), 1..60),
        answer_age in 0.0f64..300.0,
        steps in proptest::collection::vec((-100.0f64..200.0, prop_oneof![6 => Just(140u32), 1 => 1u32..400]), 1..40),
    ) {
        use presence_model::Roster;
        // Timestamps around the answer's, so statuses change while the clock moves.
        let start = 1.8e9;
        let mut realm = RealmPresence {
            result: "success".into(),
            msg: String::new(),
            server_timestamp: start - answer_age,
            presences: BTreeMap::new(),
            ignored_parameters_unsupported: None,
            zulip_roster_privacy: Privacy::Full,
        };
        for (i, (active_age, idle_age, legacy)) in people.into_iter().enumerate() {
            let entry = |status, age: i64| ClientPresence { client: None, status, timestamp: 1_800_000_000 - age, pushable: None };
            let mut entries = BTreeMap::new();
            entries.insert(ClientName::new(if legacy { "ZulipDesktop" } else { "website" }), entry(ReportedStatus::Active, active_age));
            entries.insert(ClientName::new("ZulipMobile"), entry(ReportedStatus::Idle, idle_age));
            realm.presences.insert(format!("p{i}@x"), UserPresence { entries: entries.into_iter().collect(), active_timestamp: None, idle_timestamp: None });
        }
        let listed = |roster: &Roster| -> Vec<_> { roster.people().map(|p| (p.email.clone(), p.status)).collect() };
        let mut aged = Roster::build(&realm, None, start, 140, |a, b| a.cmp(b));
        let mut now = start;
        for (step, threshold) in steps {
            now += step;
            let before = listed(&aged);
            let changes = aged.reage_changes(now, threshold);
            let fresh = Roster::build(&realm, None, now, threshold, |a, b| a.cmp(b));
            prop_assert_eq!(listed(&aged), listed(&fresh), "at {} with {} s", now, threshold);
            prop_assert_eq!(aged.counts(), fresh.counts());
            // Who changed, in the old order, from what to what.
            let status_now: BTreeMap<_, _> = listed(&fresh).into_iter().collect();
            let expected: Vec<_> = before
                .into_iter()
                .filter(|(email, was)| status_now[email] != *was)
                .map(|(email, was)| (email.clone(), Some(was), status_now[&email]))
                .collect();
            let got: Vec<_> = changes.into_iter().map(|c| (c.email, c.from, c.to)).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
