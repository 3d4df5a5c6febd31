//! What Zulip says about teams: the two kinds, and a user group as `GET /user_groups` lists it.

use serde::{Deserialize, Serialize};

/// A user group or a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamKind {
    /// A user group (`group`).
    Group,
    /// A channel (`channel`; Zulip's API still says stream).
    Channel,
}

impl TeamKind {
    /// The option's name: `group` or `channel`.
    pub fn option(self) -> &'static str {
        match self {
            TeamKind::Group => "group",
            TeamKind::Channel => "channel",
        }
    }
}

/// One user group. Unknown fields (description, permission settings…) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserGroup {
    /// The group's id.
    pub id: i64,
    /// Its name (`hamletcharacters`; system groups are `role:…`).
    pub name: String,
    /// Its direct members' user ids.
    #[serde(default)]
    pub members: Vec<i64>,
    /// Its direct subgroups (Zulip 6.0, feature level 131, renamed `subgroups` to this).
    #[serde(default, alias = "subgroups")]
    pub direct_subgroup_ids: Vec<i64>,
    /// Deactivated groups (Zulip 10.0) are only sent when asked for; never a roster.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deactivated: bool,
}
