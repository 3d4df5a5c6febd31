//! The JSON Zulip sends, as serde types shared by the widget and the simulator.
//!
//! Everything here tolerates what a growing API adds: unknown fields, unknown client
//! names, a missing `"aggregated"` entry, `ignored_parameters_unsupported`, and status
//! strings we have never seen. What it does not tolerate is a wrong type or a missing
//! required field: those are errors, reported by [`crate::parse`] with the user and field.

use std::borrow::{Borrow, Cow};
use std::collections::BTreeMap;
use std::fmt;

use litemap::LiteMap;

use crate::privacy::Privacy;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The key under which Zulip repeats the most recently updated client entry.
pub const AGGREGATED: &str = "aggregated";

/// Entry keys and client names Zulip sends; [`ClientName`] shares these instead of
/// allocating a copy per person.
const KNOWN_NAMES: [&str; 9] = [
    AGGREGATED,
    "website",
    "ZulipElectron",
    "ZulipDesktop",
    "ZulipMobile",
    "ZulipiOS",
    "ZulipAndroid",
    "ZulipTerminal",
    "ZulipPython",
];

/// A client name or entry key (`aggregated`, `website`, `ZulipMobile`…).
///
/// Why not a `String`: a 10,000-person answer carries 40,000 of these, nearly all from a
/// handful of names. The known ones are shared static strings, so parsing allocates for
/// none of them (BENCHMARKS.md, M1); anything else is kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientName(Cow<'static, str>);

impl ClientName {
    /// The name, shared when it is one Zulip sends.
    pub fn new(name: &str) -> Self {
        ClientName(match KNOWN_NAMES.iter().find(|known| **known == name) {
            Some(known) => Cow::Borrowed(known),
            None => Cow::Owned(name.to_owned()),
        })
    }

    /// The name as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for ClientName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for ClientName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ClientName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ClientName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<&str> for ClientName {
    fn from(name: &str) -> Self {
        ClientName::new(name)
    }
}

impl fmt::Display for ClientName {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ClientName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ClientName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_wire_str(deserializer, "a client name", ClientName::new)
    }
}

/// Reads a wire string into `T` with `from`, which accepts any string; `expected` is
/// what a non-string is reported against ("invalid type: …, expected {expected}").
fn from_wire_str<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    expected: &'static str,
    from: fn(&str) -> T,
) -> Result<T, D::Error> {
    struct StrVisitor<T> {
        expected: &'static str,
        from: fn(&str) -> T,
    }

    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expected)
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
            Ok((self.from)(s))
        }
    }

    deserializer.deserialize_str(StrVisitor { expected, from })
}

/// A user's entries by client name, in name order. A sorted vector rather than a
/// `BTreeMap`: people have one to a few entries, and a B-tree node for two of them is
/// most of a kilobyte to allocate, fill and free per person.
pub type ClientEntries = LiteMap<ClientName, ClientPresence>;

/// The 200 body of `GET /api/v1/realm/presence`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RealmPresence {
    /// Always `"success"` on a 200; defaulted so a proxy that strips it changes nothing.
    #[serde(default = "success")]
    pub result: String,
    /// Empty on success.
    #[serde(default)]
    pub msg: String,
    /// The server's clock when it read the data, in (fractional) Unix seconds. Every age
    /// is measured against this, never against the browser's clock.
    pub server_timestamp: f64,
    /// Keyed by the user's Zulip API email (possibly a fake `user123@…` address).
    pub presences: BTreeMap<String, UserPresence>,
    /// Zulip 7.0+ (feature level 167) lists request parameters it did not understand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignored_parameters_unsupported: Option<Vec<String>>,
    /// The reference proxy's privacy setting; Zulip never sends it.
    #[serde(default, skip_serializing_if = "Privacy::is_full")]
    pub zulip_roster_privacy: Privacy,
}

fn success() -> String {
    "success".to_owned()
}

/// One user's presence: an entry per client name, plus `"aggregated"` when sent.
///
/// Zulip 7.0+ sends exactly `website` and `aggregated`; older servers send one entry per
/// client the user was logged in from. Newer per-user endpoints also put the modern
/// `active_timestamp` / `idle_timestamp` integers beside the entries; they are kept here
/// rather than rejected, so a server that starts sending them here breaks nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserPresence {
    /// Client entries keyed by client name, including `"aggregated"` when it was sent.
    pub entries: ClientEntries,
    /// Modern format: when the user was last active (Unix seconds).
    pub active_timestamp: Option<i64>,
    /// Modern format: when the user was last connected (Unix seconds).
    pub idle_timestamp: Option<i64>,
}

impl UserPresence {
    /// The `"aggregated"` entry, when the server sent one.
    pub fn aggregated(&self) -> Option<&ClientPresence> {
        self.entries.get(AGGREGATED)
    }

    /// The per-client entries, `"aggregated"` excluded, in name order.
    pub fn clients(&self) -> impl Iterator<Item = (&ClientName, &ClientPresence)> {
        self.entries
            .iter()
            .filter(|(name, _)| name.as_str() != AGGREGATED)
    }
}

const ACTIVE_TIMESTAMP: &str = "active_timestamp";
const IDLE_TIMESTAMP: &str = "idle_timestamp";

