//! One person on the roster: what a row shows of them.

use crate::domain::client::ClientKind;
use crate::domain::last_active::LastActive;
use crate::domain::search::Fold;
use crate::domain::search::Search;
use crate::domain::search::SearchKey;
use crate::domain::status::PresenceTimes;
use crate::domain::status::Status;
use crate::protocol::presence::ClientName;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// A person's search key, made on first use. It is derived from the person, so two
/// people are equal whether or not theirs has been made yet.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchCache(OnceCell<SearchKey>);

impl PartialEq for SearchCache {
    fn eq(&self, _: &SearchCache) -> bool {
        true
    }
}

impl Eq for SearchCache {}

/// One row of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The presence key: the user's API email.
    pub email: String,
    /// Their full name, when the directory knows it.
    pub name: Option<String>,
    /// Zulip's user id, when the directory knows them (a direct message's address).
    pub user_id: Option<i64>,
    /// Their avatar, when the directory has one.
    pub avatar_url: Option<String>,
    /// A guest, by the directory.
    pub guest: bool,
    /// Their IANA time zone, when they set one.
    pub timezone: Option<String>,
    /// Client names they have entries for, `aggregated` excluded, in name order.
    pub clients: Vec<ClientName>,
    /// The timestamps their status is derived from.
    pub times: PresenceTimes,
    /// Their status at the roster's last (re-)ageing.
    pub status: Status,
    /// Lowercased name and email, computed at the first search and kept, so typing into
    /// the search box over 50k rows allocates nothing after the first key, and a roster
    /// nobody searches never pays for it (10,000 allocations per poll at 10k).
    pub(crate) search_key: SearchCache,
    /// Position of the display name in name order (equal names share a rank), computed
    /// once per build so re-sorting as statuses change compares integers, not names.
    pub(crate) rank: u32,
}

impl Person {
    /// The name to show: the full name, or the email when no name is known.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.email)
    }

    /// The kinds of app they are on, each once, in [`ClientKind`] order.
    pub fn client_kinds(&self) -> Vec<ClientKind> {
        let kinds: BTreeSet<ClientKind> = self.clients.iter().map(|c| ClientKind::of(c)).collect();
        kinds.into_iter().collect()
    }

    /// "Last active" at server time `now`.
    pub fn last_active(&self, now: f64, utc_offset_secs: i32) -> LastActive {
        LastActive::of(&self.times, self.status, now, utc_offset_secs)
    }

    /// Whether a row for `other` would look the same as one for `self`: the same person,
    /// name, avatar, apps and status, and for offline people the same "last active".
    /// Newer timestamps alone (an active user pinging again) change nothing on screen.
    pub fn same_view(&self, other: &Person) -> bool {
        self.email == other.email
            && self.user_id == other.user_id
            && self.name == other.name
            && self.guest == other.guest
            && self.avatar_url == other.avatar_url
            && self.clients == other.clients
            && self.status == other.status
            && (self.status != Status::Offline
                || self.times.last_seen(self.status) == other.times.last_seen(other.status))
    }

    /// Whether `search` finds them (Zulip's rules, [`crate::domain`]).
    pub(crate) fn matches(&self, search: &Search, fold: Fold<'_>) -> bool {
        let key = self
            .search_key
            .0
            .get_or_init(|| SearchKey::new(self.name.as_deref(), &self.email, fold));
        search.matches(key)
    }
}
