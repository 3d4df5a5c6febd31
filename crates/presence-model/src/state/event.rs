//! Something that happened to a mounted widget: what the shell turns feeds, the clock
//! and the page into.

use crate::domain::{Config, ConfigError, Directory, TeamAnswer};
use crate::protocol::{Failure, RealmPresence};

/// Something that happened to a mounted widget.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Options were given (at mount, or changed later); `Err` when they are wrong.
    Options(Result<Config, ConfigError>),
    /// A presence answer, classified, that arrived at local time `now_ms`.
    Presence {
        /// The roster's data, or why there is none.
        outcome: Result<RealmPresence, Failure>,
        /// Local clock (ms) when it arrived.
        now_ms: f64,
        /// A uniform draw from `[0, 1)` for the retry's jitter.
        jitter: f64,
    },
    /// A presence answer arrived that is byte for byte the one before it (a proxy's
    /// cache, or an organization where nobody's timestamps moved). The driver sends it
    /// instead of [`Event::Presence`] only when [`Widget::takes_repeats`](crate::state::Widget::takes_repeats) says so:
    /// nothing is parsed, built or rendered again.
    Repeated,
    /// Names and avatars arrived from `GET /users`.
    Names {
        /// Who is who.
        directory: Directory,
        /// Local clock (ms) when they arrived.
        now_ms: f64,
    },
    /// `GET /users` failed. Without names the roster shows emails and keeps working, but
    /// a team roster cannot match its members to presence: it shows the failure until
    /// names arrive.
    NamesFailed {
        /// Why.
        failure: Failure,
        /// Local clock (ms) when it failed.
        now_ms: f64,
    },
    /// The clock moved (the widget ticks every second).
    Tick {
        /// Local clock (ms).
        now_ms: f64,
    },
    /// The server's version arrived from `GET /server_settings`: its API feature level,
    /// or `None` when it could not be read (then the threshold of older servers).
    Server {
        /// `zulip_feature_level`.
        feature_level: Option<u32>,
        /// The organization's URL (`realm_url`), unchecked; `None` when not read.
        realm_url: Option<String>,
        /// Local clock (ms) when it arrived.
        now_ms: f64,
    },
    /// A team feed answered (the `group` or `channel` option): the groups, the channel's
    /// id or its members, or why not.
    Team {
        /// What it said, classified.
        outcome: Result<TeamAnswer, Failure>,
        /// Local clock (ms) when it arrived.
        now_ms: f64,
    },
    /// The page asked for a poll now (`refresh()`).
    Refresh,
    /// The viewer's language changed (the `lang` option or the page's): names are sorted
    /// again in its order.
    Locale {
        /// Local clock (ms).
        now_ms: f64,
    },
}
