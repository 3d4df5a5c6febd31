//! When someone was last active, in the units Zulip's buddy list words it in: numbers,
//! not words (the words layer says them in the viewer's language).

use crate::domain::status::{PresenceTimes, Status};

/// "Last active", as Zulip's web app words it in the buddy list tooltip
/// (`web/src/timerender.ts`, `last_seen_status_from_date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastActive {
    /// "Active now".
    Now,
    /// "Idle".
    Idle,
    /// "Active 5 minutes ago" (under an hour; Zulip says "1 minutes" too).
    MinutesAgo(u32),
    /// "Active an hour ago", "Active 3 hours ago" (under a day).
    HoursAgo(u32),
    /// "Active yesterday" (the previous calendar day, a day or more ago).
    Yesterday,
    /// "Active 4 days ago" (under 90 calendar days).
    DaysAgo(u32),
    /// "Active Mar 4, 2026", or "Active Mar 4" from 91 to 364 days ago in the same year.
    On {
        /// Year.
        year: i32,
        /// 1-12.
        month: u8,
        /// 1-31.
        day: u8,
        /// Whether the words name the year.
        with_year: bool,
    },
    /// No timestamp in the answer's two weeks: "Not active in the last 2 weeks" (Zulip's
    /// web app, which loads a year of presence, says "in the last year").
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
        let (today, then) = (
            (now + offset).div_euclid(DAY),
            (seen + offset).div_euclid(DAY),
        );
        let days_old = today - then;
        match days_old {
            ..=1 => LastActive::Yesterday,
            2..=89 => LastActive::DaysAgo(clamp_u32(days_old)),
            _ => {
                let (year, month, day) = civil_from_days(then);
                // Zulip leaves the year out only strictly between 90 and 365 days, and
                // only within the current year: day 90 itself names it.
                let same_year = civil_from_days(today).0 == year;
                LastActive::On {
                    year,
                    month,
                    day,
                    with_year: !(days_old > 90 && days_old < 365 && same_year),
                }
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
