//! The widget's options, parsed and validated in one place.
//!
//! The same options arrive as query parameters (the standalone page), element
//! attributes (`<zulip-roster>`) or a JS object (`mount`); each front end turns them into
//! `(name, value)` pairs and calls [`Config::from_pairs`], so every entry point accepts
//! the same spellings and reports the same errors.

use crate::domain::config_error::ConfigError;
use crate::domain::team::Team;
use crate::protocol::teams::TeamKind;

/// Polling every second is allowed for tests and demos; real pages should poll every 30 s
/// or more (Zulip's own clients ping every 60 s, and every viewer costs the proxy).
pub const MIN_REFRESH_SECS: u32 = 1;
/// Zulip's clients poll every 60 s.
pub const DEFAULT_REFRESH_SECS: u32 = 60;
/// How long one request may take before it counts as failed.
pub const DEFAULT_TIMEOUT_SECS: u32 = 20;
/// The standalone page's proxy: `trunk serve` forwards `/api/` to a Zulip server.
pub const DEFAULT_STANDALONE_PROXY: &str = "/api/v1";

/// Whether to fetch names and avatars from `GET /users`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// Fetch them (once at mount, then every 10 minutes); show emails until they come.
    Auto,
    /// Never fetch them; show emails.
    Off,
}

/// Whether offline people get rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowOffline {
    /// Like Zulip: hide them when there are more than 600 people and no search text.
    Auto,
    /// Always list them.
    All,
    /// Never list them (still counted in the header).
    None,
}

/// Colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follow the page's `prefers-color-scheme`.
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// `auto`, `light` or `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Status colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// Zulip's green, orange and grey.
    Zulip,
    /// Okabe–Ito blue, orange and grey: distinguishable with any common colour blindness.
    Colorblind,
}

impl Palette {
    /// `zulip` or `colorblind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Palette::Zulip => "zulip",
            Palette::Colorblind => "colorblind",
        }
    }
}

/// The option names, as attributes (`offline-threshold`); the JS API takes them in
/// camelCase (`offlineThreshold`).
pub const OPTION_NAMES: [&str; 15] = [
    "proxy",
    "refresh",
    "offline-threshold",
    "timeout",
    "names",
    "show-offline",
    "max-rows",
    "theme",
    "palette",
    "lang",
    "compact",
    "group",
    "channel",
    "local-time",
    "links",
];

/// Every option of the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Base URL that forwards to a Zulip server's `/api/v1`, without a trailing slash.
    pub proxy: String,
    /// Seconds between polls.
    pub refresh_secs: u32,
    /// Zulip's offline threshold, seconds, when the page sets it; `None` (the default):
    /// as the server's version says ([`crate::domain::offline_threshold_for`]).
    pub offline_threshold_secs: Option<u32>,
    /// Seconds before a request counts as failed.
    pub timeout_secs: u32,
    /// Whether to fetch names.
    pub names: Names,
    /// Whether to list offline people.
    pub show_offline: ShowOffline,
    /// At most this many rows (the header still counts everyone).
    pub max_rows: Option<usize>,
    /// Colour scheme.
    pub theme: Theme,
    /// BCP 47 language tag for sorting names; the page's language when absent.
    pub lang: Option<String>,
    /// Status colours.
    pub palette: Palette,
    /// A denser layout for sidebars: no avatars, no search box.
    pub compact: bool,
    /// Only this user group's or channel's members (`group`, `channel`).
    pub team: Option<crate::domain::Team>,
    /// Each person's local time in their row's tooltip and screen-reader text, from
    /// their `/users` time zone (`local-time`: `auto`, the default, or `off`).
    pub local_time: bool,
    /// Each row opens a direct message with that person in Zulip, and the header opens
    /// the organization, once `/server_settings` gave its URL (`links`: `auto`, the
    /// default, or `off`). Never in counts mode: it names nobody.
    pub links: bool,
}

impl Config {
    /// Every option at its default, with `proxy` as given (unchecked).
    pub fn with_proxy(proxy: impl Into<String>) -> Self {
        Config {
            proxy: proxy.into(),
            refresh_secs: DEFAULT_REFRESH_SECS,
            offline_threshold_secs: None,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            names: Names::Auto,
            show_offline: ShowOffline::Auto,
            max_rows: None,
            theme: Theme::Auto,
            lang: None,
            palette: Palette::Zulip,
            compact: false,
            team: None,
            local_time: true,
            links: true,
        }
    }

