//! Every sentence the roster says, made in one place from the word tables in
//! [`crate::i18n`]: "last active", the banner, failures, counts, announcements, the lines
//! about who is not listed, and compact counts.
//!
//! The data types carry numbers, not strings, so a translation can word them its own way
//! and tests can assert on values.

use std::fmt;

use crate::classify::{DownCause, Failure};
use crate::config::ConfigError;
use crate::i18n::{english, fill, Locale, TimeUnit};
use crate::live::LiveState;
use crate::roster::{ChangeTally, Counts, StatusChange};
use crate::status::{PresenceTimes, Status};
use crate::wire::ErrorCode;

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

impl LastActive {
    /// The words, in the language of `locale`.
    pub fn describe(&self, locale: Locale<'_>) -> String {
        let (w, f) = (locale.words, locale.formats);
        let n = |template: &str, n: u32| fill(template, &[("n", &n.to_string())]);
        match *self {
            LastActive::Now => w.active_now.to_owned(),
            LastActive::Idle => w.status(Status::Idle).to_owned(),
            LastActive::MinutesAgo(m) => n(w.active_minutes_ago, m),
            LastActive::HoursAgo(1) => w.active_an_hour_ago.to_owned(),
            LastActive::HoursAgo(h) => n(w.active_hours_ago, h),
            LastActive::Yesterday => w.active_yesterday.to_owned(),
            LastActive::DaysAgo(d) => n(w.active_days_ago, d),
            LastActive::On {
                year,
                month,
                day,
                with_year,
            } => fill(
                w.active_on,
                &[("date", &f.date(year, month, day, with_year))],
            ),
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

/// What an empty answer means, in Zulip's terms (English).
pub const EMPTY_MESSAGE: &str = crate::i18n::EN.empty;

impl LiveState {
    /// The banner text at local time `now_ms`: why the roster is empty, stale or missing.
    /// `None` when there is nothing to say (loading, ready).
    pub fn banner(&self, now_ms: f64) -> Option<String> {
        self.banner_in(now_ms, english())
    }

    /// [`LiveState::banner`] in the language of `locale`.
    pub fn banner_in(&self, now_ms: f64, locale: Locale<'_>) -> Option<String> {
        let w = locale.words;
        let retry_in = |retry_at_ms: f64| ((retry_at_ms - now_ms) / 1000.0).ceil().max(0.0) as u64;
        match self {
            LiveState::Loading | LiveState::Ready(_) => None,
            LiveState::Empty(_) => Some(w.empty.to_owned()),
            LiveState::Stale {
                last,
                failure,
                retry_at_ms,
            } => {
                let ago = updated_ago_in((now_ms - last.received_at_ms) / 1000.0, locale);
                let failure = failure.describe(locale);
                Some(match self.failure() {
                    Some(Failure::RateLimited { .. }) => fill(
                        w.stale_rate_limited,
                        &[
                            ("ago", &ago),
                            ("n", &retry_in(*retry_at_ms).to_string()),
                            ("failure", &failure),
                        ],
                    ),
                    _ => fill(w.stale, &[("ago", &ago), ("failure", &failure)]),
                })
            }
            LiveState::Failed {
                failure,
                retry_at_ms,
            } => Some(fill(
                w.failed,
                &[
                    ("failure", &failure.describe(locale)),
                    ("n", &retry_in(*retry_at_ms).to_string()),
                ],
            )),
        }
    }
}

/// "just now", "1 minute ago", "3 minutes ago", "2 hours ago": how long ago the roster
/// was updated, in English.
pub fn updated_ago(secs: f64) -> String {
    updated_ago_in(secs, english())
}

/// [`updated_ago`] in the language of `locale`.
pub fn updated_ago_in(secs: f64, locale: Locale<'_>) -> String {
    let secs = secs.max(0.0) as u64;
    let n = |x: u64| u32::try_from(x).unwrap_or(u32::MAX);
    match secs {
        0..=59 => locale.words.just_now.to_owned(),
        60..=3599 => locale.formats.ago(n(secs / 60), TimeUnit::Minute),
        _ => locale.formats.ago(n(secs / 3600), TimeUnit::Hour),
    }
}

impl Failure {
    /// The message, in the language of `locale`.
    pub fn describe(&self, locale: Locale<'_>) -> String {
        let w = locale.words;
        match self {
            Failure::WrongUrl {
                status,
                not_json: true,
            } => fill(w.wrong_url_page, &[("status", &status.to_string())]),
            Failure::WrongUrl { status, .. } => {
                fill(w.wrong_url_status, &[("status", &status.to_string())])
            }
            Failure::Refused { code, msg, status } => {
                let mut text = w.refused.to_owned();
                match code {
                    Some(ErrorCode::UserDeactivated) => text.push_str(w.refused_user_deactivated),
                    Some(ErrorCode::RealmDeactivated) => text.push_str(w.refused_realm_deactivated),
                    _ => {}
                }
                match (code, msg.is_empty()) {
                    (Some(code), false) => text.push_str(&format!(" ({}: {msg}).", code.as_str())),
                    (Some(code), true) => text.push_str(&format!(" ({}).", code.as_str())),
                    (None, _) => text.push_str(&format!(" (HTTP {status}).")),
                }
                text
            }
            Failure::RateLimited { .. } => w.rate_limited.to_owned(),
            Failure::Down {
                cause: DownCause::Status(status),
            } => fill(w.down_status, &[("status", &status.to_string())]),
            Failure::Down {
                cause: DownCause::Network,
            } => w.down_network.to_owned(),
            Failure::Down {
                cause: DownCause::Timeout(secs),
            } => fill(w.down_timeout, &[("n", &secs.to_string())]),
            Failure::Rejected { status, body } => fill(
                w.rejected,
                &[
                    ("status", &status.to_string()),
                    ("code", body.code().as_str()),
                    ("msg", &body.msg),
                ],
            ),
            Failure::Malformed(err) => fill(w.malformed, &[("error", &err.to_string())]),
            Failure::TooLarge => fill(
                w.too_large,
                &[("n", &(crate::classify::MAX_ANSWER_BYTES >> 20).to_string())],
            ),
            Failure::NoSuchTeam { kind, key, .. } => fill(
                match kind {
                    crate::team::TeamKind::Group => w.no_such_group,
                    crate::team::TeamKind::Channel => w.no_such_channel,
                },
                &[("name", key)],
            ),
            Failure::GroupsRefused { msg } => fill(w.groups_refused, &[("msg", msg)]),
            Failure::TeamsHidden => w.teams_hidden.to_owned(),
            Failure::PrivacyFailed { .. } => w.privacy_failed.to_owned(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.describe(english()))
    }
}

impl Counts {
    /// "12 active · 3 idle · 80 offline", compact from 1,000 ("1.2K").
    pub fn summary(&self) -> String {
        self.summary_in(crate::i18n::english())
    }

    /// [`Counts::summary`] in the language of `locale`.
    pub fn summary_in(&self, locale: crate::i18n::Locale<'_>) -> String {
        let f = locale.formats;
        crate::i18n::fill(
            locale.words.counts,
            &[
                ("active", &f.compact(self.active)),
                ("idle", &f.compact(self.idle)),
                ("offline", &f.compact(self.offline)),
            ],
        )
    }
}

/// "2 people came online, 1 person went offline.": what a screen reader hears, at most
/// every 30 seconds, about the changes since it last heard. `None` when nothing is worth
/// saying.
pub fn announcement(changes: &[StatusChange], locale: crate::i18n::Locale<'_>) -> Option<String> {
    let mut tally = ChangeTally::default();
    tally.add(changes);
    tally.announcement(locale)
}

impl ChangeTally {
    /// The words for what was counted (see [`announcement`]).
    pub fn announcement(&self, locale: crate::i18n::Locale<'_>) -> Option<String> {
        let w = locale.words;
        let parts: Vec<String> = [
            (self.online, &w.came_online),
            (self.idle, &w.went_idle),
            (self.offline, &w.went_offline),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, forms)| locale.plural(forms, n))
        .collect();
        if parts.is_empty() {
            return None;
        }
        Some(format!("{}.", parts.join(", ")))
    }
}

/// "80 offline people not shown; search to find them." (`search_hint`: the search box is
/// there and would find them) or "80 offline people not shown.".
pub fn hidden_offline(n: usize, search_hint: bool, locale: Locale<'_>) -> String {
    let w = locale.words;
    let template = if search_hint {
        w.hidden_offline_search
    } else {
        w.hidden_offline
    };
    fill(template, &[("n", &locale.formats.compact(n))])
}

/// "12 more not listed." (`max-rows`).
pub fn not_listed(n: usize, locale: Locale<'_>) -> String {
    fill(locale.words.cut, &[("n", &locale.formats.compact(n))])
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.value {
            Some(value) => write!(
                f,
                "The setting {} = {value:?} is not valid: expected {}.",
                self.option, self.expected
            ),
            None if self.option == "proxy" => write!(
                f,
                "The setting {} is missing: expected {}.",
                self.option, self.expected
            ),
            None => write!(
                f,
                "Unknown option {:?}: expected {}.",
                self.option, self.expected
            ),
        }
    }
}
