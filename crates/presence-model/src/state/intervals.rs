//! Every interval the widget waits, declared once.

/// Names (`GET /users`), a team's members, and a team or server version that could not be
/// read are asked for again this often: `GET /users` is heavy on big organizations, and
/// an unknown team or a refused `/user_groups` is a setting to fix, not a blip.
pub const NAMES_REFRESH_MS: u32 = 10 * 60 * 1000;
/// Retries back off to at most this long.
pub const MAX_BACKOFF_SECS: f64 = 300.0;
/// The live region speaks at most this often, so a screen reader is not flooded.
pub const ANNOUNCE_EVERY_MS: f64 = 30_000.0;
