//! What the roster shows: one of five phases, and the answer it was built from.

use crate::domain::Roster;
use crate::protocol::{Failure, RealmPresence};

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

    /// Whether there is nobody to list. Not whether the answer has presence: with names
    /// on, everyone in `/users` is listed, offline when nobody was active in the answer's
    /// two weeks (as Zulip's buddy list does), so an answer of `presences: {}` can still
    /// list a whole organization.
    pub fn lists_nobody(&self) -> bool {
        self.roster.is_empty()
    }
}

/// What the widget shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
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

impl Phase {
    /// `loading`, `ready`, `empty`, `stale` or `error`: the `data-state` hook.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::Ready(_) => "ready",
            Phase::Empty(_) => "empty",
            Phase::Stale { .. } => "stale",
            Phase::Failed { .. } => "error",
        }
    }

    /// The snapshot on screen, if any.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        match self {
            Phase::Ready(s) | Phase::Empty(s) | Phase::Stale { last: s, .. } => Some(s),
            Phase::Loading | Phase::Failed { .. } => None,
        }
    }

    pub(crate) fn snapshot_mut(&mut self) -> Option<&mut Snapshot> {
        match self {
            Phase::Ready(s) | Phase::Empty(s) | Phase::Stale { last: s, .. } => Some(s),
            Phase::Loading | Phase::Failed { .. } => None,
        }
    }

    /// The failure on screen, if any.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Phase::Stale { failure, .. } | Phase::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }

    /// The failure shown, to complete with what was learnt since (its retry stays).
    pub(crate) fn failure_mut(&mut self) -> Option<&mut Failure> {
        match self {
            Phase::Stale { failure, .. } | Phase::Failed { failure, .. } => Some(failure),
            _ => None,
        }
    }
}
