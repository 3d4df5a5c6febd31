//! Who changed between two rosters, and the tally for the next announcement.

use crate::domain::status::Status;

/// One person whose status differs between two rosters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// Who.
    pub email: String,
    /// Their old status; `None` when they were not in the older roster.
    pub from: Option<Status>,
    /// Their new status.
    pub to: Status,
}

/// Changes counted for the next announcement. Counts, not the changes themselves: polls
/// can bring a thousand changes each between two announcements 30 seconds apart, and
/// keeping them all would grow memory with the poll rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeTally {
    pub(crate) online: usize,
    pub(crate) idle: usize,
    pub(crate) offline: usize,
}

impl ChangeTally {
    /// Counts `changes` in.
    pub fn add(&mut self, changes: &[StatusChange]) {
        for c in changes {
            match (c.from, c.to) {
                (Some(Status::Active), Status::Active) => {}
                (_, Status::Active) => self.online += 1,
                (Some(Status::Active), Status::Idle) => self.idle += 1,
                (Some(Status::Active | Status::Idle), Status::Offline) => self.offline += 1,
                _ => {}
            }
        }
    }

    /// Nothing worth saying has been counted.
    pub fn is_empty(&self) -> bool {
        *self == ChangeTally::default()
    }
}

/// The difference between two rosters, in the newer roster's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterDiff {
    /// Everyone whose status changed or who is new.
    pub changes: Vec<StatusChange>,
    /// Everyone no longer in the answer (not seen for two weeks, or deactivated).
    pub removed: Vec<String>,
}

impl RosterDiff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.removed.is_empty()
    }

    /// People now active who were not (idle, offline or absent before).
    pub fn came_online(&self) -> impl Iterator<Item = &str> {
        self.emails(|c| c.to == Status::Active)
    }

    /// People now idle who were active.
    pub fn went_idle(&self) -> impl Iterator<Item = &str> {
        self.emails(|c| c.to == Status::Idle && c.from == Some(Status::Active))
    }

    /// People now offline who were active or idle.
    pub fn went_offline(&self) -> impl Iterator<Item = &str> {
        self.emails(|c| {
            c.to == Status::Offline && matches!(c.from, Some(Status::Active | Status::Idle))
        })
    }

    fn emails(&self, keep: impl Fn(&StatusChange) -> bool) -> impl Iterator<Item = &str> {
        self.changes
            .iter()
            .filter(move |c| keep(c))
            .map(|c| c.email.as_str())
    }
}
