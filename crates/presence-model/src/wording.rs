//! What the roster says: "last active" as data, its English words, compact counts.
//!
//! The data types carry numbers, not strings, so a translation can word them its own way
//! and tests can assert on values.

use std::fmt;

use crate::i18n::{english, fill, Texts, TimeUnit};
use crate::status::{PresenceTimes, Status};

/// "Last active", as Zulip's web app words it in the buddy list tooltip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastActive {
    /// "Active now".
    Now,
    /// "Idle".
    Idle,
    /// "Active 5 minutes ago" (under an hour).
    MinutesAgo(u32),
    /// "Active an hour ago", "Active 3 hours ago" (under a day).
    HoursAgo(u32),
    /// "Active yesterday" (the previous calendar day, a day or more ago).
    Yesterday,
    /// "Active 4 days ago" (under 90 calendar days).
    DaysAgo(u32),
    /// "Active Mar 4, 2026": longer ago.
    On {
        /// Year.
        year: i32,
        /// 1-12.
        month: u8,
        /// 1-31.
        day: u8,
    },
    /// No timestamp at all: "Not active in the last 2 weeks".
    NotRecently,
}

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

impl LastActive {
    /// Words `times` for a user of `status` at server time `now`. Calendar days are
    /// counted in the viewer's time zone, `utc_offset_secs` east of UTC.
    pub fn of(times: &PresenceTimes, status: Status, now: f64, utc_offset_secs: i32) -> Self {
        match status {
            Status::Active => return LastActive::Now,
            Status::Idle => return LastActive::Idle,
            Status::Offline => {}
        }
        let seen = times.last_seen(status);
        if seen <= 0 {
            return LastActive::NotRecently;
        }
        let now = now.floor() as i64;
        let secs = (now - seen).max(0);
        if secs < HOUR {
            return LastActive::MinutesAgo(clamp_u32(secs / MINUTE));
        }
        if secs < DAY {
            return LastActive::HoursAgo(clamp_u32(secs / HOUR));
        }
        let offset = i64::from(utc_offset_secs);
        let days_old = (now + offset).div_euclid(DAY) - (seen + offset).div_euclid(DAY);
        match days_old {
            ..=1 => LastActive::Yesterday,
            2..=89 => LastActive::DaysAgo(clamp_u32(days_old)),
            _ => {
                let (year, month, day) = civil_from_days((seen + offset).div_euclid(DAY));
                LastActive::On { year, month, day }
            }
        }
    }
}

fn clamp_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl LastActive {
    /// The words, in the language of `texts`.
    pub fn describe(&self, texts: Texts<'_>) -> String {
        let (w, f) = (texts.words, texts.formats);
        let ago =
            |amount: u32, unit: TimeUnit| fill(w.active_ago, &[("ago", &f.ago(amount, unit))]);
        match *self {
            LastActive::Now => w.active_now.to_owned(),
            LastActive::Idle => w.status(Status::Idle).to_owned(),
            LastActive::MinutesAgo(n) => ago(n, TimeUnit::Minute),
            LastActive::HoursAgo(n) => ago(n, TimeUnit::Hour),
            LastActive::Yesterday => ago(1, TimeUnit::Day),
            LastActive::DaysAgo(n) => ago(n, TimeUnit::Day),
            LastActive::On { year, month, day } => {
                fill(w.active_on, &[("date", &f.date(year, month, day))])
            }
            LastActive::NotRecently => w.not_recently.to_owned(),
        }
    }
}

impl fmt::Display for LastActive {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.describe(english()))
    }
}

/// A count as Zulip's buddy list shows it: exact below 1,000, then "1.2K", "12K", "1.5M".
pub fn compact_count(n: usize) -> String {
    fn one_decimal(n: usize, unit: usize, suffix: &str) -> String {
        // Truncate, never round up: 1,999 people are not "2K" people.
        let tenths = n / (unit / 10);
        if tenths >= 100 || tenths.is_multiple_of(10) {
            format!("{}{suffix}", tenths / 10)
        } else {
            format!("{}.{}{suffix}", tenths / 10, tenths % 10)
        }
    }
    match n {
        0..=999 => n.to_string(),
        1_000..=999_999 => one_decimal(n, 1_000, "K"),
        _ => one_decimal(n, 1_000_000, "M"),
    }
}
