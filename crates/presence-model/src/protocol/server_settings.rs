//! `GET /server_settings`, as far as the widget reads it: the server's API feature level
//! and the organization's URL.

use serde::Deserialize;

/// What the widget learns from `GET /server_settings`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServerInfo {
    /// `zulip_feature_level`: 0 when absent (before Zulip 3.0).
    pub feature_level: u32,
    /// The organization's URL as the server states it (`realm_url`, or `realm_uri`
    /// before Zulip 9.0), unchecked: the domain layer decides whether a link may use it.
    pub realm_url: Option<String>,
}

/// The fields read; the rest of Zulip's answer would cost every viewer a deserializer
/// for fields nobody shows. A JSON object without them (not Zulip's, or before 3.0) is
/// level 0 and no URL.
#[derive(Deserialize)]
pub(crate) struct Settings {
    #[serde(default)]
    zulip_feature_level: u32,
    #[serde(default)]
    realm_url: Option<String>,
    #[serde(default)]
    realm_uri: Option<String>,
}

impl From<Settings> for ServerInfo {
    fn from(settings: Settings) -> Self {
        ServerInfo {
            feature_level: settings.zulip_feature_level,
            realm_url: settings.realm_url.or(settings.realm_uri),
        }
    }
}
