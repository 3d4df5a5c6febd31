//! The JSON Zulip sends, as serde types shared by the widget and the simulator.
//!
//! Everything here tolerates what a growing API adds: unknown fields, unknown client
//! names, a missing `"aggregated"` entry, `ignored_parameters_unsupported`, and status
//! strings we have never seen. What it does not tolerate is a wrong type or a missing
//! required field: those are errors, reported by [`crate::protocol`] with the user and field.

use std::borrow::{Borrow, Cow};
use std::collections::BTreeMap;
use std::fmt;

use litemap::LiteMap;

use super::privacy::Privacy;
use super::success;

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
/// [`crate::domain::PresenceTimes`] for how active / idle / offline are derived.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReportedStatus {
    /// `"active"`: the user interacted with the client recently.
    Active,
    /// `"idle"`: connected, no recent interaction.
    Idle,
    /// `"offline"`: sent by Zulip's per-user endpoint, never by realm presence so far.
    Offline,
    /// Anything else. Counts as connected without confirmed activity (idle), and the
    /// parse reports a [`crate::protocol::Warning`].
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
