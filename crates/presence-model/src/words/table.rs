//! Every string the roster shows, declared once: each entry below makes the field of
//! [`Words`], its key in a words file (`lang/*.json`, the field's name) and its English
//! text ([`EN`]). German ([`super::german`]) and the words files translate them.

use super::plural::Plural;
use crate::domain::client::ClientKind;
use crate::domain::status::Status;
use crate::protocol::privacy::Privacy;

/// Where a words file's value goes in [`Words`] (the table declares one per field).
pub(super) enum Slot {
    Text(fn(&mut Words) -> &mut &'static str),
    List(fn(&mut Words) -> &mut [&'static str]),
    Plural(fn(&mut Words) -> &mut Plural),
}

/// Declares [`Words`], [`EN`] and the words-file keys (`SLOTS`) from one list:
/// `Kind field: Type = English`, where `Kind` says how a words file gives the value
/// (`Text`, `List` of a fixed length, or `Plural` forms).
macro_rules! words {
    ($($(#[$doc:meta])* $kind:ident $field:ident: $ty:ty = $english:expr,)*) => {
        /// Every sentence and label the roster shows, in one language. `{n}`, `{status}`
        /// and the like are filled in by [`fill`](super::locale::fill).
        ///
        /// A words file deserializes into it borrowing from the file's text, which the
        /// widget keeps for the page's life ([`Words::from_json`]): one allocation per
        /// language, and no copy of each string.
        #[derive(Debug, Clone, Copy, serde::Serialize)]
        pub struct Words {
            $($(#[$doc])* pub $field: $ty,)*
        }

        /// English.
        pub static EN: Words = Words { $($field: $english,)* };

        /// Every field of [`Words`] by its key in a words file, walked by one loop.
        pub(super) static SLOTS: &[(&str, Slot)] =
            &[$((stringify!($field), Slot::$kind(|words| &mut words.$field)),)*];
    };
}

words! {
    /// Status labels: active, idle, offline.
    List statuses: [&'static str; 3] = ["Active", "Idle", "Offline"],
    /// "{active} active · {idle} idle · {offline} offline".
    Text counts: &'static str = "{active} active · {idle} idle · {offline} offline",
    /// The search box's label.
    Text search: &'static str = "Search people",
    /// The list's label.
    Text people: &'static str = "People",
    /// The widget's label.
    Text region: &'static str = "Who's online",
    /// Before the first answer.
    Text loading: &'static str = "Loading who's online…",
    /// A search that matches nobody.
    Text no_match: &'static str = "No matching users.",
    /// Nobody listed (offline people hidden).
    Text no_active: &'static str = "No active users.",
    /// "{n} offline not listed; search to find them."
    Text hidden_offline_search: &'static str = "{n} offline not listed; search to find them.",
    /// "{n} offline not listed."
    Text hidden_offline: &'static str = "{n} offline not listed.",
    /// "{n} more not listed."
    Text cut: &'static str = "{n} more not listed.",
    /// `presences: {}`.
    Text empty: &'static str = "Presence is disabled for this organization, or nobody has been online in the last 2 weeks.",
    /// "Active now".
    Text active_now: &'static str = "Active now",
    /// "Active {n} minutes ago" (Zulip's words, `timerender.ts`, and its translations
    /// in `locale/*/translations.json`).
    Text active_minutes_ago: &'static str = "Active {n} minutes ago",
    /// "Active an hour ago".
    Text active_an_hour_ago: &'static str = "Active an hour ago",
    /// "Active {n} hours ago".
    Text active_hours_ago: &'static str = "Active {n} hours ago",
    /// "Active yesterday".
    Text active_yesterday: &'static str = "Active yesterday",
    /// "Active {n} days ago".
    Text active_days_ago: &'static str = "Active {n} days ago",
    /// "Active {date}".
    Text active_on: &'static str = "Active {date}",
    /// No presence at all.
    Text not_recently: &'static str = "Not active in the last 2 weeks",
    /// After a guest's name (Zulip's buddy list, `people.should_add_guest_user_indicator`).
    Text guest: &'static str = "(guest)",
    /// "just now", for "Last updated just now".
    Text just_now: &'static str = "just now",
    /// "Last updated {ago}; retrying… {failure}".
    Text stale: &'static str = "Last updated {ago}; retrying… {failure}",
    /// "Last updated {ago}; retrying in {n} s. {failure}".
    Text stale_rate_limited: &'static str = "Last updated {ago}; retrying in {n} s. {failure}",
    /// "{failure} Retrying in {n} s."
    Text failed: &'static str = "{failure} Retrying in {n} s.",
    /// The proxy URL answered with a web page.
    Text wrong_url_page: &'static str = "The proxy URL looks wrong: it answered with a web page (HTTP {status}), not Zulip's JSON. Check the proxy setting.",
    /// The proxy URL answered 404 (or another status) without Zulip's JSON.
    Text wrong_url_status: &'static str = "The proxy URL looks wrong: it answered HTTP {status} Not Found. Check the proxy setting.",
    /// Credentials refused: the sentence's start.
    Text refused: &'static str = "The Zulip server refused the proxy's credentials",
    /// … the account is deactivated.
    Text refused_user_deactivated: &'static str = ": the proxy's account is deactivated",
    /// … the organization is deactivated.
    Text refused_realm_deactivated: &'static str = ": the organization is deactivated",
    /// 429.
    Text rate_limited: &'static str = "Zulip is rate-limiting the proxy.",
    /// 5xx.
    Text down_status: &'static str = "The proxy or the Zulip server is not working (HTTP {status}).",
    /// No answer.
    Text down_network: &'static str = "The proxy cannot be reached (network error).",
    /// Timeout.
    Text down_timeout: &'static str = "The proxy did not answer within {n} s.",
    /// Another Zulip refusal.
    Text rejected: &'static str = "The Zulip server rejected the request (HTTP {status}, {code}: {msg}).",
    /// Unreadable answer.
    Text malformed: &'static str = "The proxy's answer could not be read: {error}.",
    /// An answer over the size limit ("{n}" MiB).
    Text too_large: &'static str = "The proxy's answer is too large to read (over {n} MB).",
    /// The `group` option names no group: "{name}".
    Text no_such_group: &'static str = "There is no user group \"{name}\" in this organization. Check the group setting.",
    /// The `channel` option names no channel the proxy's account sees: "{name}".
    Text no_such_channel: &'static str = "There is no channel \"{name}\" that the proxy's account can see. Check the channel setting.",
    /// Zulip refuses the proxy's account the user groups: "{msg}" is Zulip's message.
    Text groups_refused: &'static str = "Zulip does not let the proxy's account read user groups (BAD_REQUEST: {msg}). Group rosters need the proxy to hold a member's API key, not a bot's.",
    /// The same, from Zulip 12.0 on, where bots may read groups: the account is a guest's.
    Text groups_refused_guest: &'static str = "Zulip does not let the proxy's account read user groups (BAD_REQUEST: {msg}). Group rosters need the proxy to hold the API key of a member or a bot, not a guest's.",
    /// A team roster on a proxy that sends counts only.
    Text teams_hidden: &'static str = "This organization's proxy shows how many people are online, not who, so team rosters are not available. Remove the group or channel setting.",
    /// The proxy could not apply its privacy setting to Zulip's answer and sent nothing.
    Text privacy_failed: &'static str = "The proxy could not apply its privacy setting to Zulip's answer, so it sent nothing. Its administrator will find why in nginx's error log.",
    /// The proxy hides email addresses (privacy setting `no-emails`).
    Text privacy_no_emails: &'static str = "This organization's proxy hides email addresses.",
    /// The proxy sends counts only (privacy setting `counts`).
    Text privacy_counts: &'static str = "This organization's proxy shows how many people are online, not who.",
    /// A row's link: "Send {name} a direct message in Zulip (new tab)".
    Text message_in_zulip: &'static str = "Send {name} a direct message in Zulip (new tab)",
    /// The header's link to the organization.
    Text open_zulip: &'static str = "Open Zulip (new tab)",
    /// A colleague's clock: "{time} local time".
    Text local_time: &'static str = "{time} local time",
    /// "{n} person came online" / "{n} people came online".
    Plural came_online: Plural = Plural::one_other("{n} person came online", "{n} people came online"),
    /// "… went idle".
    Plural went_idle: Plural = Plural::one_other("{n} person went idle", "{n} people went idle"),
    /// "… went offline".
    Plural went_offline: Plural = Plural::one_other("{n} person went offline", "{n} people went offline"),
    /// Client kinds: web, desktop, mobile, terminal, api, unknown.
    List clients: [&'static str; 6] = ["Web", "Desktop app", "Mobile app", "Terminal", "Python / API", "Other app"],
}

impl Words {
    /// What the widget says about the proxy's privacy setting; nothing for full.
    pub fn privacy_note(&self, privacy: Privacy) -> Option<&'static str> {
        match privacy {
            Privacy::Full => None,
            Privacy::NoEmails => Some(self.privacy_no_emails),
            Privacy::Counts => Some(self.privacy_counts),
        }
    }

    /// The label of a status.
    pub fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Active => self.statuses[0],
            Status::Idle => self.statuses[1],
            Status::Offline => self.statuses[2],
        }
    }

    /// The label of a client kind.
    pub fn client(&self, kind: ClientKind) -> &'static str {
        let i = match kind {
            ClientKind::Web => 0,
            ClientKind::Desktop => 1,
            ClientKind::Mobile => 2,
            ClientKind::Terminal => 3,
            ClientKind::Api => 4,
            ClientKind::Unknown => 5,
        };
        self.clients[i]
    }
}
