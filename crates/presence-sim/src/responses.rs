//! Response types only the simulator writes: Zulip documents them, and the widget reads
//! the same documents through smaller types of its own (`presence_model::protocol`), so
//! every viewer does not download these.

use presence_model::UserGroup;
use serde::{Deserialize, Serialize};

fn success() -> String {
    "success".to_owned()
}

/// `GET /api/v1/server_settings`: what a Zulip server says about itself, without any
/// authentication (`zerver/views/auth.py`, `api_get_server_settings`). Only the fields a
/// client needs to know which server it talks to; Zulip sends more, and unknown fields are
/// ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerSettings {
    /// Always `"success"` on a 200.
    #[serde(default = "success")]
    pub result: String,
    /// Empty on success.
    #[serde(default)]
    pub msg: String,
    /// The server's version, such as `"8.4"`.
    pub zulip_version: String,
    /// The git commit the server was built from, when known (Zulip 5.0+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zulip_merge_base: Option<String>,
    /// The API feature level (absent before Zulip 3.0, which counts as 0). From level 164
    /// (Zulip 7.0) servers announce a 200 s offline threshold to their clients.
    #[serde(default)]
    pub zulip_feature_level: u32,
    /// Whether the server considers the asking client too old to work with it.
    #[serde(default)]
    pub is_incompatible: bool,
    /// Whether the server pushes notifications to phones.
    #[serde(default)]
    pub push_notifications_enabled: bool,
    /// Whether people can log in with an email and password.
    #[serde(default)]
    pub email_auth_enabled: bool,
    /// Whether usernames look like email addresses.
    #[serde(default)]
    pub require_email_format_usernames: bool,
    /// Which login methods are on, by name (`password`, `dev`, `github`, …).
    #[serde(default)]
    pub authentication_methods: std::collections::BTreeMap<String, bool>,
    /// The organization's URL, when the server has one organization (deprecated in
    /// Zulip 9.0 for `realm_url`, still sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm_uri: Option<String>,
    /// The organization's URL (Zulip 9.0+ sends it beside `realm_uri`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm_url: Option<String>,
    /// The organization's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm_name: Option<String>,
}

/// `GET /api/v1/user_groups`: every user group of the organization (Zulip lets members
/// and administrators read it, never bots or guests: `require_member_or_admin`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserGroupsResponse {
    /// Always `"success"` on a 200.
    #[serde(default = "success")]
    pub result: String,
    /// Empty on success.
    #[serde(default)]
    pub msg: String,
    /// The groups, system groups (`role:members`…) included.
    pub user_groups: Vec<UserGroup>,
}

/// `GET /api/v1/get_stream_id?stream=NAME`: a channel's id by its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamIdResponse {
    /// Always `"success"` on a 200.
    #[serde(default = "success")]
    pub result: String,
    /// Empty on success.
    #[serde(default)]
    pub msg: String,
    /// The channel's id.
    pub stream_id: i64,
}

/// `GET /api/v1/streams/{stream_id}/members`: a channel's subscribers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscribersResponse {
    /// Always `"success"` on a 200.
    #[serde(default = "success")]
    pub result: String,
    /// Empty on success.
    #[serde(default)]
    pub msg: String,
    /// Their user ids.
    pub subscribers: Vec<i64>,
}
