//! The live roster as a state machine: answers, failures, names and clock ticks in;
//! one of five states out.
//!
//! Time is passed in as a local monotonic clock in milliseconds (`performance.now()` in
//! the browser). The server's "now" is `server_timestamp` plus the local time elapsed
//! since that answer arrived, so a browser whose wall clock is hours off changes nothing.

use crate::domain::phase::Phase;
use crate::domain::phase::Snapshot;
use crate::domain::{Directory, NameRanking, Roster, StatusChange};
use crate::protocol::Failure;
use crate::protocol::RealmPresence;
use crate::state::retry::retry_delay_secs;

/// The live roster: its state plus what it needs to move on.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterMachine {
    state: Phase,
    directory: Option<Directory>,
    threshold_secs: u32,
    refresh_secs: u32,
    failures: u32,
    /// Status changes not yet reported (by answers and by ageing).
    changes: Vec<StatusChange>,
    /// The server's minute (Unix seconds / 60) at the last tick: local times shown in
    /// rows move on when it turns.
    minute: i64,
}

impl RosterMachine {
    /// Loading, with the given threshold and refresh period.
    pub fn new(threshold_secs: u32, refresh_secs: u32) -> Self {
        RosterMachine {
            state: Phase::Loading,
            directory: None,
            threshold_secs,
            refresh_secs,
            failures: 0,
            changes: Vec::new(),
            minute: 0,
        }
    }

    /// Whether the server's clock entered another minute since the last call while
    /// someone on the roster has a time zone (rows showing local times then show the new
    /// minute).
    pub fn minute_turned(&mut self, now_ms: f64) -> bool {
        let Some(snapshot) = self.state.snapshot() else {
            return false;
        };
        let minute = (snapshot.server_now(now_ms) / 60.0).floor() as i64;
        if std::mem::replace(&mut self.minute, minute) == minute {
            return false;
        }
        snapshot.roster.people().any(|p| p.timezone.is_some())
    }

    /// Takes the status changes seen since the last call: people whose status differs
    /// between two answers, or who aged into another status between polls. The first
    /// answer reports no changes (nobody "came online" by the page loading).
    pub fn take_changes(&mut self) -> Vec<StatusChange> {
        std::mem::take(&mut self.changes)
    }

    /// What to show.
    pub fn state(&self) -> &Phase {
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
            Phase::Ready(old) if !empty => old.roster.same_view(&snapshot.roster),
            Phase::Empty(_) => empty,
            _ => false,
        };
        self.state = if empty {
            Phase::Empty(snapshot)
        } else {
            Phase::Ready(snapshot)
        };
        !same_view
    }

    /// Completes the failure shown with what the server said since (see
    /// [`Failure::GroupsRefused`]); `amend` says whether it changed it, and so does this.
    /// Its retry stays as it was.
    pub fn amend_failure(&mut self, amend: impl FnOnce(&mut Failure) -> bool) -> bool {
        self.state.failure_mut().is_some_and(amend)
    }

    /// A try failed at local time `now_ms`. `jitter` is a uniform draw from `[0, 1)`.
    pub fn failed(&mut self, failure: Failure, now_ms: f64, jitter: f64) {
        self.failures = self.failures.saturating_add(1);
        let delay = retry_delay_secs(&failure, self.failures, self.refresh_secs, jitter);
        let retry_at_ms = now_ms + delay * 1000.0;
        let state = std::mem::replace(&mut self.state, Phase::Loading);
        self.state = match state {
            Phase::Ready(last) | Phase::Empty(last) | Phase::Stale { last, .. } => Phase::Stale {
                last,
                failure,
                retry_at_ms,
            },
            Phase::Loading | Phase::Failed { .. } => Phase::Failed {
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
        let state = std::mem::replace(&mut self.state, Phase::Loading);
        self.state = match state {
            Phase::Ready(s) | Phase::Empty(s) if empty => Phase::Empty(s),
            Phase::Ready(s) | Phase::Empty(s) => Phase::Ready(s),
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

    /// A new offline threshold; statuses follow at the next [`RosterMachine::tick`].
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
            Phase::Stale { retry_at_ms, .. } | Phase::Failed { retry_at_ms, .. } => {
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