    /// Parses `(name, value)` pairs. `default_proxy` is used when `proxy` is absent (the
    /// standalone page has one; an embedded widget does not). Unknown names are ignored,
    /// so a page's other query parameters do no harm; an empty value counts as absent.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        default_proxy: Option<&str>,
    ) -> Result<Config, ConfigError> {
        let mut proxy = default_proxy.map(str::to_owned);
        let mut config = Config::with_proxy(String::new());
        for (name, value) in pairs {
            let value = value.trim();
            if name == "compact" {
                // A boolean attribute: present (even empty) means on.
                config.compact = match value {
                    "" | "true" | "compact" => true,
                    "false" => false,
                    _ => return Err(invalid(name, value, "no value, true or false")),
                };
                continue;
            }
            if value.is_empty() {
                continue;
            }
            match name {
                "proxy" => proxy = Some(value.to_owned()),
                "refresh" => config.refresh_secs = seconds(name, value, MIN_REFRESH_SECS, DAY)?,
                "offline-threshold" => {
                    config.offline_threshold_secs = Some(seconds(name, value, 1, DAY)?)
                }
                "timeout" => config.timeout_secs = seconds(name, value, 1, 600)?,
                "names" => {
                    config.names = match value {
                        "auto" => Names::Auto,
                        "off" => Names::Off,
                        _ => return Err(invalid(name, value, "auto or off")),
                    }
                }
                "show-offline" => {
                    config.show_offline = match value {
                        "auto" => ShowOffline::Auto,
                        "all" => ShowOffline::All,
                        "none" => ShowOffline::None,
                        _ => return Err(invalid(name, value, "auto, all or none")),
                    }
                }
                "max-rows" => {
                    let rows = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| invalid(name, value, "a whole number of rows, 1 or more"))?;
                    config.max_rows = Some(rows);
                }
                "theme" => {
                    config.theme = match value {
                        "auto" => Theme::Auto,
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => return Err(invalid(name, value, "auto, light or dark")),
                    }
                }
                "palette" => {
                    config.palette = match value {
                        "zulip" => Palette::Zulip,
                        "colorblind" => Palette::Colorblind,
                        _ => return Err(invalid(name, value, "zulip or colorblind")),
                    }
                }
                "lang" => {
                    let ok = value.len() <= 35
                        && value.split('-').all(|part| {
                            !part.is_empty()
                                && part.len() <= 8
                                && part.chars().all(|c| c.is_ascii_alphanumeric())
                        });
                    if !ok {
                        return Err(invalid(name, value, "a language tag such as en or pt-BR"));
                    }
                    config.lang = Some(value.to_owned());
                }
                "links" => {
                    config.links = match value {
                        "auto" => true,
                        "off" => false,
                        _ => return Err(invalid(name, value, "auto or off")),
                    }
                }
                "local-time" => {
                    config.local_time = match value {
                        "auto" => true,
                        "off" => false,
                        _ => return Err(invalid(name, value, "auto or off")),
                    }
                }
                "group" | "channel" => {
                    let kind = if name == "group" {
                        TeamKind::Group
                    } else {
                        TeamKind::Channel
                    };
                    let team = Team::parse(kind, value)?;
                    if config.team.as_ref().is_some_and(|t| t.kind != kind) {
                        return Err(invalid(name, value, "either group or channel, not both"));
                    }
                    config.team = Some(team);
                }
                _ => {}
            }
        }
        if let (Some(team), Names::Off) = (&config.team, config.names) {
            return Err(ConfigError {
                option: team.kind.option().into(),
                value: Some(team.key.to_string()),
                expected: "names=auto: members are matched to presence through /users".into(),
            });
        }
        let proxy = proxy.ok_or_else(|| ConfigError {
            option: "proxy".into(),
            value: None,
            expected: "the URL of a proxy that forwards to a Zulip server's /api/v1".into(),
        })?;
        config.proxy = check_proxy(&proxy)?;
        Ok(config)
    }

    /// Where presence is fetched from.
    pub fn presence_url(&self) -> String {
        format!("{}/realm/presence", self.proxy)
    }

    /// Where names are fetched from.
    pub fn users_url(&self) -> String {
        format!("{}/users?client_gravatar=false", self.proxy)
    }

    /// Where the server's version is read from (once), for its offline threshold.
    pub fn server_settings_url(&self) -> String {
        format!("{}/server_settings", self.proxy)
    }
}

fn invalid(option: &str, value: &str, expected: &str) -> ConfigError {
    ConfigError {
        option: option.into(),
        value: Some(value.into()),
        expected: expected.into(),
    }
}

const DAY: u32 = 86_400;

fn seconds(option: &str, value: &str, min: u32, max: u32) -> Result<u32, ConfigError> {
    value
        .parse::<u32>()
        .ok()
        .filter(|s| (min..=max).contains(s))
        .ok_or_else(|| {
            invalid(
                option,
                value,
                &format!("a whole number of seconds from {min} to {max}"),
            )
        })
}

/// A proxy is an `http(s)://` URL or a path from this site's root (`/api/v1`); never
/// another scheme, a query or a fragment (the widget appends paths to it), never
/// `//host` (another site, written like a path: `?proxy=//evil.example/api/v1` on the
/// standalone page) and never a page-relative path (another URL on every page).
fn check_proxy(value: &str) -> Result<String, ConfigError> {
    let expected = "an http(s) URL or a path from the site's root, such as /api/v1, with no ? or #";
    let lower = value.to_ascii_lowercase();
    let absolute_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let path_ok = value.starts_with('/') && !value.starts_with("//");
    let host_missing = value
        .split_once("://")
        .is_some_and(|(_, rest)| rest.is_empty() || rest.starts_with('/'));
    if !(path_ok || (absolute_ok && !host_missing))
        || value.contains(['?', '#', ' ', '"', '<', '>', '\\'])
        || value.chars().any(char::is_control)
    {
        return Err(invalid("proxy", value, expected));
    }
    Ok(value.trim_end_matches('/').to_owned())
}

/// `offline-threshold` → `offlineThreshold`: an attribute's name as the JS API spells it.
pub fn camel_case(attribute: &str) -> String {
    let mut out = String::with_capacity(attribute.len());
    let mut upper = false;
    for c in attribute.chars() {
        match c {
            '-' => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// `offlineThreshold` → `offline-threshold`: the JS API's spelling to the attribute's.
pub fn attribute_name(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 2);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Checks JS API option names: a misspelt option is an error there (an attribute the
/// widget does not know is simply not its business).
pub fn check_option_name(camel: &str) -> Result<String, ConfigError> {
    let name = attribute_name(camel);
    if OPTION_NAMES.contains(&name.as_str()) && !camel.contains('-') {
        Ok(name)
    } else {
        let known: Vec<String> = OPTION_NAMES.iter().map(|n| camel_case(n)).collect();
        Err(ConfigError {
            option: camel.to_owned(),
            value: None,
            expected: format!("a known option: {}", known.join(", ")),
        })
    }
}
