//! Zulip's status rule as tables: the threshold boundary, ageing, folding.

use presence_model::{parse_presence, PresenceTimes, Status, DEFAULT_OFFLINE_THRESHOLD_SECS};

const T: u32 = DEFAULT_OFFLINE_THRESHOLD_SECS;

fn times(active: i64, idle: i64) -> PresenceTimes {
    PresenceTimes { active, idle }
}

#[test]
fn threshold_boundary_is_strict() {
    // (active_ts, idle_ts, now, expected)
    let table = [
        (1000, 0, 1000.0, Status::Active),
        (1000, 0, 1139.0, Status::Active),
        (1000, 0, 1139.999, Status::Active),
        (1000, 0, 1140.0, Status::Offline), // age == T is not "< T"
        (1000, 1100, 1140.0, Status::Idle),
        (1000, 1100, 1239.5, Status::Idle),
        (1000, 1100, 1240.0, Status::Offline),
        (0, 0, 1.0, Status::Active), // missing timestamps count as 0: 1 s old at t=1
        (0, 0, 1_700_000_000.0, Status::Offline),
        (2000, 0, 1000.0, Status::Active), // a report from the future (server skew) is fresh
    ];
    for (active, idle, now, expected) in table {
        assert_eq!(
            times(active, idle).status(now, T),
            expected,
            "active={active} idle={idle} now={now}"
        );
    }
}

#[test]
fn a_custom_threshold_moves_the_boundary() {
    let t = times(1000, 0);
    assert_eq!(t.status(1199.0, 200), Status::Active);
    assert_eq!(t.status(1199.0, 140), Status::Offline);
}

#[test]
fn ageing_goes_active_idle_offline_and_never_back() {
    let t = times(1000, 1100);
    let seen: Vec<Status> = (0..400)
        .map(|s| t.status(1000.0 + f64::from(s), T))
        .collect();
    let first_idle = seen.iter().position(|s| *s == Status::Idle).unwrap();
    let first_offline = seen.iter().position(|s| *s == Status::Offline).unwrap();
    assert_eq!((first_idle, first_offline), (140, 240));
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "status improved with age"
    );
}

fn user_times(body: &str) -> PresenceTimes {
    let parsed = parse_presence(body.as_bytes()).unwrap();
    PresenceTimes::of(&parsed.value.presences["u@x"])
}

#[test]
fn pre_7_0_entries_fold_to_the_newest_of_each_kind() {
    let body = r#"{"result":"success","msg":"","server_timestamp":1000.0,"presences":{"u@x":{
        "website":{"client":"website","status":"idle","timestamp":990,"pushable":false},
        "ZulipMobile":{"client":"ZulipMobile","status":"active","timestamp":900,"pushable":true},
        "ZulipElectron":{"client":"ZulipElectron","status":"active","timestamp":950,"pushable":false},
        "aggregated":{"client":"website","status":"idle","timestamp":990}}}}"#;
    assert_eq!(user_times(body), times(950, 990));
    // Active on the desktop 50 s ago beats idle on the web 10 s ago.
    assert_eq!(user_times(body).status(1000.0, T), Status::Active);
}

#[test]
fn missing_aggregated_folds_the_clients() {
    let body = r#"{"result":"success","msg":"","server_timestamp":1000.0,"presences":{"u@x":{
        "ZulipTerminal":{"client":"ZulipTerminal","status":"idle","timestamp":980,"pushable":false}}}}"#;
    assert_eq!(user_times(body), times(0, 980));
    assert_eq!(user_times(body).status(1000.0, T), Status::Idle);
}

#[test]
fn offline_reports_add_nothing_and_unknown_ones_count_as_idle() {
    let body = r#"{"result":"success","msg":"","server_timestamp":1000.0,"presences":{"u@x":{
        "website":{"client":"website","status":"offline","timestamp":999},
        "ZulipFuture":{"client":"ZulipFuture","status":"dnd","timestamp":970}}}}"#;
    assert_eq!(user_times(body), times(0, 970));
}
