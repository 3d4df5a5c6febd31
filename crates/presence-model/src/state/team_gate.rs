//! What a team roster knows of its team while the reducer waits for both its members
//! and the organization's names (never a roster of everyone under a team's name).

use crate::domain::{Directory, Team};

/// What a team roster knows of its team.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TeamGate {
    pub(super) team: Team,
    pub(super) proxy: String,
    /// Sorted user ids; `None` until known, and after the team turned out unknown.
    pub(super) members: Option<Vec<i64>>,
    /// The whole organization's `/users`, kept to apply new members to.
    pub(super) names: Option<Directory>,
}

impl TeamGate {
    /// The team's directory, once members and names are both known.
    pub(super) fn directory(&self) -> Option<Directory> {
        Some(self.names.as_ref()?.only(self.members.as_deref()?))
    }
}
