//! Properties: parse ∘ serialize is the identity; status never improves with age.

use std::collections::BTreeMap;

use presence_model::{
    parse_presence, ClientPresence, PresenceTimes, RealmPresence, ReportedStatus, UserPresence,
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
            client,
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
            entries,
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
            },
        )
}

proptest! {
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
