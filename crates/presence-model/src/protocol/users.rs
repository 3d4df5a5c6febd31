//! `GET /users`: who is who (names, avatars, roles, time zones).

use serde::{Deserialize, Serialize};

use super::success;

/// The subset of `GET /api/v1/users` the roster needs (names and avatars by email).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsersResponse {
    /// Always `"success"` on a 200.
    #[serde(default = "success")]
    pub result: String,
    /// Empty on success.
    #[serde(default)]
    pub msg: String,
    /// Every user the caller can see, bots and deactivated users included. (The
    /// reference proxy marks its `/users` with its privacy setting too; the widget takes
    /// the setting from presence alone, so reading the marker here would cost every viewer
    /// bytes for nothing.)
    pub members: Vec<Member>,
}

/// One member of `GET /users`. Unknown fields (timezone, role, profile data…) are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Zulip's user id.
    pub user_id: i64,
    /// The API email: the same key as in presence.
    pub email: String,
    /// The name to show.
    pub full_name: String,
    /// Absolute or server-relative URL; `null` when `client_gravatar=true` and the user
    /// uses Gravatar.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// Bots never appear in presence.
    #[serde(default)]
    pub is_bot: bool,
    /// Deactivated users never appear in presence.
    #[serde(default = "yes")]
    pub is_active: bool,
    /// A guest (`zerver/lib/users.py` `format_user_row`; also `role` 600).
    #[serde(default)]
    pub is_guest: bool,
    /// Owner 100, administrator 200, moderator 300, member 400, guest 600
    /// (`UserProfile.ROLE_*` in `zerver/models/users.py`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<u32>,
    /// Their IANA time zone (`Europe/Berlin`), empty when they never set one or the
    /// server hides it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub timezone: String,
}

/// `role` of a guest (`UserProfile.ROLE_GUEST`).
pub const ROLE_GUEST: u32 = 600;

impl Member {
    /// An active human member: the usual case, for tests and the simulator.
    pub fn human(user_id: i64, email: &str, full_name: &str, avatar_url: Option<&str>) -> Self {
        Member {
            user_id,
            email: email.to_owned(),
            full_name: full_name.to_owned(),
            avatar_url: avatar_url.map(str::to_owned),
            is_bot: false,
            is_active: true,
            is_guest: false,
            role: Some(400),
            timezone: String::new(),
        }
    }

    /// Whether they are a guest, by either field (servers before feature level 59 send
    /// only `is_guest`).
    pub fn guest(&self) -> bool {
        self.is_guest || self.role == Some(ROLE_GUEST)
    }

    /// Whether Zulip's buddy list would list them: an active human
    /// (`web/src/buddy_data.ts` `filter_user_ids`, `people.get_active_user_ids`).
    pub fn listed(&self) -> bool {
        self.is_active && !self.is_bot
    }
}

fn yes() -> bool {
    true
}
