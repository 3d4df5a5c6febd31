//! The banner: why the roster is empty, stale or missing, and how long ago it was updated.

use super::formats::TimeUnit;
use super::locale::{english, fill, Locale};
use crate::domain::phase::Phase;
use crate::protocol::classify::Failure;

/// What an empty answer means, in Zulip's terms (English).
pub const EMPTY_MESSAGE: &str = crate::words::EN.empty;

impl Phase {
    /// The banner text at local time `now_ms`: why the roster is empty, stale or missing.
    /// `None` when there is nothing to say (loading, ready).
    pub fn banner(&self, now_ms: f64) -> Option<String> {
        self.banner_in(now_ms, english())
    }

    /// [`Phase::banner`] in the language of `locale`.
    pub fn banner_in(&self, now_ms: f64, locale: Locale<'_>) -> Option<String> {
        let w = locale.words;
        let retry_in = |retry_at_ms: f64| ((retry_at_ms - now_ms) / 1000.0).ceil().max(0.0) as u64;
        match self {
            Phase::Loading | Phase::Ready(_) => None,
            Phase::Empty(_) => Some(w.empty.to_owned()),
            Phase::Stale {
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
            Phase::Failed {
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