impl Serialize for UserPresence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = usize::from(self.active_timestamp.is_some())
            + usize::from(self.idle_timestamp.is_some());
        let mut map = serializer.serialize_map(Some(self.entries.len() + extra))?;
        for (name, entry) in &self.entries {
            map.serialize_entry(name, entry)?;
        }
        if let Some(ts) = self.active_timestamp {
            map.serialize_entry(ACTIVE_TIMESTAMP, &ts)?;
        }
        if let Some(ts) = self.idle_timestamp {
            map.serialize_entry(IDLE_TIMESTAMP, &ts)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for UserPresence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UserVisitor;

        impl<'de> Visitor<'de> for UserVisitor {
            type Value = UserPresence;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of client presence entries")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserPresence, A::Error> {
                let mut user = UserPresence::default();
                while let Some(key) = map.next_key::<ClientName>()? {
                    match key.as_str() {
                        ACTIVE_TIMESTAMP => user.active_timestamp = map.next_value()?,
                        IDLE_TIMESTAMP => user.idle_timestamp = map.next_value()?,
                        _ => {
                            let entry = map.next_value()?;
                            user.entries.insert(key, entry);
                        }
                    }
                }
                Ok(user)
            }
        }

        deserializer.deserialize_map(UserVisitor)
    }
}

/// One client's report, or the `"aggregated"` summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientPresence {
    /// The client's platform name (always `"website"` on 7.0+). Absent in some
    /// per-user endpoint examples, so optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientName>,
    /// What the client reported.
    pub status: ReportedStatus,
    /// When it reported, in whole Unix seconds.
    pub timestamp: i64,
    /// Whether the client can show push notifications. Absent under `"aggregated"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pushable: Option<bool>,
}

/// A `status` string as sent. The roster never shows it directly: see
/// [`crate::status::PresenceTimes`] for how active / idle / offline are derived.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReportedStatus {
    /// `"active"`: the user interacted with the client recently.
    Active,
    /// `"idle"`: connected, no recent interaction.
    Idle,
    /// `"offline"`: sent by Zulip's per-user endpoint, never by realm presence so far.
    Offline,
    /// Anything else. Counts as connected without confirmed activity (idle), and the
    /// parse reports a [`crate::parse::Warning`].
    Other(String),
}

impl ReportedStatus {
    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            ReportedStatus::Active => "active",
            ReportedStatus::Idle => "idle",
            ReportedStatus::Offline => "offline",
            ReportedStatus::Other(s) => s,
        }
    }

    fn from_wire(s: &str) -> Self {
        match s {
            "active" => ReportedStatus::Active,
            "idle" => ReportedStatus::Idle,
            "offline" => ReportedStatus::Offline,
            other => ReportedStatus::Other(other.to_owned()),
        }
    }
}

impl Serialize for ReportedStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ReportedStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_wire_str(deserializer, "a status string", ReportedStatus::from_wire)
    }
}

/// Zulip's error body: `{"result":"error","msg":…,"code":…}`, plus `retry-after` on 429.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Always `"error"`.
    pub result: String,
    /// Human-readable and translated: show it, never branch on it.
    #[serde(default)]
    pub msg: String,
    /// Machine-readable cause; servers before 2.1 omitted it (then it means `BAD_REQUEST`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Seconds to wait, on `RATE_LIMIT_HIT`: a number, or a string holding one (both
    /// are seen behind proxies); anything else is as if absent, so a rate limit with an
    /// odd `retry-after` is still a rate limit.
    #[serde(
        rename = "retry-after",
        default,
        deserialize_with = "seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_after: Option<f64>,
}

fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    struct SecondsVisitor;

    impl Visitor<'_> for SecondsVisitor {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("seconds")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<f64>, E> {
            Ok(Some(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<f64>, E> {
            Ok(Some(v as f64))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<f64>, E> {
            Ok(Some(v as f64))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<f64>, E> {
            Ok(v.trim().parse().ok())
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<f64>, E> {
            Ok(None)
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<f64>, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(SecondsVisitor)
}

impl ErrorBody {
    /// A body with the given code and message.
    pub fn new(code: ErrorCode, msg: impl Into<String>) -> Self {
        ErrorBody {
            result: "error".to_owned(),
            msg: msg.into(),
            code: Some(code.as_str().to_owned()),
            retry_after: None,
        }
    }

    /// The `code`, classified.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::from_wire(self.code.as_deref().unwrap_or("BAD_REQUEST"))
    }
}

/// The error codes a presence client has to tell apart (Zulip's `ErrorCode`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// 401, no credentials at all.
    Unauthorized,
    /// 401, wrong or malformed key.
    InvalidApiKey,
    /// 401 (403 before 5.0), the account is deactivated.
    UserDeactivated,
    /// 401 (403 before 5.0), the organization is deactivated.
    RealmDeactivated,
    /// 429, with `retry-after`.
    RateLimitHit,
    /// 400, the catch-all.
    BadRequest,
    /// A code this client does not know.
    Other(String),
}

impl ErrorCode {
    /// The wire string.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::Unauthorized => "UNAUTHORIZED",
            ErrorCode::InvalidApiKey => "INVALID_API_KEY",
            ErrorCode::UserDeactivated => "USER_DEACTIVATED",
            ErrorCode::RealmDeactivated => "REALM_DEACTIVATED",
            ErrorCode::RateLimitHit => "RATE_LIMIT_HIT",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::Other(s) => s,
        }
    }

    /// Classifies a wire string.
    pub fn from_wire(s: &str) -> Self {
        match s {
            "UNAUTHORIZED" => ErrorCode::Unauthorized,
            "INVALID_API_KEY" => ErrorCode::InvalidApiKey,
            "USER_DEACTIVATED" => ErrorCode::UserDeactivated,
            "REALM_DEACTIVATED" => ErrorCode::RealmDeactivated,
            "RATE_LIMIT_HIT" => ErrorCode::RateLimitHit,
            "BAD_REQUEST" => ErrorCode::BadRequest,
            other => ErrorCode::Other(other.to_owned()),
        }
    }
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
