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

#[test]
fn last_active_table() {
    let table = [
        (150, LastActive::MinutesAgo(2), "Active 2 minutes ago"),
        (
            59 * 60 + 59,
            LastActive::MinutesAgo(59),
            "Active 59 minutes ago",
        ),
        (3600, LastActive::HoursAgo(1), "Active 1 hour ago"),
        (3 * 3600 + 5, LastActive::HoursAgo(3), "Active 3 hours ago"),
        (24 * 3600, LastActive::Yesterday, "Active yesterday"),
        (4 * 86400, LastActive::DaysAgo(4), "Active 4 days ago"),
        (
            100 * 86400,
            LastActive::On {
                year: 2023,
                month: 8,
                day: 6,
            },
            "Active Aug 6, 2023",
        ),
    ];
    for (ago, data, words) in table {
        assert_eq!(offline_since(ago), data, "{ago} s ago");
        assert_eq!(data.to_string(), words);
    }
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
