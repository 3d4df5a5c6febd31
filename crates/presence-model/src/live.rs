//! The live roster as a state machine: answers, failures, names and clock ticks in;
//! one of five states out.
//!
//! Time is passed in as a local monotonic clock in milliseconds (`performance.now()` in
//! the browser). The server's "now" is `server_timestamp` plus the local time elapsed
//! since that answer arrived, so a browser whose wall clock is hours off changes nothing.

use crate::fetch::{retry_delay_secs, Failure};
use crate::i18n::{english, fill, Texts, TimeUnit};
use crate::roster::{Directory, Roster, StatusChange};
use crate::wire::RealmPresence;

/// A ranking of names (`rank(names)[i]` is the position of `names[i]`; equal names share
/// one): a locale collator in the browser, [`crate::roster::ranks_by`] natively.
pub type NameOrder<'a> = &'a dyn Fn(&[&str]) -> Vec<u32>;

/// The default order as a ranking, for callers without a collator.
pub fn default_ranking(names: &[&str]) -> Vec<u32> {
    crate::roster::ranks_by(names, crate::roster::default_name_order)
}

/// The last good answer and when it arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Everyone in it, aged to the last tick.
    pub roster: Roster,
    /// The answer itself, kept to rebuild the roster when names arrive.
    pub presence: RealmPresence,
    /// Local clock (ms) when the answer arrived.
    pub received_at_ms: f64,
}

impl Snapshot {
    /// The server's clock at local time `now_ms`.
    pub fn server_now(&self, now_ms: f64) -> f64 {
        self.presence.server_timestamp + (now_ms - self.received_at_ms).max(0.0) / 1000.0
    }
}

/// What the widget shows.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveState {
    /// Nothing has arrived yet.
    Loading,
    /// A roster, current.
    Ready(Snapshot),
    /// A successful answer with nobody in it.
    Empty(Snapshot),
    /// The last good answer (ready or empty), while refreshing fails.
    Stale {
        /// The last good answer.
        last: Snapshot,
        /// Why the latest refresh failed.
        failure: Failure,
        /// When (local ms) the next try is due.
        retry_at_ms: f64,
    },
    /// Nothing good has arrived, and the latest try failed.
    Failed {
        /// Why.
        failure: Failure,
        /// When (local ms) the next try is due.
        retry_at_ms: f64,
    },
}

impl LiveState {
    /// `loading`, `ready`, `empty`, `stale` or `error`: the `data-state` hook.
    pub fn name(&self) -> &'static str {
        match self {
            LiveState::Loading => "loading",
            LiveState::Ready(_) => "ready",
            LiveState::Empty(_) => "empty",
            LiveState::Stale { .. } => "stale",
            LiveState::Failed { .. } => "error",
        }
    }

    /// The snapshot on screen, if any.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        match self {
            LiveState::Ready(s) | LiveState::Empty(s) | LiveState::Stale { last: s, .. } => Some(s),
            LiveState::Loading | LiveState::Failed { .. } => None,
        }
    }

    fn snapshot_mut(&mut self) -> Option<&mut Snapshot> {
        match self {
            LiveState::Ready(s) | LiveState::Empty(s) | LiveState::Stale { last: s, .. } => Some(s),
            LiveState::Loading | LiveState::Failed { .. } => None,
        }
    }

    /// The failure on screen, if any.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            LiveState::Stale { failure, .. } | LiveState::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }
}

/// The live roster: its state plus what it needs to move on.
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
    state: LiveState,
    directory: Option<Directory>,
    threshold_secs: u32,
    refresh_secs: u32,
    failures: u32,
    /// Status changes not yet reported (by answers and by ageing).
    changes: Vec<StatusChange>,
}

impl Live {
    /// Loading, with the given threshold and refresh period.
    pub fn new(threshold_secs: u32, refresh_secs: u32) -> Self {
        Live {
            state: LiveState::Loading,
            directory: None,
            threshold_secs,
            refresh_secs,
            failures: 0,
            changes: Vec::new(),
        }
    }

    /// Takes the status changes seen since the last call: people whose status differs
    /// between two answers, or who aged into another status between polls. The first
    /// answer reports no changes (nobody "came online" by the page loading).
    pub fn take_changes(&mut self) -> Vec<StatusChange> {
        std::mem::take(&mut self.changes)
    }

    /// What to show.
    pub fn state(&self) -> &LiveState {
        &self.state
    }

