//! "Last active" as data and as Zulip's words; compact counts.

use presence_model::{compact_count, LastActive, PresenceTimes, Status};

const NOW: f64 = 1_700_000_000.0; // 2023-11-14 22:13:20 UTC

fn offline_since(secs_ago: i64) -> LastActive {
    let times = PresenceTimes {
        active: NOW as i64 - secs_ago,
        idle: 0,
    };
    LastActive::of(&times, Status::Offline, NOW, 0)
}

/// Zulip's `last_seen_status_from_date` (`web/src/timerender.ts`): whole minutes under an
/// hour ("1 minutes" too), "an hour", whole hours under a day, then calendar days.
#[test]
fn last_active_table() {
    let table = [
        (59, LastActive::MinutesAgo(0), "Active 0 minutes ago"),
        (60, LastActive::MinutesAgo(1), "Active 1 minutes ago"),
        (150, LastActive::MinutesAgo(2), "Active 2 minutes ago"),
        (
            59 * 60 + 59,
            LastActive::MinutesAgo(59),
            "Active 59 minutes ago",
        ),
        (3600, LastActive::HoursAgo(1), "Active an hour ago"),
        (2 * 3600 - 1, LastActive::HoursAgo(1), "Active an hour ago"),
        (3 * 3600 + 5, LastActive::HoursAgo(3), "Active 3 hours ago"),
        (24 * 3600, LastActive::Yesterday, "Active yesterday"),
        (4 * 86400, LastActive::DaysAgo(4), "Active 4 days ago"),
        (89 * 86400, LastActive::DaysAgo(89), "Active 89 days ago"),
    ];
    for (ago, data, words) in table {
        assert_eq!(offline_since(ago), data, "{ago} s ago");
        assert_eq!(data.to_string(), words);
    }
}

/// From 90 days, a date: `dayofyear` ("Aug 6") strictly between 90 and 365 days within
/// the current year, `dayofyear_year` ("Aug 6, 2023") otherwise (`timerender.ts`).
#[test]
fn last_active_dates_name_the_year_as_zulip_does() {
    // NOW is 2023-11-14: 100 days back is 2023-08-06, the same year.
    assert_eq!(offline_since(100 * 86400).to_string(), "Active Aug 6");
    // Exactly 90 days back (2023-08-16): Zulip's `days_old > 90` is false, so the year shows.
    assert_eq!(offline_since(90 * 86400).to_string(), "Active Aug 16, 2023");
    // 320 days back is 2022-12-29: under 365 days, but another year.
    assert_eq!(
        offline_since(320 * 86400).to_string(),
        "Active Dec 29, 2022"
    );
    // 400 days back: over a year.
    assert_eq!(
        offline_since(400 * 86400).to_string(),
        "Active Oct 10, 2022"
    );
}

#[test]
fn active_idle_and_never_seen() {
    let t = PresenceTimes { active: 1, idle: 2 };
    assert_eq!(
        LastActive::of(&t, Status::Active, NOW, 0).to_string(),
        "Active now"
    );
    assert_eq!(LastActive::of(&t, Status::Idle, NOW, 0).to_string(), "Idle");
    let never = PresenceTimes::default();
    assert_eq!(
        LastActive::of(&never, Status::Offline, NOW, 0).to_string(),
        "Not active in the last 2 weeks"
    );
}

#[test]
fn yesterday_is_a_calendar_day_in_the_viewers_zone() {
    // 40 hours before 22:13 UTC is 06:13 the day before: "yesterday" in UTC. In UTC+10
    // it is 16:13 two days before 08:13: calendar days, not multiples of 24 h.
    let times = PresenceTimes {
        active: NOW as i64 - 40 * 3600,
        idle: 0,
    };
    assert_eq!(
        LastActive::of(&times, Status::Offline, NOW, 0),
        LastActive::Yesterday
    );
    assert_eq!(
        LastActive::of(&times, Status::Offline, NOW, 10 * 3600),
        LastActive::DaysAgo(2)
    );
}

#[test]
fn compact_counts() {
    let table = [
        (0, "0"),
        (999, "999"),
        (1000, "1K"),
        (1234, "1.2K"),
        (1999, "1.9K"),
        (12_345, "12K"),
        (999_999, "999K"),
        (1_500_000, "1.5M"),
    ];
    for (n, words) in table {
        assert_eq!(compact_count(n), words, "{n}");
    }
}
