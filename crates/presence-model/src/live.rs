//! The live roster as a state machine: answers, failures, names and clock ticks in;
//! one of five states out.
//!
//! Time is passed in as a local monotonic clock in milliseconds (`performance.now()` in
//! the browser). The server's "now" is `server_timestamp` plus the local time elapsed
//! since that answer arrived, so a browser whose wall clock is hours off changes nothing.

use crate::classify::{retry_delay_secs, Failure};
use crate::roster::{Directory, NameRanking, Roster, StatusChange};
use crate::wire::RealmPresence;

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
    /// A successful answer with nobody to list (no presence, and no names that list
    /// anyone).
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
        order: &NameRanking,
    ) -> bool {
        self.failures = 0;
        let roster = Roster::build_ranked(
            &presence,
            names_for(self.directory.as_ref(), &presence),
            presence.server_timestamp,
            self.threshold_secs,
            order,
        );
        // Empty means nobody to list: with names on, everyone in `/users` is listed even
        // when the answer has no presence at all.
        let empty = roster.is_empty();
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
    /// Their names are ranked here, once: answers after them reuse the ranks.
    pub fn names_arrived(
        &mut self,
        mut directory: Directory,
        now_ms: f64,
        order: &NameRanking,
    ) -> bool {
        directory.rank(order);
        if self.directory.as_ref() == Some(&directory) {
            return false;
        }
        self.directory = Some(directory);
        self.build_again(now_ms, order)
    }

    /// Builds the roster on screen again with names ranked in `order` (the viewer's
    /// language changed). Returns whether there was a roster.
    pub fn rebuild(&mut self, now_ms: f64, order: &NameRanking) -> bool {
        if let Some(directory) = &mut self.directory {
            directory.rank(order);
        }
        self.build_again(now_ms, order)
    }

    /// Builds the roster on screen again with the names known now.
    fn build_again(&mut self, now_ms: f64, order: &NameRanking) -> bool {
        let threshold = self.threshold_secs;
        let directory = self.directory.as_ref();
        let Some(snapshot) = self.state.snapshot_mut() else {
            return false;
        };
        let now = snapshot.server_now(now_ms);
        let directory = names_for(directory, &snapshot.presence);
        snapshot.roster =
            Roster::build_ranked(&snapshot.presence, directory, now, threshold, order);
        let empty = snapshot.roster.is_empty();
        // Names can fill an empty answer (everyone offline) or empty a full one (nobody
        // with presence is a listed human).
        let state = std::mem::replace(&mut self.state, LiveState::Loading);
        self.state = match state {
            LiveState::Ready(s) | LiveState::Empty(s) if empty => LiveState::Empty(s),
            LiveState::Ready(s) | LiveState::Empty(s) => LiveState::Ready(s),
            other => other,
        };
        true
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

    /// The offline threshold in force.
    pub fn threshold_secs(&self) -> u32 {
        self.threshold_secs
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

/// The names to join with `presence`: none when the proxy sends counts only, whose keys
/// are positions (its `/users` is empty; joining it would list no one).
fn names_for<'a>(
    directory: Option<&'a Directory>,
    presence: &RealmPresence,
) -> Option<&'a Directory> {
    directory.filter(|_| presence.zulip_roster_privacy.names_people())
}