    /// Failures in a row since the last good answer.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// A good answer arrived at local time `now_ms`. Returns whether anything a viewer
    /// sees changed (a poll that changes nothing should not even re-render).
    pub fn presence_arrived(
        &mut self,
        presence: RealmPresence,
        now_ms: f64,
        order: NameOrder,
    ) -> bool {
        self.failures = 0;
        let roster = Roster::build_ranked(
            &presence,
            self.directory.as_ref(),
            presence.server_timestamp,
            self.threshold_secs,
            order,
        );
        let empty = presence.presences.is_empty();
        let snapshot = Snapshot {
            roster,
            presence,
            received_at_ms: now_ms,
        };
        if let Some(old) = self.state.snapshot() {
            self.changes
                .extend(old.roster.diff(&snapshot.roster).changes);
        }
        let same_view = match &self.state {
            LiveState::Ready(old) if !empty => old.roster.same_view(&snapshot.roster),
            LiveState::Empty(_) => empty,
            _ => false,
        };
        self.state = if empty {
            LiveState::Empty(snapshot)
        } else {
            LiveState::Ready(snapshot)
        };
        !same_view
    }

    /// A try failed at local time `now_ms`. `jitter` is a uniform draw from `[0, 1)`.
    pub fn failed(&mut self, failure: Failure, now_ms: f64, jitter: f64) {
        self.failures = self.failures.saturating_add(1);
        let delay = retry_delay_secs(&failure, self.failures, self.refresh_secs, jitter);
        let retry_at_ms = now_ms + delay * 1000.0;
        let state = std::mem::replace(&mut self.state, LiveState::Loading);
        self.state = match state {
            LiveState::Ready(last) | LiveState::Empty(last) | LiveState::Stale { last, .. } => {
                LiveState::Stale {
                    last,
                    failure,
                    retry_at_ms,
                }
            }
            LiveState::Loading | LiveState::Failed { .. } => LiveState::Failed {
                failure,
                retry_at_ms,
            },
        };
    }

    /// Names arrived: rebuild the roster on screen with them. Returns whether it changed.
    pub fn names_arrived(&mut self, directory: Directory, now_ms: f64, order: NameOrder) -> bool {
        if self.directory.as_ref() == Some(&directory) {
            return false;
        }
        self.directory = Some(directory);
        let threshold = self.threshold_secs;
        let directory = self.directory.as_ref();
        match self.state.snapshot_mut() {
            Some(snapshot) => {
                let now = snapshot.server_now(now_ms);
                snapshot.roster =
                    Roster::build_ranked(&snapshot.presence, directory, now, threshold, order);
                true
            }
            None => false,
        }
    }

    /// The clock moved to `now_ms`: re-derive statuses. Returns whether any changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        let threshold = self.threshold_secs;
        match self.state.snapshot_mut() {
            Some(snapshot) => {
                let now = snapshot.server_now(now_ms);
                let changes = snapshot.roster.reage_changes(now, threshold);
                let changed = !changes.is_empty();
                self.changes.extend(changes);
                changed
            }
            None => false,
        }
    }

    /// A new refresh period, for the next poll and retry delays.
    pub fn set_refresh_secs(&mut self, secs: u32) {
        self.refresh_secs = secs;
    }

    /// A new offline threshold; statuses follow at the next [`Live::tick`].
    pub fn set_threshold_secs(&mut self, secs: u32) {
        self.threshold_secs = secs;
    }

    /// Milliseconds from `now_ms` until the next poll is due.
    pub fn next_poll_in_ms(&self, now_ms: f64) -> f64 {
        match &self.state {
            LiveState::Stale { retry_at_ms, .. } | LiveState::Failed { retry_at_ms, .. } => {
                (retry_at_ms - now_ms).max(0.0)
            }
            _ => self.poll_period_ms(),
        }
    }

    /// Milliseconds between polls while answers are good: the next poll after a good
    /// answer is due this long after it, whenever the answer is built into the roster.
    pub fn poll_period_ms(&self) -> f64 {
        f64::from(self.refresh_secs) * 1000.0
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

    /// [`LiveState::banner`] in the language of `texts`.
    pub fn banner_in(&self, now_ms: f64, texts: Texts<'_>) -> Option<String> {
        let w = texts.words;
        let retry_in = |retry_at_ms: f64| ((retry_at_ms - now_ms) / 1000.0).ceil().max(0.0) as u64;
        match self {
            LiveState::Loading | LiveState::Ready(_) => None,
            LiveState::Empty(_) => Some(w.empty.to_owned()),
            LiveState::Stale {
                last,
                failure,
                retry_at_ms,
            } => {
                let ago = updated_ago_in((now_ms - last.received_at_ms) / 1000.0, texts);
                let failure = failure.describe(texts);
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
                    ("failure", &failure.describe(texts)),
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

/// [`updated_ago`] in the language of `texts`.
pub fn updated_ago_in(secs: f64, texts: Texts<'_>) -> String {
    let secs = secs.max(0.0) as u64;
    let n = |x: u64| u32::try_from(x).unwrap_or(u32::MAX);
    match secs {
        0..=59 => texts.words.just_now.to_owned(),
        60..=3599 => texts.formats.ago(n(secs / 60), TimeUnit::Minute),
        _ => texts.formats.ago(n(secs / 3600), TimeUnit::Hour),
    }
}
