//! Active / idle / offline, derived the way Zulip's web app derives them.
//!
//! The status is never read from a `status` string: it is a pure function of when the
//! user was last active, when last connected, the server's "now" and the threshold. Being
//! pure, it is re-run as time passes, so people go idle and offline between polls.

use crate::protocol::{ReportedStatus, UserPresence};

/// Zulip's offline threshold before feature level 164 (Zulip 7.0), seconds: what the
/// widget uses when it cannot learn the server's version.
pub const DEFAULT_OFFLINE_THRESHOLD_SECS: u32 = 140;
/// The threshold of servers from feature level 164 on (`OFFLINE_THRESHOLD_SECS = 200` in
/// `zproject/default_settings.py`, announced as `server_presence_offline_threshold_seconds`).
pub const MODERN_OFFLINE_THRESHOLD_SECS: u32 = 200;
/// The feature level from which servers use [`MODERN_OFFLINE_THRESHOLD_SECS`].
pub const MODERN_THRESHOLD_FEATURE_LEVEL: u32 = 164;

/// The offline threshold of a server at `feature_level` (from `GET /server_settings`);
/// `None` when it could not be read.
pub fn offline_threshold_for(feature_level: Option<u32>) -> u32 {
    match feature_level {
        Some(level) if level >= MODERN_THRESHOLD_FEATURE_LEVEL => MODERN_OFFLINE_THRESHOLD_SECS,
        _ => DEFAULT_OFFLINE_THRESHOLD_SECS,
    }
}

/// What the roster shows. The order is the roster's sort order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Active within the threshold.
    Active,
    /// Connected within the threshold, not active.
    Idle,
    /// Neither.
    Offline,
}

impl Status {
    /// `active`, `idle` or `offline`: the value of the `data-status` hook.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Idle => "idle",
            Status::Offline => "offline",
        }
    }
}

/// The two timestamps Zulip's status rule needs; 0 means "never".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct PresenceTimes {
    /// Newest timestamp of an `active` report.
    pub active: i64,
    /// Newest timestamp of a report that shows a connection without activity.
    pub idle: i64,
}

impl PresenceTimes {
    /// Folds every entry of a user, `"aggregated"` included, keeping the newest timestamp
    /// of each kind.
    ///
    /// On 7.0+ data `website` and `aggregated` are the same entry, so this is exactly
    /// "take aggregated". On older data it is what Zulip's web app did with per-client
    /// entries: a user active on their phone and idle on the desktop is active. It also
    /// covers a missing `"aggregated"`. `offline` reports add nothing; statuses we do not
    /// know count as a connection without activity.
    pub fn of(user: &UserPresence) -> Self {
        let mut times = PresenceTimes {
            active: user.active_timestamp.unwrap_or(0),
            idle: user.idle_timestamp.unwrap_or(0),
        };
        for entry in user.entries.values() {
            match entry.status {
                ReportedStatus::Active => times.active = times.active.max(entry.timestamp),
                ReportedStatus::Offline => {}
                ReportedStatus::Idle | ReportedStatus::Other(_) => {
                    times.idle = times.idle.max(entry.timestamp)
                }
            }
        }
        times
    }

    /// Zulip's rule: active if the active timestamp is younger than the threshold, else
    /// idle if the idle one is, else offline. Ages are `now - ts` with `now` on the
    /// server's clock; the comparison is strict.
    pub fn status(&self, now: f64, threshold_secs: u32) -> Status {
        let threshold = f64::from(threshold_secs);
        let age = |ts: i64| now - ts as f64;
        if age(self.active) < threshold {
            Status::Active
        } else if age(self.idle) < threshold {
            Status::Idle
        } else {
            Status::Offline
        }
    }

    /// The moment "last active" speaks of: the active timestamp for an active user, the
    /// newest timestamp otherwise; 0 when there is none.
    pub fn last_seen(&self, status: Status) -> i64 {
        match status {
            Status::Active => self.active,
            Status::Idle | Status::Offline => self.active.max(self.idle),
        }
    }
}
