//! How long to wait after a failure before asking again.

use crate::protocol::Failure;
use crate::state::intervals::{MAX_BACKOFF_SECS, NAMES_REFRESH_MS};

/// Seconds to wait before retrying after the `failures`-th failure in a row.
///
/// Never sooner than the configured refresh (a failing proxy is not polled harder than
/// a working one) and never later than five minutes, or than the refresh when that is
/// longer. Within that: the refresh doubled per failure and stretched by up to half
/// again at random, so the viewers of one page do not all retry in the same second. A
/// rate limit waits what Zulip asked (within the same bounds) plus up to a second.
/// `jitter` is a uniform draw from `[0, 1)`, passed in so tests are deterministic.
pub fn retry_delay_secs(failure: &Failure, failures: u32, refresh_secs: u32, jitter: f64) -> f64 {
    let jitter = jitter.clamp(0.0, 1.0);
    let floor = f64::from(refresh_secs.max(1));
    let ceiling = floor.max(MAX_BACKOFF_SECS);
    let delay = match failure {
        // A team the server does not have (or will not show) is a setting to fix, not a
        // blip: it is asked about again when names are next refreshed.
        Failure::NoSuchTeam { .. } | Failure::GroupsRefused { .. } | Failure::TeamsHidden => {
            return (f64::from(NAMES_REFRESH_MS) / 1000.0).max(floor)
        }
        Failure::RateLimited { retry_after_secs } => retry_after_secs.max(floor) + jitter,
        _ => {
            let exponent = failures.saturating_sub(1).min(16);
            floor * f64::from(1u32 << exponent) * (1.0 + 0.5 * jitter)
        }
    };
    delay.clamp(floor, ceiling)
}
