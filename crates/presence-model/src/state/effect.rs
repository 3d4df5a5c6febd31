//! What the shell must do after an event: one ordered list of [`Effect`]s, in the manner of
//! Crux's `Command`: the reducer decides every render, attribute, event, announcement,
//! subscription and delay; the shell performs them in order and decides nothing.

use crate::domain::{Config, ConfigError, Counts, Names, StatusChange, TeamFeed};
use crate::protocol::{Failure, Privacy};
use crate::words::Locale;

/// One thing the shell must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Set the polite live region's text (what a screen reader hears next).
    Announce(String),
    /// Render the roster again.
    Render,
    /// Write the host's `data-*` (only when they changed). After the render the same list
    /// asks for, so a script that sees `data-state="ready"` finds the rows.
    Host(HostSummary),
    /// Fire `roster-change` (after the render, like [`Effect::Host`]).
    Change(ChangeReport),
    /// Fire `roster-error` (after the render, like [`Effect::Host`]).
    Error(ErrorReport),
    /// Subscribe to these feeds, dropping any others.
    Subscribe(Feeds),
    /// Drop every feed and its request in flight (the options are wrong).
    Unsubscribe,
    /// Read the team from this feed from now on, instead of the one before (a channel
    /// named by name: its members, once its id is known).
    FollowTeam(TeamFeed),
    /// Ask `feed` again, now or after a delay. A feed this list does not name polls no
    /// more after its answer (until an effect says so).
    Poll {
        /// Which of the widget's feeds.
        feed: FeedKind,
        /// When.
        when: PollRequest,
    },
}

/// The effects of one event, in the order the shell performs them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Effects(pub Vec<Effect>);

impl From<Vec<Effect>> for Effects {
    fn from(effects: Vec<Effect>) -> Self {
        Effects(effects)
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::ops::Deref for Effects {
    type Target = [Effect];
    fn deref(&self) -> &[Effect] {
        &self.0
    }
}

/// Questions about the list, in the words a test asks them.
impl Effects {
    /// Whether the roster renders again.
    pub fn render(&self) -> bool {
        self.iter().any(|e| matches!(e, Effect::Render))
    }

    /// The host's new `data-*`, if they change.
    pub fn host(&self) -> Option<HostSummary> {
        self.iter().find_map(|e| match e {
            Effect::Host(host) => Some(host.clone()),
            _ => None,
        })
    }

    /// The `roster-change` fired, if any.
    pub fn change(&self) -> Option<ChangeReport> {
        self.iter().find_map(|e| match e {
            Effect::Change(change) => Some(change.clone()),
            _ => None,
        })
    }

    /// The `roster-error` fired, if any.
    pub fn error(&self) -> Option<ErrorReport> {
        self.iter().find_map(|e| match e {
            Effect::Error(error) => Some(error.clone()),
            _ => None,
        })
    }

    /// The live region's new text, if any.
    pub fn announce(&self) -> Option<String> {
        self.iter().find_map(|e| match e {
            Effect::Announce(text) => Some(text.clone()),
            _ => None,
        })
    }

    /// When the presence feed polls next, if the list says.
    pub fn poll(&self) -> Option<PollRequest> {
        self.poll_of(FeedKind::Presence)
    }

    /// When `feed` polls next, if the list says.
    pub fn poll_of(&self, feed: FeedKind) -> Option<PollRequest> {
        self.iter().find_map(|e| match e {
            Effect::Poll { feed: f, when } if *f == feed => Some(*when),
            _ => None,
        })
    }

    /// The feeds subscribed to, if the list starts them.
    pub fn subscribes(&self) -> Option<Feeds> {
        self.iter().find_map(|e| match e {
            Effect::Subscribe(feeds) => Some(feeds.clone()),
            _ => None,
        })
    }

    /// Whether the list drops every feed.
    pub fn unsubscribes(&self) -> bool {
        self.iter().any(|e| matches!(e, Effect::Unsubscribe))
    }

    /// Whether the feeds stay as they are (nothing subscribed, dropped or followed).
    pub fn keeps_feeds(&self) -> bool {
        !self.iter().any(|e| {
            matches!(
                e,
                Effect::Subscribe(_) | Effect::Unsubscribe | Effect::FollowTeam(_)
            )
        })
    }

    /// The team feed followed from now on, if any.
    pub fn team_feed(&self) -> Option<TeamFeed> {
        self.iter().find_map(|e| match e {
            Effect::FollowTeam(feed) => Some(feed.clone()),
            _ => None,
        })
    }
}

/// One of a widget's feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// `{proxy}/realm/presence`.
    Presence,
    /// `{proxy}/users…`.
    Users,
    /// `{proxy}/server_settings`.
    Settings,
    /// The team's feed now.
    Team,
}

/// When the widget wants its feed to poll.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PollRequest {
    /// Now (or as soon as the request in flight answers).
    Now,
    /// This many milliseconds after the answer just handled.
    InMs(f64),
}

/// The feeds a widget subscribes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feeds {
    /// `{proxy}/realm/presence`.
    pub presence_url: String,
    /// `{proxy}/users…`, unless names are off.
    pub users_url: Option<String>,
    /// `{proxy}/server_settings`, read for the offline threshold, unless the page set it.
    pub settings_url: Option<String>,
    /// The team's first feed, with the `group` or `channel` option.
    pub team: Option<TeamFeed>,
    /// How long one request may take (ms).
    pub timeout_ms: u32,
}

impl Feeds {
    /// The feeds `config` reads.
    pub fn of(config: &Config) -> Feeds {
        Feeds {
            presence_url: config.presence_url(),
            users_url: (config.names == Names::Auto).then(|| config.users_url()),
            // For the offline threshold unless the page set it, and for the
            // organization's URL when rows link into Zulip.
            settings_url: (config.offline_threshold_secs.is_none() || config.links)
                .then(|| config.server_settings_url()),
            team: config.team.as_ref().map(|t| t.first_feed(&config.proxy)),
            timeout_ms: config.timeout_secs.saturating_mul(1000),
        }
    }
}

/// What the host element's attributes say: `data-state` and the counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostSummary {
    /// `data-state`: `loading`, `ready`, `stale`, `error` or `empty`.
    pub state: &'static str,
    /// `data-active`, `data-idle`, `data-offline`, `data-total`; absent with no roster.
    pub counts: Option<Counts>,
    /// `data-privacy`: the proxy's privacy setting, by the last answer.
    pub privacy: Privacy,
}

/// What a `roster-error` event says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    /// `config`, `wrong-url`, `refused`, `rate-limited`, `down`, `rejected`, `malformed`.
    pub cause: &'static str,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// Zulip's error code, when the answer had one.
    pub code: Option<String>,
    /// The message shown in the banner.
    pub message: String,
}

impl ErrorReport {
    /// A failure, worded in `locale`.
    pub fn of(failure: &Failure, locale: Locale<'_>) -> ErrorReport {
        ErrorReport {
            cause: failure.cause(),
            status: failure.http_status(),
            code: failure.zulip_code().map(str::to_owned),
            message: failure.describe(locale),
        }
    }

    /// Options that cannot be used (cause `config`).
    pub fn of_options(error: &ConfigError) -> ErrorReport {
        ErrorReport {
            cause: "config",
            status: None,
            code: None,
            message: error.to_string(),
        }
    }
}

/// What a `roster-change` event says. It fires for the first roster, whenever statuses
/// change, and whenever the counts change otherwise (then with no changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeReport {
    /// Everyone, by status.
    pub counts: Counts,
    /// Who changed (empty for the first roster).
    pub changes: Vec<StatusChange>,
}
